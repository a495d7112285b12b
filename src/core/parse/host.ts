// PowerShell probe output (bundle-v1 host/*.json) -> model parts. Enum numbers follow the CIM classes listed in
// the knowledge notes, section 9 (MSFT_NetFirewallRule, MSFT_NetFirewallProfile, MSFT_NetTCPConnection, ...).
import { z } from 'zod';
import type {
  Adapter,
  ConnectionProfile,
  DaemonConfig,
  Disk,
  DockerService,
  FirewallProfile,
  FirewallProfileName,
  FirewallRule,
  HostInfo,
  HostProcess,
  IpAddress,
  NatInstance,
  NatSession,
  NatStaticMapping,
  PortFilter,
  TcpEndpoint,
  UdpEndpoint,
  Vhd,
} from '../../shared/model';
import {
  ciObject,
  converted,
  type Converted,
  dateOf,
  enumField,
  enumNames,
  flatList,
  int,
  intField,
  intOf,
  INVALID,
  list,
  optDateField,
  optInt,
  optIntField,
  optText,
  optTextField,
  psBool,
  psDate,
  psEnum,
  Rejected,
  type Scalar,
  text,
  textField,
  textList,
  textListValue,
  textOf,
  textValue,
} from './values';

// ---- host/os.json ---------------------------------------------------------------------------

/** $PSVersionTable.PSVersion in 5.1 JSON is an object {Major, Minor, Build, Revision}. */
const psVersion = z
  .union([text, ciObject({ Major: optInt, Minor: optInt, Build: optInt, Revision: optInt }), z.null()])
  .optional()
  .transform((v): string | null => {
    if (v === null || v === undefined) return null;
    if (typeof v === 'string') return v;
    return [v.Major, v.Minor, v.Build, v.Revision].filter((n): n is number => n !== null && n >= 0).join('.');
  });

const feature = z
  .union([text, ciObject({ Name: text })])
  .transform((f) => (typeof f === 'string' ? f : f.Name));

export const osSchema = ciObject({
  ComputerName: optText,
  Caption: optText,
  Version: optText,
  BuildNumber: optInt,
  UBR: optInt,
  EditionID: optText,
  InstallationType: optText,
  PSVersion: psVersion,
  Features: list(feature).nullish(),
  LastBootUpTime: psDate,
});

export function toHostInfo(raw: z.output<typeof osSchema>): HostInfo {
  return {
    computerName: raw.ComputerName,
    caption: raw.Caption,
    version: raw.Version,
    build: raw.BuildNumber ?? buildFromVersion(raw.Version),
    ubr: raw.UBR,
    editionId: raw.EditionID,
    installationType: raw.InstallationType,
    psVersion: raw.PSVersion,
    features: raw.Features ?? [],
    lastBootUpTime: raw.LastBootUpTime ?? null,
  };
}

/** "10.0.14393" -> 14393, where BuildNumber itself is missing. */
function buildFromVersion(version: string | null): number | null {
  const match = version ? /^\d+\.\d+\.(\d+)/.exec(version) : null;
  return match ? Number(match[1]) : null;
}

// ---- host/processes.json --------------------------------------------------------------------

// Large lists (processes, NAT sessions, TCP/UDP endpoints) check fields in the schema and convert in the mapper
// (values.ts explains why).
const processFields = {
  Id: intField,
  ProcessName: optTextField,
  Name: optTextField,
  SI: optIntField,
  SessionId: optIntField,
  Path: optTextField,
  StartTime: optDateField,
  WorkingSet64: optIntField,
  ParentProcessId: optIntField,
  CommandLine: optTextField,
  UserName: optTextField,
};

export const processesSchema = flatList(processFields);

export function toProcess(raw: z.output<typeof processesSchema>[number]): HostProcess {
  return {
    pid: Number(raw.Id),
    name: textOf(raw.ProcessName) ?? textOf(raw.Name) ?? '',
    sessionId: intOf(raw.SI) ?? intOf(raw.SessionId),
    path: textOf(raw.Path),
    startTime: dateOf(raw.StartTime),
    workingSet: intOf(raw.WorkingSet64),
    parentPid: intOf(raw.ParentProcessId),
    commandLine: textOf(raw.CommandLine),
    // The probe writes UserName only when the owners could be read: absent means not collected.
    ...(raw.UserName === undefined ? {} : { userName: textOf(raw.UserName) }),
  };
}

