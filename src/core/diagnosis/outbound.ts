// What can this container reach? (../shared/spec/diagnosis.md, section 4.) The same hops and verdict rules as the
// inbound question, seen from the container: its network and gateway, the NAT or transparent path out, the host's
// address on the container network, the host service's listening address and the host firewall for the container
// subnet. A container target is the inbound question asked from this container.

import type { Cause, Evidence, Explanation, OutboundTarget } from '../../shared/diagnosis';
import type { Container, HostModel } from '../../shared/model';
import { bareAddress, parseIpv4 } from './addresses';
import * as causes from './causes';
import { correlate, footprintOf, type Correlation } from './correlate';
import type { Footprint } from './footprint';
import { explain, verdictOf } from './explain';
import { decideInbound, internalProfiles } from './firewall';
import * as hops from './hops';
import { evidenceFrom, missingNote } from './known';
import { findContainer } from './lookup';
import { attachedNetworks, hostAddressOn, inSubnets, type AttachedNetwork } from './networks';
import { BUILD } from './windows-builds';

type HopResult = hops.HopResult;

/** Parses `host`, `internet`, `container:<ref>`, an IPv4/IPv6 address or a DNS name; null for anything else. */
export function parseTarget(text: string): OutboundTarget | null {
  const value = text.trim();
  if (value === '') return null;
  const lower = value.toLowerCase();
  if (lower === 'host' || lower === 'internet') return { kind: lower };
  if (lower.startsWith('container:'))
    return value.length > 'container:'.length
      ? { kind: 'container', ref: value.slice('container:'.length) }
      : null;
  if (parseIpv4(value) !== null || (/^[0-9a-f:.]+$/i.test(value) && value.includes(':')))
    return { kind: 'address', address: lower };
  // A DNS name: labels of letters, digits and hyphens (RFC 1123), at most 253 characters.
  if (value.length <= 253 && /^(?!-)[a-z0-9-]{1,63}(\.(?!-)[a-z0-9-]{1,63})*\.?$/i.test(value))
    return { kind: 'name', name: lower.replace(/\.$/, '') };
  return null;
}

/** Names Docker Desktop gives the host; a Windows container resolves them only through its hosts file (catalogue 14). */
const HOST_ALIASES = new Set(['host.docker.internal', 'gateway.docker.internal']);

interface OutboundContext {
  readonly model: HostModel;
  readonly correlation: Correlation;
  readonly sender: Footprint;
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
  readonly networks: readonly AttachedNetwork[];
  /** The PathContext the shared hops read: the sender stands as their container. */
  readonly path: hops.PathContext;
}

const containersFile = (ctx: OutboundContext): string => ctx.model.containers.source.file;
const portText = (ctx: OutboundContext): string => `${ctx.port}/${ctx.protocol}`;

/** The networks a packet can leave by: every attachment with an address, overlay last. */
function routed(ctx: Pick<OutboundContext, 'networks'>): readonly AttachedNetwork[] {
  return ctx.networks.filter((n) => n.attachment.ip);
}

