import type { Severity } from '../../shared/diagnosis';

// The renderer may import only types from shared/, so the order is restated here; the Record type below makes the
// compiler reject a list that misses or invents a severity.
const RANK: Readonly<Record<Severity, number>> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

export const SEVERITY_ORDER: readonly Severity[] = (Object.keys(RANK) as Severity[]).sort(
  (a, b) => RANK[a] - RANK[b],
);

export function severityRank(severity: Severity): number {
  return RANK[severity];
}
