// The timeline as drawn (issue 13, item 3): a week of one-minute collections is ~10,000 points per series, more
// than a chart can draw and stay responsive, so the time axis is cut into at most `maxBuckets` equal spans and
// each series keeps its lowest and highest value per span (a short spike of unreachable paths stays visible).
// Engine events are counted per span and kind on the same axis.

import {
  MAX_SESSION_SERIES,
  type EngineEventMark,
  type HistoryPoint,
  type TimelineBucket,
  type TimelineChart,
  type TimelineEventBucket,
} from '../../shared/history';
import { SEVERITIES } from './summary';

export interface TimelineSeries {
  readonly key: string;
  readonly label: string;
  readonly chart: TimelineChart;
}

export interface Timeline {
  readonly series: readonly TimelineSeries[];
  readonly buckets: readonly TimelineBucket[];
  readonly events: readonly TimelineEventBucket[];
  readonly domain: readonly [number, number] | null;
}

const EVENT_CONTAINERS_NAMED = 3;

/**
 * Containers get series keys by rank (`sessions:0`), never by name: a container name is hostile text and must not
 * become an object key (`__proto__`).
 */
export function buildTimeline(
  points: readonly HistoryPoint[],
  events: readonly EngineEventMark[],
  maxBuckets: number,
): Timeline {
  const times = points.map((p) => Date.parse(p.collectedAt));
  const eventTimes = events.map((e) => Date.parse(e.at));
  let low = Infinity;
  let high = -Infinity;
  for (const t of [...times, ...eventTimes]) {
    if (!Number.isFinite(t)) continue;
    if (t < low) low = t;
    if (t > high) high = t;
  }
  const sessionNames = busiestContainers(points);
  const series: TimelineSeries[] = [
    { key: 'running', label: 'Running containers', chart: 'containers' },
    { key: 'containers', label: 'All containers', chart: 'containers' },
    { key: 'sessions', label: 'All NAT sessions', chart: 'sessions' },
    ...sessionNames.map((name, i) => ({ key: `sessions:${i}`, label: name, chart: 'sessions' as const })),
    ...SEVERITIES.map((s) => ({ key: `findings:${s}`, label: s, chart: 'findings' as const })),
    { key: 'unreachable', label: 'Unreachable paths', chart: 'unreachable' },
  ];
  if (low > high) return { series, buckets: [], events: [], domain: null };

  const slots = Math.max(1, Math.floor(maxBuckets));
  const width = Math.max(1, Math.ceil((high - low + 1) / slots));
  const slotOf = (t: number): number => Math.min(slots - 1, Math.floor((t - low) / width));
  const rankOf = new Map(sessionNames.map((name, i) => [name, i]));

  const buckets = new Map<number, { points: number; ranges: Map<string, [number, number]> }>();
  for (let i = 0; i < points.length; i++) {
    const t = times[i]!;
    if (!Number.isFinite(t)) continue;
    const slot = slotOf(t);
    let bucket = buckets.get(slot);
    if (!bucket) buckets.set(slot, (bucket = { points: 0, ranges: new Map() }));
    bucket.points++;
    for (const [key, value] of valuesOf(points[i]!, rankOf)) {
      const range = bucket.ranges.get(key);
      if (range === undefined) bucket.ranges.set(key, [value, value]);
      else {
        if (value < range[0]) range[0] = value;
        if (value > range[1]) range[1] = value;
      }
    }
  }

  const marks = new Map<
    string,
    { t: number; kind: EngineEventMark['kind']; count: number; containers: string[] }
  >();
  for (let i = 0; i < events.length; i++) {
    const t = eventTimes[i]!;
    if (!Number.isFinite(t)) continue;
    const event = events[i]!;
    const slot = slotOf(t);
    const id = `${slot}/${event.kind}`;
    let mark = marks.get(id);
    if (!mark) marks.set(id, (mark = { t: low + slot * width, kind: event.kind, count: 0, containers: [] }));
    mark.count++;
    if (mark.containers.length < EVENT_CONTAINERS_NAMED && !mark.containers.includes(event.container))
      mark.containers.push(event.container);
  }

  return {
    series,
    buckets: [...buckets.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([slot, b]) => ({
        t: low + slot * width,
        points: b.points,
        ranges: Object.fromEntries(b.ranges) as Record<string, readonly [number, number]>,
      })),
    events: [...marks.values()].sort((a, b) => a.t - b.t),
    domain: [low, high],
  };
}

/** The containers with the most sessions at any one time, across the whole history. */
function busiestContainers(points: readonly HistoryPoint[]): readonly string[] {
  const peak = new Map<string, number>();
  for (const point of points)
    for (const entry of point.summary.natSessionsByContainer ?? [])
      if (entry.sessions > (peak.get(entry.container) ?? 0)) peak.set(entry.container, entry.sessions);
  return [...peak.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_SESSION_SERIES)
    .map(([name]) => name);
}

function* valuesOf(point: HistoryPoint, rankOf: ReadonlyMap<string, number>): Generator<[string, number]> {
  const s = point.summary;
  if (s.runningContainers !== null) yield ['running', s.runningContainers];
  if (s.containers !== null) yield ['containers', s.containers];
  if (s.natSessions !== null) yield ['sessions', s.natSessions];
  if (s.natSessionsByContainer !== null) {
    // A drawn container absent from this point is left out, not 0: the point may have folded it into (other).
    for (const entry of s.natSessionsByContainer) {
      const rank = rankOf.get(entry.container);
      if (rank !== undefined) yield [`sessions:${rank}`, entry.sessions];
    }
  }
  if (s.findingsBySeverity !== null)
    for (const severity of SEVERITIES) yield [`findings:${severity}`, s.findingsBySeverity[severity]];
  if (s.unreachablePaths !== null) yield ['unreachable', s.unreachablePaths];
}
