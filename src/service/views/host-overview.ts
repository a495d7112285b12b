// Host overview: what the host is, what its build can do, what was collected and what that leaves unknown.

import { buildCapabilities } from '../../core/diagnosis';
import { summarize, type SummaryJson } from '../../core/summary';
import { probeSpec } from '../../shared/bundle';
import { SEVERITIES, type Verdict } from '../../shared/diagnosis';
import type { Container, ExcludedPortRange, HostEvent, HostModel, Known } from '../../shared/model';
import type { HostOverview, HostStateView, ProbeRow, ReservedRangeView } from '../../shared/views';
import type { Analysis } from '../analysis';

/** Names of the model's parts as an admin would say them, for "this probe leaves ... unknown". */
const PART_LABELS: Readonly<Record<string, string>> = {
  host: 'operating system and build',
  engine: 'engine settings and swarm role',
  engineVersion: 'engine version',
  containers: 'containers',
  networks: 'Docker networks',
  volumes: 'volumes',
  swarmServices: 'swarm services',
  swarmTasks: 'swarm tasks',
  swarmNodes: 'swarm nodes',
  processes: 'host processes and sessions',
  nat: 'WinNAT instances',
  natMappings: 'NAT port mappings',
  natSessions: 'live NAT sessions',
  disks: 'sandbox disks',
  vhds: 'VHD paths',
  firewallRules: 'firewall rules',
  firewallProfiles: 'firewall profiles',
  connectionProfiles: 'network categories of the interfaces',
  tcp: 'TCP listeners on the host',
  udp: 'UDP listeners on the host',
  ipAddresses: 'host IP addresses',
  adapters: 'network adapters',
  hnsNetworks: 'HNS networks',
  hnsEndpoints: 'HNS endpoints',
  hcs: 'compute systems (utility VMs)',
  daemonConfig: 'daemon.json settings',
  dockerService: 'Docker service start-up',
  portExclusions: 'reserved (excluded) port ranges',
  routes: 'IP routes',
  ipInterfaces: 'interface MTUs and metrics',
  dnsServers: 'DNS servers of the host',
  vmSwitches: 'Hyper-V virtual switches',
  services: 'state of docker, hns, vmcompute and winnat',
  events: 'recent HNS, compute and docker events',
  proxy: 'proxy settings',
  hotfixes: 'installed updates',
  computer: 'hardware and domain membership',
};

export function hostOverview(analysis: Analysis): HostOverview {
  const { model } = analysis;
  const host = model.host.kind === 'known' ? model.host.value : null;
  // The same summary `hostscope summary` prints: swarm role, counts and isolation come from one place.
  const summary = summarize(model, analysis.correlation);
  const { counts } = summary;
  const allFindings = analysis.findings();
  return {
    bundle: analysis.ref,
    host: model.host,
    engine: model.engine,
    swarmRole: summary.engine.swarm ?? 'unknown',
    capabilities: buildCapabilities(host),
    counts: [
      { label: 'Containers', value: counts.containers, view: 'containers' },
      { label: 'Running', value: counts.runningContainers, view: 'containers' },
      { label: 'Networks', value: counts.networks, view: 'topology' },
      { label: 'Swarm services', value: counts.swarmServices, view: null },
      { label: 'Host processes', value: counts.hostProcesses, view: 'sessions' },
      { label: 'Enabled inbound firewall rules', value: counts.inboundFirewallRules, view: null },
      { label: 'NAT mappings', value: counts.natMappings, view: 'topology' },
      { label: 'Findings', value: allFindings.length, view: 'findings' },
    ],
    probes: probeRows(model),
    findingsBySeverity: SEVERITIES.map((severity) => ({
      severity,
      count: allFindings.filter((f) => f.severity === severity).length,
    })),
    containersByIsolation: containersByIsolation(summary),
    hostState: hostState(model, analysis.containers),
    reach: reachOverview(analysis),
  };
}

