// The hops of a reachability path. Each hop checks one thing that must hold for the packet to arrive, from
// the evidence in the bundle: pass, fail (with causes), unknown (naming the probe that would decide it), or
// skip where it does not apply.

import type { Cause, Evidence, Hop, HopId, ReachSource } from '../../shared/diagnosis';
import type {
  Container,
  FirewallProfileName,
  FirewallRule,
  HostModel,
  NatStaticMapping,
} from '../../shared/model';
import * as causes from './causes';
import { bareAddress } from './addresses';
import type { Correlation } from './correlate';
import { processLabel, refusedByNat, type Footprint, type Publication } from './footprint';
import { HNS_ENDPOINT_DRIVERS, natPolicyText } from './hns-links';
import { networkDrivers } from './host-index';
import {
  decideInbound,
  externalProfiles,
  formatPorts,
  internalProfiles,
  profileSettings,
  type ArrivingProfiles,
  type FirewallDecision,
} from './firewall';
import { containerListPartial, evidenceFrom, missingNote } from './known';
import { isListening, isLoopback } from './listeners';
import { reservation } from './reserved-ports';
import type { ContainerLookup } from './lookup';
import { BUILD, natLoopback, processIsolatedDefaultInbound, routingMesh } from './windows-builds';

export interface HopResult {
  readonly hop: Hop;
  readonly causes: readonly Cause[];
}

/**
 * What the explanations of one container computed, kept in its correlation's cache: the hops that depend on the
 * container alone, the listening hop by container port, and the rest per path (port, protocol, publication).
 * Mutable on purpose: it is memory, filled as questions come.
 */
export interface ContainerHops {
  running: HopResult | undefined;
  network: HopResult | undefined;
  route: HopResult | undefined;
  /** By `<container port>|<protocol>`. */
  readonly listening: Map<string, HopResult>;
  /** By `<port>|<protocol>|<publication followed>`. */
  readonly paths: Map<string, PathHops>;
}

/**
 * The hops of one path; the published-port hop with the number of bindings it judged (a loopback one counts for
 * some sources only). Every field exists from the start (undefined until computed), so all paths share one shape.
 */
export interface PathHops {
  published: { readonly matching: number; readonly result: HopResult } | undefined;
  reserved: HopResult | undefined;
  mesh: HopResult | undefined;
  nat: HopResult | undefined;
  hostPort: HopResult | undefined;
  firewall: HopResult | undefined;
  loopback: HopResult | undefined;
  /** By source: the other container's id, or `host`. */
  readonly inbound: Map<string, HopResult>;
}

/** What a path is about, worked out once before its hops run. */
export interface PathContext {
  readonly model: HostModel;
  readonly correlation: Correlation;
  readonly target: Footprint;
  readonly source: ReachSource;
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
  /** The publication followed for a host-port source; null where none matches. */
  readonly publication: Publication | null;
  /** External traffic straight to the container's address on a transparent network, no publication needed. */
  readonly direct: boolean;
  /** The container port the packet ends on, where it can be told. */
  readonly containerPort: number | null;
  /** The other container, for a `container:<ref>` source. */
  readonly sourceContainer: Container | null;
}

export const pass = (id: HopId, title: string, evidence: readonly Evidence[], note?: string): HopResult => ({
  hop: { id, title, status: 'pass', evidence, ...(note ? { note } : {}) },
  causes: [],
});
export const fail = (
  id: HopId,
  title: string,
  evidence: readonly Evidence[],
  found: readonly Cause[],
  note?: string,
): HopResult => ({
  hop: { id, title, status: 'fail', evidence, ...(note ? { note } : {}) },
  causes: found,
});
export const unknown = (
  id: HopId,
  title: string,
  note: string,
  evidence: readonly Evidence[] = [],
  hints: readonly Cause[] = [],
): HopResult => ({
  hop: { id, title, status: 'unknown', evidence, note },
  causes: hints,
});
export const skip = (id: HopId, title: string, note: string): HopResult => ({
  hop: { id, title, status: 'skip', evidence: [], note },
  causes: [],
});

const portText = (ctx: PathContext, port: number = ctx.port): string => `${port}/${ctx.protocol}`;
const containersFile = (ctx: PathContext): string => ctx.model.containers.source.file;
const NO_PUBLICATION = 'no publication to follow';

export function buildOf(
  model: HostModel,
): { readonly build: number; readonly evidence: Evidence } | { readonly note: string } {
  const host = model.host;
  if (host.kind === 'unknown') return { note: missingNote(host) };
  if (host.value.build === null) return { note: `${host.source.file} gives no BuildNumber` };
  return { build: host.value.build, evidence: evidenceFrom(host.source, `BuildNumber ${host.value.build}`) };
}

// ---- the container itself --------------------------------------------------------------------

export function runningHop(ctx: PathContext): HopResult {
  const c = ctx.target.container;
  const title = `Container ${c.name} is running`;
  const evidence = [{ file: containersFile(ctx), detail: `${c.name}: State.Status ${c.state}` }];
  return ctx.target.running
    ? pass('container-running', title, evidence)
    : fail('container-running', title, evidence, [
        causes.containerNotRunning(c, 'target', containersFile(ctx)),
      ]);
}

