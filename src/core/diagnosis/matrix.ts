// Every container x every published port x every applicable source: the reachability table reports and the
// app show. Linear in the host: one explanation per (container, port, source), all sharing one correlation.
// Outbound rows (issue 10) ask, for every running container, what it can reach: the internet, host services, peers.

import type { Explanation, ReachSource } from '../../shared/diagnosis';
import type { HostModel } from '../../shared/model';
import { correlate, type Correlation } from './correlate';
import type { Footprint } from './footprint';
import { explain } from './explain';
import { explainOutbound } from './outbound';

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
        out.push(
          explain(
            model,
            { container: fp.container, source: { kind }, port: p.hostPort, protocol: p.protocol },
            correlation,
          ),
        );
    }
    const key = `${p.protocol}/${p.containerPort}`;
    if (seenContainerPorts.has(key)) continue;
    seenContainerPorts.add(key);
    const inner: ReachSource[] = [
      { kind: 'host' },
      ...(peer ? [{ kind: 'container', ref: peer.container.id } as const] : []),
    ];
    for (const source of inner)
      out.push(
        explain(
          model,
          { container: fp.container, source, port: p.containerPort, protocol: p.protocol },
          correlation,
        ),
      );
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

/** What the outbound rows ask of the internet: HTTPS, what a container most often needs out there. */
export const INTERNET_PORT = 443;
/** Host services asked about per container, lowest ports first: enough to show the pattern, bounded per host. */
const MAX_HOST_SERVICES = 5;
/** Other containers asked about per sender: the rows sample the shared networks, they do not list every pair. */
const MAX_PEERS = 3;

/**
 * Windows' own listeners (RPC, SMB, WinRM, the dynamic RPC endpoints) are not services containers are meant to use,
 * and the engine's API is the subject of docker-api-unencrypted (failure catalogue 17): none is asked about.
 */
const NOT_A_HOST_SERVICE = new Set([
  'system',
  'idle',
  'svchost',
  'lsass',
  'wininit',
  'services',
  'spoolsv',
  'smss',
  'csrss',
  'winlogon',
  'dockerd',
  'docker',
  'com.docker.backend',
  'com.docker.service',
]);

/**
 * The host's own services a container may call (failure catalogue 15: "my container can't reach SQL Server / an API
 * on the host"): TCP ports the host listens on, by a known process that is neither Windows' own nor a container's.
 */
function hostServicePorts(correlation: Correlation): readonly number[] {
  const inContainers = new Set<number>();
  for (const fp of correlation.footprints.values()) for (const p of fp.hostProcesses) inContainers.add(p.pid);
  const ports: number[] = [];
  for (const [port, endpoints] of correlation.tcpListenersByPort) {
    const service = endpoints.some((e) => {
      if (e.owningProcess === null || inContainers.has(e.owningProcess)) return false;
      const process = correlation.processByPid.get(e.owningProcess);
      return (
        process !== undefined && !NOT_A_HOST_SERVICE.has(process.name.toLowerCase().replace(/\.exe$/, ''))
      );
    });
    if (service) ports.push(port);
  }
  return ports.sort((a, b) => a - b).slice(0, MAX_HOST_SERVICES);
}

/**
 * The outbound question for every running container on a network (diagnosis contract, section 4): the internet on
 * {@link INTERNET_PORT}, each host service, and the ports other containers on a shared network publish or expose
 * (up to {@link MAX_PEERS}). A container pair the inbound matrix already answers is left to it, so a failing path is
 * counted once.
 */
export function outboundMatrix(
  model: HostModel,
  correlation: Correlation = correlate(model),
  inbound: readonly Explanation[] = reachabilityMatrix(model, correlation),
): readonly Explanation[] {
  const answered = new Set(
    inbound
      .filter((e) => e.from.startsWith('container:'))
      .map((e) => `${e.from.slice('container:'.length)}>${e.container.id}:${e.port}/${e.protocol}`),
  );
  const hostPorts = hostServicePorts(correlation);
  const members = new Map<string, Footprint[]>();
  for (const fp of correlation.footprints.values()) {
    if (!fp.running) continue;
    for (const n of fp.container.networks) {
      const key = n.networkId ?? n.name;
      const list = members.get(key);
      // Enough members to find MAX_PEERS others for anyone on the network, whatever its size.
      if (!list) members.set(key, [fp]);
      else if (list.length <= MAX_PEERS) list.push(fp);
    }
  }
  const out: Explanation[] = [];
  for (const fp of correlation.footprints.values()) {
    // `--network none` asks for no network: what it cannot reach is by design, not a problem to list.
    if (!fp.running || fp.container.networkMode === 'none') continue;
    const c = fp.container;
    out.push(
      explainOutbound(
        model,
        { container: c, target: { kind: 'internet' }, port: INTERNET_PORT, protocol: 'tcp' },
        correlation,
      ),
    );
    for (const port of hostPorts)
      out.push(
        explainOutbound(
          model,
          { container: c, target: { kind: 'host' }, port, protocol: 'tcp' },
          correlation,
        ),
      );
    const peers: Footprint[] = [];
    for (const n of c.networks)
      for (const other of members.get(n.networkId ?? n.name) ?? [])
        if (other !== fp && !peers.includes(other) && peers.length < MAX_PEERS) peers.push(other);
    for (const peer of peers) {
      const served = new Set<string>();
      for (const p of peer.container.publishedPorts) {
        const key = `${p.containerPort}/${p.protocol}`;
        if (served.has(key) || answered.has(`${c.id}>${peer.container.id}:${key}`)) continue;
        served.add(key);
        out.push(
          explainOutbound(
            model,
            {
              container: c,
              target: { kind: 'container', ref: peer.container.id },
              port: p.containerPort,
              protocol: p.protocol,
            },
            correlation,
          ),
        );
      }
    }
  }
  return out;
}