/** The same part with its value transformed, keeping its source (or why it is unknown). */
function mapKnown<T, U>(part: Known<T>, f: (value: T) => U): Known<U> {
  return part.kind === 'known' ? { ...part, value: f(part.value) } : part;
}

/** Service control manager events about a service that failed to start or ended unexpectedly. */
const SERVICE_FAILURE_IDS: ReadonlySet<number> = new Set([7023, 7024, 7031, 7034]);

function hostState(model: HostModel, containers: readonly Container[]): HostStateView {
  return {
    services: model.services,
    // The SCM writes these to the System log; other logs reuse the ids for other things.
    serviceFailures: mapKnown(model.events, (events) =>
      events.filter((e: HostEvent) => SERVICE_FAILURE_IDS.has(e.id) && e.logName?.toLowerCase() === 'system'),
    ),
    reservedPorts: mapKnown(model.portExclusions, (p) => ({
      ranges: p.ranges.map((r) => reservedRange(r, containers)),
      dynamic: p.dynamic,
      listings: p.listings,
    })),
    proxy: model.proxy,
    computer: model.computer,
    hotfixes: model.hotfixes,
  };
}

/** A range with the host ports containers publish (or ask to publish) inside it, by protocol and family. */
function reservedRange(range: ExcludedPortRange, containers: readonly Container[]): ReservedRangeView {
  const publishedInside = containers.flatMap((c) =>
    c.publishedPorts
      .filter(
        (p) =>
          p.hostPort !== null &&
          p.protocol === range.protocol &&
          (p.hostIp?.includes(':') ? 'ipv6' : 'ipv4') === range.family &&
          p.hostPort >= range.start &&
          p.hostPort <= range.end,
      )
      .map((p) => ({ port: p.hostPort!, containerId: c.id, containerName: c.name })),
  );
  return { ...range, publishedInside };
}

/** The matrix in counts and its failing paths, unreachable before unknown (issue 11: failing ones first). */
function reachOverview(analysis: Analysis): HostOverview['reach'] {
  const counts: Record<Verdict, number> = { reachable: 0, unreachable: 0, unknown: 0 };
  const failing: HostOverview['reach']['failing'][number][] = [];
  for (const [containerId, summary] of analysis.reachByContainer()) {
    for (const verdict of ['reachable', 'unreachable', 'unknown'] as const)
      counts[verdict] += summary.counts[verdict];
    const containerName = analysis.containerById.get(containerId)?.name ?? containerId;
    for (const path of summary.paths)
      if (path.verdict !== 'reachable') failing.push({ ...path, containerId, containerName });
  }
  failing.sort((a, b) => (a.verdict === b.verdict ? 0 : a.verdict === 'unreachable' ? -1 : 1));
  return { counts, failing };
}

function probeRows(model: HostModel): readonly ProbeRow[] {
  const unknownByProbe = new Map<string, string[]>();
  for (const [key, label] of Object.entries(PART_LABELS)) {
    const part = (model as unknown as Record<string, Known<unknown> | undefined>)[key];
    if (part?.kind !== 'unknown') continue;
    const list = unknownByProbe.get(part.source.probe) ?? [];
    list.push(label);
    unknownByProbe.set(part.source.probe, list);
  }
  return model.probes.map((probe) => ({
    ...probe,
    title: probeSpec(probe.id)?.title ?? probe.id,
    leavesUnknown: unknownByProbe.get(probe.id) ?? [],
  }));
}

function containersByIsolation(summary: SummaryJson): HostOverview['containersByIsolation'] {
  const groups = new Map<string, { running: number; stopped: number }>([
    ['process', { running: 0, stopped: 0 }],
    ['hyperv', { running: 0, stopped: 0 }],
  ]);
  for (const container of summary.containers) {
    const isolation = container.isolation ?? 'unknown';
    const group = groups.get(isolation) ?? { running: 0, stopped: 0 };
    if (container.state === 'running') group.running++;
    else group.stopped++;
    groups.set(isolation, group);
  }
  return [...groups].map(([isolation, counts]) => ({ isolation, ...counts }));
}
