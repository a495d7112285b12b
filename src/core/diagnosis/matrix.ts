// Every container x every published port x every applicable source: the reachability table reports and the
// app show. Linear in the host: one explanation per (container, port, source), all sharing one correlation.

import type { Explanation, ReachSource } from '../../shared/diagnosis';
import type { HostModel } from '../../shared/model';
import { correlate, type Correlation, type Footprint } from './correlate';
import { explain } from './explain';

/** A running container sharing a network with this one, to stand for "another container". */
function peerOf(fp: Footprint, byNetwork: ReadonlyMap<string, readonly Footprint[]>): Footprint | null {
  for (const n of fp.container.networks) {
    for (const other of byNetwork.get(n.networkId ?? n.name) ?? []) if (other !== fp) return other;
  }
  return null;
}

/** Running containers by network (two per network are enough to find a peer for anyone on it). */
function runningByNetwork(correlation: Correlation): Map<string, Footprint[]> {
  const byNetwork = new Map<string, Footprint[]>();
  for (const fp of correlation.footprints.values()) {
    if (!fp.running) continue;
    for (const n of fp.container.networks) {
      const key = n.networkId ?? n.name;
      const list = byNetwork.get(key);
      if (!list) byNetwork.set(key, [fp]);
      else if (list.length < 2) list.push(fp);
    }
  }
  return byNetwork;
}

/** One container's rows of the matrix. */
function rowsOf(
  model: HostModel,
  fp: Footprint,
  peer: Footprint | null,
  correlation: Correlation,
  out: Explanation[],
): void {
  const seenContainerPorts = new Set<string>();
  for (const p of fp.publications) {
    if (p.hostPort !== null) {
      for (const kind of ['external', 'host-localhost'] as const)
        out.push(explain(model, fp.container, { kind }, p.hostPort, p.protocol, correlation));
    }
    const key = `${p.protocol}/${p.containerPort}`;
    if (seenContainerPorts.has(key)) continue;
    seenContainerPorts.add(key);
    const inner: ReachSource[] = [
      { kind: 'host' },
      ...(peer ? [{ kind: 'container', ref: peer.container.id } as const] : []),
    ];
    for (const source of inner)
      out.push(explain(model, fp.container, source, p.containerPort, p.protocol, correlation));
  }
}

/**
 * For each published port: `external` and `host-localhost` on the host port, `host` on the container port,
 * and `container:<peer>` from one running container on a shared network, where there is one.
 */
export function reachabilityMatrix(
  model: HostModel,
  correlation: Correlation = correlate(model),
): readonly Explanation[] {
  const byNetwork = runningByNetwork(correlation);
  const out: Explanation[] = [];
  for (const fp of correlation.footprints.values())
    rowsOf(model, fp, peerOf(fp, byNetwork), correlation, out);
  return out;
}

/** The matrix rows of one container only (the what-if of issue 16 compares them before and after). */
export function containerMatrix(
  model: HostModel,
  containerId: string,
  correlation: Correlation = correlate(model),
): readonly Explanation[] {
  const fp = correlation.footprints.get(containerId);
  if (!fp) return [];
  const out: Explanation[] = [];
  rowsOf(model, fp, peerOf(fp, runningByNetwork(correlation)), correlation, out);
  return out;
}