function egressHop(ctx: OutboundContext): HopResult {
  const c = ctx.sender.container;
  const id = 'egress-path';
  const title = `${c.name} has a path out of its network`;
  if (!ctx.sender.running) return hops.skip(id, title, `${c.name} is not running`);
  const nets = routed(ctx);
  if (nets.length === 0) return hops.unknown(id, title, `${containersFile(ctx)} gives ${c.name} no address`);
  const describe = (n: AttachedNetwork): Evidence => ({
    file: containersFile(ctx),
    detail: `${c.name}: ${n.attachment.name} (driver ${n.driver}) ${n.attachment.ip}${n.attachment.gateway ? `, gateway ${n.attachment.gateway}` : ''}`,
  });
  const out = nets.find((n) => /^(nat|ics|transparent|l2bridge|l2tunnel)$/.test(n.driver));
  if (out) {
    // The host firewall does not govern NAT container egress: HNS/VFP does (Windows-Containers#617).
    const note =
      out.driver === 'nat'
        ? "WinNAT translates its traffic to the host's address; the host firewall does not filter a NAT container's outbound traffic (Windows-Containers#617)"
        : out.driver === 'l2bridge'
          ? 'l2bridge reaches beyond the LAN only where the network enables outbound NAT (com.docker.network.windowsshim.enable_outboundnat)'
          : 'the container sits on the LAN itself';
    return hops.pass(id, title, [describe(out)], note);
  }
  if (nets.every((n) => n.driver === 'overlay')) {
    const b = hops.buildOf(ctx.model);
    if ('note' in b) return hops.unknown(id, title, b.note, nets.map(describe));
    const cause = causes.noEgressPath(
      c,
      nets.map((n) => n.attachment.name),
      b.build,
      containersFile(ctx),
    );
    // By design on 2016 (network-drivers-topologies.md); later builds use VFP NAT, with reports of no egress
    // remaining (moby#39191): a hint there, not a certainty.
    if (b.build < BUILD.server2019) return hops.fail(id, title, [b.evidence, ...nets.map(describe)], [cause]);
    return hops.unknown(
      id,
      title,
      `overlay-only egress on build ${b.build} goes through VFP NAT; reports of no egress remain (moby#39191)`,
      [b.evidence, ...nets.map(describe)],
      [cause],
    );
  }
  return hops.unknown(
    id,
    title,
    nets.some((n) => n.driver === 'unknown') && ctx.model.networks.kind === 'unknown'
      ? missingNote(ctx.model.networks)
      : `${c.name} is on ${nets.map((n) => `${n.attachment.name} (${n.driver})`).join(', ')}: no documented path out`,
    nets.map(describe),
  );
}

/** The network the host is reached through: the first nat network, else the first with an address. */
function hostSideNetwork(ctx: Pick<OutboundContext, 'networks'>): AttachedNetwork | null {
  const nets = routed(ctx);
  return nets.find((n) => n.driver === 'nat') ?? nets.find((n) => n.driver !== 'overlay') ?? null;
}

interface HostAddressResult {
  readonly result: HopResult;
  readonly address: string | null;
  readonly network: AttachedNetwork | null;
}

function hostAddressHop(ctx: OutboundContext, asked: string | null): HostAddressResult {
  const c = ctx.sender.container;
  const id = 'host-address';
  const title = `The host has an address on ${c.name}'s network`;
  const none = { address: null, network: null };
  if (!ctx.sender.running) return { result: hops.skip(id, title, `${c.name} is not running`), ...none };
  const net = hostSideNetwork(ctx);
  if (!net)
    return {
      result: hops.skip(id, title, `${c.name} has no network the host is on (see the egress path)`),
      ...none,
    };
  const found = hostAddressOn(ctx.model, net);
  if (found.kind === 'unknown')
    return { result: hops.unknown(id, title, found.note), address: null, network: net };
  if (found.kind === 'absent') {
    if (net.driver !== 'nat')
      return {
        result: hops.unknown(
          id,
          title,
          `the host holds no address in ${net.subnets.join(', ')}: on ${net.driver} the container reaches the host through the LAN's routing, which the bundle does not show`,
          [found.evidence],
        ),
        address: null,
        network: net,
      };
    return {
      result: hops.fail(
        id,
        title,
        [found.evidence],
        [
          causes.natGatewayMissing(c, {
            network: net.attachment.name,
            subnets: net.subnets,
            file: ctx.model.ipAddresses.source.file,
          }),
        ],
      ),
      address: null,
      network: net,
    };
  }
  const evidence = [found.evidence];
  if (asked !== null && bareAddress(asked) !== found.address) {
    // The seed found the host's LAN address unreachable from a container; only its vEthernet address worked.
    return {
      result: hops.unknown(
        id,
        `${c.name} reaches the host at ${asked}`,
        `${asked} is not the host's address on ${net.attachment.name}; a container reaches the host at ${found.address} (${found.alias ?? 'its vEthernet adapter'}); the host's LAN address was not reachable from a container in the seed's field report`,
        evidence,
      ),
      address: found.address,
      network: net,
    };
  }
  return {
    result: hops.pass(
      id,
      title,
      evidence,
      `${c.name} reaches the host at ${found.address}, not at its LAN address`,
    ),
    address: found.address,
    network: net,
  };
}

