// Plain-text wording shared by the HTML and Markdown renderers, so both say the same thing; each escapes it.
import type { RedactionKind } from '../redact';
import { formatPort } from '../summary';
import type { ReportContainer } from './document';

export interface ContainerCells {
  readonly session: string;
  readonly disk: string;
  readonly networks: readonly string[];
  readonly ports: readonly string[];
  readonly mappings: readonly string[];
  readonly rules: readonly string[];
}

/** One container's table cells as text. */
export function containerCells(c: ReportContainer): ContainerCells {
  const i = c.inspect;
  const session =
    i.sessionId !== null
      ? `session ${i.sessionId} (${i.hostProcesses.length} host process${i.hostProcesses.length === 1 ? '' : 'es'})`
      : i.utilityVm
        ? `utility VM, vmwp ${i.utilityVm.pid}${i.utilityVm.memoryPid === null ? '' : `, vmmem ${i.utilityVm.memoryPid}`}`
        : 'unknown';
  const mounts =
    i.mounts.length === 0 ? 'no mounts' : `${i.mounts.length} mount${i.mounts.length === 1 ? '' : 's'}`;
  const disk =
    i.sandboxDisk !== null
      ? `disk ${i.sandboxDisk.number}; ${mounts}`
      : i.isolation === 'hyperv'
        ? `in the utility VM; ${mounts}`
        : `sandbox disk unknown; ${mounts}`;
  return {
    session,
    disk,
    networks: i.networks.map((n) => `${n.name}${n.driver ? ` (${n.driver})` : ''}${n.ip ? ` ${n.ip}` : ''}`),
    ports: i.publishedPorts.map((p) =>
      p.hostPort === null ? `${formatPort(p)} not published` : `${formatPort(p)} (${p.mode})`,
    ),
    mappings: i.natMappings.map(
      (m) => `${m.protocol} ${m.externalPort} -> ${m.internalIp}:${m.internalPort}`,
    ),
    rules: i.firewallRules.map(
      (r) =>
        `${r.action} ${r.direction} ${r.localPort}${r.enabled === false ? ' (disabled)' : ''}: ${r.displayName ?? r.name}`,
    ),
  };
}

const KIND_TITLES: Readonly<Record<RedactionKind, string>> = {
  host: 'Host names',
  domain: 'Domain names',
  user: 'User names',
  container: 'Container names',
  service: 'Swarm service names',
  registry: 'Image registries',
  ip: 'IP addresses (IPv4 and IPv6)',
  mac: 'MAC addresses',
  env: 'Environment values (removed)',
};

export function kindTitle(kind: RedactionKind): string {
  return KIND_TITLES[kind];
}
