// `hostscope collect` in-process. The engine is deliberately absent here (its failure is an outcome, and the
// command must still write a bundle); test/collect/docker/ covers collecting from a real engine.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program';
import { cli } from '../support/cli';
import { PROBES } from '../../src/shared/bundle';

const dir = mkdtempSync(join(tmpdir(), 'hostscope-collect-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const missing = `unix://${join(dir, 'no-engine.sock')}`;

describe('hostscope collect', () => {
  it('writes the bundle, prints one line per finished probe and a summary, and summary opens it', async () => {
    const out = join(dir, 'plain.zip');
    const run = await cli(
      'collect',
      '--no-powershell',
      '--docker-host',
      missing,
      '--out',
      out,
      '--timeout',
      '5',
    );
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const lines = run.out.trimEnd().split('\n');
    const socket = join(dir, 'no-engine.sock');
    expect(lines.find((l) => l.startsWith('docker.version '))).toBe(
      `docker.version failed ${lines.find((l) => l.startsWith('docker.version '))!.split(' ')[2]} ms: cannot reach the Docker engine at ${missing}: connect ENOENT ${socket} (no socket or pipe there: is the engine running? choose another with --docker-host)`,
    );
    // Every probe that talks to the engine fails (no engine); every PowerShell probe is skipped.
    const engineProbes = PROBES.filter((p) => p.kind !== 'powershell').length;
    const powershellProbes = PROBES.length - engineProbes;
    expect(lines.filter((l) => / (ok|failed|timeout|unsupported|skipped) \d/.test(l))).toHaveLength(
      engineProbes,
    );
    expect(run.out).toMatch(
      new RegExp(
        `: ${PROBES.length} probes in [\\d.]+ (ms|s) - ${engineProbes} failed, ${powershellProbes} skipped\\n {2}bundle: .*plain\\.zip \\(\\d+ files, [\\d.]+ (B|KiB)\\)`,
      ),
    );
    expect(run.out).not.toContain('\u001b');

    const summary = await cli('summary', out, '--json');
    expect(summary.code).toBe(0);
    const probes = (JSON.parse(summary.out) as { probes: { id: string; status: string }[] }).probes;
    expect(probes.find((p) => p.id === 'docker.containers')?.status).toBe('failed');
    expect(probes.find((p) => p.id === 'host.os')?.status).toBe('skipped');
  });

  it('on a terminal, redraws one block of probe lines in place and ends with the summary', async () => {
    let out = '';
    const code = await runCli(
      ['collect', '--no-powershell', '--docker-host', missing, '--out', join(dir, 'tty')],
      {
        out: (t) => void (out += t),
        err: (t) => void (out += t),
        isTty: true,
        columns: 80,
      },
    );
    expect(code).toBe(0);
    expect(out).toContain('\u001b[2K');
    // Each redraw moves back over the lines drawn before it.
    // eslint-disable-next-line no-control-regex -- the escape sequence is what is checked
    expect(out).toMatch(/\u001b\[\d+F/);
    const lastBlock = out.slice(out.lastIndexOf('\u001b[J') - 2000).split('\n');
    expect(lastBlock.some((l) => l.includes('docker.swarm'))).toBe(true);
    expect(out).toContain('bundle: ');
    expect(existsSync(join(dir, 'tty', 'manifest.json'))).toBe(true);
  });

  it('exits 1 without touching what is in the way of --out', async () => {
    const out = join(dir, 'taken.zip');
    writeFileSync(out, 'precious');
    const run = await cli('collect', '--no-powershell', '--docker-host', missing, '--out', out);
    expect(run.code).toBe(1);
    expect(run.out).toContain('no bundle: the bundle for');
    expect(run.out).toContain('already exists');
    expect(run.err).toContain('not every bundle was written');
    expect(readdirSync(dir).filter((n) => n.startsWith('.taken'))).toEqual([]);
  });

  it('refuses options that do not fit together with exit code 2, before collecting anything', async () => {
    const before = readdirSync(dir).length;
    expect(await cli('collect', '--no-docker', '--no-powershell')).toMatchObject({
      code: 2,
      err: expect.stringContaining('nothing to collect'),
    });
    expect(await cli('collect', '--timeout', 'soon')).toMatchObject({
      code: 2,
      err: expect.stringContaining('a positive number of seconds'),
    });
    // Repeated --computer flags add up: two computers, so one --docker-host cannot serve both.
    expect(
      await cli('collect', '--computer', 'node1', '--computer', 'node2', '--docker-host', 'tcp://node1:2376'),
    ).toMatchObject({
      code: 2,
      err: expect.stringContaining('--docker-host goes with one --computer at most'),
    });
    expect(
      await cli('collect', '--computer', 'node1', 'node2', '--docker-host', 'tcp://node1:2376'),
    ).toMatchObject({ code: 2 });
    expect(await cli('collect', '--ssh')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--computer'),
    });
    expect(readdirSync(dir)).toHaveLength(before);
  });
});
