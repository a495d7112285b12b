// HNS networks and endpoints (host/hns-networks.json, host/hns-endpoints.json; 1.1 collects endpoints whole, with
// their Policies) and `hnsdiag list endpoints -d` (host/hnsdiag-endpoints.txt), the stand-in where no HNS module is
// loaded. Docker's published ports are the endpoints' NAT policies (knowledge notes section 10).
import { z } from 'zod';
import type { HnsEndpoint, HnsNetwork, HnsPolicy } from '../../shared/model';
import { parseJson } from '../bundle/json';
import { labelledValue, type TextParse } from './text';
import { ciObject, describeIssues, list, optInt, optText, psBool, text, textList } from './values';

/** DNSServerList: "10.0.0.2,10.0.0.3" (HNS v1), or an array. */
const serverList = textList.transform((v) =>
  v
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== ''),
);

/**
 * `@{Type=NAT; ExternalPort=8080; InternalPort=80; Protocol=tcp}`: how Windows PowerShell 5.1's ConvertTo-Json
 * writes an object nested deeper than its -Depth (a policy, a subnet, Health; knowledge notes section 9). Its flat
 * fields read as an object;
 * anything else stays as written (and fails the policy schema with its text).
 */
function fromHashtableText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const body = /^@\{(.*)\}$/s.exec(value.trim());
  if (!body) return value;
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const pair of body[1]!.split(';')) {
    const cut = pair.indexOf('=');
    if (cut > 0) fields[pair.slice(0, cut).trim()] = pair.slice(cut + 1).trim();
  }
  return fields;
}

// ---- networks -------------------------------------------------------------------------------

const hnsNetworkSchema = ciObject({
  ID: optText,
  Id: optText,
  Name: optText,
  Type: optText,
  Subnets: list(
    z.preprocess(fromHashtableText, ciObject({ AddressPrefix: optText, GatewayAddress: optText })),
  ).nullish(),
  DNSServerList: serverList,
  NatName: optText,
  SwitchName: optText,
  SwitchGuid: optText,
  Health: z.preprocess(fromHashtableText, ciObject({ LastErrorCode: optInt }).nullish()),
});

export const hnsNetworksSchema = list(hnsNetworkSchema);

export function toHnsNetwork(raw: z.output<typeof hnsNetworkSchema>): HnsNetwork {
  const subnets = raw.Subnets ?? [];
  return {
    id: (raw.ID ?? raw.Id ?? '').toLowerCase(),
    name: raw.Name,
    type: raw.Type,
    subnets: subnets.map((s) => s.AddressPrefix).filter((s): s is string => s !== null),
    gateways: subnets.map((s) => s.GatewayAddress).filter((s): s is string => s !== null),
    dnsServers: raw.DNSServerList,
    natName: raw.NatName,
    switchName: raw.SwitchName,
    switchId: raw.SwitchGuid?.trim().toLowerCase() ?? null,
    lastErrorCode: raw.Health?.LastErrorCode ?? null,
  };
}

// ---- endpoint policies ------------------------------------------------------------------------

/** `tcp`/`udp` as moby writes them, or IANA numbers (6, 17) as HNS v2 settings carry them. */
function natProtocol(value: unknown): 'tcp' | 'udp' | 'other' {
  const v = typeof value === 'string' || typeof value === 'number' ? String(value).trim().toLowerCase() : '';
  return v === 'tcp' || v === '6' ? 'tcp' : v === 'udp' || v === '17' ? 'udp' : 'other';
}

const port = z.union([z.number().int(), z.string().trim().regex(/^\d+$/).transform(Number)], {
  error: 'expected a port number',
});
const portNumber = port.refine((n) => n >= 0 && n <= 65535, 'expected a port number 0-65535');

/** The fields of a NAT policy: at the top level (v1) or under Settings (v2's PortMapping). */
const natFields = ciObject({
  ExternalPort: portNumber,
  InternalPort: portNumber,
  Protocol: z.unknown().optional(),
  ExternalPortReserved: psBool,
});

/** A policy's type and, for HNS v2, its settings; every other field stays for the NAT reader. */
const policyHead = ciObject({ Type: text, Settings: z.unknown().optional() });

const policy = z
  .preprocess(fromHashtableText, z.record(z.string(), z.unknown()))
  .transform((raw, ctx): HnsPolicy => {
    const head = policyHead.safeParse(raw);
    if (!head.success) {
      ctx.addIssue({ code: 'custom', message: `policy: ${describeIssues(head.error)}` });
      return z.NEVER;
    }
    const type = head.data.Type.trim();
    const upper = type.toUpperCase();
    if (upper !== 'NAT' && upper !== 'PORTMAPPING') return { kind: 'other', type };
    const fields = natFields.safeParse(upper === 'NAT' ? raw : head.data.Settings);
    if (!fields.success) {
      ctx.addIssue({ code: 'custom', message: `${type} policy: ${describeIssues(fields.error)}` });
      return z.NEVER;
    }
    return {
      kind: 'nat',
      protocol: natProtocol(fields.data.Protocol),
      internalPort: fields.data.InternalPort,
      externalPort: fields.data.ExternalPort,
      reserved: fields.data.ExternalPortReserved,
    };
  });

// ---- endpoints ------------------------------------------------------------------------------

const hnsEndpointSchema = ciObject({
  ID: optText,
  Name: optText,
  VirtualNetwork: optText,
  VirtualNetworkName: optText,
  IPAddress: optText,
  PrefixLength: optInt,
  GatewayAddress: optText,
  MacAddress: optText,
  DNSServerList: serverList,
  IsRemoteEndpoint: psBool,
  SharedContainers: textList,
  // Absent in a 1.0 bundle whose probe selected fields: then nothing is known about them (null).
  Policies: list(policy).nullish(),
});

