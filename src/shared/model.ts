// The typed model of one Windows container host, built from a bundle (../shared/spec/bundle-v1.md).
// Plain, JSON-serialisable data: it crosses IPC and HTTP as is.
import type { ProbeId } from './bundle';
import type { ActiveCheck } from './checks';

/** Status a probe reports in the manifest. */
export type ProbeStatus = 'ok' | 'failed' | 'timeout' | 'unsupported' | 'skipped';

/** What became of one bundle file when it was read. */
export type FileOutcome =
  | { readonly kind: 'ok'; readonly file: string; readonly encoding: TextEncodingName }
  | { readonly kind: 'missing'; readonly file: string }
  | { readonly kind: 'invalid'; readonly file: string; readonly reason: string; readonly location?: string };

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le-bom' | 'utf-16be-bom' | 'windows-1252';

/** The outcome of one probe: the manifest's word combined with what its files turned out to hold. */
export interface ProbeOutcome {
  /** A catalogue id, `manifest`, `checks`, or an id only the (hostile) manifest lists: so a string. */
  readonly id: string;
  /** ok | missing (not in the bundle) | invalid (a file did not parse) | what the manifest said went wrong. */
  readonly status: ProbeStatus | 'missing' | 'invalid';
  /** One line for a person: why, or what was read. */
  readonly detail: string;
  readonly files: readonly FileOutcome[];
  readonly manifestStatus: ProbeStatus | null;
  readonly durationMs: number | null;
  /** The manifest's `partial` (imports, issue 12): what the pasted format lacked, so what stays unknown. */
  readonly partial?: readonly string[];
}

/** Where a piece of the model came from: the probe and the bundle file. */
export interface Source {
  readonly probe: ProbeId;
  readonly file: string;
}

/**
 * A part of the model that depends on one probe. When the probe's file is missing or broken,
 * the part is `unknown` and says why, and everything else in the model stays intact.
 */
export type Known<T> =
  | { readonly kind: 'known'; readonly value: T; readonly source: Source }
  | { readonly kind: 'unknown'; readonly reason: string; readonly source: Source };

export interface HostInfo {
  readonly computerName: string | null;
  readonly caption: string | null;
  readonly version: string | null;
  readonly build: number | null;
  readonly ubr: number | null;
  readonly editionId: string | null;
  readonly installationType: string | null;
  readonly psVersion: string | null;
  readonly features: readonly string[];
  /** Win32_OperatingSystem.LastBootUpTime (bundle 1.1): shows a restart between two collections; null where absent. */
  readonly lastBootUpTime: string | null;
}

export interface EngineInfo {
  readonly version: string | null;
  readonly apiVersion: string | null;
  readonly os: string | null;
  readonly kernelVersion: string | null;
  /** `process` or `hyperv`: what a container gets when it asks for none (GET /info Isolation). */
  readonly defaultIsolation: Isolation | null;
  readonly dockerRootDir: string | null;
  readonly swarm: SwarmState;
  readonly containersRunning: number | null;
  readonly name: string | null;
}

export interface SwarmState {
  /** inactive | pending | active | error | locked, or null when not reported. */
  readonly localNodeState: string | null;
  readonly nodeId: string | null;
  readonly isManager: boolean;
  readonly nodeAddr: string | null;
}

export type Isolation = 'process' | 'hyperv';

export interface PublishedPort {
  readonly containerPort: number;
  readonly protocol: 'tcp' | 'udp';
  /** Null where the port is exposed but not bound to the host. */
  readonly hostIp: string | null;
  readonly hostPort: number | null;
  /**
   * A host port range as written (`-p 8080-8090:80`), with `hostPort` its first port; absent for a single port.
   * Kept so the rule that Windows refuses ranges can see it (knowledge notes section 10).
   */
  readonly hostPortRange?: { readonly start: number; readonly end: number };
  /** Where Docker says it is bound: the live NetworkSettings.Ports, or only the requested HostConfig.PortBindings. */
  readonly origin: 'network-settings' | 'port-bindings' | 'both';
}

