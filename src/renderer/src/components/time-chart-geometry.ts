// Geometry of the timeline's charts (issue 13, item 3): pure so it is tested without a page. A week of history
// is drawn as one SVG path per series rather than one element per point, which keeps a redraw far below 50 ms.

export type Scale = (value: number) => number;

/** Maps `domain` linearly onto `range`; a zero-width domain maps to the start of the range. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const span = domain[1] - domain[0];
  const factor = span === 0 ? 0 : (range[1] - range[0]) / span;
  return (value) => range[0] + (value - domain[0]) * factor;
}

/** Whole-number ticks from 0 to at least `max`, at most `count + 1` of them (counts are whole numbers). */
export function countTicks(max: number, count = 4): readonly number[] {
  const top = Math.max(1, Math.ceil(max));
  const raw = top / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? magnitude * 10);
  const ticks: number[] = [];
  for (let v = 0; v < top + step; v += step) ticks.push(v);
  return ticks;
}

/** `count` evenly spaced instants across the domain, both ends included. */
export function timeTicks(domain: readonly [number, number], count = 5): readonly number[] {
  if (domain[1] <= domain[0]) return [domain[0]];
  return Array.from({ length: count }, (_, i) => domain[0] + ((domain[1] - domain[0]) * i) / (count - 1));
}

export interface Span {
  /** Start of the span, ms since the epoch. */
  readonly t: number;
  readonly range: readonly [number, number] | undefined;
}

/**
 * The band of a series, one rectangle per span from its lowest to its highest value (a span of equal min and
 * max is a line). A span runs until the next span starts, the last one until `end`; spans without a value
 * leave a gap rather than a fake zero.
 */
export function bandPath(spans: readonly Span[], end: number, x: Scale, y: Scale): string {
  const parts: string[] = [];
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i]!;
    if (span.range === undefined) continue;
    const x0 = round(x(span.t));
    const x1 = round(x(spans[i + 1]?.t ?? end));
    const top = round(y(span.range[1]));
    const low = round(y(span.range[0]));
    // At least one unit tall so a steady value still shows.
    const bottom = Math.max(low, top + 1);
    parts.push(`M${x0} ${top}H${x1}V${bottom}H${x0}Z`);
  }
  return parts.join('');
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** One dot per instant, all in one path: a thousand event marks stay one element. */
export function dotsPath(
  points: readonly { readonly x: number; readonly y: number }[],
  radius: number,
): string {
  const d = round(radius * 2);
  return points
    .map(
      (p) =>
        `M${round(p.x - radius)} ${round(p.y)}a${radius} ${radius} 0 1 0 ${d} 0a${radius} ${radius} 0 1 0 ${-d} 0`,
    )
    .join('');
}

/** Index of the last span starting at or before `t` (spans sorted by start), -1 before the first. */
export function spanAt(starts: readonly number[], t: number): number {
  let low = 0;
  let high = starts.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (starts[mid]! <= t) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}