export function networkHop(ctx: PathContext): HopResult {
  const c = ctx.target.container;
  const title = `${c.name} is on a network`;
  const id = 'container-network';
  if (c.networkMode.toLowerCase() === 'none' || (c.networks.length === 0 && ctx.target.running)) {
    return fail(
      id,
      title,
      [
        {
          file: containersFile(ctx),
          detail: `${c.name}: HostConfig.NetworkMode ${c.networkMode}, ${c.networks.length} networks`,
        },
      ],
      [causes.noNetwork(c, containersFile(ctx))],
    );
  }
  if (c.networks.length === 0) return skip(id, title, `${c.name} is not running: no endpoint to show`);
  // A NetworkID that no longer exists (nat recreated after a reboot): the container cannot start (catalogue 12).
  const networks = ctx.model.networks;
  if (networks.kind === 'known') {
    const gone = c.networks.filter(
      (n) =>
        n.networkId !== null &&
        n.networkId !== '' &&
        !ctx.correlation.networkById.has(n.networkId.toLowerCase()),
    );
    if (gone.length > 0)
      return fail(
        id,
        title,
        gone.map((n) => ({
          file: containersFile(ctx),
          detail: `${c.name}: ${n.name} NetworkID ${n.networkId ?? '(none)'}`,
        })),
        [
          causes.networkMissing(c, {
            gone,
            file: networks.source.file,
            byName: ctx.correlation.networkByName,
          }),
        ],
      );
  }
  // HNS state lost: Docker shows the address, HNS holds no endpoint for it (catalogue 3, 21). hnsdiag's summary
  // lines carry no address: a list where no endpoint has one cannot tell absence.
  const drivers = networkDrivers(c, ctx.correlation.networkById, ctx.correlation.networkByName);
  const endpoints = ctx.model.hnsEndpoints;
  const addressed =
    endpoints.kind === 'known' && (endpoints.value.length === 0 || endpoints.value.some((e) => e.ipAddress));
  const lost = addressed
    ? ctx.target.attachments.filter(
        (a, i) => a.endpoint.kind === 'absent' && HNS_ENDPOINT_DRIVERS.has(drivers[i] ?? 'unknown'),
      )
    : [];
  if (lost.length > 0)
    return fail(
      id,
      title,
      lost.flatMap((a) => (a.endpoint.kind === 'absent' ? a.endpoint.evidence : [])),
      [
        causes.hnsEndpointMissing(
          c,
          lost.map((a) => (a.endpoint.kind === 'absent' ? a.endpoint.reason : '')).join('; '),
          endpoints.source.file,
        ),
      ],
    );
  const held = ctx.target.attachments.flatMap((a) =>
    a.endpoint.kind === 'found' ? a.endpoint.evidence : [],
  );
  return pass(id, title, [
    ...held,
    {
      file: containersFile(ctx),
      detail: `${c.name}: ${c.networks.map((n) => `${n.name} ${n.ip ?? '(no address)'}`).join(', ')}`,
    },
  ]);
}

export function sourceHop(ctx: PathContext, lookup: ContainerLookup, ref: string): HopResult {
  const id = 'source-container';
  const s = ctx.sourceContainer;
  if (!s) {
    if (lookup.kind === 'ambiguous') {
      return unknown(
        id,
        `Source container ${ref} exists`,
        `"${ref}" matches ${lookup.candidates.length} containers: ${lookup.candidates.map((c) => c.name).join(', ')}; give a longer id`,
      );
    }
    return fail(
      id,
      `Source container ${ref} exists`,
      [{ file: containersFile(ctx), detail: `no container named "${ref}" or with that id` }],
      [causes.sourceNotFound(ref, containersFile(ctx))],
    );
  }
  const title = `Source container ${s.name} is running`;
  const evidence = [{ file: containersFile(ctx), detail: `${s.name}: State.Status ${s.state}` }];
  return s.state === 'running'
    ? pass(id, title, evidence)
    : fail(id, title, evidence, [causes.containerNotRunning(s, 'source', containersFile(ctx))]);
}

function sameNetwork(a: Container['networks'][number], b: Container['networks'][number]): boolean {
  return a.networkId !== null && b.networkId !== null
    ? a.networkId.toLowerCase() === b.networkId.toLowerCase()
    : a.name === b.name;
}

function networksText(c: Container): string {
  return `${c.name}: ${c.networks.map((n) => n.name).join(', ') || 'no network'}`;
}

export function sharedNetworkHop(ctx: PathContext): HopResult {
  const t = ctx.target.container;
  const s = ctx.sourceContainer;
  const id = 'shared-network';
  if (!s) return skip(id, 'The two containers share a network', 'no source container');
  const title = `${s.name} and ${t.name} share a network`;
  const shared = t.networks.filter((n) => s.networks.some((m) => sameNetwork(n, m)));
  if (shared.length > 0) {
    return pass(id, title, [
      {
        file: containersFile(ctx),
        detail: `both on ${shared.map((n) => `${n.name} (${t.name} at ${n.ip ?? 'no address'})`).join(', ')}`,
      },
    ]);
  }
  return fail(
    id,
    title,
    [
      { file: containersFile(ctx), detail: networksText(t) },
      { file: containersFile(ctx), detail: networksText(s) },
    ],
    [causes.noSharedNetwork(t, s, containersFile(ctx))],
  );
}

