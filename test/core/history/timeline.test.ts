import { describe, expect, it } from 'vitest';
import { buildTimeline } from '../../../src/core/history';
import type { EngineEventMark, HistoryPoint, PointSummary } from '../../../src/shared/history';

const START = Date.parse('2026-12-01T00:00:00.000Z');
const MINUTE = 60_000;

function summary(over: Partial<PointSummary>): PointSummary {
  return {
    containers: null,
    runningContainers: null,
    natSessions: null,
    natSessionsByContainer: null,
    findingsBySeverity: null,
    unreachablePaths: null,
    ...over,
  };
}

function point(minute: number, over: Partial<PointSummary>, scope: 'fast' | 'full' = 'fast'): HistoryPoint {
  return {
    file: `p${minute}.zip`,
    collectedAt: new Date(START + minute * MINUTE).toISOString(),
    scope,
    computerName: 'H',
    bytes: 1,
    summary: summary(over),
  };
}

describe('the timeline as drawn', () => {
  it('draws a week of one-minute collections in at most the buckets asked, keeping a one-minute spike', () => {
    const week = 7 * 24 * 60;
    const points = Array.from({ length: week }, (_, m) =>
      point(m, { runningContainers: m === 5000 ? 0 : 20, unreachablePaths: m === 5001 ? 9 : 0 }, 'full'),
    );
    const t = buildTimeline(points, [], 600);
    expect(t.buckets.length).toBeLessThanOrEqual(600);
    expect(t.buckets.reduce((n, b) => n + b.points, 0)).toBe(week);
    expect(t.domain).toEqual([START, START + (week - 1) * MINUTE]);
    const running = t.buckets.map((b) => b.ranges.running!);
    expect(running.filter((r) => r[0] === 0)).toHaveLength(1);
    expect(t.buckets.filter((b) => b.ranges.unreachable![1] === 9)).toHaveLength(1);
  });

  it('leaves a series out of a span where no collection knew it (a fast one has no findings)', () => {
    const t = buildTimeline(
      [point(0, { unreachablePaths: 2 }, 'full'), point(10, { runningContainers: 3 }, 'fast')],
      [],
      10,
    );
    expect(t.buckets[0]!.ranges.unreachable).toEqual([2, 2]);
    expect(t.buckets.at(-1)!.ranges.unreachable).toBeUndefined();
    expect(t.buckets.at(-1)!.ranges.running).toEqual([3, 3]);
  });

  it('keys container series by rank, never by the (hostile) name', () => {
    const t = buildTimeline(
      [
        point(0, {
          natSessionsByContainer: [
            { container: '__proto__', sessions: 9 },
            { container: 'b', sessions: 2 },
          ],
        }),
        point(1, { natSessionsByContainer: [{ container: 'b', sessions: 4 }] }),
      ],
      [],
      10,
    );
    expect(t.series.filter((s) => s.chart === 'sessions').map((s) => [s.key, s.label])).toEqual([
      ['sessions', 'All NAT sessions'],
      ['sessions:0', '__proto__'],
      ['sessions:1', 'b'],
    ]);
    expect(t.buckets[0]!.ranges['sessions:0']).toEqual([9, 9]);
    // Absent from the second collection: left out, not drawn as 0.
    expect(t.buckets.at(-1)!.ranges['sessions:0']).toBeUndefined();
    expect(Object.getPrototypeOf(t.buckets[0]!.ranges)).toBe(Object.prototype);
  });

  it('counts engine events per span and kind on the same axis, naming the first containers', () => {
    const events: EngineEventMark[] = [
      { at: new Date(START + 30_000).toISOString(), kind: 'die', container: 'web', detail: '1' },
      { at: new Date(START + 31_000).toISOString(), kind: 'die', container: 'api', detail: '1' },
      { at: new Date(START + 32_000).toISOString(), kind: 'start', container: 'web', detail: null },
    ];
    const t = buildTimeline(
      [point(0, { runningContainers: 1 }), point(2, { runningContainers: 1 })],
      events,
      2,
    );
    expect(t.events).toEqual([
      { t: START, kind: 'die', count: 2, containers: ['web', 'api'] },
      { t: START, kind: 'start', count: 1, containers: ['web'] },
    ]);
  });

  it('has no domain with no history', () => {
    expect(buildTimeline([], [], 100)).toMatchObject({ buckets: [], events: [], domain: null });
  });
});
