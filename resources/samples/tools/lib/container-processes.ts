// What runs in a Windows container: the session's own smss/csrss/wininit/services/lsass, a few svchost groups,
// CExecSvc (the exec service that marks a container session), then the image's own processes.
import { Rng } from './ids';
import type { ProcSpec } from './host-processes';
import type { When } from './when';

export interface AppProcess {
  readonly exe: string;
  readonly commandLine: string;
  readonly workingSetMb: number;
  readonly cpuMs: number;
  /** A PID the scenario needs (the seed's portainer.exe 3632; a Hyper-V PID that collides on the host). */
  readonly pid?: number;
  /** Role of the parent inside the container (default CExecSvc). */
  readonly parent?: string;
  readonly role?: string;
  readonly startOffsetS?: number;
}

export interface ContainerProcess {
  readonly pid: number;
  readonly exe: string;
  readonly commandLine: string | null;
  readonly role: string;
  readonly parentRole: string | null;
  readonly start: When;
  readonly workingSetMb: number;
  readonly cpuMs: number;
}

export interface ContainerProcessOptions {
  readonly seed: string;
  readonly base: 'servercore' | 'nanoserver';
  /** First PID of the block; the rest follow in steps of 4 to 40. */
  readonly firstPid: number;
  readonly startedAt: When;
  readonly apps: readonly AppProcess[];
  /** PIDs the block must avoid (host processes, other containers). */
  readonly avoid?: ReadonlySet<number>;
}

const W = 'C:\\Windows\\system32';

/** The system processes of a container, then its apps. Roles: smss, csrss, ..., svc:<group>, cexecsvc, app roles. */
export function containerProcesses(o: ContainerProcessOptions): ContainerProcess[] {
  const rng = new Rng(o.seed);
  const fixed = new Set(o.apps.flatMap((a) => (a.pid === undefined ? [] : [a.pid])));
  let next = o.firstPid - 4;
  const nextPid = (): number => {
    do next += 4 * rng.int(1, 10);
    while (fixed.has(next) || (o.avoid?.has(next) ?? false));
    return next;
  };
  const system: [string, string | null, string, string | null, number][] = [
    ['smss.exe', null, 'smss', null, 0.9],
    ['csrss.exe', null, 'csrss', null, 3.1],
    ['wininit.exe', null, 'wininit', null, 4.6],
    ['services.exe', null, 'services', 'wininit', 5.3],
    ['lsass.exe', `${W}\\lsass.exe`, 'lsass', 'wininit', 9.8],
  ];
  const groups = o.base === 'servercore'
    ? ['DcomLaunch', 'RPCSS', 'LocalServiceNetworkRestricted', 'netsvcs', 'LocalServiceNoNetwork', 'NetworkService', 'LocalSystemNetworkRestricted']
    : ['DcomLaunch', 'RPCSS', 'LocalServiceNetworkRestricted', 'netsvcs'];
  const out: ContainerProcess[] = [];
  let t = 0;
  const push = (exe: string, commandLine: string | null, role: string, parentRole: string | null, ws: number, cpuMs: number, pid?: number, startOffsetS?: number): void => {
    t += 0.05 + rng.next() * 0.2;
    out.push({ pid: pid ?? nextPid(), exe, commandLine, role, parentRole, start: o.startedAt.plus(Math.round((startOffsetS ?? t) * 1000)), workingSetMb: ws, cpuMs });
  };
  for (const [exe, cmd, role, parent, ws] of system) push(exe, cmd, role, parent, ws, rng.int(15, 400));
  for (const g of groups) push('svchost.exe', `${W}\\svchost.exe -k ${g}`, `svc:${g}`, 'services', 2.5 + rng.next() * 6, rng.int(15, 900));
  push('CExecSvc.exe', `${W}\\cexecsvc.exe`, 'cexecsvc', 'services', 1.9, rng.int(15, 120));
  for (const app of o.apps) push(app.exe, app.commandLine, app.role ?? app.exe.toLowerCase(), app.parent ?? 'cexecsvc', app.workingSetMb, app.cpuMs, app.pid, app.startOffsetS);
  return out;
}

/**
 * The host's view of a process-isolated container: the same PIDs, in the container's session, except its smss,
 * which shows in session 0 (knowledge notes section 2, Windows-Containers#254). The host cannot read the
 * image paths inside the container's volume.
 */
export function asHostProcesses(procs: readonly ContainerProcess[], session: number, boot: When, container: string): ProcSpec[] {
  return procs.map((p) => ({
    name: p.exe.replace(/\.exe$/i, ''),
    session: p.role === 'smss' ? 0 : session,
    path: null,
    commandLine: p.commandLine,
    roles: [`${container}:${p.role}`],
    ...(p.parentRole === null ? {} : { parentRole: `${container}:${p.parentRole}` }),
    startS: (p.start.utcMs - boot.utcMs) / 1000,
    workingSetMb: p.workingSetMb * 1.6,
    pid: p.pid,
  }));
}

/** GET /containers/{id}/top on Windows (moby daemon/top_windows.go). */
export function topBody(procs: readonly ContainerProcess[]): { Processes: string[][]; Titles: string[] } {
  return {
    Processes: procs.map((p) => [p.exe, String(p.pid), cpu(p.cpuMs), humanSize(p.workingSetMb * 1_048_576)]),
    Titles: ['Name', 'PID', 'CPU', 'Private Working Set'],
  };
}

function cpu(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}`;
}

/** go-units HumanSize: decimal units, four significant digits ("12.35MB", "954.4kB"). */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${Number(v.toPrecision(4))}${units[i]!}`;
}
