// The per-collection summary the timeline draws (issue 13, item 3), computed once when a collection is kept so
// the timeline never re-reads a bundle.

import type { Explanation, Finding, Severity } from '../../shared/diagnosis';
import {
  MAX_SESSION_SERIES,
  type CollectionScope,
  type NatSessionsByContainer,
  type PointSummary,
} from '../../shared/history';
import type { HostModel } from '../../shared/model';
import type { Correlation } from '../diagnosis';

export const NO_CONTAINER = '(no container)';
export const OTHER_CONTAINERS = '(other)';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/**
 * Findings and the matrix are asked for only of a full collection: a fast one lacks firewall, HNS and host
 * data, so its counts would read as trouble gone away.
 */
export function summarisePoint(
  scope: CollectionScope,
  model: HostModel,
  correlation: Correlation,
  diagnosis: () => { readonly findings: readonly Finding[]; readonly matrix: readonly Explanation[] },
): PointSummary {
  const containers = model.containers.kind === 'known' ? model.containers.value : null;
  const full = scope === 'full' ? diagnosis() : null;
  return {
    containers: containers?.length ?? null,
    runningContainers: containers === null ? null : containers.filter((c) => c.state === 'running').length,
    natSessions: model.natSessions.kind === 'known' ? model.natSessions.value.length : null,
    natSessionsByContainer:
      model.natSessions.kind === 'known'
        ? sessionsByContainer(model.natSessions.value.length, correlation)
        : null,
    findingsBySeverity: full === null ? null : countBySeverity(full.findings),
    unreachablePaths: full === null ? null : full.matrix.filter((e) => e.verdict === 'unreachable').length,
  };
}

/** The busiest containers first; the sessions of no container's address and of the rest are kept as totals. */
function sessionsByContainer(total: number, correlation: Correlation): readonly NatSessionsByContainer[] {
  const counted: NatSessionsByContainer[] = [];
  let owned = 0;
  for (const footprint of correlation.footprints.values()) {
    if (footprint.natSessions.length === 0) continue;
    counted.push({ container: footprint.container.name, sessions: footprint.natSessions.length });
    owned += footprint.natSessions.length;
  }
  counted.sort((a, b) => b.sessions - a.sessions || a.container.localeCompare(b.container));
  const shown = counted.slice(0, MAX_SESSION_SERIES);
  const rest = counted.slice(MAX_SESSION_SERIES).reduce((n, c) => n + c.sessions, 0);
  // A session whose destination two containers claim (an address conflict) counts for both: never below zero.
  const unowned = Math.max(0, total - owned);
  return [
    ...shown,
    ...(rest > 0 ? [{ container: OTHER_CONTAINERS, sessions: rest }] : []),
    ...(unowned > 0 ? [{ container: NO_CONTAINER, sessions: unowned }] : []),
  ];
}

function countBySeverity(findings: readonly Finding[]): Readonly<Record<Severity, number>> {
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}
