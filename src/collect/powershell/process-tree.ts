// Ending a PowerShell that hangs, with what it started. Killing the spawned process is not enough: the .NET
// global tool's `pwsh` is a launcher whose PowerShell is a child process, and a probe's native command
// (hcsdiag, netstat) is a child of PowerShell. Either would outlive a plain kill.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { isWindows } from '../platform';

/** Kills `pid` and its descendants, synchronously (usable in an 'exit' handler). Never throws. */
export function endProcessTree(pid: number): void {
  if (isWindows) {
    spawnSync('taskkill', ['/PID', String(pid), '/T', '/F'], { windowsHide: true, stdio: 'ignore' });
    return;
  }
  // The whole tree is listed before anything dies: an orphan is re-parented and no longer found under pid.
  for (const id of [pid, ...descendants(pid)]) {
    try {
      process.kill(id, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/** Linux: /proc/<pid>/task/<tid>/children. Elsewhere (macOS) none are known. */
export function descendants(pid: number): number[] {
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const current = queue.shift()!;
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${current}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      let children: string;
      try {
        children = readFileSync(`/proc/${current}/task/${task}/children`, 'utf8');
      } catch {
        continue;
      }
      for (const child of children.split(/\s+/).filter(Boolean).map(Number)) {
        if (!found.includes(child)) {
          found.push(child);
          queue.push(child);
        }
      }
    }
  }
  return found;
}
