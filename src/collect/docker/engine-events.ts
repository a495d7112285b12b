// Follows the Docker engine's event stream (`GET /events`) while the app watches a host (issue 13, item 3):
// container start, die, restart and health, network connect and disconnect, each handed on as a timeline mark.
// The stream is reopened after a pause when the engine drops it; aborting the signal ends it for good.

import type { Readable } from 'node:stream';
import { engineEventMark } from '../../core/history';
import type { EngineEventMark } from '../../shared/history';
import { engineErrorShape, openEngineClient, type EngineClient } from './engine-client';
import { describeEngineError } from './engine-errors';
import type { EndpointResult } from './endpoint';

export interface EngineEventsOptions {
  readonly endpoint: EndpointResult;
  readonly signal: AbortSignal;
  readonly onMark: (mark: EngineEventMark) => void;
  /** Why events are not arriving (null once they do again). */
  readonly onProblem: (problem: string | null) => void;
  /** Wait before reopening a dropped stream. */
  readonly retryMs?: number;
}

/** An engine message is a small JSON object; a line longer than this is not one, and the stream is dropped. */
const MAX_LINE_BYTES = 1_048_576;
const LOOKUP_TIMEOUT_MS = 5_000;
const MAX_NAMES = 10_000;

export async function watchEngineEvents(options: EngineEventsOptions): Promise<void> {
  const { signal } = options;
  if (options.endpoint.kind === 'invalid') {
    options.onProblem(options.endpoint.message);
    return;
  }
  const endpoint = options.endpoint.endpoint;
  let client: EngineClient;
  try {
    client = await openEngineClient(endpoint, 2);
  } catch (error) {
    options.onProblem(`cannot connect to the Docker engine at ${endpoint.url}: ${(error as Error).message}`);
    return;
  }
  const names = new Map<string, string>();
  const remember = (id: string, name: string): void => {
    if (names.size >= MAX_NAMES) names.clear();
    names.set(id, name.replace(/^\//, ''));
  };
  try {
    while (!signal.aborted) {
      try {
        const stream = await client.stream('/events', signal, {
          filters: JSON.stringify({ type: ['container', 'network'] }),
        });
        options.onProblem(null);
        await readLines(stream, signal, async (line) => {
          let message: unknown;
          try {
            message = JSON.parse(line);
          } catch {
            return;
          }
          const containerId = networkEventContainer(message);
          if (containerId !== null && !names.has(containerId)) {
            const name = await lookupName(client, containerId, signal);
            if (name !== null) remember(containerId, name);
          }
          const mark = engineEventMark(message, { containerName: (id) => names.get(id) ?? null });
          const named = containerEventName(message);
          if (named !== null) remember(named.id, named.name);
          if (mark !== null) options.onMark(mark);
        });
        if (!signal.aborted)
          options.onProblem(`the engine at ${endpoint.url} closed its event stream; reopening`);
      } catch (error) {
        if (signal.aborted) break;
        options.onProblem(
          `engine events from ${endpoint.url} stopped: ${describeEngineError(engineErrorShape(error))}; retrying`,
        );
      }
      await pause(options.retryMs ?? 5_000, signal);
    }
  } finally {
    client.close();
  }
}

function readLines(
  stream: Readable,
  signal: AbortSignal,
  onLine: (line: string) => Promise<void>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let pending = '';
    let chain = Promise.resolve();
    const onAbort = (): void => {
      stream.destroy();
      resolve();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      if (pending.length > MAX_LINE_BYTES) {
        stream.destroy(new Error(`an event longer than ${MAX_LINE_BYTES} bytes; not an engine event`));
        return;
      }
      for (const line of lines) if (line.trim() !== '') chain = chain.then(() => onLine(line));
    });
    stream.once('error', (error) => {
      signal.removeEventListener('abort', onAbort);
      reject(error);
    });
    stream.once('end', () => {
      signal.removeEventListener('abort', onAbort);
      void chain.then(() => resolve());
    });
  });
}

async function lookupName(client: EngineClient, id: string, outer: AbortSignal): Promise<string | null> {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/.test(id)) return null;
  try {
    const inspect = await client.get(
      `/containers/${id}/json`,
      AbortSignal.any([outer, AbortSignal.timeout(LOOKUP_TIMEOUT_MS)]),
    );
    const name = (inspect as { Name?: unknown }).Name;
    return typeof name === 'string' && name !== '' ? name : null;
  } catch {
    // Removed meanwhile, or the engine is busy: the mark names the short id instead.
    return null;
  }
}

function networkEventContainer(message: unknown): string | null {
  const m = message as { Type?: unknown; Actor?: { Attributes?: { container?: unknown } } } | null;
  const id = m?.Type === 'network' ? m.Actor?.Attributes?.container : undefined;
  return typeof id === 'string' && id !== '' ? id : null;
}

function containerEventName(message: unknown): { id: string; name: string } | null {
  const m = message as { Type?: unknown; Actor?: { ID?: unknown; Attributes?: { name?: unknown } } } | null;
  if (m?.Type !== 'container') return null;
  const id = m.Actor?.ID;
  const name = m.Actor?.Attributes?.name;
  return typeof id === 'string' && typeof name === 'string' && name !== '' ? { id, name } : null;
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
