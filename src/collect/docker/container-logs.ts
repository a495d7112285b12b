// `docker logs --tail 200` of one container, fetched from the live engine only when the user asks (issue 13: never
// in a plain collect). The container's environment values are replaced wherever they appear, as reports do
// (the same redactor, `env` seeds), because services print their own configuration.

import { createRedactor, envValue, type RedactionSeed } from '../../core/redact';
import type { ContainerLogs } from '../../shared/views';
import type { DockerEndpoint } from './endpoint';
import { openEngineClient } from './engine-client';

export const LOG_TAIL = 200;
/** A line past this is cut: a log line is not trusted to be short. */
const MAX_LINE_CHARS = 4000;

type Line = ContainerLogs['lines'][number];

/** Lines of one stream; each starts with the RFC 3339 time `timestamps=true` puts first. */
function linesOf(bytes: Uint8Array, stream: Line['stream']): Line[] {
  const text = new TextDecoder().decode(bytes);
  return text
    .split(/\r?\n/)
    .filter((line) => line !== '')
    .map((line) => ({
      stream,
      text: line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)} [cut]` : line,
    }));
}

/** RFC3339Nano drops trailing zeros (`.1Z`, `.12Z`): padded, two times of one zone compare as text. */
function timeKey(stamp: string): string {
  const match = /^([^.]+?)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(stamp);
  return match ? `${match[1]}.${(match[2] ?? '').padEnd(9, '0')}${match[3]}` : stamp;
}

/** stdout and stderr merged by their timestamps (both are written in the same RFC 3339 form, so text order is time order). */
function merged(stdout: Line[], stderr: Line[]): Line[] {
  const time = (l: Line): string => {
    const space = l.text.indexOf(' ');
    return timeKey(space < 0 ? l.text : l.text.slice(0, space));
  };
  return [...stdout, ...stderr]
    .map((line, index) => ({ line, index }))
    .sort((a, b) => (time(a.line) < time(b.line) ? -1 : time(a.line) > time(b.line) ? 1 : a.index - b.index))
    .map(({ line }) => line)
    .slice(-LOG_TAIL);
}

interface InspectForLogs {
  readonly Id?: unknown;
  readonly Name?: unknown;
  readonly Config?: { readonly Env?: unknown; readonly Tty?: unknown };
}

export async function fetchContainerLogs(
  endpoint: DockerEndpoint,
  containerId: string,
  signal: AbortSignal,
): Promise<ContainerLogs> {
  const client = await openEngineClient(endpoint, 2);
  try {
    const inspect = (await client.get(
      `/containers/${encodeURIComponent(containerId)}/json`,
      signal,
    )) as InspectForLogs;
    const env = Array.isArray(inspect.Config?.Env) ? inspect.Config.Env : [];
    const seeds: RedactionSeed[] = env.flatMap((entry: unknown) => {
      const value = typeof entry === 'string' ? envValue(entry) : null;
      return value === null ? [] : [{ kind: 'env' as const, value }];
    });
    const tty = inspect.Config?.Tty === true;
    const { stdout, stderr } = await client.logs(containerId, { tail: LOG_TAIL, tty }, signal);
    const redactor = createRedactor(seeds);
    // Names only: addresses in a log are what an admin reads it for.
    const lines = merged(linesOf(stdout, tty ? 'tty' : 'stdout'), linesOf(stderr, 'stderr')).map((line) => ({
      ...line,
      text: redactor.text(line.text, 'names'),
    }));
    return {
      containerId: typeof inspect.Id === 'string' ? inspect.Id : containerId,
      containerName: typeof inspect.Name === 'string' ? inspect.Name.replace(/^\//, '') : containerId,
      endpoint: client.endpoint,
      fetchedAt: new Date().toISOString(),
      tail: LOG_TAIL,
      lines,
      redactions: redactor.summary().rows.find((row) => row.kind === 'env')?.occurrences ?? 0,
    };
  } finally {
    client.close();
  }
}
