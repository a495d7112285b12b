// Shared by the PowerShell tests: the real pwsh (or the printed reason it is missing), the stand-in files,
// and turning probe runs into a bundle folder that the real reader and model read back.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBundle } from '../../../src/collect/bundle-reader';
import { findPowerShell } from '../../../src/collect/powershell/executable';
import type { ProbeRun } from '../../../src/collect/types';
import { buildHostModel } from '../../../src/core/host-model';
import { BUNDLE_FORMAT, BUNDLE_VERSION } from '../../../src/shared/bundle';
import type { HostModel } from '../../../src/shared/model';
import { realPart } from '../../helpers/real';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const STAND_INS = join(REPO, 'test', 'fixtures', 'powershell');

const found = findPowerShell();
/** The PowerShell the tests run; checked once per file through realPart (skip, or fail under HOSTSCOPE_REQUIRE_REAL=1). */
export const pwsh: string | null = found.kind === 'found' ? found.path : null;
export const hasPwsh = (): boolean =>
  realPart('PowerShell', found.kind === 'none' ? `no pwsh found (tried ${found.tried.join(', ')})` : null);

/** Stand-in files by name, cim-noise.ps1 first (the others build their objects with it). */
export function standIns(...names: readonly string[]): string[] {
  return ['cim-noise.ps1', ...names].map((name) => join(STAND_INS, name));
}

/** The stand-ins of a whole Windows Server 2019 container host. */
export const SERVER_2019 = standIns('server-2019-nat-host.ps1', 'hns-module.ps1', 'hyperv-module.ps1');

export interface CollectorRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** resources/collect.ps1 in real pwsh through run-collect.ps1 (which imports the stand-ins named by -StandIns). */
export function runCollectPs1(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CollectorRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      pwsh!,
      [
        '-NoProfile',
        '-NonInteractive',
        '-File',
        join(STAND_INS, 'run-collect.ps1'),
        '-Collector',
        join(REPO, 'resources', 'collect.ps1'),
        ...args,
      ],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `hostscope-${prefix}-`));
}

export function text(run: ProbeRun | undefined, path: string): string {
  const file = run?.files.find((f) => f.path === path);
  if (!file)
    throw new Error(
      `${run?.id ?? 'the probe'} wrote no ${path} (status ${run?.status}: ${run?.error ?? ''})`,
    );
  return Buffer.from(file.bytes).toString('utf8');
}

export function json(run: ProbeRun | undefined, path: string): unknown {
  return JSON.parse(text(run, path)) as unknown;
}

/** Every property name anywhere in a JSON value. */
export function keysDeep(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysDeep(item, into);
  else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      into.add(key);
      keysDeep(inner, into);
    }
  }
  return into;
}

/** Writes the runs as a bundle folder with a manifest, then reads it back with the real reader and model. */
export async function modelFromRuns(dir: string, runs: readonly ProbeRun[]): Promise<HostModel> {
  for (const run of runs) {
    for (const file of run.files) {
      mkdirSync(dirname(join(dir, file.path)), { recursive: true });
      writeFileSync(join(dir, file.path), file.bytes);
    }
  }
  const manifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    collectedAt: new Date().toISOString(),
    collector: { name: 'powershell-probe-test', version: '0' },
    host: { computerName: 'CONTAINERHOST01' },
    probes: runs.map((r) => ({
      id: r.id,
      status: r.status,
      files: r.files.map((f) => f.path),
      durationMs: r.durationMs,
      ...(r.error ? { error: r.error } : {}),
    })),
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return buildHostModel(await readBundle(dir));
}

/** The process runs. On Linux a zombie waiting for init to reap it (this machine's init is slow) does not count. */
export function running(pid: number): boolean {
  if (process.platform !== 'linux') {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0] !== 'Z';
  } catch {
    return false;
  }
}
