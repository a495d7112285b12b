// Aligned text tables that fit a width (100 columns by default): the widest columns give way first.
import { safeText, type Style } from './style';

export interface Column<R> {
  readonly header: string;
  readonly value: (row: R) => string;
  /** Colour for a cell, applied after alignment so widths stay right. */
  readonly paint?: (row: R, style: Style) => (s: string) => string;
  readonly align?: 'left' | 'right';
  /** Never narrowed below this. */
  readonly min?: number;
}

const ELLIPSIS = '…';

function fit(text: string, width: number): string {
  return text.length <= width
    ? text
    : width <= 1
      ? ELLIPSIS.slice(0, width)
      : text.slice(0, width - 1) + ELLIPSIS;
}

export function table<R>(
  rows: readonly R[],
  columns: readonly Column<R>[],
  style: Style,
  width = 100,
): string {
  const cells = rows.map((row) => columns.map((c) => safeText(c.value(row)).replace(/\s*\n\s*/g, ' ')));
  // A loop, not Math.max(...cells): spreading 150,000 rows into arguments overflows the stack (issue 17, defect 8).
  const widths = columns.map((c) => c.header.length);
  for (const row of cells)
    for (let i = 0; i < row.length; i++) widths[i] = Math.max(widths[i]!, row[i]!.length);
  const gap = 2;
  const total = (): number => widths.reduce((a, b) => a + b, 0) + gap * (columns.length - 1);
  while (total() > width) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) {
      const floor = Math.max(columns[i]!.min ?? 6, Math.min(columns[i]!.header.length, 10));
      if (widths[i]! > floor && (widest === -1 || widths[i]! > widths[widest]!)) widest = i;
    }
    if (widest === -1) break;
    widths[widest] = widths[widest]! - 1;
  }
  const line = (values: readonly string[], paint?: (i: number, s: string) => string): string =>
    values
      .map((v, i) => {
        const text = fit(v, widths[i]!);
        const padded = columns[i]!.align === 'right' ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
        return paint ? paint(i, padded) : padded;
      })
      .join(' '.repeat(gap))
      .trimEnd();
  const header = line(
    columns.map((c) => c.header),
    (_, s) => style.bold(s),
  );
  const body = cells.map((values, r) => line(values, (i, s) => columns[i]!.paint?.(rows[r]!, style)(s) ?? s));
  return [header, ...body].join('\n');
}