// ---- WinNAT ---------------------------------------------------------------------------------

const natSchema = ciObject({
  Name: text,
  InternalIPInterfaceAddressPrefix: optText,
  ExternalIPInterfaceAddressPrefix: optText,
  Active: psBool,
});

export const natsSchema = list(natSchema);

export function toNat(raw: z.output<typeof natSchema>): NatInstance {
  return {
    name: raw.Name,
    internalPrefix: raw.InternalIPInterfaceAddressPrefix,
    externalPrefix: raw.ExternalIPInterfaceAddressPrefix,
    active: raw.Active,
  };
}

/**
 * Static mappings display `TCP`/`UDP`; as numbers they are most likely IANA (6, 17) - a NAT session showed 1
 * for ICMP (knowledge notes section 9, unconfirmed for mappings), so other numbers stay `other`.
 */
const natProtocol = z
  .union([text, z.null()])
  .optional()
  .transform((p): 'tcp' | 'udp' | 'other' => {
    const v = (p ?? '').trim().toLowerCase();
    if (v === 'tcp' || v === '6') return 'tcp';
    if (v === 'udp' || v === '17') return 'udp';
    return 'other';
  });

const mappingSchema = ciObject({
  StaticMappingID: optInt,
  NatName: text,
  Protocol: natProtocol,
  RemoteExternalIPAddressPrefix: optText,
  ExternalIPAddress: optText,
  ExternalPort: int,
  InternalIPAddress: text,
  InternalPort: int,
  Active: psBool,
});

export const mappingsSchema = list(mappingSchema);

export function toMapping(raw: z.output<typeof mappingSchema>): NatStaticMapping {
  return {
    id: raw.StaticMappingID,
    natName: raw.NatName,
    protocol: raw.Protocol,
    remoteExternalPrefix: raw.RemoteExternalIPAddressPrefix,
    externalIp: raw.ExternalIPAddress,
    externalPort: raw.ExternalPort,
    internalIp: raw.InternalIPAddress,
    internalPort: raw.InternalPort,
    active: raw.Active,
  };
}

export const sessionsSchema = flatList({
  NatName: optTextField,
  Protocol: optTextField,
  InternalSourceAddress: optTextField,
  InternalSourcePort: optIntField,
  InternalDestinationAddress: optTextField,
  InternalDestinationPort: optIntField,
  ExternalSourceAddress: optTextField,
  ExternalSourcePort: optIntField,
  ExternalDestinationAddress: optTextField,
  ExternalDestinationPort: optIntField,
  CreationTime: optDateField,
});

/** Session protocols as IANA numbers (a session showed 1 for ICMP, knowledge notes section 9) or names. */
// A Map: a protocol read from a bundle ("constructor") must not resolve an inherited key (issue 17, defect 3).
const SESSION_PROTOCOLS: ReadonlyMap<string, string> = new Map([
  ['6', 'tcp'],
  ['17', 'udp'],
  ['1', 'icmp'],
]);
const SESSION_PROTOCOLS_BY_NUMBER: ReadonlyMap<number, string> = new Map(
  [...SESSION_PROTOCOLS].map(([number, name]) => [Number(number), name]),
);

/** A session's protocol: its number's name, or the text as written, trimmed and in lower case. */
function sessionProtocol(raw: Scalar | null | undefined): string {
  // Most sessions carry a number: looked up without going through text (200,000 sessions, issue 15).
  const known = typeof raw === 'number' ? SESSION_PROTOCOLS_BY_NUMBER.get(raw) : undefined;
  if (known !== undefined) return known;
  const protocol = textOf(raw)?.trim().toLowerCase() ?? '';
  return SESSION_PROTOCOLS.get(protocol) ?? protocol;
}

