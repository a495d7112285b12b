// Timeline: this host watched over time (issue 13, items 2 and 3). "Collect again", the interval and retention
// settings, charts of the kept collections with the engine's events on the same time axis, and the list of
// collections: each opens with one click and compares with the open one with one more.

import { useEffect, useState, type FormEvent, type JSX } from 'react';
import type {
  CollectionScope,
  HistoryPoint,
  TimelineChart,
  TimelineView as Timeline,
  WatchSettings,
} from '../../../shared/history';
import { api } from '../api';
import { useQuery } from '../api/use-query';
import { useApp } from '../app-context';
import { QueryView } from '../components/states';
import { EventChart, RangeChart, type AxisColors } from '../components/time-chart';
import { formatBytes, formatDate, formatShortDate, plural } from '../format';
import { href, navigate } from '../router';
import { useCssColors } from '../theme';

/** Spans drawn across the chart width: far fewer than a week of one-minute points, enough for a wide window. */
const MAX_BUCKETS = 300;
const LIST_PAGE = 100;
/** Engine events arrive in bursts (a restart is die + start): refetch at most this often. */
const REFRESH_MS = 1_000;
const EVENT_KINDS = ['start', 'die', 'restart', 'connect', 'disconnect', 'health'] as const;
const MIB = 1_048_576;

export function TimelineView(): JSX.Element {
  const [generation, setGeneration] = useState(0);
  const [listed, setListed] = useState(LIST_PAGE);
  const query = useQuery('history:timeline', { maxBuckets: MAX_BUCKETS, listed }, String(generation));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = api.onEvent((event) => {
      if (event.kind !== 'history-changed' || timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        setGeneration((g) => g + 1);
      }, REFRESH_MS);
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, []);
  // A refetch keeps the last answer on screen rather than flashing "loading" every interval.
  // Adjusted while rendering, as React advises, rather than in an effect that would render twice.
  const [shown, setShown] = useState<Timeline | null>(null);
  if (query.status === 'ready' && query.value !== shown) setShown(query.value);

  return (
    <div className="view">
      <header className="view-header">
        <h1 tabIndex={-1}>Timeline</h1>
        <p className="muted">
          This host over time: collect again, or let an interval collect, and see what changed.
        </p>
      </header>
      {shown === null ? (
        <QueryView query={query} label="Reading the history">
          {(timeline) => <TimelineBody timeline={timeline} onMore={() => setListed((n) => n + LIST_PAGE)} />}
        </QueryView>
      ) : (
        <TimelineBody timeline={shown} onMore={() => setListed((n) => n + LIST_PAGE)} />
      )}
    </div>
  );
}

