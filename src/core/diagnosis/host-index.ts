// The host index: what a bundle's host-wide facts are looked up by, built once per bundle (maps keyed by pid,
// session, address, port, id), so that every container's footprint and every explanation costs lookups, never a
// scan of the host's processes, rules, mappings or sessions.

import type {
  Container,
  Disk,
  DockerNetwork,
  HcsSystem,
  HostModel,
  HostProcess,
  NatSession,
  NatStaticMapping,
  SwarmService,
  TcpEndpoint,
  UdpEndpoint,
  Vhd,
} from '../../shared/model';
import { addressInEntry, bareAddress } from './addresses';
import { indexFirewallRules, isContainerInterface, type FirewallState } from './firewall';
import { indexHns, type HnsIndexes } from './hns-links';
import { listOf } from './known';
import { isListening } from './listeners';

export interface HostIndex {
  readonly containers: readonly Container[];
  readonly containerById: ReadonlyMap<string, Container>;
  /** Bare, lower-case address -> containers holding it (more than one means a conflict). */
  readonly containersByIp: ReadonlyMap<string, readonly Container[]>;
  readonly processByPid: ReadonlyMap<number, HostProcess>;
  readonly processesBySession: ReadonlyMap<number, readonly HostProcess[]>;
  /** vmwp.exe by each GUID or container id its command line holds: a utility VM's worker by lookup. */
  readonly workerByToken: ReadonlyMap<string, HostProcess>;
  /** Whether any vmwp.exe shows a command line at all (Win32_Process CommandLine collected). */
  readonly workersHaveCommandLines: boolean;
  readonly memoryProcesses: readonly HostProcess[];
  /** vmmem by its parent PID and by the GUIDs its command line holds: a lookup per container, not a scan. */
  readonly memoryByParent: ReadonlyMap<number, HostProcess>;
  readonly memoryByToken: ReadonlyMap<string, HostProcess>;
  /** hcsdiag's compute systems by lower-case id. */
  readonly hcsById: ReadonlyMap<string, HcsSystem>;
  /** Disks by the normalized folder of their Location, by number; VHDs by the folder of their path. */
  readonly diskByDir: ReadonlyMap<string, Disk>;
  readonly diskByNumber: ReadonlyMap<number, Disk>;
  readonly vhdByDir: ReadonlyMap<string, Vhd>;
  /** Virtual disks without a Location: a sandbox may be among them where Get-VHD was not collected. */
  readonly disksWithoutLocation: number;
  /** `tcp/9000` -> static mappings with that external port. */
  readonly natMappingsByExternalPort: ReadonlyMap<string, readonly NatStaticMapping[]>;
  readonly natMappingsByInternalIp: ReadonlyMap<string, readonly NatStaticMapping[]>;
  readonly natSessionsByDestination: ReadonlyMap<string, readonly NatSession[]>;
  /**
   * Whether WinNAT holds Docker's mappings at all: a static mapping points at a container or into a nat
   * network's subnet. On 2019 and later WinNAT may be empty while NAT works (knowledge notes section 10).
   */
  readonly winNatHoldsDocker: boolean;
  /** Listening TCP endpoints by local port. */
  readonly tcpListenersByPort: ReadonlyMap<number, readonly TcpEndpoint[]>;
  readonly udpByPort: ReadonlyMap<number, readonly UdpEndpoint[]>;
  readonly networkById: ReadonlyMap<string, DockerNetwork>;
  readonly networkByName: ReadonlyMap<string, DockerNetwork>;
  /** Lower-case docker network names, to tell container adapters from the host's own. */
  readonly networkNames: ReadonlySet<string>;
  readonly serviceByName: ReadonlyMap<string, SwarmService>;
  readonly serviceById: ReadonlyMap<string, SwarmService>;
  /** The host's own addresses (not container adapters, not loopback); null where not collected. */
  readonly hostAddresses: readonly string[] | null;
  /** The host's own IPv4 networks (`10.0.0.0/24`): where a client on the LAN comes from; null where unknown. */
  readonly lanNetworks: readonly string[] | null;
  readonly firewall: FirewallState;
  /** HNS endpoints by address, HNS networks by id and behind each Docker network, vSwitches by id and name. */
  readonly hns: HnsIndexes;
}

