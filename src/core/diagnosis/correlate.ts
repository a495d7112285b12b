// Correlation: every container with its footprint on the host, computed once through indexes (maps keyed by
// pid, session, ip, port, id) so that the whole host costs one pass over each part, never a nested scan.

import type { Evidence } from '../../shared/diagnosis';
import type { ContainerHops } from './hops';
import type {
  Container,
  Disk,
  DockerNetwork,
  FirewallProfileName,
  FirewallRule,
  HcsSystem,
  HnsNatPolicy,
  HostModel,
  HostsEntry,
  HostProcess,
  Isolation,
  NatSession,
  NatStaticMapping,
  SwarmService,
  TcpEndpoint,
  UdpEndpoint,
  Vhd,
} from '../../shared/model';
import { toIsolation } from '../parse/docker';
import { addressInEntry, bareAddress } from './addresses';
import { indexFirewallRules, isContainerInterface, type FirewallState } from './firewall';
import {
  attachmentsOf,
  containerDns,
  hnsPublicationsOf,
  indexHns,
  type HnsIndexes,
  type HnsPublication,
  type NetworkAttachment,
} from './hns-links';
import { evidenceFrom, listOf, missingNote } from './known';
import { isListening } from './listeners';

/** A fact about a container: found (with evidence), looked for and absent, unknown (probe missing), or not applicable. */
export type Determined<T> =
  | {
      readonly kind: 'found';
      readonly value: T;
      readonly evidence: readonly Evidence[];
      readonly note?: string;
    }
  | { readonly kind: 'absent'; readonly reason: string; readonly evidence: readonly Evidence[] }
  | { readonly kind: 'unknown'; readonly reason: string }
  | { readonly kind: 'not-applicable'; readonly reason: string };

export interface ResolvedIsolation {
  readonly value: Isolation | null;
  /** Where it was read: the container's HostConfig, or the engine default it fell back to. */
  readonly from: 'container' | 'engine-default' | null;
  readonly evidence: readonly Evidence[];
  readonly note: string | null;
}

export interface SessionFootprint {
  readonly sessionId: number;
  /** PIDs of `docker top` found among host processes. */
  readonly matchedPids: readonly number[];
  /** CExecSvc.exe in that session, the mark of a container session (Windows-Containers#254). */
  readonly marker: HostProcess | null;
}

export interface UtilityVm {
  readonly worker: HostProcess;
  readonly memory: HostProcess | null;
  readonly vmGuid: string | null;
  readonly via: 'hcsdiag' | 'command-line';
}

export interface SandboxDisk {
  readonly disk: Disk;
  readonly location: string;
  readonly via: 'location' | 'vhd';
}

export type PublishMode = 'nat' | 'ingress' | 'host' | 'transparent' | 'other';

/** One way a container port is offered on the host: a container publication or a swarm service port. */
export interface Publication {
  readonly containerPort: number;
  readonly protocol: 'tcp' | 'udp';
  readonly hostIp: string | null;
  readonly hostPort: number | null;
  /** A host port range as the container asked for it (`hostPort` is its first port); absent for one port. */
  readonly hostPortRange?: { readonly start: number; readonly end: number };
  readonly mode: PublishMode;
  readonly origin: 'container' | 'service';
  /** For a container's own binding: whether Docker shows it live (NetworkSettings.Ports) or only as requested. */
  readonly live: boolean;
  readonly evidence: Evidence;
}

/**
 * A binding the Windows NAT driver refuses: a host IP other than 0.0.0.0 / :: ("Windows does not support host IP
 * addresses in NAT settings") or a host port range ("Windows does not support more than one host port in NAT
 * settings"); the container does not start (knowledge notes section 10; failure catalogue 36).
 */
export function refusedByNat(p: Publication): boolean {
  return (
    p.origin === 'container' &&
    (p.mode === 'nat' || p.mode === 'host') &&
    (p.hostPortRange !== undefined || namesHostIp(p))
  );
}

/** A binding to one host address rather than all of them (0.0.0.0 / ::). */
export function namesHostIp(p: { readonly hostIp: string | null }): boolean {
  return p.hostIp !== null && !/^(|0\.0\.0\.0|::|\[::\])$/.test(p.hostIp.trim());
}

