// The processes of a Windows Server host: kernel and session 0 services, svchost groups (split per service from
// build 15063 when memory allows), the console or RDP session, and whatever the sample adds (engine, containers).
import { Rng } from './ids';
import type { When } from './when';

export interface ProcSpec {
  /** ProcessName as Get-Process gives it: no ".exe". */
  readonly name: string;
  readonly session: number;
  /** Image path; Windows PowerShell 5.1 cannot read it for protected processes (`protectedPath`). */
  readonly path: string | null;
  readonly commandLine: string | null;
  /** Protected processes: 5.1's Get-Process leaves Path empty, PowerShell 7 reads it. */
  readonly protectedPath?: boolean;
  /** Names this process is found by (`svc:RpcSs`, `dockerd`, ...). */
  readonly roles?: readonly string[];
  /** Role of the parent; absent means the parent has exited (usual for session managers' children). */
  readonly parentRole?: string;
  /** Seconds after boot. */
  readonly startS: number;
  readonly workingSetMb: number;
  /** A PID fixed by the scenario (container processes, the seed's 3632). */
  readonly pid?: number;
}

export interface HostProcess {
  readonly pid: number;
  readonly name: string;
  readonly session: number;
  readonly path: string | null;
  readonly protectedPath: boolean;
  readonly commandLine: string | null;
  readonly parentPid: number;
  readonly start: When | null;
  readonly workingSet: number;
  readonly roles: readonly string[];
}

export class ProcessTable {
  constructor(readonly list: readonly HostProcess[]) {}

  byRole(role: string): HostProcess {
    const found = this.list.find((p) => p.roles.includes(role));
    if (!found) throw new Error(`no host process has role ${role}`);
    return found;
  }

  pid(role: string): number {
    return this.byRole(role).pid;
  }
}

/**
 * Gives every spec a PID: fixed ones as given, the others increasing in start order by random multiples of 4
 * (how Windows hands them out on a fresh boot), skipping fixed PIDs. Parents resolve by role; a missing parent
 * gets a PID no process holds.
 */
export function allocate(specs: readonly ProcSpec[], boot: When, seed: string): ProcessTable {
  const rng = new Rng(seed);
  const fixed = new Set(specs.flatMap((s) => (s.pid === undefined ? [] : [s.pid])));
  if (fixed.size !== specs.filter((s) => s.pid !== undefined).length) throw new Error('duplicate fixed PID');
  const order = specs.map((s, i) => ({ s, i })).sort((a, b) => a.s.startS - b.s.startS || a.i - b.i);
  const pids = new Map<number, number>();
  let next = 292;
  for (const { s, i } of order) {
    if (s.pid !== undefined) {
      pids.set(i, s.pid);
      continue;
    }
    do next += 4 * rng.int(2, 26);
    while (fixed.has(next));
    pids.set(i, next);
  }
  const used = new Set(pids.values());
  const exited = (): number => {
    let p: number;
    do p = 4 * rng.int(60, 2400);
    while (used.has(p));
    used.add(p);
    return p;
  };
  const byRole = new Map<string, number>();
  specs.forEach((s, i) => s.roles?.forEach((r) => byRole.set(r, pids.get(i)!)));
  const list = specs.map((s, i): HostProcess => {
    const pid = pids.get(i)!;
    const parent = s.parentRole === undefined ? exited() : byRole.get(s.parentRole);
    if (parent === undefined) throw new Error(`${s.name}: no process has parent role ${s.parentRole}`);
    return {
      pid,
      name: s.name,
      session: s.session,
      path: s.path,
      protectedPath: s.protectedPath ?? false,
      commandLine: s.commandLine,
      parentPid: pid <= 4 ? 0 : parent,
      start: pid === 0 ? null : boot.plus(Math.round(s.startS * 1000) + rng.int(0, 999)),
      workingSet: Math.round(s.workingSetMb * 1048576 / 4096) * 4096,
      roles: s.roles ?? [],
    };
  });
  // Get-Process lists by name, case-insensitively; compared by code point so the output never depends on ICU.
  const key = (p: HostProcess): string => p.name.toLowerCase();
  return new ProcessTable(list.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.pid - b.pid)));
}

const SYS32 = 'C:\\Windows\\system32';

