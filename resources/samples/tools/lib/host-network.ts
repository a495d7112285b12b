// The host files added in bundle 1.1 (../shared/spec/bundle-v1.md, "Files added in 1.1"): routes, IP interfaces, DNS
// client servers, vSwitches, services, events, proxy, hotfixes, the computer, `netsh ... excludedportrange` text,
// and `ipconfig /all` and the hosts file inside a container. Enum numbers are what Windows PowerShell 5.1 writes
// without casts (knowledge notes section 9); `ps7` means a probe that casts enums with [string].
import type { ContainerDef } from './docker-objects';
import type { Dialect, IpDef } from './host-records';
import { hex64 } from './ids';
import type { Json } from './json';
import type { When } from './when';

/** An interface of the host as Get-NetIPInterface and Get-DnsClientServerAddress see it. */
export interface InterfaceDef {
  readonly alias: string;
  readonly index: number;
  /** NlMtu; 1500 unless given (the loopback pseudo-interface reports 4294967295). */
  readonly mtu?: number;
  /** IPv4 InterfaceMetric; automatic unless `manualMetric`. */
  readonly metric: number;
  readonly manualMetric?: boolean;
  readonly dhcp?: boolean;
  /** ConnectionState; connected unless false. */
  readonly connected?: boolean;
  /** IPv4 DNS servers of the interface. */
  readonly dns?: readonly string[];
  /** Windows lists the three site-local fec0::ffff servers on IPv6 of interfaces without IPv6 DNS. */
  readonly siteLocalDns6?: boolean;
}

const LOOPBACK = 'Loopback Pseudo-Interface 1';

export const LOOPBACK_INTERFACE: InterfaceDef = { alias: LOOPBACK, index: 1, mtu: 4_294_967_295, metric: 75 };

const FAMILY = { IPv4: 2, IPv6: 23 } as const;

function family(v6: boolean, dialect: Dialect): Json {
  return dialect === 'ps51' ? FAMILY[v6 ? 'IPv6' : 'IPv4'] : v6 ? 'IPv6' : 'IPv4';
}

function flag(on: boolean, dialect: Dialect): Json {
  return dialect === 'ps51' ? (on ? 1 : 0) : on ? 'Enabled' : 'Disabled';
}

/** Get-NetIPInterface: IPv6 rows first, then IPv4, as the cmdlet lists them. */
export function ipInterfaceRecords(interfaces: readonly InterfaceDef[], dialect: Dialect): Json[] {
  const rows = (v6: boolean): Json[] =>
    interfaces.map((i) => ({
      InterfaceAlias: i.alias,
      InterfaceIndex: i.index,
      AddressFamily: family(v6, dialect),
      NlMtu: i.mtu ?? 1500,
      InterfaceMetric: i.alias === LOOPBACK ? 75 : i.metric,
      AutomaticMetric: flag(!i.manualMetric, dialect),
      Dhcp: flag(v6 ? false : (i.dhcp ?? false), dialect),
      ConnectionState: dialect === 'ps51' ? (i.connected === false ? 0 : 1) : i.connected === false ? 'Disconnected' : 'Connected',
      Forwarding: flag(false, dialect),
    }));
  return [...rows(true), ...rows(false)];
}

/** Get-DnsClientServerAddress: one row per interface and family; ServerAddresses is always an array. */
export function dnsServerRecords(interfaces: readonly InterfaceDef[], dialect: Dialect): Json[] {
  return interfaces.flatMap((i) => [
    { InterfaceAlias: i.alias, InterfaceIndex: i.index, AddressFamily: family(false, dialect), ServerAddresses: [...(i.dns ?? [])] },
    {
      InterfaceAlias: i.alias,
      InterfaceIndex: i.index,
      AddressFamily: family(true, dialect),
      ServerAddresses: i.siteLocalDns6 ? ['fec0:0:0:ffff::1', 'fec0:0:0:ffff::2', 'fec0:0:0:ffff::3'] : [],
    },
  ]);
}