const ROUTED_DRIVERS = new Set(['nat', 'transparent', 'l2bridge', 'l2tunnel', 'ics', 'internal']);

export function hostRouteHop(ctx: PathContext): HopResult {
  const c = ctx.target.container;
  const id = 'host-route';
  const title = `The host has a route to ${c.name}`;
  if (!ctx.target.running) return skip(id, title, 'the container is not running: it has no address');
  const drivers = networkDrivers(c, ctx.correlation.networkById, ctx.correlation.networkByName);
  const routed = c.networks.map((n, i) => ({ n, driver: drivers[i]! })).filter((x) => x.n.ip);
  const direct = routed.find((x) => ROUTED_DRIVERS.has(x.driver));
  if (direct) {
    // From the host a container on nat is reached on its own address (knowledge notes, section 3).
    return pass(id, title, [
      {
        file: containersFile(ctx),
        detail: `${c.name}: ${direct.n.ip} on ${direct.n.name} (driver ${direct.driver})`,
      },
    ]);
  }
  if (routed.length === 0) return unknown(id, title, `${containersFile(ctx)} gives ${c.name} no address`);
  if (routed.some((x) => x.driver === 'unknown') && ctx.model.networks.kind === 'unknown')
    return unknown(id, title, missingNote(ctx.model.networks));
  return unknown(
    id,
    title,
    `${c.name} is only on ${routed.map((x) => `${x.n.name} (${x.driver})`).join(', ')}: whether the host reaches an overlay-only container is not documented (moby#40224)`,
  );
}

// ---- publication and NAT -----------------------------------------------------------------------

export function publishedPortHop(ctx: PathContext, matching: readonly Publication[]): HopResult {
  const c = ctx.target.container;
  const id = 'published-port';
  const title = `Port ${portText(ctx)} is published`;
  const accepted = matching.filter((p) => !refusedByNat(p));
  if (accepted.length > 0)
    return pass(
      id,
      title,
      accepted.map((p) => p.evidence),
    );
  if (matching.length > 0) {
    const cause = causes.portPublishRefused(c, matching, containersFile(ctx));
    // A running container showing the binding live contradicts the refusal: a hint there, not a verdict.
    if (ctx.target.running && matching.some((p) => p.live))
      return unknown(
        id,
        title,
        `${c.name} runs with a binding the Windows NAT driver refuses elsewhere (a host IP): whether this engine honours it is not confirmed`,
        matching.map((p) => p.evidence),
        [{ ...cause, confidence: 'likely' }],
      );
    return fail(
      id,
      title,
      matching.map((p) => p.evidence),
      [cause],
    );
  }
  if (ctx.direct)
    return skip(
      id,
      title,
      `${c.name} is on a transparent network: clients reach its own address, no publication needed`,
    );
  const all = ctx.target.publications;
  const evidence =
    all.length > 0
      ? all.map((p) => p.evidence)
      : [{ file: containersFile(ctx), detail: `${c.name}: no published port` }];
  return fail(id, title, evidence, [
    causes.noPublishedPort(c, {
      port: ctx.port,
      protocol: ctx.protocol,
      publications: all,
      file: containersFile(ctx),
    }),
  ]);
}

/** The host-mode caveat for a service, from its replicas and the tasks of it that run on this node. */
function hostModeCaveatFor(ctx: PathContext, service: string, port: number): string | undefined {
  const tasksHere = ctx.correlation.containers
    .filter((c) => c.swarm?.serviceName === service)
    .map((c) => c.name);
  const replicas = ctx.correlation.serviceByName.get(service)?.replicas ?? null;
  return causes.hostModeCaveat({ service, replicas, tasksHere, port });
}

/**
 * The host port outside every excluded range (failure catalogue 2). A running container whose binding Docker
 * shows live got the port when it started: that stands where the ranges were not collected.
 */
export function portReservedHop(ctx: PathContext): HopResult {
  const id = 'port-reserved';
  const pub = ctx.publication;
  const title = `Host port ${portText(ctx)} is not reserved`;
  if (!pub || pub.hostPort === null) return skip(id, title, NO_PUBLICATION);
  const c = ctx.target.container;
  const bound = ctx.target.running && pub.live;
  const r = reservation(ctx.model, ctx.protocol, pub.hostPort);
  switch (r.kind) {
    case 'free':
      return pass(id, title, [r.evidence]);
    case 'unknown':
      return bound
        ? pass(id, title, [pub.evidence], `${c.name} holds the port since it started; ${r.note}`)
        : unknown(id, title, r.note);
    case 'reserved': {
      const cause = causes.portReserved(c, {
        port: pub.hostPort,
        protocol: ctx.protocol,
        range: r.range,
        file: ctx.model.portExclusions.source.file,
      });
      if (bound)
        return unknown(
          id,
          title,
          `${c.name} runs with the port bound, so the reservation came after it started: it will refuse the port at the next start`,
          [r.evidence, pub.evidence],
          [{ ...cause, confidence: 'likely' }],
        );
      return fail(id, title, [r.evidence, pub.evidence], [cause]);
    }
  }
}

