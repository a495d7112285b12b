// Docker Engine API objects as a Windows engine returns them: container inspect, networks, volumes.
import type { Json } from './json';
import type { When } from './when';

export interface NetworkDef {
  readonly name: string;
  readonly id: string;
  readonly driver: 'nat' | 'null' | 'overlay' | 'transparent';
  readonly scope: 'local' | 'swarm';
  readonly created: When;
  /** IPAM driver: `default` on 2016 engines, `windows` later. */
  readonly ipamDriver: 'default' | 'windows';
  readonly subnet?: string;
  readonly gateway?: string;
  /** HNS network id (Options com.docker.network.windowsshim.hnsid). */
  readonly hnsId?: string;
  readonly ingress?: boolean;
  readonly extraOptions?: Readonly<Record<string, string>>;
  /** The prefix length containers report (a nat /20 shows /16 on older engines). */
  readonly containerPrefixLen?: number;
  readonly peers?: readonly { readonly Name: string; readonly IP: string }[];
  /** Older Windows engines printed Created in local time with an offset. */
  readonly localTimestamps?: boolean;
}

export interface EndpointDef {
  readonly network: NetworkDef;
  readonly ip: string;
  readonly mac: string;
  readonly endpointId: string;
  readonly aliases?: readonly string[];
}

export interface PortDef {
  readonly containerPort: number;
  readonly protocol: 'tcp' | 'udp';
  /** Absent: exposed only (EXPOSE in the image, or a swarm ingress target). */
  readonly hostPort?: number;
  /** As requested: "" means all addresses. */
  readonly hostIp?: string;
}

export interface MountDef {
  readonly type: 'bind' | 'volume';
  readonly source: string;
  readonly destination: string;
  readonly name?: string;
  readonly readOnly?: boolean;
  /** Given with --mount (HostConfig.Mounts) rather than -v (HostConfig.Binds). */
  readonly viaMountFlag?: boolean;
}

export interface ContainerDef {
  readonly id: string;
  readonly name: string;
  readonly image: string;
  readonly imageId: string;
  readonly isolation: 'process' | 'hyperv';
  /** `created`: a start that failed before the container ever ran (State.Error says why). */
  readonly state: 'running' | 'exited' | 'created';
  readonly exitCode?: number;
  /** State.Error: why the last start failed. */
  readonly error?: string;
  readonly created: When;
  readonly startedAt: When;
  readonly finishedAt?: When;
  /** Older Windows engines printed timestamps in local time with an offset. */
  readonly localTimestamps?: boolean;
  readonly networkMode: string;
  readonly endpoints: readonly EndpointDef[];
  readonly ports: readonly PortDef[];
  readonly mounts: readonly MountDef[];
  readonly envNames: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  readonly entrypoint: readonly string[] | null;
  readonly cmd: readonly string[] | null;
  readonly workingDir?: string;
  readonly user?: string;
  readonly memory?: number;
  readonly restartPolicy?: 'no' | 'always' | 'unless-stopped' | 'on-failure';
  /** State.Pid: the host PID of the main process (process isolation) or its PID inside the utility VM. */
  readonly pid: number;
  readonly dataRoot: string;
  readonly sandboxId: string;
}

const ZERO_TIME = '0001-01-01T00:00:00Z';

function stamp(c: ContainerDef, w: When): string {
  return c.localTimestamps ? w.local(true) : w.dockerUtc();
}

function portKey(p: PortDef): string {
  return `${p.containerPort}/${p.protocol}`;
}

