// The key file of a redacted output is written whole through a temporary file: a reader holding the old key
// keeps it whole, an exclusive write never touches an existing key, and no temporary file is left either way.

import {
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readRedactionKey, writeRedactionKey } from '../../src/collect/redaction-key';
import { createRedactor, redactionKey } from '../../src/core/redact';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The key of a redactor that has replaced `names`. */
function keyOf(...names: string[]): ReturnType<typeof redactionKey> {
  const redactor = createRedactor(names.map((value) => ({ kind: 'host', value })));
  for (const name of names) redactor.text(name, 'all');
  return redactionKey('bundle.zip', redactor.key());
}

describe('writeRedactionKey', () => {
  it('replaces a key without writing into the old file: a reader holding it keeps the old key whole', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hostscope-key-'));
    const path = join(dir, 'report.key.json');
    await writeRedactionKey(path, keyOf('OLDHOST01'), false);
    const held = openSync(path, 'r');
    try {
      await writeRedactionKey(path, keyOf('NEWHOST02', 'NEWHOST03'), false);
      expect(readFileSync(held, 'utf8')).toContain('OLDHOST01');
    } finally {
      closeSync(held);
    }
    expect(JSON.stringify(await readRedactionKey(path))).toContain('NEWHOST02');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['report.key.json']);
  });

  it('an exclusive write refuses an existing key, leaves it as it was and leaves nothing beside it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hostscope-key-'));
    const path = join(dir, 'bundle.key.json');
    writeFileSync(path, 'the key of an earlier run');
    await expect(writeRedactionKey(path, keyOf('HOST01'), true)).rejects.toMatchObject({ code: 'EEXIST' });
    expect(readFileSync(path, 'utf8')).toBe('the key of an earlier run');
    expect(readdirSync(dir)).toEqual(['bundle.key.json']);
    const fresh = join(dir, 'fresh.key.json');
    await writeRedactionKey(fresh, keyOf('HOST01'), true);
    expect(JSON.stringify(await readRedactionKey(fresh))).toContain('HOST01');
    expect(statSync(fresh).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['bundle.key.json', 'fresh.key.json']);
  });
});
