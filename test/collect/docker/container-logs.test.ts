// `docker logs --tail 200` on request (issue 13), against the real Docker Engine API served by Podman: the last
// 200 lines in order, stdout and stderr apart, the container's environment values redacted. Through the service
// too, with a bundle holding the live container's own inspect.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchContainerLogs, LOG_TAIL } from '../../../src/collect/docker/container-logs';
import { resolveDockerEndpoint, type DockerEndpoint } from '../../../src/collect/docker/endpoint';
import { ok } from '../../../src/shared/ipc';
import { logsFromEngine } from '../../../src/service/logs-port';
import { createService } from '../../../src/service/service';
import { rawBundle } from '../../support/raw-bundle';
import { findTestEngine, removeLabelled, runId, TEST_IMAGE } from './test-engine';

const engine = await findTestEngine();
const id = runId();
const secret = `hunter2-${id}`;
let containerId = '';
let endpoint: DockerEndpoint | null = null;

// 250 numbered lines, then the secret printed by the service itself, then one line on stderr.
const SCRIPT = `i=0; while [ $i -lt 250 ]; do echo "line $i"; i=$((i+1)); done; echo "connecting with password=$DB_PASSWORD"; echo "warning: slow start" >&2; sleep 3600`;

beforeAll(async () => {
  if (engine === null) return;
  const resolved = resolveDockerEndpoint({
    dockerHost: engine.host,
    env: {},
    platform: 'posix',
    homeDir: '/',
  });
  if (resolved.kind !== 'ok') throw new Error(resolved.message);
  endpoint = resolved.endpoint;
  const container = await engine.docker.createContainer({
    name: `${id}-logs`,
    Image: TEST_IMAGE,
    Labels: { 'com.hostscope.test': id },
    Env: [`DB_PASSWORD=${secret}`],
    Cmd: ['sh', '-c', SCRIPT],
  });
  await container.start();
  containerId = container.id;
  // Wait until the script has printed its last line.
  for (let i = 0; i < 50; i++) {
    const logs = (await container.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
    if (logs.toString('utf8').includes('slow start')) break;
    await new Promise((r) => setTimeout(r, 100));
  }
}, 30_000);

afterAll(async () => {
  if (engine) await removeLabelled(engine.docker, `com.hostscope.test=${id}`);
});

describe.skipIf(engine === null)('docker logs on request, from the live engine', () => {
  it('gives the last 200 lines, oldest first, stderr apart, the environment values redacted', async () => {
    const logs = await fetchContainerLogs(endpoint!, containerId, new AbortController().signal);
    expect(logs.tail).toBe(LOG_TAIL);
    expect(logs.lines).toHaveLength(LOG_TAIL);
    expect(logs.containerName).toBe(`${id}-logs`);
    const texts = logs.lines.map((l) => l.text.replace(/^\S+ /, ''));
    // 252 lines were written: the first 52 are past the tail.
    expect(texts[0]).toBe('line 52');
    expect(texts).toContain('line 249');
    expect(logs.lines.find((l) => l.text.endsWith('warning: slow start'))?.stream).toBe('stderr');
    expect(logs.lines.filter((l) => l.stream === 'stdout')).toHaveLength(LOG_TAIL - 1);
    // Every line carries the engine's timestamp first.
    for (const l of logs.lines) expect(l.text).toMatch(/^\d{4}-\d\d-\d\dT\S+ /);
    expect(texts).toContain('connecting with password=<redacted>');
    expect(JSON.stringify(logs)).not.toContain(secret);
    expect(logs.redactions).toBe(1);
  });

  it('answers through the service for a container of the open bundle, and names a missing one', async () => {
    const inspect = await engine!.docker.getContainer(containerId).inspect();
    const service = createService({
      shell: { kind: 'web' },
      samplesDir: '/nonexistent',
      read: async () => rawBundle({ 'docker/containers.json': JSON.stringify([inspect]) }),
      logs: logsFromEngine(() => ok(endpoint!)),
    });
    try {
      expect((await service.call('bundle:open', { path: 'live' })).ok).toBe(true);
      const detail = await service.call('container:detail', { ref: `${id}-logs` });
      expect(detail.ok && detail.value.canFetchLogs).toBe(true);
      const answer = await service.call('container:logs', { ref: `${id}-logs` });
      expect(answer.ok, JSON.stringify(answer)).toBe(true);
      if (answer.ok) expect(answer.value.lines.at(-1)?.text).toMatch(/warning: slow start$/);
      await engine!.docker.getContainer(containerId).remove({ force: true });
      const gone = await service.call('container:logs', { ref: `${id}-logs` });
      expect(gone).toMatchObject({ ok: false, error: { code: 'not-found' } });
      if (!gone.ok) expect(gone.error.message).toContain(containerId.slice(0, 12));
    } finally {
      service.dispose();
    }
  });
});
