// The isolation walkthrough: what process and Hyper-V isolation look like from the host, point by point,
// each with the bundle's evidence or "not observable in this bundle" (knowledge notes, section 2).

import type {
  Evidence,
  IsolationComparison,
  IsolationPoint,
  IsolationPointId,
  IsolationProfile,
} from '../../shared/diagnosis';
import type { Container, HostModel, Isolation } from '../../shared/model';
import { correlate, footprintOf, type Correlation } from './correlate';
import { processLabel, type Footprint } from './footprint';
import { normalizeWindowsPath } from './host-index';
import { explain } from './explain';
import { evidenceFrom, missingNote } from './known';
import { isListening, isLoopback } from './listeners';
import { decisiveHop } from './reach-summary';
import { REF } from './references';

export const NOT_OBSERVABLE = 'not observable in this bundle';
const MB = 1024 * 1024;

/** Utility VM memory: the container limit + 256 MB, rounded up to the next 512 MB; 1 GB without a limit (Virtualization-Documentation#477). */
export function utilityVmMemoryBytes(limitBytes: number | null): number {
  if (limitBytes === null || limitBytes <= 0) return 1024 * MB;
  return Math.ceil((limitBytes + 256 * MB) / (512 * MB)) * 512 * MB;
}

interface Built {
  readonly point: IsolationPoint;
  /** What kind of answer this is, so two containers can be compared regardless of their PIDs and names. */
  readonly shape: string;
}

const TITLES: Readonly<Record<IsolationPointId, string>> = {
  processes: 'Processes visible on the host',
  session: 'Session on the host',
  user: 'User seen from the host',
  'sandbox-disk': 'Sandbox disk mounted on the host',
  'firewall-rules': 'Firewall rules created on the host',
  // Titles name the question, not an answer: "Reachable from the host" read as a verdict while localhost failed
  // on server2016-swarm-portainer (issue 11); the verdict is in the observed line.
  'reach-from-host': 'Reach from the host, to its own address',
  'reach-from-containers': 'Reach from other containers',
  memory: 'Memory',
};

// What each mode means, in plain words; the source of each is in REFS (knowledge notes section 2).
const EXPECT: Readonly<Record<IsolationPointId, Readonly<Record<Isolation | 'unknown', string>>>> = {
  processes: {
    process:
      'Its programs run on the host itself and keep the same process ID inside the container and on the host.',
    hyperv:
      'Its programs run inside a small virtual machine (the utility VM); the host shows only the VM worker (vmwp) and the VM memory (vmmem).',
    unknown: 'Depends on the isolation mode, which is unknown.',
  },
  session: {
    process:
      'Its programs share a session of their own on the host, marked by the container exec service CExecSvc.',
    hyperv: 'It has no session on the host: the VM worker vmwp runs in session 0 with the system services.',
    unknown: 'Depends on the isolation mode, which is unknown.',
  },
  user: {
    process:
      'Its user ContainerAdministrator exists only inside the container, so the host cannot name the owner of its programs.',
    hyperv: 'The host sees only the VM worker, not the users inside the container.',
    unknown: 'Depends on the isolation mode, which is unknown.',
  },
  'sandbox-disk': {
    process:
      'Its writable disk (sandbox.vhdx) is mounted on the host as a virtual disk without a drive letter.',
    hyperv: 'Its writable disk (sandbox.vhdx) is attached to the utility VM, not mounted on the host.',
    unknown: 'Depends on the isolation mode, which is unknown.',
  },
  'firewall-rules': {
    process:
      'Docker and HNS add inbound rules to the host firewall for it: DHCP, DNS, traffic between containers and each published port.',
    hyperv:
      'The host firewall gets no rules for it; the firewall inside the utility VM decides, and allows by default.',
    unknown: 'Depends on the isolation mode, which is unknown.',
  },
  'reach-from-host': {
    process:
      'The host reaches it on its container address; on Windows Server 2016 only on ports a firewall rule allows.',
    hyperv: 'The host reaches it on its container address: it sits on the same container network.',
    unknown: 'The host reaches a container on its container address.',
  },
  'reach-from-containers': {
    process: 'Containers on the same network reach it.',
    hyperv: 'Containers on the same network reach it, as they reach a process-isolated one.',
    unknown: 'Containers on the same network reach it.',
  },
  memory: {
    process: 'Its programs use host memory directly, within its memory limit.',
    hyperv:
      'Its utility VM takes host memory up front: the container memory limit plus about 256 MB, or 1 GB without a limit.',
    unknown: 'Depends on the isolation mode, which is unknown.',
  },
};

