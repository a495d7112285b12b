// The live engine's log of a container, for the container page's "Fetch the last 200 lines" (issue 13). The
// engine is this machine's (DOCKER_HOST or the default pipe/socket, as `hostscope collect` finds it).

import { homedir } from 'node:os';
import { fetchContainerLogs } from '../collect/docker/container-logs';
import { engineErrorShape } from '../collect/docker/engine-client';
import { describeEngineError, isUnreachable, unreachableMessage } from '../collect/docker/engine-errors';
import { resolveDockerEndpoint, type DockerEndpoint } from '../collect/docker/endpoint';
import { endpointPlatform } from '../collect/platform';
import { fail, ok, type Result } from '../shared/ipc';
import type { ContainerLogs } from '../shared/views';

/** Fetches the log of the container with this id; errors are values naming the engine and what to do. */
export type LogsPort = (containerId: string, signal: AbortSignal) => Promise<Result<ContainerLogs>>;

export function logsFromEngine(endpointOf: () => Result<DockerEndpoint> = localEndpoint): LogsPort {
  return async (containerId, signal) => {
    const endpoint = endpointOf();
    if (!endpoint.ok) return endpoint;
    try {
      return ok(await fetchContainerLogs(endpoint.value, containerId, signal));
    } catch (error) {
      const shape = engineErrorShape(error);
      if (isUnreachable(shape)) return fail('unavailable', unreachableMessage(endpoint.value.url, shape));
      if (shape.statusCode === 404)
        return fail(
          'not-found',
          `The engine at ${endpoint.value.url} has no container ${containerId.slice(0, 12)}: it was removed since the bundle was collected, or the bundle comes from another host.`,
        );
      return fail(
        'failed',
        `The engine at ${endpoint.value.url} did not give the log: ${describeEngineError(shape)}`,
      );
    }
  };
}

function localEndpoint(): Result<DockerEndpoint> {
  const resolved = resolveDockerEndpoint({
    env: process.env,
    platform: endpointPlatform,
    homeDir: homedir(),
  });
  return resolved.kind === 'ok' ? ok(resolved.endpoint) : fail('unavailable', resolved.message);
}
