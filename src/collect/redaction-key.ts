// The key file of a redacted output: `<name>.key.json` beside the report or bundle (issue 11, item 3). Never put
// inside what is shared: it holds every real name the pseudonyms stand for.
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { parseRedactionKey, type RedactionKey } from '../core/redact';
import { writeFileAtomic } from './atomic-write';

/** `out/host.zip` -> `out/host.key.json`; a folder `out/host-redacted` -> `out/host-redacted.key.json`. */
export function redactionKeyPath(output: string): string {
  const trimmed = output.replace(/[\\/]+$/, '');
  const name = basename(trimmed);
  const ext = extname(name);
  return join(dirname(trimmed), `${ext === '' ? name : name.slice(0, -ext.length)}.key.json`);
}

/**
 * Writes the key, readable by its owner only, through a temporary file: a reader (`--reveal`) never meets half a
 * key. `exclusive` refuses to replace an existing file (a redacted bundle never overwrites).
 */
export async function writeRedactionKey(
  path: string,
  key: RedactionKey,
  exclusive: boolean,
  signal?: AbortSignal,
): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(key, null, 2)}\n`, {
    mode: 0o600,
    exclusive,
    ...(signal ? { signal } : {}),
  });
}

/** Reads a key file; the error names the file and what is wrong with it. */
export async function readRedactionKey(path: string): Promise<RedactionKey> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot read key ${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  const parsed = parseRedactionKey(text);
  if (parsed.kind === 'invalid')
    throw new Error(`${path} is not a Hostscope redaction key: ${parsed.reason}`);
  return parsed.key;
}
