// The two collectors, on the same stand-in host, write the same bundle: the Node collector (collectHost, with
// the probe runner in real pwsh) and resources/collect.ps1 (in real pwsh), both with the stand-in cmdlets of a
// Windows Server 2019 host and the stand-in Windows engine. Files are compared by name and content (JSON
// parsed, text byte for byte), the manifests by status and files of each probe; durations, collection time
// and the wording of errors may differ. The engine has a container that is gone by the time it is asked
// about, and one whose image lacks netstat: the two per-container outcomes the collectors once disagreed on.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../src/collect/bundle-reader';
import { collectHost, localEnvironment } from '../../src/collect/collect-host';
import { runPowerShellProbes } from '../../src/collect/powershell/probe-runner';
import { buildHostModel } from '../../src/core/host-model';
import { PROBES, type RawBundle } from '../../src/shared/bundle';
import { SERVER_2019, hasPwsh, pwsh, runCollectPs1, tempDir } from './powershell/pwsh-test-kit';
import { LEGACY, WEB, withWindowsEngine } from './windows-engine';

const run = hasPwsh();
const dir = tempDir('collectors-agree');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GONE = 'd00d'.repeat(16);

interface ManifestEntry {
  readonly id: string;
  readonly status: string;
  readonly files?: readonly string[];
  readonly error?: string;
}

const manifestOf = (raw: RawBundle): Map<string, ManifestEntry> =>
  new Map(
    (
      JSON.parse(Buffer.from(raw.files.get('manifest.json')!).toString('utf8')) as {
        probes: ManifestEntry[];
      }
    ).probes.map((p) => [p.id, p]),
  );

const text = (raw: RawBundle, file: string): string => Buffer.from(raw.files.get(file)!).toString('utf8');

describe.runIf(run)('the Node collector and collect.ps1 on the same stand-in host', () => {
  let node: RawBundle;
  let ps1: RawBundle;

  beforeAll(async () => {
    const programData = join(dir, 'ProgramData');
    mkdirSync(join(programData, 'custom'), { recursive: true });
    writeFileSync(join(programData, 'custom', 'daemon.json'), '{ "hosts": ["npipe://"] }\n');
    const env = { ...process.env, ProgramData: programData, COMPUTERNAME: 'CONTAINERHOST01' };
    const socket = join(dir, 'engine.sock');
    const scenario = { vanished: [GONE], missing: { [LEGACY]: ['netstat'] } };
    await withWindowsEngine(socket, scenario, async () => {
      const [result] = await collectHost(
        { dockerHost: `unix://${socket}`, out: join(dir, 'node.zip') },
        () => undefined,
        {
          ...localEnvironment(),
          env,
          hostName: 'CONTAINERHOST01',
          runPowerShell: (request) =>
            runPowerShellProbes({ ...request, executable: pwsh!, importModules: SERVER_2019, env }),
        },
      );
      if (result?.kind !== 'written') throw new Error(result?.kind === 'failed' ? result.error : 'no result');
      node = await readBundle(result.bundle.path);
      const ps1Run = await runCollectPs1(
        ['-StandIns', SERVER_2019.join(delimiter), '-OutputPath', join(dir, 'ps1'), '-DockerPipe', socket],
        env,
      );
      expect(ps1Run.code).toBe(0);
    });
    ps1 = await readBundle(join(dir, 'ps1', readdirSync(join(dir, 'ps1'))[0]!));
  }, 600_000);

  it('write the same files', () => {
    expect([...ps1.files.keys()].sort()).toEqual([...node.files.keys()].sort());
    // Every host and container file of bundle 1.1 is among them.
    for (const file of ['host/excludedports.txt', 'host/events.json', `containers/${WEB}/ipconfig.txt`])
      expect(node.files.has(file), file).toBe(true);
  });

  it('with the same content: JSON equal once parsed (the Node side re-serializes the engine answers), text byte for byte', () => {
    for (const [file, bytes] of node.files) {
      if (file === 'manifest.json') continue;
      const mine = Buffer.from(bytes).toString('utf8');
      if (file.endsWith('.json')) expect(JSON.parse(text(ps1, file)), file).toEqual(JSON.parse(mine));
      else expect(text(ps1, file), file).toBe(mine);
    }
  });

  it('record the same outcome and files for every probe', () => {
    const a = manifestOf(node);
    const b = manifestOf(ps1);
    expect([...b.keys()].sort()).toEqual(PROBES.map((p) => p.id).sort());
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [id, entry] of a) {
      const other = b.get(id)!;
      expect({ id, status: other.status, files: [...(other.files ?? [])].sort() }).toEqual({
        id,
        status: entry.status,
        files: [...(entry.files ?? [])].sort(),
      });
      expect(other.error === undefined, id).toBe(entry.error === undefined);
    }
  });

  it('a container gone since the listing is left out; an image without netstat is unsupported, not failed', () => {
    for (const raw of [node, ps1]) {
      const manifest = manifestOf(raw);
      expect(manifest.get('docker.top')).toMatchObject({ status: 'ok' });
      expect(manifest.get('container.dns')).toMatchObject({ status: 'ok' });
      const listeners = manifest.get('container.listeners')!;
      expect(listeners).toMatchObject({ status: 'unsupported', files: [`containers/${WEB}/netstat.txt`] });
      expect(listeners.error).toMatch(/^1 of 2: "legacy" \(c49fea7425fa\): .*cannot find the file specified/);
      expect([...raw.files.keys()].some((f) => f.includes(GONE))).toBe(false);
    }
  });

  it('both bundles are read by the reader and the model alike', () => {
    const a = buildHostModel(node);
    const b = buildHostModel(ps1);
    expect(b.containers).toEqual(a.containers);
    expect(b.hnsEndpoints).toEqual(a.hnsEndpoints);
    expect(b.firewallRules).toEqual(a.firewallRules);
    // docker.images (issue 16): the three images the containers use, not the fourth the engine also lists.
    expect(b.images).toEqual(a.images);
    expect(a.images.kind === 'known' ? a.images.value.map((i) => i.osVersion?.build) : null).toEqual([
      17763, 17763, 17763,
    ]);
  });
});
