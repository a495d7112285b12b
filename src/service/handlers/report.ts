// Reports of the open bundle: the Markdown preview, the export (saved through the shell or downloaded) and
// cancelling an export, which ends its PDF print and writes nothing.

import { redactionKeyPath, writeRedactionKey } from '../../collect/redaction-key';
import { errorMessage } from '../../shared/error-message';
import { fail, ok, type Result } from '../../shared/ipc';
import type { ExportOutcome } from '../../shared/views';
import type { Analysis } from '../analysis';
import type { ReportDocument, ReportPort } from '../service';
import type { AreaHandlers, ServiceContext } from './context';

/** A preview shows the start of the report; a 1,000-container host's whole report would only slow the dialog. */
const PREVIEW_CHARS = 60_000;

export function reportHandlers(
  context: ServiceContext,
): AreaHandlers<'report:export' | 'report:preview' | 'report:cancel'> {
  const { options } = context;
  /** The shell's report renderer and the open bundle, or why there is nothing to report. */
  const reportable = (): Result<{ readonly report: ReportPort; readonly analysis: Analysis }> => {
    const report = options.report;
    if (!report) return fail('unavailable', 'Report export is not part of this build.');
    const analysis = context.current();
    if (analysis === null) return fail('no-bundle', 'No bundle is open: there is nothing to report on.');
    return ok({ report, analysis });
  };
  // The dialog asks for a new preview when its choices change: the one it no longer shows is not finished.
  let previewing: AbortController | null = null;
  return {
    'report:export': async (r) => {
      const ready = reportable();
      if (!ready.ok) return ready;
      const { report, analysis } = ready.value;
      const exported = await context.running<ExportOutcome>('export', r.operationId, async (op) => {
        op.progress(`Rendering the ${r.format.toUpperCase()} report`, 0, 2);
        let rendered: Result<ReportDocument>;
        try {
          rendered = await report(analysis, {
            format: r.format,
            redact: r.redact,
            ...(r.scope ? { scope: r.scope } : {}),
            signal: op.signal,
            progress: (message) => op.progress(message, 0, 2),
          });
        } catch (error) {
          if (op.signal.aborted) return fail('cancelled', 'Export was cancelled.');
          return fail('failed', `The ${r.format} report could not be made: ${errorMessage(error)}`);
        }
        if (!rendered.ok) return rendered;
        const document = rendered.value;
        op.progress('Saving', 1, 2);
        if (!options.shell.saveFile) {
          return ok({
            kind: 'download',
            fileName: document.fileName,
            mediaType: document.mediaType,
            base64: Buffer.from(document.bytes).toString('base64'),
          });
        }
        const saved = await options.shell.saveFile(document.fileName, document.bytes, op.signal);
        if (saved !== null && document.key)
          await writeRedactionKey(redactionKeyPath(saved), document.key, false).catch((error: unknown) => {
            throw new Error(`the report is saved, but not its key: ${errorMessage(error)}`);
          });
        return ok(saved === null ? { kind: 'cancelled' } : { kind: 'saved', path: saved });
      });
      // A cancelled export is an outcome the user chose, like closing the save dialog: not an error to show.
      return !exported.ok && exported.error.code === 'cancelled' ? ok({ kind: 'cancelled' }) : exported;
    },
    'report:preview': async (r) => {
      const ready = reportable();
      if (!ready.ok) return ready;
      const { report, analysis } = ready.value;
      previewing?.abort(new Error('a newer preview was asked for'));
      const controller = new AbortController();
      previewing = controller;
      // The same document and redaction as the export, rendered as Markdown: readable as plain text.
      let rendered: Result<ReportDocument>;
      try {
        rendered = await report(analysis, {
          format: 'md',
          redact: r.redact,
          ...(r.scope ? { scope: r.scope } : {}),
          signal: AbortSignal.any([controller.signal, context.operations.stopping]),
        });
      } catch (error) {
        if (context.operations.stopping.aborted) return fail('cancelled', 'The service is stopping.');
        if (controller.signal.aborted) return fail('cancelled', 'A newer preview replaced this one.');
        throw error;
      } finally {
        if (previewing === controller) previewing = null;
      }
      if (!rendered.ok) return rendered;
      const markdown = new TextDecoder().decode(rendered.value.bytes);
      const truncated = markdown.length > PREVIEW_CHARS;
      return ok({ markdown: truncated ? markdown.slice(0, PREVIEW_CHARS) : markdown, truncated });
    },
    'report:cancel': async (r) => ok({ cancelled: context.operations.cancel(r.operationId) }),
  };
}
