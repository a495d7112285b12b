// npm run bench:collect [-- --runs N]: the PowerShell probe set, with the stand-ins of a Windows Server 2019
// host (test/fixtures/powershell), run in one long-lived shell and with a new shell per probe, on this machine.
// Prints the median of each and their ratio. Real pwsh; nothing is faked but the Windows cmdlets.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPowerShell } from '../src/collect/powershell/executable';
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

async function main(): Promise<void> {
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
}

await main();