/** svchost groups of a server: [group, services, shared (-p without -s even when split)]. */
const SVCHOST_GROUPS: readonly (readonly [string, readonly string[], boolean])[] = [
  ['DcomLaunch', ['BrokerInfrastructure', 'DcomLaunch', 'PlugPlay', 'Power', 'SystemEventsBroker'], true],
  ['RPCSS', ['RpcEptMapper', 'RpcSs'], true],
  ['LocalServiceNoNetworkFirewall', ['BFE', 'mpssvc'], true],
  ['LocalServiceNoNetwork', ['DPS'], true],
  ['LocalServiceNetworkRestricted', ['EventLog', 'Dhcp', 'lmhosts', 'TimeBrokerSvc', 'WinHttpAutoProxySvc'], false],
  ['LocalService', ['nsi', 'W32Time', 'EventSystem', 'netprofm', 'FontCache', 'SstpSvc'], false],
  ['netsvcs', ['Schedule', 'Winmgmt', 'ProfSvc', 'SENS', 'gpsvc', 'UserManager', 'LanmanServer', 'iphlpsvc', 'hns', 'UsoSvc', 'SessionEnv', 'IKEEXT', 'Appinfo', 'CertPropSvc', 'ShellHWDetection', 'Themes', 'nvagent', 'WpnService'], false],
  ['NetworkService', ['Dnscache', 'LanmanWorkstation', 'CryptSvc', 'WinRM', 'NlaSvc', 'TermService'], false],
  ['LocalSystemNetworkRestricted', ['TrkWks', 'NcbService', 'UmRdpService', 'PcaSvc'], false],
  ['utcsvc', ['DiagTrack'], true],
];

export interface BaselineOptions {
  readonly build: 14393 | 17763 | 20348;
  readonly desktop: boolean;
  /** One svchost per service (15063+ with more than 3.5 GB of memory). */
  readonly splitSvchost: boolean;
  /** The interactive session (console or RDP). */
  readonly userSession: number;
  readonly rdp: boolean;
  /** Seconds after boot the interactive session began (an RDP session starts when the user connects). */
  readonly sessionStartS?: number;
}

