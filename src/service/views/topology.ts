// Topology: the host's adapters, its WinNAT instances, the Docker networks and the containers on each.

import { addressInEntry, bareAddress, ipv4Range } from '../../core/diagnosis/addresses';
import { switchOf } from '../../core/diagnosis/hns-links';
import type { DockerNetwork, HnsNetwork, IpAddress, Known, Route } from '../../shared/model';
import type { TopologyContainer, TopologyNetwork, TopologyRoute, TopologyView } from '../../shared/views';
import type { Analysis } from '../analysis';

export function topologyView(analysis: Analysis): TopologyView {
  const { model } = analysis;
  const list = <T>(part: Known<readonly T[]>): readonly T[] => (part.kind === 'known' ? part.value : []);
  const nats = list(model.nat);
  const networks = list(model.networks);
  const byId = new Map(networks.map((n) => [n.id, n]));
  const byName = new Map(networks.map((n) => [n.name, n]));
  const members = new Map<string, TopologyContainer[]>(networks.map((n) => [n.id, []]));
  const detached: TopologyContainer[] = [];

  for (const container of analysis.containers) {
    const isolation = analysis.inspect(container.id).isolation;
    let placed = false;
    for (const attachment of container.networks) {
      const network =
        (attachment.networkId !== null ? byId.get(attachment.networkId) : undefined) ??
        byName.get(attachment.name);
      if (!network) continue;
      members.get(network.id)!.push({
        id: container.id,
        name: container.name,
        ip: attachment.ip,
        state: container.state,
        isolation,
      });
      placed = true;
    }
    if (!placed)
      detached.push({ id: container.id, name: container.name, ip: null, state: container.state, isolation });
  }

  const { hns } = analysis.correlation;
  const hnsOf = (n: DockerNetwork): HnsNetwork | undefined =>
    hns.networkForDocker.get(n.id.toLowerCase())?.hns;
  /** The vSwitch the correlation matches to the network's HNS network. */
  const vSwitchOf = (n: DockerNetwork): TopologyNetwork['vSwitch'] => {
    const network = hnsOf(n);
    const found = network ? switchOf(model, network, hns) : null;
    return found?.kind === 'found'
      ? { name: found.value.name, type: found.value.switchType, note: found.note ?? null }
      : null;
  };
  const routes = list(model.routes);
  const addresses = list(model.ipAddresses);
  const topologyNetworks: TopologyNetwork[] = networks.map((n) => ({
    id: n.id,
    name: n.name,
    driver: n.driver,
    subnets: n.subnets,
    gateways: n.gateways,
    // Get-NetNat writes the prefix as an address in the subnet (172.24.80.1/20 as often as 172.24.80.0/20).
    nat:
      n.driver === 'nat'
        ? (nats.find(
            (nat) =>
              nat.internalPrefix !== null &&
              n.subnets.some((subnet) => addressInEntry(bareAddress(nat.internalPrefix!), subnet) === true),
          )?.name ?? null)
        : null,
    hnsNatName: hnsOf(n)?.natName ?? null,
    vSwitch: vSwitchOf(n),
    routes: routesOver(n, routes, addresses),
    containers: members.get(n.id)!,
  }));

  const categories = list(model.connectionProfiles);
  const adapters = list(model.adapters).map((a) => ({
    name: a.name,
    description: a.description,
    status: a.status,
    addresses: addresses
      .filter((ip) => (a.ifIndex !== null && ip.interfaceIndex === a.ifIndex) || ip.interfaceAlias === a.name)
      .map((ip) => (ip.prefixLength === null ? ip.ipAddress : `${ip.ipAddress}/${ip.prefixLength}`)),
    category:
      categories.find(
        (c) => (a.ifIndex !== null && c.interfaceIndex === a.ifIndex) || c.interfaceAlias === a.name,
      )?.networkCategory ?? null,
  }));

  const unknowns = [
    model.networks,
    model.nat,
    model.adapters,
    model.ipAddresses,
    model.containers,
    model.vmSwitches,
    model.routes,
  ].flatMap((part) => (part.kind === 'unknown' ? [`${part.reason} (${part.source.file})`] : []));
  return {
    host: { name: model.computerName ?? 'Host', adapters },
    nats,
    networks: topologyNetworks,
    detached,
    unknowns,
  };
}

/**
 * Routes whose destination overlaps a subnet of the network, most specific first: the network's own
 * (on the interface holding its gateway) and any other, such as a VPN's (failure catalogue #7, #11).
 */
function routesOver(
  network: DockerNetwork,
  routes: readonly Route[],
  addresses: readonly IpAddress[],
): readonly TopologyRoute[] {
  const subnets = network.subnets.flatMap((s) => {
    const range = ipv4Range(s);
    return range ? [range] : [];
  });
  if (subnets.length === 0) return [];
  const ownInterfaces = new Set(
    addresses.filter((a) => network.gateways.includes(a.ipAddress)).map((a) => a.interfaceAlias),
  );
  const length = (prefix: string): number => Number(prefix.split('/')[1] ?? 0);
  return routes
    .filter((r) => r.family === 'ipv4' && length(r.destinationPrefix) > 0)
    .filter((r) => {
      const range = ipv4Range(r.destinationPrefix);
      return range !== null && subnets.some(([lo, hi]) => range[0] <= hi && range[1] >= lo);
    })
    .sort((a, b) => length(b.destinationPrefix) - length(a.destinationPrefix))
    .map((r) => ({
      destinationPrefix: r.destinationPrefix,
      nextHop: r.nextHop,
      interfaceAlias: r.interfaceAlias,
      routeMetric: r.routeMetric,
      own: ownInterfaces.size === 0 || r.interfaceAlias === null ? null : ownInterfaces.has(r.interfaceAlias),
    }));
}