export interface ContainerNetwork {
  readonly name: string;
  readonly networkId: string | null;
  readonly ip: string | null;
  readonly ipv6: string | null;
  readonly gateway: string | null;
  readonly mac: string | null;
  readonly endpointId: string | null;
}

export interface Mount {
  readonly type: string;
  readonly name: string | null;
  readonly source: string | null;
  readonly destination: string;
  readonly readOnly: boolean;
}

export interface TopRow {
  readonly name: string;
  readonly pid: number | null;
  readonly cpu: string | null;
  readonly memory: string | null;
}

export interface Listener {
  readonly protocol: 'tcp' | 'udp';
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string | null;
  readonly remotePort: number | null;
  readonly state: string | null;
  readonly pid: number | null;
}

export interface Container {
  readonly id: string;
  readonly name: string;
  readonly image: string;
  readonly imageId: string | null;
  /** running | exited | created | paused | restarting | dead ... */
  readonly state: string;
  readonly created: string | null;
  readonly startedAt: string | null;
  /** The container's lifecycle as the engine reports it (issue 13). */
  readonly lifecycle: ContainerLifecycle;
  /** HostConfig.Isolation as written (`process`, `hyperv`, `default`, or empty). */
  readonly isolationRequested: string | null;
  /** HostConfig.NetworkMode, with Windows' `default` meaning `nat`. */
  readonly networkMode: string;
  readonly networks: readonly ContainerNetwork[];
  readonly publishedPorts: readonly PublishedPort[];
  readonly mounts: readonly Mount[];
  readonly labels: readonly { readonly name: string; readonly value: string }[];
  /** Names only: values are never kept in the model. */
  readonly envNames: readonly string[];
  /** GraphDriver.Data.dir: the layer folder holding sandbox.vhdx. */
  readonly graphDriverDir: string | null;
  readonly memoryLimitBytes: number | null;
  /** State.ExitCode where the container is not running; null while it runs or where not given. */
  readonly exitCode: number | null;
  /** State.Error: why its last start failed (e.g. 0xc0370101, issue 16); null where empty. */
  readonly stateError: string | null;
  readonly swarm: {
    readonly serviceName: string;
    readonly serviceId: string | null;
    readonly taskId: string | null;
  } | null;
  readonly top: Known<readonly TopRow[]> | null;
  readonly listeners: Known<readonly Listener[]> | null;
  /** `ipconfig /all` inside the container (container.dns, bundle 1.1); null where it was not to be collected. */
  readonly ipConfig: Known<ContainerIpConfig> | null;
  /** The container's hosts file (container.dns, bundle 1.1); null where it was not to be collected. */
  readonly hostsFile: Known<readonly HostsEntry[]> | null;
}

/** State and HostConfig.RestartPolicy of docker inspect: how the container last ended and what restarts it. */
export interface ContainerLifecycle {
  /** State.ExitCode: the last exit's code (0 while running and never exited). */
  readonly exitCode: number | null;
  /** State.Error: the engine's reason where it could not start or stop the container. */
  readonly error: string | null;
  readonly oomKilled: boolean | null;
  /** State.FinishedAt; null where it never finished (the engine writes 0001-01-01). */
  readonly finishedAt: string | null;
  /** HostConfig.RestartPolicy.Name: no, always, unless-stopped, on-failure; null where not written. */
  readonly restartPolicy: string | null;
  readonly maximumRetryCount: number | null;
  /** RestartCount: restarts by the policy since the container was last started by hand. */
  readonly restartCount: number | null;
  /** State.Health; null where the image defines no health check. */
  readonly health: {
    /** starting, healthy, unhealthy. */
    readonly status: string;
    readonly failingStreak: number | null;
    /** The last check's exit code and end time (its output is not kept: it may print secrets). */
    readonly lastExitCode: number | null;
    readonly lastCheckAt: string | null;
  } | null;
}

