// Runs the planned checks of one request, one after another (issue 14): user-started, each bounded in time,
// the whole run bounded in count, cancellable, and never part of a plain collect.
import type { CheckRecord, PlannedCheck } from '../../shared/checks';
import { openEngineClient, type EngineClient } from '../docker/engine-client';
import type { EndpointResult } from '../docker/endpoint';
import { localEnvironment, planCollection, type CollectEnvironment } from '../collect-host';
import {
  startShellSession,
  type PowerShellProbeOptions,
  type ShellSession,
} from '../powershell/probe-runner';
import {
  CONTAINER_TOOLS,
  connectFromContainer,
  connectFromHost,
  type Connection,
  type ContainerTool,
} from './connect';

/** Connections one run makes at most ("Test every published port" on a large host is cut here, and says so). */
export const MAX_CHECKS_PER_RUN = 64;

export interface RunChecksOptions {
  /** Each connection's limit. */
  readonly timeoutMs: number;
  /** The engine, for checks from inside a container. */
  readonly docker?: EndpointResult;
  /** How host-side checks reach PowerShell: the collector's own options (executable, remoting, modules). */
  readonly powershell?: PowerShellProbeOptions;
  /** What to connect with inside containers; CONTAINER_TOOLS unless a test adds its stand-in. */
  readonly tools?: readonly ContainerTool[];
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number, label: string) => void;
  readonly now?: () => Date;
}

/** The records of the checks made, in plan order; never rejects for a failed connection, only when cancelled. */
export async function runChecks(
  plans: readonly PlannedCheck[],
  options: RunChecksOptions,
): Promise<readonly CheckRecord[]> {
  const todo = plans.slice(0, MAX_CHECKS_PER_RUN);
  const now = options.now ?? ((): Date => new Date());
  const records: CheckRecord[] = [];
  let session: ShellSession | null = null;
  let sessionProblem: string | null = null;
  let engine: EngineClient | null = null;
  let engineProblem: string | null = null;
  try {
    for (const [i, plan] of todo.entries()) {
      options.signal?.throwIfAborted();
      options.onProgress?.(i, todo.length, plan.label);
      const startedAt = now();
      let connection: Connection;
      if (plan.from.kind === 'host') {
        if (session === null && sessionProblem === null) {
          const start = startShellSession({
            ...options.powershell,
            ...(options.signal ? { signal: options.signal } : {}),
          });
          if (start.kind === 'none') sessionProblem = start.why;
          else session = start.session;
        }
        connection =
          session === null
            ? failed(sessionProblem ?? 'PowerShell did not start', 'powershell')
            : await connectFromHost(session, plan.to, plan.port, options.timeoutMs);
      } else {
        if (engine === null && engineProblem === null) {
          const opened = await openEngine(options.docker);
          if (typeof opened === 'string') engineProblem = opened;
          else engine = opened;
        }
        connection =
          engine === null
            ? failed(engineProblem ?? 'no Docker engine', null)
            : await connectFromContainer(
                engine,
                plan.from.id,
                plan.to,
                plan.port,
                options.timeoutMs,
                options.tools ?? CONTAINER_TOOLS,
                options.signal,
              );
      }
      options.signal?.throwIfAborted();
      records.push({
        from: plan.from.kind === 'host' ? 'host' : `container:${plan.from.id}`,
        to: plan.to,
        port: plan.port,
        protocol: plan.protocol,
        startedAt: startedAt.toISOString(),
        durationMs: connection.durationMs,
        outcome: connection.outcome,
        detail: connection.detail,
        command: connection.command,
        timeoutMs: options.timeoutMs,
        tool: connection.tool,
        question: plan.question,
      });
    }
    options.onProgress?.(todo.length, todo.length, 'done');
    return records;
  } finally {
    await session?.close();
    engine?.close();
  }
}

/** The engine a collection of `computer` (or of this machine) would read: checks exec through the same one. */
export function checkEngine(
  computer?: string,
  environment: Omit<CollectEnvironment, 'runPowerShell'> = localEnvironment(),
): EndpointResult {
  const plan = planCollection(
    { noPowerShell: true, ...(computer ? { computers: [computer] } : {}) },
    environment,
  );
  if (plan.kind === 'invalid') return { kind: 'invalid', message: plan.message };
  return plan.targets[0]!.docker ?? { kind: 'invalid', message: 'no Docker engine' };
}

async function openEngine(docker: EndpointResult | undefined): Promise<EngineClient | string> {
  if (docker === undefined) return 'no Docker engine was given for checks from inside a container';
  if (docker.kind === 'invalid') return docker.message;
  try {
    return await openEngineClient(docker.endpoint, 2);
  } catch (error) {
    return `cannot connect to the Docker engine at ${docker.endpoint.url}: ${(error as Error).message}`;
  }
}

function failed(detail: string, tool: Connection['tool']): Connection {
  return { outcome: 'error', detail, durationMs: 0, command: '(not run)', tool };
}
