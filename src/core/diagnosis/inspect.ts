// What is this container on the host (../shared/spec/diagnosis.md, section 1): its footprint as the contract
// shapes it, with a note for every field that could not be determined.

import type { InspectResult } from '../../shared/diagnosis';
import type { Container, HostModel } from '../../shared/model';
import { correlate, footprintOf, type Correlation } from './correlate';
import type { Determined } from './footprint';
import { networkDrivers } from './host-index';
import { formatPorts } from './firewall';

/** NAT sessions listed per container; a busy container can have thousands. */
export const MAX_LISTED_SESSIONS = 100;

/** Why a field is null: every absent or unknown part, and a part that does not apply only where `explain` asks. */
function noteOf(label: string, d: Determined<unknown>, explainNotApplicable = true): string[] {
  switch (d.kind) {
    case 'found':
      return d.note ? [`${label}: ${d.note}`] : [];
    case 'absent':
    case 'unknown':
      return [`${label}: ${d.reason}`];
    case 'not-applicable':
      return explainNotApplicable ? [`${label}: ${d.reason}`] : [];
  }
}

export function inspect(
  model: HostModel,
  container: Container,
  correlation: Correlation = correlate(model),
): InspectResult {
  const fp = footprintOf(model, correlation, container);
  const drivers = networkDrivers(container, correlation.networkById, correlation.networkByName);
  const notes = [
    ...(fp.isolation.note ? [fp.isolation.note] : []),
    ...noteOf('session', fp.session),
    // A process-isolated container has no utility VM by design: nothing to explain there.
    ...noteOf('utility VM', fp.utilityVm, fp.isolation.value !== 'process'),
    ...noteOf('sandbox disk', fp.sandboxDisk),
  ];
  if (model.natMappings.kind === 'unknown') notes.push(`NAT mappings: ${model.natMappings.reason}`);
  if (model.firewallRules.kind === 'unknown') notes.push(`firewall rules: ${model.firewallRules.reason}`);
  if (fp.firewallRulesTotal > fp.firewallRules.length) {
    notes.push(
      `firewall rules: ${fp.firewallRules.length} of ${fp.firewallRulesTotal} rules naming its ports listed (rules match by port, so containers on the same port share them)`,
    );
  }
  if (fp.natSessions.length > MAX_LISTED_SESSIONS)
    notes.push(`NAT sessions: ${MAX_LISTED_SESSIONS} of ${fp.natSessions.length} listed`);
  // Bundle 1.1 parts: a running container's HNS endpoints and what it resolves with.
  if (fp.running) {
    for (const a of fp.attachments) {
      notes.push(...noteOf(`HNS endpoint on ${a.network}`, a.endpoint, false));
      if (a.endpoint.kind === 'found') {
        notes.push(...noteOf(`NAT policies on ${a.network}`, a.natPolicies));
        notes.push(...noteOf(`vSwitch of ${a.network}`, a.vSwitch));
      }
    }
    notes.push(...noteOf('DNS servers', fp.dnsServers), ...noteOf('hosts file', fp.hostsFile));
  }
  const vm = fp.utilityVm.kind === 'found' ? fp.utilityVm.value : null;
  const disk = fp.sandboxDisk.kind === 'found' ? fp.sandboxDisk.value : null;
  return {
    id: container.id,
    name: container.name,
    image: container.image,
    state: container.state,
    isolation: fp.isolation.value,
    sessionId: fp.session.kind === 'found' ? fp.session.value.sessionId : null,
    hostProcesses: fp.hostProcesses.map((p) => ({ pid: p.pid, name: p.name })),
    utilityVm: vm ? { pid: vm.worker.pid, memoryPid: vm.memory?.pid ?? null } : null,
    sandboxDisk: disk ? { number: disk.disk.number, location: disk.location } : null,
    networks: container.networks.map((n, i) => ({
      name: n.name,
      driver: drivers[i] === 'unknown' ? null : (drivers[i] ?? null),
      ip: n.ip,
    })),
    publishedPorts: fp.publications.map((p) => ({
      containerPort: p.containerPort,
      protocol: p.protocol,
      hostIp: p.hostIp,
      hostPort: p.hostPort,
      ...(p.hostPortRange ? { hostPortRange: p.hostPortRange } : {}),
      mode: p.mode,
    })),
    natMappings: fp.natMappings.map((m) => ({
      natName: m.natName,
      protocol: m.protocol,
      externalPort: m.externalPort,
      internalIp: m.internalIp,
      internalPort: m.internalPort,
    })),
    natSessions: fp.natSessions.slice(0, MAX_LISTED_SESSIONS).map((s) => ({
      protocol: s.protocol,
      externalSource:
        s.externalSourceAddress === null ? null : `${s.externalSourceAddress}:${s.externalSourcePort ?? '?'}`,
      internalDestination:
        s.internalDestinationAddress === null
          ? null
          : `${s.internalDestinationAddress}:${s.internalDestinationPort ?? '?'}`,
    })),
    firewallRules: fp.firewallRules.map((r) => ({
      name: r.name,
      displayName: r.displayName,
      action: r.action,
      direction: r.direction,
      localPort: formatPorts(r),
      enabled: r.enabled,
    })),
    mounts: container.mounts.map((m) => ({ type: m.type, source: m.source, destination: m.destination })),
    hnsEndpoints: fp.attachments.flatMap((a) => {
      if (a.endpoint.kind !== 'found') return [];
      const e = a.endpoint.value;
      return [
        {
          network: a.network,
          id: e.id,
          ipAddress: e.ipAddress,
          hnsNetwork:
            a.hnsNetwork.kind === 'found' ? (a.hnsNetwork.value.name ?? a.hnsNetwork.value.id) : null,
          vSwitch:
            a.vSwitch.kind === 'found'
              ? { name: a.vSwitch.value.name, switchType: a.vSwitch.value.switchType }
              : null,
          natPolicies:
            a.natPolicies.kind === 'found'
              ? a.natPolicies.value.map((p) => ({
                  protocol: p.protocol,
                  internalPort: p.internalPort,
                  externalPort: p.externalPort,
                  reserved: p.reserved,
                }))
              : null,
          dnsServers: e.dnsServers,
        },
      ];
    }),
    dnsServers: fp.dnsServers.kind === 'found' ? fp.dnsServers.value : null,
    hostsFile:
      fp.hostsFile.kind === 'found'
        ? fp.hostsFile.value.map((h) => ({ address: h.address, names: h.names }))
        : null,
    notes,
  };
}