/** Where each point's expectation comes from. */
const REFS: Readonly<Record<IsolationPointId, string>> = {
  processes: REF.hypervHostView,
  session: REF.containerSession,
  user: REF.hypervIsolationDoc,
  'sandbox-disk': REF.hypervIsolationDoc,
  'firewall-rules': REF.networkIsolationDoc,
  'reach-from-host': REF.networkIsolationDoc,
  'reach-from-containers': REF.networkIsolationDoc,
  memory: REF.utilityVmMemory,
};

function point(
  id: IsolationPointId,
  isolation: Isolation | null,
  observed: string,
  evidence: readonly Evidence[],
  shape: string,
): Built {
  const observable = !observed.startsWith(NOT_OBSERVABLE);
  return {
    point: {
      id,
      title: TITLES[id],
      observed,
      expectation: EXPECT[id][isolation ?? 'unknown'],
      observable,
      evidence,
      reference: REFS[id],
    },
    shape: observable ? shape : 'not-observable',
  };
}

const notObservable = (why: string): string => `${NOT_OBSERVABLE}: ${why}`;
const mb = (bytes: number): string => `${Math.round(bytes / MB)} MB`;

function processesPoint(model: HostModel, fp: Footprint): Built {
  const iso = fp.isolation.value;
  if (!fp.running) return point('processes', iso, notObservable('the container is not running'), [], '');
  if (iso === 'process') {
    if (fp.session.kind !== 'found') return point('processes', iso, notObservable(fp.session.reason), [], '');
    const shown = fp.hostProcesses
      .slice(0, 6)
      .map((p) => `${p.name} ${p.pid}`)
      .join(', ');
    return point(
      'processes',
      iso,
      `${fp.hostProcesses.length} host processes in its session (${shown}${fp.hostProcesses.length > 6 ? ', ...' : ''}); the ${fp.session.value.matchedPids.length} PIDs of docker top are the same on the host`,
      fp.session.evidence,
      'host-processes',
    );
  }
  if (iso === 'hyperv') {
    if (fp.utilityVm.kind !== 'found')
      return point(
        'processes',
        iso,
        notObservable(
          `none of its processes are on the host, and its utility VM worker was not identified: ${fp.utilityVm.kind === 'not-applicable' ? fp.utilityVm.reason : fp.utilityVm.reason}`,
        ),
        [],
        '',
      );
    const vm = fp.utilityVm.value;
    return point(
      'processes',
      iso,
      `none of its own; its utility VM shows as ${processLabel(vm.worker)}${vm.memory ? ` and ${processLabel(vm.memory)}` : ''} (matched through hcsdiag and the worker's command line, a match Hostscope cannot confirm)`,
      fp.utilityVm.evidence,
      'utility-vm',
    );
  }
  return point('processes', iso, notObservable(fp.isolation.note ?? 'isolation unknown'), [], '');
}

function sessionPoint(fp: Footprint): Built {
  const iso = fp.isolation.value;
  if (!fp.running) return point('session', iso, notObservable('the container is not running'), [], '');
  if (iso === 'process') {
    if (fp.session.kind !== 'found') return point('session', iso, notObservable(fp.session.reason), [], '');
    const s = fp.session.value;
    return point(
      'session',
      iso,
      `session ${s.sessionId}${s.marker ? `, marked by ${s.marker.name} (PID ${s.marker.pid})` : ''}`,
      fp.session.evidence,
      'own-session',
    );
  }
  if (iso === 'hyperv' && fp.utilityVm.kind === 'found') {
    const w = fp.utilityVm.value.worker;
    return point(
      'session',
      iso,
      `no session of its own; ${w.name} runs in session ${w.sessionId ?? 'unknown'}`,
      fp.utilityVm.evidence,
      'no-session',
    );
  }
  return withoutWorker('session', fp);
}

