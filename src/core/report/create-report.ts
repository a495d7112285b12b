// One call from a host model to a finished (optionally redacted) report document: what the CLI and the app's
// export both use, so a report reads the same from either.
import type { HostModel } from '../../shared/model';
import { findContainer } from '../diagnosis';
import {
  createRedactor,
  redactionKey,
  redactModel,
  seedsFromModel,
  type RedactionKey,
  type RedactionSeed,
} from '../redact';
import { buildReport, type ReportOptions, type ReportOutcome } from './build-report';
import type { ReportDocument } from './document';
import { redactReport } from './redact-report';

export interface CreateReportOptions extends ReportOptions {
  readonly redact: boolean;
  /**
   * Seeds taken from the raw bundle (seedsFromBundle), where the caller has it: they include environment values
   * and give the same pseudonyms as `hostscope redact` of that bundle. Without them, the model's own are used.
   */
  readonly seeds?: readonly RedactionSeed[];
}

/** A report, and for a redacted one the key of its pseudonyms (for a file beside the report, never inside it). */
export type CreateReportOutcome =
  | Exclude<ReportOutcome, { readonly kind: 'ok' }>
  | { readonly kind: 'ok'; readonly document: ReportDocument; readonly key: RedactionKey | null };

export function createReport(model: HostModel, options: CreateReportOptions): CreateReportOutcome {
  if (!options.redact) {
    const outcome = buildReport(model, options);
    return outcome.kind === 'ok' ? { ...outcome, key: null } : outcome;
  }
  // The admin names containers as they are: the scope is resolved on the real names, then passed on by id.
  const ids: string[] = [];
  for (const ref of options.containers ?? []) {
    const lookup = findContainer(model, ref);
    if (lookup.kind === 'not-found') return { kind: 'not-found', ref };
    if (lookup.kind === 'ambiguous')
      return {
        kind: 'ambiguous',
        ref,
        candidates: lookup.candidates.map((c) => ({ id: c.id, name: c.name })),
      };
    ids.push(lookup.container.id);
  }
  // Names are replaced in the model, so the diagnosis writes its sentences around pseudonyms and no word of
  // them is touched (issue 11, item 3); addresses follow on the finished document. A correlation the caller made
  // of the real model holds real names, so it is made again.
  const redactor = createRedactor(options.seeds ?? seedsFromModel(model));
  const { correlation: _real, containers: _refs, ...rest } = options;
  const outcome = buildReport(redactModel(model, redactor), {
    ...rest,
    ...(ids.length > 0 ? { containers: ids } : {}),
  });
  if (outcome.kind !== 'ok') return outcome;
  const document = redactReport(outcome.document, redactor);
  return { kind: 'ok', document, key: redactionKey(model.bundle.source, redactor.key()) };
}