export function toSession(raw: z.output<typeof sessionsSchema>[number]): NatSession {
  return {
    natName: textOf(raw.NatName) ?? '',
    protocol: sessionProtocol(raw.Protocol),
    internalSourceAddress: textOf(raw.InternalSourceAddress),
    internalSourcePort: intOf(raw.InternalSourcePort),
    internalDestinationAddress: textOf(raw.InternalDestinationAddress),
    internalDestinationPort: intOf(raw.InternalDestinationPort),
    externalSourceAddress: textOf(raw.ExternalSourceAddress),
    externalSourcePort: intOf(raw.ExternalSourcePort),
    externalDestinationAddress: textOf(raw.ExternalDestinationAddress),
    externalDestinationPort: intOf(raw.ExternalDestinationPort),
    creationTime: dateOf(raw.CreationTime),
  };
}

// ---- Disks ----------------------------------------------------------------------------------

/** MSFT_Disk BusType; 15 is "File Backed Virtual", how a container sandbox VHD shows (knowledge notes, section 2). */
const BUS_TYPES: Record<number, string> = {
  0: 'Unknown',
  1: 'SCSI',
  2: 'ATAPI',
  3: 'ATA',
  4: '1394',
  5: 'SSA',
  6: 'Fibre Channel',
  7: 'USB',
  8: 'RAID',
  9: 'iSCSI',
  10: 'SAS',
  11: 'SATA',
  12: 'SD',
  13: 'MMC',
  14: 'Virtual',
  15: 'File Backed Virtual',
  16: 'Storage Spaces',
  17: 'NVMe',
};

const diskSchema = ciObject({
  Number: int,
  FriendlyName: optText,
  Location: optText,
  Path: optText,
  BusType: psEnum(BUS_TYPES).nullish(),
  Size: optInt,
  IsOffline: psBool,
  OperationalStatus: z
    .union([textList, z.null()])
    .transform((s) => (s && s.length > 0 ? s.join(', ') : null)),
  DriveLetters: textList,
});

export const disksSchema = list(diskSchema);

export function toDisk(raw: z.output<typeof diskSchema>): Disk {
  return {
    number: raw.Number,
    friendlyName: raw.FriendlyName,
    location: raw.Location,
    path: raw.Path,
    busType: raw.BusType ?? null,
    size: raw.Size,
    isOffline: raw.IsOffline,
    operationalStatus: raw.OperationalStatus,
    // [char] values may come through as numbers in some serialisations; keep letters only.
    driveLetters: raw.DriveLetters.map((l) => l.trim()).filter((l) => /^[A-Za-z]$/.test(l)),
  };
}

/** Get-VHD VhdType: 2 Fixed, 3 Dynamic, 4 Differencing (Microsoft.Vhd.PowerShell.VhdType). */
const vhdSchema = ciObject({
  DiskNumber: optInt,
  Path: text,
  VhdType: psEnum({ 2: 'Fixed', 3: 'Dynamic', 4: 'Differencing' }).nullish(),
  Attached: psBool,
});

export const vhdsSchema = list(vhdSchema);

export function toVhd(raw: z.output<typeof vhdSchema>): Vhd {
  return { diskNumber: raw.DiskNumber, path: raw.Path, vhdType: raw.VhdType ?? null, attached: raw.Attached };
}

// ---- Firewall -------------------------------------------------------------------------------

const ALL_PROFILES: readonly FirewallProfileName[] = ['domain', 'private', 'public'];

/** MSFT_NetFirewallRule Profile: bit flags 1 Domain, 2 Private, 4 Public, 0 Any; as text "Domain, Private" or "Any". */
const ruleProfiles = converted((v): Converted<FirewallProfileName[]> => {
  if (v === null || v === undefined) return [...ALL_PROFILES];
  // A list names one profile an entry; one value may name several ("Domain, Private").
  const written: string[] = [];
  for (const item of Array.isArray(v) ? (v as readonly unknown[]) : [v]) {
    const one = textValue(item);
    if (one instanceof Rejected) return one;
    written.push(one);
  }
  const parts = (Array.isArray(v) ? written : written[0]!.split(','))
    .map((p) => p.trim().toLowerCase())
    .filter((p) => p !== '');
  const out = new Set<FirewallProfileName>();
  for (const part of parts) {
    if (/^\d+$/.test(part)) {
      const flags = Number(part);
      if (flags === 0 || flags === 0x7fffffff) return [...ALL_PROFILES];
      if (flags & 1) out.add('domain');
      if (flags & 2) out.add('private');
      if (flags & 4) out.add('public');
    } else if (part === 'any') {
      return [...ALL_PROFILES];
    } else if (part === 'domain' || part === 'private' || part === 'public') {
      out.add(part);
    } else {
      return new Rejected(`expected Any, Domain, Private, Public or their bit flags; got "${part}"`);
    }
  }
  return out.size === 0 ? [...ALL_PROFILES] : [...out];
}, 'expected Any, Domain, Private, Public, their bit flags, or a list of them');

