// Rows of the PowerShell host probes in the two shapes the bundle meets: Windows PowerShell 5.1 without casts
// (enums as numbers, CIM noise), and a probe that casts enums with [string] (names).
import type { HostProcess } from './host-processes';
import type { Json } from './json';
import type { NetstatRow } from './text-probes';

export type Dialect = 'ps51' | 'ps7';

/**
 * Get-Process joined with Win32_Process (ParentProcessId, CommandLine). 5.1 cannot read protected images.
 * `withOwner`: the probe ran elevated, so Get-Process -IncludeUserName gave UserName (see processOwner).
 */
export function processRecord(p: HostProcess, dialect: Dialect, withOwner = false): Json {
  return {
    Id: p.pid,
    ProcessName: p.name,
    SI: p.session,
    Path: dialect === 'ps51' && p.protectedPath ? null : p.path,
    StartTime: p.start,
    WorkingSet64: p.workingSet,
    ParentProcessId: p.parentPid,
    CommandLine: p.commandLine,
    ...(withOwner ? { UserName: processOwner(p) } : {}),
  };
}

const GUID_IN_TEXT = /[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}/i;

/**
 * The owner the host resolves: none for a process-isolated container's processes (ContainerAdministrator
 * exists only inside, knowledge notes section 2), the VM's own account for vmwp (illustrative: no public
 * capture shows it), SYSTEM for the other services, the signed-in admin in an interactive session.
 */
function processOwner(p: HostProcess): string | null {
  if (p.name === 'vmwp') {
    const guid = GUID_IN_TEXT.exec(p.commandLine ?? '')?.[0];
    return guid ? `NT VIRTUAL MACHINE\\${guid.toUpperCase()}` : null;
  }
  if (p.roles.some((r) => r.includes(':') && !r.startsWith('svc:'))) return null;
  return p.session === 0 ? 'NT AUTHORITY\\SYSTEM' : 'CONTOSO\\hostadmin';
}

export interface DiskDef {
  readonly number: number;
  readonly friendlyName: string;
  readonly location: string | null;
  readonly path: string;
  readonly busType: 'RAID' | 'SAS' | 'NVMe' | 'SATA' | 'File Backed Virtual';
  readonly size: number;
  readonly driveLetters: readonly string[];
  readonly serialNumber?: string;
}

const BUS_NUMBERS: Readonly<Record<DiskDef['busType'], number>> = { SAS: 10, SATA: 11, RAID: 8, 'File Backed Virtual': 15, NVMe: 17 };

export function diskRecord(d: DiskDef, dialect: Dialect): Json {
  return {
    Number: d.number,
    FriendlyName: d.friendlyName,
    SerialNumber: d.serialNumber ?? null,
    Location: d.location,
    Path: d.path,
    BusType: dialect === 'ps51' ? BUS_NUMBERS[d.busType] : d.busType,
    PartitionStyle: dialect === 'ps51' ? 2 : 'GPT',
    Size: d.size,
    IsOffline: false,
    IsBoot: d.driveLetters.includes('C'),
    IsSystem: d.driveLetters.includes('C'),
    OperationalStatus: 'Online',
    DriveLetters: d.driveLetters,
  };
}

/** \\?\ path of a disk; `&` is what 5.1 escapes as \u0026. */
export function diskPath(vendor: string, product: string, instance: string): string {
  return `\\\\?\\scsi#disk&ven_${vendor}&prod_${product}#${instance}#{53f56307-b6bf-11d0-94f2-00a0c91efb8b}`;
}

export interface IpDef {
  readonly alias: string;
  readonly index: number;
  readonly ip: string;
  readonly prefix: number;
}

export function ipRecord(a: IpDef, dialect: Dialect): Json {
  const v6 = a.ip.includes(':');
  return {
    InterfaceAlias: a.alias,
    InterfaceIndex: a.index,
    IPAddress: a.ip,
    PrefixLength: a.prefix,
    AddressFamily: dialect === 'ps51' ? (v6 ? 23 : 2) : v6 ? 'IPv6' : 'IPv4',
    PrefixOrigin: dialect === 'ps51' ? (a.ip.startsWith('fe80') || a.ip === '::1' || a.ip === '127.0.0.1' ? 2 : 1) : a.ip.startsWith('fe80') || a.ip === '::1' || a.ip === '127.0.0.1' ? 'WellKnown' : 'Manual',
  };
}

export interface AdapterDef {
  readonly name: string;
  readonly description: string;
  readonly ifIndex: number;
  readonly status: 'Up' | 'Disconnected' | 'Not Present';
  readonly mac: string;
  readonly hidden?: boolean;
}

export function adapterRecord(a: AdapterDef): Json {
  return { Name: a.name, InterfaceDescription: a.description, ifIndex: a.ifIndex, Status: a.status, MacAddress: a.mac, LinkSpeed: a.status === 'Up' ? '10 Gbps' : '0 bps', Hidden: a.hidden ?? false };
}