/** Whether the binding asks for this host port: its one port, or any port of its range. */
export function coversHostPort(p: Publication, port: number): boolean {
  return p.hostPortRange ? port >= p.hostPortRange.start && port <= p.hostPortRange.end : p.hostPort === port;
}

/** `8080` or `8080-8090`: the host side of a binding as Docker holds it. */
export function hostPortText(p: {
  readonly hostPort: number | null;
  readonly hostPortRange?: { readonly start: number; readonly end: number };
}): string {
  return p.hostPortRange ? `${p.hostPortRange.start}-${p.hostPortRange.end}` : `${p.hostPort ?? '?'}`;
}

export interface Footprint {
  readonly container: Container;
  readonly running: boolean;
  readonly isolation: ResolvedIsolation;
  readonly session: Determined<SessionFootprint>;
  /** Every host process of the container's session (process isolation). */
  readonly hostProcesses: readonly HostProcess[];
  readonly utilityVm: Determined<UtilityVm>;
  readonly sandboxDisk: Determined<SandboxDisk>;
  /** The container's addresses on its networks, bare and lower-case. */
  readonly ips: readonly string[];
  readonly publications: readonly Publication[];
  readonly natMappings: readonly NatStaticMapping[];
  readonly natSessions: readonly NatSession[];
  /** Inbound rules naming one of its ports, host side or container side, enabled or not (the first MAX_RULES_LISTED). */
  readonly firewallRules: readonly FirewallRule[];
  /** How many rules name its ports in all: rules match by port, so containers on the same port share them (Windows-Containers#561). */
  readonly firewallRulesTotal: number;
  /** Bundle 1.1: each of its Docker networks with the HNS network, endpoint, NAT policies and vSwitch behind it. */
  readonly attachments: readonly NetworkAttachment[];
  /**
   * The ports HNS publishes for it (its endpoints' NAT policies), kept beside `publications` (Docker's word) so
   * the two can be compared (knowledge notes section 10).
   */
  readonly hnsPublications: Determined<readonly HnsPublication[]>;
  /** The DNS servers `ipconfig /all` shows inside it, and its hosts file (container.dns). */
  readonly dnsServers: Determined<readonly string[]>;
  readonly hostsFile: Determined<readonly HostsEntry[]>;
}

/** Drivers whose containers HNS gives a local endpoint holding the container's address. */
export const HNS_ENDPOINT_DRIVERS: ReadonlySet<string> = new Set([
  'nat',
  'transparent',
  'l2bridge',
  'l2tunnel',
]);

/** Rules kept per container: a host with hundreds of containers on port 80 has hundreds of rules naming 80. */
export const MAX_RULES_LISTED = 50;

export interface Correlation {
  readonly containers: readonly Container[];
  readonly containerById: ReadonlyMap<string, Container>;
  /** Bare, lower-case address -> containers holding it (more than one means a conflict). */
  readonly containersByIp: ReadonlyMap<string, readonly Container[]>;
  readonly processByPid: ReadonlyMap<number, HostProcess>;
  readonly processesBySession: ReadonlyMap<number, readonly HostProcess[]>;
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
  readonly footprints: ReadonlyMap<string, Footprint>;
  /** What explanations computed, kept with the correlation the open bundle's analysis owns (and dropped with it). */
  readonly cache: DiagnosisCache;
}

/** Memory shared by the explanations of one correlation: no module-level state in core. */
export interface DiagnosisCache {
  /** Hop results per container, by hop and question (the matrix asks external and localhost the same hops). */
  readonly hops: WeakMap<Footprint, ContainerHops>;
  /** A firewall rule's evidence line per profile: the same few rules stand behind thousands of explanations. */
  readonly ruleEvidence: WeakMap<FirewallRule, Map<FirewallProfileName, Evidence>>;
}

// ---- small index helpers -----------------------------------------------------------------

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

export function processLabel(p: HostProcess): string {
  return `${p.name} (PID ${p.pid}${p.sessionId === null ? '' : `, session ${p.sessionId}`})`;
}

// ---- isolation ---------------------------------------------------------------------------------