export interface RouteDef {
  readonly prefix: string;
  readonly nextHop: string;
  readonly alias: string;
  readonly index: number;
  readonly metric: number;
  /** MSFT_NetRoute Protocol: Local 2, NetMgmt 3 (static), Dhcp 19. */
  readonly protocol: 'Local' | 'NetMgmt' | 'Dhcp';
}

const ROUTE_PROTOCOLS = { Local: 2, NetMgmt: 3, Dhcp: 19 } as const;

function ipv4ToNumber(ip: string): number {
  return ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
}

function numberToIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/**
 * The routes Windows derives from the addresses of the connected interfaces (subnet, host and broadcast
 * routes, multicast and limited broadcast, the link-local IPv6 routes), plus the default and any other routes
 * given: what `Get-NetRoute` lists. IPv6 first, then IPv4, interfaces by descending index.
 */
export function routeRecords(interfaces: readonly InterfaceDef[], ips: readonly IpDef[], extra: readonly RouteDef[], dialect: Dialect): Json[] {
  const local = (prefix: string, i: InterfaceDef): RouteDef => ({ prefix, nextHop: prefix.includes(':') ? '::' : '0.0.0.0', alias: i.alias, index: i.index, metric: 256, protocol: 'Local' });
  const v6: RouteDef[] = [];
  const v4: RouteDef[] = [];
  for (const i of [...interfaces].filter((x) => x.connected !== false).sort((a, b) => b.index - a.index)) {
    const own = ips.filter((a) => a.alias === i.alias);
    v6.push(local('ff00::/8', i));
    for (const a of own.filter((x) => x.ip.includes(':'))) {
      const ip = a.ip.replace(/%.*$/, '');
      if (ip === '::1') v6.push(local('::1/128', i));
      else v6.push(local(`${ip}/128`, i), local('fe80::/64', i));
    }
    v4.push(local('255.255.255.255/32', i), local('224.0.0.0/4', i));
    for (const a of own.filter((x) => !x.ip.includes(':'))) {
      const size = 2 ** (32 - a.prefix);
      const network = Math.floor(ipv4ToNumber(a.ip) / size) * size;
      v4.push(local(`${a.ip}/32`, i));
      if (a.prefix < 31) v4.push(local(`${numberToIpv4(network + size - 1)}/32`, i));
      if (a.prefix < 32) v4.push(local(`${numberToIpv4(network)}/${a.prefix}`, i));
    }
  }
  const all = [...v6, ...v4.reverse(), ...extra];
  return all.map((r) => ({
    DestinationPrefix: r.prefix,
    NextHop: r.nextHop,
    InterfaceAlias: r.alias,
    InterfaceIndex: r.index,
    RouteMetric: r.metric,
    AddressFamily: family(r.prefix.includes(':'), dialect),
    Protocol: dialect === 'ps51' ? ROUTE_PROTOCOLS[r.protocol] : r.protocol,
  }));
}

export interface VmSwitchDef {
  readonly name: string;
  /** Get-VMSwitch Id (lower case), the LayeredOn of the HNS network. */
  readonly id: string;
  readonly type: 'Private' | 'Internal' | 'External';
  readonly adapterDescription?: string;
}

const SWITCH_TYPES = { Private: 0, Internal: 1, External: 2 } as const;

export function vmSwitchRecord(s: VmSwitchDef, dialect: Dialect): Json {
  return {
    Name: s.name,
    Id: s.id.toLowerCase(),
    SwitchType: dialect === 'ps51' ? SWITCH_TYPES[s.type] : s.type,
    NetAdapterInterfaceDescription: s.adapterDescription ?? null,
    AllowManagementOS: s.type !== 'Private',
  };
}

export interface ServiceDef {
  readonly name: 'docker' | 'hns' | 'vmcompute' | 'winnat' | 'SharedAccess' | 'nvagent';
  readonly state: 'Running' | 'Stopped';
  readonly startMode: 'Auto' | 'Manual' | 'Disabled';
  readonly processId: number;
  /** Win32 exit code; 1077 is what a service that never started since boot reports. */
  readonly exitCode?: number;
}

