// Tabs as links (each tab has its own URL) with the ARIA tab pattern: arrow keys move between them.

import { useRef, type JSX, type KeyboardEvent } from 'react';

export interface TabItem {
  readonly id: string;
  readonly label: string;
  readonly href: string;
  readonly count?: number;
}

export function Tabs({
  items,
  current,
  label,
}: {
  items: readonly TabItem[];
  current: string;
  label: string;
}): JSX.Element {
  const refs = useRef<(HTMLAnchorElement | null)[]>([]);
  const onKeyDown = (event: KeyboardEvent<HTMLAnchorElement>, index: number): void => {
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % items.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + items.length) % items.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? items.length - 1
              : null;
    if (next === null) return;
    event.preventDefault();
    refs.current[next]?.focus();
    refs.current[next]?.click();
  };
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {items.map((item, index) => (
        <a
          key={item.id}
          ref={(el) => {
            refs.current[index] = el;
          }}
          id={`tab-${item.id}`}
          role="tab"
          href={item.href}
          aria-selected={item.id === current}
          aria-controls={`panel-${item.id}`}
          tabIndex={item.id === current ? 0 : -1}
          className={item.id === current ? 'tab tab-current' : 'tab'}
          onKeyDown={(e) => onKeyDown(e, index)}
        >
          {item.label}
          {item.count !== undefined && <span className="tab-count">{item.count}</span>}
        </a>
      ))}
    </div>
  );
}
