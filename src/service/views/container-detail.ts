// Container detail: the inspect result plus what each tab shows beyond it (full process rows, rule effects,
// live NAT sessions, the ports a reachability question can ask about).

import { isolationProfile, lifecycleFacts } from '../../core/diagnosis';
import { footprintOf } from '../../core/diagnosis/correlate';
import {
  diskFacts,
  sessionFacts,
  type DiskFacts,
  type SessionFacts,
} from '../../core/diagnosis/session-disk';
import { containerFirewallNote, formatPorts, ruleEffect } from '../../core/diagnosis/firewall';
import { isListening } from '../../core/diagnosis/listeners';
import type { Determined, Footprint } from '../../core/diagnosis';
import type { Container } from '../../shared/model';
import type {
  ContainerDetail,
  ContainerHnsView,
  FirewallRuleView,
  HnsAttachmentView,
  MissingPart,
  PortChoice,
} from '../../shared/views';
import type { Analysis } from '../analysis';
import { NO_PATHS } from './containers';

export function containerDetail(
  analysis: Analysis,
  container: Container,
  canFetchLogs = false,
): ContainerDetail {
  const { model } = analysis;
  const inspected = analysis.inspect(container.id);
  const networkById = new Map(
    (model.networks.kind === 'known' ? model.networks.value : []).map((n) => [n.id, n]),
  );
  const networkByName = new Map(
    (model.networks.kind === 'known' ? model.networks.value : []).map((n) => [n.name, n]),
  );
  const ips = new Set(container.networks.flatMap((n) => (n.ip === null ? [] : [n.ip])));
  const profiles = model.firewallProfiles;
  const footprint = footprintOf(model, analysis.correlation, container);
  const session = sessionFacts(footprint);
  const disk = diskFacts(footprint);
  return {
    bundleId: analysis.ref.id,
    inspect: inspected,
    created: container.created,
    startedAt: container.startedAt,
    lifecycle: { ...container.lifecycle, ...lifecycleFacts(model, container) },
    canFetchLogs,
    isolationRequested: container.isolationRequested,
    networkMode: container.networkMode,
    labels: container.labels,
    envNames: container.envNames,
    graphDriverDir: container.graphDriverDir,
    memoryLimitBytes: container.memoryLimitBytes,
    service: container.swarm?.serviceName ?? null,
    session: { processes: session.processes, top: container.top, explanation: sessionText(session) },
    disk: {
      sandboxSizeBytes: disk.sandboxSizeBytes,
      mounts: container.mounts,
      lostOnRemoval: lostOnRemovalText(disk),
    },
    network: {
      networks: container.networks.map((n) => ({
        ...n,
        driver:
          (n.networkId !== null ? networkById.get(n.networkId) : undefined)?.driver ??
          networkByName.get(n.name)?.driver ??
          null,
      })),
      publishedPorts: container.publishedPorts,
      natSessions: (model.natSessions.kind === 'known' ? model.natSessions.value : []).filter(
        (s) => s.internalDestinationAddress !== null && ips.has(s.internalDestinationAddress),
      ),
      listeners:
        container.listeners?.kind === 'known'
          ? { ...container.listeners, value: container.listeners.value.filter(isListening) }
          : container.listeners,
      hns: hnsView(container, footprint),
    },
    firewall: {
      rules: firewallRules(footprint),
      total: footprint.firewallRulesTotal,
      profiles,
      note: containerFirewallNote(inspected.isolation, profiles.kind === 'known' ? profiles.value : []),
    },
    findings: analysis.findingsByContainer().get(container.id) ?? [],
    isolation: isolationProfile(model, container, analysis.correlation),
    reachSummary: analysis.reachByContainer().get(container.id) ?? NO_PATHS,
    reach: reachPorts(container),
  };
}

/** A correlation fact that is not `found`, as the view says it. */
function missing<T>(d: Determined<T>): MissingPart | null {
  return d.kind === 'found' ? null : { kind: d.kind, reason: d.reason };
}

/**
 * What HNS holds for each of the container's networks, from the correlation (endpoint by address and network,
 * its NAT policies, the network's vSwitch): the ports HNS publishes, beside Docker's (knowledge notes section 10).
 */
