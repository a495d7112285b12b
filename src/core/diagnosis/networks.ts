// A container's networks as Docker describes them: the driver, the subnets and the host's own address on each.
// Membership is decided from the network's subnet, never from the prefix length on the container's address:
// `docker network inspect nat` may say /20 while the container's IPv4Address says /16 (failure catalogue, trap 7;
// docker/for-win#13101).

import type { Evidence } from '../../shared/diagnosis';
import type { Container, ContainerNetwork, DockerNetwork, HostModel, IpAddress } from '../../shared/model';
import { addressInEntry, bareAddress } from './addresses';
import type { Correlation } from './correlate';
import { evidenceFrom, missingNote } from './known';

export interface AttachedNetwork {
  readonly attachment: ContainerNetwork;
  /** The network in docker/networks.json; null where it is not there (not collected, or gone). */
  readonly network: DockerNetwork | null;
  /** Lower-case driver; `unknown` where docker/networks.json does not tell. */
  readonly driver: string;
  /** The network's IPv4/IPv6 subnets (`172.24.80.0/20`), from docker/networks.json only. */
  readonly subnets: readonly string[];
}

export function attachedNetworks(c: Container, correlation: Correlation): readonly AttachedNetwork[] {
  return c.networks.map((attachment) => {
    const network =
      (attachment.networkId ? correlation.networkById.get(attachment.networkId.toLowerCase()) : undefined) ??
      correlation.networkByName.get(attachment.name.toLowerCase()) ??
      null;
    const driver = (
      network?.driver ?? (attachment.name.toLowerCase() === 'nat' ? 'nat' : 'unknown')
    ).toLowerCase();
    return { attachment, network, driver, subnets: network?.subnets ?? [] };
  });
}

/** Whether an address lies in one of the subnets: true, false, or null where no subnet can be evaluated. */
export function inSubnets(address: string, subnets: readonly string[]): boolean | null {
  let undecided = subnets.length === 0;
  for (const subnet of subnets) {
    const inside = addressInEntry(bareAddress(address), subnet.trim());
    if (inside === true) return true;
    if (inside === null) undecided = true;
  }
  return undecided ? null : false;
}

/** The host's address on a container network, and how it was found. */
export type HostAddressOn =
  | {
      readonly kind: 'found';
      readonly address: string;
      readonly alias: string | null;
      readonly evidence: Evidence;
    }
  | { readonly kind: 'absent'; readonly evidence: Evidence }
  | { readonly kind: 'unknown'; readonly note: string };

/**
 * The address the host holds inside the network's subnet: on nat the vEthernet address, which is the gateway
 * (seed: Portainer reaches the engine at the host's vEthernet address; the host's LAN address is not reachable
 * from a container, knowledge notes section 3). The gateway is preferred where the host holds several.
 */
export function hostAddressOn(model: HostModel, net: AttachedNetwork): HostAddressOn {
  if (net.subnets.length === 0)
    return {
      kind: 'unknown',
      note:
        model.networks.kind === 'unknown'
          ? missingNote(model.networks)
          : `${model.networks.source.file} gives network ${net.attachment.name} no subnet`,
    };
  if (model.ipAddresses.kind === 'unknown') return { kind: 'unknown', note: missingNote(model.ipAddresses) };
  const gateways = new Set(
    [...(net.network?.gateways ?? []), net.attachment.gateway]
      .filter((g): g is string => !!g)
      .map(bareAddress),
  );
  const inside = model.ipAddresses.value.filter(
    (a: IpAddress) => inSubnets(a.ipAddress, net.subnets) === true,
  );
  const best = inside.find((a) => gateways.has(bareAddress(a.ipAddress))) ?? inside[0];
  if (best)
    return {
      kind: 'found',
      address: bareAddress(best.ipAddress),
      alias: best.interfaceAlias,
      evidence: evidenceFrom(
        model.ipAddresses.source,
        `${best.interfaceAlias ?? `ifIndex ${best.interfaceIndex ?? '?'}`}: ${best.ipAddress}${best.prefixLength === null ? '' : `/${best.prefixLength}`} (in ${net.subnets.join(', ')})`,
      ),
    };
  return {
    kind: 'absent',
    evidence: evidenceFrom(
      model.ipAddresses.source,
      `no host address in ${net.subnets.join(', ')} among ${model.ipAddresses.value.length} addresses`,
    ),
  };
}
