// Causes of an unreachable path, in words an admin acts on: what is wrong, the evidence, a fix with the real
// names and ports, and where the Windows fact comes from. Ids are the contract's (../shared/spec/diagnosis.md).

import type { Cause } from '../../shared/diagnosis';
import type {
  Container,
  FirewallProfileName,
  FirewallRule,
  HostProcess,
  NatStaticMapping,
} from '../../shared/model';
import {
  arg,
  commandFix,
  listenersCommand,
  psProfile,
  psProtocol,
  psQuote,
  recreateSteps,
  removeMappingCommand,
  stepsFix,
} from './commands';
import type { Publication } from './correlate';
import { isPolicyRule } from './firewall';
import { REF } from './references';

const portText = (port: number, protocol: 'tcp' | 'udp'): string => `${port}/${protocol}`;
const ruleText = (r: FirewallRule): string => `"${r.displayName ?? r.name}"`;
const list = (items: readonly string[], max = 3): string =>
  items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;

export function containerNotRunning(c: Container, role: 'target' | 'source', file: string): Cause {
  return {
    id: 'container-not-running',
    title:
      role === 'target' ? `Container ${c.name} is not running` : `Source container ${c.name} is not running`,
    explanation: `${file} shows ${c.name} in state "${c.state}". A container that is not running has no endpoint, no NAT mapping and no process to answer.`,
    fix: commandFix(`docker start ${arg(c.name)}; docker logs --tail 50 ${arg(c.name)}`),
    references: ['https://docs.docker.com/reference/cli/docker/container/start/'],
  };
}

export function noNetwork(c: Container, file: string): Cause {
  return {
    id: 'no-network',
    title: `Container ${c.name} has no network`,
    explanation: `${file} shows ${c.name} with network mode "${c.networkMode}" and no network endpoint, so nothing outside it can reach it. A container in network mode none cannot be connected later.`,
    fix: recreateSteps(c, 'attach a network to a container in network mode none'),
    references: [REF.networkDriversDoc],
  };
}

export function noSharedNetwork(target: Container, source: Container, file: string): Cause {
  const targetNets = target.networks.map((n) => n.name);
  const sourceNets = source.networks.map((n) => n.name);
  const join = targetNets[0];
  return {
    id: 'no-shared-network',
    title: `${source.name} and ${target.name} share no network`,
    explanation: `${file} puts ${target.name} on ${list(targetNets) || 'no network'} and ${source.name} on ${list(sourceNets) || 'no network'}. Containers reach each other only over a network they are both attached to.`,
    fix: commandFix(`docker network connect ${arg(join ?? 'nat')} ${arg(source.name)}`),
    references: [REF.dockerNetworkConnect, REF.networkDriversDoc],
  };
}

export function noPublishedPort(
  c: Container,
  port: number,
  protocol: 'tcp' | 'udp',
  publications: readonly Publication[],
  file: string,
): Cause {
  const published = publications.map((p) => `${p.hostPort}/${p.protocol} -> ${p.containerPort}`);
  const service = c.swarm?.serviceName;
  const elsewhere = publishedElsewhere(publications, port, protocol);
  const publish = service
    ? commandFix(
        `docker service update --publish-add published=${port},target=${port},protocol=${protocol} ${arg(service)}`,
      )
    : recreateSteps(c, `publish host port ${portText(port, protocol)}`);
  return {
    id: 'no-published-port',
    title: `Host port ${portText(port, protocol)} is not published for ${c.name}`,
    explanation: `${file} shows ${published.length === 0 ? `${c.name} publishes no port` : `${c.name} publishes ${list(published)}`}, not host port ${portText(port, protocol)}.${elsewhere ? ` Its container port ${portText(port, protocol)} is published on host port ${elsewhere.hostPort}: clients use that one.` : ''} Without a published port a container on a NAT network cannot be reached from outside the host.`,
    // Where the asked port is the container port, the answer is "use the other host port", not a change.
    fix: elsewhere
      ? stepsFix(
          `Connect to host port ${elsewhere.hostPort} instead: ${c.name} publishes its port ${portText(port, protocol)} there (${elsewhere.evidence.detail}).`,
          ...(publish.kind === 'command'
            ? [`Only if clients must use host port ${port}: ${publish.command}`]
            : publish.steps.map((step, i) =>
                i === 0 ? `Only if clients must use host port ${port}: ${step}` : step,
              )),
        )
      : publish,
    references: [REF.dockerRunPublish],
  };
}

