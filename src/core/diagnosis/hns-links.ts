// A container's footprint in HNS (bundle 1.1): for each Docker network it is on, the HNS network behind it, the
// endpoint holding its address there, that endpoint's NAT policies (the ports HNS publishes for it, knowledge notes
// section 10) and the vSwitch of the network; and what the container itself resolves with (ipconfig, hosts file).
// Built from indexes made once per host, so each container costs lookups, never scans.

import type { Evidence } from '../../shared/diagnosis';
import type {
  Container,
  DockerNetwork,
  HnsEndpoint,
  HnsNatPolicy,
  HnsNetwork,
  HostModel,
  HostsEntry,
  Known,
  VmSwitch,
} from '../../shared/model';
import { bareAddress, ipv4Range } from './addresses';
import type { Determined } from './footprint';
import { evidenceFrom, listOf, missingNote } from './known';

/** Drivers whose containers HNS gives a local endpoint holding the container's address. */
export const HNS_ENDPOINT_DRIVERS: ReadonlySet<string> = new Set([
  'nat',
  'transparent',
  'l2bridge',
  'l2tunnel',
]);

/** NAT policies as a line: `NAT tcp 8080 -> 80, NAT udp 53 -> 53`, or `no NAT policy`. */
export function natPolicyText(policies: readonly Omit<HnsNatPolicy, 'kind'>[]): string {
  const nat = policies.map((p) => `NAT ${p.protocol} ${p.externalPort} -> ${p.internalPort}`);
  return nat.length === 0 ? 'no NAT policy' : nat.join(', ');
}

/** Docker's Windows driver records the HNS network it made as this network option (moby windows driver). */
const HNS_ID_OPTION = 'com.docker.network.windowsshim.hnsid';

/** One Docker network of a container, with what HNS holds for it. */
export interface NetworkAttachment {
  /** The Docker network's name, as the container lists it. */
  readonly network: string;
  readonly ip: string | null;
  readonly hnsNetwork: Determined<HnsNetwork>;
  readonly endpoint: Determined<HnsEndpoint>;
  /** The endpoint's NAT policies: the container's published ports as HNS sees them. */
  readonly natPolicies: Determined<readonly HnsNatPolicy[]>;
  readonly vSwitch: Determined<VmSwitch>;
}

/** A port HNS publishes for the container: one NAT policy of one of its endpoints. */
export interface HnsPublication extends Omit<HnsNatPolicy, 'kind'> {
  readonly network: string;
  readonly endpointId: string;
  readonly evidence: Evidence;
}

export interface HnsIndexes {
  readonly endpointsByIp: ReadonlyMap<string, readonly HnsEndpoint[]>;
  /** Local endpoints that carry no address, by HNS network id ('' where none is given): any could be a container's. */
  readonly addressless: ReadonlyMap<string, number>;
  readonly networkById: ReadonlyMap<string, HnsNetwork>;
  /** Docker network id (lower-case) -> the HNS network behind it, and how that was decided. */
  readonly networkForDocker: ReadonlyMap<string, { readonly hns: HnsNetwork; readonly via: string }>;
  readonly switchById: ReadonlyMap<string, VmSwitch>;
  readonly switchByName: ReadonlyMap<string, VmSwitch>;
}

