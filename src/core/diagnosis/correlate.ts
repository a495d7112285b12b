// Correlation: the host index (host-index.ts, built once per bundle from host-wide facts) with every container's
// footprint on the host (footprint.ts, built from that index), and the memory its explanations share.

import type { Evidence } from '../../shared/diagnosis';
import type { Container, FirewallProfileName, FirewallRule, HostModel } from '../../shared/model';
import { containerFootprints, type Footprint } from './footprint';
import type { ContainerHops } from './hops';
import { indexHost, type HostIndex } from './host-index';

export interface Correlation extends HostIndex {
  readonly footprints: ReadonlyMap<string, Footprint>;
  /** What explanations computed, kept with the correlation the open bundle's analysis owns (and dropped with it). */
  readonly cache: DiagnosisCache;
}

/** Memory shared by the explanations of one correlation: no module-level state in core. */
export interface DiagnosisCache {
  /** Hop results per container, by path and hop (the matrix asks external and localhost the same hops). */
  readonly hops: WeakMap<Footprint, ContainerHops>;
  /** A firewall rule's evidence line per profile: the same few rules stand behind thousands of explanations. */
  readonly ruleEvidence: WeakMap<FirewallRule, Map<FirewallProfileName, Evidence>>;
}

export function correlate(model: HostModel): Correlation {
  const index = indexHost(model);
  return {
    ...index,
    footprints: containerFootprints(model, index),
    cache: { hops: new WeakMap(), ruleEvidence: new WeakMap() },
  };
}

/**
 * The footprint of a container of this model; for a container the correlation does not hold, made on the spot
 * from the same host index as if it were the host's only container.
 */
export function footprintOf(model: HostModel, correlation: Correlation, container: Container): Footprint {
  const known = correlation.footprints.get(container.id);
  if (known && known.container === container) return known;
  return containerFootprints(model, { ...correlation, containers: [container] }).get(container.id)!;
}