/** "Any", "80", "5000-5010", "RPC", or a list of them (Get-NetFirewallPortFilter). */
export function toPortFilter(values: readonly string[]): PortFilter {
  const ranges: [number, number][] = [];
  const keywords: string[] = [];
  for (const value of values.flatMap((v) => v.split(','))) {
    const v = value.trim();
    if (v === '' || v.toLowerCase() === 'any' || v === '*') return { kind: 'any' };
    const range = /^(\d+)\s*-\s*(\d+)$/.exec(v);
    if (range) ranges.push([Number(range[1]), Number(range[2])]);
    else if (/^\d+$/.test(v)) ranges.push([Number(v), Number(v)]);
    else keywords.push(v);
  }
  if (ranges.length === 0 && keywords.length === 0) return { kind: 'any' };
  return { kind: 'list', ranges, keywords };
}

const portField = textList.transform(toPortFilter);

/** IANA protocol numbers a rule may carry; a Map, so "constructor" or "__proto__" resolve nothing (issue 17). */
const RULE_PROTOCOL_NUMBERS: ReadonlyMap<string, string> = new Map([
  ['6', 'tcp'],
  ['17', 'udp'],
  ['1', 'icmpv4'],
  ['58', 'icmpv6'],
  ['256', 'any'],
]);

/** Protocol as a name ("TCP", "Any") or IANA number (6, 17, 1, 58). */
const ruleProtocol = converted((p): Converted<string> => {
  const written = p === null || p === undefined ? 'any' : textValue(p);
  if (written instanceof Rejected) return written;
  const v = written.trim().toLowerCase();
  return v === '' ? 'any' : (RULE_PROTOCOL_NUMBERS.get(v) ?? v);
}, 'expected a protocol name or number');

const ruleEnabledName = enumNames({ 1: 'True', 2: 'False' });

/** MSFT_NetFirewallRule Enabled: 1 True, 2 False, or a JSON boolean. */
const ruleEnabled = converted((v): Converted<boolean> => {
  if (typeof v === 'boolean') return v;
  if ((typeof v === 'number' && Number.isSafeInteger(v)) || (typeof v === 'string' && v.trim() !== ''))
    return ruleEnabledName(v) === 'True';
  return INVALID;
}, 'expected true or false (1 True, 2 False)');

/** InterfaceAlias as collected: null where the bundle does not carry it, `['Any']` for no interface scope. */
const ruleInterfaces = converted((value): Converted<string[] | null> => {
  if (value === undefined) return null;
  const listed = value === null ? [] : textListValue(value);
  if (listed instanceof Rejected) return listed;
  const aliases = listed.map((a) => a.trim()).filter((a) => a !== '');
  return aliases.length === 0 || aliases.some((a) => a.toLowerCase() === 'any') ? ['Any'] : aliases;
}, 'expected an interface alias or a list of them');

const ruleSchema = ciObject({
  Name: text,
  DisplayName: optText,
  Group: optText,
  DisplayGroup: optText,
  Enabled: ruleEnabled,
  // Direction: 1 Inbound, 2 Outbound.
  Direction: psEnum({ 1: 'Inbound', 2: 'Outbound' }),
  // Action: 2 Allow, 3 AllowBypass, 4 Block (the COM API's 0/1 are different numbers: never mixed here).
  Action: psEnum({ 2: 'Allow', 3: 'AllowBypass', 4: 'Block' }),
  Profile: ruleProfiles,
  PolicyStoreSource: optText,
  Protocol: ruleProtocol,
  LocalPort: portField,
  RemotePort: portField,
  LocalAddress: textList,
  RemoteAddress: textList,
  Program: optText,
  // 1.1: Get-NetFirewallInterfaceFilter's aliases, `Any` or a list; absent in a 1.0 bundle (not collected).
  InterfaceAlias: ruleInterfaces,
});

