// Issue 17, defect 7: a bundle folder with an unreadable file or subfolder marks what it holds invalid; only an
// unreadable manifest (or bundle folder) makes the bundle unreadable (exit 3). Permissions do not bind root, so
// as root the CLI runs as the unprivileged user `nobody` (setpriv), which is the real permission check.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, type CliRun } from '../support/cli';
import { SAMPLE } from '../support/hostile-bundles';

const tmp = mkdtempSync(join(tmpdir(), 'hostscope-unreadable-'));
chmodSync(tmp, 0o755);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// `nobody` must reach the checkout to run the CLI from it: a clone inside `mktemp -d` (mode 0700) is closed to it.
// Each closed ancestor gets only the traverse bit for others while this file runs, and its mode back afterwards.
const reopened = ancestors(ROOT)
  .map((dir) => ({ dir, mode: statSync(dir).mode & 0o7777 }))
  .filter(({ mode }) => (mode & 0o001) === 0);
if (process.getuid?.() === 0) for (const { dir, mode } of reopened) chmodSync(dir, mode | 0o001);
afterAll(() => {
  if (process.getuid?.() === 0) for (const { dir, mode } of reopened) chmodSync(dir, mode);
});

function ancestors(path: string): string[] {
  const dirs: string[] = [];
  for (let dir = path; ; dir = dirname(dir)) {
    dirs.push(dir);
    if (dirname(dir) === dir) return dirs;
  }
}
const ENTRY = join(ROOT, 'src/cli/index.ts');
const NOBODY = 65534;

async function run(...argv: string[]): Promise<CliRun> {
  if (process.getuid?.() !== 0) return cli(...argv);
  const child = spawnSync(
    'setpriv',
    [
      `--reuid=${NOBODY}`,
      `--regid=${NOBODY}`,
      '--clear-groups',
      process.execPath,
      '--import',
      'tsx',
      ENTRY,
      ...argv,
    ],
    { encoding: 'utf8', cwd: ROOT, env: { ...process.env, HOME: tmp, NO_COLOR: '1' } },
  );
  return { code: child.status ?? -1, out: child.stdout, err: child.stderr };
}

interface Probe {
  id: string;
  status: string;
  detail: string;
}

describe('a bundle folder with unreadable parts', () => {
  it('marks an unreadable file and an unreadable subfolder invalid, and reads the rest', async () => {
    const folder = join(tmp, 'parts');
    cpSync(SAMPLE, folder, { recursive: true });
    const [container] = readdirSync(join(folder, 'containers')).sort();
    chmodSync(join(folder, 'host', 'processes.json'), 0o000);
    chmodSync(join(folder, 'containers', container!), 0o000);
    const result = await run('summary', folder, '--json');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const probes = (JSON.parse(result.out) as { probes: Probe[] }).probes;
    const byId = (id: string): Probe => probes.find((p) => p.id === id)!;
    expect(byId('host.processes')).toMatchObject({
      status: 'invalid',
      detail: 'host/processes.json: cannot be read: EACCES',
    });
    expect(byId('container.listeners').status).toBe('invalid');
    expect(byId('container.listeners').detail).toContain(
      `containers/${container}/netstat.txt: its folder containers/${container}/ cannot be read: EACCES`,
    );
    expect(byId('host.os').status).toBe('ok');
    expect(byId('docker.containers').status).toBe('ok');
  });

  it('ends with exit 3 and one line when the manifest cannot be read', async () => {
    const folder = join(tmp, 'manifest');
    cpSync(SAMPLE, folder, { recursive: true });
    chmodSync(join(folder, 'manifest.json'), 0o000);
    const result = await run('summary', folder);
    expect(result.code).toBe(3);
    expect(result.out).toBe('');
    expect(result.err).toBe(`hostscope: ${folder}: manifest.json cannot be read: EACCES\n`);
  });
});