function resolveIsolation(model: HostModel, c: Container, containersFile: string): ResolvedIsolation {
  const requested = toIsolation(c.isolationRequested);
  if (requested) {
    return {
      value: requested,
      from: 'container',
      evidence: [{ file: containersFile, detail: `${c.name}: HostConfig.Isolation ${requested}` }],
      note: null,
    };
  }
  // `default` or empty means the engine's default (GET /info Isolation; knowledge notes section 9).
  const asked =
    c.isolationRequested === null || c.isolationRequested === '' ? 'empty' : `"${c.isolationRequested}"`;
  if (model.engine.kind === 'known' && model.engine.value.defaultIsolation) {
    const value = model.engine.value.defaultIsolation;
    return {
      value,
      from: 'engine-default',
      evidence: [
        { file: containersFile, detail: `${c.name}: HostConfig.Isolation ${asked}` },
        evidenceFrom(model.engine.source, `engine default isolation ${value}`),
      ],
      note: null,
    };
  }
  const why =
    model.engine.kind === 'unknown'
      ? missingNote(model.engine)
      : `${model.engine.source.file} gives no default isolation`;
  return {
    value: null,
    from: null,
    evidence: [],
    note: `isolation unknown: HostConfig.Isolation is ${asked} and ${why}`,
  };
}

// ---- footprint parts -------------------------------------------------------------------------

interface Indexes {
  readonly processByPid: ReadonlyMap<number, HostProcess>;
  readonly processesBySession: ReadonlyMap<number, readonly HostProcess[]>;
  readonly workerByToken: ReadonlyMap<string, HostProcess>;
  readonly workersHaveCommandLines: boolean;
  readonly memoryProcesses: readonly HostProcess[];
  /** vmmem by its parent PID and by the GUIDs its command line holds: a lookup per container, not a scan. */
  readonly memoryByParent: ReadonlyMap<number, HostProcess>;
  readonly memoryByToken: ReadonlyMap<string, HostProcess>;
  readonly hcsById: ReadonlyMap<string, HcsSystem>;
  readonly diskByDir: ReadonlyMap<string, Disk>;
  readonly diskByNumber: ReadonlyMap<number, Disk>;
  readonly vhdByDir: ReadonlyMap<string, Vhd>;
  readonly disksWithoutLocation: number;
  readonly hypervRunning: number;
}