export const hnsEndpointsSchema = list(hnsEndpointSchema);

export function toHnsEndpoint(raw: z.output<typeof hnsEndpointSchema>): HnsEndpoint {
  return {
    id: (raw.ID ?? '').toLowerCase(),
    name: raw.Name,
    virtualNetworkId: raw.VirtualNetwork?.toLowerCase() ?? null,
    ipAddress: raw.IPAddress,
    macAddress: raw.MacAddress,
    sharedContainers: raw.SharedContainers.map((c) => c.toLowerCase()),
    virtualNetworkName: raw.VirtualNetworkName,
    prefixLength: raw.PrefixLength,
    gatewayAddress: raw.GatewayAddress,
    dnsServers: raw.DNSServerList,
    isRemote: raw.IsRemoteEndpoint,
    policies: raw.Policies ?? null,
  };
}

// ---- hnsdiag list endpoints -d --------------------------------------------------------------

/**
 * The JSON texts in a stream of text: each `{` or `[` at the start of a line opens one, closed where its brackets
 * balance (outside strings). hnsdiag's detailed listing prints each object's JSON; what it prints around them
 * varies by build (unconfirmed), so only the JSON is read.
 */
function jsonTexts(text: string): { readonly text: string; readonly line: number }[] {
  const found: { text: string; line: number }[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const newline = text.indexOf('\n', i);
    const lineEnd = newline === -1 ? text.length : newline + 1;
    const indent = text.slice(i, lineEnd).search(/\S/);
    const first = indent === -1 ? '' : text[i + indent];
    if (first !== '{' && first !== '[') {
      line++;
      i = lineEnd;
      continue;
    }
    const start = i + indent;
    const end = balancedEnd(text, start);
    // Unbalanced: the rest of the file is one cut-short JSON text (parseJson says where).
    const json = text.slice(start, end === -1 ? text.length : end);
    found.push({ text: json, line });
    for (let k = i; k < start + json.length; k++) if (text.charCodeAt(k) === 0x0a) line++;
    i = start + json.length;
  }
  return found;
}

/** Where the JSON text opening at `start` closes (its brackets balance outside strings), or -1. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let j = start; j < text.length; j++) {
    const c = text[j];
    if (inString) {
      if (c === '\\') j++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) return j + 1;
  }
  return -1;
}

/** `hnsdiag list endpoints` summary rows, `Endpoint : <id>` then indented `Name : value` (no policies in them). */
function summaryEndpoints(text: string): HnsEndpoint[] {
  const endpoints: HnsEndpoint[] = [];
  let current: Map<string, string> | null = null;
  const flush = (): void => {
    if (!current) return;
    const get = (key: string): string | null => current?.get(key) ?? null;
    endpoints.push({
      id: (get('endpoint') ?? get('id') ?? '').toLowerCase(),
      name: get('name'),
      virtualNetworkId: get('virtualnetwork')?.toLowerCase() ?? null,
      ipAddress: get('ipaddress'),
      macAddress: get('macaddress'),
      sharedContainers: [],
      virtualNetworkName: get('virtualnetworkname'),
      prefixLength: null,
      gatewayAddress: null,
      dnsServers: [],
      isRemote: null,
      policies: null,
    });
  };
  for (const line of text.split(/\r?\n/)) {
    const pair = labelledValue(line);
    if (!pair) continue;
    const key = pair.label.replace(/\s+/g, '').toLowerCase();
    const value = pair.value.replace(/^\{(.*)\}$/, '$1');
    if (!/^\s/.test(line) && key === 'endpoint') {
      flush();
      current = new Map([['endpoint', value]]);
    } else if (current && value !== '') current.set(key, value);
  }
  flush();
  return endpoints;
}

/**
 * host/hnsdiag-endpoints.txt: the JSON objects of `hnsdiag list endpoints -d` (read as Get-HnsEndpoint's, with
 * their policies), or where it printed none, its `Endpoint : <id>` summary rows (no policies: null).
 */
export function parseHnsdiagEndpoints(text: string, maxDepth?: number): TextParse<HnsEndpoint[]> {
  const texts = jsonTexts(text);
  if (texts.length === 0) {
    const endpoints = summaryEndpoints(text);
    if (endpoints.length === 0 && text.trim() !== '')
      return {
        kind: 'invalid',
        reason:
          'expected the JSON objects of `hnsdiag list endpoints -d`, or its "Endpoint : <id>" rows; found neither',
        location: 'line 1',
      };
    return { kind: 'ok', value: endpoints };
  }
  const endpoints: HnsEndpoint[] = [];
  for (const json of texts) {
    const parsed = parseJson(json.text, maxDepth);
    if (parsed.kind === 'invalid')
      return {
        kind: 'invalid',
        reason: parsed.reason,
        location: `JSON text from line ${json.line}${parsed.location ? `, at its ${parsed.location}` : ''}`,
      };
    const checked = hnsEndpointsSchema.safeParse(parsed.value);
    if (!checked.success)
      return {
        kind: 'invalid',
        reason: `does not match the expected shape: ${describeIssues(checked.error)}`,
        location: `JSON text from line ${json.line}`,
      };
    for (const raw of checked.data) endpoints.push(toHnsEndpoint(raw));
  }
  return { kind: 'ok', value: endpoints };
}