/** Win32_Service (Win32_BaseService for the winnat driver): strings in both dialects, as WMI gives them. */
export function serviceRecords(services: readonly ServiceDef[]): Json[] {
  return services.map((s) => ({ Name: s.name, State: s.state, StartMode: s.startMode, ExitCode: s.exitCode ?? (s.state === 'Running' ? 0 : 1077), ProcessId: s.state === 'Running' ? s.processId : 0 }));
}

/** The six services host.services asks for, all in their usual healthy state. */
export function healthyServices(pids: { readonly docker: number; readonly hns: number; readonly vmcompute: number; readonly nvagent: number | null }): ServiceDef[] {
  return [
    { name: 'docker', state: 'Running', startMode: 'Auto', processId: pids.docker },
    { name: 'hns', state: 'Running', startMode: 'Manual', processId: pids.hns },
    { name: 'vmcompute', state: 'Running', startMode: 'Manual', processId: pids.vmcompute },
    // A kernel driver: no process of its own.
    { name: 'winnat', state: 'Running', startMode: 'Manual', processId: 0 },
    { name: 'SharedAccess', state: 'Stopped', startMode: 'Manual', processId: 0 },
    pids.nvagent === null ? { name: 'nvagent', state: 'Stopped', startMode: 'Manual', processId: 0 } : { name: 'nvagent', state: 'Running', startMode: 'Manual', processId: pids.nvagent },
  ];
}

export interface EventDef {
  readonly at: When;
  readonly log: 'System' | 'Application' | 'Microsoft-Windows-Host-Network-Service-Admin' | 'Microsoft-Windows-Hyper-V-Compute-Admin';
  readonly provider: string;
  readonly id: number;
  /** 1 Critical, 2 Error, 3 Warning, 4 Information. */
  readonly level: 1 | 2 | 3 | 4;
  readonly message: string;
}

export const HNS_ADMIN = 'Microsoft-Windows-Host-Network-Service-Admin' as const;
export const HNS_PROVIDER = 'Microsoft-Windows-Host-Network-Service';
export const SCM = 'Service Control Manager';

/** Get-WinEvent over the logs host.events reads, newest first. */
export function eventRecords(events: readonly EventDef[]): Json[] {
  return [...events]
    .sort((a, b) => b.at.utcMs - a.at.utcMs)
    .map((e) => ({ TimeCreated: e.at, LogName: e.log, ProviderName: e.provider, Id: e.id, Level: e.level, Message: e.message }));
}

/** A docker service event in the Application log (the engine's event log hook uses id 1 for every level). */
export function dockerEvent(at: When, level: 2 | 3 | 4, message: string): EventDef {
  return { at, log: 'Application', provider: 'docker', id: 1, level, message };
}

export interface PortRange {
  readonly start: number;
  readonly end: number;
  /** Administered (persistent) exclusion: netsh marks it with `*`. */
  readonly administered?: boolean;
}

export interface ExcludedPortsDef {
  readonly tcp4: readonly PortRange[];
  readonly udp4: readonly PortRange[];
  readonly tcp6: readonly PortRange[];
  readonly dynamicTcp: { readonly start: number; readonly count: number };
  readonly dynamicUdp: { readonly start: number; readonly count: number };
}

function exclusionTable(protocol: 'tcp' | 'udp', ranges: readonly PortRange[]): string {
  const rows = ranges.map((r) => `${String(r.start).padStart(10)}  ${String(r.end).padStart(10)}${r.administered ? '     *' : ''}`);
  return ['', `Protocol ${protocol} Port Exclusion Ranges`, '', 'Start Port    End Port', '----------    --------', ...rows, '', '* - Administered port exclusions.', '', ''].join('\r\n');
}

function dynamicTable(protocol: 'tcp' | 'udp', d: { readonly start: number; readonly count: number }): string {
  return ['', `Protocol ${protocol} Dynamic Port Range`, '---------------------------------', `Start Port      : ${d.start}`, `Number of Ports : ${d.count}`, '', ''].join('\r\n');
}

