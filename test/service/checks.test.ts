// "Test it" behind both shells (issue 14): the request names an explanation, never an address; checks run only
// for a bundle of this machine where collecting is available; the served UI's token guards them like every call.
// The live case runs for real: the collector's PowerShell runner connects to 127.0.0.1 on this machine, to a port
// the test listens on, on a copy of the 2016 sample that names this computer and publishes that port.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localChecks } from '../../src/service/checks-port';
import { createHostscopeService } from '../../src/service/compose';
import { startHttpServer } from '../../src/service/http-server';
import { samplesDir } from '../../src/service/paths';
import { createService } from '../../src/service/service';
import type { AppEvent } from '../../src/shared/ipc';
import { hasPwsh } from '../collect/powershell/pwsh-test-kit';
import { acceptingListener, type AcceptingListener } from '../support/listener';
import { liveBundle } from '../support/live-bundle';

let dir = '';

const ask = {
  operationId: 'check-1',
  container: 'portainer',
  source: { kind: 'host-localhost' },
  port: 9000,
  protocol: 'tcp',
} as const;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hostscope-service-checks-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('checks through the service', () => {
  it('refuses a request that names an address instead of an explanation', async () => {
    const service = createHostscopeService({ kind: 'web' }, { collectionsDir: dir });
    await service.call('bundle:open', { path: liveBundle(dir, hostname()) });
    for (const request of [
      { ...ask, source: { kind: 'host', address: '10.0.0.1' } },
      { ...ask, to: '10.0.0.1' },
      { ...ask, port: 0 },
    ])
      expect(await service.handle('checks:run', request)).toMatchObject({
        ok: false,
        error: { code: 'bad-request' },
      });
    service.dispose();
  });

  it('says why testing is unavailable: no live host, a sample, a bundle of another computer, UDP, a LAN client', async () => {
    const noCollect = createHostscopeService({ kind: 'web' });
    await noCollect.call('bundle:open', { path: liveBundle(dir, hostname()) });
    const view = await noCollect.call('reach:explain', {
      container: 'portainer',
      source: { kind: 'host-localhost' },
      port: 9000,
      protocol: 'tcp',
    });
    expect(view.ok && view.value.test).toMatchObject({
      kind: 'unavailable',
      reason: expect.stringMatching(/needs a live host/),
    });
    expect(await noCollect.call('checks:run', ask)).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
    noCollect.dispose();

    const live = createHostscopeService({ kind: 'web' }, { collectionsDir: dir });
    await live.call('bundle:openSample', { name: 'server2016-swarm-portainer' });
    expect(await live.call('checks:run', ask)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/sample host/) },
    });
    await live.call('bundle:open', { path: liveBundle(dir, 'CONTAINERHOST99') });
    const elsewhere = await live.call('checks:run', ask);
    expect(elsewhere).toMatchObject({
      ok: false,
      error: {
        code: 'unavailable',
        message: expect.stringContaining('collected on CONTAINERHOST99, not on this computer'),
      },
    });
    const matrix = await live.call('reach:matrix', {});
    expect(matrix.ok && matrix.value.test.kind).toBe('unavailable');
    await live.call('bundle:open', { path: liveBundle(dir, hostname().toUpperCase()) });
    expect(await live.call('checks:run', { ...ask, protocol: 'udp' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^UDP is not decidable by a connect/) },
    });
    expect(await live.call('checks:run', { ...ask, source: { kind: 'external' } })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/Test-NetConnection/) },
    });
    live.dispose();
  });

  it("requires the served UI's token for checks like for every call", async () => {
    const service = createHostscopeService({ kind: 'web' }, { collectionsDir: dir });
    const server = await startHttpServer({ service, rendererDir: dir, port: 0 });
    const status = (path: string): Promise<number> =>
      new Promise((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port: server.port,
            path,
            method: 'POST',
            headers: { Host: `127.0.0.1:${server.port}`, 'Content-Type': 'application/json' },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify(ask));
      });
    expect(await status('/api/checks:run')).toBe(403);
    expect(await status(`/${server.token.slice(0, -1)}/api/checks:matrix`)).toBe(403);
    expect(await status(`/${server.token}/api/checks:run`)).toBe(200);
    await server.close();
    service.dispose();
  });
});