function groupBy<K, V>(items: Iterable<V>, key: (item: V) => K | null): Map<K, V[]> {
  const map = new Map<K, V[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/**
 * Items grouped by their address made bare (bareAddress), skipping items without one. Grouped by the address as
 * written first, so each distinct address is made bare once (NAT sessions run to hundreds of thousands, to a few
 * hundred destinations); where two spellings meet in one bare address, the items are grouped again one by one so
 * that each group keeps the items' order.
 */
function groupByAddress<V>(items: readonly V[], address: (item: V) => string | null): Map<string, V[]> {
  const written = groupBy(items, (item) => address(item) || null);
  const bare = new Map<string, V[]>();
  for (const [text, group] of written) {
    const key = bareAddress(text);
    if (bare.has(key))
      return groupBy(items, (item) => {
        const one = address(item);
        return one ? bareAddress(one) : null;
      });
    bare.set(key, group);
  }
  return bare;
}

/** Windows paths compare case-insensitively, with either slash, without the `\\?\` prefix or a trailing slash. */
export function normalizeWindowsPath(path: string): string {
  return path
    .trim()
    .replace(/\//g, '\\')
    .replace(/^\\\\\?\\/, '')
    .replace(/\\{2,}/g, '\\')
    .replace(/\\$/, '')
    .toLowerCase();
}

function parentDir(path: string): string {
  const normal = normalizeWindowsPath(path);
  const cut = normal.lastIndexOf('\\');
  return cut === -1 ? normal : normal.slice(0, cut);
}

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const CONTAINER_ID = /[0-9a-f]{64}/gi;
const VMMEM = /^vmmem(\.exe)?$/i;
const VMWP = /^vmwp(\.exe)?$/i;

/** Driver of each network the container is on, from docker/networks.json, or `nat` for the network named nat. */
export function networkDrivers(
  c: Container,
  byId: ReadonlyMap<string, DockerNetwork>,
  byName: ReadonlyMap<string, DockerNetwork>,
): string[] {
  return c.networks.map((n) => {
    const network = dockerNetworkOf(n, byId, byName);
    return (network?.driver ?? (n.name.toLowerCase() === 'nat' ? 'nat' : 'unknown')).toLowerCase();
  });
}

/** The docker/networks.json entry of one of a container's networks: by its NetworkID, else by name. */
export function dockerNetworkOf(
  n: Container['networks'][number],
  byId: ReadonlyMap<string, DockerNetwork>,
  byName: ReadonlyMap<string, DockerNetwork>,
): DockerNetwork | undefined {
  return (n.networkId ? byId.get(n.networkId.toLowerCase()) : undefined) ?? byName.get(n.name.toLowerCase());
}

export function indexHost(model: HostModel): HostIndex {
  const containers = listOf(model.containers);
  const processes = listOf(model.processes);
  const networks = listOf(model.networks);
  const services = listOf(model.swarmServices);

  const containerById = new Map<string, Container>();
  const containersByIp = new Map<string, Container[]>();
  for (const c of containers) {
    containerById.set(c.id.toLowerCase(), c);
    for (const n of c.networks) {
      for (const ip of [n.ip, n.ipv6]) {
        if (!ip) continue;
        const key = bareAddress(ip);
        const list = containersByIp.get(key);
        // Containers are visited one at a time: a repeat can only be the last entry (no scan of the list).
        if (!list) containersByIp.set(key, [c]);
        else if (list[list.length - 1] !== c) list.push(c);
      }
    }
  }

  // One pass over the processes: by PID, by session, and the utility VMs' workers and memory processes.
  const processByPid = new Map<number, HostProcess>();
  const processesBySession = new Map<number, HostProcess[]>();
  const workerByToken = new Map<string, HostProcess>();
  let workersHaveCommandLines = false;
  const memoryProcesses: HostProcess[] = [];
  const memoryByParent = new Map<number, HostProcess>();
  const memoryByToken = new Map<string, HostProcess>();
  for (const p of processes) {
    processByPid.set(p.pid, p);
    if (p.sessionId !== null) {
      const inSession = processesBySession.get(p.sessionId);
      if (inSession) inSession.push(p);
      else processesBySession.set(p.sessionId, [p]);
    }
    // Only vmmem and vmwp matter below: a first-letter test spares the regexes for every other process.
    const first = p.name.charCodeAt(0) | 0x20;
    if (first !== 0x76 /* v */) continue;
    if (VMMEM.test(p.name)) {
      memoryProcesses.push(p);
      if (p.parentPid !== null && !memoryByParent.has(p.parentPid)) memoryByParent.set(p.parentPid, p);
      for (const token of (p.commandLine ?? '').matchAll(GUID)) {
        const key = token[0].toLowerCase();
        if (!memoryByToken.has(key)) memoryByToken.set(key, p);
      }
    }
    if (!VMWP.test(p.name) || !p.commandLine) continue;
    workersHaveCommandLines = true;
    for (const token of [...p.commandLine.matchAll(GUID), ...p.commandLine.matchAll(CONTAINER_ID)])
      workerByToken.set(token[0].toLowerCase(), p);
  }

  const mappings = listOf(model.natMappings);
  const natMappingsByExternalPort = groupBy(mappings, (m) =>
    m.protocol === 'other' ? null : `${m.protocol}/${m.externalPort}`,
  );
  const natMappingsByInternalIp = groupBy(mappings, (m) => bareAddress(m.internalIp));
  const natSessionsByDestination = groupByAddress(
    listOf(model.natSessions),
    (s) => s.internalDestinationAddress,
  );
  const natSubnets = networks.filter((n) => n.driver.toLowerCase() === 'nat').flatMap((n) => n.subnets);
  const winNatHoldsDocker = mappings.some(
    (m) =>
      containersByIp.has(bareAddress(m.internalIp)) ||
      natSubnets.some((subnet) => addressInEntry(bareAddress(m.internalIp), subnet.trim()) === true),
  );
  // Hosts hold tens of thousands of endpoints in a handful of states: each state is judged once.
  const listeningState = new Map<string | null, boolean>();
  const tcpListenersByPort = groupBy(listOf(model.tcp), (t) => {
    let listening = listeningState.get(t.state);
    if (listening === undefined) {
      listening = isListening({ protocol: 'tcp', state: t.state });
      listeningState.set(t.state, listening);
    }
    return listening ? t.localPort : null;
  });
  const udpByPort = groupBy(listOf(model.udp), (u) => u.localPort);
  const networkById = new Map(networks.map((n) => [n.id.toLowerCase(), n]));
  const networkByName = new Map(networks.map((n) => [n.name.toLowerCase(), n]));
  const networkNames = new Set(networkByName.keys());
  for (const c of containers) for (const n of c.networks) networkNames.add(n.name.toLowerCase());
  const own =
    model.ipAddresses.kind === 'known'
      ? model.ipAddresses.value.filter(
          (a) =>
            !(a.interfaceAlias && isContainerInterface(a.interfaceAlias, networkNames)) &&
            !/^(127\.|::1$)/.test(a.ipAddress),
        )
      : null;
  const hostAddresses = own?.map((a) => bareAddress(a.ipAddress)) ?? null;
  const lan =
    own
      ?.filter((a) => a.family === 'ipv4' && a.prefixLength !== null && !a.ipAddress.startsWith('169.254.'))
      .map((a) => `${bareAddress(a.ipAddress)}/${a.prefixLength}`) ?? [];

  const disks = listOf(model.disks);
  const diskByDir = new Map<string, Disk>();
  const diskByNumber = new Map<number, Disk>();
  let disksWithoutLocation = 0;
  for (const d of disks) {
    diskByNumber.set(d.number, d);
    if (d.location) diskByDir.set(parentDir(d.location), d);
    else if (/virtual|^15$/i.test(d.busType ?? '')) disksWithoutLocation++;
  }

  return {
    containers,
    containerById,
    containersByIp,
    processByPid,
    processesBySession,
    workerByToken,
    workersHaveCommandLines,
    memoryProcesses,
    memoryByParent,
    memoryByToken,
    hcsById: new Map(listOf(model.hcs).map((h) => [h.id.toLowerCase(), h])),
    diskByDir,
    diskByNumber,
    vhdByDir: new Map(listOf(model.vhds).map((v) => [parentDir(v.path), v])),
    disksWithoutLocation,
    natMappingsByExternalPort,
    natMappingsByInternalIp,
    natSessionsByDestination,
    winNatHoldsDocker,
    tcpListenersByPort,
    udpByPort,
    networkById,
    networkByName,
    networkNames,
    serviceByName: new Map(services.map((s) => [s.name, s])),
    serviceById: new Map(services.map((s) => [s.id, s])),
    hostAddresses,
    lanNetworks: lan.length > 0 ? lan : null,
    firewall: {
      rules: model.firewallRules,
      profiles: model.firewallProfiles,
      index: indexFirewallRules(listOf(model.firewallRules)),
    },
    hns: indexHns(model, networks),
  };
}