/** host/excludedports.txt: the five netsh commands, each after a `### <command>` line, in English. */
export function renderExcludedPorts(d: ExcludedPortsDef): string {
  const section = (command: string, body: string): string => `### ${command}\r\n${body}`;
  return [
    section('netsh int ipv4 show excludedportrange protocol=tcp', exclusionTable('tcp', d.tcp4)),
    section('netsh int ipv4 show excludedportrange protocol=udp', exclusionTable('udp', d.udp4)),
    section('netsh int ipv6 show excludedportrange protocol=tcp', exclusionTable('tcp', d.tcp6)),
    section('netsh int ipv4 show dynamicport tcp', dynamicTable('tcp', d.dynamicTcp)),
    section('netsh int ipv4 show dynamicport udp', dynamicTable('udp', d.dynamicUdp)),
  ].join('');
}

/** The usual dynamic range since Vista: 49152-65535. */
export const DEFAULT_DYNAMIC = { start: 49152, count: 16384 } as const;

/** host/proxy.json without any proxy: WinHTTP direct, no machine variables, no Environment on the docker service. */
export function noProxy(): Json {
  return {
    WinHttp: '\r\nCurrent WinHTTP proxy settings:\r\n\r\n    Direct access (no proxy server).\r\n\r\n',
    Machine: { HTTP_PROXY: null, HTTPS_PROXY: null, NO_PROXY: null },
    DockerService: null,
  };
}

export function hotfixRecords(fixes: readonly (readonly [id: string, installedOn: When])[]): Json[] {
  return fixes.map(([id, on]) => ({ HotFixID: id, InstalledOn: on }));
}

export function computerRecord(manufacturer: string, model: string, hypervisorPresent: boolean, domain: string | null): Json {
  return { Manufacturer: manufacturer, Model: model, HypervisorPresent: hypervisorPresent, PartOfDomain: domain !== null, Domain: domain ?? 'WORKGROUP' };
}

/** One adapter inside a container as `ipconfig /all` prints it. */
export interface ContainerAdapterDef {
  /** The host names the container's vNIC `vEthernet (Container NIC <first 8 of the endpoint id>)`. */
  readonly name: string;
  readonly description: string;
  /** Dashed, upper case. */
  readonly mac: string;
  readonly ip: string;
  readonly prefix: number;
  readonly linkLocal: string;
  readonly gateway: string | null;
  readonly dns: readonly string[];
  readonly dnsSuffix: string;
}

function mask(prefix: number): string {
  return numberToIpv4(prefix === 0 ? 0 : (2 ** 32 - 2 ** (32 - prefix)) >>> 0);
}

/** The labels of `ipconfig /all` on an English console, dotted to the colon column as Windows prints them. */
const IPCONFIG_LABELS = {
  hostName: 'Host Name . . . . . . . . . . . . ',
  primarySuffix: 'Primary Dns Suffix  . . . . . . . ',
  nodeType: 'Node Type . . . . . . . . . . . . ',
  routing: 'IP Routing Enabled. . . . . . . . ',
  wins: 'WINS Proxy Enabled. . . . . . . . ',
  searchList: 'DNS Suffix Search List. . . . . . ',
  suffix: 'Connection-specific DNS Suffix  . ',
  description: 'Description . . . . . . . . . . . ',
  mac: 'Physical Address. . . . . . . . . ',
  dhcp: 'DHCP Enabled. . . . . . . . . . . ',
  autoconf: 'Autoconfiguration Enabled . . . . ',
  linkLocal: 'Link-local IPv6 Address . . . . . ',
  ipv4: 'IPv4 Address. . . . . . . . . . . ',
  mask: 'Subnet Mask . . . . . . . . . . . ',
  gateway: 'Default Gateway . . . . . . . . . ',
  dns: 'DNS Servers . . . . . . . . . . . ',
  netbios: 'NetBIOS over Tcpip. . . . . . . . ',
} as const;

