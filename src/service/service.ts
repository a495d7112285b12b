// The handlers behind every channel of the contract, shared by Electron main (IPC) and `hostscope serve` (HTTP).
// They hold the opened bundle, validate every request (the caller is untrusted) and answer view models or error
// values; nothing thrown crosses the boundary.

import { basename, join } from 'node:path';
import { readBundle } from '../collect/bundle-reader';
import { redactionKeyPath, writeRedactionKey } from '../collect/redaction-key';
import type { RedactionKey } from '../core/redact';
import { BundleError } from '../core/bundle/errors';
import { buildHostModel } from '../core/host-model';
import {
  fail,
  IMPORT_REQUEST_LIMITS,
  isChannel,
  ok,
  parseRequest,
  type AppEvent,
  type Channel,
  type RequestOf,
  type ResponseOf,
  type Result,
} from '../shared/ipc';
import type { RawBundle } from '../shared/bundle';
import type { Container, HostModel } from '../shared/model';
import type { ReachSource } from '../shared/diagnosis';
import type { BundleRef, ExportOutcome, ReportFormat } from '../shared/views';
import { HOSTSCOPE_VERSION } from '../shared/version';
import { parseSource, type Correlation } from '../core/diagnosis';
import { analyse, type Analysis } from './analysis';
import { importPreview, writeImport } from './import';
import { compareBundles } from './changes';
import type { LogsPort } from './logs-port';
import type { ChecksPort } from './checks-port';
import { MAX_CHECKS_PER_RUN } from '../collect/checks/run-checks';
import { planChecks } from '../core/checks';
import type { PlannedCheck } from '../shared/checks';
import type { CheckAvailability } from '../shared/views';
import { Operations, type Operation } from './operations';
import { resolveContainer } from './resolve';
import { listSamples } from './samples';
import { containerDetail } from './views/container-detail';
import { containersView } from './views/containers';
import { findingsView } from './views/findings';
import { hostOverview } from './views/host-overview';
import { isolationView } from './views/isolation';
import { icmpView, outboundView, reachMatrix, reachView } from './views/reachability';
import { sessionsView } from './views/sessions';
import { topologyView } from './views/topology';
import { Watcher, type WatchPort } from './watch';
import { errorMessage as messageOf } from '../shared/error-message';

/** A preview shows the start of the report; a 1,000-container host's whole report would only slow the dialog. */
const PREVIEW_CHARS = 60_000;
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

