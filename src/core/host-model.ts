// A bundle's raw files -> one typed HostModel. Every file gets an outcome; a missing or broken file makes only
// the parts that depend on it `unknown` (bundle-v1: "a missing file means not collected").
import type { z } from 'zod';
import {
  PROBES,
  perContainerFiles,
  probeForFile,
  probeSpec,
  type ManifestProbe,
  type ProbeId,
  type RawBundle,
} from '../shared/bundle';
import type {
  Container,
  ContainerIpConfig,
  FileOutcome,
  HnsEndpoint,
  HostsEntry,
  HostModel,
  Known,
  Listener,
  ProbeOutcome,
  ProbeStatus,
  Source,
  TopRow,
} from '../shared/model';
import { decodeText, type TextDecoding } from './bundle/decode';
import { checksOutcome, readChecks } from './checks/read';
import { BundleError } from './bundle/errors';
import { JsonHeapBudget, parseJson } from './bundle/json';
import { parseManifest } from './bundle/manifest';
import { parseHostsFile, parseIpconfig } from './parse/container-dns';
import * as docker from './parse/docker';
import * as hns from './parse/hns';
import * as host from './parse/host';
import { parseExcludedPorts } from './parse/netsh';
import * as network from './parse/network';
import * as system from './parse/system';
import type { Parsed } from './parsed';
import { parseHcsdiag, parseNetstat, type TextParse } from './parse/text';
import { describeIssues } from './parse/values';

export interface ModelOptions extends TextDecoding {
  readonly maxJsonDepth?: number;
  /** The heap the parsed JSON of the bundle may take (DEFAULT_JSON_HEAP_BUDGET). */
  readonly jsonHeapBudget?: number;
}

/** Reads files once each, records their outcomes, and turns them into Known<T> model parts. */
class FileReader {
  readonly outcomes = new Map<string, FileOutcome>();
  private readonly manifestProbes: ReadonlyMap<string, ManifestProbe>;
  private readonly budget: JsonHeapBudget;

  constructor(
    private readonly raw: RawBundle,
    manifestProbes: readonly ManifestProbe[],
    private readonly maxDepth: number | undefined,
    heapBudget: number | undefined,
    private readonly decoding: TextDecoding,
  ) {
    this.manifestProbes = new Map(manifestProbes.map((p) => [p.id, p]));
    this.budget = new JsonHeapBudget(heapBudget);
  }

  /** Whether the bundle holds the file, readable or not. */
  has(file: string): boolean {
    return this.raw.files.has(file) || unreadableReason(this.raw, file) !== null;
  }

  /** Why a probe's file is absent, in the words an admin needs. */
  private absentReason(probe: ProbeId, file: string): string {
    const entry = this.manifestProbes.get(probe);
    if (entry && entry.status !== 'ok') {
      const why = entry.error ? `: ${entry.error}` : '';
      return `${file} not collected: probe ${probe} was ${entry.status} on the host${why}`;
    }
    if (entry) return `${file} is missing although the manifest lists probe ${probe} as ok`;
    return `${file} not collected (probe ${probe})`;
  }

  private text(
    probe: ProbeId,
    file: string,
  ): { kind: 'ok'; text: string } | { kind: 'unknown'; reason: string } {
    const bytes = this.raw.files.get(file);
    const unreadable = bytes === undefined ? unreadableReason(this.raw, file) : null;
    if (unreadable !== null) return this.fail(file, unreadable);
    if (bytes === undefined) {
      this.outcomes.set(file, { kind: 'missing', file });
      return { kind: 'unknown', reason: this.absentReason(probe, file) };
    }
    const decoded = decodeText(bytes, this.decoding);
    this.outcomes.set(file, { kind: 'ok', file, encoding: decoded.encoding });
    return { kind: 'ok', text: decoded.text };
  }

  private fail(file: string, reason: string, location?: string): { kind: 'unknown'; reason: string } {
    this.outcomes.set(file, { kind: 'invalid', file, reason, ...(location ? { location } : {}) });
    return { kind: 'unknown', reason: `${file} is invalid: ${reason}${location ? ` (${location})` : ''}` };
  }

