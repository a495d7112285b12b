// Docker Engine API responses (bundle-v1 docker/*) -> model parts.
import { z } from 'zod';
import type {
  Container,
  ImageInfo,
  WindowsVersion,
  ContainerNetwork,
  DockerNetwork,
  EngineInfo,
  Isolation,
  Mount,
  PublishedPort,
  SwarmNode,
  SwarmService,
  SwarmTask,
  TopRow,
  Volume,
} from '../../shared/model';
import { array, ciObject, int, list, optInt, optText, psBool, record, text } from './values';

const stringRecord = z
  .record(z.string(), text.nullable())
  .nullish()
  .transform((r) => Object.entries(r ?? {}).map(([name, value]) => ({ name, value: value ?? '' })));

const binding = ciObject({ HostIp: optText, HostPort: optText });
const portMap = record(array(binding).nullable()).nullish();

const endpoint = ciObject({
  IPAddress: optText,
  GlobalIPv6Address: optText,
  Gateway: optText,
  MacAddress: optText,
  EndpointID: optText,
  NetworkID: optText,
});

const containerSchema = ciObject({
  Id: z.string().regex(/^[0-9a-f]{12,64}$/i, 'expected a hex container id'),
  Name: text,
  Created: optText,
  Image: optText,
  State: ciObject({
    Status: optText,
    Running: psBool,
    StartedAt: optText,
    FinishedAt: optText,
    ExitCode: optInt,
    Error: optText,
    OOMKilled: psBool,
    Health: ciObject({
      Status: optText,
      FailingStreak: optInt,
      Log: list(ciObject({ End: optText, ExitCode: optInt })).nullish(),
    }).nullish(),
  }).nullish(),
  RestartCount: optInt,
  Config: ciObject({
    Image: optText,
    Env: array(z.string()).nullish(),
    Labels: stringRecord,
  }).nullish(),
  HostConfig: ciObject({
    Isolation: optText,
    NetworkMode: optText,
    PortBindings: portMap,
    Memory: optInt,
    RestartPolicy: ciObject({ Name: optText, MaximumRetryCount: optInt }).nullish(),
  }).nullish(),
  NetworkSettings: ciObject({
    Ports: portMap,
    Networks: record(endpoint.nullable()).nullish(),
  }).nullish(),
  GraphDriver: ciObject({
    Name: optText,
    Data: record(text.nullable()).nullish(),
  }).nullish(),
  Mounts: list(
    ciObject({ Type: optText, Name: optText, Source: optText, Destination: text, RW: psBool }),
  ).nullish(),
});

type RawContainer = z.output<typeof containerSchema>;
type RawPortMap = z.output<typeof portMap>;

export const containersSchema = list(containerSchema);

/**
 * `8080-8090` as HostConfig.PortBindings keeps `-p 8080-8090:80`: a range the Windows NAT driver refuses (knowledge
 * notes section 10), kept as data rather than dropped. A one-port range (`8080-8080`) is that port.
 */
function hostPortRangeOf(text: string | null): { readonly start: number; readonly end: number } | null {
  const m = text === null ? null : /^(\d{1,5})-(\d{1,5})$/.exec(text.trim());
  if (!m) return null;
  const start = Number(m[1]);
  const end = Number(m[2]);
  if (start < 1 || end > 65535 || end < start) return null;
  return { start, end };
}

function portsOf(live: RawPortMap, requested: RawPortMap): PublishedPort[] {
  const byKey = new Map<string, PublishedPort>();
  const add = (map: RawPortMap, origin: 'network-settings' | 'port-bindings'): void => {
    for (const [key, bindings] of Object.entries(map ?? {})) {
      const match = /^(\d+)(?:\/(tcp|udp|sctp))?$/i.exec(key);
      if (!match || !bindings) continue;
      const protocol = (match[2] ?? 'tcp').toLowerCase();
      if (protocol !== 'tcp' && protocol !== 'udp') continue;
      for (const b of bindings) {
        const range = hostPortRangeOf(b.HostPort);
        const hostPort =
          b.HostPort !== null && /^\d+$/.test(b.HostPort) ? Number(b.HostPort) : (range?.start ?? null);
        const hostIp = b.HostIp === null || b.HostIp === '' ? '0.0.0.0' : b.HostIp;
        const port: PublishedPort = {
          containerPort: Number(match[1]),
          protocol,
          hostIp,
          hostPort,
          ...(range && range.end > range.start ? { hostPortRange: range } : {}),
          origin,
        };
        const bound = port.hostPortRange
          ? `${port.hostPortRange.start}-${port.hostPortRange.end}`
          : (hostPort ?? '');
        const id = `${port.containerPort}/${protocol}/${hostIp}/${bound}`;
        const seen = byKey.get(id);
        byKey.set(id, seen && seen.origin !== origin ? { ...seen, origin: 'both' } : (seen ?? port));
      }
    }
  };
  add(live, 'network-settings');
  add(requested, 'port-bindings');
  // A dynamic binding ("HostPort": "") is only requested; the live entry carries the port chosen.
  const bound = new Set(
    [...byKey.values()].filter((p) => p.hostPort !== null).map((p) => `${p.containerPort}/${p.protocol}`),
  );
  return [...byKey.values()].filter(
    (p) => p.hostPort !== null || !bound.has(`${p.containerPort}/${p.protocol}`),
  );
}

