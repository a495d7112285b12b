// A typed builder of HostModel values for diagnosis tests: a small host described in a few lines, every part
// known unless the test says a probe was not collected. Bundle files follow from the known parts, as the
// real model builder records them.

import type { ActiveCheck } from '../../../src/shared/checks';
import type { Fix } from '../../../src/shared/diagnosis';
import { probeSpec, type ProbeId } from '../../../src/shared/bundle';
import type {
  ConnectionProfile,
  Container,
  ContainerNetwork,
  DaemonConfig,
  Disk,
  DockerNetwork,
  DockerService,
  EngineInfo,
  FirewallProfile,
  FirewallProfileName,
  FirewallRule,
  HcsSystem,
  HnsEndpoint,
  HostInfo,
  HostModel,
  HostProcess,
  HostsEntry,
  IpAddress,
  Known,
  Listener,
  NatSession,
  NatInstance,
  NatStaticMapping,
  PortFilter,
  SwarmService,
  TcpEndpoint,
  TopRow,
  UdpEndpoint,
  Vhd,
} from '../../../src/shared/model';

/** Model parts that come from one fixed-file probe, by the name HostModel gives them. */
type ListPart =
  | 'processes'
  | 'natMappings'
  | 'natSessions'
  | 'disks'
  | 'vhds'
  | 'firewallRules'
  | 'firewallProfiles'
  | 'connectionProfiles'
  | 'tcp'
  | 'udp'
  | 'ipAddresses'
  | 'hcs'
  | 'networks'
  | 'swarmServices';
type Part = ListPart | 'host' | 'engine' | 'containers' | 'daemonConfig' | 'dockerService' | 'nat';

const PART_PROBE: Readonly<Record<Part, ProbeId>> = {
  host: 'host.os',
  engine: 'docker.info',
  containers: 'docker.containers',
  networks: 'docker.networks',
  swarmServices: 'docker.swarm',
  processes: 'host.processes',
  nat: 'host.netnat',
  natMappings: 'host.natmappings',
  natSessions: 'host.natsessions',
  disks: 'host.disks',
  vhds: 'host.vhds',
  firewallRules: 'host.firewall.rules',
  firewallProfiles: 'host.firewall.profiles',
  connectionProfiles: 'host.connprofiles',
  tcp: 'host.tcp',
  udp: 'host.udp',
  ipAddresses: 'host.ipaddresses',
  hcs: 'host.hcs',
  daemonConfig: 'host.docker.config',
  dockerService: 'host.docker.service',
};

function fileOf(part: Part): string {
  return probeSpec(PART_PROBE[part]).files[0]!;
}

