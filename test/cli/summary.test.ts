import { cpSync, mkdtempSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli';
import { SAMPLE_HOSTS } from '../support/samples';
import { zipFolder } from '../support/zip-folder';

const samplesDir = join(import.meta.dirname, '../../resources/samples');
const tmp = mkdtempSync(join(tmpdir(), 'hostscope-summary-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface SummaryJson {
  host: { computerName: string | null; build: number | null };
  engine: { version: string | null };
  containers: {
    id: string;
    name: string;
    state: string;
    isolation: string | null;
    publishedPorts: string[];
  }[];
  probes: { id: string; status: string; detail: string }[];
}

async function summary(path: string): Promise<SummaryJson> {
  const run = await cli('summary', path, '--json');
  expect(run.err).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.out) as SummaryJson;
}

describe.each(SAMPLE_HOSTS)('hostscope summary on the sample %s', (sample) => {
  const folder = join(samplesDir, sample);

  it('reports the host, the engine, containers and every probe, the same from the folder and from zips', async () => {
    const fromFolder = await summary(folder);
    expect(fromFolder.host.computerName).toBeTruthy();
    expect(fromFolder.host.build).toBeGreaterThanOrEqual(14393);
    expect(fromFolder.engine.version).toBeTruthy();
    expect(fromFolder.containers.length).toBeGreaterThan(0);
    for (const c of fromFolder.containers) expect(c.id).toMatch(/^[0-9a-f]{64}$/);
    // A sample is a valid bundle: no file of it is invalid.
    expect(fromFolder.probes.filter((p) => p.status === 'invalid')).toEqual([]);

    for (const top of [undefined, `bundle-${sample}`]) {
      const zip = await zipFolder(folder, join(tmp, `${sample}-${top ?? 'root'}.zip`), top);
      const fromZip = await summary(zip);
      expect({ ...fromZip, bundle: null }).toEqual({ ...fromFolder, bundle: null });
    }
  });

  it('reports a broken file as that probe invalid while everything else is still read', async () => {
    const copy = join(tmp, `${sample}-broken`);
    cpSync(folder, copy, { recursive: true });
    writeFileSync(join(copy, 'host', 'processes.json'), '[{"Id": 4, "ProcessName": "System"');
    rmSync(join(copy, 'docker', 'networks.json'), { force: true });
    const broken = await summary(copy);
    const intact = await summary(folder);
    expect(broken.probes.find((p) => p.id === 'host.processes')).toMatchObject({
      status: 'invalid',
      detail: expect.stringContaining('host/processes.json'),
    });
    expect(broken.probes.find((p) => p.id === 'docker.networks')?.status).toMatch(/missing/);
    expect(broken.containers).toEqual(intact.containers);
    expect(broken.host).toEqual(intact.host);
  });

  it('prints aligned tables within 100 columns, with no colour when not a terminal', async () => {
    const run = await cli('summary', folder);
    expect(run.code).toBe(0);
    for (const line of run.out.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    expect(run.out).not.toContain('\u001b[');
    expect(run.out).toContain('NAME');
    expect(run.out).toContain('PROBE');
    // Host text (here the bundle's own path) can be longer than a line: it wraps rather than overflows.
    const deep = join(tmp, `${sample}-${'d'.repeat(120)}`);
    cpSync(folder, deep, { recursive: true });
    const long = await cli('summary', deep);
    for (const line of long.out.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    expect(long.out.replace(/\n\s*/g, '')).toContain('d'.repeat(120));
  });
});

describe('hostscope exit codes', () => {
  it('exits 3 with the reason for an unreadable bundle, 2 for usage errors, 0 for --help', async () => {
    const missing = await cli('summary', join(tmp, 'does-not-exist'));
    expect(missing.code).toBe(3);
    expect(missing.err).toContain('no such file or folder');
    const notBundle = await cli('summary', tmp);
    expect(notBundle.code).toBe(3);
    expect(notBundle.err).toContain('manifest.json is missing');
    expect((await cli('summary')).code).toBe(2);
    expect((await cli('no-such-command')).code).toBe(2);
    const help = await cli('summary', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: hostscope summary');
  });

  it('runs as `npx hostscope` from the repository root through the bin script', () => {
    const sample = readdirSync(samplesDir).find((s) => SAMPLE_HOSTS.includes(s))!;
    const out = execFileSync(
      process.execPath,
      ['bin/hostscope.mjs', 'summary', `resources/samples/${sample}`, '--json'],
      {
        cwd: join(import.meta.dirname, '../..'),
        encoding: 'utf8',
      },
    );
    expect((JSON.parse(out) as SummaryJson).containers.length).toBeGreaterThan(0);
  });
});
