// Topology: the host's adapters, its WinNAT instances, the Docker networks and the containers on each.

import { addressInEntry, bareAddress } from '../../core/diagnosis/addresses';
import type { Known } from '../../shared/model';
import type { TopologyContainer, TopologyNetwork, TopologyView } from '../../shared/views';
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
    containers: members.get(n.id)!,
  }));

  const addresses = list(model.ipAddresses);
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

  const unknowns = [model.networks, model.nat, model.adapters, model.ipAddresses, model.containers].flatMap(
    (part) => (part.kind === 'unknown' ? [`${part.reason} (${part.source.file})`] : []),
  );
  return {
    host: { name: model.computerName ?? 'Host', adapters },
    nats,
    networks: topologyNetworks,
    detached,
    unknowns,
  };
}