const isLoopbackAddress = (address: string): boolean => /^(127\.|::1$|\[::1\]$)/.test(bareAddress(address));
const isWildcard = (address: string): boolean => /^(0\.0\.0\.0|::|\[::\]|\*)$/.test(bareAddress(address));

function hostListenerHop(ctx: OutboundContext, hostAddress: string | null): HopResult {
  const id = 'host-listener';
  const title = `A host service listens on ${portText(ctx)} where containers arrive`;
  if (!ctx.sender.running) return hops.skip(id, title, `${ctx.sender.container.name} is not running`);
  const known = ctx.protocol === 'tcp' ? ctx.model.tcp : ctx.model.udp;
  if (known.kind === 'unknown') return hops.unknown(id, title, missingNote(known));
  const endpoints =
    (ctx.protocol === 'tcp'
      ? ctx.correlation.tcpListenersByPort.get(ctx.port)
      : ctx.correlation.udpByPort.get(ctx.port)) ?? [];
  const describe = (e: (typeof endpoints)[number]): Evidence => {
    const p = e.owningProcess === null ? undefined : ctx.correlation.processByPid.get(e.owningProcess);
    return evidenceFrom(
      known.source,
      `${e.localAddress}:${e.localPort}${ctx.protocol === 'tcp' ? ' Listen' : ''} by ${p ? `${p.name} (PID ${p.pid})` : `PID ${e.owningProcess ?? 'unknown'}`}`,
    );
  };
  const reachable = endpoints.filter(
    (e) =>
      isWildcard(e.localAddress) || (hostAddress !== null && bareAddress(e.localAddress) === hostAddress),
  );
  if (reachable.length > 0) return hops.pass(id, title, reachable.slice(0, 3).map(describe));
  if (endpoints.length === 0) {
    // Netstat shows nothing for ports forwarded by NAT, reserved ports, mesh ports and VXLAN (catalogue, trap 1):
    // there an empty list decides nothing.
    const published = ctx.correlation.containers.some((c) =>
      ctx.correlation.footprints
        .get(c.id)
        ?.publications.some((p) => p.hostPort === ctx.port && p.protocol === ctx.protocol),
    );
    if (published || (ctx.protocol === 'udp' && ctx.port === 4789))
      return hops.unknown(
        id,
        title,
        published
          ? `${portText(ctx)} is a port a container publishes: forwarded connections never show as a host listener`
          : 'VXLAN (4789/udp) lives in the vSwitch and never shows as a listening socket',
      );
    return hops.fail(
      id,
      title,
      [evidenceFrom(known.source, `nothing on the host listens on ${portText(ctx)}`)],
      [
        causes.hostServiceNotListening({
          port: ctx.port,
          protocol: ctx.protocol,
          addresses: [],
          hostAddress,
          file: known.source.file,
        }),
      ],
    );
  }
  if (hostAddress === null)
    return hops.unknown(
      id,
      title,
      "the host's address on the container network is unknown, so whether these bindings cover it cannot be told",
      endpoints.slice(0, 3).map(describe),
    );
  const addresses = [...new Set(endpoints.map((e) => e.localAddress))];
  const owner =
    endpoints[0]!.owningProcess === null
      ? null
      : (ctx.correlation.processByPid.get(endpoints[0]!.owningProcess) ?? null);
  const service: causes.HostServiceOptions = {
    port: ctx.port,
    protocol: ctx.protocol,
    addresses,
    hostAddress,
    file: known.source.file,
  };
  const cause = endpoints.every((e) => isLoopbackAddress(e.localAddress))
    ? causes.hostServiceLoopbackOnly({ ...service, owner })
    : causes.hostServiceNotListening(service);
  return hops.fail(id, title, endpoints.slice(0, 3).map(describe), [cause]);
}

