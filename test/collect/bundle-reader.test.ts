import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../src/collect/bundle-reader';
import { BundleError } from '../../src/core/bundle/errors';
import { buildHostModel } from '../../src/core/host-model';
import { manifestBytes } from '../support/raw-bundle';
import { makeZip } from '../support/zip';

const dir = mkdtempSync(join(tmpdir(), 'hostscope-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const manifest = Buffer.from(manifestBytes());
const os = '{"ComputerName":"ZIPHOST","BuildNumber":17763}';

function zipFile(name: string, entries: Parameters<typeof makeZip>[0]): string {
  const path = join(dir, name);
  writeFileSync(path, makeZip(entries));
  return path;
}

async function refusal(path: string, limits?: Parameters<typeof readBundle>[1]): Promise<BundleError> {
  const error = await readBundle(path, limits).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BundleError);
  return error as BundleError;
}

describe('readBundle', () => {
  it('reads a zip with the bundle at its root', async () => {
    const raw = await readBundle(
      zipFile('root.zip', [
        { name: 'manifest.json', data: manifest },
        { name: 'host/os.json', data: os },
      ]),
    );
    expect([...raw.files.keys()].sort()).toEqual(['host/os.json', 'manifest.json']);
    expect(buildHostModel(raw).computerName).toBe('ZIPHOST');
  });

  it('reads a zip whose bundle sits under one top-level folder, and backslash names from Compress-Archive', async () => {
    const raw = await readBundle(
      zipFile('nested.zip', [
        { name: 'bundle-CONTAINERHOST01/', data: '' },
        { name: 'bundle-CONTAINERHOST01/manifest.json', data: manifest },
        { name: 'bundle-CONTAINERHOST01\\host\\os.json', data: os },
      ]),
    );
    expect([...raw.files.keys()].sort()).toEqual(['host/os.json', 'manifest.json']);
  });

  it('reads a folder, a folder through its manifest.json, and does not follow links', async () => {
    const folder = join(dir, 'folder');
    mkdirSync(join(folder, 'host'), { recursive: true });
    writeFileSync(join(folder, 'manifest.json'), manifest);
    writeFileSync(join(folder, 'host', 'os.json'), os);
    symlinkSync('/etc/passwd', join(folder, 'host', 'processes.json'));
    const raw = await readBundle(folder);
    expect([...raw.files.keys()].sort()).toEqual(['host/os.json', 'manifest.json']);
    expect([...(await readBundle(join(folder, 'manifest.json'))).files.keys()]).toHaveLength(2);
  });

  it.each([
    ['../evil.json', 'escapes the bundle'],
    ['host/../../evil.json', 'escapes the bundle'],
    ['/etc/cron.d/evil', 'absolute path'],
    ['C:/Windows/evil.dll', 'drive-letter path'],
  ])('refuses the entry %s (%s), naming it', async (name, why) => {
    const error = await refusal(
      zipFile(`unsafe-${why.length}-${name.length}.zip`, [
        { name: 'manifest.json', data: manifest },
        { name, data: 'x' },
      ]),
    );
    expect(error.code).toBe('unsafe-entry');
    expect(error.message).toContain(name);
    expect(error.message).toContain(why);
  });

  it('refuses a zip that holds the same entry twice', async () => {
    const error = await refusal(
      zipFile('twice.zip', [
        { name: 'manifest.json', data: manifest },
        { name: 'host/os.json', data: os },
        { name: 'host/os.json', data: '{"ComputerName":"OTHER"}' },
      ]),
    );
    expect(error.code).toBe('unsafe-entry');
    expect(error.message).toContain('"host/os.json" appears twice');
  });

  it('refuses an entry over the per-file limit by its header, and one whose header lies about its size', async () => {
    const big = 'x'.repeat(2048);
    const byHeader = await refusal(
      zipFile('big.zip', [
        { name: 'manifest.json', data: manifest },
        { name: 'host/processes.json', data: big },
      ]),
      {
        maxEntries: 10,
        maxFileBytes: 1024,
        maxTotalBytes: 1e9,
      },
    );
    expect(byHeader.code).toBe('limit-exceeded');
    expect(byHeader.message).toContain('host/processes.json');
    expect(byHeader.message).toContain('per-file limit');
    const lying = await refusal(
      zipFile('lying.zip', [
        { name: 'manifest.json', data: manifest },
        { name: 'host/tcp.json', data: big, declaredSize: 10, deflate: true },
      ]),
    );
    expect(lying.message).toContain('host/tcp.json');
  });

  it('refuses too many entries and too many bytes in total', async () => {
    const entries = Array.from({ length: 5 }, (_, i) => ({ name: `extra/${i}.txt`, data: 'abcdefgh' }));
    const count = await refusal(
      zipFile('many.zip', [{ name: 'manifest.json', data: manifest }, ...entries]),
      { maxEntries: 3, maxFileBytes: 1e6, maxTotalBytes: 1e9 },
    );
    expect(count.message).toMatch(/entry limit|entry count/);
    const total = await refusal(
      zipFile('total.zip', [{ name: 'manifest.json', data: manifest }, ...entries]),
      { maxEntries: 100, maxFileBytes: 1e6, maxTotalBytes: manifest.length + 20 },
    );
    expect(total.message).toContain('limit: total size');
  });

  it('refuses a folder with too many files at the first file past the limit, read or not', async () => {
    const folder = join(dir, 'many-files');
    mkdirSync(join(folder, 'extra'), { recursive: true });
    writeFileSync(join(folder, 'manifest.json'), manifest);
    for (let i = 0; i < 5; i++) writeFileSync(join(folder, 'extra', `${i}.txt`), 'abcdefgh');
    const count = await refusal(folder, { maxEntries: 3, maxFileBytes: 1e6, maxTotalBytes: 1e9 });
    expect(count.code).toBe('limit-exceeded');
    // Walk order: extra/0..4, then manifest.json; the fourth file is the first past the limit.
    expect(count.message).toContain('"extra/3.txt"');
    const whole = await readBundle(folder, { maxEntries: 6, maxFileBytes: 1e6, maxTotalBytes: 1e9 });
    expect([...whole.files.keys()]).toHaveLength(6);
  });

  it('says clearly when the path is missing, not a zip, or a corrupt zip', async () => {
    expect((await refusal(join(dir, 'nope.zip'))).code).toBe('not-found');
    writeFileSync(join(dir, 'text.zip'), 'hello');
    expect((await refusal(join(dir, 'text.zip'))).message).toContain('neither a bundle folder nor a .zip');
    writeFileSync(join(dir, 'cut.zip'), makeZip([{ name: 'manifest.json', data: manifest }]).subarray(0, 40));
    expect((await refusal(join(dir, 'cut.zip'))).code).toBe('corrupt-archive');
  });

  it.runIf(process.platform !== 'win32')(
    'refuses a FIFO at once instead of waiting for a writer',
    async () => {
      const fifo = join(dir, 'pipe.zip');
      execFileSync('mkfifo', [fifo]);
      const error = await refusal(fifo);
      expect(error.code).toBe('not-a-bundle');
      expect(error.message).toContain('not a regular file');
    },
    2000,
  );
});
