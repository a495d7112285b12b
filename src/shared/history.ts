// A watched host over time (issue 13, items 2 and 3): the collections kept in a history folder, each with a
// summary stored beside it so the timeline never re-reads every bundle, the engine events received while
// watching, and the settings of the interval and of retention.

import type { Severity } from './diagnosis';
import type { ProbeId } from './bundle';

/**
 * `fast`: only the probes that change minute to minute (the engine's containers and networks, NAT sessions, TCP
 * endpoints); `full`: every probe of the catalogue.
 */
export type CollectionScope = 'fast' | 'full';

export interface NatSessionsByContainer {
  /** Container name, or `(no container)` for sessions whose destination is no container's address. */
  readonly container: string;
  readonly sessions: number;
}

/**
 * What the timeline draws for one collection. Null where the collection cannot tell: a fast collection has no
 * firewall or HNS data, so its findings and unreachable paths would read as fewer than there are.
 */
export interface PointSummary {
  readonly containers: number | null;
  readonly runningContainers: number | null;
  readonly natSessions: number | null;
  /** The busiest containers by sessions, then `(other)`; at most MAX_SESSION_SERIES + 1 entries. */
  readonly natSessionsByContainer: readonly NatSessionsByContainer[] | null;
  readonly findingsBySeverity: Readonly<Record<Severity, number>> | null;
  /** Paths of the reachability matrix whose verdict is `unreachable`. */
  readonly unreachablePaths: number | null;
}

export interface HistoryPoint {
  /** The bundle's file name inside the history folder (also its id: unique, sortable by time). */
  readonly file: string;
  readonly collectedAt: string;
  readonly scope: CollectionScope;
  readonly computerName: string | null;
  readonly bytes: number;
  readonly summary: PointSummary;
}

export type EngineEventKind = 'start' | 'die' | 'restart' | 'connect' | 'disconnect' | 'health';

/** One Docker engine event (`GET /events`) received while watching. */
export interface EngineEventMark {
  readonly at: string;
  readonly kind: EngineEventKind;
  /** Container name (or short id when the engine gave none). */
  readonly container: string;
  /** Exit code (die), network name (connect, disconnect) or health status (health); null when not given. */
  readonly detail: string | null;
}

export interface RetentionLimits {
  /** Most collections kept; the oldest go first. */
  readonly maxCount: number;
  /** Most bytes the kept bundles take together. */
  readonly maxBytes: number;
}

export interface WatchSettings {
  /** Seconds between fast collections; null: off (the default). */
  readonly fastSeconds: number | null;
  /** Minutes between full collections; null: off (the default). */
  readonly fullMinutes: number | null;
  readonly retention: RetentionLimits;
}

/** Bounds of the settings, checked where they are received (the IPC schema) and shown in the UI. */
export const WATCH_LIMITS = {
  fastSeconds: { min: 5, max: 3_600 },
  fullMinutes: { min: 1, max: 1_440 },
  maxCount: { min: 1, max: 100_000 },
  maxBytes: { min: 1_048_576, max: 1_099_511_627_776 },
} as const;

/** A week of one-minute collections fits under the default count (issue 13). */
export const DEFAULT_WATCH_SETTINGS: WatchSettings = {
  fastSeconds: null,
  fullMinutes: null,
  retention: { maxCount: 12_000, maxBytes: 2 * 1_073_741_824 },
};

/** The NAT-session chart stacks this many containers, then the rest as `(other)`. */
export const MAX_SESSION_SERIES = 5;

/** One time span of the timeline as drawn: the lowest and highest value of each series within it. */
export interface TimelineBucket {
  /** Start of the span, ms since the epoch. */
  readonly t: number;
  /** How many collections fall in this span. */
  readonly points: number;
  /** Series key -> [min, max] over the span; absent where no collection in the span knew the value. */
  readonly ranges: Readonly<Record<string, readonly [number, number]>>;
}

export interface TimelineEventBucket {
  readonly t: number;
  readonly kind: EngineEventKind;
  readonly count: number;
  /** The first few containers named, for the mark's tooltip. */
  readonly containers: readonly string[];
}

export type WatchLimits = typeof WATCH_LIMITS;

export interface TimelineView {
  readonly folder: string;
  readonly settings: WatchSettings;
  /** The bounds the settings must keep (the renderer takes only types from shared/, so they travel here). */
  readonly limits: WatchLimits;
  /** Lines of the history folder that could not be used (damaged or edited by hand). */
  readonly problems: readonly string[];
  /** An interval is on: fast or full collections run, and engine events are recorded. */
  readonly watching: boolean;
  /** Why engine events are not being recorded while watching, if they are not. */
  readonly eventsProblem: string | null;
  readonly totalBytes: number;
  /** How many collections are kept. */
  readonly pointCount: number;
  /** The newest kept collections, newest first, as many as asked (a week of one-minute history is 10,000). */
  readonly points: readonly HistoryPoint[];
  /** Series keys in drawing order, with their labels, for the charts. */
  readonly series: readonly { readonly key: string; readonly label: string; readonly chart: TimelineChart }[];
  readonly buckets: readonly TimelineBucket[];
  readonly events: readonly TimelineEventBucket[];
  readonly eventCount: number;
  /** The time axis both charts share, ms since the epoch; null with no history. */
  readonly domain: readonly [number, number] | null;
}

export type TimelineChart = 'containers' | 'sessions' | 'findings' | 'unreachable';

/**
 * The probes of a fast collection: the engine's view of containers and networks, WinNAT sessions and TCP
 * endpoints. Left to the full set: per-container work (top, exec), which grows with the containers, and the
 * engine's version and info, which change only with an upgrade and are slow to answer (Podman's GET /version took
 * 4.5 s and GET /info 2 s on the test machine, against 0.6 s for the container listing: bench:collect). Without
 * docker.version first, an engine out of reach shows as each probe's own failure.
 */
export const FAST_PROBES: readonly ProbeId[] = [
  'docker.containers',
  'docker.networks',
  'host.natsessions',
  'host.tcp',
];
