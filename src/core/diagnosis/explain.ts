// Can X reach this container, and if not, why? A path of hops per source (../shared/spec/diagnosis.md,
// section 2); the verdict follows from the hops alone, so it can never disagree with them.

import type { Cause, Explanation, Hop, ReachSource, Verdict } from '../../shared/diagnosis';
import type { Container, HostModel } from '../../shared/model';
import { correlate, footprintOf, type Correlation } from './correlate';
import { coversHostPort, refusedByNat, type Footprint, type Publication } from './footprint';
import { publishedElsewhere } from './causes';
import * as hops from './hops';
import { findContainer, type ContainerLookup } from './lookup';
import { checksFor, observe } from '../checks/observe';

export function sourceLabel(source: ReachSource): string {
  return source.kind === 'container' ? `container:${source.ref}` : source.kind;
}

/** Parses `external`, `host`, `host-localhost` or `container:<ref>`; null for anything else. */
export function parseSource(text: string): ReachSource | null {
  const value = text.trim();
  if (value === 'external' || value === 'host' || value === 'host-localhost') return { kind: value };
  if (value.startsWith('container:') && value.length > 'container:'.length)
    return { kind: 'container', ref: value.slice('container:'.length) };
  return null;
}

/** `80`, `80/tcp` or `53/udp` (TCP when no protocol is given); null for anything else. */
export function parsePort(text: string): { readonly port: number; readonly protocol: 'tcp' | 'udp' } | null {
  const m = /^(\d{1,5})(?:\/(tcp|udp))?$/i.exec(text.trim());
  if (!m) return null;
  const port = Number(m[1]);
  if (port < 1 || port > 65535) return null;
  return { port, protocol: (m[2]?.toLowerCase() ?? 'tcp') as 'tcp' | 'udp' };
}

export function verdictOf(list: readonly Hop[]): Verdict {
  if (list.some((h) => h.status === 'fail')) return 'unreachable';
  if (list.some((h) => h.status === 'unknown')) return 'unknown';
  return 'reachable';
}

/** Paths remembered per correlation and container; dropped past this many so memory stays bounded. */
const HOP_CACHE_LIMIT = 1000;

function hopCache(correlation: Correlation, footprint: Footprint): hops.ContainerHops {
  let cache = correlation.cache.hops.get(footprint);
  if (!cache) {
    cache = {
      running: undefined,
      network: undefined,
      route: undefined,
      listening: new Map(),
      paths: new Map(),
    };
    correlation.cache.hops.set(footprint, cache);
  }
  return cache;
}

function pathCache(cache: hops.ContainerHops, at: string): hops.PathHops {
  let path = cache.paths.get(at);
  if (!path) {
    if (cache.paths.size >= HOP_CACHE_LIMIT) cache.paths.clear();
    path = {
      published: undefined,
      reserved: undefined,
      mesh: undefined,
      nat: undefined,
      hostPort: undefined,
      firewall: undefined,
      loopback: undefined,
      inbound: new Map(),
    };
    cache.paths.set(at, path);
  }
  return path;
}

/** A hop's result from a cache map, or computed and remembered there. */
function remembered(
  cache: Map<string, hops.HopResult>,
  key: string,
  ctx: hops.PathContext,
  make: (ctx: hops.PathContext) => hops.HopResult,
): hops.HopResult {
  const hit = cache.get(key);
  if (hit) return hit;
  const made = make(ctx);
  if (cache.size >= HOP_CACHE_LIMIT) cache.clear();
  cache.set(key, made);
  return made;
}

const MODE_PREFERENCE: Readonly<Record<Publication['mode'], number>> = {
  nat: 0,
  host: 1,
  ingress: 2,
  transparent: 3,
  other: 4,
};

/** Can `source` reach `container` on `port`/`protocol`: the one question explain and planChecks answer. */
export interface ReachQuestion {
  readonly container: Container;
  readonly source: ReachSource;
  /** A host port for `external` and `host-localhost`, a container port for `host` and `container:<ref>`. */
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
}

