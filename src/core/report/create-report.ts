// One call from a host model to a finished (optionally redacted) report document: what the CLI and the app's
// export both use, so a report reads the same from either.
import type { HostModel } from '../../shared/model';
import { createRedactor, seedsFromModel, type RedactionSeed } from '../redact';
import { buildReport, type ReportOptions, type ReportOutcome } from './build-report';
import { redactReport } from './redact-report';

export interface CreateReportOptions extends ReportOptions {
  readonly redact: boolean;
  /**
   * Seeds taken from the raw bundle (seedsFromBundle), where the caller has it: they include environment values
   * and give the same pseudonyms as `hostscope redact` of that bundle. Without them, the model's own are used.
   */
  readonly seeds?: readonly RedactionSeed[];
}

export function createReport(model: HostModel, options: CreateReportOptions): ReportOutcome {
  const outcome = buildReport(model, options);
  if (outcome.kind !== 'ok' || !options.redact) return outcome;
  const redactor = createRedactor(options.seeds ?? seedsFromModel(model));
  return { kind: 'ok', document: redactReport(outcome.document, redactor) };
}
