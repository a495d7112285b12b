// Which command a block shows, and what the probe would have written for it. A block is recognised by its
// command (prompt line) first, else by its shape; each recogniser turns it into probe files (bundle-v1) plus
// the warnings and missing fields the preview and the manifest's `partial` report.
import type { ProbeId } from '../../shared/bundle';
import { parseJson } from '../bundle/json';
import type { Block } from './blocks';
import { parseCommand, type ParsedCommand } from './command';
import {
  adapterName,
  ipconfigField,
  ipconfigHostName,
  ipconfigRow,
  isIpconfigHeader,
  isMediaDisconnected,
} from './ipconfig-labels';
import { readDockerTable, readListView, readTableView, type TextTable } from './ps-format';
import { mapRecords, type FieldSpec, type Mapped } from './records';

/** What a block contributes to the bundle. */
export type Output =
  /** Items of a JSON list file; several blocks add up. */
  | {
      readonly kind: 'list';
      readonly probe: ProbeId;
      readonly file: string;
      readonly items: readonly unknown[];
    }
  /** A JSON object file (one per bundle: a later block replaces an earlier one, with a warning). */
  | { readonly kind: 'object'; readonly probe: ProbeId; readonly file: string; readonly value: unknown }
  /** A text file; several blocks are appended. */
  | { readonly kind: 'text'; readonly probe: ProbeId; readonly file: string; readonly text: string }
  /** A per-container file, placed once the container's full id is known (from docker inspect). */
  | {
      readonly kind: 'container-text';
      readonly probe: ProbeId;
      readonly template: string;
      readonly container: string;
      readonly text: string;
    };

export interface Recognised {
  /** The recogniser's id, e.g. `get-netnatstaticmapping`. */
  readonly kind: string;
  /** What the block shows, for the preview. */
  readonly title: string;
  readonly rows: number;
  readonly outputs: readonly Output[];
  readonly warnings: readonly string[];
  /** Per probe, the properties the pasted format does not carry. */
  readonly partial: readonly {
    readonly probe: ProbeId;
    readonly missing: readonly string[];
    readonly why: string;
  }[];
  /** Recognised, but left out of the bundle: why. */
  readonly unused: string | null;
  /** Probes whose output this block is but which it does not feed (recorded as `skipped`, with `unused`). */
  readonly skippedProbes?: readonly string[];
}

interface Recogniser {
  readonly kind: string;
  readonly title: string;
  /** Matches the command's first pipeline segment (lower case). */
  readonly command: RegExp;
  /** Whether an unlabelled block looks like this command's output. */
  readonly shape: (lines: readonly string[]) => boolean;
  readonly read: (block: Block, command: ParsedCommand | null) => Recognised;
  /** Output that lists a subset on purpose (docker inspect names its containers): filters do not disqualify it. */
  readonly subsetByDesign?: boolean;
}

// ---- PowerShell cmdlets: list view, table view or ConvertTo-Json ---------------------------------------------

interface CmdletSource {
  readonly kind: string;
  /** As PowerShell spells it; matched case-insensitively. */
  readonly cmdlet: string;
  readonly probe: ProbeId;
  readonly file: string;
  readonly fields: readonly FieldSpec[];
  /** Keep properties the spec does not name (HNS objects are collected whole). */
  readonly keepOthers: boolean;
  /** Property titles whose presence in a list record or table header tells the cmdlet apart. */
  readonly signature: readonly string[];
  /** Fixes after mapping (fields the view derives from others). */
  readonly complete?: (o: Record<string, unknown>) => void;
  /** Fields the default view never shows: always listed as partial with this reason, and what it means. */
  readonly unusable?: string;
}

const t = (name: string, ...aliases: string[]): FieldSpec => ({ name, type: 'text', aliases });
const i = (name: string, ...aliases: string[]): FieldSpec => ({ name, type: 'int', aliases });
const b = (name: string): FieldSpec => ({ name, type: 'bool' });
const d = (name: string): FieldSpec => ({ name, type: 'date' });
const v = (name: string): FieldSpec => ({ name, type: 'value' });

const familyFromAddress = (field: string) => (o: Record<string, unknown>) => {
  if (o['AddressFamily'] === undefined && typeof o[field] === 'string')
    o['AddressFamily'] = (o[field] as string).includes(':') ? 'IPv6' : 'IPv4';
};