/** Two subnets are the same network when they cover the same addresses (`172.24.80.0/20` however written). */
function sameSubnet(a: string, b: string): boolean {
  const ra = ipv4Range(a);
  const rb = ipv4Range(b);
  if (ra && rb) return ra[0] === rb[0] && ra[1] === rb[1];
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * The HNS network of a Docker network: the id Docker recorded (its hnsid option), else the one with the same
 * subnet, else the one with the same name (the default `nat` network is `nat` in both). Null where none fits.
 */
function hnsNetworkFor(
  network: DockerNetwork,
  byId: ReadonlyMap<string, HnsNetwork>,
  all: readonly HnsNetwork[],
): { readonly hns: HnsNetwork; readonly via: string } | null {
  const recorded = network.options.find((o) => o.name.toLowerCase() === HNS_ID_OPTION)?.value;
  const byOption = recorded ? byId.get(recorded.trim().toLowerCase()) : undefined;
  if (byOption) return { hns: byOption, via: `${HNS_ID_OPTION} ${recorded}` };
  const bySubnet = all.find((h) => h.subnets.some((s) => network.subnets.some((d) => sameSubnet(s, d))));
  if (bySubnet) return { hns: bySubnet, via: `subnet ${bySubnet.subnets.join(', ')}` };
  const name = network.name.toLowerCase();
  const byName = all.find((h) => h.name?.toLowerCase() === name);
  return byName ? { hns: byName, via: `name ${network.name}` } : null;
}

function groupByIp(endpoints: readonly HnsEndpoint[]): Map<string, HnsEndpoint[]> {
  const map = new Map<string, HnsEndpoint[]>();
  for (const e of endpoints) {
    if (!e.ipAddress) continue;
    const key = bareAddress(e.ipAddress);
    const list = map.get(key);
    if (list) list.push(e);
    else map.set(key, [e]);
  }
  return map;
}

export function indexHns(model: HostModel, dockerNetworks: readonly DockerNetwork[]): HnsIndexes {
  const hnsNetworks = listOf(model.hnsNetworks);
  const networkById = new Map(hnsNetworks.map((n) => [n.id, n]));
  const networkForDocker = new Map<string, { readonly hns: HnsNetwork; readonly via: string }>();
  for (const d of dockerNetworks) {
    const found = hnsNetworkFor(d, networkById, hnsNetworks);
    if (found) networkForDocker.set(d.id.toLowerCase(), found);
  }
  const switches = listOf(model.vmSwitches);
  const endpoints = listOf(model.hnsEndpoints);
  const addressless = new Map<string, number>();
  for (const e of endpoints)
    if (!e.ipAddress && e.isRemote !== true)
      addressless.set(e.virtualNetworkId ?? '', (addressless.get(e.virtualNetworkId ?? '') ?? 0) + 1);
  return {
    endpointsByIp: groupByIp(endpoints),
    addressless,
    networkById,
    networkForDocker,
    switchById: new Map(switches.filter((s) => s.id !== null).map((s) => [s.id!, s])),
    switchByName: new Map(switches.map((s) => [s.name.toLowerCase(), s])),
  };
}

/** The vSwitch of an HNS network: by the switch id HNS records, its switch name, or else the network's name. */
export function switchOf(model: HostModel, hns: HnsNetwork, idx: HnsIndexes): Determined<VmSwitch> {
  if (model.vmSwitches.kind === 'unknown') return { kind: 'unknown', reason: missingNote(model.vmSwitches) };
  const source = model.vmSwitches.source;
  const byId = hns.switchId ? idx.switchById.get(hns.switchId) : undefined;
  const byName = hns.switchName ? idx.switchByName.get(hns.switchName.toLowerCase()) : undefined;
  const found = byId ?? byName;
  if (found)
    return {
      kind: 'found',
      value: found,
      evidence: [
        evidenceFrom(
          source,
          `${found.name} (${found.switchType ?? 'type unknown'}), ${byId ? `id ${found.id}` : 'by name'}`,
        ),
      ],
    };
  // Docker's nat network runs on a vSwitch of the same name (`nat`): likely, but not recorded by HNS here.
  const sameName = hns.name ? idx.switchByName.get(hns.name.toLowerCase()) : undefined;
  if (sameName)
    return {
      kind: 'found',
      value: sameName,
      evidence: [evidenceFrom(source, `${sameName.name} (${sameName.switchType ?? 'type unknown'})`)],
      note: `matched by the HNS network's name ${hns.name}: the HNS network records no switch id or name`,
    };
  return {
    kind: 'absent',
    reason: `no vSwitch has the id or name HNS network ${hns.name ?? hns.id} names`,
    evidence: [evidenceFrom(source, `${idx.switchByName.size} vSwitches`)],
  };
}

function natPoliciesOf(
  endpoint: HnsEndpoint,
  source: Known<unknown>['source'],
): Determined<readonly HnsNatPolicy[]> {
  if (endpoint.policies === null)
    return {
      kind: 'unknown',
      reason: `${source.file} holds endpoint ${endpoint.id} without its policies (a 1.0 probe, or hnsdiag's summary)`,
    };
  const nat = endpoint.policies.filter((p): p is HnsNatPolicy => p.kind === 'nat');
  return {
    kind: 'found',
    value: nat,
    evidence: [
      evidenceFrom(
        source,
        `endpoint ${endpoint.id}: ${nat.length === 0 ? 'no NAT policy' : nat.map((p) => `NAT ${p.externalPort} -> ${p.internalPort}/${p.protocol}`).join(', ')}`,
      ),
    ],
  };
}

/** Every Docker network of a running container, tied to HNS. */
export function attachmentsOf(
  model: HostModel,
  c: Container,
  dockerNetworkOf: (n: Container['networks'][number]) => DockerNetwork | undefined,
  idx: HnsIndexes,
): NetworkAttachment[] {
  const running = c.state === 'running';
  return c.networks.map((n): NetworkAttachment => {
    const ip = n.ip ?? n.ipv6;
    const notHere = (reason: string): Determined<never> => ({ kind: 'not-applicable', reason });
    if (!running || ip === null) {
      const reason = !running ? `the container is ${c.state}, not running` : `it has no address on ${n.name}`;
      return {
        network: n.name,
        ip,
        hnsNetwork: notHere(reason),
        endpoint: notHere(reason),
        natPolicies: notHere(reason),
        vSwitch: notHere(reason),
      };
    }
    const docker = dockerNetworkOf(n);
    const link = docker ? idx.networkForDocker.get(docker.id.toLowerCase()) : undefined;
    const hnsNetwork: Determined<HnsNetwork> =
      model.hnsNetworks.kind === 'unknown'
        ? { kind: 'unknown', reason: missingNote(model.hnsNetworks) }
        : link
          ? {
              kind: 'found',
              value: link.hns,
              evidence: [
                evidenceFrom(
                  model.hnsNetworks.source,
                  `${link.hns.name ?? link.hns.id} (${link.hns.id}) by ${link.via}`,
                ),
              ],
            }
          : {
              kind: 'absent',
              reason: `no HNS network has the id, subnet or name of Docker network ${n.name}`,
              evidence: [evidenceFrom(model.hnsNetworks.source, `${idx.networkById.size} HNS networks`)],
            };
    const endpoint = endpointOf(model, c, n.name, bareAddress(ip), hnsNetwork, idx);
    const natPolicies: Determined<readonly HnsNatPolicy[]> =
      endpoint.kind === 'found'
        ? natPoliciesOf(endpoint.value, model.hnsEndpoints.source)
        : endpoint.kind === 'absent'
          ? { kind: 'not-applicable', reason: endpoint.reason }
          : endpoint;
    const vSwitch: Determined<VmSwitch> =
      hnsNetwork.kind === 'found'
        ? switchOf(model, hnsNetwork.value, idx)
        : hnsNetwork.kind === 'absent'
          ? { kind: 'unknown', reason: hnsNetwork.reason }
          : hnsNetwork;
    return { network: n.name, ip, hnsNetwork, endpoint, natPolicies, vSwitch };
  });
}

/**
 * The endpoint holding the container's address on that network: same address, and on the HNS network behind the
 * Docker network where that is known (addresses repeat across networks). Where HNS networks were not collected,
 * the endpoint's VirtualNetworkName or its SharedContainers must confirm it.
 */
function endpointOf(
  model: HostModel,
  c: Container,
  networkName: string,
  ip: string,
  hnsNetwork: Determined<HnsNetwork>,
  idx: HnsIndexes,
): Determined<HnsEndpoint> {
  if (model.hnsEndpoints.kind === 'unknown')
    return { kind: 'unknown', reason: missingNote(model.hnsEndpoints) };
  const source = model.hnsEndpoints.source;
  const candidates = (idx.endpointsByIp.get(ip) ?? []).filter((e) => e.isRemote !== true);
  const found = (e: HnsEndpoint, how: string, note?: string): Determined<HnsEndpoint> => ({
    kind: 'found',
    value: e,
    evidence: [
      evidenceFrom(
        source,
        `endpoint ${e.id}: ${e.ipAddress} on ${e.virtualNetworkName ?? e.virtualNetworkId ?? 'an unnamed network'} (${how})`,
      ),
    ],
    ...(note ? { note } : {}),
  });
  if (hnsNetwork.kind === 'found') {
    const id = hnsNetwork.value.id;
    const onNetwork = candidates.find((e) => e.virtualNetworkId === id);
    if (onNetwork) return found(onNetwork, 'address and network');
    // An endpoint that shows no address may be this one: absence is not shown.
    const unaddressed = (idx.addressless.get(id) ?? 0) + (idx.addressless.get('') ?? 0);
    if (unaddressed > 0)
      return {
        kind: 'unknown',
        reason: `no HNS endpoint shows ${ip} on HNS network ${hnsNetwork.value.name ?? id}, but ${unaddressed} of its endpoints show no address at all`,
      };
    return {
      kind: 'absent',
      reason: `no HNS endpoint holds ${ip} on HNS network ${hnsNetwork.value.name ?? id}`,
      evidence: [
        evidenceFrom(
          source,
          `${candidates.length} endpoints hold ${ip}${candidates.length > 0 ? ` on other networks: ${candidates.map((e) => e.virtualNetworkId ?? '?').join(', ')}` : ''}`,
        ),
      ],
    };
  }
  const named = candidates.find((e) => e.virtualNetworkName?.toLowerCase() === networkName.toLowerCase());
  if (named) return found(named, 'address and network name');
  const shared = candidates.find((e) => e.sharedContainers.includes(c.id));
  if (shared) return found(shared, 'address and SharedContainers');
  const unaddressed = [...idx.addressless.values()].reduce((a, b) => a + b, 0);
  if (candidates.length === 0 && unaddressed > 0)
    return {
      kind: 'unknown',
      reason: `no HNS endpoint shows ${ip}, but ${unaddressed} endpoints show no address at all`,
    };
  if (candidates.length === 0)
    return {
      kind: 'absent',
      reason: `no HNS endpoint holds ${ip}`,
      evidence: [evidenceFrom(source, `${listOf(model.hnsEndpoints).length} endpoints, none with ${ip}`)],
    };
  // An address alone does not say which network: leave it to a reader who has the HNS networks.
  return {
    kind: 'unknown',
    reason: `${candidates.length} HNS endpoints hold ${ip}, and which network each is on cannot be matched to ${networkName} (${hnsNetwork.kind === 'unknown' ? hnsNetwork.reason : 'no HNS network matches it'})`,
  };
}

/** The container's published ports as HNS holds them: the NAT policies of all its endpoints. */
export function hnsPublicationsOf(
  c: Container,
  attachments: readonly NetworkAttachment[],
): Determined<readonly HnsPublication[]> {
  if (c.state !== 'running')
    return { kind: 'not-applicable', reason: `the container is ${c.state}, not running` };
  const found: HnsPublication[] = [];
  const evidence: Evidence[] = [];
  const unknown: string[] = [];
  let absent: string | null = null;
  for (const a of attachments) {
    const policies = a.natPolicies;
    const endpoint = a.endpoint;
    if (policies.kind === 'found' && endpoint.kind === 'found') {
      evidence.push(...policies.evidence);
      for (const p of policies.value)
        found.push({
          network: a.network,
          endpointId: endpoint.value.id,
          protocol: p.protocol,
          internalPort: p.internalPort,
          externalPort: p.externalPort,
          reserved: p.reserved,
          evidence: policies.evidence[0]!,
        });
    } else if (policies.kind === 'unknown') unknown.push(`${a.network}: ${policies.reason}`);
    else if (endpoint.kind === 'absent') absent ??= endpoint.reason;
  }
  if (evidence.length > 0)
    return {
      kind: 'found',
      value: found,
      evidence,
      ...(unknown.length > 0 ? { note: `unknown on ${unknown.join('; ')}` } : {}),
    };
  if (unknown.length > 0) return { kind: 'unknown', reason: unknown.join('; ') };
  if (absent !== null) return { kind: 'absent', reason: absent, evidence: [] };
  return { kind: 'not-applicable', reason: 'it has no address on any network' };
}

/** What the container resolves with: the DNS servers ipconfig shows inside it, and its hosts file. */
export function containerDns(c: Container): {
  readonly dnsServers: Determined<readonly string[]>;
  readonly hostsFile: Determined<readonly HostsEntry[]>;
} {
  const notRunning = { kind: 'not-applicable', reason: `the container is ${c.state}, not running` } as const;
  const from = <T, R>(
    part: Known<T> | null,
    pick: (value: T) => R,
    detail: (value: R) => string,
  ): Determined<R> => {
    if (part === null) return notRunning;
    if (part.kind === 'unknown') return { kind: 'unknown', reason: missingNote(part) };
    const value = pick(part.value);
    return { kind: 'found', value, evidence: [evidenceFrom(part.source, detail(value))] };
  };
  return {
    dnsServers: from(
      c.ipConfig,
      (v) => v.dnsServers,
      (servers) => (servers.length === 0 ? 'no DNS servers' : `DNS servers ${servers.join(', ')}`),
    ),
    hostsFile: from(
      c.hostsFile,
      (entries) => entries,
      (entries) =>
        `${entries.length} entries${
          entries.length > 0
            ? `: ${entries
                .slice(0, 4)
                .map((e) => `${e.address} ${e.names.join(' ')}`)
                .join('; ')}`
            : ''
        }`,
    ),
  };
}