/** What `ipconfig /all` inside a container says, read from its (localised) text. */
export interface ContainerIpConfig {
  readonly adapters: readonly {
    readonly name: string;
    readonly ipv4: readonly string[];
    readonly dnsServers: readonly string[];
  }[];
  /** The DNS servers of every adapter, in order, without repeats. */
  readonly dnsServers: readonly string[];
}

/** One line of a hosts file: an address and its names. */
export interface HostsEntry {
  readonly address: string;
  readonly names: readonly string[];
}

/** A Windows version as images and hosts give it: `10.0.20348.2700` (major.minor.build.revision). */
export interface WindowsVersion {
  readonly major: number;
  readonly minor: number;
  readonly build: number;
  /** The update revision (UBR); null where only three parts were given. */
  readonly revision: number | null;
}

/** One image a container uses (GET /images/{id}/json; docker.images, issue 16). */
export interface ImageInfo {
  /** `sha256:<64 hex>`, as containers name it in `Image`. */
  readonly id: string;
  readonly repoTags: readonly string[];
  readonly os: string | null;
  /** The Windows version the image was built on; null where absent (Linux images, old engines) or malformed. */
  readonly osVersion: WindowsVersion | null;
  /** OsVersion as written, where it was given but is not a Windows version (the reason it is null). */
  readonly osVersionRejected: string | null;
  readonly architecture: string | null;
  readonly size: number | null;
  readonly created: string | null;
}

export interface DockerNetwork {
  readonly id: string;
  readonly name: string;
  readonly driver: string;
  readonly scope: string | null;
  readonly subnets: readonly string[];
  readonly gateways: readonly string[];
  readonly ingress: boolean;
  readonly options: readonly { readonly name: string; readonly value: string }[];
  readonly containers: readonly {
    readonly id: string;
    readonly name: string | null;
    readonly ip: string | null;
  }[];
}

export interface Volume {
  readonly name: string;
  readonly driver: string;
  readonly mountpoint: string | null;
}

export interface SwarmService {
  readonly id: string;
  readonly name: string;
  readonly image: string | null;
  readonly mode: 'replicated' | 'global' | 'other';
  readonly replicas: number | null;
  readonly ports: readonly {
    readonly targetPort: number;
    readonly publishedPort: number | null;
    readonly protocol: 'tcp' | 'udp';
    readonly publishMode: 'ingress' | 'host';
  }[];
}

export interface SwarmTask {
  readonly id: string;
  readonly serviceId: string;
  readonly nodeId: string | null;
  readonly slot: number | null;
  readonly state: string | null;
  readonly desiredState: string | null;
  readonly containerId: string | null;
}

export interface SwarmNode {
  readonly id: string;
  readonly hostname: string | null;
  readonly role: string | null;
  readonly state: string | null;
  readonly availability: string | null;
  readonly addr: string | null;
  readonly isLeader: boolean;
}

export interface HostProcess {
  readonly pid: number;
  readonly name: string;
  readonly sessionId: number | null;
  readonly path: string | null;
  readonly startTime: string | null;
  readonly workingSet: number | null;
  readonly parentPid: number | null;
  readonly commandLine: string | null;
  /**
   * The owner as the host resolves it (Get-Process -IncludeUserName, which needs elevation). Absent: the owner
   * was not collected; null: collected, and the host could not resolve it (a container's own users).
   */
  readonly userName?: string | null;
}

export interface NatInstance {
  readonly name: string;
  readonly internalPrefix: string | null;
  readonly externalPrefix: string | null;
  readonly active: boolean | null;
}

export interface NatStaticMapping {
  readonly id: number | null;
  readonly natName: string;
  readonly protocol: 'tcp' | 'udp' | 'other';
  readonly remoteExternalPrefix: string | null;
  readonly externalIp: string | null;
  readonly externalPort: number;
  readonly internalIp: string;
  readonly internalPort: number;
  readonly active: boolean | null;
}