const CMDLETS: readonly CmdletSource[] = [
  {
    kind: 'get-netnat',
    cmdlet: 'Get-NetNat',
    probe: 'host.netnat',
    file: 'host/netnat.json',
    fields: [
      t('Name'),
      t('InternalIPInterfaceAddressPrefix'),
      t('ExternalIPInterfaceAddressPrefix'),
      b('Active'),
    ],
    keepOthers: false,
    signature: ['InternalIPInterfaceAddressPrefix'],
  },
  {
    kind: 'get-netnatstaticmapping',
    cmdlet: 'Get-NetNatStaticMapping',
    probe: 'host.natmappings',
    file: 'host/netnat-static.json',
    fields: [
      i('StaticMappingID'),
      t('NatName'),
      t('Protocol'),
      t('RemoteExternalIPAddressPrefix'),
      t('ExternalIPAddress'),
      i('ExternalPort'),
      t('InternalIPAddress'),
      i('InternalPort'),
      b('Active'),
    ],
    keepOthers: false,
    signature: ['StaticMappingID', 'InternalPort'],
  },
  {
    kind: 'get-netnatsession',
    cmdlet: 'Get-NetNatSession',
    probe: 'host.natsessions',
    file: 'host/netnat-sessions.json',
    fields: [
      t('NatName'),
      t('Protocol'),
      t('InternalSourceAddress'),
      i('InternalSourcePort'),
      t('InternalDestinationAddress'),
      i('InternalDestinationPort'),
      t('ExternalSourceAddress'),
      i('ExternalSourcePort'),
      t('ExternalDestinationAddress'),
      i('ExternalDestinationPort'),
      d('CreationTime'),
    ],
    keepOthers: false,
    signature: ['InternalSourceAddress'],
  },
  {
    kind: 'get-netfirewallprofile',
    cmdlet: 'Get-NetFirewallProfile',
    probe: 'host.firewall.profiles',
    file: 'host/firewall-profiles.json',
    fields: [
      t('Name'),
      t('Enabled'),
      t('DefaultInboundAction'),
      t('DefaultOutboundAction'),
      t('AllowLocalFirewallRules'),
    ],
    keepOthers: false,
    signature: ['DefaultInboundAction'],
  },
  {
    kind: 'get-netfirewallrule',
    cmdlet: 'Get-NetFirewallRule',
    probe: 'host.firewall.rules',
    file: 'host/firewall-rules.json',
    fields: [
      t('Name'),
      t('DisplayName'),
      t('Group'),
      t('Enabled'),
      t('Direction'),
      t('Action'),
      t('Profile'),
      t('PolicyStoreSource'),
      t('Protocol'),
      t('LocalPort'),
      t('RemotePort'),
      t('LocalAddress'),
      t('RemoteAddress'),
      t('Program'),
    ],
    keepOthers: false,
    signature: ['EdgeTraversalPolicy', 'PrimaryStatus'],
    // Get-NetFirewallRule alone prints no ports, addresses or programs (they live in its filter objects); read
    // as rules they would all look like "any port", so they are kept under imported/ and not used.
    unusable:
      'Get-NetFirewallRule prints no ports, addresses or programs (they are in Get-NetFirewallPortFilter and friends); without them each rule would read as covering every port, so the rules are not used and the firewall hop stays unknown',
  },
  {
    kind: 'get-netconnectionprofile',
    cmdlet: 'Get-NetConnectionProfile',
    probe: 'host.connprofiles',
    file: 'host/connection-profiles.json',
    fields: [t('InterfaceAlias'), i('InterfaceIndex'), t('NetworkCategory')],
    keepOthers: false,
    signature: ['NetworkCategory'],
  },
  {
    kind: 'get-netipaddress',
    cmdlet: 'Get-NetIPAddress',
    probe: 'host.ipaddresses',
    file: 'host/ip-addresses.json',
    fields: [
      t('InterfaceAlias'),
      i('InterfaceIndex', 'ifIndex'),
      t('IPAddress'),
      i('PrefixLength'),
      t('AddressFamily'),
    ],
    keepOthers: false,
    signature: ['PrefixOrigin', 'SuffixOrigin'],
    complete: familyFromAddress('IPAddress'),
  },
  {
    kind: 'get-netadapter',
    cmdlet: 'Get-NetAdapter',
    probe: 'host.adapters',
    file: 'host/adapters.json',
    fields: [
      t('Name'),
      t('InterfaceDescription'),
      i('ifIndex', 'InterfaceIndex'),
      t('Status'),
      t('MacAddress'),
    ],
    keepOthers: false,
    signature: ['InterfaceDescription', 'LinkSpeed'],
  },
  {
    kind: 'get-netroute',
    cmdlet: 'Get-NetRoute',
    probe: 'host.routes',
    file: 'host/routes.json',
    fields: [
      t('DestinationPrefix'),
      t('NextHop'),
      t('InterfaceAlias'),
      i('InterfaceIndex', 'ifIndex'),
      i('RouteMetric'),
      t('AddressFamily'),
      t('Protocol'),
    ],
    keepOthers: false,
    signature: ['DestinationPrefix', 'NextHop'],
    complete: familyFromAddress('DestinationPrefix'),
  },
  {
    kind: 'get-netipinterface',
    cmdlet: 'Get-NetIPInterface',
    probe: 'host.ipinterfaces',
    file: 'host/ip-interfaces.json',
    fields: [
      t('InterfaceAlias'),
      i('InterfaceIndex', 'ifIndex'),
      t('AddressFamily'),
      i('NlMtu', 'NlMtu(Bytes)'),
      i('InterfaceMetric'),
      t('AutomaticMetric'),
      t('Dhcp'),
      t('ConnectionState'),
      t('Forwarding'),
    ],
    keepOthers: false,
    signature: ['NlMtu(Bytes)', 'NlMtu', 'InterfaceMetric'],
  },
  {
    kind: 'get-nettcpconnection',
    cmdlet: 'Get-NetTCPConnection',
    probe: 'host.tcp',
    file: 'host/tcp.json',
    fields: [
      t('LocalAddress'),
      i('LocalPort'),
      t('RemoteAddress'),
      i('RemotePort'),
      t('State'),
      i('OwningProcess'),
    ],
    keepOthers: false,
    signature: ['LocalPort', 'RemotePort', 'State'],
  },
  {
    kind: 'get-process',
    cmdlet: 'Get-Process',
    probe: 'host.processes',
    file: 'host/processes.json',
    fields: [
      i('Id'),
      t('ProcessName'),
      i('SI', 'SessionId'),
      { name: 'WorkingSet64', type: 'int', aliases: ['WS(K)'], scale: 1024 },
      { name: 'WorkingSet64', type: 'int', aliases: ['WS(M)'], scale: 1024 * 1024 },
      t('Path'),
      d('StartTime'),
    ],
    keepOthers: false,
    signature: ['ProcessName', 'Handles', 'SI'],
  },
  {
    kind: 'get-hnsendpoint',
    cmdlet: 'Get-HnsEndpoint',
    probe: 'host.hns.endpoints',
    file: 'host/hns-endpoints.json',
    fields: [
      t('ID'),
      t('Name'),
      t('VirtualNetwork'),
      t('VirtualNetworkName'),
      t('IPAddress'),
      t('MacAddress'),
      i('PrefixLength'),
      v('Policies'),
      v('SharedContainers'),
      i('State'),
    ],
    keepOthers: true,
    signature: ['VirtualNetwork', 'SharedContainers'],
  },
  {
    kind: 'get-hnsnetwork',
    cmdlet: 'Get-HnsNetwork',
    probe: 'host.hns.networks',
    file: 'host/hns-networks.json',
    fields: [t('ID'), t('Name'), t('Type'), v('Subnets'), v('Policies')],
    keepOthers: true,
    signature: ['Subnets', 'ManagementIP'],
  },
  {
    kind: 'get-netudpendpoint',
    cmdlet: 'Get-NetUDPEndpoint',
    probe: 'host.udp',
    file: 'host/udp.json',
    fields: [t('LocalAddress'), i('LocalPort'), i('OwningProcess')],
    keepOthers: false,
    signature: ['LocalAddress', 'LocalPort'],
  },
  {
    kind: 'get-dnsclientserveraddress',
    cmdlet: 'Get-DnsClientServerAddress',
    probe: 'host.dns',
    file: 'host/dns-servers.json',
    fields: [t('InterfaceAlias'), i('InterfaceIndex'), t('AddressFamily'), v('ServerAddresses')],
    keepOthers: false,
    signature: ['ServerAddresses'],
  },
  {
    kind: 'get-hotfix',
    cmdlet: 'Get-HotFix',
    probe: 'host.hotfixes',
    file: 'host/hotfixes.json',
    fields: [t('HotFixID'), d('InstalledOn')],
    keepOthers: false,
    signature: ['HotFixID'],
  },
  {
    kind: 'get-vmswitch',
    cmdlet: 'Get-VMSwitch',
    probe: 'host.vmswitches',
    file: 'host/vmswitches.json',
    fields: [
      t('Name'),
      t('Id'),
      t('SwitchType'),
      t('NetAdapterInterfaceDescription'),
      t('AllowManagementOS'),
    ],
    keepOthers: false,
    signature: ['SwitchType'],
  },
];

