// The bundle as bytes, before any parsing (../shared/spec/bundle-v1.md), and the catalogue of probes.

/** A bundle read into memory: relative paths with forward slashes -> raw bytes. */
export interface RawBundle {
  /** Where it was read from (folder or zip path), for messages. */
  readonly source: string;
  readonly files: ReadonlyMap<string, Uint8Array>;
  /**
   * Files (and folders, ending in `/`) of a bundle folder that could not be read, with why: each marks what it
   * holds invalid rather than failing the whole bundle (issue 17, defect 7).
   */
  readonly unreadable?: ReadonlyMap<string, string>;
}

export const BUNDLE_FORMAT = 'hostscope-bundle';
export const BUNDLE_VERSION = 1;

export type ProbeKind = 'docker' | 'powershell' | 'container-exec';

/** A catalogue entry as written below; `ProbeSpec` is the same with its id narrowed to the catalogue's ids. */
interface ProbeEntry {
  readonly id: string;
  readonly kind: ProbeKind;
  /** Fixed files it writes; per-container probes use `perContainer` instead. */
  readonly files: readonly string[];
  /**
   * For per-container probes: the files it writes for one container, as templates in which `{id}` stands for
   * the full container id (`containers/{id}/netstat.txt`). Data, so it can be matched both ways
   * (`perContainerFiles`, `probeForFile`).
   */
  readonly perContainer?: readonly string[];
  readonly title: string;
}

/** Where a per-container template holds the container id. */
const CONTAINER_ID_SLOT = '{id}';

/** Every probe of bundle v1, in the order a collector runs them; data, so `ProbeId` is derived from it. */
const CATALOGUE = [
  { id: 'docker.version', kind: 'docker', files: ['docker/version.json'], title: 'Docker engine version' },
  { id: 'docker.info', kind: 'docker', files: ['docker/info.json'], title: 'Docker engine info' },
  {
    id: 'docker.containers',
    kind: 'docker',
    files: ['docker/containers.json'],
    title: 'Containers (inspect)',
  },
  {
    id: 'docker.top',
    kind: 'docker',
    files: [],
    perContainer: ['docker/top/{id}.json'],
    title: 'Container processes (top)',
  },
  { id: 'docker.networks', kind: 'docker', files: ['docker/networks.json'], title: 'Docker networks' },
  { id: 'docker.volumes', kind: 'docker', files: ['docker/volumes.json'], title: 'Docker volumes' },
  {
    id: 'docker.swarm',
    kind: 'docker',
    files: ['docker/swarm/services.json', 'docker/swarm/tasks.json', 'docker/swarm/nodes.json'],
    title: 'Swarm services, tasks, nodes',
  },
  { id: 'host.os', kind: 'powershell', files: ['host/os.json'], title: 'Operating system' },
  { id: 'host.processes', kind: 'powershell', files: ['host/processes.json'], title: 'Processes' },
  { id: 'host.netnat', kind: 'powershell', files: ['host/netnat.json'], title: 'WinNAT instances' },
  {
    id: 'host.natmappings',
    kind: 'powershell',
    files: ['host/netnat-static.json'],
    title: 'WinNAT static mappings',
  },
  {
    id: 'host.natsessions',
    kind: 'powershell',
    files: ['host/netnat-sessions.json'],
    title: 'WinNAT sessions',
  },
  { id: 'host.disks', kind: 'powershell', files: ['host/disks.json'], title: 'Disks' },
  { id: 'host.vhds', kind: 'powershell', files: ['host/vhds.json'], title: 'Attached VHDs' },
  {
    id: 'host.firewall.rules',
    kind: 'powershell',
    files: ['host/firewall-rules.json'],
    title: 'Firewall rules',
  },
  {
    id: 'host.firewall.profiles',
    kind: 'powershell',
    files: ['host/firewall-profiles.json'],
    title: 'Firewall profiles',
  },
  {
    id: 'host.connprofiles',
    kind: 'powershell',
    files: ['host/connection-profiles.json'],
    title: 'Network connection profiles',
  },
  { id: 'host.tcp', kind: 'powershell', files: ['host/tcp.json'], title: 'TCP connections' },
  { id: 'host.udp', kind: 'powershell', files: ['host/udp.json'], title: 'UDP endpoints' },
  { id: 'host.netstat', kind: 'powershell', files: ['host/netstat.txt'], title: 'netstat -ano' },
  { id: 'host.ipaddresses', kind: 'powershell', files: ['host/ip-addresses.json'], title: 'IP addresses' },
  { id: 'host.adapters', kind: 'powershell', files: ['host/adapters.json'], title: 'Network adapters' },
  { id: 'host.hns.networks', kind: 'powershell', files: ['host/hns-networks.json'], title: 'HNS networks' },
  {
    id: 'host.hns.endpoints',
    kind: 'powershell',
    // 1.1: Get-HnsEndpoint whole where an HNS module is loaded, else `hnsdiag list endpoints -d` as text; a
    // run writes one of the two.
    files: ['host/hns-endpoints.json', 'host/hnsdiag-endpoints.txt'],
    title: 'HNS endpoints',
  },
  {
    id: 'host.hcs',
    kind: 'powershell',
    files: ['host/hcsdiag.txt'],
    title: 'HCS compute systems (hcsdiag list)',
  },
  { id: 'host.docker.config', kind: 'powershell', files: ['host/daemon.json'], title: 'Docker daemon.json' },
  {
    id: 'host.docker.service',
    kind: 'powershell',
    files: ['host/docker-service.json'],
    title: 'Docker service',
  },
  {
    id: 'container.listeners',
    kind: 'container-exec',
    files: [],
    perContainer: ['containers/{id}/netstat.txt'],
    title: 'Listeners inside containers',
  },
  // Added in bundle 1.1 (same version 1; readers of 1.0 ignore them).
  {
    id: 'host.portexclusions',
    kind: 'powershell',
    files: ['host/excludedports.txt'],
    title: 'Excluded (reserved) port ranges',
  },
  { id: 'host.routes', kind: 'powershell', files: ['host/routes.json'], title: 'IP routes' },
  { id: 'host.ipinterfaces', kind: 'powershell', files: ['host/ip-interfaces.json'], title: 'IP interfaces' },
  { id: 'host.dns', kind: 'powershell', files: ['host/dns-servers.json'], title: 'DNS client servers' },
  {
    id: 'host.vmswitches',
    kind: 'powershell',
    files: ['host/vmswitches.json'],
    title: 'Hyper-V virtual switches',
  },
  { id: 'host.services', kind: 'powershell', files: ['host/services.json'], title: 'Container services' },
  { id: 'host.events', kind: 'powershell', files: ['host/events.json'], title: 'Container events (7 days)' },
  { id: 'host.proxy', kind: 'powershell', files: ['host/proxy.json'], title: 'Proxy settings' },
  { id: 'host.hotfixes', kind: 'powershell', files: ['host/hotfixes.json'], title: 'Installed updates' },
  { id: 'host.computer', kind: 'powershell', files: ['host/computer.json'], title: 'Computer system' },
  {
    id: 'container.dns',
    kind: 'container-exec',
    files: [],
    perContainer: ['containers/{id}/ipconfig.txt', 'containers/{id}/hosts.txt'],
    title: 'DNS and hosts file inside containers',
  },
  // Issue 16: the images the containers use (GET /images/{id}/json), for image/host build compatibility.
  { id: 'docker.images', kind: 'docker', files: ['docker/images.json'], title: 'Images the containers use' },
] as const satisfies readonly ProbeEntry[];