  /** Decode, parse JSON, validate against a schema, map. */
  json<S, T>(
    probe: ProbeId,
    file: string,
    schema: z.ZodType<S>,
    map: (value: S) => Parsed<T>,
    emptyIs?: unknown,
  ): Known<T> {
    const source: Source = { probe, file };
    const text = this.text(probe, file);
    if (text.kind === 'unknown') return { kind: 'unknown', reason: text.reason, source };
    // PowerShell writes nothing at all for an empty result set.
    const json =
      text.text.trim() === '' && emptyIs !== undefined
        ? ({ kind: 'ok', value: emptyIs } as const)
        : parseJson(text.text, this.maxDepth, this.budget);
    if (json.kind === 'invalid') return { ...this.fail(file, json.reason, json.location), source };
    const checked = schema.safeParse(json.value);
    if (!checked.success)
      return {
        ...this.fail(file, `does not match the expected shape: ${describeIssues(checked.error)}`),
        source,
      };
    const mapped = map(checked.data);
    if (mapped.kind === 'invalid') return { ...this.fail(file, mapped.reason, mapped.location), source };
    return { kind: 'known', value: mapped.value, source };
  }

  textFile<T>(probe: ProbeId, file: string, parse: (text: string) => TextParse<T>): Known<T> {
    const source: Source = { probe, file };
    const text = this.text(probe, file);
    if (text.kind === 'unknown') return { kind: 'unknown', reason: text.reason, source };
    const parsed = parse(text.text);
    if (parsed.kind === 'invalid') return { ...this.fail(file, parsed.reason, parsed.location), source };
    return { kind: 'known', value: parsed.value, source };
  }

  /** A list file (one result, an array, or no output at all), each entry mapped; the file from the catalogue. */
  list<R, T>(
    probe: ProbeId,
    schema: z.ZodType<R[]>,
    map: (raw: R) => T,
    file = probeFile(probe),
  ): Known<T[]> {
    return this.json(probe, file, schema, (items) => ok(items.map(map)), []);
  }
}

const ok = <T>(value: T): Parsed<T> => ({ kind: 'ok', value });

/** Why a file of a bundle folder could not be read, itself or the folder holding it; null if nothing says so. */
function unreadableReason(raw: RawBundle, file: string): string | null {
  if (raw.unreadable === undefined) return null;
  const own = raw.unreadable.get(file);
  if (own !== undefined) return own;
  for (let slash = file.lastIndexOf('/'); slash > 0; slash = file.lastIndexOf('/', slash - 1)) {
    const folder = raw.unreadable.get(file.slice(0, slash + 1));
    if (folder !== undefined) return `its folder ${file.slice(0, slash + 1)} ${folder}`;
  }
  return null;
}

/** The one file of a single-file probe (bundle-v1's table, PROBES in shared/bundle.ts). */
function probeFile(probe: ProbeId): string {
  const file = PROBES.find((p) => p.id === probe)?.files[0];
  if (file === undefined) throw new Error(`no file is catalogued for probe ${probe}`);
  return file;
}