/** A publication of the asked port as a container port on another host port: "did you mean 8081?" (issue 11). */
export function publishedElsewhere(
  publications: readonly Publication[],
  port: number,
  protocol: 'tcp' | 'udp',
): (Publication & { readonly hostPort: number }) | null {
  for (const p of publications)
    if (p.containerPort === port && p.protocol === protocol && p.hostPort !== null && p.hostPort !== port)
      return { ...p, hostPort: p.hostPort };
  return null;
}

export function natLoopbackUnsupported(
  c: Container,
  build: number,
  pub: Publication,
  ip: string | null,
  confirmed: boolean,
  file: string,
): Cause {
  return {
    id: 'nat-loopback-unsupported',
    title: confirmed
      ? `WinNAT on build ${build} does not loop localhost back to containers`
      : `WinNAT loopback on build ${build} is unconfirmed`,
    explanation: confirmed
      ? `${file} shows build ${build}. On builds 14393 and 16299 WinNAT has no loopback: the host itself cannot use localhost or its own address to reach a NAT-published port, while clients on other machines can. From the host, use the container's own address${ip ? ` ${ip}` : ''} and port ${pub.containerPort}.`
      : `${file} shows build ${build}. WinNAT loopback reached Insider builds in November 2017 and works from 17763; whether build ${build} has it is not confirmed, so localhost may not reach the container. The container's own address always works from the host.`,
    fix: commandFix(
      ip
        ? `Test-NetConnection -ComputerName ${ip} -Port ${pub.containerPort}`
        : `docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}' ${arg(c.name)}`,
    ),
    references: [REF.natLoopbackIssue, REF.natLoopbackIssue2, REF.natLoopbackForWin],
    confidence: confirmed ? 'certain' : 'likely',
  };
}

/**
 * Host-mode publishing binds the port once per node: a second task of the service on the same node cannot bind
 * it and stays pending (Docker docs, "Publish a port for TCP only or UDP only" / host mode; issue 11). A global
 * service runs one task per node, but a service's mode cannot be updated: that is a new service.
 */
export function hostModeCaveat(
  service: string,
  replicas: number | null,
  tasksHere: readonly string[],
  port: number,
): string | undefined {
  const instead = `Use a global service (one task per node: docker service create --mode global, since an update cannot change the mode) or publish a different port for the extra tasks.`;
  if (tasksHere.length > 1)
    return `This affects ${list(tasksHere)}: service ${service} runs ${tasksHere.length} tasks on this node, and in host mode only one of them can bind ${port} here; the others stay pending. ${instead}`;
  if (replicas !== null && replicas > 1)
    return `Service ${service} has ${replicas} replicas: in host mode two tasks placed on one node cannot both bind ${port}, and the second stays pending. ${instead}`;
  return undefined;
}

export function routingMeshUnsupported(
  service: string,
  build: number,
  pub: Publication,
  file: string,
  caveat?: string,
): Cause {
  return {
    id: 'routing-mesh-unsupported',
    title: `The swarm routing mesh does not work on build ${build}`,
    explanation: `${file} shows build ${build}; service ${service} publishes ${pub.hostPort}/${pub.protocol} in ingress mode. The ingress routing mesh needs build 16299 or later, so nothing answers on that port; publish in host mode instead (with --mode global for one task per node).`,
    fix: commandFix(
      `docker service update --publish-rm ${pub.hostPort} --publish-add mode=host,published=${pub.hostPort},target=${pub.containerPort},protocol=${pub.protocol} ${arg(service)}`,
      caveat,
    ),
    references: [REF.routingMeshDoc, REF.swarmHostMode, REF.routingMeshRegression2],
  };
}

