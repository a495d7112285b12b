// Small line icons drawn inline (no icon font, nothing fetched). Decorative: the text next to them names the thing.

import type { JSX } from 'react';

export type IconName =
  | 'overview'
  | 'containers'
  | 'reach'
  | 'isolation'
  | 'topology'
  | 'sessions'
  | 'findings'
  | 'changes'
  | 'timeline'
  | 'open'
  | 'export'
  | 'pass'
  | 'fail'
  | 'unknown'
  | 'skip'
  | 'copy'
  | 'check'
  | 'chevron-left'
  | 'chevron-right'
  | 'sort-asc'
  | 'sort-desc'
  | 'collect';

const PATHS: Readonly<Record<IconName, string>> = {
  overview: 'M2 2h5v5H2zM9 2h5v5H9zM2 9h5v5H2zM9 9h5v5H9z',
  containers: 'M2 3.5h12v3H2zM2 9.5h12v3H2zM4.5 5h1M4.5 11h1',
  reach: 'M2 8h3M11 8h3M5 8a3 3 0 1 0 6 0a3 3 0 1 0-6 0M12 5.5 14 8l-2 2.5',
  isolation: 'M2 3h5v10H2zM9 3h5v10H9zM4.5 6v4M11.5 6v4',
  topology: 'M8 2v4M8 6 3.5 10M8 6l4.5 4M6 2h4v3H6zM1.5 10h4v3h-4zM10.5 10h4v3h-4z',
  sessions: 'M2 14V8M6 14V4M10 14V6M14 14V2',
  findings: 'M8 1.8 14.5 13.5h-13zM8 6v3.5M8 11.2v.3',
  changes: 'M2 5h9M8.5 2.5 11 5 8.5 7.5M14 11H5M7.5 8.5 5 11l2.5 2.5',
  timeline: 'M1.5 13.5h13M2.5 11 6 6.5l3 3 4.5-6M6 6.5v7M9 9.5v4M13.5 3.5v10',
  open: 'M1.5 4.5h4l1.5 1.5h7.5v7.5h-13z',
  export: 'M8 10V2M5 5l3-3 3 3M2.5 9.5v4h11v-4',
  pass: 'M3 8.5 6.5 12 13 4.5',
  fail: 'M4 4l8 8M12 4l-8 8',
  unknown: 'M6 6a2 2 0 1 1 2.8 1.8c-.6.3-.8.7-.8 1.4M8 11.5v.5',
  skip: 'M3 8h10',
  copy: 'M5.5 5.5h8v8h-8zM2.5 10.5v-8h8',
  check: 'M3 8.5 6.5 12 13 4.5',
  'chevron-left': 'M10 3 5 8l5 5',
  'chevron-right': 'M6 3l5 5-5 5',
  'sort-asc': 'M4 10l4-4 4 4',
  'sort-desc': 'M4 6l4 4 4-4',
  collect: 'M8 2v8M5 7l3 3 3-3M2.5 12.5h11',
};

export function Icon({
  name,
  size = 16,
  className,
}: {
  name: IconName;
  size?: number;
  className?: string;
}): JSX.Element {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      width={size}
      height={size}
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d={PATHS[name]}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
