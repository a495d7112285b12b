// The container table: one row per container, everything the table sorts and filters on already flattened.

import { SEVERITIES, type Finding, type Severity } from '../../shared/diagnosis';
import type { ContainerRow, ContainersView, ReachSummary } from '../../shared/views';
import { formatPort } from '../../core/summary';
import type { Analysis } from '../analysis';

export function containersView(analysis: Analysis): ContainersView {
  const part = analysis.model.containers;
  if (part.kind === 'unknown') return { kind: 'unknown', reason: `${part.reason} (${part.source.file})` };
  const findings = analysis.findingsByContainer();
  return {
    kind: 'known',
    rows: analysis.containers.map((c) => containerRow(analysis, c.id, findings.get(c.id) ?? [])),
  };
}

function containerRow(analysis: Analysis, id: string, findings: readonly Finding[]): ContainerRow {
  const container = analysis.containerById.get(id)!;
  const inspected = analysis.inspect(id);
  return {
    id,
    name: container.name,
    image: container.image,
    state: container.state,
    isolation: inspected.isolation,
    sessionId: inspected.sessionId,
    ips: inspected.networks.flatMap((n) => (n.ip === null ? [] : [n.ip])),
    ports: container.publishedPorts.map(formatPort),
    disk: inspected.sandboxDisk
      ? `Disk ${inspected.sandboxDisk.number}`
      : inspected.isolation === 'hyperv'
        ? 'in utility VM'
        : null,
    firewallRules: inspected.firewallRules.length,
    worstSeverity: worstSeverity(findings),
    findingCount: findings.length,
    service: container.swarm?.serviceName ?? null,
    reach: analysis.reachByContainer().get(id) ?? NO_PATHS,
  };
}

/** A container with no published port has no path in the matrix. */
export const NO_PATHS: ReachSummary = { counts: { reachable: 0, unreachable: 0, unknown: 0 }, paths: [] };

export function worstSeverity(findings: readonly { readonly severity: Severity }[]): Severity | null {
  let worst: number | null = null;
  for (const f of findings) {
    const rank = SEVERITIES.indexOf(f.severity);
    if (worst === null || rank < worst) worst = rank;
  }
  return worst === null ? null : SEVERITIES[worst]!;
}
