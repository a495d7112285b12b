// Environment values often hold passwords and tokens; a bundle travels by mail and tickets. Names stay
// (they tell what a container is configured with), values become a marker (bundle-v1.md, docker.containers).

export const REDACTED = '<redacted>';

/** `NAME=value` -> `NAME=<redacted>`; a bare `NAME` (passed through from the client) stays; anything else is hidden. */
export function redactEnvEntries(env: unknown): unknown {
  if (!Array.isArray(env)) return env;
  return env.map((entry: unknown) => {
    if (typeof entry !== 'string') return REDACTED;
    const eq = entry.indexOf('=');
    return eq < 0 ? entry : `${entry.slice(0, eq)}=${REDACTED}`;
  });
}

/** A copy of a container inspect with `Config.Env` values redacted. */
export function redactContainerInspect(inspect: unknown): unknown {
  return withRedactedEnv(inspect, ['Config']);
}

/**
 * A copy of a swarm service with its task template's environment redacted: the same secrets as the containers'.
 * An updated service also keeps its spec from before the update in PreviousSpec (Engine API, ServiceInspect).
 */
export function redactServiceSpec(service: unknown): unknown {
  return withRedactedEnv(withRedactedEnv(service, ['Spec', 'TaskTemplate', 'ContainerSpec']), [
    'PreviousSpec',
    'TaskTemplate',
    'ContainerSpec',
  ]);
}

/** A copy of a swarm task with its container spec's environment redacted. */
export function redactTaskSpec(task: unknown): unknown {
  return withRedactedEnv(task, ['Spec', 'ContainerSpec']);
}

function withRedactedEnv(value: unknown, path: readonly string[]): unknown {
  if (!isRecord(value)) return value;
  const [head, ...rest] = path;
  if (head === undefined) return 'Env' in value ? { ...value, Env: redactEnvEntries(value.Env) } : value;
  if (!(head in value)) return value;
  return { ...value, [head]: withRedactedEnv(value[head], rest) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