function userPoint(model: HostModel, fp: Footprint): Built {
  const iso = fp.isolation.value;
  if (model.processes.kind !== 'known')
    return point('user', iso, notObservable(missingNote(model.processes)), [], '');
  const file = model.processes.source.file;
  // The probe writes owners only when it ran elevated (Get-Process -IncludeUserName).
  const withOwner = model.processes.value.some((p) => p.userName !== undefined);
  if (!withOwner) {
    return point(
      'user',
      iso,
      notObservable(`${file} carries no process owner (collected without elevation)`),
      [],
      '',
    );
  }
  if (!fp.running) return point('user', iso, notObservable('the container is not running'), [], '');
  if (iso === 'process') {
    const own = fp.hostProcesses;
    if (own.length === 0) return point('user', iso, notObservable('its host session was not found'), [], '');
    const unresolved = own.filter((p) => p.userName === null || p.userName === undefined);
    const resolved = [
      ...new Set(own.map((p) => p.userName).filter((u): u is string => typeof u === 'string')),
    ];
    const observed =
      unresolved.length > 0
        ? `the host resolves no owner for ${unresolved.length} of the ${own.length} processes of its session` +
          (resolved.length > 0 ? `; the others run as ${resolved.join(', ')}` : '')
        : `every process of its session has an owner the host resolves: ${resolved.join(', ')}`;
    const evidence = unresolved
      .slice(0, 3)
      .map((p) => evidenceFrom(model.processes.source, `${processLabel(p)}: UserName empty`));
    return point(
      'user',
      iso,
      observed,
      evidence,
      unresolved.length > 0 ? 'owner-unresolved' : 'owner-resolved',
    );
  }
  if (iso === 'hyperv' && fp.utilityVm.kind === 'found') {
    const worker = fp.utilityVm.value.worker;
    const owner = worker.userName ?? 'an owner the host does not resolve';
    return point(
      'user',
      iso,
      `only the VM worker is seen: ${processLabel(worker)} runs as ${owner}; the container's users are inside the utility VM`,
      [
        evidenceFrom(
          model.processes.source,
          `${processLabel(worker)}: UserName ${worker.userName ?? 'empty'}`,
        ),
      ],
      'vm-worker',
    );
  }
  return withoutWorker('user', fp);
}

/** A point that needed the utility VM worker (Hyper-V) or a known isolation mode, and has neither. */
function withoutWorker(id: IsolationPointId, fp: Footprint): Built {
  const iso = fp.isolation.value;
  const why =
    iso === 'hyperv'
      ? 'the utility VM worker was not identified'
      : (fp.isolation.note ?? 'isolation unknown');
  return point(id, iso, notObservable(why), [], '');
}

function diskPoint(model: HostModel, fp: Footprint): Built {
  const iso = fp.isolation.value;
  if (!fp.running) return point('sandbox-disk', iso, notObservable('the container is not running'), [], '');
  if (iso === 'process') {
    if (fp.sandboxDisk.kind === 'found') {
      const d = fp.sandboxDisk.value;
      const letters =
        d.disk.driveLetters.length > 0 ? `drive ${d.disk.driveLetters.join(', ')}` : 'no drive letter';
      return point(
        'sandbox-disk',
        iso,
        `disk ${d.disk.number} (${d.disk.busType ?? 'bus unknown'}, ${letters}) at ${d.location}`,
        fp.sandboxDisk.evidence,
        'host-disk',
      );
    }
    if (fp.sandboxDisk.kind === 'absent')
      return point(
        'sandbox-disk',
        iso,
        `none found: ${fp.sandboxDisk.reason}`,
        fp.sandboxDisk.evidence,
        'no-disk',
      );
    return point('sandbox-disk', iso, notObservable(fp.sandboxDisk.reason), [], '');
  }
  if (iso === 'hyperv') {
    if (model.disks.kind !== 'known')
      return point('sandbox-disk', iso, notObservable(missingNote(model.disks)), [], '');
    const id = fp.container.id;
    const dir = fp.container.graphDriverDir ? normalizeWindowsPath(fp.container.graphDriverDir) : null;
    const mounted = model.disks.value.find((d) => {
      const loc = d.location ? normalizeWindowsPath(d.location) : '';
      return loc !== '' && (dir ? loc.startsWith(`${dir}\\`) : loc.includes(id));
    });
    if (mounted)
      return point(
        'sandbox-disk',
        iso,
        `disk ${mounted.number} at ${mounted.location} (unexpected for Hyper-V isolation)`,
        [evidenceFrom(model.disks.source, `disk ${mounted.number}: ${mounted.location}`)],
        'host-disk',
      );
    return point(
      'sandbox-disk',
      iso,
      `none: no disk among ${model.disks.value.length} is under its layer folder`,
      [
        evidenceFrom(
          model.disks.source,
          `${model.disks.value.length} disks, none under ${fp.container.graphDriverDir ?? id}`,
        ),
      ],
      'no-disk',
    );
  }
  return point('sandbox-disk', iso, notObservable(fp.isolation.note ?? 'isolation unknown'), [], '');
}