/** Go's zero time: the engine writes it for a container that never finished (or never started). */
function engineTime(value: string | null | undefined): string | null {
  return value === null || value === undefined || value.startsWith('0001-01-01') ? null : value;
}

function lifecycleOf(raw: RawContainer): Container['lifecycle'] {
  const state = raw.State;
  const health = state?.Health;
  const last = health?.Log?.at(-1);
  return {
    exitCode: state?.ExitCode ?? null,
    error: state?.Error ?? null,
    oomKilled: state?.OOMKilled ?? null,
    finishedAt: engineTime(state?.FinishedAt),
    restartPolicy: raw.HostConfig?.RestartPolicy?.Name ?? null,
    maximumRetryCount: raw.HostConfig?.RestartPolicy?.MaximumRetryCount ?? null,
    restartCount: raw.RestartCount,
    health:
      health?.Status === null || health?.Status === undefined
        ? null
        : {
            status: health.Status.toLowerCase(),
            failingStreak: health.FailingStreak,
            lastExitCode: last?.ExitCode ?? null,
            lastCheckAt: engineTime(last?.End),
          },
  };
}

/** Windows' `default` network mode means `nat` (knowledge notes, section 9). */
function networkModeOf(raw: string | null): string {
  if (raw === null || raw === '' || raw === 'default') return 'nat';
  return raw;
}