type Handlers = { readonly [C in Channel]: (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>> };

export function createService(options: ServiceOptions): HostscopeService {
  const listeners = new Set<(event: AppEvent) => void>();
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
  const view =
    <T>(build: (analysis: Analysis) => T) =>
    (): Promise<Result<T>> =>
      withBundle((a) => ok(build(a)));

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

  const openPath = (path: string, sample: string | null, operation: Operation): Promise<Result<BundleRef>> =>
    (async () => {
      const ticket = ++latestOpen;
      const label = sample ?? basename(path).replace(/\.zip$/i, '');
      operation.progress(`Reading ${label}`, 0, 3);
      let model: HostModel;
      try {
        const raw = await read(path);
        if (operation.signal.aborted) return fail('cancelled', 'Opening the bundle was cancelled.');
        operation.progress('Building the host model', 1, 3);
        await operation.checkpoint();
        model = buildHostModel(raw);
      } catch (error) {
        // The reader's errors name the bundle, the entry and the limit; pass them on as they are.
        return fail(
          'unreadable-bundle',
          error instanceof BundleError
            ? error.message
            : `Cannot read the bundle ${path}: ${messageOf(error)}`,
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
    })();

  const watcher =
    options.watch === undefined
      ? null
      : new Watcher(options.watch, {
          read,
          collectScheduled: (scope) =>
            handlers['history:collect']({ operationId: `watch-${scope}-${++scheduled}`, scope, open: false }),
          changed: () => emit({ kind: 'history-changed' }),
          logError: options.logError ?? console.error,
        });
  let scheduled = 0;
  const noHistory = (): Result<never> =>
    fail('unavailable', 'History needs a live host: collecting is not available here.');
  // Issue 14: a check connects on the machine Hostscope runs on, so it answers only for a bundle of this machine.
  const testability = (analysis: Analysis): CheckAvailability => {
    const port = options.checks;
    if (!port)
      return unavailable(
        'Testing needs a live host: run the desktop app (or `hostscope serve`) on the container host itself.',
      );
    if (analysis.ref.sample !== null)
      return unavailable('This is a sample host, not a live one: there is nothing here to connect to.');
    const from = analysis.model.computerName;
    if (from === null)
      return unavailable(
        'The bundle does not say which computer it was collected on, so it cannot be tested from here.',
      );
    if (shortName(from) !== shortName(port.computerName))
      return unavailable(
        `This bundle was collected on ${from}, not on this computer (${port.computerName}): a check must run on the host it tests. Open it in Hostscope on ${from}, or run \`hostscope explain <bundle> ... --test --computer ${from}\`.`,
      );
    return { kind: 'available' };
  };

  /** The checks for one explanation, or why it cannot be tested (UDP, a LAN client, no address). */
  const planFor = (
    analysis: Analysis,
    container: Container,
    asked: ReachSource,
    port: number,
    protocol: 'tcp' | 'udp',
  ): { readonly plans: readonly PlannedCheck[]; readonly test: CheckAvailability } => {
    let source = asked;
    if (source.kind === 'container') {
      const peer = resolveContainer(analysis, source.ref);
      if (!peer.ok) return { plans: [], test: unavailable(peer.error.message) };
      source = { kind: 'container', ref: peer.value.id };
    }
    // The target comes from the model of this explanation, never from the request (issue 14, item 4).
    const plan = planChecks(analysis.model, container, source, port, protocol, analysis.correlation);
    return plan.kind === 'untestable'
      ? { plans: [], test: unavailable(plan.reason) }
      : { plans: plan.checks, test: { kind: 'available' } };
  };

  /** The open bundle read again after checks were added to it, without announcing a new bundle. */
  const refresh = async (analysis: Analysis): Promise<Analysis> => {
    const next = analyse(analysis.ref, buildHostModel(await read(analysis.ref.source)));
    if (current === analysis) current = next;
    return next;
  };

  const runChecksOn = async (
    analysis: Analysis,
    plans: readonly PlannedCheck[],
    operation: Operation,
  ): Promise<Result<Analysis>> => {
    const port = options.checks!;
    const records = await port.run(plans, operation.signal, operation.progress);
    if (operation.signal.aborted) return fail('cancelled', 'Testing was cancelled; nothing was saved.');
    try {
      await port.save(analysis.ref.source, records);
      return ok(await refresh(analysis));
    } catch (error) {
      return fail(
        'failed',
        `The checks ran but could not be saved into ${analysis.ref.source}: ${messageOf(error)}`,
      );
    }
  };

  const handlers: Handlers = {
    'app:info': async () =>
      ok({
        version: HOSTSCOPE_VERSION,
        shell: options.shell.kind,
        bundle: current?.ref ?? null,
        samples: listSamples(options.samplesDir),
        recent: options.shell.recentBundles?.() ?? [],
        canPick: options.shell.pickBundle !== undefined,
        canCollect: options.collect !== undefined,
        importLimits:
          options.importsDir === undefined
            ? null
            : {
                maxTextBytes: IMPORT_REQUEST_LIMITS.maxTextBytes,
                maxInputs: IMPORT_REQUEST_LIMITS.maxInputs,
              },
      }),
    'bundle:open': (r) => running('open', r.operationId, (op) => openPath(r.path, null, op)),
    'bundle:openSample': (r) => {
      if (!listSamples(options.samplesDir).some((s) => s.name === r.name)) {
        return Promise.resolve(fail('not-found', `No sample host named "${r.name}".`));
      }
      return running('open', r.operationId, (op) => openPath(join(options.samplesDir, r.name), r.name, op));
    },
    'bundle:pick': async (r) => {
      if (!options.shell.pickBundle)
        return fail('unavailable', 'This window cannot show a file picker: type the bundle path instead.');
      const path = await options.shell.pickBundle();
      if (path === null) return ok(null);
      return running('open', r.operationId, (op) => openPath(path, null, op));
    },
    'bundle:cancel': async (r) => ok({ cancelled: operations.cancel(r.operationId) }),
    'host:overview': view(hostOverview),
    'containers:list': view(containersView),
    'container:detail': (r) =>
      withBundle((a) => {
        const container = resolveContainer(a, r.ref);
        return container.ok ? ok(containerDetail(a, container.value, options.logs !== undefined)) : container;
      }),
    'reach:explain': (r) =>
      withBundle((a) => {
        const container = resolveContainer(a, r.container);
        if (!container.ok) return container;
        const test = testability(a);
        return reachView(
          a,
          container.value,
          r.source,
          r.port,
          r.protocol,
          test.kind === 'available' ? planFor(a, container.value, r.source, r.port, r.protocol).test : test,
        );
      }),
    'reach:outbound': (r) =>
      withBundle((a) => {
        const container = resolveContainer(a, r.container);
        return container.ok ? outboundView(a, container.value, r.target, r.port, r.protocol) : container;
      }),
    'reach:icmp': (r) =>
      withBundle((a) => {
        const container = resolveContainer(a, r.container);
        return container.ok ? icmpView(a, container.value, r.question) : container;
      }),
    'reach:matrix': view((a) => reachMatrix(a, testability(a))),
    'isolation:compare': (r) => withBundle((a) => isolationView(a, r.a, r.b, r.whatIf)),
    'findings:list': view(findingsView),
    'topology:get': view(topologyView),
    'sessions:get': view(sessionsView),
    'collect:start': async (r) => {
      const collect = options.collect;
      if (!collect)
        return fail('unavailable', 'Collecting is not available here; run `hostscope collect` on the host.');
      return running('collect', r.operationId, async (op) => {
        let path: string;
        try {
          path = await collect(r.target, op.signal, op.progress);
        } catch (error) {
          if (op.signal.aborted) return fail('cancelled', 'Collection was cancelled.');
          return fail('failed', `Collection failed: ${messageOf(error)}`);
        }
        return openPath(path, null, op);
      });
    },
    'collect:cancel': async (r) => ok({ cancelled: operations.cancel(r.operationId) }),
    'history:timeline': async (r) =>
      watcher ? ok(await watcher.timeline(r.maxBuckets, r.listed)) : noHistory(),
    'history:settings': async (r) => (watcher ? ok(await watcher.configure(r.settings)) : noHistory()),
    'history:collect': async (r) => {
      if (!watcher) return noHistory();
      return running('collect', r.operationId, async (op) => {
        let kept: Awaited<ReturnType<Watcher['collect']>>;
        try {
          kept = await watcher.collect(r.scope, op.signal, op.progress);
        } catch (error) {
          if (op.signal.aborted) return fail('cancelled', 'Collection was cancelled.');
          return fail('failed', `Collection failed: ${messageOf(error)}`);
        }
        if (!r.open) return ok({ point: kept.point, bundle: null });
        const opened = await openPath(kept.path, null, op);
        return opened.ok ? ok({ point: kept.point, bundle: opened.value }) : opened;
      });
    },
    'checks:run': async (r) => {
      const analysis = current;
      if (analysis === null) return fail('no-bundle', 'No bundle is open: there is nothing to test.');
      const test = testability(analysis);
      if (test.kind === 'unavailable') return fail('unavailable', test.reason);
      const container = resolveContainer(analysis, r.container);
      if (!container.ok) return container;
      let source = r.source;
      if (source.kind === 'container') {
        const peer = resolveContainer(analysis, source.ref);
        if (!peer.ok) return peer;
        source = { kind: 'container', ref: peer.value.id };
      }
      // The target comes from the model of this explanation, never from the request (issue 14, item 4).
      const plan = planChecks(
        analysis.model,
        container.value,
        source,
        r.port,
        r.protocol,
        analysis.correlation,
      );
      if (plan.kind === 'untestable') return fail('unavailable', plan.reason);
      return running('check', r.operationId, async (op) => {
        const done = await runChecksOn(analysis, plan.checks, op);
        if (!done.ok) return done;
        const again = done.value.containerById.get(container.value.id);
        if (!again) return fail('not-found', `${container.value.name} is no longer in the bundle.`);
        return reachView(done.value, again, r.source, r.port, r.protocol, testability(done.value));
      });
    },
    'checks:matrix': async (r) => {
      const analysis = current;
      if (analysis === null) return fail('no-bundle', 'No bundle is open: there is nothing to test.');
      const test = testability(analysis);
      if (test.kind === 'unavailable') return fail('unavailable', test.reason);
      // Every tcp path of the matrix a connection from this host can answer, each connection once.
      const plans = new Map<string, PlannedCheck>();
      for (const e of analysis.matrix()) {
        if (e.from === 'external' || e.protocol !== 'tcp') continue;
        const container = analysis.containerById.get(e.container.id);
        const source = parseSource(e.from);
        if (!container || !source) continue;
        const plan = planChecks(analysis.model, container, source, e.port, e.protocol, analysis.correlation);
        if (plan.kind === 'untestable') continue;
        for (const p of plan.checks)
          plans.set(`${JSON.stringify(p.from)}|${p.to}|${p.port}|${JSON.stringify(p.question)}`, p);
      }
      const all = [...plans.values()];
      const todo = all.slice(0, MAX_CHECKS_PER_RUN);
      return running('check', r.operationId, async (op) => {
        const done = await runChecksOn(analysis, todo, op);
        if (!done.ok) return done;
        return ok({
          tested: todo.length,
          leftOut: all.length - todo.length,
          matrix: reachMatrix(done.value, testability(done.value)),
        });
      });
    },
    'checks:cancel': async (r) => ok({ cancelled: operations.cancel(r.operationId) }),
    'report:export': async (r) => {
      const report = options.report;
      if (!report) return fail('unavailable', 'Report export is not part of this build.');
      const analysis = current;
      if (analysis === null) return fail('no-bundle', 'No bundle is open: there is nothing to report on.');
      const exported = await running<ExportOutcome>('export', r.operationId, async (op) => {
        op.progress(`Rendering the ${r.format.toUpperCase()} report`, 0, 2);
        let rendered: Result<ReportDocument>;
        try {
          rendered = await report(analysis, {
            format: r.format,
            redact: r.redact,
            ...(r.scope ? { scope: r.scope } : {}),
            signal: op.signal,
          });
        } catch (error) {
          if (op.signal.aborted) return fail('cancelled', 'Export was cancelled.');
          return fail('failed', `The ${r.format} report could not be made: ${messageOf(error)}`);
        }
        if (!rendered.ok) return rendered;
        const document = rendered.value;
        op.progress('Saving', 1, 2);
        if (!options.shell.saveFile) {
          return ok({
            kind: 'download',
            fileName: document.fileName,
            mediaType: document.mediaType,
            base64: Buffer.from(document.bytes).toString('base64'),
          });
        }
        const saved = await options.shell.saveFile(document.fileName, document.bytes, op.signal);
        if (saved !== null && document.key)
          await writeRedactionKey(redactionKeyPath(saved), document.key, false).catch((error: unknown) => {
            throw new Error(`the report is saved, but not its key: ${messageOf(error)}`);
          });
        return ok(saved === null ? { kind: 'cancelled' } : { kind: 'saved', path: saved });
      });
      // A cancelled export is an outcome the user chose, like closing the save dialog: not an error to show.
      return !exported.ok && exported.error.code === 'cancelled' ? ok({ kind: 'cancelled' }) : exported;
    },
    'report:cancel': async (r) => ok({ cancelled: operations.cancel(r.operationId) }),
    'import:preview': async (r) => importPreview(r, current === null ? undefined : current.ref.computerName),
    'import:open': async (r) => {
      const importsDir = options.importsDir;
      if (!importsDir)
        return fail('unavailable', 'Importing is not available here; run `hostscope import` instead.');
      const into = r.target === 'open-bundle' ? (current?.ref.source ?? null) : null;
      return running('open', r.operationId, async (op) => {
        op.progress('Writing the imported bundle', 0, 3);
        const written = await writeImport(r, importsDir, into, read);
        return written.ok ? openPath(written.value, null, op) : written;
      });
    },
    'report:preview': async (r) => {
      const report = options.report;
      if (!report) return fail('unavailable', 'Report export is not part of this build.');
      const analysis = current;
      if (analysis === null) return fail('no-bundle', 'No bundle is open: there is nothing to report on.');
      // The same document and redaction as the export, rendered as Markdown: readable as plain text.
      const rendered = await report(analysis, {
        format: 'md',
        redact: r.redact,
        ...(r.scope ? { scope: r.scope } : {}),
        signal: new AbortController().signal,
      });
      if (!rendered.ok) return rendered;
      const markdown = new TextDecoder().decode(rendered.value.bytes);
      const truncated = markdown.length > PREVIEW_CHARS;
      return ok({ markdown: truncated ? markdown.slice(0, PREVIEW_CHARS) : markdown, truncated });
    },
    'changes:compare': (r) => compareBundles(r, read, current),
    'container:logs': async (r) => {
      const logs = options.logs;
      if (!logs)
        return fail('unavailable', 'This window has no Docker engine to ask: run `docker logs` on the host.');
      if (current === null)
        return fail('no-bundle', 'No bundle is open: open the bundle of this host first.');
      const container = resolveContainer(current, r.ref);
      if (!container.ok) return container;
      const controller = new AbortController();
      // A log that does not come in 30 s is not coming: the engine is stuck, and the page must not wait forever.
      const timer = setTimeout(
        () => controller.abort(new Error('the engine did not answer within 30 s')),
        30_000,
      );
      try {
        return await logs(container.value.id, controller.signal);
      } finally {
        clearTimeout(timer);
      }
    },
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
      (options.logError ?? console.error)(`hostscope: ${channel} failed`, error);
      return fail('internal', `${channel} failed unexpectedly: ${messageOf(error)}`);
    }
  };

  // A saved interval resumes once the service exists; a damaged settings file means defaults (off).
  void watcher
    ?.start()
    .catch((error: unknown) => (options.logError ?? console.error)('hostscope: history', error));

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
      operations.cancelAll();
      listeners.clear();
    },
  };
}

function unavailable(reason: string): CheckAvailability {
  return { kind: 'unavailable', reason };
}

/** `HOST01.corp.example` and `host01` are one machine: compared by the first label, case-insensitively. */
function shortName(name: string): string {
  return name.split('.')[0]!.toLowerCase();
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