export function routingMeshHop(ctx: PathContext): HopResult {
  const id = 'routing-mesh';
  const title = 'Ingress routing mesh works on this build';
  const pub = ctx.publication;
  if (!pub) return skip(id, title, NO_PUBLICATION);
  if (pub.mode !== 'ingress')
    return skip(id, title, `published in ${pub.mode} mode, not through the routing mesh`);
  const b = buildOf(ctx.model);
  if ('note' in b) return unknown(id, title, b.note);
  const service = ctx.target.container.swarm?.serviceName ?? ctx.target.container.name;
  // Routing mesh from 16299 (Virtualization blog 2017-09-26; swarm-mode.md).
  if (routingMesh(b.build) === 'no')
    return fail(
      id,
      title,
      [b.evidence, pub.evidence],
      [
        causes.routingMeshUnsupported({
          service,
          build: b.build,
          publication: pub,
          file: b.evidence.file,
          caveat: hostModeCaveatFor(ctx, service, pub.hostPort ?? pub.containerPort),
        }),
      ],
    );
  const regression =
    b.build >= 20348
      ? 'regressions are reported on 20348 (moby#42812): if it fails, publish in host mode'
      : undefined;
  return pass(id, title, [b.evidence, pub.evidence], regression);
}

const usesWinNat = (ctx: PathContext, pub: Publication): boolean =>
  pub.mode === 'nat' ||
  (pub.mode === 'host' &&
    networkDrivers(ctx.target.container, ctx.correlation.networkById, ctx.correlation.networkByName).includes(
      'nat',
    ));

export function natLoopbackHop(ctx: PathContext): HopResult {
  const id = 'nat-loopback';
  const title = 'WinNAT loops localhost back to the container';
  const pub = ctx.publication;
  if (!pub) return skip(id, title, NO_PUBLICATION);
  if (!usesWinNat(ctx, pub)) return skip(id, title, `published in ${pub.mode} mode, not through WinNAT`);
  const b = buildOf(ctx.model);
  if ('note' in b) return unknown(id, title, b.note);
  const ip = ctx.target.ips.find((a) => a.includes('.')) ?? ctx.target.ips[0] ?? null;
  const status = natLoopback(b.build);
  if (status === 'yes') return pass(id, title, [b.evidence]);
  const cause = causes.natLoopbackUnsupported(ctx.target.container, {
    build: b.build,
    publication: pub,
    ip,
    loopback: status,
    file: b.evidence.file,
  });
  if (status === 'no') return fail(id, title, [b.evidence], [cause]);
  return unknown(
    id,
    title,
    `WinNAT loopback on build ${b.build} is unconfirmed (it works from 17763)`,
    [b.evidence],
    [cause],
  );
}

/**
 * What WinNAT says about a host port: a mapping to this container, only mappings to other addresses, none, or
 * not collected. WinNAT counts only where it holds Docker's mappings at all (knowledge notes section 10).
 */
type WinNatAnswer =
  | {
      readonly kind: 'match' | 'stale';
      readonly mappings: readonly NatStaticMapping[];
      readonly file: string;
    }
  | { readonly kind: 'none'; readonly holdsDocker: boolean; readonly total: number; readonly file: string }
  | { readonly kind: 'unknown'; readonly note: string };

function winNatAnswer(ctx: PathContext, pub: Publication): WinNatAnswer {
  const known = ctx.model.natMappings;
  if (known.kind === 'unknown') return { kind: 'unknown', note: missingNote(known) };
  const ips = new Set(ctx.target.ips);
  const mappings = ctx.correlation.natMappingsByExternalPort.get(`${ctx.protocol}/${ctx.port}`) ?? [];
  const good = mappings.filter(
    (m) => ips.has(bareAddress(m.internalIp)) && m.internalPort === pub.containerPort,
  );
  if (good.length > 0) return { kind: 'match', mappings: good, file: known.source.file };
  if (mappings.length > 0) return { kind: 'stale', mappings, file: known.source.file };
  // 2016 and Windows 10 up to 1803 realise HNS policies as WinNAT static mappings; later builds may not, so an
  // empty WinNAT there is evidence only where it holds other containers' mappings (knowledge notes section 10).
  const build = ctx.model.host.kind === 'known' ? ctx.model.host.value.build : null;
  const holdsDocker = (build !== null && build < BUILD.server2019) || ctx.correlation.winNatHoldsDocker;
  return { kind: 'none', holdsDocker, total: known.value.length, file: known.source.file };
}

const mappingText = (m: NatStaticMapping): string =>
  `${m.natName}: ${m.protocol.toUpperCase()} ${m.externalPort} -> ${m.internalIp}:${m.internalPort}${m.id === null ? '' : ` (StaticMappingID ${m.id})`}`;

/** Which container holds each mapping's internal address, for the stale-mapping cause. */
function mappingOwners(ctx: PathContext, mappings: readonly NatStaticMapping[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of mappings) {
    const holders = ctx.correlation.containersByIp.get(bareAddress(m.internalIp));
    if (holders) out.set(m.internalIp, `container ${holders.map((h) => h.name).join(', ')}`);
  }
  return out;
}

