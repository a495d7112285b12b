// A container's footprint on the host: its session and processes, utility VM, sandbox disk, addresses,
// publications, NAT mappings and sessions, firewall rules and HNS attachments, each decided from the host index
// (host-index.ts) by lookups, so a host of many containers costs one pass over each of its parts.

import type { Evidence } from '../../shared/diagnosis';
import type {
  Container,
  Disk,
  FirewallRule,
  HostModel,
  HostsEntry,
  HostProcess,
  Isolation,
  NatSession,
  NatStaticMapping,
  SwarmService,
} from '../../shared/model';
import { toIsolation } from '../parse/docker';
import { bareAddress } from './addresses';
import {
  attachmentsOf,
  containerDns,
  hnsPublicationsOf,
  type HnsPublication,
  type NetworkAttachment,
} from './hns-links';
import { dockerNetworkOf, networkDrivers, normalizeWindowsPath, type HostIndex } from './host-index';
import { evidenceFrom, missingNote } from './known';

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

/** Rules kept per container: a host with hundreds of containers on port 80 has hundreds of rules naming 80. */
export const MAX_RULES_LISTED = 50;

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

function findSession(model: HostModel, c: Container, idx: HostIndex): Determined<SessionFootprint> {
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

function findUtilityVm(
  model: HostModel,
  c: Container,
  idx: HostIndex,
  hypervRunning: number,
): Determined<UtilityVm> {
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
    (idx.memoryProcesses.length === 1 && hypervRunning === 1 ? idx.memoryProcesses[0]! : null);
  if (memory) evidence.push(evidenceFrom(model.processes.source, `${processLabel(memory)}`));
  return { kind: 'found', value: { worker, memory, vmGuid, via }, evidence, note: unconfirmed };
}

function findSandboxDisk(model: HostModel, c: Container, idx: HostIndex): Determined<SandboxDisk> {
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

// ---- publications ------------------------------------------------------------------------------

function publicationsOf(
  c: Container,
  containersFile: string,
  drivers: readonly string[],
  service: SwarmService | undefined,
  servicesFile: string,
): Publication[] {
  const containerMode: PublishMode = drivers.includes('nat')
    ? 'nat'
    : drivers.includes('transparent') || drivers.includes('l2bridge')
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

/** What an index holds for any of the keys; one key (the common case) shares the index's own list. */
function gather<T>(keys: readonly string[], index: ReadonlyMap<string, readonly T[]>): readonly T[] {
  if (keys.length === 1) return index.get(keys[0]!) ?? [];
  const out: T[] = [];
  for (const key of keys) for (const item of index.get(key) ?? []) out.push(item);
  return out;
}

/**
 * The first MAX_RULES_LISTED distinct rules of a few per-port lists (each without repeats), and how many there
 * are. Lists are shared by every container on the same port, so only the first entries of each are read; the
 * total counts a rule naming two of the container's ports twice where the lists are long. Where it counts
 * distinct rules, it tests the shorter lists against the longest one's set (`setOf`, made once per list).
 */
function firstRules(
  lists: readonly (readonly FirewallRule[])[],
  setOf: (list: readonly FirewallRule[]) => ReadonlySet<FirewallRule>,
): { listed: FirewallRule[]; total: number } {
  const listed = new Set<FirewallRule>();
  let sum = 0;
  let longest: readonly FirewallRule[] = [];
  for (const list of lists) {
    sum += list.length;
    if (list.length > longest.length) longest = list;
    for (const rule of list) {
      if (listed.size >= MAX_RULES_LISTED) break;
      listed.add(rule);
    }
  }
  if (lists.length <= 1 || sum > MAX_RULES_LISTED * 4) return { listed: [...listed], total: sum };
  const base = setOf(longest);
  const more = new Set<FirewallRule>();
  for (const list of lists)
    if (list !== longest) for (const rule of list) if (!base.has(rule)) more.add(rule);
  return { listed: [...listed], total: longest.length + more.size };
}

/** A port a container's rules are looked up by: `tcp/80`. */
type PortKey = `${'tcp' | 'udp'}/${number}`;

/**
 * The rules naming a container's ports (its container ports and host ports), remembered by port set: the
 * containers of one host mostly share a few port sets, so each set is counted once.
 */
function rulesNamingPorts(
  index: HostIndex,
  publications: readonly Publication[],
  bySet: Map<string, { listed: FirewallRule[]; total: number }>,
  setOf: (list: readonly FirewallRule[]) => ReadonlySet<FirewallRule>,
): { listed: FirewallRule[]; total: number } {
  const ports = new Map<PortKey, { protocol: 'tcp' | 'udp'; port: number }>();
  for (const p of publications) {
    ports.set(`${p.protocol}/${p.containerPort}`, { protocol: p.protocol, port: p.containerPort });
    const host = p.hostPort ?? p.containerPort;
    ports.set(`${p.protocol}/${host}`, { protocol: p.protocol, port: host });
  }
  const set = [...ports.keys()].join(',');
  let rules = bySet.get(set);
  if (!rules) {
    rules = firstRules(
      [...ports.values()].map((x) => index.firewall.index.rulesNaming(x.protocol, x.port)),
      setOf,
    );
    bySet.set(set, rules);
  }
  return rules;
}

/** The footprint of every container of the model, from the host index. */
export function containerFootprints(model: HostModel, index: HostIndex): Map<string, Footprint> {
  const containersFile = model.containers.source.file;
  const resolved = new Map(index.containers.map((c) => [c.id, resolveIsolation(model, c, containersFile)]));
  let hypervRunning = 0;
  for (const c of index.containers)
    if (c.state === 'running' && resolved.get(c.id)?.value === 'hyperv') hypervRunning++;
  const rulesBySet = new Map<string, { listed: FirewallRule[]; total: number }>();
  const ruleSets = new WeakMap<readonly FirewallRule[], ReadonlySet<FirewallRule>>();
  const setOf = (list: readonly FirewallRule[]): ReadonlySet<FirewallRule> => {
    let set = ruleSets.get(list);
    if (!set) {
      set = new Set(list);
      ruleSets.set(list, set);
    }
    return set;
  };
  const footprints = new Map<string, Footprint>();
  for (const c of index.containers) {
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
      utilityVm = findUtilityVm(model, c, index, hypervRunning);
    } else if (isolation.value === 'process') {
      session = findSession(model, c, index);
      sandboxDisk = findSandboxDisk(model, c, index);
      utilityVm = { kind: 'not-applicable', reason: 'process isolation: no utility VM' };
    } else {
      session = utilityVm = sandboxDisk = undecided;
    }
    const hostProcesses =
      session.kind === 'found' ? (index.processesBySession.get(session.value.sessionId) ?? []) : [];
    const drivers = networkDrivers(c, index.networkById, index.networkByName);
    const service = c.swarm
      ? (index.serviceByName.get(c.swarm.serviceName) ??
        (c.swarm.serviceId ? index.serviceById.get(c.swarm.serviceId) : undefined))
      : undefined;
    const publications = publicationsOf(c, containersFile, drivers, service, model.swarmServices.source.file);
    const { listed, total } = rulesNamingPorts(index, publications, rulesBySet, setOf);
    const attachments = attachmentsOf(
      model,
      c,
      (n) => dockerNetworkOf(n, index.networkById, index.networkByName),
      index.hns,
    );
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
      natMappings: gather(ips, index.natMappingsByInternalIp),
      natSessions: gather(ips, index.natSessionsByDestination),
      firewallRules: listed,
      firewallRulesTotal: total,
      attachments,
      hnsPublications: hnsPublicationsOf(c, attachments),
      dnsServers: dns.dnsServers,
      hostsFile: dns.hostsFile,
    });
  }
  return footprints;
}