function firewallPoint(model: HostModel, fp: Footprint): Built {
  const iso = fp.isolation.value;
  if (model.firewallRules.kind !== 'known')
    return point('firewall-rules', iso, notObservable(missingNote(model.firewallRules)), [], '');
  const ports = [...new Set(fp.publications.map((p) => `${p.containerPort}/${p.protocol}`))];
  if (ports.length === 0)
    return point(
      'firewall-rules',
      iso,
      notObservable('it publishes no port to match rules against (rules are matched by port, never by name)'),
      [],
      '',
    );
  // Rules match by port: what counts for this container is an enabled rule naming its ports.
  const enabled = fp.firewallRules.filter((r) => r.enabled);
  const disabled = fp.firewallRules.length - enabled.length;
  const aside =
    disabled > 0
      ? ` (${disabled} disabled rule${disabled > 1 ? 's' : ''} also name${disabled > 1 ? '' : 's'} them)`
      : '';
  if (enabled.length === 0) {
    return point(
      'firewall-rules',
      iso,
      `no enabled inbound rule names its ports ${ports.join(', ')}${aside}`,
      [evidenceFrom(model.firewallRules.source, `no enabled inbound rule for ${ports.join(', ')}`)],
      'no-rules',
    );
  }
  const names = enabled.slice(0, 3).map((r) => `"${r.displayName ?? r.name}" (${r.action})`);
  const more = fp.firewallRulesTotal > fp.firewallRules.length ? ', ...' : enabled.length > 3 ? ', ...' : '';
  return point(
    'firewall-rules',
    iso,
    `${enabled.length === 1 ? 'an enabled inbound rule names' : `${enabled.length} enabled inbound rules name`} its ports ${ports.join(', ')}: ${names.join(', ')}${more}${aside}`,
    enabled
      .slice(0, 4)
      .map((r) => evidenceFrom(model.firewallRules.source, `${r.action} "${r.displayName ?? r.name}"`)),
    'rules',
  );
}

/**
 * Ports Windows itself listens on in every container (RPC endpoint mapper, NetBIOS, SMB, RDP, WinRM, the dynamic
 * RPC range): never the application's port, so never the port the walkthrough asks about (issue 16: the 2022
 * sample picked 135).
 */
const WINDOWS_SERVICE_PORTS: ReadonlySet<number> = new Set([
  135, 137, 138, 139, 445, 3389, 5985, 5986, 47001,
]);
const isWindowsServicePort = (port: number): boolean => WINDOWS_SERVICE_PORTS.has(port) || port >= 49152;

/**
 * The application's port: the first published container port, else the port it listens on that is not Windows' own
 * and that clients use most (then the lowest).
 */
export function probePort(fp: Footprint): { port: number; protocol: 'tcp' | 'udp' } | null {
  const pub = fp.publications[0];
  if (pub) return { port: pub.containerPort, protocol: pub.protocol };
  const listeners = fp.container.listeners;
  if (listeners?.kind === 'known') {
    const inUse = (port: number): number =>
      listeners.value.filter((x) => x.localPort === port && /^established/i.test(x.state ?? '')).length;
    const app = listeners.value
      .filter(
        (x) =>
          x.protocol === 'tcp' &&
          isListening(x) &&
          !isLoopback(x.localAddress) &&
          !isWindowsServicePort(x.localPort),
      )
      // The port clients use most (established connections to it), then the lowest.
      .sort((a, b) => inUse(b.localPort) - inUse(a.localPort) || a.localPort - b.localPort)[0];
    if (app) return { port: app.localPort, protocol: 'tcp' };
  }
  return null;
}

function reachPoint(
  model: HostModel,
  fp: Footprint,
  correlation: Correlation,
  from: 'host' | 'containers',
): Built {
  const id = from === 'host' ? 'reach-from-host' : 'reach-from-containers';
  const iso = fp.isolation.value;
  if (!fp.running) return point(id, iso, notObservable('the container is not running'), [], '');
  const target = probePort(fp);
  if (!target)
    return point(
      id,
      iso,
      notObservable('no published port, and it listens on no application port (only Windows service ports)'),
      [],
      '',
    );
  let peer: Container | undefined;
  if (from === 'containers') {
    const nets = new Set(fp.container.networks.map((n) => n.networkId ?? n.name));
    peer = correlation.containers.find(
      (c) =>
        c.id !== fp.container.id &&
        c.state === 'running' &&
        c.networks.some((n) => nets.has(n.networkId ?? n.name)),
    );
    if (!peer)
      return point(
        id,
        iso,
        'no other running container shares a network with it',
        [
          {
            file: model.containers.source.file,
            detail: `${fp.container.name}: ${fp.container.networks.map((n) => n.name).join(', ')}`,
          },
        ],
        'no-peer',
      );
  }
  const e = explain(
    model,
    {
      container: fp.container,
      source: peer ? { kind: 'container', ref: peer.id } : { kind: 'host' },
      port: target.port,
      protocol: target.protocol,
    },
    correlation,
  );
  const failing = decisiveHop(e);
  const who = peer ? `from ${peer.name}` : 'from the host';
  return point(
    id,
    iso,
    `${who} on ${target.port}/${target.protocol}: ${e.verdict}${failing ? ` (${failing.title}: ${failing.status})` : ''}`,
    e.hops.flatMap((h) => h.evidence).slice(0, 4),
    e.verdict,
  );
}