export function buildHostModel(raw: RawBundle, options: ModelOptions = {}): HostModel {
  const manifestBytes = raw.files.get('manifest.json');
  const manifestUnreadable = raw.unreadable?.get('manifest.json');
  if (manifestUnreadable !== undefined)
    throw new BundleError('io', `${raw.source}: manifest.json ${manifestUnreadable}`, { bundle: raw.source });
  if (manifestBytes === undefined) {
    throw new BundleError(
      'not-a-bundle',
      `${raw.source} is not a Hostscope bundle: manifest.json is missing at its top level`,
      {
        bundle: raw.source,
      },
    );
  }
  const manifest = parseManifest(decodeText(manifestBytes).text, raw.source);
  const r = new FileReader(raw, manifest.probes, options.maxJsonDepth, options.jsonHeapBudget, options);

  const hostInfo = r.json('host.os', 'host/os.json', host.osSchema, (v) => ok(host.toHostInfo(v)));
  const engineVersion = r.json('docker.version', 'docker/version.json', docker.versionSchema, (v) =>
    ok({ version: v.Version, apiVersion: v.ApiVersion, os: v.Os }),
  );
  const engineInfo = r.json('docker.info', 'docker/info.json', docker.infoSchema, (v) =>
    ok(docker.toEngineInfo(v)),
  );
  const engine: HostModel['engine'] =
    engineInfo.kind === 'known' && engineVersion.kind === 'known'
      ? {
          ...engineInfo,
          value: {
            ...engineInfo.value,
            version: engineVersion.value.version ?? engineInfo.value.version,
            apiVersion: engineVersion.value.apiVersion,
          },
        }
      : engineInfo;

  const containers = buildContainers(r);

  const tcpJson = r.list('host.tcp', host.tcpListSchema, host.toTcp);
  // host/netstat.txt stands in for host/tcp.json (and host/udp.json) where those are missing (bundle-v1).
  const netstat = r.has('host/netstat.txt')
    ? r.textFile('host.netstat', 'host/netstat.txt', parseNetstat)
    : null;
  const fromNetstat = <T>(pick: (l: Listener) => T | null): Known<readonly T[]> | null =>
    netstat?.kind === 'known'
      ? {
          kind: 'known',
          value: netstat.value.map(pick).filter((x): x is T => x !== null),
          source: netstat.source,
        }
      : null;
  const tcp =
    tcpJson.kind === 'known' || !r.has('host/netstat.txt') || r.has('host/tcp.json')
      ? tcpJson
      : (fromNetstat((l) =>
          l.protocol === 'tcp'
            ? {
                localAddress: l.localAddress,
                localPort: l.localPort,
                remoteAddress: l.remoteAddress,
                remotePort: l.remotePort,
                state: l.state ?? 'Unknown',
                owningProcess: l.pid,
              }
            : null,
        ) ?? tcpJson);
  const udpJson = r.list('host.udp', host.udpListSchema, host.toUdp);
  const udp =
    udpJson.kind === 'known' || !r.has('host/netstat.txt') || r.has('host/udp.json')
      ? udpJson
      : (fromNetstat((l) =>
          l.protocol === 'udp'
            ? { localAddress: l.localAddress, localPort: l.localPort, owningProcess: l.pid }
            : null,
        ) ?? udpJson);

  const rules = r.json(
    'host.firewall.rules',
    'host/firewall-rules.json',
    host.rulesSchema,
    (items) => {
      const out = [];
      for (let i = 0; i < items.length; i++) {
        const rule = host.toRule(items[i]!);
        if (rule.kind === 'invalid') return { kind: 'invalid', reason: `[${i}].${rule.reason}` } as const;
        out.push(rule.rule);
      }
      return ok(out);
    },
    [],
  );

  const daemonConfig: Known<HostModel['daemonConfig'] extends Known<infer T> ? T : never> = (() => {
    const file = 'host/daemon.json';
    const probe = manifest.probes.find((p) => p.id === 'host.docker.config');
    // The probe ran and found no file: the host has no daemon.json, which is a fact, not a gap.
    if (!r.has(file) && probe?.status === 'ok') {
      r.outcomes.set(file, { kind: 'missing', file });
      return { kind: 'known', value: null, source: { probe: 'host.docker.config', file } };
    }
    return r.json('host.docker.config', file, host.daemonConfigSchema, (v) => ok(host.toDaemonConfig(v)));
  })();

  const swarmServices = r.list(
    'docker.swarm',
    docker.servicesSchema,
    docker.toService,
    'docker/swarm/services.json',
  );
  const swarmTasks = r.list('docker.swarm', docker.tasksSchema, docker.toTask, 'docker/swarm/tasks.json');
  const swarmNodes = r.list('docker.swarm', docker.nodesSchema, docker.toNode, 'docker/swarm/nodes.json');

  const checks = readChecks(raw);
  const model: Omit<HostModel, 'probes'> = {
    bundle: {
      source: raw.source,
      collectedAt: manifest.collectedAt,
      collector: manifest.collector,
      files: [...raw.files.keys()].sort(),
    },
    host: hostInfo,
    computerName: (hostInfo.kind === 'known' ? hostInfo.value.computerName : null) ?? manifest.computerName,
    engine,
    engineVersion,
    containers,
    images: r.list('docker.images', docker.imagesSchema, docker.toImage),
    networks: r.list('docker.networks', docker.networksSchema, docker.toNetwork),
    volumes: r.json('docker.volumes', 'docker/volumes.json', docker.volumesSchema, (v) =>
      ok(docker.toVolumes(v)),
    ),
    swarmServices,
    swarmTasks,
    swarmNodes,
    processes: r.list('host.processes', host.processesSchema, host.toProcess),
    nat: r.list('host.netnat', host.natsSchema, host.toNat),
    natMappings: r.list('host.natmappings', host.mappingsSchema, host.toMapping),
    natSessions: r.list('host.natsessions', host.sessionsSchema, host.toSession),
    disks: r.list('host.disks', host.disksSchema, host.toDisk),
    vhds: r.list('host.vhds', host.vhdsSchema, host.toVhd),
    firewallRules: rules,
    firewallProfiles: r.json(
      'host.firewall.profiles',
      'host/firewall-profiles.json',
      host.profilesSchema,
      (items) => ok(items.map(host.toProfile).filter((p) => p !== null)),
    ),
    connectionProfiles: r.list('host.connprofiles', host.connectionsSchema, host.toConnectionProfile),
    tcp,
    udp,
    ipAddresses: r.list('host.ipaddresses', host.ipsSchema, host.toIpAddress),
    adapters: r.list('host.adapters', host.adaptersSchema, host.toAdapter),
    hnsNetworks: r.list('host.hns.networks', hns.hnsNetworksSchema, hns.toHnsNetwork),
    hnsEndpoints: hnsEndpoints(r, options.maxJsonDepth),
    hcs: r.textFile('host.hcs', 'host/hcsdiag.txt', parseHcsdiag),
    daemonConfig,
    dockerService: r.json('host.docker.service', 'host/docker-service.json', host.serviceSchema, (v) =>
      ok(host.toDockerService(v)),
    ),
    portExclusions: r.textFile('host.portexclusions', probeFile('host.portexclusions'), parseExcludedPorts),
    routes: r.list('host.routes', network.routesSchema, network.toRoute),
    ipInterfaces: r.list('host.ipinterfaces', network.ipInterfacesSchema, network.toIpInterface),
    dnsServers: r.list('host.dns', network.dnsServersSchema, network.toDnsServers),
    vmSwitches: r.list('host.vmswitches', network.vmSwitchesSchema, network.toVmSwitch),
    services: r.list('host.services', system.servicesSchema, system.toService),
    events: r.list('host.events', system.eventsSchema, system.toEvent),
    proxy: r.json('host.proxy', probeFile('host.proxy'), system.proxySchema, (v) => ok(system.toProxy(v))),
    hotfixes: r.list('host.hotfixes', system.hotfixesSchema, system.toHotfix),
    computer: r.json('host.computer', probeFile('host.computer'), system.computerSchema, (v) =>
      ok(system.toComputer(v)),
    ),
    checks: checks.checks,
  };

  const probes = probeOutcomes(raw, manifest.probes, r.outcomes);
  const checksLine = checksOutcome(checks);
  if (checksLine !== null) probes.push(checksLine);
  if (manifest.problems.length > 0) {
    const file: FileOutcome = {
      kind: 'invalid',
      file: 'manifest.json',
      reason: manifest.problems.join('; '),
    };
    probes.unshift({
      id: 'manifest',
      status: 'invalid',
      detail: file.reason,
      files: [file],
      manifestStatus: null,
      durationMs: null,
    });
  }
  return { ...model, probes };
}

