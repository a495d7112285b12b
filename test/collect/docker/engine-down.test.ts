// An engine that is not there, refuses, or hangs: every docker probe says so, naming the endpoint, and the
// PowerShell probes still run (in real PowerShell).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../../src/collect/bundle-reader';
import { collectHost } from '../../../src/collect/collect-host';
import { collectDocker, DOCKER_PROBE_IDS } from '../../../src/collect/docker/collect-docker';
import { resolveDockerEndpoint } from '../../../src/collect/docker/endpoint';
import { findPowerShell } from '../../../src/collect/powershell/executable';
import { POWERSHELL_PROBES } from '../../../src/collect/powershell/probe-runner';
import { buildHostModel } from '../../../src/core/host-model';
import { realPart } from '../../helpers/real';
import { freePort } from './test-engine';

const dir = mkdtempSync(join(tmpdir(), 'hostscope-down-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const powershell = findPowerShell();
const hasPowerShell = realPart(
  'PowerShell',
  powershell.kind === 'none' ? `no pwsh found (tried ${powershell.tried.join(', ')})` : null,
);

const endpoint = (dockerHost: string): ReturnType<typeof resolveDockerEndpoint> =>
  resolveDockerEndpoint({ dockerHost, env: {}, platform: 'posix', homeDir: dir });

describe('a Docker engine that cannot be reached', () => {
  it.skipIf(!hasPowerShell)(
    'missing socket: every docker probe failed naming it, the PowerShell probes ran anyway',
    async () => {
      const socket = join(dir, 'no-engine', 'docker.sock');
      const [result] = await collectHost({
        dockerHost: `unix://${socket}`,
        out: join(dir, 'missing.zip'),
        timeoutMs: 60_000,
      });
      if (result?.kind !== 'written') throw new Error(result?.kind === 'failed' ? result.error : 'no result');
      const runs = new Map(result.runs.map((r) => [r.id, r]));
      for (const id of DOCKER_PROBE_IDS) {
        expect(runs.get(id), id).toMatchObject({
          status: 'failed',
          error: expect.stringContaining(
            `cannot reach the Docker engine at unix://${socket}: connect ENOENT`,
          ),
        });
      }
      // Real PowerShell ran every probe: on Linux the Windows cmdlets are missing, which is an outcome, not a skip.
      for (const id of POWERSHELL_PROBES)
        expect(runs.get(id)?.status, id).toMatch(/^(ok|unsupported|failed|timeout)$/);
      expect(POWERSHELL_PROBES.some((id) => runs.get(id)!.durationMs > 0)).toBe(true);

      const model = buildHostModel(await readBundle(result.bundle.path));
      expect(model.containers).toMatchObject({
        kind: 'unknown',
        reason: expect.stringContaining(`unix://${socket}`),
      });
    },
    180_000,
  );

  it('refused connection: failed with the address and what to check', async () => {
    const port = await freePort();
    const runs = await collectDocker({ endpoint: endpoint(`tcp://127.0.0.1:${port}`), timeoutMs: 10_000 });
    expect(runs.map((r) => r.id)).toEqual(DOCKER_PROBE_IDS);
    for (const run of runs)
      expect(run).toMatchObject({
        status: 'failed',
        error: expect.stringMatching(
          new RegExp(`tcp://127\\.0\\.0\\.1:${port}: connect ECONNREFUSED .*nothing listens there`),
        ),
      });
  });

  it('an engine that accepts but never answers: /version times out, the rest say why they did not run', async () => {
    const path = join(dir, 'silent.sock');
    const held: Socket[] = [];
    const server: Server = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => server.listen(path, resolve));
    try {
      const started = performance.now();
      const runs = await collectDocker({ endpoint: endpoint(`unix://${path}`), timeoutMs: 300 });
      expect(performance.now() - started).toBeLessThan(5000);
      expect(runs[0]).toMatchObject({
        id: 'docker.version',
        status: 'timeout',
        error: expect.stringContaining(`unix://${path} did not answer GET /version within 0.3 s`),
      });
      for (const run of runs.slice(1)) expect(run).toMatchObject({ status: 'failed', error: runs[0]!.error });
    } finally {
      for (const socket of held) socket.destroy();
      server.close();
    }
  });

  it('cancelled while waiting for an engine, it rejects with the reason instead of blaming the engine', async () => {
    const path = join(dir, 'silent-cancel.sock');
    const held: Socket[] = [];
    const server: Server = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => server.listen(path, resolve));
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('user cancelled')), 100);
      await expect(
        collectDocker({ endpoint: endpoint(`unix://${path}`), timeoutMs: 10_000, signal: controller.signal }),
      ).rejects.toThrow('user cancelled');
    } finally {
      for (const socket of held) socket.destroy();
      server.close();
    }
  });

  it('an address it cannot use: every docker probe failed with the reason, nothing attempted', async () => {
    const runs = await collectDocker({ endpoint: endpoint('ssh://admin@node1'), timeoutMs: 1000 });
    for (const run of runs)
      expect(run).toMatchObject({
        status: 'failed',
        error: expect.stringContaining('the scheme ssh:// is not supported'),
      });
  });
});
