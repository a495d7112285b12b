// Which kept collections go when the history outgrows its limits (issue 13, item 2): the oldest first, until
// both the count and the size fit. The newest is always kept, so one collection larger than the size limit
// still shows the host's current state.

import type { RetentionLimits } from '../../shared/history';

export interface Retained<T> {
  readonly keep: readonly T[];
  readonly remove: readonly T[];
}

/** `items` oldest first. */
export function applyRetention<T extends { readonly bytes: number }>(
  items: readonly T[],
  limits: RetentionLimits,
): Retained<T> {
  let bytes = items.reduce((n, item) => n + item.bytes, 0);
  let first = 0;
  while (first < items.length - 1 && (items.length - first > limits.maxCount || bytes > limits.maxBytes)) {
    bytes -= items[first]!.bytes;
    first++;
  }
  return { keep: items.slice(first), remove: items.slice(0, first) };
}
