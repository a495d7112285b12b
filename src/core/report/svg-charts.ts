// Inline SVG charts for the HTML report: drawn from numbers, no script, no font or image to fetch, crisp in print.
import { escapeHtml } from './escape';

export interface ChartBar {
  readonly label: string;
  readonly value: number;
  /** A CSS colour; the report passes its palette. */
  readonly color: string;
}

const ROW = 22;
const LABEL_WIDTH = 80;
const BAR_WIDTH = 200;
const VALUE_WIDTH = 40;

/** Horizontal bars, one per row, scaled to the largest value; a zero draws a hairline so the row still reads. */
export function barChart(title: string, bars: readonly ChartBar[]): string {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH;
  const height = bars.length * ROW + 4;
  const rows = bars
    .map((bar, i) => {
      const y = i * ROW + 2;
      const w = bar.value === 0 ? 1 : Math.max(2, Math.round((bar.value / max) * BAR_WIDTH));
      return (
        `<text x="${LABEL_WIDTH - 8}" y="${y + 15}" text-anchor="end">${escapeHtml(bar.label)}</text>` +
        `<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${w}" height="${ROW - 6}" fill="${escapeHtml(bar.color)}" rx="2"/>` +
        `<text x="${LABEL_WIDTH + w + 6}" y="${y + 15}">${bar.value}</text>`
      );
    })
    .join('');
  return (
    `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<title>${escapeHtml(title)}</title>${rows}</svg>`
  );
}

/** One bar split into segments (e.g. verdicts), with a legend underneath. */
export function stackedBar(title: string, segments: readonly ChartBar[]): string {
  const total = segments.reduce((sum, s) => sum + s.value, 0);
  const width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH;
  let x = 0;
  const parts =
    total === 0
      ? `<rect x="0" y="0" width="${width}" height="18" fill="#e5e7eb" rx="2"/>`
      : segments
          .filter((s) => s.value > 0)
          .map((s) => {
            const w = (s.value / total) * width;
            const rect = `<rect x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="18" fill="${escapeHtml(s.color)}"/>`;
            x += w;
            return rect;
          })
          .join('');
  // Each legend entry as wide as its words (about 7 px a character at 12 px), so long labels never overlap.
  let lx = 0;
  const legend = segments
    .map((s) => {
      const text = `${s.label} ${s.value}`;
      const entry = `<rect x="${lx}" y="28" width="10" height="10" fill="${escapeHtml(s.color)}"/><text x="${lx + 14}" y="37">${escapeHtml(text)}</text>`;
      lx += 14 + text.length * 7 + 16;
      return entry;
    })
    .join('');
  const legendWidth = Math.max(width, lx);
  return (
    `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${legendWidth} 44" width="${legendWidth}" height="44" xmlns="http://www.w3.org/2000/svg">` +
    `<title>${escapeHtml(title)}</title>${parts}${legend}</svg>`
  );
}
