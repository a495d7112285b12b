// A hung PowerShell is killed with what it started. Real processes: a shell that starts a child and waits.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { endProcessTree } from '../../../src/collect/powershell/process-tree';
import { running } from './pwsh-test-kit';

describe.runIf(process.platform === 'linux')('endProcessTree', () => {
  it('kills the process and the children it started, which a plain kill would orphan', async () => {
    const parent = spawn('sh', ['-c', 'sleep 300 & echo $!; wait'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const childPid = await new Promise<number>((resolve) =>
      parent.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))),
    );
    // `$!` is known before the forked shell has exec'd sleep, and until then the fork's command line is the
    // parent's (`sh -c 'sleep 300 & …'`, which mentions sleep); while exec runs it reads as empty. Wait until
    // the program itself is sleep rather than racing the exec.
    const program = (): string => readFileSync(`/proc/${childPid}/cmdline`, 'utf8').split('\0')[0] ?? '';
    for (let i = 0; i < 100 && !program().endsWith('sleep'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(program()).toMatch(/(^|\/)sleep$/);
    const exited = new Promise((resolve) => parent.once('exit', resolve));
    endProcessTree(parent.pid!);
    await exited;
    for (let i = 0; i < 50 && running(childPid); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(running(childPid)).toBe(false);
  });

  it('does not throw for a process that is already gone', () => {
    expect(() => endProcessTree(2 ** 22 + 12345)).not.toThrow();
  });
});