/** GET /containers/{id}/json. */
export function inspectContainer(c: ContainerDef): Json {
  const running = c.state === 'running';
  const exposed = Object.fromEntries(c.ports.map((p) => [portKey(p), {}]));
  const bindings: Record<string, Json> = {};
  for (const p of c.ports.filter((x) => x.hostPort !== undefined)) {
    bindings[portKey(p)] = [...((bindings[portKey(p)] as Json[] | undefined) ?? []), { HostIp: p.hostIp ?? '', HostPort: String(p.hostPort) }];
  }
  const live: Record<string, Json> = {};
  if (running) {
    for (const p of c.ports) {
      live[portKey(p)] = p.hostPort === undefined ? null : [{ HostIp: p.hostIp === undefined || p.hostIp === '' ? '0.0.0.0' : p.hostIp, HostPort: String(p.hostPort) }];
    }
  }
  const networks: Record<string, Json> = {};
  for (const e of c.endpoints) {
    networks[e.network.name] = {
      IPAMConfig: null,
      Links: null,
      Aliases: e.aliases ?? null,
      NetworkID: e.network.id,
      EndpointID: running ? e.endpointId : '',
      Gateway: running ? (e.network.gateway ?? '') : '',
      IPAddress: running ? e.ip : '',
      IPPrefixLen: running && e.ip !== '' ? (e.network.containerPrefixLen ?? prefixOf(e.network.subnet)) : 0,
      IPv6Gateway: '',
      GlobalIPv6Address: '',
      GlobalIPv6PrefixLen: 0,
      MacAddress: running ? e.mac : '',
      DriverOpts: null,
    };
  }
  const path = [...(c.entrypoint ?? []), ...(c.cmd ?? [])];
  const binds = c.mounts.filter((m) => !m.viaMountFlag).map((m) => `${m.type === 'volume' ? m.name! : m.source}:${m.destination}${m.readOnly ? ':ro' : ''}`);
  const mountFlags = c.mounts.filter((m) => m.viaMountFlag).map((m) => ({ Type: m.type, Source: m.type === 'volume' ? m.name! : m.source, Target: m.destination, ...(m.readOnly ? { ReadOnly: true } : {}) }));
  return {
    Id: c.id,
    Created: stamp(c, c.created),
    Path: path[0] ?? '',
    Args: path.slice(1),
    State: {
      Status: c.state,
      Running: running,
      Paused: false,
      Restarting: false,
      OOMKilled: false,
      Dead: false,
      Pid: running ? c.pid : 0,
      ExitCode: running ? 0 : (c.exitCode ?? 0),
      Error: c.error ?? '',
      StartedAt: c.state === 'created' ? ZERO_TIME : stamp(c, c.startedAt),
      FinishedAt: c.finishedAt ? stamp(c, c.finishedAt) : ZERO_TIME,
    },
    Image: c.imageId,
    ResolvConfPath: '',
    HostnamePath: '',
    HostsPath: '',
    LogPath: `${c.dataRoot}\\containers\\${c.id}\\${c.id}-json.log`,
    Name: `/${c.name}`,
    RestartCount: 0,
    Driver: 'windowsfilter',
    Platform: 'windows',
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: '',
    ExecIDs: null,
    HostConfig: {
      Binds: binds.length > 0 ? binds : null,
      ContainerIDFile: '',
      LogConfig: { Type: 'json-file', Config: {} },
      NetworkMode: c.networkMode,
      PortBindings: bindings,
      RestartPolicy: { Name: c.restartPolicy ?? 'no', MaximumRetryCount: 0 },
      AutoRemove: false,
      VolumeDriver: '',
      VolumesFrom: null,
      CapAdd: null,
      CapDrop: null,
      Dns: [],
      DnsOptions: [],
      DnsSearch: [],
      ExtraHosts: null,
      GroupAdd: null,
      IpcMode: '',
      Cgroup: '',
      Links: null,
      OomScoreAdj: 0,
      PidMode: '',
      Privileged: false,
      PublishAllPorts: false,
      ReadonlyRootfs: false,
      SecurityOpt: null,
      UTSMode: '',
      UsernsMode: '',
      ShmSize: 0,
      ConsoleSize: [0, 0],
      Isolation: c.isolation,
      CpuShares: 0,
      Memory: c.memory ?? 0,
      NanoCpus: 0,
      CgroupParent: '',
      BlkioWeight: 0,
      BlkioWeightDevice: [],
      BlkioDeviceReadBps: null,
      BlkioDeviceWriteBps: null,
      BlkioDeviceReadIOps: null,
      BlkioDeviceWriteIOps: null,
      CpuPeriod: 0,
      CpuQuota: 0,
      CpuRealtimePeriod: 0,
      CpuRealtimeRuntime: 0,
      CpusetCpus: '',
      CpusetMems: '',
      Devices: [],
      DeviceCgroupRules: null,
      DiskQuota: 0,
      KernelMemory: 0,
      MemoryReservation: 0,
      MemorySwap: 0,
      MemorySwappiness: null,
      OomKillDisable: false,
      PidsLimit: 0,
      Ulimits: null,
      CpuCount: 0,
      CpuPercent: 0,
      IOMaximumIOps: 0,
      IOMaximumBandwidth: 0,
      ...(mountFlags.length > 0 ? { Mounts: mountFlags } : {}),
      MaskedPaths: null,
      ReadonlyPaths: null,
    },
    GraphDriver: { Data: { dir: `${c.dataRoot}\\windowsfilter\\${c.id}` }, Name: 'windowsfilter' },
    Mounts: c.mounts.map((m) =>
      m.type === 'volume'
        ? { Type: 'volume', Name: m.name!, Source: m.source, Destination: m.destination.toLowerCase(), Driver: 'local', Mode: '', RW: !m.readOnly, Propagation: '' }
        : // Windows engines lower-case bind paths in Mounts; HostConfig.Binds keeps what was typed.
          { Type: 'bind', Source: m.source.toLowerCase(), Destination: m.destination.toLowerCase(), Mode: '', RW: !m.readOnly, Propagation: '' },
    ),
    Config: {
      Hostname: c.id.slice(0, 12),
      Domainname: '',
      User: c.user ?? '',
      AttachStdin: false,
      AttachStdout: false,
      AttachStderr: false,
      ...(c.ports.length > 0 ? { ExposedPorts: exposed } : {}),
      Tty: false,
      OpenStdin: false,
      StdinOnce: false,
      Env: c.envNames.length > 0 ? c.envNames.map((n) => `${n}=<redacted>`) : null,
      Cmd: c.cmd,
      Image: c.image,
      Volumes: null,
      WorkingDir: c.workingDir ?? '',
      Entrypoint: c.entrypoint,
      OnBuild: null,
      Labels: c.labels,
    },
    NetworkSettings: {
      Bridge: '',
      SandboxID: running ? c.sandboxId : '',
      HairpinMode: false,
      LinkLocalIPv6Address: '',
      LinkLocalIPv6PrefixLen: 0,
      Ports: live,
      SandboxKey: '',
      SecondaryIPAddresses: null,
      SecondaryIPv6Addresses: null,
      EndpointID: '',
      Gateway: '',
      GlobalIPv6Address: '',
      GlobalIPv6PrefixLen: 0,
      IPAddress: '',
      IPPrefixLen: 0,
      IPv6Gateway: '',
      MacAddress: '',
      Networks: networks,
    },
  };
}