/** Titles per block's lines: every cmdlet recogniser asks for them when the block names no command. */
const titlesCache = new WeakMap<readonly string[], Set<string>>();

/** The titles a block's list records or table header show. */
function titlesOf(lines: readonly string[]): Set<string> {
  const cached = titlesCache.get(lines);
  if (cached) return cached;
  const titles = readTitles(lines);
  titlesCache.set(lines, titles);
  return titles;
}

function readTitles(lines: readonly string[]): Set<string> {
  const list = readListView(lines);
  if (list) return new Set(list.flatMap((r) => [...r.fields.keys()].map((k) => k.toLowerCase())));
  const table = readTableView(lines);
  return new Set((table?.headers ?? []).map((h) => h.toLowerCase()));
}

function looksLikeJson(lines: readonly string[]): boolean {
  const first = lines.find((l) => l.trim() !== '')?.trim() ?? '';
  return first.startsWith('[') || first.startsWith('{');
}

type JsonRead =
  { readonly kind: 'ok'; readonly items: unknown[] } | { readonly kind: 'invalid'; readonly reason: string };

function readJsonItems(lines: readonly string[]): JsonRead {
  const parsed = parseJson(lines.join('\n'));
  if (parsed.kind === 'invalid')
    return {
      kind: 'invalid',
      reason: `not readable JSON: ${parsed.reason}${parsed.location ? ` (${parsed.location})` : ''}`,
    };
  const value = parsed.value;
  return { kind: 'ok', items: Array.isArray(value) ? value : value === null ? [] : [value] };
}

function fromTableRows(table: TextTable): ReadonlyMap<string, string>[] {
  return table.rows.map((row) => new Map(table.headers.map((h, k) => [h, row[k] ?? ''])));
}

function cmdletRecogniser(source: CmdletSource): Recogniser {
  const title = source.cmdlet;
  return {
    kind: source.kind,
    title,
    command: new RegExp(`^${source.cmdlet.toLowerCase()}(?:\\s|$)`),
    shape: (lines) => {
      if (looksLikeJson(lines)) return false;
      const titles = titlesOf(lines);
      return source.signature.every((s) => titles.has(s.toLowerCase()));
    },
    read: (block) => {
      const warnings: string[] = [];
      let mapped: Mapped;
      let view: string;
      if (looksLikeJson(block.lines)) {
        // ConvertTo-Json output: what the probe writes already.
        const json = readJsonItems(block.lines);
        if (json.kind === 'invalid') return unreadable(source.kind, title, json.reason);
        mapped = { objects: json.items.filter(isObject), warnings: [], missing: [] };
        view = 'JSON';
      } else {
        const list = readListView(block.lines);
        const table = list ? null : readTableView(block.lines);
        if (list) {
          mapped = mapRecords(
            list.map((r) => r.fields),
            source.fields,
            { keepOthers: source.keepOthers },
          );
          view = 'list view';
        } else if (table) {
          mapped = mapRecords(fromTableRows(table), source.fields, { keepOthers: source.keepOthers });
          if (table.cutCells > 0)
            warnings.push(
              `${table.cutCells} cells cut by the console with "..." in ${table.cutColumns.join(', ')} (left unknown)`,
            );
          view = 'table view';
        } else return unreadable(source.kind, title, 'neither a list view, a table view nor JSON');
      }
      for (const o of mapped.objects) source.complete?.(o);
      const objects = mapped.objects.map(withoutNulls(source));
      const missing = mapped.missing.filter((m) => !objects.some((o) => m in o));
      const partial =
        missing.length > 0 ? [{ probe: source.probe, missing, why: `not shown by ${title}'s ${view}` }] : [];
      return {
        kind: source.kind,
        title: `${title} (${view})`,
        rows: objects.length,
        outputs: source.unusable
          ? []
          : [{ kind: 'list', probe: source.probe, file: source.file, items: objects }],
        warnings: [...mapped.warnings, ...warnings],
        partial,
        unused: source.unusable ?? null,
        ...(source.unusable ? { skippedProbes: [source.probe] } : {}),
      };
    },
  };
}

/** Missing and blank properties are left out, as a probe that did not see them; a cut cell is such a blank. */
const withoutNulls =
  (source: CmdletSource) =>
  (o: Record<string, unknown>): Record<string, unknown> =>
    source.keepOthers ? o : Object.fromEntries(Object.entries(o).filter(([, value]) => value !== null));

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

function unreadable(kind: string, title: string, reason: string): Recognised {
  return {
    kind,
    title,
    rows: 0,
    outputs: [],
    warnings: [reason],
    partial: [],
    unused: `not readable as ${title}: ${reason}`,
  };
}

// ---- Docker -------------------------------------------------------------------------------------------------

const CONTAINER_ID = /^[0-9a-f]{12,64}$/i;

