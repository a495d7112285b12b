// `hostscope serve` as a user runs it: a process that prints a URL with its token, answers on it, and stops on
// SIGTERM leaving no temporary folder behind; wrong arguments end with the usual exit codes before anything
// listens.

import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureRendererBuilt } from '../e2e/support';
import { cli } from '../support/cli';

/** What serve left in a temporary folder of its own (TMPDIR), other tools' caches aside. */
const leftBehind = (temp: string): string[] =>
  readdirSync(temp).filter((name) => name.startsWith('hostscope-'));

describe('hostscope serve', () => {
  it('refuses a bad port (usage, 2) and an unreadable bundle (3)', async () => {
    ensureRendererBuilt();
    expect((await cli('serve', '--port', 'http', '--no-open')).code).toBe(2);
    expect((await cli('serve', '--port', '70000', '--no-open')).code).toBe(2);
    // Given up after its imports folder was made: the folder goes with it.
    const temp = mkdtempSync(join(tmpdir(), 'serve-temp-'));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = temp;
    try {
      const missing = await cli('serve', join(process.cwd(), 'no-such-bundle'), '--no-open', '--port', '0');
      expect(missing.code).toBe(3);
      expect(missing.err).toContain('no-such-bundle');
      expect(leftBehind(temp)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      rmSync(temp, { recursive: true, force: true });
    }
  });

  it('says what it does in --help', async () => {
    const help = await cli('serve', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('127.0.0.1');
    expect(help.out).toContain('--no-open');
    expect(help.out).toContain('--port');
  });

  it('serves a sample host on 127.0.0.1 with a token, and stops cleanly on SIGTERM', async () => {
    ensureRendererBuilt();
    const temp = mkdtempSync(join(tmpdir(), 'serve-temp-'));
    const child = spawn(
      process.execPath,
      [
        join(process.cwd(), 'node_modules', 'tsx', 'dist', 'cli.mjs'),
        'src/cli/index.ts',
        'serve',
        '--no-open',
        '--port',
        '0',
      ],
      {
        cwd: process.cwd(),
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '', TMPDIR: temp },
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      for (let i = 0; i < 300 && !/Ctrl\+C/.test(out); i++) await new Promise((r) => setTimeout(r, 100));
      const url = /http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{32,}\//.exec(out)?.[0];
      expect(url, `${out}\n${err}`).toBeDefined();
      expect(out).toContain('server2016-swarm-portainer');
      const page = await fetch(url!);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      const info = (await (
        await fetch(`${url}api/app:info`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
        })
      ).json()) as {
        ok: boolean;
        value: { bundle: { sample: string } };
      };
      expect(info.value.bundle.sample).toBe('server2016-swarm-portainer');
      expect((await fetch(url!.replace(/\/[^/]+\/$/, '/'))).status).toBe(403);
      expect(leftBehind(temp)).toEqual([expect.stringMatching(/^hostscope-imports-/)]);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    try {
      expect(leftBehind(temp)).toEqual([]);
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  });
});
