// A plain table for the short lists of a detail view (rules, mounts, processes). Long lists use the virtual table.

import { useLayoutEffect, useRef, useState, type JSX, type ReactNode } from 'react';

export interface Column<T> {
  readonly header: string;
  readonly cell: (row: T) => ReactNode;
  readonly className?: string;
}

export function DataTable<T>({
  columns,
  rows,
  rowKey,
  caption,
  empty,
}: {
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T, index: number) => string;
  caption: string;
  empty: string;
}): JSX.Element {
  const scroller = useRef<HTMLDivElement>(null);
  const overflowing = useOverflowing(scroller, rows.length > 0);
  if (rows.length === 0) return <p className="muted table-empty">{empty}</p>;
  return (
    // A table wider than its column scrolls sideways; then the scroller takes focus so the keyboard can scroll it
    // (WCAG 2.1.1; axe scrollable-region-focusable).
    <div
      ref={scroller}
      className="table-scroll"
      {...(overflowing ? { tabIndex: 0, role: 'region', 'aria-label': caption } : {})}
    >
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" className={c.className}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={rowKey(row, index)}>
              {columns.map((c) => (
                <td key={c.header} className={c.className}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function KeyValues({ items }: { items: readonly (readonly [string, ReactNode])[] }): JSX.Element {
  return (
    <dl className="key-values">
      {items.map(([key, value]) => (
        <div key={key} className="kv">
          <dt>{key}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Whether the element's content is wider than the element, kept up to date as either resizes. */
function useOverflowing(ref: { readonly current: HTMLElement | null }, mounted: boolean): boolean {
  const [overflowing, setOverflowing] = useState(false);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = (): void => setOverflowing(element.scrollWidth > element.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, [ref, mounted]);
  return overflowing;
}