export const rulesSchema = list(ruleSchema);

export type RuleParseResult =
  | { readonly kind: 'ok'; readonly rule: FirewallRule }
  | { readonly kind: 'invalid'; readonly reason: string };

export function toRule(raw: z.output<typeof ruleSchema>): RuleParseResult {
  const direction = raw.Direction.toLowerCase();
  const action = raw.Action.toLowerCase();
  if (direction !== 'inbound' && direction !== 'outbound') {
    return {
      kind: 'invalid',
      reason: `Direction: expected Inbound or Outbound (1, 2); got "${raw.Direction}"`,
    };
  }
  if (action !== 'allow' && action !== 'block' && action !== 'allowbypass') {
    return {
      kind: 'invalid',
      reason: `Action: expected Allow, AllowBypass or Block (2, 3, 4); got "${raw.Action}"`,
    };
  }
  return {
    kind: 'ok',
    rule: {
      name: raw.Name,
      displayName: raw.DisplayName,
      group: raw.Group ?? raw.DisplayGroup,
      enabled: raw.Enabled,
      direction,
      action: action === 'block' ? 'block' : 'allow',
      profiles: raw.Profile,
      policyStoreSource: raw.PolicyStoreSource,
      protocol: raw.Protocol,
      localPorts: raw.LocalPort,
      remotePorts: raw.RemotePort,
      localAddresses: raw.LocalAddress.length === 0 ? ['Any'] : raw.LocalAddress,
      remoteAddresses: raw.RemoteAddress.length === 0 ? ['Any'] : raw.RemoteAddress,
      program: raw.Program,
      interfaceAliases: raw.InterfaceAlias,
    },
  };
}

/** GpoBoolean: 0 False, 1 True, 2 NotConfigured (null: the default applies). */
const gpoBoolean = z
  .union([z.boolean(), psEnum({ 0: 'False', 1: 'True', 2: 'NotConfigured' }), z.null()])
  .optional()
  .transform((v): boolean | null =>
    v === true || v === 'True' ? true : v === false || v === 'False' ? false : null,
  );

/** DefaultInboundAction: 0 NotConfigured, 2 Allow, 4 Block. */
const profileAction = z
  .union([psEnum({ 0: 'NotConfigured', 2: 'Allow', 4: 'Block' }), z.null()])
  .optional()
  .transform((v): 'allow' | 'block' | null => (v === 'Allow' ? 'allow' : v === 'Block' ? 'block' : null));

const profileSchema = ciObject({
  Name: text,
  Enabled: gpoBoolean,
  DefaultInboundAction: profileAction,
  DefaultOutboundAction: profileAction,
  AllowLocalFirewallRules: gpoBoolean,
});

export const profilesSchema = list(profileSchema);

export function toProfile(raw: z.output<typeof profileSchema>): FirewallProfile | null {
  const name = raw.Name.trim().toLowerCase();
  if (name !== 'domain' && name !== 'private' && name !== 'public') return null;
  return {
    name,
    enabled: raw.Enabled,
    defaultInboundAction: raw.DefaultInboundAction,
    defaultOutboundAction: raw.DefaultOutboundAction,
    allowLocalFirewallRules: raw.AllowLocalFirewallRules,
  };
}

/** NetworkCategory: 0 Public, 1 Private, 2 DomainAuthenticated. */
const connectionSchema = ciObject({
  InterfaceAlias: text,
  InterfaceIndex: optInt,
  NetworkCategory: psEnum({ 0: 'Public', 1: 'Private', 2: 'DomainAuthenticated' }),
});

export const connectionsSchema = list(connectionSchema);

export function toConnectionProfile(raw: z.output<typeof connectionSchema>): ConnectionProfile {
  const category = raw.NetworkCategory.toLowerCase();
  return {
    interfaceAlias: raw.InterfaceAlias,
    interfaceIndex: raw.InterfaceIndex,
    networkCategory:
      category === 'domainauthenticated' ? 'domain' : category === 'private' ? 'private' : 'public',
  };
}

// ---- TCP/UDP --------------------------------------------------------------------------------