/** The id of a catalogued probe. Ids read from a manifest stay `string`: a hostile host may list any. */
export type ProbeId = (typeof CATALOGUE)[number]['id'];

export interface ProbeSpec extends ProbeEntry {
  readonly id: ProbeId;
}

export const PROBES: readonly ProbeSpec[] = CATALOGUE;

// Bundle 1.1 also carries checks/*.json (active checks, issue 14; ../shared/spec/diagnosis.md section 5): files of
// no probe, written after a collection at the user's request. isCheckFile (src/shared/checks.ts) names them.

/** The files a per-container probe writes for one container (none for a host-wide probe). */
export function perContainerFiles(spec: ProbeSpec, containerId: string): string[] {
  return (spec.perContainer ?? []).map((template) => template.replace(CONTAINER_ID_SLOT, containerId));
}

/**
 * The container id a per-container template holds in `file`, or null when `file` is not of that template. The
 * id slot takes one path segment, never a `/`.
 */
function containerIdIn(template: string, file: string): string | null {
  const slot = template.indexOf(CONTAINER_ID_SLOT);
  const before = template.slice(0, slot);
  const after = template.slice(slot + CONTAINER_ID_SLOT.length);
  if (file.length <= before.length + after.length || !file.startsWith(before) || !file.endsWith(after))
    return null;
  const id = file.slice(before.length, file.length - after.length);
  return id.includes('/') ? null : id;
}

/** The catalogue probe that writes `file` (a fixed file or a per-container one), with the container id if any. */
export function probeForFile(
  file: string,
): { readonly spec: ProbeSpec; readonly containerId: string | null } | null {
  for (const spec of PROBES) {
    if (spec.files.includes(file)) return { spec, containerId: null };
    for (const template of spec.perContainer ?? []) {
      const containerId = containerIdIn(template, file);
      if (containerId !== null) return { spec, containerId };
    }
  }
  return null;
}

/** The catalogue entry of a probe id; undefined only for an id the catalogue does not know (one read from input). */
export function probeSpec(id: ProbeId): ProbeSpec;
export function probeSpec(id: string): ProbeSpec | undefined;
export function probeSpec(id: string): ProbeSpec | undefined {
  return PROBES.find((p) => p.id === id);
}

export interface ManifestProbe {
  readonly id: string;
  readonly status: 'ok' | 'failed' | 'timeout' | 'unsupported' | 'skipped';
  readonly files?: readonly string[];
  readonly durationMs?: number;
  readonly error?: string;
  /**
   * Addition to bundle-v1 for imports (issue 12): what the imported format lacked compared with the probe, e.g.
   * firewall rules without ports. Readers of plain 1.x ignore it.
   */
  readonly partial?: readonly string[];
}

/**
 * How a manifest's `partial` begins when the container list may lack containers (an import of `docker inspect`
 * without `docker ps -a`): rules that need every container then answer unknown (issue 12, item 4).
 */
export const PARTIAL_CONTAINER_LIST = 'the full container list';

export interface Manifest {
  readonly format: typeof BUNDLE_FORMAT;
  readonly version: typeof BUNDLE_VERSION;
  readonly collectedAt: string;
  readonly collector: { readonly name: string; readonly version: string };
  readonly host: { readonly computerName: string };
  readonly probes: readonly ManifestProbe[];
}
