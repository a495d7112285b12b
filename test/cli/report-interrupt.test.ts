// `hostscope report --out` interrupted while it writes (Ctrl+C, SIGTERM): no half report and no hidden
// `.name.partial-*` file is left, and the exit code is 1 (failed or interrupted, as its help says). The CLI is
// frozen (SIGSTOP) as soon as its temporary file appears, so the signal lands during the write, not by timing.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFolder } from '../support/derived-bundle';
import { scaled, syntheticBundle } from '../support/synthetic-bundle';

const root = join(import.meta.dirname, '../..');
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface Interrupted {
  readonly code: number | null;
  readonly err: string;
  /** Whether the temporary file was there while the CLI was frozen: the signal came during the write. */
  readonly duringWrite: boolean;
}

function reportInterrupted(bundle: string, out: string, signal: 'SIGINT' | 'SIGTERM'): Promise<Interrupted> {
  return new Promise((resolve, reject) => {
    const args = ['report', bundle, '--format', 'json', '--scope', 'all', '--no-redact', '--out', out];
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    let duringWrite = false;
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const watcher = watch(join(out, '..'), (_event, name) => {
      if (duringWrite || !name?.startsWith('.report.json.partial-')) return;
      child.kill('SIGSTOP');
      duringWrite = readdirSync(join(out, '..')).some((f) => f.startsWith('.report.json.partial-'));
      child.kill(signal);
      child.kill('SIGCONT');
    });
    child.on('error', reject);
    child.on('close', (code) => {
      watcher.close();
      resolve({ code, err, duringWrite });
    });
  });
}

describe('hostscope report --out, interrupted while writing', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    it(`${signal}: leaves no partial file, writes nothing, exits 1`, async () => {
      dir = mkdtempSync(join(tmpdir(), 'hostscope-report-interrupt-'));
      // About 20 MB of JSON: written in many pieces, the signal is handled between two of them.
      const bundle = writeFolder(syntheticBundle(scaled(0.25)).files, join(dir, 'host'));
      const outDir = join(dir, 'out');
      mkdirSync(outDir);
      const out = join(outDir, 'report.json');
      const run = await reportInterrupted(bundle, out, signal);
      expect(run.duringWrite).toBe(true);
      expect(run.err).toContain(`interrupted (${signal}): ${out} was not written`);
      expect(run.code).toBe(1);
      expect(readdirSync(outDir)).toEqual([]);
      expect(existsSync(out)).toBe(false);
    }, 180_000);
});
