import { access } from 'node:fs/promises';
import { Command } from 'commander';
import { readRedactionKey, redactionKeyPath, writeRedactionKey } from '../../collect/redaction-key';
import { requireManifest, writeRedactedBundle } from '../../collect/redacted-bundle';
import { BundleError } from '../../core/bundle/errors';
import { revealText } from '../../core/redact';
import { kindTitle } from '../../core/report/words';
import { CliError, EXIT, type CliIo } from '../context';
import { loadRawBundle } from '../load';
import { errorMessage as messageOf } from '../../shared/error-message';

interface RedactFlags {
  readonly out?: string;
  readonly reveal?: string;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

/** `--reveal <key> <text>`: support's answer with the real names back in. */
async function reveal(io: CliIo, keyFile: string, text: string | undefined): Promise<void> {
  if (text === undefined)
    throw new CliError(
      '--reveal needs the text to translate, or - to read it from standard input',
      EXIT.usage,
    );
  const key = await readRedactionKey(keyFile).catch((error: unknown) => {
    throw new CliError(messageOf(error), EXIT.failed);
  });
  const input = text === '-' ? await readStdin() : text;
  const revealed = revealText(input, key);
  io.out(revealed.endsWith('\n') ? revealed : `${revealed}\n`);
}

async function redact(io: CliIo, bundle: string, out: string): Promise<void> {
  const raw = await loadRawBundle(bundle);
  try {
    requireManifest(raw);
  } catch (error) {
    if (error instanceof BundleError) throw new CliError(error.message, EXIT.unreadableBundle);
    throw error;
  }
  const keyPath = redactionKeyPath(out);
  // Checked before the bundle is written: a redacted bundle without its key cannot be translated back.
  if (
    await access(keyPath).then(
      () => true,
      () => false,
    )
  )
    throw new CliError(`cannot write ${keyPath}: it already exists`, EXIT.failed);
  const result = await writeRedactedBundle(raw, out).catch((error: unknown) => {
    throw new CliError(`cannot write ${out}: ${messageOf(error)}`, EXIT.failed);
  });
  await writeRedactionKey(keyPath, result.key, true).catch((error: unknown) => {
    throw new CliError(`cannot write ${keyPath}: ${messageOf(error)}`, EXIT.failed);
  });
  const { summary, dropped, redactedAsText } = result.redacted;
  const lines = [
    `wrote ${result.written.path}: ${result.written.files} files, ${result.written.bytes} bytes`,
    `wrote ${keyPath}: the key to the pseudonyms (keep it; do not send it with the bundle)`,
    ...summary.rows.map((r) => `  ${kindTitle(r.kind)}: ${r.values} distinct, ${r.occurrences} replaced`),
    ...(summary.rows.length === 0 ? ['  nothing needed replacing'] : []),
    ...[...dropped, ...result.unlisted].map(
      (f) => `  left out: ${f} (not JSON or text, or no probe lists it)`,
    ),
    ...redactedAsText.map((f) => `  ${f} is not valid JSON: redacted as text`),
  ];
  io.out(`${lines.join('\n')}\n`);
}

export function redactCommand(io: CliIo): Command {
  return new Command('redact')
    .description(
      'Write a copy of a bundle with host, domain, user, container and service names, registries, IP and MAC addresses replaced, and environment values removed',
    )
    .argument(
      '[bundle]',
      'bundle folder or .zip (with --reveal: the text to translate, or - for standard input)',
    )
    .option('--out <zip>', 'the redacted bundle: a file ending in .zip (or a folder); must not exist')
    .option('--reveal <key>', 'translate pseudonyms in a text back with the key file of a redacted output')
    .addHelpText(
      'after',
      [
        '',
        'The copy keeps the bundle layout, so Hostscope (or a support engineer) opens it like the original. The',
        'pseudonyms (host-1, ip-1, container-1 ...) are the same as in `hostscope report` of the same bundle.',
        'The key <name>.key.json is written beside the copy: it maps the pseudonyms back; keep it to yourself.',
        'Files that are neither JSON nor text, or that no probe owns, are left out.',
        'Exit codes: 0 written, 1 failed, 2 usage, 3 unreadable bundle.',
        'Examples:',
        '  hostscope redact host.zip --out host-redacted.zip',
        '  hostscope redact --reveal host-redacted.key.json "restart container-2 on host-1"',
        '  pbpaste | hostscope redact --reveal host-redacted.key.json -',
      ].join('\n'),
    )
    .action(async (input: string | undefined, flags: RedactFlags) => {
      if (flags.reveal !== undefined) return reveal(io, flags.reveal, input);
      if (input === undefined)
        throw new CliError('redact needs a bundle (or --reveal <key> <text>)', EXIT.usage);
      if (flags.out === undefined)
        throw new CliError('redact needs --out <zip> for the redacted copy', EXIT.usage);
      return redact(io, input, flags.out);
    });
}