export function natMappingHop(ctx: PathContext): HopResult {
  const id = 'nat-mapping';
  const pub = ctx.publication;
  const c = ctx.target.container;
  const title = `Host port ${portText(ctx)} is mapped to the container (HNS NAT policy)`;
  if (!pub) return skip(id, title, NO_PUBLICATION);
  if (!usesWinNat(ctx, pub))
    return skip(id, title, `published in ${pub.mode} mode, not through a NAT port mapping`);
  if (!ctx.target.running)
    return skip(id, title, 'the container is not running: HNS keeps no mapping for it');
  if (ctx.target.ips.length === 0)
    return unknown(id, title, `${containersFile(ctx)} gives ${c.name} no address to match a mapping against`);
  const winNat = winNatAnswer(ctx, pub);
  const winNatEvidence =
    winNat.kind === 'match' || winNat.kind === 'stale'
      ? winNat.mappings.map((m) => ({ file: winNat.file, detail: mappingText(m) }))
      : [];

  // HNS first: the container's endpoint policies are Docker's published ports on every build. WinNAT counts
  // beside it where it holds Docker's mappings: there a missing or stale mapping breaks forwarding too
  // (contract, nat-mapping-missing; knowledge notes section 10).
  const hns = ctx.target.hnsPublications;
  let hnsEvidence: readonly Evidence[] = [];
  let hnsHas = false;
  let hnsNote: string | null = null;
  if (hns.kind === 'found') {
    const forPort = hns.value.filter((p) => p.externalPort === ctx.port && p.protocol === ctx.protocol);
    hnsEvidence = hns.evidence;
    hnsHas = forPort.some((p) => p.internalPort === pub.containerPort);
    if (!hnsHas) {
      const hnsSays =
        forPort.length > 0
          ? `HNS maps ${portText(ctx)} to container port ${forPort.map((p) => p.internalPort).join(', ')}`
          : `the HNS endpoint of ${c.name} holds ${natPolicyText(hns.value)}`;
      return fail(
        id,
        title,
        [pub.evidence, ...hnsEvidence, ...winNatEvidence],
        [
          causes.natMappingMissing(c, {
            publication: pub,
            file: ctx.model.hnsEndpoints.source.file,
            hns: hnsSays,
            winNat: winNat.kind === 'match' ? winNat.mappings : [],
          }),
        ],
      );
    }
  } else if (hns.kind !== 'not-applicable') hnsNote = hns.reason;
  switch (winNat.kind) {
    case 'unknown':
      return hnsHas
        ? pass(id, title, hnsEvidence)
        : unknown(id, title, hnsNote ? `${hnsNote}; ${winNat.note}` : winNat.note);
    case 'match':
      return pass(id, title, [...hnsEvidence, ...winNatEvidence]);
    case 'stale': {
      // A mapping to an address no listed container holds is left over only if the list is whole (issue 12).
      const partialList = containerListPartial(ctx.model);
      const unowned = winNat.mappings.filter(
        (m) => !ctx.correlation.containersByIp.has(bareAddress(m.internalIp)),
      );
      if (partialList !== null && unowned.length > 0)
        return unknown(
          id,
          title,
          `${winNat.file} maps ${portText(ctx)} to ${unowned.map((m) => m.internalIp).join(', ')}, which no listed container holds; the container list is partial (${partialList}), so whether the mapping is left over or belongs to an unlisted container is unknown`,
          [...hnsEvidence, ...winNatEvidence],
        );
      return fail(
        id,
        title,
        [
          ...hnsEvidence,
          ...winNatEvidence,
          {
            file: containersFile(ctx),
            detail: `${c.name}: ${ctx.target.ips.join(', ')} port ${pub.containerPort}`,
          },
        ],
        [
          causes.natMappingStale(c, {
            publication: pub,
            mappings: winNat.mappings,
            owners: mappingOwners(ctx, winNat.mappings),
            file: winNat.file,
          }),
        ],
      );
    }
    case 'none': {
      const evidence = [
        pub.evidence,
        ...hnsEvidence,
        evidenceFrom(
          ctx.model.natMappings.source,
          `no mapping with ExternalPort ${ctx.port} among ${winNat.total} mappings`,
        ),
      ];
      if (winNat.holdsDocker)
        return fail(id, title, evidence, [
          causes.natMappingMissing(c, {
            publication: pub,
            file: winNat.file,
            hns: hnsHas ? 'held' : null,
            winNat: [],
          }),
        ]);
      if (hnsHas)
        return pass(
          id,
          title,
          evidence,
          'WinNAT holds no container mapping on this host: the HNS NAT policy is the evidence (knowledge notes section 10)',
        );
      return unknown(
        id,
        title,
        `WinNAT holds no mapping of any container: on 2019 and later published ports live in HNS endpoint policies and WinNAT may be empty while NAT works${hnsNote ? `; ${hnsNote}` : ''}`,
        evidence,
      );
    }
  }
}

