// The host summary: the host, the engine, every container and every probe's outcome, as `hostscope summary`
// prints it and the app's overview shows it; CLI text is src/cli/format/summary.ts.
import type {
  ExcludedPortRange,
  HostModel,
  HostService,
  Isolation,
  Known,
  PortExclusions,
  ProxySettings,
  PublishedPort,
  VmSwitch,
} from '../shared/model';
import { correlate, hostPortText, type Correlation } from './diagnosis';

export interface SummaryJson {
  readonly bundle: {
    readonly source: string;
    readonly collectedAt: string | null;
    readonly collector: string | null;
  };
  readonly host: {
    readonly computerName: string | null;
    readonly caption: string | null;
    readonly build: number | null;
    readonly ubr: number | null;
    readonly installationType: string | null;
    readonly features: readonly string[];
    /** Why the fields above are null, where host/os.json was not read. */
    readonly unknown?: string;
  };
  readonly engine: {
    readonly version: string | null;
    readonly apiVersion: string | null;
    readonly defaultIsolation: Isolation | null;
    readonly dockerRootDir: string | null;
    readonly swarm: string | null;
    readonly unknown?: string;
  };
  readonly containers: readonly {
    readonly id: string;
    readonly name: string;
    readonly image: string;
    readonly state: string;
    /** Effective isolation (the correlation's): the container's own, or the engine default; null when neither is known. */
    readonly isolation: Isolation | null;
    readonly networks: readonly { readonly name: string; readonly ip: string | null }[];
    readonly publishedPorts: readonly string[];
  }[];
  readonly containersUnknown?: string;
  /** Headline counts (an addition to the summary JSON, shared with the app's overview and the report). */
  readonly counts: HostCounts;
  /**
   * Bundle 1.1 host state (an addition to the summary JSON): each part is null where its probe gave nothing, and
   * `unknown` says why.
   */
  readonly hostState: {
    readonly services: readonly Pick<HostService, 'name' | 'state' | 'startMode' | 'exitCode'>[] | null;
    readonly excludedPortRanges: readonly ExcludedPortRange[] | null;
    readonly dynamicPortRanges: PortExclusions['dynamic'] | null;
    readonly proxy: ProxySettings | null;
    readonly vmSwitches: readonly Pick<VmSwitch, 'name' | 'switchType'>[] | null;
    /** Collected events by level, and the error codes their messages name. */
    readonly events: {
      readonly count: number;
      readonly errors: number;
      readonly errorCodes: readonly string[];
    } | null;
    readonly unknown: readonly string[];
  };
  readonly probes: readonly { readonly id: string; readonly status: string; readonly detail: string }[];
}

const valueOr = <T, D>(k: Known<T>, fallback: D): T | D => (k.kind === 'known' ? k.value : fallback);

/** Headline counts of the host, each null where the probe behind it gave nothing. */
export interface HostCounts {
  readonly containers: number | null;
  readonly runningContainers: number | null;
  readonly networks: number | null;
  readonly swarmServices: number | null;
  readonly hostProcesses: number | null;
  /**
   * Enabled inbound rules: the ones that can allow or block a path into a container. Outbound and disabled rules
   * decide no inbound path, so counting them (the overview once said 119 where the report said 65) misleads.
   */
  readonly inboundFirewallRules: number | null;
  /** WinNAT static mappings (host.nat); HNS policies publish ports on 2019+ where this is 0 (knowledge notes section 10). */
  readonly natMappings: number | null;
}

export function hostCounts(model: HostModel): HostCounts {
  const count = <T>(part: Known<readonly T[]>, keep: (item: T) => boolean = () => true): number | null =>
    part.kind === 'known' ? part.value.filter(keep).length : null;
  return {
    containers: count(model.containers),
    runningContainers: count(model.containers, (c) => c.state === 'running'),
    networks: count(model.networks),
    swarmServices: count(model.swarmServices),
    hostProcesses: count(model.processes),
    inboundFirewallRules: count(model.firewallRules, (r) => r.enabled && r.direction === 'inbound'),
    natMappings: count(model.natMappings),
  };
}

/**
 * The node's swarm role as an admin says it: `manager`, `worker`, `not in a swarm` (LocalNodeState inactive),
 * another state as Docker gives it (`pending`, `error`, `locked`), or `unknown` where the engine did not say.
 */
