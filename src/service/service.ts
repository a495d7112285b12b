// The handlers behind every channel of the contract, shared by Electron main (IPC) and `hostscope serve` (HTTP).
// They hold the opened bundle, validate every request (the caller is untrusted) and answer view models or error
// values; nothing thrown crosses the boundary. Each area's handlers are in ./handlers; this file composes them
// around the one shared context (the open bundle, the running operations, the events).

import type { RedactionKey } from '../core/redact';
import type { Correlation } from '../core/diagnosis';
import {
  fail,
  isChannel,
  parseRequest,
  type AppEvent,
  type Channel,
  type RequestOf,
  type ResponseOf,
  type Result,
} from '../shared/ipc';
import type { RawBundle } from '../shared/bundle';
import type { HostModel } from '../shared/model';
import type { BundleRef, ReportFormat } from '../shared/views';
import type { LogsPort } from './logs-port';
import type { ChecksPort } from './checks-port';
import { Watcher, type WatchPort } from './watch';
import { errorMessage } from '../shared/error-message';
import { bundleHandlers } from './handlers/bundle';
import { checksHandlers, testing } from './handlers/checks';
import { collectHandlers } from './handlers/collect';
import { createServiceContext, type Handlers } from './handlers/context';
import { historyHandlers } from './handlers/history';
import { importHandlers } from './handlers/import';
import { logsHandlers } from './handlers/logs';
import { reportHandlers } from './handlers/report';
import { viewHandlers } from './handlers/views';

export type CollectTarget = RequestOf<'collect:start'>['target'];

/** Collects a bundle and answers its path; rejects when the signal aborts. */
export type CollectPort = (
  target: CollectTarget,
  signal: AbortSignal,
  progress: (message: string, done: number, total: number | null) => void,
) => Promise<string>;

export interface ReportDocument {
  readonly fileName: string;
  readonly mediaType: string;
  readonly bytes: Uint8Array;
  /** A redacted report's key: saved beside the report, never inside it (issue 11, item 3). */
  readonly key?: RedactionKey | null;
}

/** Renders a report of the open bundle; error values (no PDF printer, unknown container) pass through. */
export type ReportPort = (
  analysis: { readonly model: HostModel; readonly correlation: Correlation },
  options: {
    readonly format: ReportFormat;
    readonly redact: boolean;
    readonly scope?: 'problems' | 'all';
    readonly signal: AbortSignal;
    /** Hears each step of the work (reading, building, rendering, printing) as it starts. */
    readonly progress?: (message: string) => void;
  },
) => Promise<Result<ReportDocument>>;

/** What the hosting shell (Electron main, the serve command) adds; each part optional where a shell lacks it. */
export interface ServiceShell {
  readonly kind: 'desktop' | 'web';
  /** A native folder/zip picker; null when the user closed it. */
  readonly pickBundle?: () => Promise<string | null>;
  /**
   * Saves an exported report where the user chooses; null when the user closed the dialog. Without it the report
   * is downloaded. When `signal` aborts it rejects and leaves nothing at the chosen path.
   */
  readonly saveFile?: (
    suggestedName: string,
    bytes: Uint8Array,
    signal: AbortSignal,
  ) => Promise<string | null>;
  readonly recentBundles?: () => readonly string[];
  readonly bundleOpened?: (bundle: BundleRef, path: string) => void;
}

export interface ServiceOptions {
  readonly shell: ServiceShell;
  readonly samplesDir: string;
  readonly collect?: CollectPort;
  /** History and re-collection of this host (issue 13); absent where collecting is not possible. */
  readonly watch?: WatchPort;
  readonly report?: ReportPort;
  /** The live engine's container log; absent where this shell has no engine of its own to ask. */
  readonly logs?: LogsPort;
  /** Active checks on this machine (issue 14); only where the shell can collect. */
  readonly checks?: ChecksPort;
  /** Reads the raw bundle; the real reader unless a test says otherwise. */
  readonly read?: (path: string) => Promise<RawBundle>;
  /** Where imported bundles are written (the app's data folder; a temporary folder for serve); none: no import. */
  readonly importsDir?: string;
  /** Where an unexpected failure is logged with its detail; console.error unless the shell has a log of its own. */
  readonly logError?: (message: string, error: unknown) => void;
}

export interface HostscopeService {
  /** Answers one untrusted request: validates the channel and the payload, never throws. */
  handle(channel: unknown, request: unknown): Promise<Result<unknown>>;
  /** The typed form for callers inside the shell. */
  call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  onEvent(listener: (event: AppEvent) => void): () => void;
  /** Lets the shell push its own events (menu commands) down the same path. */
  emit(event: AppEvent): void;
  dispose(): void;
}

export function createService(options: ServiceOptions): HostscopeService {
  const listeners = new Set<(event: AppEvent) => void>();
  const context = createServiceContext(options, listeners);
  const { emit, logError } = context;

  let scheduled = 0;
  const watcher =
    options.watch === undefined
      ? null
      : new Watcher(options.watch, {
          read: context.read,
          collectScheduled: (scope) =>
            handlers['history:collect']({ operationId: `watch-${scope}-${++scheduled}`, scope, open: false }),
          changed: () => emit({ kind: 'history-changed' }),
          logError,
        });
  const checks = testing(context);

  const handlers: Handlers = {
    ...bundleHandlers(context),
    ...viewHandlers(context, checks),
    ...collectHandlers(context),
    ...historyHandlers(context, watcher),
    ...checksHandlers(context, checks),
    ...reportHandlers(context),
    ...importHandlers(context),
    ...logsHandlers(context),
  };

  const dispatch = <C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> =>
    (handlers[channel] as (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>)(request);

  const handle = async (channel: unknown, raw: unknown): Promise<Result<unknown>> => {
    if (!isChannel(channel))
      return fail('unknown-channel', `There is no channel ${JSON.stringify(String(channel)).slice(0, 80)}.`);
    const request = parseRequest(channel, raw);
    if (!request.ok) return request;
    try {
      return await dispatch(channel, request.value);
    } catch (error) {
      // A bug, not an input problem: keep the detail in the shell's log, answer a value the UI can show.
      logError(`hostscope: ${channel} failed`, error);
      return fail('internal', `${channel} failed unexpectedly: ${errorMessage(error)}`);
    }
  };

  // A saved interval resumes once the service exists; a damaged settings file means defaults (off).
  void watcher?.start().catch((error: unknown) => logError('hostscope: history', error));

  return {
    handle,
    call: (channel, request) => handle(channel, request) as Promise<Result<ResponseOf<typeof channel>>>,
    onEvent: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit,
    dispose: () => {
      watcher?.dispose();
      context.operations.cancelAll();
      listeners.clear();
    },
  };
}
