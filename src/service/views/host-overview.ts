// Host overview: what the host is, what its build can do, what was collected and what that leaves unknown.

import { buildCapabilities } from '../../core/diagnosis';
import { probeSpec } from '../../shared/bundle';
import { SEVERITIES } from '../../shared/diagnosis';
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
  const engine = model.engine.kind === 'known' ? model.engine.value : null;
  const allFindings = analysis.findings();
  return {
    bundle: analysis.ref,
    host: model.host,
    engine: model.engine,
    swarmRole: swarmRole(engine?.swarm ?? null),
    capabilities: buildCapabilities(host),
    counts: [
      { label: 'Containers', value: countOf(model.containers), view: 'containers' },
      {
        label: 'Running',
        value:
          model.containers.kind === 'known'
            ? model.containers.value.filter((c) => c.state === 'running').length
            : null,
        view: 'containers',
      },
      { label: 'Networks', value: countOf(model.networks), view: 'topology' },
      { label: 'Swarm services', value: countOf(model.swarmServices), view: null },
      { label: 'Host processes', value: countOf(model.processes), view: 'sessions' },
      { label: 'Firewall rules', value: countOf(model.firewallRules), view: null },
      { label: 'NAT mappings', value: countOf(model.natMappings), view: 'topology' },
      { label: 'Findings', value: allFindings.length, view: 'findings' },
    ],
    probes: probeRows(model),
    findingsBySeverity: SEVERITIES.map((severity) => ({
      severity,
      count: allFindings.filter((f) => f.severity === severity).length,
    })),
    containersByIsolation: containersByIsolation(analysis),
    hostState: hostState(model, analysis.containers),
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

function countOf(part: Known<readonly unknown[]>): number | null {
  return part.kind === 'known' ? part.value.length : null;
}

function swarmRole(
  swarm: { readonly localNodeState: string | null; readonly isManager: boolean } | null,
): string {
  if (swarm === null || swarm.localNodeState === null) return 'unknown';
  if (swarm.localNodeState === 'active') return swarm.isManager ? 'manager' : 'worker';
  if (swarm.localNodeState === 'inactive') return 'not in a swarm';
  return swarm.localNodeState;
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

function containersByIsolation(analysis: Analysis): HostOverview['containersByIsolation'] {
  const groups = new Map<string, { running: number; stopped: number }>([
    ['process', { running: 0, stopped: 0 }],
    ['hyperv', { running: 0, stopped: 0 }],
  ]);
  for (const container of analysis.containers) {
    const isolation = analysis.inspect(container.id).isolation ?? 'unknown';
    const group = groups.get(isolation) ?? { running: 0, stopped: 0 };
    if (container.state === 'running') group.running++;
    else group.stopped++;
    groups.set(isolation, group);
  }
  return [...groups].map(([isolation, counts]) => ({ isolation, ...counts }));
}
