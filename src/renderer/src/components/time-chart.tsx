// The timeline's charts drawn as plain SVG (issue 13, item 3): recharts spent ~700 ms of one task redrawing five
// charts of 300 spans on every update; a path per series costs a few milliseconds. Values stay readable without
// a pointer: the figure's label tells the latest value and the readout below the chart follows pointer and keys.

import { useState, type JSX, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import {
  bandPath,
  countTicks,
  dotsPath,
  linearScale,
  spanAt,
  timeTicks,
  type Scale,
  type Span,
} from './time-chart-geometry';

const WIDTH = 560;
const PLOT = { left: 44, right: 12, top: 8, bottom: 22 } as const;

export interface ChartSeries {
  readonly key: string;
  readonly label: string;
  readonly color: string;
}

export interface AxisColors {
  readonly grid: string;
  readonly text: string;
}

interface Frame {
  readonly height: number;
  readonly x: Scale;
  readonly toTime: Scale;
}

function frameOf(domain: readonly [number, number], height: number, left: number): Frame {
  return {
    height,
    x: linearScale(domain, [left, WIDTH - PLOT.right]),
    toTime: linearScale([left, WIDTH - PLOT.right], domain),
  };
}

/** What every chart on the shared time axis is given. */
interface TimeChartProps {
  /** The figure's accessible name: the chart and its latest value. */
  readonly label: string;
  readonly domain: readonly [number, number];
  readonly colors: AxisColors;
  readonly formatTime: (t: number) => string;
}

function TimeAxis({
  domain,
  frame,
  colors,
  formatTime,
}: Omit<TimeChartProps, 'label'> & { readonly frame: Frame }): JSX.Element {
  const ticks = timeTicks(domain);
  return (
    <g fontSize={11} fill={colors.text}>
      {ticks.map((t, i) => (
        <text
          key={t}
          x={frame.x(t)}
          y={frame.height - 6}
          textAnchor={i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : 'middle'}
        >
          {formatTime(t)}
        </text>
      ))}
    </g>
  );
}

interface Readout {
  /** The span (or mark) read out, null when none is. */
  readonly index: number | null;
  readonly onPointerMove: (event: PointerEvent<SVGSVGElement>) => void;
  readonly onPointerLeave: () => void;
  readonly onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
}

/** Moves the readout with the pointer, or with Left/Right once the chart has focus. */
function useReadout(starts: readonly number[], frame: Frame): Readout {
  const [index, setIndex] = useState<number | null>(null);
  const onPointerMove = (event: PointerEvent<SVGSVGElement>): void => {
    const box = event.currentTarget.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * WIDTH;
    const found = spanAt(starts, frame.toTime(x));
    setIndex(found < 0 ? null : found);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    if (starts.length === 0) return;
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    setIndex((i) => Math.min(starts.length - 1, Math.max(0, (i ?? starts.length) + step)));
  };
  return { index, onPointerMove, onKeyDown, onPointerLeave: () => setIndex(null) };
}

/** The figure both charts share: named and focusable, its plot following pointer and keys, the readout below. */
function ChartFigure({
  label,
  height,
  readout,
  reading,
  legend,
  children,
}: {
  label: string;
  height: number;
  readout: Readout;
  /** What the readout says, null while nothing is read out. */
  reading: string | null;
  legend?: ReactNode;
  children: ReactNode;
}): JSX.Element {
  return (
    <figure className="chart" aria-label={label} tabIndex={0} onKeyDown={readout.onKeyDown}>
      <svg
        className="time-chart"
        viewBox={`0 0 ${WIDTH} ${height}`}
        aria-hidden="true"
        onPointerMove={readout.onPointerMove}
        onPointerLeave={readout.onPointerLeave}
      >
        {children}
      </svg>
      {legend}
      <p className="chart-readout muted" aria-live="polite">
        {reading ?? '\u00a0'}
      </p>
    </figure>
  );
}

export interface RangeChartProps extends TimeChartProps {
  readonly spans: readonly {
    readonly t: number;
    readonly ranges: Readonly<Record<string, readonly [number, number]>>;
  }[];
  readonly series: readonly ChartSeries[];
}

/** Lowest and highest value of each series per span, as bands on a shared time axis. */
export function RangeChart({
  label,
  spans,
  series,
  domain,
  colors,
  formatTime,
}: RangeChartProps): JSX.Element {
  const height = 180;
  const frame = frameOf(domain, height, PLOT.left);
  let max = 0;
  for (const span of spans) for (const s of series) max = Math.max(max, span.ranges[s.key]?.[1] ?? 0);
  const yTicks = countTicks(max);
  const y = linearScale([0, yTicks[yTicks.length - 1]!], [height - PLOT.bottom, PLOT.top]);
  const starts = spans.map((s) => s.t);
  const readout = useReadout(starts, frame);
  const hovered = readout.index === null ? undefined : spans[readout.index];
  return (
    <ChartFigure
      label={label}
      height={height}
      readout={readout}
      legend={<Legend series={series} />}
      reading={
        hovered === undefined
          ? null
          : `${formatTime(hovered.t)}: ${series
              .map((s) => {
                const r = hovered.ranges[s.key];
                return `${s.label} ${r === undefined ? 'unknown' : r[0] === r[1] ? r[0] : `${r[0]}–${r[1]}`}`;
              })
              .join(', ')}`
      }
    >
      <g fontSize={11} fill={colors.text}>
        {yTicks.map((v) => (
          <g key={v}>
            <line x1={PLOT.left} x2={WIDTH - PLOT.right} y1={y(v)} y2={y(v)} stroke={colors.grid} />
            <text x={PLOT.left - 6} y={y(v) + 4} textAnchor="end">
              {v}
            </text>
          </g>
        ))}
      </g>
      <TimeAxis domain={domain} frame={frame} colors={colors} formatTime={formatTime} />
      {series.map((s) => (
        <path
          key={s.key}
          d={bandPath(
            spans.map((span): Span => ({ t: span.t, range: span.ranges[s.key] })),
            domain[1],
            frame.x,
            y,
          )}
          fill={s.color}
          fillOpacity={0.45}
          stroke={s.color}
          strokeWidth={1}
        />
      ))}
      {hovered !== undefined && (
        <line
          x1={frame.x(hovered.t)}
          x2={frame.x(hovered.t)}
          y1={PLOT.top}
          y2={height - PLOT.bottom}
          stroke={colors.text}
        />
      )}
    </ChartFigure>
  );
}

function Legend({ series }: { series: readonly ChartSeries[] }): JSX.Element {
  return (
    <ul className="chart-legend">
      {series.map((s) => (
        <li key={s.key}>
          <span className="chart-swatch" style={{ background: s.color }} aria-hidden="true" />
          {s.label}
        </li>
      ))}
    </ul>
  );
}

export interface EventMark {
  readonly t: number;
  readonly kind: string;
  readonly label: string;
}

export interface EventChartProps extends TimeChartProps {
  readonly marks: readonly EventMark[];
  /** Rows top to bottom, each with its colour. */
  readonly kinds: readonly ChartSeries[];
}

/** Engine events as dots, one row per kind, on the same time axis as the range charts. */
export function EventChart({
  label,
  marks,
  kinds,
  domain,
  colors,
  formatTime,
}: EventChartProps): JSX.Element {
  const height = 170;
  // The kind names are wider than counts: the plot starts further right, so the time axis is scaled to match.
  const left = 70;
  const frame = frameOf(domain, height, left);
  const row = linearScale([-0.5, kinds.length - 0.5], [PLOT.top, height - PLOT.bottom]);
  const sorted = [...marks].sort((a, b) => a.t - b.t);
  const readout = useReadout(
    sorted.map((m) => m.t),
    frame,
  );
  const hovered = readout.index === null ? undefined : sorted[readout.index];
  return (
    <ChartFigure
      label={label}
      height={height}
      readout={readout}
      reading={hovered === undefined ? null : `${formatTime(hovered.t)}: ${hovered.label}`}
    >
      {kinds.map((k, i) => (
        <g key={k.key}>
          <line x1={left} x2={WIDTH - PLOT.right} y1={row(i)} y2={row(i)} stroke={colors.grid} />
          <text x={left - 6} y={row(i) + 4} textAnchor="end" fontSize={11} fill={colors.text}>
            {k.label}
          </text>
          <path
            d={dotsPath(
              marks.filter((m) => m.kind === k.key).map((m) => ({ x: frame.x(m.t), y: row(i) })),
              3,
            )}
            fill={k.color}
          />
        </g>
      ))}
      <TimeAxis domain={domain} frame={frame} colors={colors} formatTime={formatTime} />
    </ChartFigure>
  );
}
