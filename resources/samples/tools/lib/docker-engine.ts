// GET /version and GET /info of a Windows engine.
import type { Json } from './json';

export interface EngineDef {
  readonly platformName: string;
  readonly version: string;
  readonly apiVersion: string;
  readonly minApiVersion: string;
  readonly gitCommit: string;
  readonly goVersion: string;
  readonly buildTime: string;
  /** "10.0 14393 (14393.2273.amd64fre.rs1_release.180427-1811)" */
  readonly kernelVersion: string;
  readonly operatingSystem: string;
  readonly id: string;
  readonly name: string;
  readonly dataRoot: string;
  readonly ncpu: number;
  readonly memTotal: number;
  readonly containers: { readonly running: number; readonly stopped: number };
  readonly images: number;
  readonly isolation: 'process' | 'hyperv';
  readonly swarm: Json;
  readonly labels?: readonly string[];
}

export function versionBody(e: EngineDef): Json {
  return {
    Platform: { Name: e.platformName },
    Components: [
      {
        Name: 'Engine',
        Version: e.version,
        Details: { ApiVersion: e.apiVersion, Arch: 'amd64', BuildTime: e.buildTime, Experimental: 'false', GitCommit: e.gitCommit, GoVersion: e.goVersion, KernelVersion: e.kernelVersion, MinAPIVersion: e.minApiVersion, Os: 'windows' },
      },
    ],
    Version: e.version,
    ApiVersion: e.apiVersion,
    MinAPIVersion: e.minApiVersion,
    GitCommit: e.gitCommit,
    GoVersion: e.goVersion,
    Os: 'windows',
    Arch: 'amd64',
    KernelVersion: e.kernelVersion,
    BuildTime: e.buildTime,
  };
}

export function infoBody(e: EngineDef): Json {
  return {
    ID: e.id,
    Containers: e.containers.running + e.containers.stopped,
    ContainersRunning: e.containers.running,
    ContainersPaused: 0,
    ContainersStopped: e.containers.stopped,
    Images: e.images,
    Driver: 'windowsfilter',
    DriverStatus: [['Windows', '']],
    Plugins: {
      Volume: ['local'],
      Network: ['ics', 'internal', 'l2bridge', 'l2tunnel', 'nat', 'null', 'overlay', 'private', 'transparent'],
      Authorization: null,
      Log: ['awslogs', 'etwlogs', 'fluentd', 'gcplogs', 'gelf', 'json-file', 'local', 'logentries', 'splunk', 'syslog'],
    },
    MemoryLimit: false,
    SwapLimit: false,
    KernelMemory: false,
    CpuCfsPeriod: false,
    CpuCfsQuota: false,
    CPUShares: false,
    CPUSet: false,
    PidsLimit: false,
    IPv4Forwarding: true,
    BridgeNfIptables: true,
    BridgeNfIp6tables: true,
    Debug: false,
    NFd: -1,
    OomKillDisable: false,
    NGoroutines: -1,
    SystemTime: '',
    LoggingDriver: 'json-file',
    CgroupDriver: '',
    NEventsListener: 0,
    KernelVersion: e.kernelVersion,
    OperatingSystem: e.operatingSystem,
    OSType: 'windows',
    Architecture: 'x86_64',
    IndexServerAddress: 'https://index.docker.io/v1/',
    RegistryConfig: { AllowNondistributableArtifactsCIDRs: [], AllowNondistributableArtifactsHostnames: [], InsecureRegistryCIDRs: ['127.0.0.0/8'], IndexConfigs: { 'docker.io': { Name: 'docker.io', Mirrors: [], Secure: true, Official: true } }, Mirrors: [] },
    NCPU: e.ncpu,
    MemTotal: e.memTotal,
    GenericResources: null,
    DockerRootDir: e.dataRoot,
    HttpProxy: '',
    HttpsProxy: '',
    NoProxy: '',
    Name: e.name,
    Labels: e.labels ?? [],
    ExperimentalBuild: false,
    ServerVersion: e.version,
    Runtimes: {},
    DefaultRuntime: '',
    Swarm: e.swarm,
    LiveRestoreEnabled: false,
    Isolation: e.isolation,
    InitBinary: '',
    ContainerdCommit: { ID: '', Expected: '' },
    RuncCommit: { ID: '', Expected: '' },
    InitCommit: { ID: '', Expected: '' },
    SecurityOptions: null,
    Warnings: null,
  };
}

/** Swarm section of GET /info on a node that is not in a swarm. */
export const SWARM_INACTIVE: Json = { NodeID: '', NodeAddr: '', LocalNodeState: 'inactive', ControlAvailable: false, Error: '', RemoteManagers: null };