/** The engine's containers as `docker inspect` prints them; env values are redacted as the probe does (bundle-v1). */
function redactEnv(container: Record<string, unknown>): Record<string, unknown> {
  const config = container['Config'];
  if (!isObject(config) || !Array.isArray(config['Env'])) return container;
  const env = (config['Env'] as unknown[]).map((e) =>
    typeof e === 'string' ? `${e.split('=', 1)[0]}=<redacted>` : e,
  );
  return { ...container, Config: { ...config, Env: env } };
}

const isContainer = (o: Record<string, unknown>): boolean =>
  typeof o['Id'] === 'string' &&
  CONTAINER_ID.test(o['Id']) &&
  (isObject(o['State']) || isObject(o['HostConfig']));
const isNetwork = (o: Record<string, unknown>): boolean =>
  typeof o['Id'] === 'string' &&
  typeof o['Name'] === 'string' &&
  (isObject(o['IPAM']) || 'Driver' in o) &&
  !isObject(o['State']);

const dockerInspect: Recogniser = {
  kind: 'docker-inspect',
  title: 'docker inspect',
  command: /^docker (?:container |network )?inspect\b/,
  subsetByDesign: true,
  shape: (lines) =>
    looksLikeJson(lines) && /"(?:Id|HostConfig|IPAM)"\s*:/.test(lines.slice(0, 40).join('\n')),
  read: (block) => {
    const json = readJsonItems(block.lines);
    if (json.kind === 'invalid') return unreadable('docker-inspect', 'docker inspect', json.reason);
    const objects = json.items.filter(isObject);
    const containers = objects.filter(isContainer).map(redactEnv);
    const networks = objects.filter((o) => !isContainer(o) && isNetwork(o));
    const outputs: Output[] = [];
    if (containers.length > 0)
      outputs.push({
        kind: 'list',
        probe: 'docker.containers',
        file: 'docker/containers.json',
        items: containers,
      });
    if (networks.length > 0)
      outputs.push({ kind: 'list', probe: 'docker.networks', file: 'docker/networks.json', items: networks });
    const other = objects.length - containers.length - networks.length;
    return {
      kind: 'docker-inspect',
      title: networks.length > 0 && containers.length === 0 ? 'docker network inspect' : 'docker inspect',
      rows: containers.length + networks.length,
      outputs,
      warnings: other > 0 ? [`${other} objects are neither containers nor networks (left out)`] : [],
      // Whether containers are missing depends on the rest of the paste (docker ps -a): the planner says so.
      partial: [],
      unused: outputs.length === 0 ? 'no container or network objects in the JSON' : null,
    };
  },
};

/** `docker info` / `docker version` text: `Key: value` lines nested by indentation -> a tree of sections. */
interface Section {
  readonly values: Map<string, string>;
  readonly children: Map<string, Section>;
}

