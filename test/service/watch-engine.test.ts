// Watching a live host (issue 13): the service with a history folder, the pwsh stand-ins and the Podman-served
// engine. While an interval is on, the test starts, stops and restarts a container: the engine's events are
// recorded in the timeline, and the collections kept between the steps hold the states the engine reported.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../src/collect/bundle-reader';
import { buildHostModel } from '../../src/core/host-model';
import { createHostscopeService } from '../../src/service/compose';
import type { HostscopeService } from '../../src/service/service';
import type { HistoryPoint, TimelineView } from '../../src/shared/history';
import { findTestEngine, removeLabelled, runId, startSleeper } from '../collect/docker/test-engine';
import { hasPwsh, pwsh } from '../collect/powershell/pwsh-test-kit';
import { standInHost } from '../support/watched-host';

const engine = await findTestEngine();
const run = engine !== null && hasPwsh();
const id = runId();
const label = `com.hostscope.test=${id}`;
let dir = '';
let service: HostscopeService | null = null;

async function timeline(s: HostscopeService): Promise<TimelineView> {
  const result = await s.call('history:timeline', {});
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function fast(s: HostscopeService): Promise<HistoryPoint> {
  const result = await s.call('history:collect', {
    operationId: `t-${Date.now()}`,
    scope: 'fast',
    open: false,
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.point;
}

/**
 * Our container's state in a kept bundle, as the reader and model see it; the summary kept beside it must count
 * what the bundle holds (other tests share the engine, so the counts are read, not expected).
 */
async function stateIn(folder: string, point: HistoryPoint, name: string): Promise<string | undefined> {
  const model = buildHostModel(await readBundle(join(folder, point.file)));
  if (model.containers.kind !== 'known') throw new Error(`containers unknown in ${point.file}`);
  const containers = model.containers.value;
  expect(point.summary.runningContainers).toBe(containers.filter((c) => c.state === 'running').length);
  expect(point.summary.containers).toBe(containers.length);
  return containers.find((c) => c.name === name)?.state;
}

async function until<T>(what: string, probe: () => Promise<T | null>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.runIf(run)('watching a host on the Podman engine', () => {
  const name = `${id}-web`;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hostscope-watch-'));
    service = createHostscopeService(
      { kind: 'web' },
      {
        collectionsDir: join(dir, 'collections'),
        historyDir: join(dir, 'history'),
        collectEnvironment: standInHost(dir, engine!.host, pwsh!),
      },
    );
  });

  afterAll(async () => {
    service?.dispose();
    if (engine) await removeLabelled(engine.docker, label);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('records start, die and restart with the re-collected states between them', async () => {
    const s = service!;
    const folder = join(dir, 'history');
    const settings = await s.call('history:settings', {
      settings: {
        fastSeconds: 3600,
        fullMinutes: null,
        retention: { maxCount: 100, maxBytes: 1_073_741_824 },
      },
    });
    expect(settings.ok).toBe(true);
    // The event stream is open once the timeline says nothing stands in its way.
    await until('the event stream', async () => ((await timeline(s)).eventsProblem === null ? true : null));
    await new Promise((r) => setTimeout(r, 500));

    const container = await startSleeper(engine!.docker, name, id);
    const running = await fast(s);
    await container.stop({ t: 0 });
    const stopped = await fast(s);
    await container.restart({ t: 0 });
    const restarted = await fast(s);

    expect(await stateIn(folder, running, name)).toBe('running');
    expect(await stateIn(folder, stopped, name)).toBe('exited');
    expect(await stateIn(folder, restarted, name)).toBe('running');
    // A fast collection does not pretend to know findings or paths: it has no firewall or HNS data.
    expect(running.summary.findingsBySeverity).toBeNull();
    expect(running.summary.unreachablePaths).toBeNull();
    expect(running.summary.natSessions).not.toBeNull();

    const view = await until('the restart to be recorded', async () => {
      const t = await timeline(s);
      return t.eventCount >= 4 && t.events.some((e) => e.kind === 'restart' && e.containers.includes(name))
        ? t
        : null;
    });
    const ours = view.events.filter((e) => e.containers.includes(name)).map((e) => e.kind);
    expect(ours).toEqual(expect.arrayContaining(['start', 'die', 'restart']));
    expect(view.points.map((p) => p.file)).toEqual([restarted.file, stopped.file, running.file]);
    expect(view.watching).toBe(true);
    // The marks and the collections share one time axis.
    expect(view.domain).not.toBeNull();
    for (const e of view.events) expect(e.t).toBeGreaterThanOrEqual(view.domain![0]);
  }, 180_000);

  it('collects on its own every N seconds while the interval is on', async () => {
    const s = service!;
    const before = (await timeline(s)).points.length;
    const result = await s.call('history:settings', {
      settings: { fastSeconds: 5, fullMinutes: null, retention: { maxCount: 100, maxBytes: 1_073_741_824 } },
    });
    expect(result.ok).toBe(true);
    const after = await until(
      'a scheduled collection',
      async () => {
        const t = await timeline(s);
        return t.points.length > before ? t : null;
      },
      60_000,
    );
    expect(after.points[0]!.scope).toBe('fast');
  }, 90_000);

  it('removes the oldest collections when the count limit is lowered, files and index alike', async () => {
    const s = service!;
    const before = await timeline(s);
    const result = await s.call('history:settings', {
      settings: { fastSeconds: null, fullMinutes: null, retention: { maxCount: 1, maxBytes: 1_073_741_824 } },
    });
    expect(result.ok).toBe(true);
    const after = await timeline(s);
    expect(after.points.map((p) => p.file)).toEqual([before.points[0]!.file]);
    expect(after.watching).toBe(false);
    // Events older than the oldest kept collection go with it (the restart came before the last collection).
    expect(after.eventCount).toBeLessThan(before.eventCount);
  });
});