function prefixOf(subnet: string | undefined): number {
  return subnet ? Number(subnet.split('/')[1]) : 0;
}

/** GET /networks/{id}, listing the running containers attached on this host. */
export function inspectNetwork(n: NetworkDef, containers: readonly ContainerDef[], engineAtLeast1706 = true): Json {
  const attached: Record<string, Json> = {};
  for (const c of containers.filter((x) => x.state === 'running')) {
    for (const e of c.endpoints.filter((x) => x.network.id === n.id)) {
      attached[c.id] = {
        Name: c.name,
        EndpointID: e.endpointId,
        MacAddress: e.mac,
        IPv4Address: e.ip === '' ? '' : `${e.ip}/${n.containerPrefixLen ?? prefixOf(n.subnet)}`,
        IPv6Address: '',
      };
    }
  }
  const options: Record<string, string> = { ...(n.hnsId ? { 'com.docker.network.windowsshim.hnsid': n.hnsId } : {}), ...(n.extraOptions ?? {}) };
  return {
    Name: n.name,
    Id: n.id,
    ...(engineAtLeast1706 ? { Created: n.localTimestamps ? n.created.local(true) : n.created.dockerUtc() } : {}),
    Scope: n.scope,
    Driver: n.driver,
    EnableIPv6: false,
    IPAM: {
      Driver: n.driver === 'null' ? 'default' : n.ipamDriver,
      Options: n.driver === 'null' ? null : {},
      Config: n.subnet ? [{ Subnet: n.subnet, ...(n.gateway ? { Gateway: n.gateway } : {}) }] : [],
    },
    Internal: false,
    Attachable: false,
    ...(engineAtLeast1706 ? { Ingress: n.ingress ?? false } : {}),
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Containers: attached,
    Options: options,
    Labels: {},
    ...(n.peers ? { Peers: n.peers } : {}),
  };
}

/**
 * GET /images/{id}/json for the images the containers use (docker.images, issue 16). `osVersion` is the build the
 * image was made on (`10.0.<build>.<UBR>`); the same image id used by several containers is written once.
 */
export function inspectImages(containers: readonly ContainerDef[], osVersions: Readonly<Record<string, string>>, dataRoot: string): Json {
  const seen = new Set<string>();
  const out: Json[] = [];
  for (const c of containers) {
    if (seen.has(c.imageId)) continue;
    seen.add(c.imageId);
    const osVersion = osVersions[c.image];
    if (osVersion === undefined) throw new Error(`no OsVersion given for image ${c.image}`);
    const hex = c.imageId.replace(/^sha256:/, '');
    // Sizes as Windows images have them: servercore-based several GB, nanoserver-based a few hundred MB.
    const size = /nanoserver|portainer/.test(c.image) ? 285_212_672 + (hex.charCodeAt(0) % 16) * 1_048_576 : 4_831_838_208 + (hex.charCodeAt(1) % 64) * 16_777_216;
    out.push({
      Id: c.imageId,
      RepoTags: [repoTag(c.image)],
      RepoDigests: [],
      Parent: '',
      Comment: '',
      // Built (or pulled) some days before the container was made from it.
      Created: c.created.plus(-(3 + (hex.charCodeAt(2) % 20)) * 86_400_000).dockerUtc(),
      DockerVersion: '',
      Author: '',
      Config: { Env: null, Cmd: c.cmd === null ? null : [...c.cmd], Entrypoint: c.entrypoint === null ? null : [...c.entrypoint], Labels: null },
      Architecture: 'amd64',
      Os: 'windows',
      OsVersion: osVersion,
      Size: size,
      GraphDriver: { Data: { dir: `${dataRoot}\\windowsfilter\\${hex}` }, Name: 'windowsfilter' },
      RootFS: { Type: 'layers', Layers: [`sha256:${hex}`] },
      Metadata: { LastTagTime: '0001-01-01T00:00:00Z' },
    });
  }
  return out;
}

/** The tag an image reference stands for: without a pinned digest, `:latest` where no tag is given. */
function repoTag(image: string): string {
  const ref = image.split('@')[0]!;
  return /:[^/]+$/.test(ref) ? ref : `${ref}:latest`;
}