function readIndentedKeys(lines: readonly string[]): Section {
  const root: Section = { values: new Map(), children: new Map() };
  const stack: { indent: number; section: Section }[] = [{ indent: -1, section: root }];
  for (const line of lines) {
    const m = /^(\s*)([^:]+?):\s*(.*)$/.exec(line);
    if (!m) continue;
    const indent = m[1]!.length;
    while (stack.length > 1 && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const parent = stack[stack.length - 1]!.section;
    const key = m[2]!.trim().toLowerCase();
    const value = m[3]!.trim();
    if (!parent.values.has(key)) parent.values.set(key, value);
    const child: Section = { values: new Map(), children: new Map() };
    if (!parent.children.has(key)) parent.children.set(key, child);
    stack.push({ indent, section: parent.children.get(key)! });
  }
  return root;
}

/** The first value of `key` anywhere under `section`, depth first. */
function find(section: Section, key: string): string | null {
  const direct = section.values.get(key);
  if (direct !== undefined && direct !== '') return direct;
  for (const child of section.children.values()) {
    const found = find(child, key);
    if (found !== null) return found;
  }
  return null;
}

const dockerInfo: Recogniser = {
  kind: 'docker-info',
  title: 'docker info',
  command: /^docker (?:system )?info\b/,
  shape: (lines) =>
    lines.some((l) => /^\s*Server Version:/.test(l)) &&
    lines.some((l) => /^\s*(?:Storage Driver|Containers):/.test(l)),
  read: (block) => {
    if (looksLikeJson(block.lines)) {
      const json = readJsonItems(block.lines);
      if (json.kind === 'invalid' || !isObject(json.items[0]))
        return unreadable('docker-info', 'docker info', json.kind === 'invalid' ? json.reason : 'no object');
      return dockerInfoResult(json.items[0], 'docker info (JSON)', []);
    }
    // Nested layout (19.03+): Client: ... Server: ...; the flat one has the server's keys at the top.
    const tree = readIndentedKeys(block.lines);
    const server = tree.children.get('server') ?? tree;
    const swarm = server.children.get('swarm');
    const running = server.children.get('containers')?.values.get('running');
    const int = (s: string | null | undefined): number | null => (s && /^\d+$/.test(s) ? Number(s) : null);
    const info: Record<string, unknown> = {
      ServerVersion: find(server, 'server version'),
      OperatingSystem: find(server, 'operating system'),
      KernelVersion: find(server, 'kernel version'),
      Isolation: find(server, 'default isolation'),
      DockerRootDir: find(server, 'docker root dir'),
      Name: find(server, 'name'),
      ContainersRunning: int(running),
      Swarm: {
        LocalNodeState: server.values.get('swarm') || null,
        NodeID: swarm ? find(swarm, 'nodeid') : null,
        NodeAddr: swarm ? find(swarm, 'node address') : null,
        ControlAvailable: swarm ? find(swarm, 'is manager') === 'true' : null,
      },
    };
    const layout = tree.children.has('server') ? 'nested Client/Server layout' : 'flat layout';
    const missing = ['ServerVersion', 'OperatingSystem', 'Isolation', 'Name'].filter((k) => info[k] === null);
    return dockerInfoResult(info, `docker info (${layout})`, missing);
  },
};

function dockerInfoResult(
  info: Record<string, unknown>,
  title: string,
  missing: readonly string[],
): Recognised {
  return {
    kind: 'docker-info',
    title,
    rows: 1,
    outputs: [{ kind: 'object', probe: 'docker.info', file: 'docker/info.json', value: info }],
    warnings: [],
    partial:
      missing.length > 0 ? [{ probe: 'docker.info', missing, why: 'not in the pasted docker info' }] : [],
    unused: null,
  };
}

const dockerVersion: Recogniser = {
  kind: 'docker-version',
  title: 'docker version',
  command: /^docker (?:version|-v|--version)\b/,
  shape: (lines) =>
    lines.some((l) => /^Client:/.test(l)) &&
    lines.some((l) => /^\s+API version:/.test(l)) &&
    !lines.some((l) => /Server Version:/.test(l)),
  read: (block) => {
    if (looksLikeJson(block.lines)) {
      const json = readJsonItems(block.lines);
      const o = json.kind === 'ok' ? json.items[0] : null;
      const server = isObject(o) && isObject(o['Server']) ? o['Server'] : o;
      if (!isObject(server)) return unreadable('docker-version', 'docker version', 'no object');
      return versionResult(server);
    }
    const tree = readIndentedKeys(block.lines);
    const server = [...tree.children.entries()].find(([k]) => k.startsWith('server'))?.[1];
    if (!server)
      return unreadable(
        'docker-version',
        'docker version',
        'no Server: section (the engine was not reachable?)',
      );
    const engine = server.children.get('engine') ?? server;
    const osArch = find(engine, 'os/arch');
    return versionResult({
      Version: find(engine, 'version'),
      ApiVersion: find(engine, 'api version')?.split(' ')[0] ?? null,
      Os: osArch ? (osArch.split('/')[0] ?? null) : null,
    });
  },
};

function versionResult(value: Record<string, unknown>): Recognised {
  return {
    kind: 'docker-version',
    title: 'docker version',
    rows: 1,
    outputs: [{ kind: 'object', probe: 'docker.version', file: 'docker/version.json', value }],
    warnings: [],
    partial: [],
    unused: null,
  };
}

/** `0.0.0.0:8080->80/tcp, :::8080->80/tcp` -> the Ports map of docker inspect. */
function portsFromPs(cell: string): Record<string, { HostIp: string; HostPort: string }[] | null> {
  const ports: Record<string, { HostIp: string; HostPort: string }[] | null> = {};
  for (const part of cell.split(',').map((p) => p.trim())) {
    const m = /^(?:(.*):(\d+)->)?(\d+)\/(tcp|udp)$/.exec(part);
    if (!m) continue;
    const key = `${m[3]}/${m[4]}`;
    if (m[2] === undefined) ports[key] ??= null;
    else (ports[key] ??= []).push({ HostIp: m[1]!.replace(/^\[|\]$/g, ''), HostPort: m[2] });
  }
  for (const key of Object.keys(ports)) if (ports[key] === null) ports[key] = [];
  return ports;
}

const dockerPs: Recogniser = {
  kind: 'docker-ps',
  title: 'docker ps',
  command: /^docker (?:container )?(?:ps|ls)\b/,
  shape: (lines) => lines.some((l) => /^CONTAINER ID\s+IMAGE\s+/.test(l)),
  read: (block, command) => {
    const table = readDockerTable(block.lines, 'CONTAINER ID');
    if (!table) return unreadable('docker-ps', 'docker ps', 'no CONTAINER ID header');
    const at = (name: string): number => table.headers.indexOf(name);
    const rows = table.rows.filter((r) => CONTAINER_ID.test(r[at('CONTAINER ID')] ?? ''));
    const containers = rows.map((r) => {
      const status = r[at('STATUS')] ?? '';
      return {
        Id: r[at('CONTAINER ID')]!,
        Name: `/${r[at('NAMES')] ?? ''}`,
        Config: { Image: r[at('IMAGE')] || null },
        State: { Status: /^up\b/i.test(status) ? 'running' : /^exited\b/i.test(status) ? 'exited' : null },
        NetworkSettings: { Ports: portsFromPs(r[at('PORTS')] ?? '') },
      };
    });
    const all = command !== null && /\s(?:-a|--all)\b/.test(command.head);
    const warnings = [
      ...(table.cutCells > 0 ? [`${table.cutCells} cells cut with "..." (left unknown)`] : []),
      ...(command !== null && !all ? ['docker ps without -a lists running containers only'] : []),
    ];
    return {
      kind: 'docker-ps',
      title: 'docker ps',
      rows: containers.length,
      outputs: [
        { kind: 'list', probe: 'docker.containers', file: 'docker/containers.json', items: containers },
      ],
      warnings,
      partial: [
        {
          probe: 'docker.containers',
          missing: ['full container ids', 'networks and addresses', 'isolation', 'port bindings requested'],
          why: 'docker ps shows a short id, the image, the status, the live ports and the names only',
        },
      ],
      unused: null,
    };
  },
};

const dockerNetworkLs: Recogniser = {
  kind: 'docker-network-ls',
  title: 'docker network ls',
  command: /^docker network (?:ls|list)\b/,
  shape: (lines) => lines.some((l) => /^NETWORK ID\s+NAME\s+DRIVER/.test(l)),
  read: (block) => {
    const table = readDockerTable(block.lines, 'NETWORK ID');
    if (!table) return unreadable('docker-network-ls', 'docker network ls', 'no NETWORK ID header');
    const at = (name: string): number => table.headers.indexOf(name);
    const networks = table.rows
      .filter((r) => /^[0-9a-f]{12,64}$/i.test(r[at('NETWORK ID')] ?? ''))
      .map((r) => ({
        Id: r[at('NETWORK ID')]!,
        Name: r[at('NAME')]!,
        Driver: r[at('DRIVER')] || null,
        Scope: r[at('SCOPE')] || null,
      }));
    return {
      kind: 'docker-network-ls',
      title: 'docker network ls',
      rows: networks.length,
      outputs: [{ kind: 'list', probe: 'docker.networks', file: 'docker/networks.json', items: networks }],
      warnings: [],
      partial: [
        {
          probe: 'docker.networks',
          missing: ['subnets', 'gateways', 'options', 'containers'],
          why: 'docker network ls shows names, drivers and scopes only',
        },
      ],
      unused: null,
    };
  },
};

/** `docker top <container>`: the Titles/Processes object the Engine API answers (moby daemon/top_windows.go). */
const dockerTop: Recogniser = {
  kind: 'docker-top',
  title: 'docker top',
  command: /^docker (?:container )?top\b/,
  shape: () => false,
  read: (block, command) => {
    const first = block.lines.find((l) => l.trim() !== '') ?? '';
    const table = readDockerTable(
      block.lines,
      first
        .trimStart()
        .split(/\s{2,}/)[0]!
        .toUpperCase(),
    );
    const words = command?.head.split(' ') ?? [];
    const container = words.slice(words.indexOf('top') + 1).find((w) => !w.startsWith('-')) ?? null;
    if (!table || container === null)
      return unreadable('docker-top', 'docker top', 'no header line or no container named');
    const text = `${JSON.stringify({ Titles: table.headers, Processes: table.rows }, null, 2)}\n`;
    return {
      kind: 'docker-top',
      title: `docker top ${container}`,
      rows: table.rows.length,
      outputs: [
        { kind: 'container-text', probe: 'docker.top', template: 'docker/top/{id}.json', container, text },
      ],
      warnings: [],
      partial: [],
      unused: null,
    };
  },
};

/** `*:8080->80/tcp` (ingress) or `...->80/tcp` published in host mode, as `docker service ls` shows them. */
function servicePorts(cell: string): Record<string, unknown>[] {
  return cell
    .split(',')
    .map((p) => /^\*:(\d+)->(\d+)\/(tcp|udp)$/.exec(p.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({
      Protocol: m[3],
      TargetPort: Number(m[2]),
      PublishedPort: Number(m[1]),
      PublishMode: 'ingress',
    }));
}

const dockerServiceLs: Recogniser = {
  kind: 'docker-service-ls',
  title: 'docker service ls',
  command: /^docker service (?:ls|list)\b/,
  shape: (lines) => lines.some((l) => /^ID\s+NAME\s+MODE\s+REPLICAS\s+IMAGE/.test(l)),
  read: (block) => {
    const table = readDockerTable(block.lines, 'ID');
    if (!table) return unreadable('docker-service-ls', 'docker service ls', 'no ID header');
    const at = (name: string): number => table.headers.indexOf(name);
    const services = table.rows.map((r) => {
      const mode = r[at('MODE')] ?? '';
      const replicas = /^\d+\/(\d+)/.exec(r[at('REPLICAS')] ?? '');
      return {
        ID: r[at('ID')],
        Spec: {
          Name: r[at('NAME')],
          TaskTemplate: { ContainerSpec: { Image: r[at('IMAGE')] || null } },
          Mode:
            mode === 'global'
              ? { Global: {} }
              : { Replicated: { Replicas: replicas ? Number(replicas[1]) : null } },
        },
        Endpoint: { Ports: servicePorts(r[at('PORTS')] ?? '') },
      };
    });
    return {
      kind: 'docker-service-ls',
      title: 'docker service ls',
      rows: services.length,
      outputs: [{ kind: 'list', probe: 'docker.swarm', file: 'docker/swarm/services.json', items: services }],
      warnings: table.cutCells > 0 ? [`${table.cutCells} cells cut with "..." (left unknown)`] : [],
      partial: [
        {
          probe: 'docker.swarm',
          missing: ['full service ids', 'host-mode ports'],
          why: 'docker service ls shows short ids and ingress ports',
        },
      ],
      unused: null,
    };
  },
};

const dockerNodeLs: Recogniser = {
  kind: 'docker-node-ls',
  title: 'docker node ls',
  command: /^docker node (?:ls|list)\b/,
  shape: (lines) => lines.some((l) => /^ID\s+HOSTNAME\s+STATUS\s+AVAILABILITY/.test(l)),
  read: (block) => {
    const table = readDockerTable(block.lines, 'ID');
    if (!table) return unreadable('docker-node-ls', 'docker node ls', 'no ID header');
    const at = (name: string): number => table.headers.indexOf(name);
    const nodes = table.rows.map((r) => {
      // The local node's id carries a trailing ` *`.
      const manager = r[at('MANAGER STATUS')] ?? '';
      return {
        ID: (r[at('ID')] ?? '').replace(/\s*\*$/, ''),
        Description: { Hostname: r[at('HOSTNAME')] || null },
        Spec: {
          Role: manager === '' ? 'worker' : 'manager',
          Availability: (r[at('AVAILABILITY')] ?? '').toLowerCase() || null,
        },
        Status: { State: (r[at('STATUS')] ?? '').toLowerCase() || null },
        ...(manager === '' ? {} : { ManagerStatus: { Leader: manager === 'Leader' } }),
      };
    });
    return {
      kind: 'docker-node-ls',
      title: 'docker node ls',
      rows: nodes.length,
      outputs: [{ kind: 'list', probe: 'docker.swarm', file: 'docker/swarm/nodes.json', items: nodes }],
      warnings: [],
      partial: [
        { probe: 'docker.swarm', missing: ['node addresses'], why: 'docker node ls shows no addresses' },
      ],
      unused: null,
    };
  },
};

// ---- Text the probes keep as text ---------------------------------------------------------------------------

function textRecogniser(
  kind: string,
  title: string,
  command: RegExp,
  shape: (lines: readonly string[]) => boolean,
  probe: ProbeId,
  file: string,
  containerTemplate: string | null,
  rowsOf: (lines: readonly string[]) => number,
): Recogniser {
  return {
    kind,
    title,
    command,
    shape,
    read: (block, parsed) => {
      const text = `${block.lines.join('\r\n')}\r\n`;
      const rows = rowsOf(block.lines);
      if (parsed?.container != null) {
        if (containerTemplate === null)
          return {
            kind,
            title,
            rows,
            outputs: [],
            warnings: [],
            partial: [],
            unused: `${title} ran inside container ${parsed.container}; the bundle holds the host's only`,
          };
        return {
          kind,
          title: `${title} in container ${parsed.container}`,
          rows,
          outputs: [
            {
              kind: 'container-text',
              probe: containerProbe(containerTemplate),
              template: containerTemplate,
              container: parsed.container,
              text,
            },
          ],
          warnings: [],
          partial: [],
          unused: null,
        };
      }
      return {
        kind,
        title,
        rows,
        outputs: [{ kind: 'text', probe, file, text }],
        warnings: [],
        partial: [],
        unused: null,
      };
    },
  };
}

const containerProbe = (template: string): ProbeId =>
  template.endsWith('netstat.txt') ? 'container.listeners' : 'container.dns';

const netstat = textRecogniser(
  'netstat',
  'netstat',
  /^netstat(?:\.exe)?\b/,
  (lines) =>
    lines.some((l) => /^\s*Proto\s+Local Address\s+Foreign Address/i.test(l)) ||
    lines.filter((l) => /^\s*(TCP|UDP)\s+\S+:\d+\s+\S+/.test(l)).length >= 3,
  'host.netstat',
  'host/netstat.txt',
  'containers/{id}/netstat.txt',
  (lines) => lines.filter((l) => /^\s*(TCP|UDP)\s/i.test(l)).length,
);

const hcsdiag = textRecogniser(
  'hcsdiag',
  'hcsdiag list',
  /^hcsdiag(?:\.exe)? list\b/,
  (lines) => lines.filter((l) => /^\s+\w+,\s+\w+,\s+[0-9a-f-]{36},/i.test(l)).length >= 1,
  'host.hcs',
  'host/hcsdiag.txt',
  null,
  (lines) => lines.filter((l) => /^\S/.test(l)).length,
);

const hnsdiagEndpoints = textRecogniser(
  'hnsdiag-endpoints',
  'hnsdiag list endpoints',
  /^hnsdiag(?:\.exe)? list endpoints\b/,
  () => false,
  'host.hns.endpoints',
  'host/hnsdiag-endpoints.txt',
  null,
  (lines) => lines.filter((l) => /[0-9a-f]{8}-[0-9a-f]{4}-/i.test(l)).length,
);

const ipconfig: Recogniser = (() => {
  const base = textRecogniser(
    'ipconfig',
    'ipconfig /all',
    /^ipconfig(?:\.exe)?\b/,
    (lines) => lines.some(isIpconfigHeader),
    'container.dns',
    '',
    'containers/{id}/ipconfig.txt',
    (lines) => lines.filter((l) => adapterName(l) !== null).length,
  );
  return {
    ...base,
    read: (block, parsed) => (parsed?.container != null ? base.read(block, parsed) : hostIpconfig(block)),
  };
})();

/** Host `ipconfig /all` -> the adapters and addresses Get-NetAdapter / Get-NetIPAddress would have listed. */
function hostIpconfig(block: Block): Recognised {
  const adapters: Record<string, unknown>[] = [];
  const addresses: Record<string, unknown>[] = [];
  let alias: string | null = null;
  let pendingIp: Record<string, unknown> | null = null;
  for (const line of block.lines) {
    const name = adapterName(line);
    if (name !== null) {
      alias = name;
      adapters.push({ Name: alias });
      pendingIp = null;
      continue;
    }
    // A heading of an adapter type not in the label tables: its rows are left out, never given to the adapter
    // above it.
    if (/^\S.*[:：]\s*$/.test(line)) {
      alias = null;
      pendingIp = null;
      continue;
    }
    const row = ipconfigRow(line);
    if (!row || alias === null) continue;
    const field = ipconfigField(row.label);
    const value = row.value;
    const adapter = adapters[adapters.length - 1]!;
    if (field === 'description') adapter['InterfaceDescription'] = value;
    else if (field === 'physical-address') adapter['MacAddress'] = value;
    else if (field === 'media-state') adapter['Status'] = isMediaDisconnected(value) ? 'Disconnected' : value;
    else if (field === 'ipv4-address' || field === 'ipv6-address') {
      // `(Preferred)`, `(Bevorzugt)`, `(首选)`, `(優先)` and the `%zone` go; only an address is kept.
      const ip = value
        .replace(/\(.*\)$/, '')
        .replace(/%\d+$/, '')
        .trim();
      const family = field === 'ipv4-address' ? 'IPv4' : 'IPv6';
      if (family === 'IPv4' ? !/^\d{1,3}(?:\.\d{1,3}){3}$/.test(ip) : !/^[0-9a-f:.]+$/i.test(ip)) continue;
      pendingIp = { InterfaceAlias: alias, IPAddress: ip, AddressFamily: family };
      if (family === 'IPv6') pendingIp['PrefixLength'] = /^fe80:/i.test(ip) ? 64 : null;
      addresses.push(pendingIp);
    } else if (field === 'subnet-mask' && pendingIp) pendingIp['PrefixLength'] = prefixOfMask(value);
  }
  const objects = addresses.map((a) => Object.fromEntries(Object.entries(a).filter(([, x]) => x !== null)));
  const outputs: Output[] = [];
  if (adapters.length > 0)
    outputs.push({ kind: 'list', probe: 'host.adapters', file: 'host/adapters.json', items: adapters });
  if (objects.length > 0)
    outputs.push({ kind: 'list', probe: 'host.ipaddresses', file: 'host/ip-addresses.json', items: objects });
  const hostName = ipconfigHostName(block.lines);
  return {
    kind: 'ipconfig',
    title: 'ipconfig /all (host)',
    rows: adapters.length,
    outputs,
    warnings: hostName
      ? []
      : [
          'no host name line: the computer is not named here (labels are read in English, German, French, Spanish, Chinese and Japanese)',
        ],
    partial: [
      { probe: 'host.adapters', missing: ['ifIndex'], why: 'ipconfig shows no interface index' },
      { probe: 'host.ipaddresses', missing: ['InterfaceIndex'], why: 'ipconfig shows no interface index' },
    ],
    unused: null,
  };
}

function prefixOfMask(mask: string): number | null {
  const parts = mask.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return null;
  const bits = parts.map((p) => p.toString(2).padStart(8, '0')).join('');
  return /^1*0*$/.test(bits) ? (bits.indexOf('0') === -1 ? 32 : bits.indexOf('0')) : null;
}

/** `netsh int ipv4 show excludedportrange protocol=tcp`: kept as text under `### <command>` (bundle-v1 1.1). */
const excludedPorts: Recogniser = {
  kind: 'excludedportrange',
  title: 'netsh show excludedportrange',
  command: /^netsh (?:int|interface) ipv[46] show (?:excludedportrange|dynamicport)\b/,
  shape: (lines) =>
    lines.filter((l) => /^\s*\d{1,5}\s+\d{1,5}\s*\*?\s*$/.test(l)).length >= 1 &&
    lines.some((l) => /^\s*-{5,}\s+-{5,}/.test(l)),
  read: (block, parsed) => {
    const rows = block.lines.filter((l) => /^\s*\d{1,5}\s+\d{1,5}\s*\*?\s*$/.test(l)).length;
    let command = parsed?.text.trim() ?? null;
    if (command === null) {
      // Unlabelled: the English header names the protocol; other languages leave it unknown (not guessed).
      const protocol = block.lines
        .map((l) => /\bprotocol (tcp|udp)\b/i.exec(l)?.[1])
        .find((p) => p !== undefined);
      if (protocol === undefined)
        return {
          kind: 'excludedportrange',
          title: 'netsh show excludedportrange',
          rows,
          outputs: [],
          warnings: [],
          partial: [],
          unused:
            'an excluded port range table without its command: the protocol and IP version are not known',
        };
      command = `netsh int ipv4 show excludedportrange protocol=${protocol.toLowerCase()}`;
    }
    return {
      kind: 'excludedportrange',
      title: command,
      rows,
      outputs: [
        {
          kind: 'text',
          probe: 'host.portexclusions',
          file: 'host/excludedports.txt',
          text: `### ${command}\r\n${block.lines.join('\r\n')}\r\n`,
        },
      ],
      warnings: [],
      partial: [],
      unused: null,
    };
  },
};

const DAEMON_KEYS =
  /"(?:hosts|data-root|graph|fixed-cidr|bridge|exec-opts|registry-mirrors|insecure-registries|storage-opts|dns|debug|group|tlsverify|tlscert|features|experimental|log-driver|mtu)"\s*:/;

const daemonJson: Recogniser = {
  kind: 'daemon-json',
  title: 'daemon.json',
  command: /^(?:type|cat|gc|get-content)\b.*daemon\.json/,
  shape: (lines) =>
    looksLikeJson(lines) && lines[0]!.trim().startsWith('{') && DAEMON_KEYS.test(lines.join('\n')),
  read: (block) => {
    const json = parseJson(block.lines.join('\n'));
    if (json.kind === 'invalid' || !isObject(json.value))
      return unreadable(
        'daemon-json',
        'daemon.json',
        json.kind === 'invalid' ? json.reason : 'not a JSON object',
      );
    return {
      kind: 'daemon-json',
      title: 'daemon.json',
      rows: Object.keys(json.value).length,
      outputs: [
        {
          kind: 'text',
          probe: 'host.docker.config',
          file: 'host/daemon.json',
          text: `${block.lines.join('\n')}\n`,
        },
      ],
      warnings: [],
      partial: [],
      unused: null,
    };
  },
};

/** In the order shapes are tried: the most distinctive first. */
export const RECOGNISERS: readonly Recogniser[] = [
  dockerInspect,
  daemonJson,
  dockerInfo,
  dockerVersion,
  dockerPs,
  dockerNetworkLs,
  dockerTop,
  dockerServiceLs,
  dockerNodeLs,
  excludedPorts,
  netstat,
  ipconfig,
  hcsdiag,
  hnsdiagEndpoints,
  ...CMDLETS.map(cmdletRecogniser),
];

/** Commands recognised but not read, with why, so the preview says more than "not recognised". */
const NOT_READ: readonly (readonly [RegExp, string])[] = [
  [
    /^(?:hostname|whoami|ping|tracert|test-netconnection|tnc|curl|invoke-webrequest|iwr|nslookup|resolve-dnsname|route|arp|get-netnatexternaladdress|docker (?:run|start|stop|restart|logs|pull|images|compose))\b/,
    "no probe collects this command's output",
  ],
  [/^docker service ps\b/, 'docker service ps shows service names, not the ids the task list needs'],
  [/^get-computeprocess\b/, 'not read yet (hcsdiag list is what the bundle holds)'],
  [
    /^hnsdiag(?:\.exe)? list (?:all|networks|adapters)\b/,
    'not read yet (Get-HnsEndpoint / Get-HnsNetwork or hnsdiag list endpoints are)',
  ],
  [/^get-disk\b/, 'not read yet (its default table wraps its header over two lines and shows sizes in GB)'],
];

export function recognise(block: Block): Recognised {
  const command = block.command === null ? null : parseCommand(block.command);
  const byCommand = command ? RECOGNISERS.find((r) => r.command.test(command.head)) : undefined;
  // A command no recogniser names (a typo, an alias) still gets its output's shape looked at.
  const recogniser = byCommand ?? RECOGNISERS.find((r) => r.shape(block.lines));
  if (recogniser === undefined) {
    const why = command === null ? undefined : NOT_READ.find(([pattern]) => pattern.test(command.head))?.[1];
    return {
      kind: 'unrecognised',
      title: command ? command.text : 'text without a command',
      rows: 0,
      outputs: [],
      warnings: [],
      partial: [],
      unused: why ?? 'not recognised as the output of a command Hostscope reads',
    };
  }
  const recognised = recogniser.read(block, command);
  if (command?.projection && !recogniser.subsetByDesign && recognised.outputs.length > 0)
    return {
      ...recognised,
      outputs: [],
      partial: [],
      unused: `\`${command.projection}\` shows only some of the properties; the probe's file needs them all`,
      skippedProbes: recognised.outputs.map((o) => o.probe),
    };
  if (command?.filtered && !recogniser.subsetByDesign && recognised.outputs.length > 0) {
    return {
      ...recognised,
      outputs: [],
      unused: `${command.filtered}; a subset cannot stand for the whole list (what is missing from it would read as absent)`,
      skippedProbes: recognised.outputs.map((o) => o.probe),
    };
  }
  return recognised;
}
