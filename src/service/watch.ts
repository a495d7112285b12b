// Watching a live host (issue 13, items 2 and 3): collections kept in the history with their summaries, the
// fast and full intervals (off by default), and the engine's events recorded while an interval is on. The
// service's handlers call this; collections run as ordinary cancellable operations with progress.

import { basename } from 'node:path';
import type { HistoryStore } from '../collect/history-store';
import { correlate, findings, reachabilityMatrix } from '../core/diagnosis';
import { buildHostModel } from '../core/host-model';
import { NODE_MODEL_OPTIONS } from '../collect/ascii-text';
import { buildTimeline, summarisePoint } from '../core/history';
import type { RawBundle } from '../shared/bundle';
import {
  WATCH_LIMITS,
  type CollectionScope,
  type EngineEventMark,
  type HistoryPoint,
  type TimelineView,
  type WatchSettings,
} from '../shared/history';
import type { HostModel } from '../shared/model';

/** What the shell gives for watching this host; absent where collecting is not possible. */
export interface WatchPort {
  readonly store: HistoryStore;
  /** Collects into the history folder; answers the bundle's path. Rejects when the signal aborts. */
  collect(
    scope: CollectionScope,
    at: Date,
    signal: AbortSignal,
    progress: (message: string, done: number, total: number | null) => void,
  ): Promise<string>;
  /** Follows the engine's events until the signal aborts. */
  followEvents(
    signal: AbortSignal,
    onMark: (mark: EngineEventMark) => void,
    onProblem: (problem: string | null) => void,
  ): Promise<void>;
}

export interface WatcherDeps {
  readonly read: (path: string) => Promise<RawBundle>;
  /** Runs a scheduled collection as an operation of the service (progress, cancel). */
  readonly collectScheduled: (scope: CollectionScope) => Promise<unknown>;
  readonly changed: () => void;
  readonly logError: (message: string, error: unknown) => void;
}

const DEFAULT_BUCKETS = 300;
const DEFAULT_LISTED = 100;

export class Watcher {
  #settings: WatchSettings | null = null;
  #timers: ReturnType<typeof setInterval>[] = [];
  #events: AbortController | null = null;
  #eventsProblem: string | null = null;
  readonly #inFlight = new Set<CollectionScope>();
  #started: Promise<void> | null = null;

  constructor(
    private readonly port: WatchPort,
    private readonly deps: WatcherDeps,
  ) {}

  /** Reads the saved settings and resumes an interval the user had turned on. */
  start(): Promise<void> {
    this.#started ??= this.port.store.settings().then((settings) => this.#apply(settings));
    return this.#started;
  }

  async settings(): Promise<WatchSettings> {
    await this.start();
    return this.#settings!;
  }

  async configure(settings: WatchSettings): Promise<WatchSettings> {
    await this.start();
    await this.port.store.saveSettings(settings);
    this.#apply(settings);
    await this.port.store.retain(settings);
    this.deps.changed();
    return settings;
  }

  async timeline(
    maxBuckets: number = DEFAULT_BUCKETS,
    listed: number = DEFAULT_LISTED,
  ): Promise<TimelineView> {
    const settings = await this.settings();
    const { points, events, problems } = await this.port.store.contents();
    const drawn = buildTimeline(points, events, maxBuckets);
    return {
      folder: this.port.store.folder,
      settings,
      limits: WATCH_LIMITS,
      problems,
      watching: this.#watching(settings),
      eventsProblem: this.#watching(settings) ? this.#eventsProblem : null,
      totalBytes: points.reduce((n, p) => n + p.bytes, 0),
      pointCount: points.length,
      points: points.slice(-listed).reverse(),
      series: drawn.series,
      buckets: drawn.buckets,
      events: drawn.events,
      eventCount: events.length,
      domain: drawn.domain,
    };
  }

  /**
   * One collection into the history: collected, read back, summarised once, kept, then the oldest removed past
   * the limits. Rejects when the signal aborts (the bundle writer leaves nothing behind then).
   */
  async collect(
    scope: CollectionScope,
    signal: AbortSignal,
    progress: (message: string, done: number, total: number | null) => void,
  ): Promise<{ readonly point: HistoryPoint; readonly path: string; readonly model: HostModel }> {
    const settings = await this.settings();
    this.#inFlight.add(scope);
    try {
      const collectedAt = new Date();
      const path = await this.port.collect(scope, collectedAt, signal, progress);
      progress('Summarising for the timeline', 0, null);
      const raw = await this.deps.read(path);
      const model = buildHostModel(raw, NODE_MODEL_OPTIONS);
      const correlation = correlate(model);
      const summary = summarisePoint(scope, model, correlation, () => {
        const matrix = reachabilityMatrix(model, correlation);
        return { matrix, findings: findings(model, correlation, matrix) };
      });
      const bytes = [...raw.files.values()].reduce((n, f) => n + f.length, 0);
      const point: HistoryPoint = {
        file: basename(path),
        collectedAt: model.bundle.collectedAt ?? collectedAt.toISOString(),
        scope,
        computerName: model.computerName,
        bytes,
        summary,
      };
      await this.port.store.add(point, settings);
      this.deps.changed();
      return { point, path, model };
    } finally {
      this.#inFlight.delete(scope);
    }
  }

  dispose(): void {
    this.#stop();
  }

  #watching(settings: WatchSettings): boolean {
    return settings.fastSeconds !== null || settings.fullMinutes !== null;
  }

  #apply(settings: WatchSettings): void {
    this.#stop();
    this.#settings = settings;
    const every = (ms: number, scope: CollectionScope): void => {
      this.#timers.push(
        setInterval(() => {
          // A collection still running when the next is due is not doubled: the next tick tries again.
          if (this.#inFlight.has(scope)) return;
          this.deps
            .collectScheduled(scope)
            .catch((error: unknown) => this.deps.logError(`hostscope: scheduled ${scope} collection`, error));
        }, ms),
      );
    };
    if (settings.fastSeconds !== null) every(settings.fastSeconds * 1000, 'fast');
    if (settings.fullMinutes !== null) every(settings.fullMinutes * 60_000, 'full');
    if (this.#watching(settings)) this.#followEvents();
  }

  #followEvents(): void {
    const controller = new AbortController();
    this.#events = controller;
    this.#eventsProblem = null;
    void this.port
      .followEvents(
        controller.signal,
        (mark) => {
          void this.port.store
            .addEvent(mark)
            .then(() => this.deps.changed())
            .catch((error: unknown) => this.deps.logError('hostscope: keeping an engine event', error));
        },
        (problem) => {
          this.#eventsProblem = problem;
          this.deps.changed();
        },
      )
      .catch((error: unknown) => this.deps.logError('hostscope: engine events', error));
  }

  #stop(): void {
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers = [];
    this.#events?.abort(new Error('watching stopped'));
    this.#events = null;
  }
}