export interface NatSession {
  readonly natName: string;
  readonly protocol: string;
  readonly internalSourceAddress: string | null;
  readonly internalSourcePort: number | null;
  readonly internalDestinationAddress: string | null;
  readonly internalDestinationPort: number | null;
  readonly externalSourceAddress: string | null;
  readonly externalSourcePort: number | null;
  readonly externalDestinationAddress: string | null;
  readonly externalDestinationPort: number | null;
  readonly creationTime: string | null;
}

export interface Disk {
  readonly number: number;
  readonly friendlyName: string | null;
  readonly location: string | null;
  readonly path: string | null;
  /** Name of the bus ("File Backed Virtual" for a VHD), numbers mapped to names. */
  readonly busType: string | null;
  readonly size: number | null;
  readonly isOffline: boolean | null;
  readonly operationalStatus: string | null;
  readonly driveLetters: readonly string[];
}

export interface Vhd {
  readonly diskNumber: number | null;
  readonly path: string;
  readonly vhdType: string | null;
  readonly attached: boolean | null;
}

export type FirewallProfileName = 'domain' | 'private' | 'public';

/** A port or address filter: `any`, or a list of values. Ports keep keywords (RPC, IPHTTPS ...) next to numeric ranges. */
export type PortFilter =
  | { readonly kind: 'any' }
  | {
      readonly kind: 'list';
      readonly ranges: readonly (readonly [number, number])[];
      readonly keywords: readonly string[];
    };

export interface FirewallRule {
  readonly name: string;
  readonly displayName: string | null;
  readonly group: string | null;
  readonly enabled: boolean;
  readonly direction: 'inbound' | 'outbound';
  readonly action: 'allow' | 'block';
  /** Profiles it applies to; all three for Any. */
  readonly profiles: readonly FirewallProfileName[];
  readonly policyStoreSource: string | null;
  /** `any`, `tcp`, `udp`, `icmpv4` ... or the IANA number as a string. */
  readonly protocol: string;
  readonly localPorts: PortFilter;
  readonly remotePorts: PortFilter;
  readonly localAddresses: readonly string[];
  readonly remoteAddresses: readonly string[];
  readonly program: string | null;
  /**
   * InterfaceAlias (bundle 1.1): `['Any']`, or the interfaces it is scoped to (it applies only to traffic
   * arriving on them). Null where the bundle does not carry it (1.0).
   */
  readonly interfaceAliases: readonly string[] | null;
}

export interface FirewallProfile {
  readonly name: FirewallProfileName;
  readonly enabled: boolean | null;
  /** Null when NotConfigured: Windows then blocks (the default). */
  readonly defaultInboundAction: 'allow' | 'block' | null;
  readonly defaultOutboundAction: 'allow' | 'block' | null;
  /** Null when NotConfigured: local rules then apply. */
  readonly allowLocalFirewallRules: boolean | null;
}

export interface ConnectionProfile {
  readonly interfaceAlias: string;
  readonly interfaceIndex: number | null;
  readonly networkCategory: FirewallProfileName;
}

export interface TcpEndpoint {
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string | null;
  readonly remotePort: number | null;
  /** Listen, Established, ... (names, numbers mapped). */
  readonly state: string;
  readonly owningProcess: number | null;
}

export interface UdpEndpoint {
  readonly localAddress: string;
  readonly localPort: number;
  readonly owningProcess: number | null;
}

export interface IpAddress {
  readonly interfaceAlias: string | null;
  readonly interfaceIndex: number | null;
  readonly ipAddress: string;
  readonly prefixLength: number | null;
  readonly family: 'ipv4' | 'ipv6';
}

export interface Adapter {
  readonly name: string;
  readonly description: string | null;
  readonly ifIndex: number | null;
  readonly status: string | null;
  readonly macAddress: string | null;
}

