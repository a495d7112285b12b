import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../src/collect/bundle-reader';
import { bundlePathProblem, writeBundle } from '../../src/collect/bundle-writer';
import type { ProbeRun } from '../../src/collect/types';
import { BundleError } from '../../src/core/bundle/errors';
import { buildHostModel } from '../../src/core/host-model';

const dir = mkdtempSync(join(tmpdir(), 'hostscope-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const collectedAt = new Date('2026-11-29T18:00:00.000Z');

// Raw probe output as an engine and PowerShell give it.
const runs: readonly ProbeRun[] = [
  {
    id: 'host.os',
    status: 'ok',
    durationMs: 41.6,
    files: [
      {
        path: 'host/os.json',
        bytes: text(
          '{"ComputerName":"NODE1","Caption":"Microsoft Windows Server 2019 Datacenter","BuildNumber":"17763","UBR":1879}',
        ),
      },
    ],
  },
  {
    id: 'docker.version',
    status: 'ok',
    durationMs: 12,
    files: [
      {
        path: 'docker/version.json',
        bytes: text('{"Version":"20.10.9","ApiVersion":"1.41","Os":"windows"}'),
      },
    ],
  },
  {
    id: 'host.hns.networks',
    status: 'unsupported',
    durationMs: 3,
    files: [],
    error: 'Get-HnsNetwork is not available',
  },
  { id: 'docker.swarm', status: 'failed', durationMs: 0, files: [], error: 'cannot reach the Docker engine' },
];

describe('bundlePathProblem', () => {
  it('accepts bundle paths and refuses what could escape or clash', () => {
    expect(bundlePathProblem('docker/top/0123abcd.json')).toBeNull();
    for (const bad of [
      '/etc/passwd',
      '../x.json',
      'docker/../../x',
      'C:/x.json',
      'a\\b.json',
      'a//b',
      './a',
      'manifest.json',
      'a\u0000b',
      'con:1',
      '',
    ]) {
      expect(bundlePathProblem(bad), JSON.stringify(bad)).not.toBeNull();
    }
  });
});

describe('writeBundle', () => {
  it('writes a folder that the reader opens, with a manifest per bundle-v1', async () => {
    const out = join(dir, 'node1');
    const written = await writeBundle({ out, computerName: 'NODE1', collectedAt, runs });
    expect(written).toMatchObject({ path: out, format: 'folder', files: 3 });
    const raw = await readBundle(out);
    expect([...raw.files.keys()].sort()).toEqual(['docker/version.json', 'host/os.json', 'manifest.json']);
    const manifest = JSON.parse(new TextDecoder().decode(raw.files.get('manifest.json'))) as Record<
      string,
      unknown
    >;
    expect(manifest).toMatchObject({
      format: 'hostscope-bundle',
      version: 1,
      collectedAt: '2026-11-29T18:00:00.000Z',
      collector: { name: 'hostscope' },
      host: { computerName: 'NODE1' },
    });
    // Catalogue order, durations as whole milliseconds, files only where there are some, errors where not ok.
    expect(manifest.probes).toEqual([
      { id: 'docker.version', status: 'ok', files: ['docker/version.json'], durationMs: 12 },
      { id: 'docker.swarm', status: 'failed', durationMs: 0, error: 'cannot reach the Docker engine' },
      { id: 'host.os', status: 'ok', files: ['host/os.json'], durationMs: 42 },
      {
        id: 'host.hns.networks',
        status: 'unsupported',
        durationMs: 3,
        error: 'Get-HnsNetwork is not available',
      },
    ]);
    const model = buildHostModel(raw);
    expect(model.host.kind === 'known' && model.host.value.build).toBe(17763);
    expect(model.engineVersion.kind === 'known' && model.engineVersion.value.os).toBe('windows');
    expect(model.probes.find((p) => p.id === 'docker.swarm')).toMatchObject({
      status: 'failed',
      manifestStatus: 'failed',
    });
  });

  it('writes a zip the reader opens, leaving nothing else behind', async () => {
    const out = join(dir, 'zips', 'node1.zip');
    const written = await writeBundle({ out, computerName: 'NODE1', collectedAt, runs });
    expect(written.format).toBe('zip');
    expect(readdirSync(join(dir, 'zips'))).toEqual(['node1.zip']);
    const raw = await readBundle(out);
    expect(new TextDecoder().decode(raw.files.get('docker/version.json'))).toContain('"ApiVersion":"1.41"');
    expect(buildHostModel(raw).computerName).toBe('NODE1');
  });

  it('refuses an unsafe path or a file written twice before touching the disk', async () => {
    const out = join(dir, 'unsafe');
    const escape: ProbeRun = {
      id: 'container.listeners',
      status: 'ok',
      durationMs: 1,
      files: [{ path: 'containers/../../escape.txt', bytes: text('x') }],
    };
    await expect(writeBundle({ out, computerName: 'N', collectedAt, runs: [escape] })).rejects.toThrow(
      /container\.listeners.*refused: "\.\." escapes/,
    );
    const twice: ProbeRun = {
      id: 'host.netstat',
      status: 'ok',
      durationMs: 1,
      files: [{ path: 'HOST/OS.JSON', bytes: text('x') }],
    };
    await expect(
      writeBundle({ out, computerName: 'N', collectedAt, runs: [...runs, twice] }),
    ).rejects.toThrow(/host\.os and host\.netstat both write/);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(dir, '..', 'escape.txt'))).toBe(false);
  });

  it('never writes over something that exists', async () => {
    const out = join(dir, 'taken.zip');
    writeFileSync(out, 'precious');
    await expect(writeBundle({ out, computerName: 'N', collectedAt, runs })).rejects.toThrow(
      /already exists/,
    );
    expect(readdirSync(dir).filter((n) => n.includes('taken'))).toEqual(['taken.zip']);
  });

  for (const format of ['folder', 'zip'] as const) {
    it(`aborted while writing a ${format}, it leaves no bundle and no temp behind`, async () => {
      const parent = mkdtempSync(join(dir, `abort-${format}-`));
      const out = join(parent, format === 'zip' ? 'b.zip' : 'b');
      // Enough data that the write is still going when the temp appears.
      const big: ProbeRun[] = Array.from({ length: 200 }, (_, i) => ({
        id: 'docker.top',
        status: 'ok' as const,
        durationMs: 1,
        files: [
          {
            path: `docker/top/${i.toString(16).padStart(64, '0')}.json`,
            bytes: new Uint8Array(64 * 1024).fill(65),
          },
        ],
      }));
      const controller = new AbortController();
      let sawTemp = false;
      const watcher = watch(parent, (_event, name) => {
        if (name?.startsWith('.b')) {
          sawTemp = true;
          controller.abort(new Error('user cancelled'));
        }
      });
      try {
        await expect(
          writeBundle({ out, computerName: 'N', collectedAt, runs: big, signal: controller.signal }),
        ).rejects.toThrow('user cancelled');
      } finally {
        watcher.close();
      }
      expect(sawTemp).toBe(true);
      expect(readdirSync(parent)).toEqual([]);
    });
  }

  it('killed mid-write, it leaves at most a hidden temp that no reader takes for a bundle', async () => {
    const parent = mkdtempSync(join(dir, 'killed-'));
    const out = join(parent, 'b');
    const script = fileURLToPath(new URL('./write-large-bundle.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, out], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Kill it as soon as the temp folder holds some files, long before the manifest is due.
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        const temp = readdirSync(parent).find((n) => n.startsWith('.b.partial-'));
        if (temp && existsSync(join(parent, temp, 'docker', 'top'))) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve();
        }
      }, 5);
      child.once('exit', () => {
        clearInterval(poll);
        reject(new Error(`the writer finished before it could be killed: ${stderr}`));
      });
    });
    await new Promise((resolve) => child.once('exit', resolve));
    expect(existsSync(out)).toBe(false);
    const [temp] = readdirSync(parent);
    expect(temp).toMatch(/^\.b\.partial-/);
    expect(existsSync(join(parent, temp!, 'manifest.json'))).toBe(false);
    await expect(readBundle(join(parent, temp!)).then(buildHostModel)).rejects.toBeInstanceOf(BundleError);
  });
});