/**
 * HNS endpoints from Get-HnsEndpoint's JSON, or where only `hnsdiag list endpoints -d` was written (no HNS module on
 * the host, bundle-v1 1.1), from its text.
 */
function hnsEndpoints(r: FileReader, maxDepth: number | undefined): Known<readonly HnsEndpoint[]> {
  const [jsonFile, hnsdiagFile] = probeSpec('host.hns.endpoints')!.files as [string, string];
  if (!r.has(jsonFile) && r.has(hnsdiagFile))
    return r.textFile('host.hns.endpoints', hnsdiagFile, (text) => hns.parseHnsdiagEndpoints(text, maxDepth));
  return r.list('host.hns.endpoints', hns.hnsEndpointsSchema, hns.toHnsEndpoint, jsonFile);
}

const CONTAINER_DNS = probeSpec('container.dns')!;

/** Containers, each with what was collected about it one by one (docker top, netstat, ipconfig, hosts file). */
function buildContainers(r: FileReader): Known<readonly Container[]> {
  const base = r.list('docker.containers', docker.containersSchema, docker.toContainer);
  if (base.kind === 'unknown') return base;
  const containers = base.value.map((c): Container => {
    const topFile = `docker/top/${c.id}.json`;
    const listenersFile = `containers/${c.id}/netstat.txt`;
    const running = c.state === 'running';
    const top: Known<readonly TopRow[]> | null =
      running || r.has(topFile)
        ? r.json('docker.top', topFile, docker.topSchema, (v) => ok(docker.toTopRows(v)))
        : null;
    const listeners: Known<readonly Listener[]> | null =
      running || r.has(listenersFile) ? r.textFile('container.listeners', listenersFile, parseNetstat) : null;
    const [ipConfigFile, hostsFile] = perContainerFiles(CONTAINER_DNS, c.id) as [string, string];
    const ipConfig: Known<ContainerIpConfig> | null =
      running || r.has(ipConfigFile) ? r.textFile('container.dns', ipConfigFile, parseIpconfig) : null;
    const hosts: Known<readonly HostsEntry[]> | null =
      running || r.has(hostsFile) ? r.textFile('container.dns', hostsFile, parseHostsFile) : null;
    return { ...c, top, listeners, ipConfig, hostsFile: hosts };
  });
  return { ...base, value: containers };
}

