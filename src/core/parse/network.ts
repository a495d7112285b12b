// Bundle 1.1 network state (host/routes.json, ip-interfaces.json, dns-servers.json, vmswitches.json) -> model
// parts. Enum numbers follow the CIM classes the cmdlets return (MSFT_NetRoute, MSFT_NetIPInterface,
// MSFT_DNSClientServerAddress) and Hyper-V's VMSwitchType; names are accepted as well (bundle-v1).
import { z } from 'zod';
import type { AddressFamily, DnsClientServers, IpInterface, Route, VmSwitch } from '../../shared/model';
import {
  ciObject,
  enumField,
  enumNames,
  flatList,
  intOf,
  list,
  optInt,
  optIntField,
  optText,
  optTextField,
  psBool,
  psEnum,
  text,
  textField,
  textOf,
} from './values';

/** System.Net.Sockets.AddressFamily as the Net* cmdlets emit it: 2 IPv4, 23 IPv6. */
const FAMILIES = { 2: 'IPv4', 23: 'IPv6' } as const;
const familyName = enumNames(FAMILIES);

/** The family written, or the one the address shows where the field is absent or unknown. */
function familyOf(written: number | string | null | undefined, address: string | null): AddressFamily {
  const name = written === null || written === undefined ? '' : familyName(written).toLowerCase();
  if (name === 'ipv4' || name === 'ipv6') return name;
  return address?.includes(':') ? 'ipv6' : 'ipv4';
}

// ---- host/routes.json -----------------------------------------------------------------------

/** MSFT_NetRoute Protocol (the NL_ROUTE_PROTOCOL values): how the route came to be. */
const ROUTE_PROTOCOLS = {
  1: 'Other',
  2: 'Local',
  3: 'NetMgmt',
  4: 'Icmp',
  5: 'Egp',
  6: 'Ggp',
  7: 'Hello',
  8: 'Rip',
  9: 'IsIs',
  10: 'EsIs',
  11: 'Igrp',
  12: 'Bbn',
  13: 'Ospf',
  14: 'Bgp',
  15: 'Idpr',
  16: 'Eigrp',
  17: 'Dvmrp',
  18: 'Rpl',
  19: 'Dhcp',
} as const;
const routeProtocolName = enumNames(ROUTE_PROTOCOLS);

// A host with a VPN or many containers has thousands of routes: fields are checked here and converted once in
// toRoute (values.ts explains why).
export const routesSchema = flatList({
  DestinationPrefix: textField,
  NextHop: optTextField,
  InterfaceAlias: optTextField,
  InterfaceIndex: optIntField,
  RouteMetric: optIntField,
  AddressFamily: enumField.nullish(),
  Protocol: enumField.nullish(),
});

/** An on-link route has the any-address as its next hop. */
const ON_LINK = new Set(['0.0.0.0', '::']);

export function toRoute(raw: z.output<typeof routesSchema>[number]): Route {
  const destination = String(raw.DestinationPrefix).trim();
  const nextHop = textOf(raw.NextHop)?.trim() ?? null;
  return {
    destinationPrefix: destination,
    nextHop: nextHop === null || ON_LINK.has(nextHop) ? null : nextHop,
    interfaceAlias: textOf(raw.InterfaceAlias),
    interfaceIndex: intOf(raw.InterfaceIndex),
    routeMetric: intOf(raw.RouteMetric),
    family: familyOf(raw.AddressFamily, destination),
    protocol: raw.Protocol === null || raw.Protocol === undefined ? null : routeProtocolName(raw.Protocol),
  };
}

// ---- host/ip-interfaces.json ----------------------------------------------------------------

/** MSFT_NetIPInterface Dhcp, AutomaticMetric, Forwarding: 0 Disabled, 1 Enabled (or a boolean). */
const enabledFlag = z
  .union([z.boolean(), psEnum({ 0: 'Disabled', 1: 'Enabled' }), z.null()])
  .optional()
  .transform((v): boolean | null =>
    v === true || v === 'Enabled' ? true : v === false || v === 'Disabled' ? false : null,
  );

/** MSFT_NetIPInterface ConnectionState: 0 Disconnected, 1 Connected. */
const connectionState = z
  .union([psEnum({ 0: 'Disconnected', 1: 'Connected' }), z.null()])
  .optional()
  .transform((v): boolean | null => (v === 'Connected' ? true : v === 'Disconnected' ? false : null));

const ipInterfaceSchema = ciObject({
  InterfaceAlias: optText,
  InterfaceIndex: optInt,
  AddressFamily: z.union([z.number().int(), z.string(), z.null()]).optional(),
  NlMtu: optInt,
  InterfaceMetric: optInt,
  AutomaticMetric: enabledFlag,
  Dhcp: enabledFlag,
  ConnectionState: connectionState,
  Forwarding: enabledFlag,
});

export const ipInterfacesSchema = list(ipInterfaceSchema);

export function toIpInterface(raw: z.output<typeof ipInterfaceSchema>): IpInterface {
  return {
    interfaceAlias: raw.InterfaceAlias,
    interfaceIndex: raw.InterfaceIndex,
    family: familyOf(raw.AddressFamily, null),
    mtu: raw.NlMtu,
    interfaceMetric: raw.InterfaceMetric,
    automaticMetric: raw.AutomaticMetric,
    dhcp: raw.Dhcp,
    connected: raw.ConnectionState,
    forwarding: raw.Forwarding,
  };
}

// ---- host/dns-servers.json ------------------------------------------------------------------

const dnsSchema = ciObject({
  InterfaceAlias: optText,
  InterfaceIndex: optInt,
  AddressFamily: z.union([z.number().int(), z.string(), z.null()]).optional(),
  // An array, or one string where the interface has a single server (and 5.1's {value, Count} form).
  ServerAddresses: list(text.nullable()).nullish(),
});

export const dnsServersSchema = list(dnsSchema);

export function toDnsServers(raw: z.output<typeof dnsSchema>): DnsClientServers {
  const servers = (raw.ServerAddresses ?? [])
    .filter((s): s is string => s !== null)
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return {
    interfaceAlias: raw.InterfaceAlias,
    interfaceIndex: raw.InterfaceIndex,
    family: familyOf(raw.AddressFamily, servers[0] ?? null),
    serverAddresses: servers,
  };
}

// ---- host/vmswitches.json -------------------------------------------------------------------

/** Microsoft.HyperV.PowerShell.VMSwitchType: 0 Private, 1 Internal, 2 External. */
const switchTypeName = enumNames({ 0: 'Private', 1: 'Internal', 2: 'External' });
const SWITCH_TYPES = new Map<string, VmSwitch['switchType']>([
  ['Private', 'private'],
  ['Internal', 'internal'],
  ['External', 'external'],
]);

const vmSwitchSchema = ciObject({
  Name: text,
  Id: optText,
  SwitchType: z.union([z.number().int(), z.string(), z.null()]).optional(),
  NetAdapterInterfaceDescription: optText,
  AllowManagementOS: psBool,
});

export const vmSwitchesSchema = list(vmSwitchSchema);

export function toVmSwitch(raw: z.output<typeof vmSwitchSchema>): VmSwitch {
  const type =
    raw.SwitchType === null || raw.SwitchType === undefined ? null : switchTypeName(raw.SwitchType);
  return {
    name: raw.Name,
    id: raw.Id?.trim().toLowerCase() ?? null,
    switchType: (type === null ? undefined : SWITCH_TYPES.get(type)) ?? null,
    netAdapterInterfaceDescription: raw.NetAdapterInterfaceDescription,
    allowManagementOS: raw.AllowManagementOS,
  };
}