let counter = 0;
/** A 64-hex container id, deterministic per test run. */
export function containerId(seed: string): string {
  let h = 0x811c9dc5;
  for (const ch of `${seed}:${counter++}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return (h.toString(16).padStart(8, '0') + seed.length.toString(16).padStart(8, '0')).repeat(4);
}

export interface ContainerSpec {
  readonly name: string;
  readonly id?: string;
  readonly image?: string;
  readonly state?: string;
  /** HostConfig.Isolation as written; `default` (or omitted) means the engine's default. */
  readonly isolation?: string | null;
  readonly networkMode?: string;
  readonly networks?: readonly (Partial<ContainerNetwork> & { readonly name: string })[];
  /** The host address ports are bound to (0.0.0.0 unless given). */
  readonly hostIp?: string;
  /** A host port range (`-p 8080-8090:80`) for the first binding, whose host port becomes the range's start. */
  readonly hostPortRange?: readonly [number, number];
  /** [hostPort, containerPort] or [hostPort, containerPort, protocol]. */
  readonly ports?: readonly (readonly [number, number] | readonly [number, number, 'tcp' | 'udp'])[];
  readonly mounts?: Container['mounts'];
  readonly env?: readonly string[];
  readonly top?: readonly number[] | 'unknown' | null;
  readonly listeners?: readonly Partial<Listener>[] | 'unknown' | null;
  readonly swarm?: Container['swarm'];
  readonly graphDriverDir?: string | null;
  readonly memoryLimitBytes?: number | null;
  readonly exitCode?: number | null;
  readonly stateError?: string | null;
  readonly imageId?: string | null;
  /** DNS servers `ipconfig /all` shows inside the container (container.dns); not collected unless given. */
  readonly dnsServers?: readonly string[];
  /** The container's hosts file entries (container.dns); not collected unless given. */
  readonly hosts?: readonly HostsEntry[];
}

export function container(spec: ContainerSpec): Container {
  const id = spec.id ?? containerId(spec.name);
  const networks: ContainerNetwork[] = (spec.networks ?? [{ name: 'nat', ip: '172.24.80.2' }]).map((n) => ({
    name: n.name,
    networkId: n.networkId ?? null,
    ip: n.ip ?? null,
    ipv6: n.ipv6 ?? null,
    gateway: n.gateway ?? null,
    mac: n.mac ?? null,
    endpointId: n.endpointId ?? null,
  }));
  const top: Container['top'] =
    spec.top === null
      ? null
      : spec.top === 'unknown'
        ? {
            kind: 'unknown',
            reason: `docker/top/${id}.json not collected`,
            source: { probe: 'docker.top', file: `docker/top/${id}.json` },
          }
        : {
            kind: 'known',
            value: (spec.top ?? []).map((pid): TopRow => ({
              name: `p${pid}.exe`,
              pid,
              cpu: '00:00:00.100',
              memory: '1.2MB',
            })),
            source: { probe: 'docker.top', file: `docker/top/${id}.json` },
          };
  const listenFile = `containers/${id}/netstat.txt`;
  const listeners: Container['listeners'] =
    spec.listeners === null
      ? null
      : spec.listeners === 'unknown'
        ? {
            kind: 'unknown',
            reason: `${listenFile} not collected`,
            source: { probe: 'container.listeners', file: listenFile },
          }
        : {
            kind: 'known',
            value: (spec.listeners ?? []).map((l) => ({
              protocol: l.protocol ?? 'tcp',
              localAddress: l.localAddress ?? '0.0.0.0',
              localPort: l.localPort ?? 80,
              remoteAddress: l.remoteAddress ?? null,
              remotePort: l.remotePort ?? null,
              state: l.state === undefined ? ((l.protocol ?? 'tcp') === 'tcp' ? 'LISTENING' : null) : l.state,
              pid: l.pid ?? 1000,
            })),
            source: { probe: 'container.listeners', file: listenFile },
          };
  return {
    id,
    name: spec.name,
    image: spec.image ?? 'mcr.microsoft.com/windows/servercore:ltsc2019',
    imageId: spec.imageId ?? null,
    state: spec.state ?? 'running',
    created: null,
    startedAt: null,
    lifecycle: {
      exitCode: null,
      error: null,
      oomKilled: null,
      finishedAt: null,
      restartPolicy: null,
      maximumRetryCount: null,
      restartCount: null,
      health: null,
    },
    isolationRequested: spec.isolation === undefined ? 'default' : spec.isolation,
    networkMode: spec.networkMode ?? 'nat',
    networks,
    publishedPorts: (spec.ports ?? []).map(([hostPort, containerPort, protocol], i) => {
      const range = i === 0 && spec.hostPortRange ? spec.hostPortRange : null;
      return {
        containerPort,
        protocol: protocol ?? 'tcp',
        hostIp: spec.hostIp ?? '0.0.0.0',
        hostPort: range ? range[0] : hostPort,
        ...(range ? { hostPortRange: { start: range[0], end: range[1] } } : {}),
        origin: range ? 'port-bindings' : 'both',
      };
    }),
    mounts: spec.mounts ?? [],
    labels: [],
    envNames: spec.env ?? [],
    graphDriverDir:
      spec.graphDriverDir === undefined
        ? `C:\\ProgramData\\docker\\windowsfilter\\${id}`
        : spec.graphDriverDir,
    memoryLimitBytes: spec.memoryLimitBytes ?? null,
    exitCode: spec.exitCode ?? null,
    stateError: spec.stateError ?? null,
    swarm: spec.swarm ?? null,
    top,
    listeners,
    ipConfig:
      spec.dnsServers === undefined
        ? null
        : {
            kind: 'known',
            value: {
              adapters: [{ name: 'Ethernet', ipv4: [], dnsServers: spec.dnsServers }],
              dnsServers: spec.dnsServers,
            },
            source: { probe: 'container.dns', file: `containers/${id}/ipconfig.txt` },
          },
    hostsFile:
      spec.hosts === undefined
        ? null
        : {
            kind: 'known',
            value: spec.hosts,
            source: { probe: 'container.dns', file: `containers/${id}/hosts.txt` },
          },
  };
}

export function hostProcess(
  pid: number,
  name: string,
  sessionId: number | null,
  extra: Partial<HostProcess> = {},
): HostProcess {
  return {
    pid,
    name,
    sessionId,
    path: null,
    startTime: null,
    workingSet: 10 * 1024 * 1024,
    parentPid: null,
    commandLine: null,
    ...extra,
  };
}

export function ports(...list: (number | readonly [number, number])[]): PortFilter {
  return {
    kind: 'list',
    ranges: list.map((p) => (typeof p === 'number' ? ([p, p] as const) : p)),
    keywords: [],
  };
}

export function rule(spec: Partial<FirewallRule> & { readonly name: string }): FirewallRule {
  return {
    displayName: null,
    group: null,
    enabled: true,
    direction: 'inbound',
    action: 'allow',
    profiles: ['domain', 'private', 'public'],
    policyStoreSource: 'PersistentStore',
    protocol: 'tcp',
    localPorts: { kind: 'any' },
    remotePorts: { kind: 'any' },
    localAddresses: [],
    remoteAddresses: [],
    program: null,
    interfaceAliases: null,
    ...spec,
  };
}

export function profile(name: FirewallProfileName, extra: Partial<FirewallProfile> = {}): FirewallProfile {
  return {
    name,
    enabled: true,
    defaultInboundAction: 'block',
    defaultOutboundAction: 'allow',
    allowLocalFirewallRules: null,
    ...extra,
  };
}

export function mapping(
  externalPort: number,
  internalIp: string,
  internalPort: number,
  extra: Partial<NatStaticMapping> = {},
): NatStaticMapping {
  return {
    id: externalPort,
    natName: 'H6bd1a5b2-7c8e-4f1a-9a55-1f0c8e2d9a11',
    protocol: 'tcp',
    remoteExternalPrefix: '0.0.0.0/0',
    externalIp: '0.0.0.0',
    externalPort,
    internalIp,
    internalPort,
    active: true,
    ...extra,
  };
}

export function listen(port: number, owningProcess: number, localAddress = '0.0.0.0'): TcpEndpoint {
  return {
    localAddress,
    localPort: port,
    remoteAddress: '0.0.0.0',
    remotePort: 0,
    state: 'Listen',
    owningProcess,
  };
}

export function disk(number: number, location: string | null, extra: Partial<Disk> = {}): Disk {
  return {
    number,
    friendlyName: 'Msft Virtual Disk',
    location,
    path: null,
    busType: 'File Backed Virtual',
    size: 21474836480,
    isOffline: false,
    operationalStatus: 'Online',
    driveLetters: [],
    ...extra,
  };
}

const defaultHost: HostInfo = {
  computerName: 'CONTAINERHOST01',
  caption: 'Microsoft Windows Server 2019 Standard',
  version: '10.0.17763',
  build: 17763,
  ubr: 5329,
  editionId: 'ServerStandard',
  installationType: 'Server',
  psVersion: '5.1',
  lastBootUpTime: null,
  features: ['Containers'],
};

const defaultEngine: EngineInfo = {
  version: '20.10.9',
  apiVersion: '1.41',
  os: 'Windows Server 2019 Standard',
  kernelVersion: '10.0 17763',
  defaultIsolation: 'process',
  dockerRootDir: 'C:\\ProgramData\\docker',
  swarm: { localNodeState: 'inactive', nodeId: null, isManager: false, nodeAddr: null },
  containersRunning: null,
  name: 'CONTAINERHOST01',
};

/** Parts of bundle 1.1 (and the HNS and adapter parts) that stay not collected unless a test sets them. */
const OPTIONAL_PARTS = {
  adapters: ['host.adapters', 'host/adapters.json'],
  hnsNetworks: ['host.hns.networks', 'host/hns-networks.json'],
  hnsEndpoints: ['host.hns.endpoints', 'host/hns-endpoints.json'],
  portExclusions: ['host.portexclusions', 'host/excludedports.txt'],
  routes: ['host.routes', 'host/routes.json'],
  ipInterfaces: ['host.ipinterfaces', 'host/ip-interfaces.json'],
  dnsServers: ['host.dns', 'host/dns-servers.json'],
  vmSwitches: ['host.vmswitches', 'host/vmswitches.json'],
  services: ['host.services', 'host/services.json'],
  events: ['host.events', 'host/events.json'],
  proxy: ['host.proxy', 'host/proxy.json'],
  hotfixes: ['host.hotfixes', 'host/hotfixes.json'],
  computer: ['host.computer', 'host/computer.json'],
  images: ['docker.images', 'docker/images.json'],
} as const;
export type OptionalPart = keyof typeof OPTIONAL_PARTS;
type KnownValue<K extends OptionalPart> = Extract<HostModel[K], { readonly kind: 'known' }>['value'];

/** Builds a HostModel: set parts, mark probes not collected, then `build()`. */
export class HostBuilder {
  private hostInfo: HostInfo = defaultHost;
  private engineInfo: EngineInfo = defaultEngine;
  private readonly containerList: Container[] = [];
  /** host/netnat.json stays not collected unless set. */
  private natList: NatInstance[] | null = null;
  private readonly lists: { [K in ListPart]: unknown[] } = {
    processes: [],
    natMappings: [],
    natSessions: [],
    disks: [],
    vhds: [],
    firewallRules: [],
    firewallProfiles: [profile('domain'), profile('private'), profile('public')],
    connectionProfiles: [{ interfaceAlias: 'Ethernet', interfaceIndex: 4, networkCategory: 'domain' }],
    tcp: [],
    udp: [],
    ipAddresses: [
      {
        interfaceAlias: 'Ethernet',
        interfaceIndex: 4,
        ipAddress: '10.0.0.10',
        prefixLength: 24,
        family: 'ipv4',
      },
    ],
    hcs: [],
    networks: [],
    swarmServices: [],
  };
  private daemon: DaemonConfig | null = null;
  private service: DockerService = {
    name: 'docker',
    state: 'Running',
    startMode: 'Auto',
    pathName: '"C:\\Program Files\\Docker\\dockerd.exe" --run-service',
  };
  private readonly missing = new Set<Part>();
  private readonly optional = new Map<OptionalPart, unknown>();
  private readonly checkList: ActiveCheck[] = [];

  /** Sets a bundle 1.1 (or HNS, adapters) part: known, its file in the bundle. */
  set<K extends OptionalPart>(part: K, value: KnownValue<K>): this {
    this.optional.set(part, value);
    return this;
  }

  os(info: Partial<HostInfo>): this {
    this.hostInfo = { ...this.hostInfo, ...info };
    return this;
  }

  engine(info: Partial<EngineInfo>): this {
    this.engineInfo = { ...this.engineInfo, ...info };
    return this;
  }

  containers(...list: Container[]): this {
    this.containerList.push(...list);
    return this;
  }

  processes(...list: HostProcess[]): this {
    return this.add('processes', list);
  }
  nats(...list: NatInstance[]): this {
    this.natList = [...(this.natList ?? []), ...list];
    return this;
  }
  natMappings(...list: NatStaticMapping[]): this {
    return this.add('natMappings', list);
  }
  natSessions(...list: NatSession[]): this {
    return this.add('natSessions', list);
  }
  disks(...list: Disk[]): this {
    return this.add('disks', list);
  }
  vhds(...list: Vhd[]): this {
    return this.add('vhds', list);
  }
  rules(...list: FirewallRule[]): this {
    return this.add('firewallRules', list);
  }
  tcp(...list: TcpEndpoint[]): this {
    return this.add('tcp', list);
  }
  udp(...list: UdpEndpoint[]): this {
    return this.add('udp', list);
  }
  hcs(...list: HcsSystem[]): this {
    return this.add('hcs', list);
  }
  networks(...list: DockerNetwork[]): this {
    return this.add('networks', list);
  }
  services(...list: SwarmService[]): this {
    return this.add('swarmServices', list);
  }
  ipAddresses(...list: IpAddress[]): this {
    this.lists.ipAddresses = list;
    return this;
  }
  /** Replaces the firewall profiles (all three block by default, local rules applying). */
  profiles(...list: FirewallProfile[]): this {
    this.lists.firewallProfiles = list;
    return this;
  }
  connections(...list: ConnectionProfile[]): this {
    this.lists.connectionProfiles = list;
    return this;
  }
  daemonJson(config: Partial<DaemonConfig> | null): this {
    this.daemon = config === null ? null : { hosts: [], dataRoot: null, tls: null, options: [], ...config };
    return this;
  }
  dockerService(service: Partial<DockerService>): this {
    this.service = { ...this.service, ...service };
    return this;
  }
  /** Marks parts as not collected: they become `unknown` and their files leave the bundle. */
  /** Active checks as read back from checks/*.json (issue 14). */
  checks(...list: ActiveCheck[]): this {
    this.checkList.push(...list);
    return this;
  }
  without(...parts: Part[]): this {
    for (const p of parts) this.missing.add(p);
    return this;
  }

  private optionalPart<K extends OptionalPart>(part: K): HostModel[K] {
    const [probe, file] = OPTIONAL_PARTS[part];
    const source = { probe, file };
    return (
      this.optional.has(part)
        ? { kind: 'known', value: this.optional.get(part), source }
        : { kind: 'unknown', reason: `${file} not collected`, source }
    ) as HostModel[K];
  }

  private add(part: ListPart, list: readonly unknown[]): this {
    this.lists[part].push(...list);
    return this;
  }

  private known<T>(part: Part, value: T): Known<T> {
    const source = { probe: PART_PROBE[part], file: fileOf(part) };
    return this.missing.has(part)
      ? { kind: 'unknown', reason: `${source.file} not collected (probe ${source.probe})`, source }
      : { kind: 'known', value, source };
  }

  build(): HostModel {
    const list = <T>(part: ListPart): Known<readonly T[]> => this.known(part, this.lists[part] as T[]);
    const files = new Set<string>(['manifest.json']);
    const parts: Part[] = [
      'host',
      'engine',
      'containers',
      'daemonConfig',
      'dockerService',
      ...(Object.keys(this.lists) as ListPart[]),
      ...(this.natList === null ? [] : (['nat'] as const)),
    ];
    for (const p of parts)
      if (!this.missing.has(p) && !(p === 'daemonConfig' && this.daemon === null)) files.add(fileOf(p));
    for (const part of this.optional.keys()) files.add(OPTIONAL_PARTS[part][1]);
    if (!this.missing.has('containers')) {
      for (const c of this.containerList) {
        if (c.ipConfig?.kind === 'known') files.add(c.ipConfig.source.file);
        if (c.hostsFile?.kind === 'known') files.add(c.hostsFile.source.file);
        if (c.top?.kind === 'known') files.add(c.top.source.file);
        if (c.listeners?.kind === 'known') files.add(c.listeners.source.file);
      }
    }
    const unknownPart = <T>(probe: ProbeId, file: string): Known<T> => ({
      kind: 'unknown',
      reason: `${file} not collected`,
      source: { probe, file },
    });
    return {
      bundle: {
        source: 'built-in-test',
        collectedAt: '2026-11-29T18:00:00Z',
        collector: { name: 'test', version: '0' },
        files: [...files].sort(),
      },
      probes: [],
      host: this.known('host', this.hostInfo),
      computerName: this.hostInfo.computerName,
      engine: this.known('engine', this.engineInfo),
      engineVersion: unknownPart('docker.version', 'docker/version.json'),
      containers: this.known('containers', this.containerList),
      networks: list('networks'),
      volumes: unknownPart('docker.volumes', 'docker/volumes.json'),
      swarmServices: list('swarmServices'),
      swarmTasks: unknownPart('docker.swarm', 'docker/swarm/tasks.json'),
      swarmNodes: unknownPart('docker.swarm', 'docker/swarm/nodes.json'),
      processes: list('processes'),
      nat:
        this.natList === null
          ? unknownPart('host.netnat', 'host/netnat.json')
          : this.known('nat', this.natList),
      natMappings: list('natMappings'),
      natSessions: list('natSessions'),
      disks: list('disks'),
      vhds: list('vhds'),
      firewallRules: list('firewallRules'),
      firewallProfiles: list('firewallProfiles'),
      connectionProfiles: list('connectionProfiles'),
      tcp: list('tcp'),
      udp: list('udp'),
      ipAddresses: list('ipAddresses'),
      adapters: this.optionalPart('adapters'),
      hnsNetworks: this.optionalPart('hnsNetworks'),
      hnsEndpoints: this.optionalPart('hnsEndpoints'),
      hcs: list('hcs'),
      daemonConfig: this.known('daemonConfig', this.daemon),
      dockerService: this.known('dockerService', this.service),
      // Bundle 1.1 parts: not collected unless a test sets them.
      portExclusions: this.optionalPart('portExclusions'),
      routes: this.optionalPart('routes'),
      ipInterfaces: this.optionalPart('ipInterfaces'),
      dnsServers: this.optionalPart('dnsServers'),
      vmSwitches: this.optionalPart('vmSwitches'),
      services: this.optionalPart('services'),
      events: this.optionalPart('events'),
      proxy: this.optionalPart('proxy'),
      hotfixes: this.optionalPart('hotfixes'),
      computer: this.optionalPart('computer'),
      checks: [...this.checkList],
      images: this.optionalPart('images'),
    };
  }
}

/** A nat network as docker/networks.json describes it. */
export function natNetwork(name = 'nat', subnet = '172.24.80.0/20', driver = 'nat'): DockerNetwork {
  return {
    id: `${name}-id`,
    name,
    driver,
    scope: 'local',
    subnets: [subnet],
    gateways: [],
    ingress: false,
    options: [],
    containers: [],
  };
}

/** An HNS endpoint as Get-HnsEndpoint shows it, with NAT policies `[external, internal, protocol?]`. */
export function hnsEndpoint(
  ipAddress: string,
  nat: readonly (readonly [number, number] | readonly [number, number, 'tcp' | 'udp'])[] | null = [],
  extra: Partial<HnsEndpoint> = {},
): HnsEndpoint {
  return {
    id: `ep-${ipAddress}`,
    name: `ep-${ipAddress}`,
    virtualNetworkId: 'b51262ee-41fc-41db-8bc8-97df372bce17',
    ipAddress,
    macAddress: null,
    sharedContainers: [],
    virtualNetworkName: 'nat',
    prefixLength: 20,
    gatewayAddress: null,
    dnsServers: [],
    isRemote: false,
    policies:
      nat === null
        ? null
        : nat.map(([externalPort, internalPort, protocol]) => ({
            kind: 'nat' as const,
            protocol: protocol ?? 'tcp',
            externalPort,
            internalPort,
            reserved: true,
          })),
    ...extra,
  };
}

/** The command of a fix that must be a copyable command (issue 11); fails the test when it is prose. */
export function commandOf(fix: Fix): string {
  if (fix.kind !== 'command') throw new Error(`expected a command fix, got steps: ${fix.steps.join(' / ')}`);
  return fix.command;
}
