import { Command, Option } from 'commander';
import { writeFileAtomic } from '../../collect/atomic-write';
import { ChromiumNotFoundError, renderPdf } from '../../collect/pdf';
import { redactionKeyPath, writeRedactionKey } from '../../collect/redaction-key';
import { seedsFromBundle } from '../../core/redact';
import { exportReport } from '../../service/report';
import type { ReportFormat } from '../../shared/views';
import { errorMessage } from '../../shared/error-message';
import { CliError, EXIT, type CliIo } from '../context';
import { loadRawAndModel } from '../load';

interface ReportFlags {
  readonly format: ReportFormat;
  readonly out?: string;
  /** Commander leaves it undefined when neither --redact nor --no-redact is given: redaction stays on. */
  readonly redact?: boolean;
  readonly container?: readonly string[];
  readonly key?: string;
  readonly scope: 'problems' | 'all';
}

const collect = (value: string, previous: readonly string[] | undefined): readonly string[] => [
  ...(previous ?? []),
  value,
];

export function reportCommand(io: CliIo): Command {
  return new Command('report')
    .description(
      'Write a diagnostic report of a bundle: HTML, PDF, Markdown or JSON, redacted for sharing by default',
    )
    .argument('<bundle>', 'bundle folder or .zip')
    .addOption(
      new Option('--format <format>', 'report format').choices(['html', 'pdf', 'md', 'json']).default('html'),
    )
    .option('--out <file>', 'file to write (default: standard output; required for pdf)')
    .option(
      '--redact',
      'replace host, domain, user and container names, registries, IP and MAC addresses by pseudonyms (the default)',
    )
    .option('--no-redact', 'keep every name and address as collected (for your own use, not for sharing)')
    .addOption(
      new Option('--scope <scope>', 'details of every container and path, or only of those with a problem')
        .choices(['problems', 'all'])
        .default('all'),
    )
    .option(
      '--key <file>',
      'where to write the key of the pseudonyms (default: <name>.key.json beside --out; none for standard output)',
    )
    .option(
      '--container <ref>',
      'limit the report to this container (name, id or unique id prefix); repeat for more',
      collect,
    )
    .addHelpText(
      'after',
      [
        '',
        'Redaction is ON by default for every format: names become host-1, ip-1, container-1 ... consistently',
        'through the report, environment values never appear, and a summary at the end counts what was replaced.',
        'The key <name>.key.json beside the report maps pseudonyms back (hostscope redact --reveal <key> <text>);',
        'it is never part of the report: keep it, send only the report.',
        'PDF needs Chromium, Chrome or Edge (HOSTSCOPE_CHROMIUM=<path> to choose one).',
        'Exit codes: 0 written, 1 failed (e.g. no browser for PDF) or interrupted while writing (Ctrl+C, SIGTERM: no',
        'half or temporary file is left), 2 usage, 3 unreadable bundle, 4 container not found.',
        'Examples:',
        '  hostscope report host.zip --format html --out host.html',
        '  hostscope report host.zip --format md --container web --container db',
        '  hostscope report host.zip --format pdf --out host.pdf --no-redact',
        '  hostscope report big-host.zip --scope problems --out problems.html',
      ].join('\n'),
    )
    .action(async (bundle: string, flags: ReportFlags) => {
      if (flags.format === 'pdf' && flags.out === undefined)
        throw new CliError('--format pdf needs --out <file>: a PDF is not printed to a terminal', EXIT.usage);
      const redact = flags.redact !== false;
      const { raw, model } = await loadRawAndModel(bundle);
      const result = await exportReport(model, {
        format: flags.format,
        redact,
        detail: flags.scope,
        ...(flags.container ? { containers: flags.container } : {}),
        ...(redact ? { seeds: seedsFromBundle(raw) } : {}),
        printPdf: async (html, title) => {
          try {
            return await renderPdf(html, { title });
          } catch (error) {
            if (error instanceof ChromiumNotFoundError) throw new CliError(error.message, EXIT.failed);
            throw error;
          }
        },
      });
      if (!result.ok) {
        throw new CliError(
          result.error.message,
          result.error.code === 'not-found' || result.error.code === 'ambiguous'
            ? EXIT.notFound
            : EXIT.failed,
        );
      }
      const { bytes, document, key } = result.value;
      const keyPath = flags.key ?? (flags.out === undefined ? undefined : redactionKeyPath(flags.out));
      // Ctrl+C or SIGTERM while writing ends the writes: no half file and no hidden temporary file is left (the
      // handlers are set only now: during the synchronous build the default, ending at once, is the right one).
      const interrupt = new AbortController();
      const stop = (signal: NodeJS.Signals): void => void interrupt.abort(signal);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const written: string[] = [];
      const write = async (path: string, writing: (signal: AbortSignal) => Promise<void>): Promise<void> => {
        try {
          await writing(interrupt.signal);
          written.push(path);
        } catch (error) {
          if (interrupt.signal.aborted) {
            const kept = written.length > 0 ? `; ${written.join(' and ')} was written whole` : '';
            throw new CliError(
              `interrupted (${String(interrupt.signal.reason)}): ${path} was not written${kept}`,
              EXIT.failed,
            );
          }
          const code = (error as NodeJS.ErrnoException).code;
          throw new CliError(
            `cannot write ${path}: ${code === 'ENOENT' ? 'its folder does not exist' : errorMessage(error)}`,
            EXIT.failed,
          );
        }
      };
      try {
        const out = flags.out;
        if (out === undefined) io.out(new TextDecoder().decode(bytes));
        // Through a temporary file: a failed or interrupted write leaves no half report under the asked name.
        else await write(out, (signal) => writeFileAtomic(out, bytes, { signal }));
        // The key goes beside the report, never into it (issue 11, item 3).
        if (key !== null && keyPath !== undefined)
          await write(keyPath, (signal) => writeRedactionKey(keyPath, key, false, signal));
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
      // Interrupted as the last write finished: what was asked was written whole, but the user asked to stop.
      if (interrupt.signal.aborted)
        throw new CliError(
          `interrupted (${String(interrupt.signal.reason)}); ${written.join(' and ')} was written whole`,
          EXIT.failed,
        );
      if (flags.out === undefined) return;
      const replaced = document.redaction
        ? `redacted (${document.redaction.totalOccurrences} replacements; key in ${keyPath})`
        : 'NOT redacted';
      io.err(
        `wrote ${flags.out}: ${flags.format}, ${bytes.length} bytes, ${document.findings.items.length} findings, ${document.reachability.rows.length} reachability checks, ${replaced}\n`,
      );
    });
}
