// npm run bench:collect [-- --runs N] [--engine-only]: the PowerShell probe set, with the stand-ins of a Windows
// Server 2019 host (test/fixtures/powershell), run in one long-lived shell and with a new shell per probe, on this
// machine. Prints the median of each and their ratio. Real pwsh; nothing is faked but the Windows cmdlets.
// Then, where HOSTSCOPE_TEST_DOCKER_HOST names the Podman-served engine: the fast re-collection of the engine
// state (issue 13) with 50 containers on it, alone and written as a bundle; the goal is under one second.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import { collectHost } from '../src/collect/collect-host';
import { collectDocker, DOCKER_PROBE_IDS } from '../src/collect/docker/collect-docker';
import { resolveDockerEndpoint } from '../src/collect/docker/endpoint';
import { createLimiter } from '../src/collect/limit';
import { findPowerShell } from '../src/collect/powershell/executable';
import { FAST_PROBES } from '../src/shared/history';
import {
  POWERSHELL_PROBES,
  runPowerShellProbes,
  type PowerShellProbeOptions,
} from '../src/collect/powershell/probe-runner';
import type { ProbeRun } from '../src/collect/types';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const standIns = ['cim-noise.ps1', 'server-2019-nat-host.ps1', 'hns-module.ps1', 'hyperv-module.ps1'].map(
  (f) => join(repo, 'test', 'fixtures', 'powershell', f),
);

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at === -1 ? NaN : Number(process.argv[at + 1]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function notOk(runs: readonly ProbeRun[]): string[] {
  return runs.filter((r) => r.status !== 'ok').map((r) => `${r.id}: ${r.status} ${r.error ?? ''}`);
}

async function timed(
  work: () => Promise<readonly ProbeRun[]>,
): Promise<{ ms: number; runs: readonly ProbeRun[] }> {
  const started = performance.now();
  const runs = await work();
  return { ms: performance.now() - started, runs };
}

const ENGINE_CONTAINERS = 50;

async function engineRecollection(runs: number): Promise<void> {
  const host = process.env.HOSTSCOPE_TEST_DOCKER_HOST;
  const endpoint =
    host === undefined || host === ''
      ? null
      : resolveDockerEndpoint({ dockerHost: host, env: {}, platform: 'posix', homeDir: '/' });
  if (endpoint === null || endpoint.kind === 'invalid' || endpoint.endpoint.kind !== 'socket') {
    console.log(
      'engine re-collection: skipped (set HOSTSCOPE_TEST_DOCKER_HOST to the Podman socket address)',
    );
    return;
  }
  const docker = new Docker({ socketPath: endpoint.endpoint.path });
  const tag = `hs-bench-${randomBytes(4).toString('hex')}`;
  const scratch = mkdtempSync(join(tmpdir(), 'hostscope-bench-engine-'));
  const dockerFast = FAST_PROBES.filter((id) => DOCKER_PROBE_IDS.includes(id));
  try {
    const before = (await docker.listContainers({ all: true })).length;
    const made = performance.now();
    const limit = createLimiter(8);
    await Promise.all(
      Array.from({ length: ENGINE_CONTAINERS }, (_, i) =>
        limit(async () => {
          const c = await docker.createContainer({
            name: `${tag}-${i}`,
            Image: 'mini:latest',
            Cmd: ['sleep', '3600'],
            Labels: { 'com.hostscope.test': tag },
          });
          await c.start();
        }),
      ),
    );
    const listed = (await docker.listContainers({ all: true })).length;
    console.log('');
    console.log(
      `machine: ${cpus().length} cores, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    console.log(
      `engine: ${host}; ${ENGINE_CONTAINERS} containers started for this run in ${Math.round(performance.now() - made)} ms (${listed} on the engine in all, ${before} before); ${runs} runs`,
    );
    const engineOnly: number[] = [];
    const withBundle: number[] = [];
    for (let i = 1; i <= runs; i++) {
      const a = await timed(() => collectDocker({ endpoint, timeoutMs: 60_000, probeIds: dockerFast }));
      const problems = notOk(a.runs).filter((p) => !p.includes(': skipped'));
      if (problems.length > 0) throw new Error(`engine re-collection, run ${i}: ${problems.join('; ')}`);
      engineOnly.push(a.ms);
      const started = performance.now();
      const [written] = await collectHost({
        out: join(scratch, `fast-${i}.zip`),
        dockerHost: host,
        noPowerShell: true,
        probeIds: FAST_PROBES,
      });
      if (written?.kind !== 'written')
        throw new Error(`fast bundle, run ${i}: ${written?.kind === 'failed' ? written.error : 'none'}`);
      withBundle.push(performance.now() - started);
      console.log(
        `  run ${i}: engine state ${a.ms.toFixed(0).padStart(5)} ms; written as a bundle ${withBundle[i - 1]!.toFixed(0).padStart(5)} ms (${(written.bundle.bytes / 1024).toFixed(0)} KiB)`,
      );
    }
    const median1 = median(engineOnly);
    console.log(
      `engine state of ${listed} containers (${dockerFast.join(', ')}), median: ${median1.toFixed(0)} ms, max ${Math.max(...engineOnly).toFixed(0)} ms (goal: under 1000 ms: ${median1 < 1000 ? 'met' : 'NOT met'})`,
    );
    console.log(`the same written as a fast bundle (zip), median: ${median(withBundle).toFixed(0)} ms`);
  } finally {
    for (const c of await docker.listContainers({
      all: true,
      filters: { label: [`com.hostscope.test=${tag}`] },
    }))
      await docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (process.argv.includes('--engine-only')) return engineRecollection(option('--runs', 5));
  const found = findPowerShell();
  if (found.kind === 'none') {
    console.error(`bench:collect needs PowerShell: none found (tried ${found.tried.join(', ')}).`);
    process.exitCode = 1;
    return;
  }
  const repetitions = option('--runs', 3);
  const scratch = mkdtempSync(join(tmpdir(), 'hostscope-bench-'));
  try {
    const programData = join(scratch, 'ProgramData');
    mkdirSync(join(programData, 'custom'), { recursive: true });
    writeFileSync(join(programData, 'custom', 'daemon.json'), '{ "hosts": ["npipe://"] }\n');
    const base: PowerShellProbeOptions = {
      executable: found.path,
      importModules: standIns,
      env: { ...process.env, ProgramData: programData },
    };

    console.log(
      `PowerShell: ${found.path} (${found.why}); ${POWERSHELL_PROBES.length} probes; ${repetitions} runs each`,
    );
    console.log(
      `machine: ${cpus().length} cores, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    const shared: number[] = [];
    const perProbe: number[] = [];
    for (let i = 1; i <= repetitions; i++) {
      // Alternate the order so that a change in machine load does not favour one design.
      const order = i % 2 === 1 ? (['shared', 'per-probe'] as const) : (['per-probe', 'shared'] as const);
      for (const design of order) {
        if (design === 'shared') {
          const { ms, runs } = await timed(() => runPowerShellProbes(base));
          const problems = notOk(runs);
          if (problems.length > 0) throw new Error(`one shell, run ${i}: ${problems.join('; ')}`);
          shared.push(ms);
          console.log(`  run ${i}: one long-lived shell  ${ms.toFixed(0).padStart(6)} ms`);
        } else {
          const { ms, runs } = await timed(async () => {
            const all: ProbeRun[] = [];
            for (const id of POWERSHELL_PROBES)
              all.push(...(await runPowerShellProbes({ ...base, probeIds: [id] })));
            return all;
          });
          const problems = notOk(runs);
          if (problems.length > 0) throw new Error(`shell per probe, run ${i}: ${problems.join('; ')}`);
          perProbe.push(ms);
          console.log(`  run ${i}: a new shell per probe ${ms.toFixed(0).padStart(6)} ms`);
        }
      }
    }
    const a = median(shared);
    const b = median(perProbe);
    console.log('');
    console.log(`one long-lived shell (median): ${a.toFixed(0)} ms`);
    console.log(`a new shell per probe (median): ${b.toFixed(0)} ms`);
    console.log(`ratio (shell per probe / long-lived): ${(b / a).toFixed(1)}x`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  await engineRecollection(option('--runs', 5));
}

await main();