function hostFirewallFromContainerHop(
  ctx: OutboundContext,
  hostAddress: string | null,
  network: AttachedNetwork | null,
): HopResult {
  const c = ctx.sender.container;
  const id = 'host-firewall-from-container';
  const title = `The host firewall lets ${portText(ctx)} in from ${c.name}'s subnet`;
  if (!ctx.sender.running) return hops.skip(id, title, `${c.name} is not running`);
  if (!network) return hops.skip(id, title, `${c.name} has no network the host is on`);
  const ip = network.attachment.ip ? bareAddress(network.attachment.ip) : null;
  // The program receiving it, for rules scoped to one (a listening process whose path the host gave).
  const listener = ((ctx.protocol === 'tcp'
    ? ctx.correlation.tcpListenersByPort.get(ctx.port)
    : ctx.correlation.udpByPort.get(ctx.port)) ?? [])[0];
  const program =
    listener?.owningProcess != null
      ? (ctx.correlation.processByPid.get(listener.owningProcess)?.path ?? null)
      : null;
  const traffic = {
    protocol: ctx.protocol,
    port: ctx.port,
    destinations: hostAddress === null ? null : [hostAddress],
    sources: ip === null ? null : [ip],
    program,
  };
  // Connections from a container arrive on the container network's vEthernet adapter: its profile decides.
  const arriving = internalProfiles(ctx.model.connectionProfiles, ctx.correlation.networkNames);
  const decisions = arriving.profiles.map((p) => decideInbound(ctx.correlation.firewall, p, traffic));
  const result = hops.firewallHop(ctx.path, { id, title, decisions, arriving, why: 'default-block' });
  const subnets = network.subnets;
  return {
    hop: result.hop,
    causes: result.causes.map((cause) =>
      cause.id === 'firewall-blocked'
        ? causes.hostFirewallBlocksContainer(c, {
            port: ctx.port,
            protocol: ctx.protocol,
            subnets,
            found: cause,
          })
        : cause,
    ),
  };
}

/** An address inside a nat network's prefix that is not on it: the container keeps the packet on its own network. */
function targetPrefixHop(ctx: OutboundContext, address: string): HopResult {
  const c = ctx.sender.container;
  const id = 'target-prefix';
  const title = `${address} is outside ${c.name}'s nat prefix`;
  if (!ctx.sender.running) return hops.skip(id, title, `${c.name} is not running`);
  const nats = routed(ctx).filter((n) => n.driver === 'nat');
  if (nats.length === 0) return hops.skip(id, title, `${c.name} is on no nat network`);
  const undecided = nats.filter((n) => inSubnets(address, n.subnets) === null);
  const inside = nats.find((n) => inSubnets(address, n.subnets) === true);
  if (inside) {
    const subnet = inside.subnets.find((s) => inSubnets(address, [s]) === true)!;
    return hops.fail(
      id,
      title,
      [evidenceFrom(ctx.model.networks.source, `${inside.attachment.name}: subnet ${subnet}`)],
      [
        causes.natPrefixOverlapTarget(c, {
          address,
          network: inside.attachment.name,
          subnet,
          file: ctx.model.networks.source.file,
        }),
      ],
    );
  }
  if (undecided.length > 0)
    return hops.unknown(
      id,
      title,
      ctx.model.networks.kind === 'unknown'
        ? missingNote(ctx.model.networks)
        : `no subnet of ${undecided.map((n) => n.attachment.name).join(', ')} can be compared with ${address}`,
    );
  return hops.pass(
    id,
    title,
    nats.map((n) =>
      evidenceFrom(ctx.model.networks.source, `${n.attachment.name}: subnet ${n.subnets.join(', ')}`),
    ),
  );
}

/** Can `container` reach `target` on `port`/`protocol`: the question explainOutbound answers. */
export interface OutboundQuestion {
  readonly container: Container;
  readonly target: OutboundTarget;
  /** The destination port. */
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
}