export function explain(
  model: HostModel,
  { container, source, port, protocol }: ReachQuestion,
  correlation: Correlation = correlate(model),
): Explanation {
  const target = footprintOf(model, correlation, container);
  const hostPortSource = source.kind === 'external' || source.kind === 'host-localhost';
  // A port bound to the host's loopback address is published for the host alone, not for the LAN.
  const matching = hostPortSource
    ? target.publications
        .filter(
          (p) =>
            coversHostPort(p, port) &&
            p.protocol === protocol &&
            // On nat such a binding is refused outright (published-port fails); elsewhere a loopback binding
            // serves the host alone, not the LAN.
            (refusedByNat(p) ||
              !(source.kind === 'external' && p.hostIp !== null && /^(127\.|::1$|\[::1\]$)/.test(p.hostIp))),
        )
        .sort((a, b) => MODE_PREFERENCE[a.mode] - MODE_PREFERENCE[b.mode])
    : [];
  const publication = matching[0] ?? null;
  // A transparent network puts the container on the LAN itself: clients use its address and port directly.
  const direct =
    source.kind === 'external' && publication === null && isOnTransparent(correlation, container);
  let lookup: ContainerLookup | null = null;
  if (source.kind === 'container') {
    // A full id (what the matrix passes) is one map lookup; names and prefixes go through findContainer.
    const byId = correlation.containerById.get(source.ref.toLowerCase());
    lookup = byId ? { kind: 'found', container: byId } : findContainer(model, source.ref);
  }
  const ctx: hops.PathContext = {
    model,
    correlation,
    target,
    source,
    port,
    protocol,
    publication,
    direct,
    containerPort: hostPortSource ? (publication?.containerPort ?? (direct ? port : null)) : port,
    sourceContainer: lookup?.kind === 'found' ? lookup.container : null,
  };

  // Hops that do not depend on where the packet comes from are shared between the explanations of one
  // correlation (the matrix asks external and localhost about the same port): computed once, same answer.
  const cache = hopCache(correlation, target);
  // Keys name everything a hop reads besides the container: the port and the publication the path follows.
  const followed = publication
    ? `${publication.mode}:${publication.hostIp ?? '*'}:${publication.containerPort}`
    : direct
      ? 'direct'
      : 'none';
  const at = `${port}|${protocol}|${followed}`;
  const path = pathCache(cache, at);
  // Fields and maps of the cache, filled by module functions: no closure or key string per hop of a path.
  const running = (cache.running ??= hops.runningHop(ctx));
  const network = (cache.network ??= hops.networkHop(ctx));
  const listening = remembered(cache.listening, `${ctx.containerPort}|${protocol}`, ctx, hops.listeningHop);
  let results: hops.HopResult[];
  switch (source.kind) {
    case 'external':
    case 'host-localhost': {
      if (path.published?.matching !== matching.length)
        path.published = { matching: matching.length, result: hops.publishedPortHop(ctx, matching) };
      const published = path.published.result;
      const reserved = (path.reserved ??= hops.portReservedHop(ctx));
      const mesh = (path.mesh ??= hops.routingMeshHop(ctx));
      const mapping = (path.nat ??= hops.natMappingHop(ctx));
      const hostPort = (path.hostPort ??= hops.hostPortHop(ctx));
      // A client of a host port, on the LAN or the host itself, passes the same hops up to the routing mesh.
      const toHostPort = [running, network, published, reserved, mesh];
      results =
        source.kind === 'external'
          ? [...toHostPort, mapping, hostPort, (path.firewall ??= hops.hostFirewallHop(ctx)), listening]
          : [...toHostPort, (path.loopback ??= hops.natLoopbackHop(ctx)), mapping, hostPort, listening];
      break;
    }
    case 'host':
      results = [
        running,
        network,
        (cache.route ??= hops.hostRouteHop(ctx)),
        remembered(path.inbound, sourceLabel(source), ctx, hops.containerInboundHop),
        listening,
      ];
      break;
    case 'container':
      results = [
        hops.sourceHop(ctx, lookup ?? { kind: 'not-found', suggestions: [] }, source.ref),
        running,
        network,
        hops.sharedNetworkHop(ctx),
        remembered(
          path.inbound,
          ctx.sourceContainer?.id ?? sourceLabel(source),
          ctx,
          hops.containerInboundHop,
        ),
        listening,
      ];
      break;
  }

  results = skipBeyond(results, container.name);
  const list: Hop[] = [];
  const found: Cause[] = [];
  for (const r of results) {
    list.push(r.hop);
    for (const cause of r.causes) found.push(cause);
  }
  const elsewhere =
    hostPortSource && publication === null && !direct
      ? publishedElsewhere(target.publications, port, protocol)
      : null;
  const inferred: Explanation = {
    ...(elsewhere && {
      didYouMean: {
        port: elsewhere.hostPort,
        protocol,
        message: `Did you mean ${elsewhere.hostPort}? ${container.name} publishes its port ${port}/${protocol} on host port ${elsewhere.hostPort} (${elsewhere.evidence.detail}), not on host port ${port}.`,
      },
    }),
    direction: 'inbound',
    container: { id: container.id, name: container.name },
    source,
    from: sourceLabel(source),
    port,
    protocol,
    verdict: verdictOf(list),
    hops: list,
    causes: uniqueCauses(found),
  };
  // Issue 14: real connections made for this same question overturn or confirm the inference.
  if (source.kind === 'external' || model.checks.length === 0) return inferred;
  if (source.kind === 'container' && ctx.sourceContainer === null) return inferred;
  return observe(
    inferred,
    checksFor(model.checks, {
      container: container.id,
      sourceKind: source.kind,
      sourceContainer: ctx.sourceContainer?.id ?? null,
      port,
      protocol,
    }),
  );
}