function memoryPoint(model: HostModel, fp: Footprint): Built {
  const iso = fp.isolation.value;
  const limit = fp.container.memoryLimitBytes;
  const limitText = limit === null ? 'no memory limit' : `limit ${mb(limit)}`;
  const containersFile = model.containers.source.file;
  if (iso === 'hyperv') {
    const vm = utilityVmMemoryBytes(limit);
    const memory = fp.utilityVm.kind === 'found' ? fp.utilityVm.value.memory : null;
    const seen = memory?.workingSet
      ? `; ${memory.name} (PID ${memory.pid}) working set ${mb(memory.workingSet)}`
      : '';
    const evidence: Evidence[] = [
      { file: containersFile, detail: `${fp.container.name}: HostConfig.Memory ${limit ?? 0}` },
    ];
    if (memory && model.processes.kind === 'known')
      evidence.push(
        evidenceFrom(
          model.processes.source,
          `${processLabel(memory)} WorkingSet64 ${memory.workingSet ?? 'unknown'}`,
        ),
      );
    return point(
      'memory',
      iso,
      `its utility VM is given ${mb(vm)} (${limitText}, plus 256 MB for the VM itself, in steps of 512 MB)${seen}`,
      evidence,
      'utility-vm',
    );
  }
  if (iso === 'process') {
    if (!fp.running || fp.session.kind !== 'found')
      return point(
        'memory',
        iso,
        notObservable(fp.running ? 'its session is unknown' : 'the container is not running'),
        [],
        '',
      );
    const total = fp.hostProcesses.reduce((sum, p) => sum + (p.workingSet ?? 0), 0);
    return point(
      'memory',
      iso,
      `its ${fp.hostProcesses.length} processes use ${mb(total)} of host memory (${limitText})`,
      [
        evidenceFrom(
          (model.processes as Extract<HostModel['processes'], { kind: 'known' }>).source,
          `working sets of session ${fp.session.value.sessionId}`,
        ),
        { file: containersFile, detail: `${fp.container.name}: HostConfig.Memory ${limit ?? 0}` },
      ],
      'host-memory',
    );
  }
  return point('memory', iso, notObservable(fp.isolation.note ?? 'isolation unknown'), [], '');
}

function build(
  model: HostModel,
  container: Container,
  correlation: Correlation,
): { profile: IsolationProfile; shapes: readonly string[] } {
  const fp = footprintOf(model, correlation, container);
  const built = [
    processesPoint(model, fp),
    sessionPoint(fp),
    userPoint(model, fp),
    diskPoint(model, fp),
    firewallPoint(model, fp),
    reachPoint(model, fp, correlation, 'host'),
    reachPoint(model, fp, correlation, 'containers'),
    memoryPoint(model, fp),
  ];
  return {
    profile: {
      container: { id: container.id, name: container.name },
      isolation: fp.isolation.value,
      points: built.map((b) => b.point),
    },
    shapes: built.map((b) => b.shape),
  };
}

export function isolationProfile(
  model: HostModel,
  container: Container,
  correlation: Correlation = correlate(model),
): IsolationProfile {
  return build(model, container, correlation).profile;
}

export function compareIsolation(
  model: HostModel,
  a: Container,
  b: Container,
  correlation: Correlation = correlate(model),
): IsolationComparison {
  const left = build(model, a, correlation);
  const right = build(model, b, correlation);
  return {
    a: left.profile,
    b: right.profile,
    rows: left.profile.points.map((p, i) => ({
      id: p.id,
      title: p.title,
      a: p,
      b: right.profile.points[i]!,
      differs: left.shapes[i] !== right.shapes[i],
    })),
  };
}