export interface HnsNetwork {
  readonly id: string;
  readonly name: string | null;
  readonly type: string | null;
  readonly subnets: readonly string[];
  /** Subnets[].GatewayAddress (bundle 1.1 reads them; empty where not given). */
  readonly gateways: readonly string[];
  /** DNSServerList, split on commas; empty where HNS sets none. */
  readonly dnsServers: readonly string[];
  /** The WinNAT instance HNS made for it (`NAT<guid>`, `ICS<guid>` on 2019+; knowledge notes section 10). */
  readonly natName: string | null;
  /** The vSwitch behind it where HNS names it (SwitchName / SwitchGuid); null where the JSON does not say. */
  readonly switchName: string | null;
  readonly switchId: string | null;
  /** Health.LastErrorCode; non-zero points at HNS state trouble (failure catalogue #3). */
  readonly lastErrorCode: number | null;
}

/**
 * One policy of an HNS endpoint. `nat` is a port Docker published (moby libnetwork windows driver,
 * ConvertPortBindings; knowledge notes section 10); every other type is kept by name.
 */
export type HnsPolicy =
  | {
      readonly kind: 'nat';
      readonly protocol: 'tcp' | 'udp' | 'other';
      readonly internalPort: number;
      readonly externalPort: number;
      /** ExternalPortReserved (newer engines); null where the policy does not carry it. */
      readonly reserved: boolean | null;
    }
  | { readonly kind: 'other'; readonly type: string };

export type HnsNatPolicy = Extract<HnsPolicy, { readonly kind: 'nat' }>;

export interface HnsEndpoint {
  readonly id: string;
  readonly name: string | null;
  readonly virtualNetworkId: string | null;
  readonly ipAddress: string | null;
  readonly macAddress: string | null;
  readonly sharedContainers: readonly string[];
  /** VirtualNetworkName (bundle 1.1 and later). */
  readonly virtualNetworkName: string | null;
  readonly prefixLength: number | null;
  readonly gatewayAddress: string | null;
  /** DNSServerList, split on commas. */
  readonly dnsServers: readonly string[];
  /** IsRemoteEndpoint: an overlay peer's endpoint, owned by no local container. */
  readonly isRemote: boolean | null;
  /**
   * Its policies (bundle 1.1 collects the endpoint whole). Null where the source holds none to read: a 1.0
   * bundle whose probe selected fields, or hnsdiag's summary lines.
   */
  readonly policies: readonly HnsPolicy[] | null;
}

export interface HcsSystem {
  readonly id: string;
  readonly type: string | null;
  readonly state: string | null;
  readonly vmGuid: string | null;
  readonly owner: string | null;
}

export interface DaemonConfig {
  readonly hosts: readonly string[];
  readonly dataRoot: string | null;
  readonly tls: boolean | null;
  /** Every top-level option set in the file, for conflict checks. */
  readonly options: readonly string[];
}

export interface DockerService {
  readonly name: string;
  readonly state: string | null;
  readonly startMode: string | null;
  readonly pathName: string | null;
}

// ---- Bundle 1.1 host state ----------------------------------------------------------------------

export type AddressFamily = 'ipv4' | 'ipv6';

/** A section of host/excludedports.txt: which netsh listing it is. */
export interface PortListing {
  readonly kind: 'excluded' | 'dynamic';
  readonly family: AddressFamily;
  readonly protocol: 'tcp' | 'udp';
}

/** One range of `netsh int ipv4|ipv6 show excludedportrange`: no process can bind a port inside it. */
export interface ExcludedPortRange {
  readonly family: AddressFamily;
  readonly protocol: 'tcp' | 'udp';
  readonly start: number;
  readonly end: number;
  /** Marked `*`: an administered (persistent) exclusion (knowledge notes section 10). */
  readonly administered: boolean;
}

