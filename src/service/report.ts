// Exporting a report, for the app's `report:export` channel and the CLI's `hostscope report`: the same document,
// the same renderers, the same redaction. Printing to PDF is handed in by the shell (Electron's printToPDF in the
// app, Chromium through playwright-core in the CLI), so this file needs neither.
import {
  createReport,
  renderReportHtml,
  renderReportJson,
  renderReportMarkdown,
  type ReportDetail,
  type ReportDocument,
} from '../core/report';
import type { RedactionKey, RedactionSeed } from '../core/redact';
import type { Correlation } from '../core/diagnosis';
import { fail, ok, type Result } from '../shared/ipc';
import type { HostModel } from '../shared/model';
import type { ReportFormat } from '../shared/views';
import { runOffThread } from './off-thread';
import { ambiguousMessage } from './resolve';
import type { ReportDocument as ServiceReport } from './service';

/**
 * Prints the report's HTML to PDF; `title` goes in the page header. When `signal` aborts, the printer is ended
 * (its browser closed) before the promise rejects: a cancelled export leaves no browser running.
 */
export type PrintPdf = (html: string, title: string, signal?: AbortSignal) => Promise<Uint8Array>;

export interface ExportReportOptions {
  readonly format: ReportFormat;
  /** On for anything meant for sharing; the app's checkbox and the CLI's --redact default to it. */
  readonly redact: boolean;
  /** Container names, ids or unique id prefixes; the whole host when absent or empty. */
  readonly containers?: readonly string[];
  /** `problems` keeps only what fails in the details (issue 11); `all` by default. */
  readonly detail?: ReportDetail;
  readonly now?: Date;
  /** Seeds from the raw bundle where the shell has it (environment values; the same pseudonyms as `hostscope redact`). */
  readonly seeds?: readonly RedactionSeed[];
  readonly correlation?: Correlation;
  /** Required for `pdf`. */
  readonly printPdf?: PrintPdf;
  /** Cancels the export between its phases (building, rendering) and during printing, which ends the printer. */
  readonly signal?: AbortSignal;
  /** Hears each phase as it starts. */
  readonly progress?: (message: string) => void;
}

export interface ExportedReport {
  /** A suggested file name: host (its pseudonym when redacted) and collection date. */
  readonly fileName: string;
  readonly mediaType: string;
  readonly bytes: Uint8Array;
  readonly document: ReportDocument;
  /** For a redacted report, what its pseudonyms stand for: to be kept beside the file, never shared with it. */
  readonly key: RedactionKey | null;
}

export const REPORT_MEDIA_TYPES: Readonly<Record<ReportFormat, string>> = {
  html: 'text/html;charset=utf-8',
  md: 'text/markdown;charset=utf-8',
  json: 'application/json',
  pdf: 'application/pdf',
};

/** `hostscope-report-<host>-<yyyy-mm-dd>.<ext>`, with only characters every file system takes. */
export function reportFileName(document: ReportDocument, format: ReportFormat): string {
  const host =
    (document.host.computerName ?? 'host').replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60) || 'host';
  const day = (document.bundle.collectedAt ?? document.generatedAt).slice(0, 10).replace(/[^0-9-]/g, '');
  return `hostscope-report-${host}${day ? `-${day}` : ''}${document.redaction ? '-redacted' : ''}.${format}`;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const cancelled = (): Result<never> => fail('cancelled', 'Export was cancelled.');
const noPrinter = (): Result<never> =>
  fail('unavailable', 'PDF export needs a browser engine to print with; export HTML and print it instead.');

export async function exportReport(
  model: HostModel,
  options: ExportReportOptions,
): Promise<Result<ExportedReport>> {
  options.progress?.('Building the report');
  const outcome = createReport(model, {
    generatedAt: (options.now ?? new Date()).toISOString(),
    redact: options.redact,
    ...(options.containers ? { containers: options.containers } : {}),
    ...(options.detail ? { detail: options.detail } : {}),
    ...(options.seeds ? { seeds: options.seeds } : {}),
    ...(options.correlation ? { correlation: options.correlation } : {}),
  });
  switch (outcome.kind) {
    case 'not-found':
      return fail(
        'not-found',
        `No container "${outcome.ref}" in this bundle; give a name, a full id or a unique id prefix.`,
      );
    case 'ambiguous':
      return fail('ambiguous', ambiguousMessage(outcome.ref, outcome.candidates));
    case 'ok':
      break;
  }
  const document = outcome.document;
  // Building is synchronous: let a cancel request that arrived meanwhile be handled before rendering.
  await nextTurn();
  if (options.signal?.aborted) return cancelled();
  options.progress?.(`Rendering the ${options.format.toUpperCase()} report`);
  const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
  let bytes: Uint8Array;
  switch (options.format) {
    case 'html':
      bytes = encode(renderReportHtml(document));
      break;
    case 'md':
      bytes = encode(renderReportMarkdown(document));
      break;
    case 'json':
      bytes = encode(renderReportJson(document));
      break;
    case 'pdf':
      if (!options.printPdf) return noPrinter();
      {
        const html = renderReportHtml(document);
        // Printing is the longest phase: do not start it for an export the user already cancelled.
        await nextTurn();
        if (options.signal?.aborted) return cancelled();
        try {
          bytes = await options.printPdf(html, document.title, options.signal);
        } catch (error) {
          if (options.signal?.aborted) return cancelled();
          throw error;
        }
      }
      break;
  }
  // Rendering is synchronous too: a cancel that arrived meanwhile wins over handing the bytes on to be saved.
  await nextTurn();
  if (options.signal?.aborted) return cancelled();
  return ok({
    fileName: reportFileName(document, options.format),
    mediaType: REPORT_MEDIA_TYPES[options.format],
    bytes,
    document,
    key: outcome.key,
  });
}

/**
 * The app's export and preview (`report:export`, `report:preview`): the report of the open bundle is made in a
 * worker thread, so the service answers other requests meanwhile and a cancel ends it at once; a PDF is then
 * printed here by the shell's printer.
 */
export async function exportReportOffThread(
  model: HostModel,
  options: Pick<ExportReportOptions, 'format' | 'redact' | 'detail' | 'printPdf' | 'progress'> & {
    readonly signal: AbortSignal;
  },
): Promise<Result<ServiceReport>> {
  if (options.format === 'pdf' && !options.printPdf) return noPrinter();
  const made = await runOffThread(
    {
      kind: 'report',
      bundle: model.bundle,
      format: options.format,
      redact: options.redact,
      now: new Date(),
      ...(options.detail ? { detail: options.detail } : {}),
    },
    options.signal,
    options.progress,
  );
  if (!made.ok || options.format !== 'pdf' || !options.printPdf) return made;
  const { title, bytes } = made.value;
  options.progress?.('Printing the PDF');
  try {
    return ok({
      ...made.value,
      bytes: await options.printPdf(new TextDecoder().decode(bytes), title, options.signal),
    });
  } catch (error) {
    if (options.signal.aborted) return cancelled();
    throw error;
  }
}