/** `ipconfig /all` inside a container: CRLF; further DNS servers continue under the first value. */
export function renderIpconfig(hostName: string, searchSuffix: string, adapters: readonly ContainerAdapterDef[]): string {
  const L = IPCONFIG_LABELS;
  const row = (label: string, value: string): string => `   ${label}: ${value}`;
  const head = ['', 'Windows IP Configuration', '', row(L.hostName, hostName), row(L.primarySuffix, ''), row(L.nodeType, 'Hybrid'), row(L.routing, 'No'), row(L.wins, 'No'), row(L.searchList, searchSuffix)];
  const blocks = adapters.flatMap((a) => [
    '',
    `Ethernet adapter ${a.name}:`,
    '',
    row(L.suffix, a.dnsSuffix),
    row(L.description, a.description),
    row(L.mac, a.mac),
    row(L.dhcp, 'No'),
    row(L.autoconf, 'Yes'),
    row(L.linkLocal, `${a.linkLocal}(Preferred)`),
    row(L.ipv4, `${a.ip}(Preferred)`),
    row(L.mask, mask(a.prefix)),
    row(L.gateway, a.gateway ?? ''),
    ...(a.dns.length === 0 ? [] : [row(L.dns, a.dns[0]!), ...a.dns.slice(1).map((d) => `${' '.repeat(39)}${d}`)]),
    row(L.netbios, 'Disabled'),
  ]);
  return [...head, ...blocks, ''].join('\r\n');
}

/** The hosts file Windows images ship (comments only), with lines an image author may have added. */
export function hostsFile(extra: readonly string[] = []): string {
  const lines = [
    '# Copyright (c) 1993-2009 Microsoft Corp.',
    '#',
    '# This is a sample HOSTS file used by Microsoft TCP/IP for Windows.',
    '#',
    '# This file contains the mappings of IP addresses to host names. Each',
    '# entry should be kept on an individual line. The IP address should',
    '# be placed in the first column followed by the corresponding host name.',
    '# The IP address and the host name should be separated by at least one',
    '# space.',
    '#',
    '# Additionally, comments (such as these) may be inserted on individual',
    "# lines or following the machine name denoted by a '#' symbol.",
    '#',
    '# For example:',
    '#',
    '#      102.54.94.97     rhino.acme.com          # source server',
    '#       38.25.63.10     x.acme.com              # x client host',
    '',
    '# localhost name resolution is handled within DNS itself.',
    '#\t127.0.0.1       localhost',
    '#\t::1             localhost',
    ...extra,
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/** A link-local IPv6 address derived from a seed, with the interface's zone index, as ipconfig prints it. */
export function linkLocal(seed: string, zone: number): string {
  const h = hex64(`ll:${seed}`);
  const groups = [0, 4, 8, 12].map((i) => h.slice(i, i + 4).replace(/^0+(?=.)/, ''));
  return `fe80::${groups.join(':')}%${zone}`;
}

/**
 * `ipconfig /all` and the hosts file inside a running container: one adapter per network it holds an address on
 * (the host names the vNIC after the first 8 characters of the endpoint id), the default gateway and DNS servers
 * on its first nat endpoint.
 */
export function containerDnsFiles(c: ContainerDef, o: { readonly dns: readonly string[]; readonly suffix: string; readonly hostsExtra?: readonly string[] }): { ipconfig: string; hosts: string } {
  const withAddress = c.endpoints.filter((e) => e.ip !== '' && e.network.subnet !== undefined);
  const first = withAddress.find((e) => e.network.driver === 'nat') ?? withAddress[0];
  const adapters = withAddress.map((e, i): ContainerAdapterDef => ({
    name: `vEthernet (Container NIC ${e.endpointId.slice(0, 8)})`,
    description: c.isolation === 'hyperv' ? 'Microsoft Hyper-V Network Adapter' : `Hyper-V Virtual Ethernet Container Adapter${i === 0 ? '' : ` #${i + 1}`}`,
    mac: e.mac.toUpperCase().replaceAll(':', '-'),
    ip: e.ip,
    prefix: Number(e.network.subnet!.split('/')[1]),
    linkLocal: linkLocal(`${c.id}:${e.network.name}`, 17 + i * 4),
    gateway: e === first ? (e.network.gateway ?? null) : null,
    dns: e === first ? o.dns : [],
    dnsSuffix: e === first ? o.suffix : '',
  }));
  return { ipconfig: renderIpconfig(c.id.slice(0, 12), o.suffix, adapters), hosts: hostsFile(o.hostsExtra) };
}