function hnsView(container: Container, footprint: Footprint): ContainerHnsView {
  const attachments = footprint.attachments.map((a): HnsAttachmentView => {
    const e = a.endpoint;
    return {
      network: a.network,
      ip: a.ip,
      endpoint:
        e.kind !== 'found'
          ? missing(e)!
          : {
              kind: 'found',
              id: e.value.id,
              dnsServers: e.value.dnsServers,
              natPolicies:
                a.natPolicies.kind === 'found'
                  ? { kind: 'found', value: a.natPolicies.value }
                  : missing(a.natPolicies)!,
              otherPolicies:
                e.value.policies === null
                  ? null
                  : e.value.policies.flatMap((p) => (p.kind === 'other' ? [p.type] : [])),
            },
      vSwitch:
        a.vSwitch.kind === 'found'
          ? {
              kind: 'found',
              name: a.vSwitch.value.name,
              type: a.vSwitch.value.switchType,
              note: a.vSwitch.note ?? null,
            }
          : missing(a.vSwitch)!,
    };
  });
  return { attachments, ipConfig: container.ipConfig, hostsFile: container.hostsFile };
}

function sessionText(session: SessionFacts): string {
  switch (session.kind) {
    case 'utility-vm':
      return 'Hyper-V isolation: the container runs inside its own utility VM, so the host never sees its processes. It sees only the VM worker (vmwp.exe) and the VM memory (vmmem).';
    case 'host-session':
      return session.sessionId === null
        ? "Process isolation: the container's processes run on the host kernel, but their session could not be found in this bundle."
        : `Process isolation: the container's processes run on the host kernel in session ${session.sessionId}, with the same PIDs inside and on the host.`;
    case 'unknown':
      return 'The isolation mode could not be told from this bundle.';
  }
}

function lostOnRemovalText(disk: DiskFacts): string {
  const layer =
    disk.layerDir === null ? 'the writable layer' : `the writable layer (sandbox.vhdx in ${disk.layerDir})`;
  return disk.mounts === 0
    ? `Everything: this container has no mounts, so all it writes lives in ${layer} and is deleted with it.`
    : `Whatever it writes outside the ${disk.mounts === 1 ? 'mount' : `${disk.mounts} mounts`} below lives in ${layer} and is deleted with it.`;
}

function firewallRules(footprint: Footprint): readonly FirewallRuleView[] {
  return footprint.firewallRules.map((rule) => ({
    name: rule.name,
    displayName: rule.displayName,
    enabled: rule.enabled,
    direction: rule.direction,
    action: rule.action,
    protocol: rule.protocol,
    localPort: formatPorts(rule),
    profiles: rule.profiles,
    effect: ruleEffect(rule),
  }));
}

function reachPorts(container: Container): ContainerDetail['reach'] {
  const hostPorts = new Map<string, PortChoice>();
  const containerPorts = new Map<string, PortChoice>();
  for (const p of container.publishedPorts) {
    if (p.hostPort !== null) {
      hostPorts.set(`${p.hostPort}/${p.protocol}`, {
        port: p.hostPort,
        protocol: p.protocol,
        label: `${p.hostPort}/${p.protocol} -> container ${p.containerPort}`,
      });
    }
    containerPorts.set(`${p.containerPort}/${p.protocol}`, {
      port: p.containerPort,
      protocol: p.protocol,
      label: `${p.containerPort}/${p.protocol} (published)`,
    });
  }
  if (container.listeners?.kind === 'known') {
    for (const l of container.listeners.value) {
      const key = `${l.localPort}/${l.protocol}`;
      if (isListening(l) && !containerPorts.has(key)) {
        containerPorts.set(key, { port: l.localPort, protocol: l.protocol, label: `${key} (listening)` });
      }
    }
  }
  const byPort = (a: PortChoice, b: PortChoice): number =>
    a.port - b.port || a.protocol.localeCompare(b.protocol);
  return {
    hostPorts: [...hostPorts.values()].sort(byPort),
    containerPorts: [...containerPorts.values()].sort(byPort),
  };
}
