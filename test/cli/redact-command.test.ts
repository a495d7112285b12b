// `hostscope redact` on bundles built to trip it: names that spell the bundle's own layout (issue 17, item 5),
// archives that are no bundle (item 9), and the key that translates an answer back (issue 11, item 3).
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../src/collect/bundle-reader';
import { buildHostModel } from '../../src/core/host-model';
import { parseRedactionKey } from '../../src/core/redact';
import { cli } from '../support/cli';
import { HOSTILE_PATH } from '../support/report-bundles';
import { makeZip } from '../support/zip';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hostscope-redact-cmd-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The hostile host with its containers renamed `docker` and `host`, and the engine service running as `.\docker`. */
function layoutNamedBundle(): string {
  const folder = join(dir, 'layout-names');
  cpSync(HOSTILE_PATH, folder, { recursive: true });
  const containersFile = join(folder, 'docker/containers.json');
  const containers = JSON.parse(readFileSync(containersFile, 'utf8')) as { Name: string }[];
  containers[0]!.Name = '/docker';
  containers[2]!.Name = '/host';
  writeFileSync(containersFile, JSON.stringify(containers, null, 2));
  const serviceFile = join(folder, 'host/docker-service.json');
  const service = JSON.parse(readFileSync(serviceFile, 'utf8')) as { StartName: string };
  service.StartName = '.\\docker';
  writeFileSync(serviceFile, JSON.stringify(service, null, 2));
  return folder;
}

describe('hostscope redact', () => {
  it('keeps the layout when containers are named docker and host: the copy opens with the same probe outcomes', async () => {
    const folder = layoutNamedBundle();
    const zip = join(dir, 'layout-names-redacted.zip');
    const run = await cli('redact', folder, '--out', zip);
    expect(run.code, run.err).toBe(0);
    const [original, redacted] = [await readBundle(folder), await readBundle(zip)];
    const outcomes = (raw: typeof original): unknown =>
      buildHostModel(raw).probes.map((p) => [p.id, p.status, p.files.map((f) => [f.file, f.kind])]);
    expect(outcomes(redacted)).toEqual(outcomes(original));
    expect([...redacted.files.keys()].sort()).toEqual(
      [...original.files.keys()].filter((f) => f !== 'extra/capture.etl').sort(),
    );
    const model = buildHostModel(redacted);
    const names = model.containers.kind === 'known' ? model.containers.value.map((c) => c.name) : [];
    expect(names.filter((n) => n === 'docker' || n === 'host')).toEqual([]);
    expect(names.every((n) => /^container-\d+$/.test(n))).toBe(true);
    // The engine service keeps its name; its account `.\docker` is replaced as a whole field.
    expect(model.dockerService.kind === 'known' && model.dockerService.value.name).toBe('docker');
    const service = JSON.parse(new TextDecoder().decode(redacted.files.get('host/docker-service.json'))) as {
      StartName: string;
    };
    expect(service.StartName).toMatch(/^\.\\user-\d+$/);
  });

  it('writes the key beside the copy, never inside it, and --reveal translates an answer back', async () => {
    const zip = join(dir, 'keyed.zip');
    const run = await cli('redact', HOSTILE_PATH, '--out', zip);
    expect(run.code, run.err).toBe(0);
    const keyFile = join(dir, 'keyed.key.json');
    expect(run.out).toContain(`wrote ${keyFile}`);
    const parsed = parseRedactionKey(readFileSync(keyFile, 'utf8'));
    if (parsed.kind !== 'ok') throw new Error(parsed.reason);
    const host = parsed.key.entries.find((e) => e.pseudonym === 'host-1');
    expect(host?.value).toBe('CORP-DOCKER07');
    const inside = await readBundle(zip);
    expect([...inside.files.keys()].some((f) => f.includes('key'))).toBe(false);
    const container = parsed.key.entries.find((e) => e.kind === 'container')!;
    const answer = await cli(
      'redact',
      '--reveal',
      keyFile,
      `restart ${container.pseudonym} on host-1; host-10 stays`,
    );
    expect(answer.code, answer.err).toBe(0);
    expect(answer.out).toBe(`restart ${container.value} on CORP-DOCKER07; host-10 stays\n`);
    // A second run must not replace the key of the first.
    const again = await cli(
      'redact',
      HOSTILE_PATH,
      '--out',
      join(dir, 'keyed.zip', '..', 'keyed.folder.zip'),
    );
    expect(again.code, again.err).toBe(0);
  });

  it('report writes its key beside --out, not into the report, and the key reads the report back', async () => {
    const out = join(dir, 'hostile-report.md');
    const run = await cli('report', HOSTILE_PATH, '--format', 'md', '--out', out);
    expect(run.code, run.err).toBe(0);
    const keyFile = join(dir, 'hostile-report.key.json');
    expect(run.err).toContain(`key in ${keyFile}`);
    const report = readFileSync(out, 'utf8');
    expect(report).not.toContain('CORP-DOCKER07');
    expect(report).not.toContain('hostscope-redaction-key');
    const title = report.split('\n')[0]!;
    const back = await cli('redact', '--reveal', keyFile, title);
    expect(back.out).toBe(`${title.replace(/host-\d+/, 'CORP-DOCKER07')}\n`);
    expect(existsSync(join(dir, 'plain.key.json'))).toBe(false);
    expect(
      (await cli('report', HOSTILE_PATH, '--format', 'md', '--no-redact', '--out', join(dir, 'plain.md')))
        .code,
    ).toBe(0);
    expect(existsSync(join(dir, 'plain.key.json'))).toBe(false);
  });

  it('refuses a key that is no key, naming the field', async () => {
    const bad = join(dir, 'bad.key.json');
    writeFileSync(
      bad,
      JSON.stringify({ schema: 'hostscope-redaction-key', version: 1, entries: [{ kind: 'host' }] }),
    );
    const run = await cli('redact', '--reveal', bad, 'host-1');
    expect(run.code).toBe(1);
    expect(run.err).toContain('entries[0]');
    expect((await cli('redact', '--reveal', bad)).code).toBe(2);
  });

  it.each([
    ['an empty zip', []],
    ['a zip without a manifest', [{ name: 'docker/info.json', data: '{}' }]],
    [
      'a zip with two top-level folders',
      [
        { name: 'a/manifest.json', data: readFileSync(join(HOSTILE_PATH, 'manifest.json')) },
        { name: 'b/manifest.json', data: readFileSync(join(HOSTILE_PATH, 'manifest.json')) },
      ],
    ],
    ['an unreadable manifest', [{ name: 'manifest.json', data: '{"format": "hostscope-bundle", ' }]],
  ])('exits 3 with a message on %s, and writes nothing', async (label, entries) => {
    const zip = join(dir, `${label.replaceAll(' ', '-')}.zip`);
    writeFileSync(zip, makeZip(entries));
    const out = join(dir, `${label.replaceAll(' ', '-')}-redacted.zip`);
    const run = await cli('redact', zip, '--out', out);
    expect(run.code, run.err).toBe(3);
    expect(run.err).toMatch(/manifest\.json|not a .*zip|empty/i);
    expect(existsSync(out)).toBe(false);
    const summary = await cli('summary', zip);
    expect(summary.code).toBe(3);
  });
});