export function toContainer(
  raw: RawContainer,
): Omit<Container, 'top' | 'listeners' | 'ipConfig' | 'hostsFile'> {
  const labels = raw.Config?.Labels ?? [];
  const label = (name: string): string | null => labels.find((l) => l.name === name)?.value ?? null;
  const serviceName = label('com.docker.swarm.service.name');
  const networks: ContainerNetwork[] = Object.entries(raw.NetworkSettings?.Networks ?? {}).map(
    ([name, e]) => ({
      name,
      networkId: e?.NetworkID ?? null,
      ip: e?.IPAddress ?? null,
      ipv6: e?.GlobalIPv6Address ?? null,
      gateway: e?.Gateway ?? null,
      mac: e?.MacAddress ?? null,
      endpointId: e?.EndpointID ?? null,
    }),
  );
  const mounts: Mount[] = (raw.Mounts ?? []).map((m) => ({
    type: m.Type ?? 'bind',
    name: m.Name,
    source: m.Source,
    destination: m.Destination,
    readOnly: m.RW === false,
  }));
  const data = raw.GraphDriver?.Data ?? {};
  const dir = Object.entries(data).find(([k]) => k.toLowerCase() === 'dir')?.[1] ?? null;
  return {
    id: raw.Id.toLowerCase(),
    name: raw.Name.replace(/^\//, ''),
    image: raw.Config?.Image ?? raw.Image ?? '',
    imageId: raw.Image,
    state: (raw.State?.Status ?? (raw.State?.Running ? 'running' : 'unknown')).toLowerCase(),
    created: raw.Created,
    startedAt: raw.State?.StartedAt ?? null,
    lifecycle: lifecycleOf(raw),
    isolationRequested: raw.HostConfig?.Isolation ?? null,
    networkMode: networkModeOf(raw.HostConfig?.NetworkMode ?? null),
    networks,
    publishedPorts: portsOf(raw.NetworkSettings?.Ports, raw.HostConfig?.PortBindings),
    mounts,
    labels,
    // Values never enter the model: only the names (secrets are redacted at collection too).
    envNames: (raw.Config?.Env ?? []).map((e) => e.split('=', 1)[0] ?? e),
    graphDriverDir: dir,
    memoryLimitBytes: raw.HostConfig?.Memory ? raw.HostConfig.Memory : null,
    exitCode: raw.State?.Running === true ? null : (raw.State?.ExitCode ?? null),
    stateError: raw.State?.Error ?? null,
    swarm: serviceName
      ? {
          serviceName,
          serviceId: label('com.docker.swarm.service.id'),
          taskId: label('com.docker.swarm.task.id'),
        }
      : null,
  };
}

export const versionSchema = ciObject({
  Version: optText,
  ApiVersion: optText,
  Os: optText,
  KernelVersion: optText,
});

export function toIsolation(raw: string | null | undefined): Isolation | null {
  const value = raw?.trim().toLowerCase();
  if (value === 'process') return 'process';
  if (value === 'hyperv') return 'hyperv';
  return null;
}

export const infoSchema = ciObject({
  Isolation: optText,
  DockerRootDir: optText,
  Name: optText,
  KernelVersion: optText,
  OperatingSystem: optText,
  ServerVersion: optText,
  ContainersRunning: optInt,
  Swarm: ciObject({
    LocalNodeState: optText,
    NodeID: optText,
    NodeAddr: optText,
    ControlAvailable: psBool,
  }).nullish(),
});

export function toEngineInfo(info: z.output<typeof infoSchema>): EngineInfo {
  return {
    version: info.ServerVersion,
    apiVersion: null,
    os: info.OperatingSystem,
    kernelVersion: info.KernelVersion,
    defaultIsolation: toIsolation(info.Isolation),
    dockerRootDir: info.DockerRootDir,
    swarm: {
      localNodeState: info.Swarm?.LocalNodeState ?? null,
      nodeId: info.Swarm?.NodeID ?? null,
      isManager: info.Swarm?.ControlAvailable === true,
      nodeAddr: info.Swarm?.NodeAddr ?? null,
    },
    containersRunning: info.ContainersRunning,
    name: info.Name,
  };
}

const networkSchema = ciObject({
  Id: text,
  Name: text,
  Driver: optText,
  Scope: optText,
  Ingress: psBool,
  IPAM: ciObject({ Config: list(ciObject({ Subnet: optText, Gateway: optText })).nullish() }).nullish(),
  Options: stringRecord,
  Containers: record(ciObject({ Name: optText, IPv4Address: optText }).nullable()).nullish(),
});

export const networksSchema = list(networkSchema);

export function toNetwork(raw: z.output<typeof networkSchema>): DockerNetwork {
  const ipam = raw.IPAM?.Config ?? [];
  return {
    id: raw.Id,
    name: raw.Name,
    driver: raw.Driver ?? '',
    scope: raw.Scope,
    subnets: ipam.map((c) => c.Subnet).filter((s): s is string => s !== null),
    gateways: ipam.map((c) => c.Gateway).filter((s): s is string => s !== null),
    ingress: raw.Ingress === true,
    options: raw.Options,
    containers: Object.entries(raw.Containers ?? {}).map(([id, c]) => ({
      id: id.toLowerCase(),
      name: c?.Name ?? null,
      // Windows engines write the address with a prefix length ("172.24.80.2/16").
      ip: c?.IPv4Address ? (c.IPv4Address.split('/')[0] ?? null) : null,
    })),
  };
}

export const volumesSchema = ciObject({
  Volumes: list(ciObject({ Name: text, Driver: optText, Mountpoint: optText })).nullish(),
});

export function toVolumes(raw: z.output<typeof volumesSchema>): Volume[] {
  return (raw.Volumes ?? []).map((v) => ({
    name: v.Name,
    driver: v.Driver ?? 'local',
    mountpoint: v.Mountpoint,
  }));
}

const servicePort = ciObject({
  Protocol: optText,
  TargetPort: int,
  PublishedPort: optInt,
  PublishMode: optText,
});

const serviceSchema = ciObject({
  ID: text,
  Spec: ciObject({
    Name: text,
    TaskTemplate: ciObject({ ContainerSpec: ciObject({ Image: optText }).nullish() }).nullish(),
    Mode: ciObject({
      Replicated: ciObject({ Replicas: optInt }).nullish(),
      Global: z.unknown().optional(),
    }).nullish(),
    EndpointSpec: ciObject({ Ports: list(servicePort).nullish() }).nullish(),
  }),
  Endpoint: ciObject({ Ports: list(servicePort).nullish() }).nullish(),
});

export const servicesSchema = list(serviceSchema);

export function toService(raw: z.output<typeof serviceSchema>): SwarmService {
  const mode = raw.Spec.Mode;
  const ports = raw.Endpoint?.Ports ?? raw.Spec.EndpointSpec?.Ports ?? [];
  return {
    id: raw.ID,
    name: raw.Spec.Name,
    image: raw.Spec.TaskTemplate?.ContainerSpec?.Image ?? null,
    mode: mode?.Replicated ? 'replicated' : mode?.Global !== undefined ? 'global' : 'other',
    replicas: mode?.Replicated?.Replicas ?? null,
    ports: ports.map((p) => ({
      targetPort: p.TargetPort,
      publishedPort: p.PublishedPort,
      protocol: p.Protocol?.toLowerCase() === 'udp' ? 'udp' : 'tcp',
      // Swarm's default publish mode is ingress (the routing mesh).
      publishMode: p.PublishMode?.toLowerCase() === 'host' ? 'host' : 'ingress',
    })),
  };
}

const taskSchema = ciObject({
  ID: text,
  ServiceID: text,
  NodeID: optText,
  Slot: optInt,
  DesiredState: optText,
  Status: ciObject({
    State: optText,
    ContainerStatus: ciObject({ ContainerID: optText }).nullish(),
  }).nullish(),
});

export const tasksSchema = list(taskSchema);

export function toTask(raw: z.output<typeof taskSchema>): SwarmTask {
  return {
    id: raw.ID,
    serviceId: raw.ServiceID,
    nodeId: raw.NodeID,
    slot: raw.Slot,
    state: raw.Status?.State ?? null,
    desiredState: raw.DesiredState,
    containerId: raw.Status?.ContainerStatus?.ContainerID?.toLowerCase() ?? null,
  };
}

const nodeSchema = ciObject({
  ID: text,
  Description: ciObject({ Hostname: optText }).nullish(),
  Spec: ciObject({ Role: optText, Availability: optText }).nullish(),
  Status: ciObject({ State: optText, Addr: optText }).nullish(),
  ManagerStatus: ciObject({ Leader: psBool, Addr: optText }).nullish(),
});

export const nodesSchema = list(nodeSchema);

export function toNode(raw: z.output<typeof nodeSchema>): SwarmNode {
  return {
    id: raw.ID,
    hostname: raw.Description?.Hostname ?? null,
    role: raw.Spec?.Role ?? null,
    state: raw.Status?.State ?? null,
    availability: raw.Spec?.Availability ?? null,
    addr: raw.Status?.Addr ?? null,
    isLeader: raw.ManagerStatus?.Leader === true,
  };
}

export const topSchema = ciObject({
  Titles: array(text).nullish(),
  Processes: array(z.union([array(text.nullable()), text])).nullish(),
});

/**
 * `docker top` rows. Windows engines answer Titles Name/PID/CPU/Private Working Set (moby
 * daemon/top_windows.go); Linux engines answer ps columns, and Podman may answer each row as one unsplit
 * string (test-infrastructure notes), which is split on whitespace into the title count.
 */
export function toTopRows(raw: z.output<typeof topSchema>): TopRow[] {
  const titles = (raw.Titles ?? []).map((t) => t.trim().toLowerCase());
  const column = (...names: string[]): number => titles.findIndex((t) => names.includes(t));
  const nameAt = column('name', 'cmd', 'command', 'args', 'comm');
  const pidAt = column('pid');
  const cpuAt = column('cpu', '%cpu', 'time');
  const memAt = column('private working set', 'rss', 'vsz', '%mem');
  return (raw.Processes ?? []).map((row) => {
    let cells: (string | null)[] = Array.isArray(row) ? row : [row];
    if (cells.length === 1 && titles.length > 1 && typeof cells[0] === 'string') {
      const parts = cells[0].trim().split(/\s+/);
      cells = [...parts.slice(0, titles.length - 1), parts.slice(titles.length - 1).join(' ')];
    }
    const at = (i: number): string | null => (i >= 0 ? (cells[i] ?? null) : null);
    const pid = at(pidAt);
    return {
      name: at(nameAt) ?? '',
      pid: pid !== null && /^\d+$/.test(pid.trim()) ? Number(pid) : null,
      cpu: at(cpuAt),
      memory: at(memAt),
    };
  });
}

// ---- images (docker.images, issue 16) ---------------------------------------------------------

const imageSchema = ciObject({
  Id: z.string().regex(/^sha256:[0-9a-f]{64}$/i, 'expected an image id sha256:<64 hex digits>'),
  RepoTags: array(text).nullish(),
  Os: optText,
  OsVersion: optText,
  Architecture: optText,
  Size: optInt,
  Created: optText,
});

export const imagesSchema = list(imageSchema);

/** Longest OsVersion kept as written when rejected: the file is hostile, the message must stay short. */
const MAX_REJECTED = 64;

/** `10.0.20348.2700` -> its parts; null for anything else (Linux images leave OsVersion empty). */
export function parseWindowsVersion(value: string): WindowsVersion | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,6})(?:\.(\d{1,9}))?$/.exec(value.trim());
  if (!m) return null;
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    build: Number(m[3]),
    revision: m[4] === undefined ? null : Number(m[4]),
  };
}

export function toImage(raw: z.output<typeof imageSchema>): ImageInfo {
  const osVersion = raw.OsVersion === null ? null : parseWindowsVersion(raw.OsVersion);
  return {
    id: raw.Id.toLowerCase(),
    repoTags: raw.RepoTags ?? [],
    os: raw.Os,
    osVersion,
    osVersionRejected:
      raw.OsVersion !== null && osVersion === null ? raw.OsVersion.slice(0, MAX_REJECTED) : null,
    architecture: raw.Architecture,
    size: raw.Size,
    created: raw.Created,
  };
}