function TimelineBody({ timeline, onMore }: { timeline: Timeline; onMore: () => void }): JSX.Element {
  return (
    <>
      <CollectPanel timeline={timeline} />
      {timeline.problems.length > 0 && (
        <div className="note note-unknown" role="note">
          <strong>Parts of the history folder were left out:</strong>
          <ul>
            {timeline.problems.slice(0, 5).map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <Charts timeline={timeline} />
      <PointList timeline={timeline} onMore={onMore} />
      <SettingsForm key={JSON.stringify(timeline.settings)} timeline={timeline} />
    </>
  );
}

function CollectPanel({ timeline }: { timeline: Timeline }): JSX.Element {
  const { newOperationId, showError, notify, operations } = useApp();
  const collecting = operations.some((o) => o.operation === 'collect');
  const collect = async (scope: CollectionScope): Promise<void> => {
    const result = await api.invoke('history:collect', {
      operationId: newOperationId('collect'),
      scope,
      open: scope === 'full',
    });
    if (!result.ok) showError(result.error);
    else notify(`Kept the ${scope} collection of ${formatDate(result.value.point.collectedAt)}.`);
  };
  const s = timeline.settings;
  return (
    <section className="panel" aria-labelledby="collect-again">
      <h2 id="collect-again">Collect again</h2>
      <p className="muted">
        {plural(timeline.pointCount, 'collection')} kept ({formatBytes(timeline.totalBytes)}) in{' '}
        <code>{timeline.folder}</code>.{' '}
        {timeline.watching
          ? `Watching: ${[
              s.fastSeconds === null ? null : `fast every ${s.fastSeconds} s`,
              s.fullMinutes === null ? null : `full every ${s.fullMinutes} min`,
            ]
              .filter((x) => x !== null)
              .join(', ')}; ${plural(timeline.eventCount, 'engine event')} recorded.`
          : 'No interval is on.'}
      </p>
      {timeline.eventsProblem !== null && (
        <p className="note note-unknown">
          <strong>Engine events are not being recorded:</strong> {timeline.eventsProblem}
        </p>
      )}
      <div className="form-actions" style={{ justifyContent: 'flex-start' }}>
        <button
          type="button"
          className="button button-primary"
          disabled={collecting}
          onClick={() => void collect('full')}
        >
          Collect again
        </button>
        <button type="button" className="button" disabled={collecting} onClick={() => void collect('fast')}>
          Fast collection
        </button>
      </div>
    </section>
  );
}

function Charts({ timeline }: { timeline: Timeline }): JSX.Element | null {
  const colors = useCssColors([
    'accent',
    'chart-2',
    'fg-muted',
    'border',
    'warn',
    'sev-critical',
    'sev-high',
    'sev-medium',
    'sev-low',
    'sev-info',
  ]);
  if (timeline.domain === null) return null;
  const domain = timeline.domain;
  const axisColors: AxisColors = { grid: colors.border, text: colors['fg-muted'] };
  const palette = [
    colors.accent,
    colors['chart-2'],
    colors.warn,
    colors['sev-high'],
    colors['sev-low'],
    colors['fg-muted'],
  ];
  const last = timeline.points[0]?.summary;
  const chart = (
    title: string,
    id: string,
    chartName: TimelineChart,
    colorOf: (key: string, index: number) => string,
    describe: string,
  ): JSX.Element => (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <RangeChart
        label={`${title}: ${describe}`}
        spans={timeline.buckets}
        series={timeline.series
          .filter((s) => s.chart === chartName)
          .map((s, i) => ({ key: s.key, label: s.label, color: colorOf(s.key, i) }))}
        domain={domain}
        colors={axisColors}
        formatTime={formatShortDate}
      />
    </section>
  );
  const severityColor = (key: string): string =>
    colors[`sev-${key.slice('findings:'.length)}` as 'sev-high'] ?? colors['fg-muted'];
  return (
    <>
      <p className="muted">
        Each span of the time axis shows the lowest and the highest value collected within it; findings and
        unreachable paths come from full collections only (a fast one lacks the firewall and HNS). Point at a
        chart, or focus it and press the arrow keys, to read a span.
      </p>
      <div className="grid-2">
        {chart(
          'Running containers',
          'chart-running',
          'containers',
          (_k, i) => palette[i]!,
          latest(last?.runningContainers, 'running'),
        )}
        {chart(
          'NAT sessions by container',
          'chart-sessions',
          'sessions',
          (_k, i) => palette[i % palette.length]!,
          latest(last?.natSessions, 'sessions'),
        )}
        {chart(
          'Findings by severity',
          'chart-findings',
          'findings',
          severityColor,
          latestFull(
            timeline.points,
            (p) => Object.values(p.summary.findingsBySeverity ?? {}).reduce((n, v) => n + v, 0),
            'findings',
          ),
        )}
        {chart(
          'Unreachable paths',
          'chart-unreachable',
          'unreachable',
          () => colors['sev-high'],
          latestFull(timeline.points, (p) => p.summary.unreachablePaths ?? 0, 'unreachable paths'),
        )}
      </div>
      <EventMarks timeline={timeline} domain={domain} axisColors={axisColors} colors={colors} />
    </>
  );
}

function latest(value: number | null | undefined, what: string): string {
  return value === null || value === undefined
    ? `the latest collection does not tell ${what}`
    : `latest ${value} ${what}`;
}

function latestFull(
  points: readonly HistoryPoint[],
  count: (p: HistoryPoint) => number,
  what: string,
): string {
  const full = points.find((p) => p.scope === 'full');
  return full === undefined ? `no full collection yet` : `latest full collection: ${count(full)} ${what}`;
}

function EventMarks({
  timeline,
  domain,
  axisColors,
  colors,
}: {
  timeline: Timeline;
  domain: readonly [number, number];
  axisColors: AxisColors;
  colors: Record<'accent' | 'chart-2' | 'fg-muted' | 'warn' | 'sev-high', string>;
}): JSX.Element {
  const kindColor: Record<(typeof EVENT_KINDS)[number], string> = {
    start: colors.accent,
    die: colors['sev-high'],
    restart: colors.warn,
    connect: colors['chart-2'],
    disconnect: colors['chart-2'],
    health: colors['fg-muted'],
  };
  return (
    <section className="panel" aria-labelledby="chart-events">
      <h2 id="chart-events">
        Engine events{' '}
        <span className="muted">({plural(timeline.eventCount, 'event')} received while watching)</span>
      </h2>
      <EventChart
        label={`Engine events: ${EVENT_KINDS.map((k) => `${timeline.events.filter((e) => e.kind === k).reduce((n, e) => n + e.count, 0)} ${k}`).join(', ')}`}
        marks={timeline.events.map((e) => ({
          t: e.t,
          kind: e.kind,
          label: `${e.count} × ${e.kind}: ${e.containers.join(', ')}${e.count > e.containers.length ? ', …' : ''}`,
        }))}
        kinds={EVENT_KINDS.map((k) => ({ key: k, label: k, color: kindColor[k] }))}
        domain={domain}
        colors={axisColors}
        formatTime={formatShortDate}
      />
      {timeline.events.length === 0 && <p className="muted">No engine events in this history.</p>}
    </section>
  );
}

function PointList({ timeline, onMore }: { timeline: Timeline; onMore: () => void }): JSX.Element {
  const { bundle, openPath } = useApp();
  const pathOf = (p: HistoryPoint): string => `${timeline.folder}/${p.file}`.replace(/\\/g, '/');
  const openSource = bundle?.source.replace(/\\/g, '/') ?? null;
  const open = timeline.points.find((p) => pathOf(p) === openSource) ?? null;
  const compare = (p: HistoryPoint): void => {
    if (open === null) return;
    const [older, newer] = open.collectedAt <= p.collectedAt ? [open, p] : [p, open];
    navigate(
      href(['changes'], {
        older: `${timeline.folder}/${older.file}`,
        newer: `${timeline.folder}/${newer.file}`,
      }),
    );
  };
  if (timeline.pointCount === 0)
    return (
      <section className="panel" aria-labelledby="history-list">
        <h2 id="history-list">Collections</h2>
        <p className="muted">Nothing kept yet: press Collect again.</p>
      </section>
    );
  return (
    <section className="panel" aria-labelledby="history-list">
      <h2 id="history-list">Collections</h2>
      <p className="muted">
        {open === null
          ? 'Open one, then compare it with any other.'
          : `Open: ${formatDate(open.collectedAt)}. Compare it with any other.`}
      </p>
      <div className="table-scroll">
        <table className="data-table">
          <caption className="visually-hidden">Kept collections, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Collected</th>
              <th scope="col">Kind</th>
              <th scope="col">Running</th>
              <th scope="col">NAT sessions</th>
              <th scope="col">Findings</th>
              <th scope="col">Unreachable</th>
              <th scope="col">Size</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {timeline.points.map((p) => {
              const isOpen = p === open;
              const findings = p.summary.findingsBySeverity;
              return (
                <tr key={p.file} aria-current={isOpen ? 'true' : undefined}>
                  <td>{formatDate(p.collectedAt)}</td>
                  <td>{p.scope}</td>
                  <td>{count(p.summary.runningContainers)}</td>
                  <td>{count(p.summary.natSessions)}</td>
                  <td>{findings === null ? '—' : Object.values(findings).reduce((n, v) => n + v, 0)}</td>
                  <td>{count(p.summary.unreachablePaths)}</td>
                  <td>{formatBytes(p.bytes)}</td>
                  <td className="actions">
                    <button
                      type="button"
                      className="button button-small"
                      disabled={isOpen}
                      aria-label={`Open the collection of ${formatDate(p.collectedAt)}`}
                      onClick={() => void openPath(pathOf(p))}
                    >
                      Open
                    </button>{' '}
                    <button
                      type="button"
                      className="button button-small"
                      disabled={open === null || isOpen}
                      aria-label={`Compare the collection of ${formatDate(p.collectedAt)} with the open one`}
                      onClick={() => compare(p)}
                    >
                      Compare
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {timeline.pointCount > timeline.points.length && (
        <button type="button" className="button" onClick={onMore}>
          Show {Math.min(LIST_PAGE, timeline.pointCount - timeline.points.length)} more of{' '}
          {timeline.pointCount - timeline.points.length}
        </button>
      )}
    </section>
  );
}

function count(value: number | null): string {
  return value === null ? '—' : String(value);
}

/** A whole number typed as text: the form checks its range on save and says which field is off. */
function NumberField({
  id,
  label,
  value,
  onChange,
  disabled = false,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
}): JSX.Element {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        inputMode="numeric"
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
      />
    </>
  );
}

function SettingsForm({ timeline }: { timeline: Timeline }): JSX.Element {
  const { showError, notify } = useApp();
  const s = timeline.settings;
  const l = timeline.limits;
  const [fastOn, setFastOn] = useState(s.fastSeconds !== null);
  const [fast, setFast] = useState(String(s.fastSeconds ?? 60));
  const [fullOn, setFullOn] = useState(s.fullMinutes !== null);
  const [full, setFull] = useState(String(s.fullMinutes ?? 15));
  const [maxCount, setMaxCount] = useState(String(s.retention.maxCount));
  const [maxMib, setMaxMib] = useState(String(Math.round(s.retention.maxBytes / MIB)));
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const checks: [string, string, { min: number; max: number }, boolean][] = [
      ['Fast interval (seconds)', fast, l.fastSeconds, fastOn],
      ['Full interval (minutes)', full, l.fullMinutes, fullOn],
      ['Collections kept', maxCount, l.maxCount, true],
      ['Size kept (MiB)', maxMib, { min: l.maxBytes.min / MIB, max: l.maxBytes.max / MIB }, true],
    ];
    for (const [label, value, range, on] of checks) {
      const n = Number(value);
      if (on && (!/^\d+$/.test(value.trim()) || n < range.min || n > range.max)) {
        setProblem(`${label}: a whole number from ${range.min} to ${range.max}.`);
        return;
      }
    }
    setProblem(null);
    const settings: WatchSettings = {
      fastSeconds: fastOn ? Number(fast) : null,
      fullMinutes: fullOn ? Number(full) : null,
      retention: { maxCount: Number(maxCount), maxBytes: Number(maxMib) * MIB },
    };
    const result = await api.invoke('history:settings', { settings });
    if (!result.ok) showError(result.error);
    else notify('Watch settings saved.');
  };

  return (
    <section className="panel" aria-labelledby="watch-settings">
      <h2 id="watch-settings">Interval and retention</h2>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <label className="checkbox">
          <input type="checkbox" checked={fastOn} onChange={(e) => setFastOn(e.target.checked)} /> Fast
          collection (engine state, NAT sessions, TCP endpoints) every
        </label>
        <NumberField id="watch-fast" label="Seconds" value={fast} onChange={setFast} disabled={!fastOn} />
        <label className="checkbox">
          <input type="checkbox" checked={fullOn} onChange={(e) => setFullOn(e.target.checked)} /> Full
          collection every
        </label>
        <NumberField id="watch-full" label="Minutes" value={full} onChange={setFull} disabled={!fullOn} />
        <NumberField
          id="watch-count"
          label="Collections kept at most"
          value={maxCount}
          onChange={setMaxCount}
        />
        <NumberField id="watch-size" label="Size kept at most (MiB)" value={maxMib} onChange={setMaxMib} />
        {problem !== null && (
          <p className="note note-unknown" role="alert">
            {problem}
          </p>
        )}
        <div className="form-actions" style={{ justifyContent: 'flex-start' }}>
          <button type="submit" className="button">
            Save settings
          </button>
        </div>
      </form>
    </section>
  );
}