function findSession(model: HostModel, c: Container, idx: Indexes): Determined<SessionFootprint> {
  const top = c.top;
  if (top === null)
    return { kind: 'unknown', reason: `docker/top/${c.id}.json not collected (probe docker.top)` };
  if (top.kind === 'unknown') return { kind: 'unknown', reason: missingNote(top) };
  if (model.processes.kind === 'unknown') return { kind: 'unknown', reason: missingNote(model.processes) };
  const pids = top.value.map((r) => r.pid).filter((p): p is number => p !== null);
  const matched = pids
    .map((pid) => idx.processByPid.get(pid))
    .filter((p): p is HostProcess => p !== undefined);
  // The container's smss shows in session 0 (Windows-Containers#254): the container's own session is the
  // most common non-zero one among its processes.
  const counts = new Map<number, number>();
  for (const p of matched)
    if (p.sessionId !== null && p.sessionId !== 0)
      counts.set(p.sessionId, (counts.get(p.sessionId) ?? 0) + 1);
  const topEvidence = evidenceFrom(
    top.source,
    `${pids.length} PIDs: ${pids.slice(0, 8).join(', ')}${pids.length > 8 ? ', ...' : ''}`,
  );
  let best: number | null = null;
  for (const [session, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = session;
  if (best === null) {
    return {
      kind: 'absent',
      reason:
        matched.length === 0
          ? `none of the ${pids.length} PIDs of docker top is a host process`
          : 'its processes are in no session other than 0',
      evidence: [topEvidence],
    };
  }
  const sessionId = best;
  const inSession = matched.filter((p) => p.sessionId === sessionId);
  const marker =
    (idx.processesBySession.get(sessionId) ?? []).find((p) => /^cexecsvc(\.exe)?$/i.test(p.name)) ?? null;
  return {
    kind: 'found',
    value: { sessionId, matchedPids: inSession.map((p) => p.pid), marker },
    evidence: [
      topEvidence,
      evidenceFrom(
        model.processes.source,
        `session ${sessionId}: ${inSession.slice(0, 4).map(processLabel).join(', ')}${marker ? `; ${marker.name} PID ${marker.pid} marks it` : ''}`,
      ),
    ],
  };
}

function findUtilityVm(model: HostModel, c: Container, idx: Indexes): Determined<UtilityVm> {
  if (model.processes.kind === 'unknown') return { kind: 'unknown', reason: missingNote(model.processes) };
  const unconfirmed =
    'the link from container id to vmwp.exe through hcsdiag and the worker command line is unconfirmed (knowledge notes, section 2)';
  let worker: HostProcess | undefined;
  let vmGuid: string | null = null;
  let via: UtilityVm['via'] = 'command-line';
  const evidence: Evidence[] = [];
  // With Docker, the HCS compute system id is the container id (moby#38000); hcsdiag gives its VM GUID.
  const system = idx.hcsById.get(c.id);
  if (system) {
    evidence.push(
      evidenceFrom(
        model.hcs.source,
        `${system.id}: ${[system.type, system.state, system.vmGuid, system.owner].filter(Boolean).join(', ')}`,
      ),
    );
    if (system.vmGuid) {
      vmGuid = system.vmGuid.toLowerCase();
      worker = idx.workerByToken.get(vmGuid);
      via = 'hcsdiag';
    }
  }
  worker ??= idx.workerByToken.get(c.id);
  if (!worker) {
    if (!idx.workersHaveCommandLines)
      return {
        kind: 'unknown',
        reason: `no vmwp.exe command line in ${model.processes.source.file} (Win32_Process CommandLine not collected)`,
      };
    if (model.hcs.kind === 'unknown' && !system)
      return { kind: 'unknown', reason: `no vmwp.exe names the container id, and ${missingNote(model.hcs)}` };
    return {
      kind: 'absent',
      reason: `no vmwp.exe command line names ${vmGuid ? `VM ${vmGuid}` : 'the container id'}`,
      evidence,
    };
  }
  evidence.push(
    evidenceFrom(model.processes.source, `${processLabel(worker)} command line holds ${vmGuid ?? c.id}`),
  );
  const memory =
    idx.memoryByParent.get(worker.pid) ??
    (vmGuid === null ? undefined : idx.memoryByToken.get(vmGuid)) ??
    // One vmmem and one running Hyper-V container: it can only be that one.
    (idx.memoryProcesses.length === 1 && idx.hypervRunning === 1 ? idx.memoryProcesses[0]! : null);
  if (memory) evidence.push(evidenceFrom(model.processes.source, `${processLabel(memory)}`));
  return { kind: 'found', value: { worker, memory, vmGuid, via }, evidence, note: unconfirmed };
}

function findSandboxDisk(model: HostModel, c: Container, idx: Indexes): Determined<SandboxDisk> {
  const root = model.engine.kind === 'known' ? model.engine.value.dockerRootDir : null;
  const dir = c.graphDriverDir ?? (root ? `${root}\\windowsfilter\\${c.id}` : null);
  if (dir === null)
    return {
      kind: 'unknown',
      reason: 'GraphDriver.Data.dir is absent from docker/containers.json and the docker root is unknown',
    };
  if (model.disks.kind === 'unknown') return { kind: 'unknown', reason: missingNote(model.disks) };
  const key = normalizeWindowsPath(dir);
  const disk = idx.diskByDir.get(key);
  if (disk && disk.location) {
    return {
      kind: 'found',
      value: { disk, location: disk.location, via: 'location' },
      evidence: [evidenceFrom(model.disks.source, `disk ${disk.number}: Location ${disk.location}`)],
    };
  }
  // MSFT_Disk leaves Location NULL for VHDs: Get-VHD gives the path by disk number (knowledge notes, section 2).
  if (model.vhds.kind === 'known') {
    const vhd = idx.vhdByDir.get(key);
    const byNumber = vhd && vhd.diskNumber !== null ? idx.diskByNumber.get(vhd.diskNumber) : undefined;
    if (vhd && byNumber) {
      return {
        kind: 'found',
        value: { disk: byNumber, location: vhd.path, via: 'vhd' },
        evidence: [
          evidenceFrom(model.vhds.source, `disk ${byNumber.number}: Path ${vhd.path}`),
          evidenceFrom(model.disks.source, `disk ${byNumber.number}: ${byNumber.busType ?? 'bus unknown'}`),
        ],
      };
    }
  } else if (idx.disksWithoutLocation > 0) {
    return {
      kind: 'unknown',
      reason: `${idx.disksWithoutLocation} virtual disks have no Location in ${model.disks.source.file} and ${missingNote(model.vhds)}`,
    };
  }
  return {
    kind: 'absent',
    reason: `no disk on the host is under ${dir}`,
    evidence: [evidenceFrom(model.disks.source, `no Location under ${dir}`)],
  };
}

// ---- HNS endpoints -------------------------------------------------------------------------------

/** NAT policies as a line: `NAT tcp 8080 -> 80, NAT udp 53 -> 53`, or `no NAT policy`. */
export function natPolicyText(policies: readonly Omit<HnsNatPolicy, 'kind'>[]): string {
  const nat = policies.map((p) => `NAT ${p.protocol} ${p.externalPort} -> ${p.internalPort}`);
  return nat.length === 0 ? 'no NAT policy' : nat.join(', ');
}

// ---- publications ------------------------------------------------------------------------------

function publicationsOf(
  c: Container,
  containersFile: string,
  drivers: readonly string[],
  service: SwarmService | undefined,
  servicesFile: string,
): Publication[] {
  const has = (d: string): boolean => drivers.includes(d);
  const containerMode: PublishMode = has('nat')
    ? 'nat'
    : has('transparent') || has('l2bridge')
      ? 'transparent'
      : 'other';
  const result: Publication[] = [];
  const seen = new Set<string>();
  for (const p of c.publishedPorts) {
    if (p.hostPort === null) continue;
    const hostMode = service?.ports.some(
      (s) => s.publishMode === 'host' && s.targetPort === p.containerPort && s.protocol === p.protocol,
    );
    result.push({
      containerPort: p.containerPort,
      protocol: p.protocol,
      hostIp: p.hostIp,
      hostPort: p.hostPort,
      ...(p.hostPortRange ? { hostPortRange: p.hostPortRange } : {}),
      mode: hostMode ? 'host' : containerMode,
      origin: 'container',
      live: p.origin !== 'port-bindings',
      evidence: {
        file: containersFile,
        detail: `${c.name}: ${p.containerPort}/${p.protocol} -> ${p.hostIp ?? '0.0.0.0'}:${hostPortText(p)}`,
      },
    });
    seen.add(`${p.protocol}/${p.hostPort}`);
  }
  // Ingress-mode ports belong to the service, not to the task container's own bindings.
  for (const s of service?.ports ?? []) {
    if (s.publishedPort === null || seen.has(`${s.protocol}/${s.publishedPort}`)) continue;
    result.push({
      containerPort: s.targetPort,
      protocol: s.protocol,
      hostIp: null,
      hostPort: s.publishedPort,
      mode: s.publishMode === 'ingress' ? 'ingress' : 'host',
      origin: 'service',
      live: true,
      evidence: {
        file: servicesFile,
        detail: `service ${service!.name}: ${s.publishedPort}/${s.protocol} -> ${s.targetPort} (mode ${s.publishMode})`,
      },
    });
  }
  return result;
}

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

/** What an index holds for any of the keys; one key (the common case) shares the index's own list. */
function gather<T>(keys: readonly string[], index: ReadonlyMap<string, readonly T[]>): readonly T[] {
  if (keys.length === 1) return index.get(keys[0]!) ?? [];
  const out: T[] = [];
  for (const key of keys) for (const item of index.get(key) ?? []) out.push(item);
  return out;
}

/**
 * The first MAX_RULES_LISTED distinct rules of a few per-port lists, and how many there are. Lists are shared
 * by every container on the same port, so only the first entries of each are read; the total counts a rule
 * naming two of the container's ports twice where the lists are long.
 */
function firstRules(lists: readonly (readonly FirewallRule[])[]): { listed: FirewallRule[]; total: number } {
  const listed = new Set<FirewallRule>();
  for (const list of lists) {
    for (const rule of list) {
      if (listed.size >= MAX_RULES_LISTED) break;
      listed.add(rule);
    }
  }
  const sum = lists.reduce((n, l) => n + l.length, 0);
  if (lists.length <= 1 || sum <= MAX_RULES_LISTED * 4)
    return { listed: [...listed], total: lists.length <= 1 ? sum : new Set(lists.flat()).size };
  return { listed: [...listed], total: sum };
}

// ---- correlate ---------------------------------------------------------------------------------

export function correlate(model: HostModel): Correlation {
  const containers = listOf(model.containers);
  const containersFile = model.containers.source.file;
  const processes = listOf(model.processes);
  const networks = listOf(model.networks);
  const services = listOf(model.swarmServices);

  const containerById = new Map(containers.map((c) => [c.id.toLowerCase(), c]));
  const containersByIp = new Map<string, Container[]>();
  for (const c of containers) {
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
  const processByPid = new Map(processes.map((p) => [p.pid, p]));
  const processesBySession = groupBy(processes, (p) => p.sessionId);
  const workerByToken = new Map<string, HostProcess>();
  let workersHaveCommandLines = false;
  const memoryProcesses: HostProcess[] = [];
  const memoryByParent = new Map<number, HostProcess>();
  const memoryByToken = new Map<string, HostProcess>();
  for (const p of processes) {
    if (/^vmmem(\.exe)?$/i.test(p.name)) {
      memoryProcesses.push(p);
      if (p.parentPid !== null && !memoryByParent.has(p.parentPid)) memoryByParent.set(p.parentPid, p);
      for (const token of (p.commandLine ?? '').matchAll(GUID)) {
        const key = token[0].toLowerCase();
        if (!memoryByToken.has(key)) memoryByToken.set(key, p);
      }
    }
    if (!/^vmwp(\.exe)?$/i.test(p.name) || !p.commandLine) continue;
    workersHaveCommandLines = true;
    for (const token of [...p.commandLine.matchAll(GUID), ...p.commandLine.matchAll(CONTAINER_ID)])
      workerByToken.set(token[0].toLowerCase(), p);
  }
  const mappings = listOf(model.natMappings);
  const natMappingsByExternalPort = groupBy(mappings, (m) =>
    m.protocol === 'other' ? null : `${m.protocol}/${m.externalPort}`,
  );
  const natMappingsByInternalIp = groupBy(mappings, (m) => bareAddress(m.internalIp));
  const natSessionsByDestination = groupBy(listOf(model.natSessions), (s) =>
    s.internalDestinationAddress ? bareAddress(s.internalDestinationAddress) : null,
  );
  const natSubnets = networks.filter((n) => n.driver.toLowerCase() === 'nat').flatMap((n) => n.subnets);
  const winNatHoldsDocker = mappings.some(
    (m) =>
      containersByIp.has(bareAddress(m.internalIp)) ||
      natSubnets.some((subnet) => addressInEntry(bareAddress(m.internalIp), subnet.trim()) === true),
  );
  const tcpListenersByPort = groupBy(listOf(model.tcp), (t) =>
    isListening({ protocol: 'tcp', state: t.state }) ? t.localPort : null,
  );
  const udpByPort = groupBy(listOf(model.udp), (u) => u.localPort);
  const networkById = new Map(networks.map((n) => [n.id.toLowerCase(), n]));
  const networkByName = new Map(networks.map((n) => [n.name.toLowerCase(), n]));
  const networkNames = new Set([
    ...networkByName.keys(),
    ...containers.flatMap((c) => c.networks.map((n) => n.name.toLowerCase())),
  ]);
  const serviceByName = new Map(services.map((s) => [s.name, s]));
  const serviceById = new Map(services.map((s) => [s.id, s]));
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
  const lanNetworks = lan.length > 0 ? lan : null;
  const firewall: FirewallState = {
    rules: model.firewallRules,
    profiles: model.firewallProfiles,
    index: indexFirewallRules(listOf(model.firewallRules)),
  };

  const disks = listOf(model.disks);
  const diskByDir = new Map<string, Disk>();
  let disksWithoutLocation = 0;
  for (const d of disks) {
    if (d.location) diskByDir.set(parentDir(d.location), d);
    else if (/virtual|^15$/i.test(d.busType ?? '')) disksWithoutLocation++;
  }
  const vhdByDir = new Map(listOf(model.vhds).map((v) => [parentDir(v.path), v]));
  const resolved = new Map(containers.map((c) => [c.id, resolveIsolation(model, c, containersFile)]));
  const idx: Indexes = {
    processByPid,
    processesBySession,
    workerByToken,
    workersHaveCommandLines,
    memoryProcesses,
    memoryByParent,
    memoryByToken,
    hcsById: new Map(listOf(model.hcs).map((h) => [h.id.toLowerCase(), h])),
    diskByDir,
    diskByNumber: new Map(disks.map((d) => [d.number, d])),
    vhdByDir,
    disksWithoutLocation,
    hypervRunning: containers.filter((c) => c.state === 'running' && resolved.get(c.id)?.value === 'hyperv')
      .length,
  };

  const hns = indexHns(model, networks);

  const footprints = new Map<string, Footprint>();
  for (const c of containers) {
    const running = c.state === 'running';
    const isolation = resolved.get(c.id)!;
    const ips = [
      ...new Set(
        c.networks
          .flatMap((n) => [n.ip, n.ipv6])
          .filter((ip): ip is string => !!ip)
          .map(bareAddress),
      ),
    ];
    const notRunning = {
      kind: 'not-applicable',
      reason: `the container is ${c.state}, not running`,
    } as const;
    const undecided = { kind: 'unknown', reason: isolation.note ?? 'isolation unknown' } as const;
    let session: Determined<SessionFootprint>;
    let utilityVm: Determined<UtilityVm>;
    let sandboxDisk: Determined<SandboxDisk>;
    if (!running) {
      session = utilityVm = sandboxDisk = notRunning;
    } else if (isolation.value === 'hyperv') {
      // docker top PIDs of a Hyper-V container are the utility VM's, never host PIDs (hcsshim#251).
      session = {
        kind: 'not-applicable',
        reason: 'Hyper-V isolation: its processes run in the utility VM, not in a host session',
      };
      sandboxDisk = {
        kind: 'not-applicable',
        reason: 'Hyper-V isolation: the sandbox is attached to the utility VM, not mounted on the host',
      };
      utilityVm = findUtilityVm(model, c, idx);
    } else if (isolation.value === 'process') {
      session = findSession(model, c, idx);
      sandboxDisk = findSandboxDisk(model, c, idx);
      utilityVm = { kind: 'not-applicable', reason: 'process isolation: no utility VM' };
    } else {
      session = utilityVm = sandboxDisk = undecided;
    }
    const hostProcesses =
      session.kind === 'found' ? (processesBySession.get(session.value.sessionId) ?? []) : [];
    const drivers = networkDrivers(c, networkById, networkByName);
    const service = c.swarm
      ? (serviceByName.get(c.swarm.serviceName) ??
        (c.swarm.serviceId ? serviceById.get(c.swarm.serviceId) : undefined))
      : undefined;
    const publications = publicationsOf(c, containersFile, drivers, service, model.swarmServices.source.file);
    const named = [
      ...new Set(
        publications.flatMap((p) => [
          `${p.protocol}/${p.containerPort}`,
          `${p.protocol}/${p.hostPort ?? p.containerPort}`,
        ]),
      ),
    ].map((key) => {
      const [protocol, port] = key.split('/') as ['tcp' | 'udp', string];
      return firewall.index.rulesNaming(protocol, Number(port));
    });
    const { listed, total } = firstRules(named);
    const attachments = attachmentsOf(model, c, (n) => dockerNetworkOf(n, networkById, networkByName), hns);
    const dns = containerDns(c);
    footprints.set(c.id, {
      container: c,
      running,
      isolation,
      session,
      hostProcesses,
      utilityVm,
      sandboxDisk,
      ips,
      publications,
      natMappings: gather(ips, natMappingsByInternalIp),
      natSessions: gather(ips, natSessionsByDestination),
      firewallRules: listed,
      firewallRulesTotal: total,
      attachments,
      hnsPublications: hnsPublicationsOf(c, attachments),
      dnsServers: dns.dnsServers,
      hostsFile: dns.hostsFile,
    });
  }

  return {
    containers,
    containerById,
    containersByIp,
    processByPid,
    processesBySession,
    natMappingsByExternalPort,
    natMappingsByInternalIp,
    natSessionsByDestination,
    winNatHoldsDocker,
    tcpListenersByPort,
    udpByPort,
    networkById,
    networkByName,
    networkNames,
    serviceByName,
    serviceById,
    hostAddresses,
    lanNetworks,
    firewall,
    hns,
    footprints,
    cache: { hops: new WeakMap(), ruleEvidence: new WeakMap() },
  };
}

/** The footprint of a container of this model; computed on the spot for a container the correlation does not hold. */
export function footprintOf(model: HostModel, correlation: Correlation, container: Container): Footprint {
  const known = correlation.footprints.get(container.id);
  if (known && known.container === container) return known;
  const alone = correlate({
    ...model,
    containers: { kind: 'known', value: [container], source: model.containers.source },
  });
  return alone.footprints.get(container.id)!;
}