describe.skipIf(!hasPwsh())('"Test it" on a bundle of this machine (real PowerShell runner)', () => {
  let listener: AcceptingListener | null = null;

  beforeAll(async () => {
    listener = await acceptingListener();
  });
  afterAll(() => listener?.close());

  it('connects, shows the observation with the contradiction, saves it into the bundle and keeps it on reopen', async () => {
    const { port } = listener!;
    const path = liveBundle(dir, hostname(), port);
    const asked = { ...ask, port };
    const events: AppEvent[] = [];
    const service = createService({
      shell: { kind: 'web' },
      samplesDir: samplesDir(),
      checks: localChecks(),
    });
    service.onEvent((e) => events.push(e));
    await service.call('bundle:open', { path });
    const before = await service.call('reach:explain', {
      container: 'portainer',
      source: { kind: 'host-localhost' },
      port,
      protocol: 'tcp',
    });
    expect(before.ok && before.value).toMatchObject({
      test: { kind: 'available' },
      explanation: { verdict: 'unreachable' },
    });

    const tested = await service.call('checks:run', asked);
    if (!tested.ok) throw new Error(tested.error.message);
    const e = tested.value.explanation;
    expect(e.verdict).toBe('reachable');
    expect(e.observation?.contradiction?.message).toMatch(
      /^Hostscope expected this to fail at .*, but a connection succeeded/,
    );
    expect(e.hops.at(-1)).toMatchObject({ id: 'observed', status: 'pass' });
    expect(events.filter((x) => x.kind === 'progress' && x.operation === 'check').length).toBeGreaterThan(0);
    expect(events).toContainEqual({
      kind: 'operation-ended',
      operationId: 'check-1',
      operation: 'check',
      outcome: 'ok',
    });
    // The bundle is read again in place: the one bundle-opened event is the open before the test.
    expect(events.filter((x) => x.kind === 'bundle-opened')).toHaveLength(1);

    const files = readdirSync(join(path, 'checks'));
    expect(files).toHaveLength(1);
    const stored = JSON.parse(readFileSync(join(path, 'checks', files[0]!), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(stored).toMatchObject({
      from: 'host',
      to: '127.0.0.1',
      port,
      outcome: 'connected',
      tool: 'powershell',
    });
    service.dispose();

    const reopened = createHostscopeService({ kind: 'web' });
    await reopened.call('bundle:open', { path });
    const again = await reopened.call('reach:explain', {
      container: 'portainer',
      source: { kind: 'host-localhost' },
      port,
      protocol: 'tcp',
    });
    expect(again.ok && again.value.explanation.observation?.outcome).toBe('connected');
    reopened.dispose();
  }, 120_000);

  it('tests every published port with progress, and a cancel stops it with nothing saved', async () => {
    const { port } = listener!;
    const path = liveBundle(dir, hostname(), port);
    const service = createService({
      shell: { kind: 'web' },
      samplesDir: samplesDir(),
      checks: localChecks(),
    });
    await service.call('bundle:open', { path });
    const matrix = await service.call('reach:matrix', {});
    expect(matrix.ok && matrix.value.test).toEqual({ kind: 'available' });
    const progress: string[] = [];
    service.onEvent((e) => {
      if (e.kind !== 'progress' || e.operation !== 'check') return;
      progress.push(e.message);
      // Cancelled once the first connection has started: the rest never run.
      if (progress.length === 1) void service.call('checks:cancel', { operationId: 'matrix-1' });
    });
    const result = await service.call('checks:matrix', { operationId: 'matrix-1' });
    expect(result).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(progress[0]).toMatch(/^Testing the host to 127\.0\.0\.1:\d+$/);
    expect(() => readdirSync(join(path, 'checks'))).toThrow();
    service.dispose();
  }, 120_000);
});
