import { Command } from 'commander';
import { writeRedactedBundle } from '../../collect/redacted-bundle';
import { kindTitle } from '../../core/report/words';
import { CliError, EXIT, type CliIo } from '../context';
import { loadRawBundle } from '../load';

export function redactCommand(io: CliIo): Command {
  return new Command('redact')
    .description(
      'Write a copy of a bundle with host, domain, user and container names, registries, IP and MAC addresses replaced, and environment values removed',
    )
    .argument('<bundle>', 'bundle folder or .zip')
    .requiredOption('--out <zip>', 'the redacted bundle: a file ending in .zip (or a folder); must not exist')
    .addHelpText(
      'after',
      [
        '',
        'The copy keeps the bundle layout, so Hostscope (or a support engineer) opens it like the original. The',
        'pseudonyms (host-1, ip-1, container-1 ...) are the same as in `hostscope report` of the same bundle.',
        'Files that are neither JSON nor text are left out. Exit codes: 0 written, 1 failed, 2 usage, 3 unreadable bundle.',
        'Example: hostscope redact host.zip --out host-redacted.zip',
      ].join('\n'),
    )
    .action(async (bundle: string, flags: { readonly out: string }) => {
      const raw = await loadRawBundle(bundle);
      const result = await writeRedactedBundle(raw, flags.out).catch((error: unknown) => {
        throw new CliError(
          `cannot write ${flags.out}: ${error instanceof Error ? error.message : String(error)}`,
          EXIT.failed,
        );
      });
      const { summary, dropped, redactedAsText } = result.redacted;
      const lines = [
        `wrote ${result.written.path}: ${result.written.files} files, ${result.written.bytes} bytes`,
        ...summary.rows.map((r) => `  ${kindTitle(r.kind)}: ${r.values} distinct, ${r.occurrences} replaced`),
        ...(summary.rows.length === 0 ? ['  nothing needed replacing'] : []),
        ...[...dropped, ...result.unlisted].map(
          (f) => `  left out: ${f} (not JSON or text, or no probe lists it)`,
        ),
        ...redactedAsText.map((f) => `  ${f} is not valid JSON: redacted as text`),
      ];
      io.out(`${lines.join('\n')}\n`);
    });
}