export function natMappingMissing(c: Container, pub: Publication, file: string): Cause {
  return {
    id: 'nat-mapping-missing',
    title: `No WinNAT mapping for host port ${pub.hostPort}/${pub.protocol}`,
    explanation: `Docker reports ${c.name} publishing ${pub.hostPort}/${pub.protocol} -> ${pub.containerPort}, but ${file} holds no static mapping with external port ${pub.hostPort}. Without it WinNAT forwards nothing to the container; HNS creates the mapping when the endpoint starts, so restarting the container usually brings it back.`,
    fix: commandFix(
      `docker restart ${arg(c.name)}; Get-NetNatStaticMapping | Where-Object ExternalPort -eq ${pub.hostPort}`,
    ),
    references: [REF.portAlreadyExists, REF.networkDriversDoc],
  };
}

export function natMappingStale(
  c: Container,
  pub: Publication,
  mappings: readonly NatStaticMapping[],
  owners: ReadonlyMap<string, string>,
  file: string,
): Cause {
  const described = mappings.map(
    (m) =>
      `${m.externalPort} -> ${m.internalIp}:${m.internalPort} (${owners.get(m.internalIp) ?? 'no container has that address'})`,
  );
  const removals = mappings.map(removeMappingCommand);
  return {
    id: 'nat-mapping-stale',
    title: `The WinNAT mapping for ${pub.hostPort}/${pub.protocol} points elsewhere`,
    explanation: `${file} maps ${list(described)}, not to ${c.name} on port ${pub.containerPort}. A leftover mapping from a removed or recreated container takes the host port, and HNS then fails to add the right one ("port already exists").`,
    fix: commandFix(`${removals.join('; ')}; docker restart ${arg(c.name)}`),
    references: [REF.portAlreadyExists, REF.portAlreadyExists2, REF.removeNatMapping],
  };
}

export function hostPortConflict(
  c: Container,
  port: number,
  protocol: 'tcp' | 'udp',
  owners: readonly { readonly pid: number | null; readonly process: HostProcess | null }[],
  file: string,
): Cause {
  const who = owners.map((o) =>
    o.process
      ? `${o.process.name} (PID ${o.process.pid})`
      : o.pid === null
        ? 'an unknown process'
        : `PID ${o.pid}`,
  );
  const pid = owners.find((o) => o.pid !== null)?.pid;
  return {
    id: 'host-port-conflict',
    title: `A host process holds port ${portText(port, protocol)}`,
    explanation: `${file} shows ${list(who)} listening on ${portText(port, protocol)} on the host, the port ${c.name} publishes. The host process gets the traffic (or HNS cannot add the mapping), so stop it or publish the container on another port.`,
    fix: commandFix(
      pid === undefined
        ? listenersCommand(port, protocol)
        : `Get-Process -Id ${pid}; Stop-Process -Id ${pid}`,
    ),
    references: [REF.portAlreadyExists2, REF.portInUseForWin],
  };
}

const INTERNAL_PORT_NOTE =
  'For a process-isolated container Windows matches firewall rules against the container port, not the published host port (Windows-Containers#561).';

/** Disabling a rule where it lives: a group policy's rule in that GPO (then a policy refresh), a local one here. */
function disableRule(r: FirewallRule): string {
  if (isPolicyRule(r) && r.policyStoreSource?.includes('\\')) {
    return `Disable-NetFirewallRule -PolicyStore ${psQuote(r.policyStoreSource)} -Name ${psQuote(r.name)}; gpupdate /force`;
  }
  return `Disable-NetFirewallRule -Name ${psQuote(r.name)}`;
}

export function firewallBlockedByRule(
  c: Container,
  port: number,
  protocol: 'tcp' | 'udp',
  rules: readonly FirewallRule[],
  internal: boolean,
  file: string,
): Cause {
  const policies = [...new Set(rules.filter(isPolicyRule).map((r) => r.policyStoreSource ?? 'group policy'))];
  return {
    id: 'firewall-blocked',
    title: `Firewall rule ${ruleText(rules[0]!)} blocks ${portText(port, protocol)}`,
    explanation: `${file} holds enabled inbound block rule${rules.length > 1 ? 's' : ''} ${list(rules.map(ruleText))} matching ${portText(port, protocol)} for ${c.name}. A block rule wins over every allow rule.${policies.length > 0 ? ` It comes from group policy (${list(policies)}): change it there, a local change is overwritten.` : ''}${internal ? ` ${INTERNAL_PORT_NOTE}` : ''}`,
    fix: commandFix(rules.map(disableRule).join('; ')),
    references: [REF.newFirewallRule, ...(internal ? [REF.firewallInternalPort] : [])],
  };
}