/** Kernel, session 0 and the interactive session of a Windows Server install, without containers or Docker. */
export function windowsBaseline(o: BaselineOptions): ProcSpec[] {
  const specs: ProcSpec[] = [];
  const add = (s: ProcSpec): void => void specs.push(s);
  const sys = (exe: string): string => `${SYS32}\\${exe}`;
  add({ name: 'Idle', session: 0, path: null, commandLine: null, startS: 0, workingSetMb: 0.008, pid: 0 });
  add({ name: 'System', session: 0, path: null, commandLine: null, roles: ['system'], startS: 0, workingSetMb: 0.14, pid: 4 });
  if (o.build >= 17134) add({ name: 'Registry', session: 0, path: null, commandLine: null, parentRole: 'system', startS: 0.1, workingSetMb: 62 });
  add({ name: 'smss', session: 0, path: 'C:\\Windows\\System32\\smss.exe', protectedPath: true, commandLine: null, roles: ['smss'], parentRole: 'system', startS: 0.3, workingSetMb: 1.2 });
  add({ name: 'csrss', session: 0, path: sys('csrss.exe'), protectedPath: true, commandLine: null, startS: 1.1, workingSetMb: 4.9 });
  add({ name: 'wininit', session: 0, path: sys('wininit.exe'), protectedPath: true, commandLine: null, roles: ['wininit'], startS: 1.2, workingSetMb: 6.8 });
  add({ name: 'services', session: 0, path: sys('services.exe'), protectedPath: true, commandLine: null, roles: ['services'], parentRole: 'wininit', startS: 1.4, workingSetMb: 9.6 });
  add({ name: 'lsass', session: 0, path: sys('lsass.exe'), commandLine: 'C:\\Windows\\system32\\lsass.exe', roles: ['lsass'], parentRole: 'wininit', startS: 1.5, workingSetMb: 21 });
  if (o.build >= 17763) add({ name: 'fontdrvhost', session: 0, path: sys('fontdrvhost.exe'), commandLine: '"fontdrvhost.exe"', parentRole: 'wininit', startS: 1.7, workingSetMb: 3.3 });

  let t = 2;
  for (const [group, services, shared] of svchostGroups(o.build)) {
    const present = services.filter((svc) => serviceExists(svc, o));
    if (present.length === 0) continue;
    const hosts = o.splitSvchost && !shared ? present.map((s) => [s]) : [present];
    for (const members of hosts) {
      const suffix = o.splitSvchost ? ` -p${hosts.length > 1 || !shared ? ` -s ${members[0]}` : ''}` : '';
      t += 0.15;
      add({
        name: 'svchost',
        session: 0,
        path: sys('svchost.exe'),
        commandLine: `${SYS32}\\svchost.exe -k ${group}${suffix}`,
        roles: members.map((m) => `svc:${m}`),
        parentRole: 'services',
        startS: t,
        workingSetMb: 4 + members.length * 3.5 + (members.includes('Winmgmt') ? 18 : 0) + (members.includes('DcomLaunch') ? 14 : 0),
      });
    }
  }
  add({ name: 'spoolsv', session: 0, path: sys('spoolsv.exe'), commandLine: `${SYS32}\\spoolsv.exe`, roles: ['spoolsv'], parentRole: 'services', startS: 6, workingSetMb: 14 });
  add({ name: 'msdtc', session: 0, path: sys('msdtc.exe'), commandLine: `${SYS32}\\msdtc.exe`, parentRole: 'services', startS: 14, workingSetMb: 9.8 });
  const defender = o.build >= 17763 ? 'C:\\ProgramData\\Microsoft\\Windows Defender\\platform\\4.18.24090.11-0' : 'C:\\Program Files\\Windows Defender';
  add({ name: 'MsMpEng', session: 0, path: `${defender}\\MsMpEng.exe`, protectedPath: true, commandLine: null, parentRole: 'services', startS: 6.4, workingSetMb: 182 });
  add({ name: 'NisSrv', session: 0, path: `${defender}\\NisSrv.exe`, protectedPath: true, commandLine: null, parentRole: 'services', startS: 21, workingSetMb: 8.1 });
  add({ name: 'WmiPrvSE', session: 0, path: `${SYS32}\\wbem\\WmiPrvSE.exe`, commandLine: `${SYS32}\\wbem\\wmiprvse.exe -secured -Embedding`, parentRole: 'svc:DcomLaunch', startS: 30, workingSetMb: 11 });
  add({ name: 'WmiPrvSE', session: 0, path: `${SYS32}\\wbem\\WmiPrvSE.exe`, commandLine: `${SYS32}\\wbem\\wmiprvse.exe -Embedding`, roles: ['wmiprvse'], parentRole: 'svc:DcomLaunch', startS: 86_000, workingSetMb: 24 });
  add({ name: 'dllhost', session: 0, path: sys('dllhost.exe'), commandLine: `${SYS32}\\dllhost.exe /Processid:{02D4B3F1-FD88-11D1-960D-00805FC79235}`, parentRole: 'services', startS: 40, workingSetMb: 10 });
  if (o.build >= 17763) add({ name: 'SecurityHealthService', session: 0, path: sys('SecurityHealthService.exe'), commandLine: `${SYS32}\\SecurityHealthService.exe`, parentRole: 'services', startS: 45, workingSetMb: 7.4 });
  add({ name: 'sppsvc', session: 0, path: sys('sppsvc.exe'), protectedPath: true, commandLine: null, parentRole: 'services', startS: 120, workingSetMb: 12 });

  // The interactive session: its csrss and winlogon, then the shell (Desktop Experience) or cmd.exe (Server Core).
  const u = o.userSession;
  const s0 = o.sessionStartS ?? 2;
  const logon = s0 + 600;
  add({ name: 'csrss', session: u, path: sys('csrss.exe'), protectedPath: true, commandLine: null, startS: s0 + 0.2, workingSetMb: 5.6 });
  add({ name: 'winlogon', session: u, path: sys('winlogon.exe'), commandLine: 'winlogon.exe', roles: ['winlogon'], startS: s0 + 0.3, workingSetMb: 9.1 });
  if (o.build >= 17763) add({ name: 'fontdrvhost', session: u, path: sys('fontdrvhost.exe'), commandLine: '"fontdrvhost.exe"', parentRole: 'winlogon', startS: s0 + 0.4, workingSetMb: 4.4 });
  add({ name: 'dwm', session: u, path: sys('dwm.exe'), commandLine: '"dwm.exe"', parentRole: 'winlogon', startS: s0 + 0.6, workingSetMb: o.desktop ? 48 : 22 });
  add({ name: 'sihost', session: u, path: sys('sihost.exe'), commandLine: 'sihost.exe', parentRole: 'svc:UserManager', startS: logon, workingSetMb: 19 });
  add({ name: 'taskhostw', session: u, path: sys('taskhostw.exe'), commandLine: 'taskhostw.exe {222A245B-E637-4AE9-A93F-A59CA119A75E}', parentRole: 'svc:Schedule', startS: logon + 1, workingSetMb: 12 });
  if (o.desktop) {
    add({ name: 'explorer', session: u, path: 'C:\\Windows\\explorer.exe', commandLine: 'C:\\Windows\\Explorer.EXE', roles: ['explorer'], startS: logon + 2, workingSetMb: 78 });
    add({ name: 'ctfmon', session: u, path: sys('ctfmon.exe'), commandLine: '"ctfmon.exe"', startS: logon + 3, workingSetMb: 11 });
    add({ name: 'ShellExperienceHost', session: u, path: 'C:\\Windows\\SystemApps\\ShellExperienceHost_cw5n1h2txyewy\\ShellExperienceHost.exe', commandLine: '"C:\\Windows\\SystemApps\\ShellExperienceHost_cw5n1h2txyewy\\ShellExperienceHost.exe" -ServerName:App.AppXtk181tbxbce2qsex02s8tw7hfxa9xb3t.mca', parentRole: 'svc:DcomLaunch', startS: logon + 5, workingSetMb: 44 });
    const search = o.build >= 20348 ? ['SearchApp', 'C:\\Windows\\SystemApps\\Microsoft.Windows.Search_cw5n1h2txyewy\\SearchApp.exe'] : ['SearchUI', 'C:\\Windows\\SystemApps\\Microsoft.Windows.Cortana_cw5n1h2txyewy\\SearchUI.exe'];
    add({ name: search[0]!, session: u, path: search[1]!, commandLine: `"${search[1]!}" -ServerName:CortanaUI.AppXa50dqqa5gqv4a428c9y1jjw7m3btvepj.mca`, parentRole: 'svc:DcomLaunch', startS: logon + 6, workingSetMb: 61 });
    for (let i = 0; i < 3; i++) add({ name: 'RuntimeBroker', session: u, path: sys('RuntimeBroker.exe'), commandLine: `${SYS32}\\RuntimeBroker.exe -Embedding`, parentRole: 'svc:DcomLaunch', startS: logon + 7 + i * 40, workingSetMb: 9 + i * 4 });
    add({ name: 'ServerManager', session: u, path: sys('ServerManager.exe'), commandLine: `"${SYS32}\\ServerManager.exe"`, parentRole: 'explorer', startS: logon + 9, workingSetMb: 96 });
    add({ name: 'smartscreen', session: u, path: sys('smartscreen.exe'), commandLine: `${SYS32}\\smartscreen.exe -Embedding`, parentRole: 'svc:DcomLaunch', startS: logon + 12, workingSetMb: 18 });
  } else {
    add({ name: 'cmd', session: u, path: sys('cmd.exe'), commandLine: `"${SYS32}\\cmd.exe"`, roles: ['shell'], parentRole: 'winlogon', startS: logon, workingSetMb: 3.1 });
    add({ name: 'conhost', session: u, path: sys('conhost.exe'), commandLine: '\\??\\C:\\Windows\\system32\\conhost.exe 0x4', parentRole: 'shell', startS: logon, workingSetMb: 10 });
  }
  if (o.rdp) add({ name: 'rdpclip', session: u, path: sys('rdpclip.exe'), commandLine: 'rdpclip', parentRole: 'svc:TermService', startS: logon + 1, workingSetMb: 8.9 });
  return specs;
}

/** Before 15063 the firewall services shared LocalServiceNoNetwork with DPS. */
function svchostGroups(build: number): readonly (readonly [string, readonly string[], boolean])[] {
  if (build >= 15063) return SVCHOST_GROUPS;
  return SVCHOST_GROUPS.filter(([g]) => g !== 'LocalServiceNoNetworkFirewall').map(([g, s, shared]) =>
    g === 'LocalServiceNoNetwork' ? ([g, ['BFE', 'mpssvc', ...s], shared] as const) : ([g, s, shared] as const),
  );
}

function serviceExists(svc: string, o: BaselineOptions): boolean {
  if (svc === 'nvagent') return o.build >= 17763;
  if (svc === 'Themes' || svc === 'ShellHWDetection' || svc === 'PcaSvc') return o.desktop;
  if (svc === 'WpnService') return o.desktop || o.build >= 17763;
  return true;
}