/** `netsh int ipv4 show dynamicport tcp|udp`: where the host picks ephemeral ports. */
export interface DynamicPortRange {
  readonly family: AddressFamily;
  readonly protocol: 'tcp' | 'udp';
  readonly start: number;
  readonly count: number;
}

export interface PortExclusions {
  readonly ranges: readonly ExcludedPortRange[];
  readonly dynamic: readonly DynamicPortRange[];
  /** The listings the file holds: a port of a listing not here was not checked (unknown, not free). */
  readonly listings: readonly PortListing[];
}

/** Get-NetRoute. */
export interface Route {
  readonly destinationPrefix: string;
  /** Null for on-link routes (`0.0.0.0` / `::`). */
  readonly nextHop: string | null;
  readonly interfaceAlias: string | null;
  readonly interfaceIndex: number | null;
  readonly routeMetric: number | null;
  readonly family: AddressFamily;
  /** Local, NetMgmt, Dhcp ... (numbers mapped to names). */
  readonly protocol: string | null;
}

/** Get-NetIPInterface. */
export interface IpInterface {
  readonly interfaceAlias: string | null;
  readonly interfaceIndex: number | null;
  readonly family: AddressFamily;
  /** NlMtu in bytes. */
  readonly mtu: number | null;
  readonly interfaceMetric: number | null;
  readonly automaticMetric: boolean | null;
  readonly dhcp: boolean | null;
  readonly connected: boolean | null;
  readonly forwarding: boolean | null;
}

/** Get-DnsClientServerAddress: one interface and family. */
export interface DnsClientServers {
  readonly interfaceAlias: string | null;
  readonly interfaceIndex: number | null;
  readonly family: AddressFamily;
  readonly serverAddresses: readonly string[];
}

/** Get-VMSwitch. */
export interface VmSwitch {
  readonly name: string;
  readonly id: string | null;
  /** Null where the value is none of Private (0), Internal (1), External (2). */
  readonly switchType: 'private' | 'internal' | 'external' | null;
  readonly netAdapterInterfaceDescription: string | null;
  readonly allowManagementOS: boolean | null;
}

/** Win32_Service of a service containers depend on (docker, hns, vmcompute, winnat, SharedAccess, nvagent). */
export interface HostService {
  readonly name: string;
  /** Running, Stopped, ... as Win32_Service writes it. */
  readonly state: string | null;
  readonly startMode: string | null;
  readonly exitCode: number | null;
  readonly processId: number | null;
}

export type EventLevel = 'critical' | 'error' | 'warning' | 'information' | 'verbose';

/** Get-WinEvent: one event of the HNS, Hyper-V-Compute, docker or service-control logs. */
export interface HostEvent {
  /** ISO time; null where the file's value is not a valid time. */
  readonly timeCreated: string | null;
  readonly logName: string | null;
  readonly providerName: string | null;
  readonly id: number;
  /** Null where the level is none of 1-5 (0 LogAlways is information). */
  readonly level: EventLevel | null;
  readonly message: string | null;
  /**
   * HRESULTs and Win32 error codes written in the message (`0x803b0013`), lower-case without leading zeros:
   * messages are localised, the codes are not (knowledge notes section 10).
   */
  readonly errorCodes: readonly string[];
}

/** HTTP_PROXY, HTTPS_PROXY and NO_PROXY of one scope (credentials were redacted on the host). */
export interface ProxyVariables {
  readonly httpProxy: string | null;
  readonly httpsProxy: string | null;
  readonly noProxy: string | null;
}

export interface ProxySettings {
  /** `netsh winhttp show proxy`; null where not collected. */
  readonly winHttp: {
    /** Null where the (localised) text could not be read either way. */
    readonly direct: boolean | null;
    readonly proxyServer: string | null;
    readonly bypassList: string | null;
  } | null;
  /** The machine-level environment; null where not collected. */
  readonly machine: ProxyVariables | null;
  /** The docker service's Environment; null where not collected. */
  readonly dockerService:
    | (ProxyVariables & {
        /** Names of every variable it sets (values other than the proxy ones are not kept). */
        readonly names: readonly string[];
      })
    | null;
}

