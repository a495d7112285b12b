// Issue 11: `hostscope summary | head` ended in an EPIPE stack trace. With the reader gone before the first
// write, every write fails with EPIPE: the CLI must end quietly.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

function runWithClosedStdout(args: readonly string[]): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, err }));
  });
}

describe('a closed pipe', () => {
  for (const command of ['summary', 'findings'])
    it(`hostscope ${command} | head: no stack trace, exit 0`, async () => {
      const run = await runWithClosedStdout([command, 'resources/samples/server2019-broken-nat']);
      expect(run.err).not.toMatch(/EPIPE|Error|at /);
      expect(run.code).toBe(0);
    }, 30_000);
});