export function hostPortHop(ctx: PathContext): HopResult {
  const id = 'host-port-free';
  const title = `No host process holds port ${portText(ctx)}`;
  const pub = ctx.publication;
  if (!pub) return skip(id, title, NO_PUBLICATION);
  const known = ctx.protocol === 'tcp' ? ctx.model.tcp : ctx.model.udp;
  if (known.kind === 'unknown') return unknown(id, title, missingNote(known));
  const own = new Set(ctx.target.hostProcesses.map((p) => p.pid));
  const endpoints =
    (ctx.protocol === 'tcp'
      ? ctx.correlation.tcpListenersByPort.get(ctx.port)
      : ctx.correlation.udpByPort.get(ctx.port)) ?? [];
  const others = endpoints.filter((e) => e.owningProcess === null || !own.has(e.owningProcess));
  if (others.length === 0)
    return pass(id, title, [evidenceFrom(known.source, `nothing on the host listens on ${portText(ctx)}`)]);
  const owners = others.map((e) => ({
    pid: e.owningProcess,
    process: e.owningProcess === null ? null : (ctx.correlation.processByPid.get(e.owningProcess) ?? null),
  }));
  const evidence = others
    .slice(0, 4)
    .map((e, i) =>
      evidenceFrom(
        known.source,
        `${e.localAddress}:${e.localPort} ${ctx.protocol === 'tcp' ? 'Listen ' : ''}owned by ${owners[i]!.process ? processLabel(owners[i]!.process!) : `PID ${e.owningProcess ?? 'unknown'}`}`,
      ),
    );
  return fail(id, title, evidence, [
    causes.hostPortConflict(ctx.target.container, {
      port: ctx.port,
      protocol: ctx.protocol,
      owners,
      file: known.source.file,
    }),
  ]);
}

// ---- firewall --------------------------------------------------------------------------------

/** A rule's evidence per profile, made once per correlation (its cache). */
function ruleEvidence(ctx: PathContext, r: FirewallRule, profile: FirewallProfileName): Evidence {
  const memo = ctx.correlation.cache.ruleEvidence;
  let byProfile = memo.get(r);
  if (!byProfile) {
    byProfile = new Map();
    memo.set(r, byProfile);
  }
  let evidence = byProfile.get(profile);
  if (!evidence || evidence.file !== ctx.model.firewallRules.source.file) {
    const from = r.remoteAddresses.length > 0 ? `, from ${r.remoteAddresses.join(',')}` : '';
    evidence = evidenceFrom(
      ctx.model.firewallRules.source,
      `${r.action} rule "${r.displayName ?? r.name}" (${r.enabled ? 'enabled' : 'disabled'}, ${profile}, ${r.protocol} ${formatPorts(r)}${from})`,
    );
    byProfile.set(profile, evidence);
  }
  return evidence;
}

function decisionEvidence(ctx: PathContext, d: FirewallDecision, port: number): Evidence[] {
  const profilesFile = ctx.model.firewallProfiles.source.file;
  const settings =
    ctx.model.firewallProfiles.kind === 'known'
      ? profileSettings(ctx.model.firewallProfiles.value, d.profile)
      : null;
  switch (d.kind) {
    case 'allowed':
      if (d.by === 'rule')
        return [
          ...d.rules.slice(0, 3).map((r) => ruleEvidence(ctx, r, d.profile)),
          ...d.blockSome.slice(0, 2).map((r) => ruleEvidence(ctx, r, d.profile)),
        ];
      if (d.by === 'firewall-off')
        return [{ file: profilesFile, detail: `${d.profile} profile: Enabled False` }];
      return settings
        ? [{ file: profilesFile, detail: `${d.profile} profile: DefaultInboundAction Allow` }]
        : [];
    case 'blocked':
      if (d.by === 'rule') return d.rules.slice(0, 3).map((r) => ruleEvidence(ctx, r, d.profile));
      return [
        {
          file: profilesFile,
          detail: `${d.profile} profile: DefaultInboundAction ${settings?.defaultInboundAction === 'block' ? 'Block' : 'NotConfigured (block)'}${settings?.allowLocalFirewallRules === false ? ', AllowLocalFirewallRules False' : ''}`,
        },
        evidenceFrom(
          ctx.model.firewallRules.source,
          `no enabled inbound allow rule applies to ${port}/${ctx.protocol}`,
        ),
        ...[...d.ignoredLocal, ...d.disabledAllow].slice(0, 3).map((r) => ruleEvidence(ctx, r, d.profile)),
      ];
    case 'some-clients':
      return d.rules.slice(0, 3).map((r) => ruleEvidence(ctx, r, d.profile));
    case 'unknown':
      return (d.blockRules ?? []).slice(0, 3).map((r) => ruleEvidence(ctx, r, d.profile));
  }
}

/** Evidence without repeats; lists are a handful long, so a direct comparison beats building keys. */
function uniqueEvidence(list: readonly Evidence[]): Evidence[] {
  const out: Evidence[] = [];
  for (const e of list) if (!out.some((o) => o.file === e.file && o.detail === e.detail)) out.push(e);
  return out;
}

