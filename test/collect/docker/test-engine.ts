// The real Docker Engine API the tests run against: Podman's, started by scripts/podman-engine.sh, found
// through HOSTSCOPE_TEST_DOCKER_HOST. Missing or silent: the test file skips with the reason (test/helpers/real.ts).
import Docker from 'dockerode';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { resolveDockerEndpoint } from '../../../src/collect/docker/endpoint';
import { realPart } from '../../helpers/real';

export const TEST_IMAGE = 'mini:latest';
const PART = 'Docker Engine API (Podman)';
const HOW =
  'run `scripts/podman-engine.sh start` and export the DOCKER_HOST it prints as HOSTSCOPE_TEST_DOCKER_HOST';

export interface TestEngine {
  /** As given in HOSTSCOPE_TEST_DOCKER_HOST, e.g. unix:///tmp/hostscope-podman/podman.sock. */
  readonly host: string;
  readonly socketPath: string;
  readonly docker: Docker;
}

/** The engine, or null after printing why the tests that need it skip. */
export async function findTestEngine(): Promise<TestEngine | null> {
  const host = process.env.HOSTSCOPE_TEST_DOCKER_HOST;
  if (host === undefined || host === '') {
    realPart(PART, `HOSTSCOPE_TEST_DOCKER_HOST is not set (${HOW})`);
    return null;
  }
  const endpoint = resolveDockerEndpoint({ dockerHost: host, env: {}, platform: 'posix', homeDir: '/' });
  if (endpoint.kind === 'invalid' || endpoint.endpoint.kind !== 'socket') {
    realPart(PART, `HOSTSCOPE_TEST_DOCKER_HOST=${host} is not a unix socket address`);
    return null;
  }
  const docker = new Docker({ socketPath: endpoint.endpoint.path, timeout: 5000 });
  try {
    await docker.ping();
    await docker.getImage(TEST_IMAGE).inspect();
  } catch (error) {
    realPart(PART, `${host} does not answer or lacks ${TEST_IMAGE}: ${(error as Error).message} (${HOW})`);
    return null;
  }
  return { host, socketPath: endpoint.endpoint.path, docker };
}

/** A prefix for names and labels, so parallel test files and leftovers never collide. */
export function runId(): string {
  return `hs-${randomBytes(4).toString('hex')}`;
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Starts a container of the test image that sleeps ten minutes, carrying the run's label for removeLabelled. */
export async function startSleeper(docker: Docker, name: string, label: string): Promise<Docker.Container> {
  const container = await docker.createContainer({
    name,
    Image: TEST_IMAGE,
    Cmd: ['sleep', '600'],
    Labels: { 'com.hostscope.test': label },
  });
  await container.start();
  return container;
}

/** Removes every container, network and volume carrying the run's label. */
export async function removeLabelled(docker: Docker, label: string): Promise<void> {
  const filters = { label: [label] };
  for (const c of await docker.listContainers({ all: true, filters }))
    await docker
      .getContainer(c.Id)
      .remove({ force: true, v: true })
      .catch(() => undefined);
  for (const n of await docker.listNetworks({ filters }))
    await docker
      .getNetwork(n.Id)
      .remove()
      .catch(() => undefined);
  const { Volumes } = await docker.listVolumes({ filters });
  for (const v of Volumes ?? [])
    await docker
      .getVolume(v.Name)
      .remove()
      .catch(() => undefined);
}