/** Combines the manifest's word on each probe with what its files turned out to hold. */
function probeOutcomes(
  raw: RawBundle,
  manifestProbes: readonly ManifestProbe[],
  outcomes: ReadonlyMap<string, FileOutcome>,
): ProbeOutcome[] {
  const byId = new Map(manifestProbes.map((p) => [p.id, p]));
  const ids = [
    ...PROBES.map((p) => p.id),
    ...manifestProbes.map((p) => p.id).filter((id) => !PROBES.some((p) => p.id === id)),
  ];
  const filesByProbe = new Map<string, FileOutcome[]>();
  for (const spec of PROBES) {
    const files: FileOutcome[] = spec.files.map((f): FileOutcome => {
      const unreadable = unreadableReason(raw, f);
      return (
        outcomes.get(f) ??
        (unreadable !== null
          ? { kind: 'invalid', file: f, reason: unreadable }
          : raw.files.has(f)
            ? { kind: 'ok', file: f, encoding: 'utf-8' }
            : { kind: 'missing', file: f })
      );
    });
    filesByProbe.set(spec.id, files);
  }
  for (const [file, outcome] of outcomes) {
    const owner = probeForFile(file);
    if (owner?.containerId != null) filesByProbe.get(owner.spec.id)!.push(outcome);
  }
  return ids.map((id): ProbeOutcome => {
    const entry = byId.get(id) ?? null;
    const files =
      filesByProbe.get(id) ??
      (entry?.files ?? []).map((f) => outcomes.get(f) ?? { kind: 'missing' as const, file: f });
    const invalid = files.filter((f): f is Extract<FileOutcome, { kind: 'invalid' }> => f.kind === 'invalid');
    const present = files.filter((f) => f.kind !== 'missing');
    const base = {
      id,
      files,
      manifestStatus: entry?.status ?? null,
      durationMs: entry?.durationMs ?? null,
      ...(entry?.partial ? { partial: entry.partial } : {}),
    };
    if (entry && entry.status !== 'ok') {
      return {
        ...base,
        status: entry.status,
        detail: entry.error ?? `the probe was ${entry.status} on the host`,
      };
    }
    if (invalid.length > 0) {
      const first = invalid[0]!;
      const more = invalid.length > 1 ? ` (and ${invalid.length - 1} more files)` : '';
      return {
        ...base,
        status: 'invalid',
        detail: `${first.file}: ${first.reason}${first.location ? ` (${first.location})` : ''}${more}`,
      };
    }
    if (present.length === 0) {
      if (id === 'host.docker.config' && entry?.status === 'ok')
        return { ...base, status: 'ok', detail: 'the host has no daemon.json' };
      const status: ProbeStatus | 'missing' = 'missing';
      const detail = entry
        ? `the manifest lists it as ok, but ${files.map((f) => f.file).join(', ') || 'none of its files'} is not in the bundle`
        : 'not collected';
      return { ...base, status, detail };
    }
    const partial = files.length - present.length;
    return {
      ...base,
      status: 'ok',
      detail:
        partial > 0 && files.length > 1
          ? `${present.length} of ${files.length} files read`
          : `${present.length} file${present.length === 1 ? '' : 's'} read`,
    };
  });
}