/**
 * Hops that cannot be decided once an earlier one failed: without a network nothing further can be reached,
 * where the routing mesh forwards nothing no firewall ever sees the packet, and without a shared network no
 * packet arrives to be filtered.
 */
const BLOCKS: Readonly<
  Record<string, { readonly hops: 'all' | readonly string[]; readonly note: (name: string) => string }>
> = {
  'container-network': { hops: 'all', note: (name) => `${name} has no network` },
  'routing-mesh': { hops: ['host-firewall'], note: () => 'the routing mesh forwards nothing on this build' },
  'published-port': {
    hops: [
      'port-reserved',
      'routing-mesh',
      'nat-loopback',
      'nat-mapping',
      'host-port-free',
      'host-firewall',
      'listening',
    ],
    note: () => 'no binding Windows accepts for this port',
  },
  'shared-network': {
    hops: ['container-inbound'],
    note: () => 'no shared network for the packet to arrive through',
  },
};

function skipBeyond(results: hops.HopResult[], name: string): hops.HopResult[] {
  let out = results;
  for (let i = 0; i < results.length; i++) {
    const r = results[i]!;
    const block = r.hop.status === 'fail' ? BLOCKS[r.hop.id] : undefined;
    if (!block) continue;
    // Most paths block nothing: the list is copied only when a hop is skipped.
    if (out === results) out = [...results];
    for (let j = i + 1; j < out.length; j++) {
      const later = out[j]!;
      if (later.hop.status === 'skip' || (block.hops !== 'all' && !block.hops.includes(later.hop.id)))
        continue;
      out[j] = {
        hop: {
          id: later.hop.id,
          title: later.hop.title,
          status: 'skip',
          evidence: [],
          note: block.note(name),
        },
        causes: [],
      };
    }
  }
  return out;
}

function isOnTransparent(correlation: Correlation, container: Container): boolean {
  return container.networks.some((n) => {
    const network =
      (n.networkId ? correlation.networkById.get(n.networkId.toLowerCase()) : undefined) ??
      correlation.networkByName.get(n.name.toLowerCase());
    return network !== undefined && /^(transparent|l2bridge)$/i.test(network.driver);
  });
}

/** Causes without repeats (two hops can find the same one); a path has a handful, compared directly. */
function uniqueCauses(list: readonly Cause[]): Cause[] {
  const out: Cause[] = [];
  for (const c of list) if (!out.some((o) => o.id === c.id && o.title === c.title)) out.push(c);
  return out;
}
