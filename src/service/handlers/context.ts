// What every area of the service shares: the open bundle (its model and correlation, as one Analysis), the
// running operations and the event path. createService makes one; each area's handlers receive it and keep no
// state of their own, so "the open bundle" means the same thing on every channel.

import { basename } from 'node:path';
import { readBundle } from '../../collect/bundle-reader';
import { BundleError } from '../../core/bundle/errors';
import { buildHostModel } from '../../core/host-model';
import { NODE_MODEL_OPTIONS } from '../../collect/ascii-text';
import type { RawBundle } from '../../shared/bundle';
import { errorMessage } from '../../shared/error-message';
import {
  fail,
  ok,
  type AppEvent,
  type Channel,
  type RequestOf,
  type ResponseOf,
  type Result,
} from '../../shared/ipc';
import type { HostModel } from '../../shared/model';
import type { BundleRef } from '../../shared/views';
import { analyse, type Analysis } from '../analysis';
import { Operations, type Operation } from '../operations';
import type { ServiceOptions } from '../service';

export type Handlers = { readonly [C in Channel]: (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>> };
/** The handlers of one area: the channels it answers, typed like the whole. */
export type AreaHandlers<C extends Channel> = Pick<Handlers, C>;

export interface ServiceContext {
  readonly options: ServiceOptions;
  readonly read: (path: string) => Promise<RawBundle>;
  readonly emit: (event: AppEvent) => void;
  readonly operations: Operations;
  readonly logError: (message: string, error: unknown) => void;
  /** The open bundle; null until one is opened. */
  readonly current: () => Analysis | null;
  /** The open bundle read again (checks were added to it): kept only if no other bundle was opened meanwhile. */
  readonly refresh: (analysis: Analysis) => Promise<Analysis>;
  /** Answers with the open bundle, or `no-bundle` when none is open. */
  readonly withBundle: <T>(answer: (analysis: Analysis) => Result<T>) => Promise<Result<T>>;
  /** A handler answering a view of the open bundle. */
  readonly view: <T>(build: (analysis: Analysis) => T) => () => Promise<Result<T>>;
  /** Runs a cancellable operation: progress and end events, and `cancelled` when its signal aborted. */
  readonly running: <T>(
    kind: 'open' | 'collect' | 'export' | 'check',
    operationId: string | undefined,
    work: (operation: Operation) => Promise<Result<T>>,
  ) => Promise<Result<T>>;
  /** Reads, models and correlates a bundle, then makes it the open one (the last open asked for wins). */
  readonly openPath: (
    path: string,
    sample: string | null,
    operation: Operation,
  ) => Promise<Result<BundleRef>>;
}

export function createServiceContext(
  options: ServiceOptions,
  listeners: ReadonlySet<(event: AppEvent) => void>,
): ServiceContext {
  const emit = (event: AppEvent): void => {
    for (const listener of listeners) listener(event);
  };
  const operations = new Operations(emit);
  const read = options.read ?? readBundle;
  let current: Analysis | null = null;
  let opened = 0;
  // Opens can overlap (a slow reopen at start-up, then a click): the one asked for last wins.
  let latestOpen = 0;

  const withBundle = async <T>(answer: (analysis: Analysis) => Result<T>): Promise<Result<T>> =>
    current === null
      ? fail('no-bundle', 'No bundle is open: open a bundle folder or .zip, or a sample host.')
      : answer(current);

  const running = async <T>(
    kind: 'open' | 'collect' | 'export' | 'check',
    operationId: string | undefined,
    work: (operation: Operation) => Promise<Result<T>>,
  ): Promise<Result<T>> => {
    const operation = operations.start(kind, operationId);
    if (operation === null) return fail('bad-request', `Operation ${operationId} is already running.`);
    let result: Result<T> = fail('internal', `${capitalise(kind)} stopped unexpectedly.`);
    try {
      result = await work(operation);
      return result;
    } catch (error) {
      if (!operation.signal.aborted) throw error;
      result = fail('cancelled', `${capitalise(kind)} was cancelled.`);
      return result;
    } finally {
      operation.end(result.ok ? 'ok' : result.error.code === 'cancelled' ? 'cancelled' : 'failed');
    }
  };

  const openPath = async (
    path: string,
    sample: string | null,
    operation: Operation,
  ): Promise<Result<BundleRef>> => {
    const ticket = ++latestOpen;
    const label = sample ?? basename(path).replace(/\.zip$/i, '');
    operation.progress(`Reading ${label}`, 0, 3);
    let model: HostModel;
    try {
      const raw = await read(path);
      if (operation.signal.aborted) return fail('cancelled', 'Opening the bundle was cancelled.');
      operation.progress('Building the host model', 1, 3);
      await operation.checkpoint();
      model = buildHostModel(raw, NODE_MODEL_OPTIONS);
    } catch (error) {
      // The reader's errors name the bundle, the entry and the limit; pass them on as they are.
      return fail(
        'unreadable-bundle',
        error instanceof BundleError
          ? error.message
          : `Cannot read the bundle ${path}: ${errorMessage(error)}`,
      );
    }
    if (operation.signal.aborted) return fail('cancelled', 'Opening the bundle was cancelled.');
    operation.progress('Correlating containers with the host', 2, 3);
    await operation.checkpoint();
    const ref: BundleRef = {
      id: ++opened,
      source: path,
      label,
      computerName: model.computerName,
      collectedAt: model.bundle.collectedAt,
      collector:
        model.bundle.collector === null
          ? null
          : `${model.bundle.collector.name} ${model.bundle.collector.version ?? ''}`.trim(),
      sample,
      containerCount: model.containers.kind === 'known' ? model.containers.value.length : null,
    };
    const analysis = analyse(ref, model);
    if (operation.signal.aborted) return fail('cancelled', 'Opening the bundle was cancelled.');
    if (ticket !== latestOpen)
      return fail('cancelled', `${label} was not shown: another bundle was opened meanwhile.`);
    current = analysis;
    operation.progress('Opened', 3, 3);
    options.shell.bundleOpened?.(ref, path);
    emit({ kind: 'bundle-opened', bundle: ref });
    return ok(ref);
  };

  return {
    options,
    read,
    emit,
    operations,
    // Looked up on each call: console.error may be replaced after the service is made (a test's spy).
    logError: (message, error) => (options.logError ?? console.error)(message, error),
    current: () => current,
    refresh: async (analysis) => {
      const next = analyse(analysis.ref, buildHostModel(await read(analysis.ref.source), NODE_MODEL_OPTIONS));
      if (current === analysis) current = next;
      return next;
    },
    withBundle,
    view: (build) => () => withBundle((a) => ok(build(a))),
    running,
    openPath,
  };
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