export interface FirewallProfileDef {
  readonly name: 'Domain' | 'Private' | 'Public';
  readonly enabled: boolean;
  readonly defaultInbound: 'Block' | 'Allow' | 'NotConfigured';
  readonly defaultOutbound: 'Block' | 'Allow' | 'NotConfigured';
  readonly allowLocalRules: boolean | 'NotConfigured';
}

const ACTION_NUMBERS = { NotConfigured: 0, Allow: 2, Block: 4 } as const;

export function firewallProfileRecord(p: FirewallProfileDef, dialect: Dialect): Json {
  const gpo = (v: boolean | 'NotConfigured'): Json => (dialect === 'ps51' ? (v === 'NotConfigured' ? 2 : v ? 1 : 0) : v === 'NotConfigured' ? 'NotConfigured' : v ? 'True' : 'False');
  return {
    Name: p.name,
    Enabled: gpo(p.enabled),
    DefaultInboundAction: dialect === 'ps51' ? ACTION_NUMBERS[p.defaultInbound] : p.defaultInbound,
    DefaultOutboundAction: dialect === 'ps51' ? ACTION_NUMBERS[p.defaultOutbound] : p.defaultOutbound,
    AllowInboundRules: gpo('NotConfigured'),
    AllowLocalFirewallRules: gpo(p.allowLocalRules),
    AllowLocalIPsecRules: gpo('NotConfigured'),
    AllowUnicastResponseToMulticast: gpo('NotConfigured'),
    NotifyOnListen: gpo(false),
    LogFileName: '%systemroot%\\system32\\LogFiles\\Firewall\\pfirewall.log',
    LogMaxSizeKilobytes: 4096,
    LogAllowed: gpo(false),
    LogBlocked: gpo(false),
  };
}

export function connectionProfileRecord(alias: string, index: number, networkName: string, category: 'Public' | 'Private' | 'DomainAuthenticated', dialect: Dialect): Json {
  const numbers = { Public: 0, Private: 1, DomainAuthenticated: 2 } as const;
  return {
    Name: networkName,
    InterfaceAlias: alias,
    InterfaceIndex: index,
    NetworkCategory: dialect === 'ps51' ? numbers[category] : category,
    IPv4Connectivity: dialect === 'ps51' ? (category === 'Public' ? 1 : 4) : category === 'Public' ? 'NoTraffic' : 'Internet',
    IPv6Connectivity: dialect === 'ps51' ? 1 : 'NoTraffic',
  };
}

/** TCP states of MSFT_NetTCPConnection by name. */
const TCP_STATE_NUMBERS = { Listen: 2, SynSent: 3, Established: 5, TimeWait: 11, CloseWait: 8, Bound: 100 } as const;
export type TcpStateName = keyof typeof TCP_STATE_NUMBERS;

export function tcpRecord(local: string, localPort: number, remote: string, remotePort: number, state: TcpStateName, pid: number, dialect: Dialect): Json {
  return {
    LocalAddress: local,
    LocalPort: localPort,
    RemoteAddress: remote,
    RemotePort: remotePort,
    State: dialect === 'ps51' ? TCP_STATE_NUMBERS[state] : state,
    OwningProcess: pid,
  };
}

export function udpRecord(local: string, localPort: number, pid: number): Json {
  return { LocalAddress: local, LocalPort: localPort, OwningProcess: pid };
}

const NETSTAT_STATES: Readonly<Record<string, TcpStateName>> = { LISTENING: 'Listen', ESTABLISHED: 'Established', TIME_WAIT: 'TimeWait', CLOSE_WAIT: 'CloseWait', SYN_SENT: 'SynSent' };

function splitEndpoint(endpoint: string): [string, number] {
  const at = endpoint.lastIndexOf(':');
  const address = endpoint.slice(0, at).replace(/^\[(.*)\]$/, '$1');
  return [address, Number(endpoint.slice(at + 1))];
}

/** Get-NetTCPConnection / Get-NetUDPEndpoint rows for the same sockets netstat shows (one source of truth). */
export function socketRecords(rows: readonly NetstatRow[], dialect: Dialect): { tcp: Json[]; udp: Json[] } {
  const tcp: Json[] = [];
  const udp: Json[] = [];
  for (const r of rows) {
    const [local, localPort] = splitEndpoint(r.local);
    if (r.proto === 'UDP') {
      udp.push(udpRecord(local, localPort, r.pid));
      continue;
    }
    const [remote, remotePort] = splitEndpoint(r.remote ?? '0.0.0.0:0');
    tcp.push(tcpRecord(local, localPort, remote, remotePort, NETSTAT_STATES[r.state ?? 'LISTENING']!, r.pid, dialect));
  }
  return { tcp, udp };
}