/** The outbound question as one explanation; a container target is that container's inbound path from this one. */
export function explainOutbound(
  model: HostModel,
  { container, target, port, protocol }: OutboundQuestion,
  correlation: Correlation = correlate(model),
): Explanation {
  const sender = footprintOf(model, correlation, container);
  const from = `container:${container.name}`;
  const peer = peerOf(model, correlation, target);
  if (peer) {
    const inbound = explain(
      model,
      { container: peer, source: { kind: 'container', ref: container.id }, port, protocol },
      correlation,
    );
    return {
      ...inbound,
      direction: 'outbound',
      container: { id: container.id, name: container.name },
      source: { kind: 'container', ref: container.id },
      from,
      to: target,
    };
  }
  const path: hops.PathContext = {
    model,
    correlation,
    target: sender,
    source: { kind: 'container', ref: container.id },
    port,
    protocol,
    publication: null,
    direct: false,
    containerPort: null,
    sourceContainer: container,
  };
  const ctx: OutboundContext = {
    model,
    correlation,
    sender,
    port,
    protocol,
    networks: attachedNetworks(container, correlation),
    path,
  };
  const results: HopResult[] = [hops.runningHop(path), hops.networkHop(path)];
  const hostTarget = isHostTarget(model, ctx, target);
  if (hostTarget !== null) {
    const address = hostAddressHop(ctx, hostTarget.asked);
    if (hostTarget.alias !== null) results.push(hostAliasHop(ctx.sender, hostTarget.alias, address.address));
    results.push(
      address.result,
      hostListenerHop(ctx, address.address),
      hostFirewallFromContainerHop(ctx, address.address, address.network),
    );
  } else {
    const resolved = target.kind === 'name' ? nameHop(ctx, target.name) : null;
    if (resolved) results.push(resolved.result);
    results.push(egressHop(ctx));
    const address = target.kind === 'address' ? target.address : (resolved?.address ?? null);
    if (address !== null) results.push(targetPrefixHop(ctx, address));
  }
  const blocked = blockAfterNoNetwork(results, container.name);
  const list = blocked.map((r) => r.hop);
  const found: Cause[] = [];
  for (const r of blocked)
    for (const cause of r.causes)
      if (!found.some((f) => f.id === cause.id && f.title === cause.title)) found.push(cause);
  return {
    direction: 'outbound',
    container: { id: container.id, name: container.name },
    source: { kind: 'container', ref: container.id },
    from,
    to: target,
    port,
    protocol,
    verdict: verdictOf(list),
    hops: list,
    causes: found,
  };
}

/** Without a network (or running) nothing later can be decided: the hops after it are skipped. */
function blockAfterNoNetwork(results: readonly HopResult[], name: string): HopResult[] {
  const stop = results.findIndex(
    (r) => r.hop.status === 'fail' && (r.hop.id === 'container-network' || r.hop.id === 'container-running'),
  );
  if (stop === -1) return [...results];
  return results.map((r, i) =>
    i <= stop || r.hop.status === 'skip'
      ? r
      : hops.skip(
          r.hop.id,
          r.hop.title,
          results[stop]!.hop.id === 'container-network' ? `${name} has no network` : `${name} is not running`,
        ),
  );
}

/** A container target, by reference, by address or by name (Docker's DNS resolves container names on nat). */
function peerOf(model: HostModel, correlation: Correlation, target: OutboundTarget): Container | null {
  if (target.kind === 'container') {
    const found = findContainer(model, target.ref);
    return found.kind === 'found' ? found.container : null;
  }
  if (target.kind === 'address')
    return correlation.containersByIp.get(bareAddress(target.address))?.[0] ?? null;
  if (target.kind === 'name' && !HOST_ALIASES.has(target.name)) {
    const found = findContainer(model, target.name);
    return found.kind === 'found' && found.container.name.toLowerCase() === target.name
      ? found.container
      : null;
  }
  return null;
}

interface HostTarget {
  /** The address the user gave, where they gave one. */
  readonly asked: string | null;
  /** The name the user gave, where it is a host alias. */
  readonly alias: string | null;
}

