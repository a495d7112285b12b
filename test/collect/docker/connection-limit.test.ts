// Many running containers must not mean as many open connections: a counting relay between the collector
// and the real engine measures how many sockets are open at once.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectDocker } from '../../../src/collect/docker/collect-docker';
import { resolveDockerEndpoint } from '../../../src/collect/docker/endpoint';
import { findTestEngine, removeLabelled, runId, startSleeper } from './test-engine';

const engine = await findTestEngine();
const id = runId();
const CONTAINERS = 12;
// Made when the tests run, not when they skip (hooks of a skipped suite do not run to clean up).
let dir = '';

interface Relay {
  readonly path: string;
  readonly peak: () => number;
  readonly total: () => number;
  /** Waits until the previous run's sockets are closed, then counts afresh. */
  readonly reset: () => Promise<void>;
  readonly close: () => Promise<void>;
}

function relay(upstream: string, path: string): Promise<Relay> {
  let open = 0;
  let peak = 0;
  let total = 0;
  const server: Server = createServer((client) => {
    open += 1;
    total += 1;
    peak = Math.max(peak, open);
    const engineSide = connect(upstream);
    client.pipe(engineSide).pipe(client);
    let closed = false;
    const done = (): void => {
      if (closed) return;
      closed = true;
      open -= 1;
      client.destroy();
      engineSide.destroy();
    };
    client.on('close', done).on('error', done);
    engineSide.on('close', done).on('error', done);
  });
  return new Promise((resolve) =>
    server.listen(path, () =>
      resolve({
        path,
        peak: () => peak,
        total: () => total,
        reset: async () => {
          while (open > 0) await new Promise((r) => setTimeout(r, 10));
          peak = 0;
          total = 0;
        },
        close: () => new Promise((done) => server.close(() => done())),
      }),
    ),
  );
}

describe.skipIf(engine === null)('connections to the engine', () => {
  const ids: string[] = [];
  let counting: Relay;

  beforeAll(async () => {
    const { docker } = engine!;
    dir = mkdtempSync(join(tmpdir(), 'hostscope-relay-'));
    for (let i = 0; i < CONTAINERS; i++) {
      const container = await startSleeper(docker, `${id}-c${i}`, id);
      ids.push(container.id);
    }
    counting = await relay(engine!.socketPath, join(dir, 'relay.sock'));
  }, 120_000);

  afterAll(async () => {
    await counting?.close();
    if (engine) await removeLabelled(engine.docker, `com.hostscope.test=${id}`);
    rmSync(dir, { recursive: true, force: true });
  });

  for (const limit of [8, 2]) {
    it(`never has more than ${limit} open at once, and still collects every container`, async () => {
      await counting.reset();
      const endpoint = resolveDockerEndpoint({
        dockerHost: `unix://${counting.path}`,
        env: {},
        platform: 'posix',
        homeDir: dir,
      });
      const runs = await collectDocker({ endpoint, timeoutMs: 30_000, maxConnections: limit });
      const top = runs.find((r) => r.id === 'docker.top')!;
      for (const cid of ids) expect(top.files.map((f) => f.path)).toContain(`docker/top/${cid}.json`);
      const inspects = JSON.parse(
        new TextDecoder().decode(runs.find((r) => r.id === 'docker.containers')!.files[0]!.bytes),
      ) as { Id: string }[];
      expect(inspects.map((c) => c.Id)).toEqual(expect.arrayContaining(ids));
      expect(counting.peak()).toBeLessThanOrEqual(limit);
      // Connections are reused: fewer than half the requests made. Per container: inspect, top, and three
      // commands (netstat; ipconfig and the hosts file since bundle 1.1) of 3 exec calls each, 11 requests;
      // an exec's output stream may keep its connection to itself.
      expect(counting.total()).toBeLessThan((CONTAINERS * 11) / 2);
    }, 60_000);
  }
});