export function firewallNoAllow(
  c: Container,
  port: number,
  protocol: 'tcp' | 'udp',
  profiles: readonly FirewallProfileName[],
  disabledAllow: readonly FirewallRule[],
  internal: boolean,
  file: string,
  why: 'default-block' | 'container-default',
): Cause {
  const names = profiles.map(psProfile);
  const disabled =
    disabledAllow.length > 0
      ? ` Allow rule${disabledAllow.length > 1 ? 's' : ''} ${list(disabledAllow.map(ruleText))} would match but ${disabledAllow.length > 1 ? 'are' : 'is'} disabled.`
      : '';
  const reason =
    why === 'default-block'
      ? `no enabled inbound allow rule matches ${portText(port, protocol)} in the ${names.join('/')} profile, whose default inbound action is block`
      : `no enabled inbound allow rule matches ${portText(port, protocol)}, and on this build a process-isolated container denies inbound traffic by default`;
  return {
    id: 'firewall-blocked',
    title: `No firewall rule allows ${portText(port, protocol)} in`,
    explanation: `${file}: ${reason}.${disabled}${internal ? ` ${INTERNAL_PORT_NOTE}` : ''}`,
    fix: commandFix(
      disabledAllow.length > 0
        ? disabledAllow.map((r) => `Enable-NetFirewallRule -Name ${psQuote(r.name)}`).join('; ')
        : `New-NetFirewallRule -DisplayName ${psQuote(`Allow ${c.name} ${port}/${protocol}`)} -Direction Inbound -Action Allow -Protocol ${psProtocol(protocol)} -LocalPort ${port} -Profile ${names.join(',')}`,
    ),
    references: [
      REF.newFirewallRule,
      ...(internal ? [REF.firewallInternalPort, REF.firewallProcessPorts] : []),
      ...(why === 'container-default' ? [REF.networkIsolationDoc] : []),
    ],
  };
}

export function firewallLocalRulesIgnored(
  profiles: readonly FirewallProfileName[],
  ignored: readonly FirewallRule[],
  file: string,
): Cause {
  const names = profiles.map(psProfile);
  return {
    id: 'firewall-local-rules-ignored',
    title: `Group policy ignores local firewall rules (${names.join(', ')})`,
    explanation: `${file} shows AllowLocalFirewallRules False for the ${names.join('/')} profile: a group policy applies only its own rules, so the allow rules HNS and Docker create on the host${ignored.length > 0 ? ` (${list(ignored.map(ruleText))})` : ''} have no effect. Containers also lose DHCP and DNS this way.`,
    fix: stepsFix(
      `In the GPO that applies to this host set Windows Defender Firewall > ${names.join('/')} profile > Settings > "Apply local firewall rules" to Yes (or add the allow rule to the GPO).`,
      'Then on the host: gpupdate /force; Get-NetFirewallProfile -PolicyStore ActiveStore | Select-Object Name, AllowLocalFirewallRules',
    ),
    references: [REF.localRulesIgnored, REF.localRulesIgnored2, REF.firewallProfile],
  };
}

export function notListening(
  c: Container,
  port: number,
  protocol: 'tcp' | 'udp',
  loopbackOnly: readonly string[],
  file: string,
): Cause {
  return {
    id: 'not-listening-in-container',
    title:
      loopbackOnly.length > 0
        ? `${c.name} listens on ${portText(port, protocol)} only on loopback`
        : `Nothing listens on ${portText(port, protocol)} in ${c.name}`,
    explanation:
      loopbackOnly.length > 0
        ? `${file} (netstat inside the container) shows ${portText(port, protocol)} bound to ${list(loopbackOnly)} only: traffic from outside the container never reaches it. Bind the service to 0.0.0.0.`
        : `${file} (netstat inside the container) shows nothing listening on ${portText(port, protocol)}. The path to the container works, but no process answers: the service is stopped, crashed, or listens on another port.`,
    fix: commandFix(`docker exec ${arg(c.name)} netstat -ano; docker logs --tail 50 ${arg(c.name)}`),
    references: ['https://docs.docker.com/reference/cli/docker/container/exec/'],
  };
}