/** MSFT_NetTCPConnection State (100 Bound is unconfirmed). */
const TCP_STATES: Record<number, string> = {
  1: 'Closed',
  2: 'Listen',
  3: 'SynSent',
  4: 'SynReceived',
  5: 'Established',
  6: 'FinWait1',
  7: 'FinWait2',
  8: 'CloseWait',
  9: 'Closing',
  10: 'LastAck',
  11: 'TimeWait',
  12: 'DeleteTCB',
  100: 'Bound',
};

export const tcpListSchema = flatList({
  LocalAddress: textField,
  LocalPort: intField,
  RemoteAddress: optTextField,
  RemotePort: optIntField,
  State: enumField,
  OwningProcess: optIntField,
});

const tcpStateName = enumNames(TCP_STATES);

export function toTcp(raw: z.output<typeof tcpListSchema>[number]): TcpEndpoint {
  return {
    localAddress: String(raw.LocalAddress),
    localPort: Number(raw.LocalPort),
    remoteAddress: textOf(raw.RemoteAddress),
    remotePort: intOf(raw.RemotePort),
    state: tcpStateName(raw.State),
    owningProcess: intOf(raw.OwningProcess),
  };
}

export const udpListSchema = flatList({
  LocalAddress: textField,
  LocalPort: intField,
  OwningProcess: optIntField,
});

export function toUdp(raw: z.output<typeof udpListSchema>[number]): UdpEndpoint {
  return {
    localAddress: String(raw.LocalAddress),
    localPort: Number(raw.LocalPort),
    owningProcess: intOf(raw.OwningProcess),
  };
}

// ---- Addresses and adapters -----------------------------------------------------------------

const ipSchema = ciObject({
  InterfaceAlias: optText,
  InterfaceIndex: optInt,
  IPAddress: text,
  PrefixLength: optInt,
  // AddressFamily: 2 IPv4, 23 IPv6 (System.Net.Sockets.AddressFamily).
  AddressFamily: psEnum({ 2: 'IPv4', 23: 'IPv6' }).nullish(),
});

export const ipsSchema = list(ipSchema);

export function toIpAddress(raw: z.output<typeof ipSchema>): IpAddress {
  const family = raw.AddressFamily
    ? raw.AddressFamily.toLowerCase()
    : raw.IPAddress.includes(':')
      ? 'ipv6'
      : 'ipv4';
  return {
    interfaceAlias: raw.InterfaceAlias,
    interfaceIndex: raw.InterfaceIndex,
    ipAddress: raw.IPAddress,
    prefixLength: raw.PrefixLength,
    family: family === 'ipv6' ? 'ipv6' : 'ipv4',
  };
}

const adapterSchema = ciObject({
  Name: text,
  InterfaceDescription: optText,
  ifIndex: optInt,
  Status: optText,
  MacAddress: optText,
});

export const adaptersSchema = list(adapterSchema);

export function toAdapter(raw: z.output<typeof adapterSchema>): Adapter {
  return {
    name: raw.Name,
    description: raw.InterfaceDescription,
    ifIndex: raw.ifIndex,
    status: raw.Status,
    macAddress: raw.MacAddress,
  };
}

// ---- Docker service and daemon.json ---------------------------------------------------------

export const serviceSchema = ciObject({ Name: text, State: optText, StartMode: optText, PathName: optText });

export function toDockerService(raw: z.output<typeof serviceSchema>): DockerService {
  return { name: raw.Name, state: raw.State, startMode: raw.StartMode, pathName: raw.PathName };
}

export const daemonConfigSchema = z.record(z.string(), z.unknown());

export function toDaemonConfig(raw: z.output<typeof daemonConfigSchema>): DaemonConfig {
  const hosts = raw['hosts'];
  const dataRoot = raw['data-root'] ?? raw['graph'];
  const tls = raw['tlsverify'] ?? raw['tls'];
  return {
    hosts: Array.isArray(hosts)
      ? hosts.filter((h): h is string => typeof h === 'string')
      : typeof hosts === 'string'
        ? [hosts]
        : [],
    dataRoot: typeof dataRoot === 'string' ? dataRoot : null,
    tls: typeof tls === 'boolean' ? tls : null,
    options: Object.keys(raw),
  };
}