/** Get-HotFix. */
export interface Hotfix {
  readonly id: string;
  readonly installedOn: string | null;
}

/** Win32_ComputerSystem. */
export interface ComputerSystem {
  readonly manufacturer: string | null;
  readonly model: string | null;
  readonly hypervisorPresent: boolean | null;
  readonly partOfDomain: boolean | null;
  readonly domain: string | null;
}

export interface BundleInfo {
  /** Where the bundle was read from, as given. */
  readonly source: string;
  readonly collectedAt: string | null;
  readonly collector: { readonly name: string; readonly version: string | null } | null;
  /** Every file path present in the bundle. */
  readonly files: readonly string[];
}

export interface HostModel {
  readonly bundle: BundleInfo;
  readonly probes: readonly ProbeOutcome[];
  /** From host/os.json; the manifest's computer name where os.json is missing. */
  readonly host: Known<HostInfo>;
  readonly computerName: string | null;
  readonly engine: Known<EngineInfo>;
  readonly engineVersion: Known<{
    readonly version: string | null;
    readonly apiVersion: string | null;
    readonly os: string | null;
  }>;
  readonly containers: Known<readonly Container[]>;
  /** Bundle 1.1 (issue 16): the images the containers use. */
  readonly images: Known<readonly ImageInfo[]>;
  readonly networks: Known<readonly DockerNetwork[]>;
  readonly volumes: Known<readonly Volume[]>;
  readonly swarmServices: Known<readonly SwarmService[]>;
  readonly swarmTasks: Known<readonly SwarmTask[]>;
  readonly swarmNodes: Known<readonly SwarmNode[]>;
  readonly processes: Known<readonly HostProcess[]>;
  readonly nat: Known<readonly NatInstance[]>;
  readonly natMappings: Known<readonly NatStaticMapping[]>;
  readonly natSessions: Known<readonly NatSession[]>;
  readonly disks: Known<readonly Disk[]>;
  readonly vhds: Known<readonly Vhd[]>;
  readonly firewallRules: Known<readonly FirewallRule[]>;
  readonly firewallProfiles: Known<readonly FirewallProfile[]>;
  readonly connectionProfiles: Known<readonly ConnectionProfile[]>;
  /** From host/tcp.json, or parsed from host/netstat.txt where tcp.json is missing. */
  readonly tcp: Known<readonly TcpEndpoint[]>;
  readonly udp: Known<readonly UdpEndpoint[]>;
  readonly ipAddresses: Known<readonly IpAddress[]>;
  readonly adapters: Known<readonly Adapter[]>;
  readonly hnsNetworks: Known<readonly HnsNetwork[]>;
  readonly hnsEndpoints: Known<readonly HnsEndpoint[]>;
  readonly hcs: Known<readonly HcsSystem[]>;
  /** `value: null` means the probe ran and the host has no daemon.json. */
  readonly daemonConfig: Known<DaemonConfig | null>;
  readonly dockerService: Known<DockerService>;
  // Bundle 1.1 parts: a 1.0 bundle holds none of their files, so they are `unknown` (not collected) there.
  readonly portExclusions: Known<PortExclusions>;
  readonly routes: Known<readonly Route[]>;
  readonly ipInterfaces: Known<readonly IpInterface[]>;
  readonly dnsServers: Known<readonly DnsClientServers[]>;
  readonly vmSwitches: Known<readonly VmSwitch[]>;
  readonly services: Known<readonly HostService[]>;
  readonly events: Known<readonly HostEvent[]>;
  readonly proxy: Known<ProxySettings>;
  readonly hotfixes: Known<readonly Hotfix[]>;
  readonly computer: Known<ComputerSystem>;
  /** Issue 14: the active checks run on the live host (checks/*.json), oldest first; empty when none. */
  readonly checks: readonly ActiveCheck[];
}