/** Turns one decision per arriving profile into a hop: pass or fail only when every profile agrees. */
export interface FirewallHopOptions {
  readonly id: HopId;
  readonly title: string;
  /** One decision per profile the traffic may arrive on. */
  readonly decisions: readonly FirewallDecision[];
  readonly arriving: ArrivingProfiles;
  /** The port the rules must match; the question's port where absent. */
  readonly port?: number;
  /** The rules match the container port, not the published host port (Windows-Containers#561); false where absent. */
  readonly internal?: boolean;
  /** What a block without a matching rule means: the profile's default, or the container's own default deny. */
  readonly why: 'default-block' | 'container-default';
}

/** Whether the profile's settings turn local rules off (AllowLocalFirewallRules False, set by policy). */
function localRulesIgnored(ctx: PathContext, profile: FirewallProfileName): boolean {
  return (
    ctx.model.firewallProfiles.kind === 'known' &&
    profileSettings(ctx.model.firewallProfiles.value, profile).allowLocalFirewallRules === false
  );
}

export function firewallHop(ctx: PathContext, options: FirewallHopOptions): HopResult {
  const { id, title, decisions, arriving, port = ctx.port, internal = false, why } = options;
  const c = ctx.target.container;
  const rulesFile = ctx.model.firewallRules.source.file;
  const profilesFile = ctx.model.firewallProfiles.source.file;
  const evidence = uniqueEvidence([
    ...arriving.interfaces.map((i) =>
      evidenceFrom(ctx.model.connectionProfiles.source, `${i.interfaceAlias}: ${i.networkCategory} profile`),
    ),
    ...decisions.flatMap((d) => decisionEvidence(ctx, d, port)),
  ]);
  const blocked = decisions.filter(
    (d): d is Extract<FirewallDecision, { kind: 'blocked' }> => d.kind === 'blocked',
  );
  const found: Cause[] = [];
  // Block rules of undecided profiles count too: as likely causes, since the hop is then unknown.
  const byRule = [
    ...blocked.flatMap((d) => (d.by === 'rule' ? d.rules : [])),
    ...decisions.flatMap((d) => (d.kind === 'unknown' ? (d.blockRules ?? []) : [])),
  ];
  if (byRule.length > 0)
    found.push(
      causes.firewallBlockedByRule(c, {
        port,
        protocol: ctx.protocol,
        rules: [...new Set(byRule)],
        internal,
        file: rulesFile,
      }),
    );
  const byDefault = blocked.filter((d) => d.by === 'default-block');
  const gpo = byDefault.filter((d) => localRulesIgnored(ctx, d.profile));
  if (gpo.length > 0)
    found.push(
      causes.firewallLocalRulesIgnored(
        gpo.map((d) => d.profile),
        gpo.flatMap((d) => (d.by === 'default-block' ? d.ignoredLocal : [])),
        profilesFile,
      ),
    );
  const plain = byDefault.filter((d) => !localRulesIgnored(ctx, d.profile));
  if (plain.length > 0) {
    const disabled = [...new Set(plain.flatMap((d) => (d.by === 'default-block' ? d.disabledAllow : [])))];
    found.push(
      causes.firewallNoAllow(c, {
        port,
        protocol: ctx.protocol,
        profiles: plain.map((d) => d.profile),
        disabledAllow: disabled,
        internal,
        file: rulesFile,
        why,
      }),
    );
  }
  if (blocked.length === decisions.length)
    return fail(id, title, evidence, found, arriving.assumption ?? undefined);
  if (decisions.every((d) => d.kind === 'allowed'))
    return pass(id, title, evidence, arriving.assumption ?? undefined);
  const notes = decisions.flatMap((d) => {
    if (d.kind === 'unknown') return [`${d.profile}: ${d.note}`];
    if (d.kind === 'some-clients')
      return [
        `${d.profile}: allowed only for clients from ${[...new Set(d.rules.flatMap((r) => r.remoteAddresses))].join(', ')}`,
      ];
    return [`${d.profile}: ${d.kind}`];
  });
  const hints = found.map((cause) => ({ ...cause, confidence: 'likely' as const }));
  const lead = arriving.assumption ?? 'the answer depends on the interface the client comes through';
  return unknown(id, title, `${lead}; ${[...new Set(notes)].join('; ')}`, evidence, hints);
}

