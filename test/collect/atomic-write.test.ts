// A file written through writeFileAtomic is there whole or not at all: after an abort or a failed write the
// folder holds exactly what it held before (no half file under the name, no temporary file beside it).

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/collect/atomic-write';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('writes the whole file under its name and leaves nothing else', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hostscope-atomic-'));
    const bytes = new Uint8Array(3 * 1024 * 1024).map((_, i) => i % 251);
    await writeFileAtomic(join(dir, 'report.pdf'), bytes);
    expect(readdirSync(dir)).toEqual(['report.pdf']);
    expect(readFileSync(join(dir, 'report.pdf')).equals(bytes)).toBe(true);
  });

  it('leaves nothing when the signal aborts before or while it writes, and rejects with its reason', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hostscope-atomic-'));
    const before = new AbortController();
    before.abort(new Error('cancelled before'));
    await expect(writeFileAtomic(join(dir, 'a.pdf'), 'text', { signal: before.signal })).rejects.toThrow(
      'cancelled before',
    );
    const during = new AbortController();
    const writing = writeFileAtomic(join(dir, 'b.pdf'), new Uint8Array(64 * 1024 * 1024), {
      signal: during.signal,
    });
    during.abort(new Error('cancelled while writing'));
    await expect(writing).rejects.toThrow('cancelled while writing');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps what was there when the write fails, and passes the failure on', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hostscope-atomic-'));
    await writeFileAtomic(join(dir, 'kept.md'), 'old');
    await expect(writeFileAtomic(join(dir, 'missing-folder', 'x.md'), 'new')).rejects.toMatchObject({
      code: 'ENOENT',
    });
    expect(readdirSync(dir)).toEqual(['kept.md']);
    expect(readFileSync(join(dir, 'kept.md'), 'utf8')).toBe('old');
  });
});