function isHostTarget(model: HostModel, ctx: OutboundContext, target: OutboundTarget): HostTarget | null {
  if (target.kind === 'host') return { asked: null, alias: null };
  if (target.kind === 'name' && HOST_ALIASES.has(target.name)) return { asked: null, alias: target.name };
  if (target.kind !== 'address') return null;
  const address = bareAddress(target.address);
  const own =
    model.ipAddresses.kind === 'known' &&
    model.ipAddresses.value.some((a) => bareAddress(a.ipAddress) === address);
  // The container network's gateway is the host on nat even where host/ip-addresses.json was not collected.
  const gateway = ctx.networks.some(
    (n) =>
      n.driver === 'nat' &&
      [n.attachment.gateway, ...(n.network?.gateways ?? [])].some((g) => g && bareAddress(g) === address),
  );
  return own || gateway ? { asked: address, alias: null } : null;
}

/**
 * Whether host.docker.internal resolves in the container, on its own: the hop of the outbound question and the
 * `host-alias-missing` finding read the same answer.
 */
export function hostAliasCheck(
  model: HostModel,
  correlation: Correlation,
  container: Container,
  alias = 'host.docker.internal',
): HopResult {
  const net = hostSideNetwork({ networks: attachedNetworks(container, correlation) });
  const found = net ? hostAddressOn(model, net) : null;
  return hostAliasHop(
    footprintOf(model, correlation, container),
    alias,
    found?.kind === 'found' ? found.address : null,
  );
}

/** host.docker.internal resolves in a Windows container only through its hosts file (catalogue 14). */
function hostAliasHop(sender: Footprint, alias: string, hostAddress: string | null): HopResult {
  const c = sender.container;
  const id = 'host-alias';
  const title = `${alias} resolves in ${c.name}`;
  const hosts = sender.hostsFile;
  if (hosts.kind === 'not-applicable')
    return sender.running
      ? hops.unknown(
          id,
          title,
          `containers/${c.id}/hosts.txt not collected; the probe container.dns would decide it`,
        )
      : hops.skip(id, title, hosts.reason);
  if (hosts.kind === 'unknown' || hosts.kind === 'absent') return hops.unknown(id, title, hosts.reason);
  const entry = hosts.value.find((e) => e.names.some((n) => n.toLowerCase() === alias));
  if (!entry)
    return hops.fail(id, title, hosts.evidence, [
      causes.hostAliasMissing(c, { alias, hostAddress, file: c.hostsFile?.source.file ?? 'the hosts file' }),
    ]);
  const evidence = [...hosts.evidence];
  if (hostAddress !== null && bareAddress(entry.address) !== hostAddress)
    return hops.unknown(
      id,
      title,
      `${alias} points to ${entry.address}, while the host is at ${hostAddress} on ${c.name}'s network (a stale entry, or the host's LAN address)`,
      evidence,
      [
        {
          ...causes.hostAliasMissing(c, { alias, hostAddress, file: c.hostsFile?.source.file ?? '' }),
          confidence: 'likely',
        },
      ],
    );
  return hops.pass(id, title, evidence, `${alias} -> ${entry.address}`);
}

/** A name other than a container's or the host's: its hosts-file entry, or a DNS answer this bundle cannot give. */
function nameHop(
  ctx: OutboundContext,
  name: string,
): { readonly result: HopResult; readonly address: string | null } {
  const c = ctx.sender.container;
  const id = 'name-resolution';
  const title = `${name} resolves in ${c.name}`;
  if (!ctx.sender.running) return { result: hops.skip(id, title, `${c.name} is not running`), address: null };
  const hosts = ctx.sender.hostsFile;
  if (hosts.kind === 'found') {
    const entry = hosts.value.find((e) => e.names.some((n) => n.toLowerCase() === name));
    if (entry)
      return {
        result: hops.pass(id, title, hosts.evidence, `${name} -> ${entry.address} (hosts file)`),
        address: bareAddress(entry.address),
      };
  }
  const dns = ctx.sender.dnsServers;
  return {
    result: hops.unknown(
      id,
      title,
      `${name} is not in ${c.name}'s hosts file${hosts.kind === 'found' ? '' : ` (${hosts.kind === 'not-applicable' ? 'not collected' : hosts.reason})`}; whether DNS answers takes a query this bundle did not make (an active check from the container would)${dns.kind === 'found' ? `; it asks ${dns.value.join(', ') || 'no DNS server'}` : ''}`,
      dns.kind === 'found' ? dns.evidence : [],
    ),
    address: null,
  };
}