export function swarmRole(
  swarm: { readonly localNodeState: string | null; readonly isManager: boolean } | null,
): string {
  if (swarm === null || swarm.localNodeState === null) return 'unknown';
  if (swarm.localNodeState === 'active') return swarm.isManager ? 'manager' : 'worker';
  if (swarm.localNodeState === 'inactive') return 'not in a swarm';
  return swarm.localNodeState;
}

/** A published port as `docker ps` writes it: `8080->80/tcp`, with the host address only where it is not "any". */
export function formatPort(
  port: Pick<PublishedPort, 'containerPort' | 'protocol' | 'hostIp' | 'hostPort' | 'hostPortRange'>,
): string {
  const target = `${port.containerPort}/${port.protocol}`;
  // Exposed but not bound to the host: the container port alone, as `docker ps` shows it.
  if (port.hostPort === null) return target;
  const anyAddress =
    port.hostIp === null || port.hostIp === '' || port.hostIp === '0.0.0.0' || port.hostIp === '::';
  return `${anyAddress ? '' : `${port.hostIp}:`}${hostPortText(port)}->${target}`;
}

/** The host summary `hostscope summary` prints and the app's overview shows; pass the correlation where one exists. */
export function summarize(model: HostModel, correlation: Correlation = correlate(model)): SummaryJson {
  const host = valueOr(model.host, null);
  const engine = valueOr(model.engine, null);
  const defaultIsolation = engine?.defaultIsolation ?? null;
  return {
    bundle: {
      source: model.bundle.source,
      collectedAt: model.bundle.collectedAt,
      collector: model.bundle.collector
        ? `${model.bundle.collector.name} ${model.bundle.collector.version ?? ''}`.trim()
        : null,
    },
    host: {
      computerName: model.computerName,
      caption: host?.caption ?? null,
      build: host?.build ?? null,
      ubr: host?.ubr ?? null,
      installationType: host?.installationType ?? null,
      features: host?.features ?? [],
      ...(model.host.kind === 'unknown' ? { unknown: model.host.reason } : {}),
    },
    engine: {
      version: engine?.version ?? null,
      apiVersion: engine?.apiVersion ?? null,
      defaultIsolation,
      dockerRootDir: engine?.dockerRootDir ?? null,
      swarm: engine ? swarmRole(engine.swarm) : null,
      ...(model.engine.kind === 'unknown' ? { unknown: model.engine.reason } : {}),
    },
    containers: valueOr(model.containers, []).map((c) => ({
      id: c.id,
      name: c.name,
      image: c.image,
      state: c.state,
      isolation: correlation.footprints.get(c.id)?.isolation.value ?? null,
      networks: c.networks.map((n) => ({ name: n.name, ip: n.ip })),
      publishedPorts: c.publishedPorts.map(formatPort),
    })),
    ...(model.containers.kind === 'unknown' ? { containersUnknown: model.containers.reason } : {}),
    counts: hostCounts(model),
    hostState: hostState(model),
    probes: model.probes.map((p) => ({ id: p.id, status: p.status, detail: p.detail })),
  };
}

function hostState(model: HostModel): SummaryJson['hostState'] {
  const parts: readonly Known<unknown>[] = [
    model.services,
    model.portExclusions,
    model.proxy,
    model.vmSwitches,
    model.events,
  ];
  const exclusions = valueOr(model.portExclusions, null);
  const events = valueOr(model.events, null);
  return {
    services:
      valueOr(model.services, null)?.map((s) => ({
        name: s.name,
        state: s.state,
        startMode: s.startMode,
        exitCode: s.exitCode,
      })) ?? null,
    excludedPortRanges: exclusions?.ranges ?? null,
    dynamicPortRanges: exclusions?.dynamic ?? null,
    proxy: valueOr(model.proxy, null),
    vmSwitches:
      valueOr(model.vmSwitches, null)?.map((s) => ({ name: s.name, switchType: s.switchType })) ?? null,
    events: events
      ? {
          count: events.length,
          errors: events.filter((e) => e.level === 'error' || e.level === 'critical').length,
          errorCodes: [...new Set(events.flatMap((e) => e.errorCodes))],
        }
      : null,
    unknown: parts.flatMap((p) => (p.kind === 'unknown' ? [p.reason] : [])),
  };
}