export function hostFirewallHop(ctx: PathContext): HopResult {
  const id = 'host-firewall';
  const pub = ctx.publication;
  const port = pub ? pub.containerPort : ctx.port;
  const title = `The host firewall lets ${portText(ctx, port)} in`;
  if (!pub && !ctx.direct) return skip(id, title, NO_PUBLICATION);
  const iso = ctx.target.isolation;
  if (iso.value === null) return unknown(id, title, iso.note ?? 'isolation unknown');
  // Process isolation: the host firewall filters the container's traffic on the container port (Windows-Containers#561).
  const arriving = externalProfiles(ctx.model.connectionProfiles, ctx.correlation.networkNames);
  const hosts = ctx.correlation.hostAddresses;
  const traffic = {
    protocol: ctx.protocol,
    port,
    destinations: hosts === null ? null : [...hosts, ...ctx.target.ips],
    sources: ctx.correlation.lanNetworks,
    program: null,
  };
  const decisions = arriving.profiles.map((p) => decideInbound(ctx.correlation.firewall, p, traffic));
  const result = firewallHop(ctx, {
    id,
    title,
    decisions,
    arriving,
    port,
    internal: pub !== null && pub.hostPort !== pub.containerPort,
    why: 'default-block',
  });
  if (iso.value !== 'hyperv' || result.hop.status === 'pass') return result;
  // Hyper-V isolation: the utility VM runs its own firewall, default allow, and gets no host rules
  // (network-isolation-security.md; knowledge notes section 2). Whether host rules still filter what WinNAT
  // forwards to the VM is not confirmed: where they would block, say unknown rather than guess either way.
  return unknown(
    id,
    title,
    `host rules would not let ${portText(ctx, port)} in, but whether the host firewall filters traffic to a Hyper-V isolated container is unconfirmed (its utility VM runs its own firewall, default allow)`,
    [...iso.evidence, ...result.hop.evidence],
    result.causes.map((cause) => ({ ...cause, confidence: 'likely' as const })),
  );
}

export function containerInboundHop(ctx: PathContext): HopResult {
  const id = 'container-inbound';
  const c = ctx.target.container;
  const from = ctx.sourceContainer
    ? ctx.sourceContainer.name
    : ctx.source.kind === 'container'
      ? ctx.source.ref
      : 'the host';
  const title = `${c.name} accepts ${portText(ctx)} from ${from}`;
  // An unresolved source container sends nothing: judging the host's packet instead would answer another question.
  if (ctx.source.kind === 'container' && !ctx.sourceContainer) return skip(id, title, 'no source container');
  if (!ctx.target.running) return skip(id, title, 'the container is not running');
  const iso = ctx.target.isolation;
  if (iso.value === 'hyperv') {
    return pass(
      id,
      title,
      iso.evidence,
      "the utility VM's own firewall decides, default allow (network-isolation-security.md)",
    );
  }
  if (iso.value === null) return unknown(id, title, iso.note ?? 'isolation unknown');
  const b = buildOf(ctx.model);
  if ('note' in b) return unknown(id, title, b.note);
  // Process isolation: deny-all inbound by default on 14393, allow-all from 16299 (network-isolation-security.md);
  // host rules still apply to the container port (Windows-Containers#561).
  const containerDefault = processIsolatedDefaultInbound(b.build);
  const sources = ctx.sourceContainer
    ? ctx.sourceContainer.networks.flatMap((n) => (n.ip ? [bareAddress(n.ip)] : []))
    : c.networks.flatMap((n) => (n.gateway ? [bareAddress(n.gateway)] : []));
  const traffic = {
    protocol: ctx.protocol,
    port: ctx.port,
    destinations: ctx.target.ips,
    sources: sources.length > 0 ? sources : null,
    program: null,
  };
  const arriving = internalProfiles(ctx.model.connectionProfiles, ctx.correlation.networkNames);
  const decisions = arriving.profiles.map((p) =>
    decideInbound(ctx.correlation.firewall, p, traffic, containerDefault),
  );
  const result = firewallHop(ctx, { id, title, decisions, arriving, why: 'container-default' });
  return { hop: { ...result.hop, evidence: [b.evidence, ...result.hop.evidence] }, causes: result.causes };
}

// ---- inside the container ----------------------------------------------------------------------

export function listeningHop(ctx: PathContext): HopResult {
  const c = ctx.target.container;
  const id = 'listening';
  const port = ctx.containerPort;
  const title = `Something listens on ${port === null ? 'the port' : portText(ctx, port)} in ${c.name}`;
  if (port === null) return skip(id, title, NO_PUBLICATION);
  if (!ctx.target.running) return skip(id, title, 'the container is not running');
  const listeners = c.listeners;
  if (listeners === null)
    return unknown(
      id,
      title,
      `containers/${c.id}/netstat.txt not collected; the probe container.listeners would decide it`,
    );
  if (listeners.kind === 'unknown') return unknown(id, title, missingNote(listeners));
  const matching = listeners.value.filter(
    (l) => l.protocol === ctx.protocol && l.localPort === port && isListening(l),
  );
  const open = matching.filter((l) => !isLoopback(l.localAddress));
  const describe = (l: (typeof matching)[number]): Evidence =>
    evidenceFrom(
      listeners.source,
      `${l.protocol.toUpperCase()} ${l.localAddress}:${l.localPort}${l.state ? ` ${l.state}` : ''}${l.pid === null ? '' : ` PID ${l.pid}`}`,
    );
  if (open.length > 0) return pass(id, title, open.slice(0, 3).map(describe));
  const loopback = matching.map((l) => l.localAddress);
  const evidence =
    matching.length > 0
      ? matching.slice(0, 3).map(describe)
      : [
          evidenceFrom(
            listeners.source,
            `nothing on ${portText(ctx, port)} among ${listeners.value.length} entries`,
          ),
        ];
  return fail(id, title, evidence, [
    causes.notListening(c, {
      port,
      protocol: ctx.protocol,
      loopbackOnly: loopback,
      file: listeners.source.file,
    }),
  ]);
}
