// Causes of an unreachable path, in words an admin acts on: what is wrong, the evidence, a fix with the real
// names and ports, and where the Windows fact comes from. Ids are the contract's (../shared/spec/diagnosis.md).

import type { Cause } from '../../shared/diagnosis';
import type { CapabilityStatus } from '../../shared/views';
import type {
  Container,
  ExcludedPortRange,
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
import { hostPortText, namesHostIp, type Publication } from './footprint';
import { isPolicyRule } from './firewall';
import { REF } from './references';
import { reservedPortCommand } from './reserved-ports';

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

/** The source container a question names is not in the bundle: list what is there. */
export function sourceNotFound(ref: string, file: string): Cause {
  return {
    id: 'source-not-found',
    title: `No container "${ref}" in this bundle`,
    explanation: `${file} holds no container with that name, id or id prefix.`,
    fix: commandFix('docker ps -a --format "{{.ID}} {{.Names}}"'),
    references: [],
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

/** A port asked about and the file that shows what happens to it, named as evidence. */
interface PortCauseOptions {
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
  readonly file: string;
}

export interface NoPublishedPortOptions extends PortCauseOptions {
  /** Every publication of the container, to list and to find the asked port published elsewhere. */
  readonly publications: readonly Publication[];
}

export function noPublishedPort(c: Container, options: NoPublishedPortOptions): Cause {
  const { port, protocol, publications, file } = options;
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

export interface NatLoopbackOptions {
  readonly build: number;
  readonly publication: Publication;
  /** The container's own address, to use from the host instead; null where none is known. */
  readonly ip: string | null;
  /** Whether the build lacks loopback (`no`) or is not known to have it (`unknown`): natLoopback's answer. */
  readonly loopback: Exclude<CapabilityStatus, 'yes'>;
  readonly file: string;
}

export function natLoopbackUnsupported(c: Container, options: NatLoopbackOptions): Cause {
  const { build, publication: pub, ip, file } = options;
  const confirmed = options.loopback === 'no';
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
export interface HostModeCaveatOptions {
  readonly service: string;
  /** The service's replica count; null where it is global or unknown. */
  readonly replicas: number | null;
  /** The names of its tasks on this node. */
  readonly tasksHere: readonly string[];
  readonly port: number;
}

export function hostModeCaveat(options: HostModeCaveatOptions): string | undefined {
  const { service, replicas, tasksHere, port } = options;
  const instead = `Use a global service (one task per node: docker service create --mode global, since an update cannot change the mode) or publish a different port for the extra tasks.`;
  if (tasksHere.length > 1)
    return `This affects ${list(tasksHere)}: service ${service} runs ${tasksHere.length} tasks on this node, and in host mode only one of them can bind ${port} here; the others stay pending. ${instead}`;
  if (replicas !== null && replicas > 1)
    return `Service ${service} has ${replicas} replicas: in host mode two tasks placed on one node cannot both bind ${port}, and the second stays pending. ${instead}`;
  return undefined;
}

export interface RoutingMeshUnsupportedOptions {
  readonly service: string;
  readonly build: number;
  readonly publication: Publication;
  readonly file: string;
  /** hostModeCaveat's warning about the host-mode fix, where it has one. */
  readonly caveat?: string;
}

export function routingMeshUnsupported(options: RoutingMeshUnsupportedOptions): Cause {
  const { service, build, publication: pub, file, caveat } = options;
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

/**
 * No mapping for a published port. `hns` is what the container's HNS endpoint holds instead, `'held'` where HNS
 * holds the policy but WinNAT (which realises it on this host) has no mapping, or null where HNS was not read;
 * `winNat` what WinNAT maps for the port, shown beside HNS where the two disagree.
 */
export interface NatMappingMissingOptions {
  readonly publication: Publication;
  readonly file: string;
  readonly hns: string | 'held' | null;
  readonly winNat: readonly NatStaticMapping[];
}

export function natMappingMissing(c: Container, options: NatMappingMissingOptions): Cause {
  const { publication: pub, file, hns, winNat } = options;
  const docker = `Docker reports ${c.name} publishing ${pub.hostPort}/${pub.protocol} -> ${pub.containerPort}`;
  const ip = c.networks.find((n) => n.ip)?.ip?.replace(/\/.*$/, '') ?? '';
  const fromWinNat = hns === null || hns === 'held';
  const both =
    winNat.length > 0
      ? ` WinNAT still maps ${list(winNat.map((m) => `${m.externalPort} -> ${m.internalIp}:${m.internalPort}`))}: the two disagree.`
      : '';
  return {
    id: 'nat-mapping-missing',
    title: fromWinNat
      ? `No WinNAT mapping for host port ${pub.hostPort}/${pub.protocol}`
      : `${c.name}'s HNS endpoint has no NAT policy for ${pub.hostPort}/${pub.protocol} -> ${pub.containerPort}`,
    explanation: fromWinNat
      ? `${docker}${hns === 'held' ? ' and its HNS endpoint holds the NAT policy' : ''}, but ${file} holds no static mapping with external port ${pub.hostPort}, on a host whose WinNAT holds the other containers' mappings${hns === 'held' ? ': HNS and WinNAT disagree' : ''}. Nothing forwards the port to the container; HNS adds the mapping when the endpoint starts, so restarting the container usually brings it back.`
      : `${docker}, but ${hns} (${file}). HNS forwards a published port only through a NAT policy on the container's endpoint, so nothing reaches it; restarting the container makes Docker add the policy again.${both}`,
    fix: commandFix(
      `docker restart ${arg(c.name)}; ${fromWinNat ? `Get-NetNatStaticMapping | Where-Object ExternalPort -eq ${pub.hostPort}` : `Get-HnsEndpoint | Where-Object IPAddress -eq ${psQuote(ip)} | Select-Object -ExpandProperty Policies`}`,
    ),
    references: [REF.portAlreadyExists, REF.winNatInvisible, REF.networkDriversDoc],
  };
}

export interface NatMappingStaleOptions {
  readonly publication: Publication;
  /** The WinNAT mappings of the host port, none of them to this container. */
  readonly mappings: readonly NatStaticMapping[];
  /** Container names by address, to say whose address a mapping points at. */
  readonly owners: ReadonlyMap<string, string>;
  readonly file: string;
}

export function natMappingStale(c: Container, options: NatMappingStaleOptions): Cause {
  const { publication: pub, mappings, owners, file } = options;
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

export interface HostPortConflictOptions extends PortCauseOptions {
  /** The host processes listening on the port. */
  readonly owners: readonly { readonly pid: number | null; readonly process: HostProcess | null }[];
}

export function hostPortConflict(c: Container, options: HostPortConflictOptions): Cause {
  const { port, protocol, owners, file } = options;
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

/** What every firewall cause names: the port asked, and where the rules came from. */
interface FirewallCauseOptions {
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
  /** The rules match the container port, not the published host port (Windows-Containers#561). */
  readonly internal: boolean;
  /** The firewall rules file, named as evidence. */
  readonly file: string;
}

export interface FirewallBlockedByRuleOptions extends FirewallCauseOptions {
  /** The enabled inbound block rules that match. */
  readonly rules: readonly FirewallRule[];
}

export function firewallBlockedByRule(c: Container, options: FirewallBlockedByRuleOptions): Cause {
  const { port, protocol, rules, internal, file } = options;
  const policies = [...new Set(rules.filter(isPolicyRule).map((r) => r.policyStoreSource ?? 'group policy'))];
  return {
    id: 'firewall-blocked',
    title: `Firewall rule ${ruleText(rules[0]!)} blocks ${portText(port, protocol)}`,
    explanation: `${file} holds enabled inbound block rule${rules.length > 1 ? 's' : ''} ${list(rules.map(ruleText))} matching ${portText(port, protocol)} for ${c.name}. A block rule wins over every allow rule.${policies.length > 0 ? ` It comes from group policy (${list(policies)}): change it there, a local change is overwritten.` : ''}${internal ? ` ${INTERNAL_PORT_NOTE}` : ''}`,
    fix: commandFix(rules.map(disableRule).join('; ')),
    references: [REF.newFirewallRule, ...(internal ? [REF.firewallInternalPort] : [])],
  };
}

export interface FirewallNoAllowOptions extends FirewallCauseOptions {
  /** The profiles whose default inbound action blocked it. */
  readonly profiles: readonly FirewallProfileName[];
  /** Allow rules that would match but are disabled. */
  readonly disabledAllow: readonly FirewallRule[];
  /** The profile's default block, or (process isolation on 2019+) the container's own default deny. */
  readonly why: 'default-block' | 'container-default';
}

export function firewallNoAllow(c: Container, options: FirewallNoAllowOptions): Cause {
  const { port, protocol, profiles, disabledAllow, internal, file, why } = options;
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

export interface NotListeningOptions extends PortCauseOptions {
  /** The loopback addresses the port is bound to inside the container; empty where nothing listens. */
  readonly loopbackOnly: readonly string[];
}

export function notListening(c: Container, options: NotListeningOptions): Cause {
  const { port, protocol, loopbackOnly, file } = options;
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

export interface NetworkMissingOptions {
  /** The container's attachments to networks the engine no longer holds. */
  readonly gone: readonly Container['networks'][number][];
  readonly file: string;
  /** The networks that exist now, by lower-case name. */
  readonly byName: ReadonlyMap<string, { readonly id: string; readonly name: string }>;
}

export function networkMissing(c: Container, options: NetworkMissingOptions): Cause {
  const { gone, file, byName } = options;
  const now = gone.map((n) => byName.get(n.name.toLowerCase())).find((n) => n !== undefined);
  // Docker matches a stopped container's record of a network by the name it keeps for it, never by a vanished id
  // (moby daemon/container_operations.go, DisconnectFromNetwork): the old id would answer "not connected". --force
  // drops only that record; no container or network is removed (catalogue 12).
  const name = arg(gone[0]!.name);
  const verify = `Verify first that ${c.name} is stopped (docker inspect -f '{{.State.Status}}' ${arg(c.name)}) and that docker network ls --no-trunc holds no network with id ${gone[0]!.networkId ?? 'the old id'}.`;
  return {
    id: 'network-missing',
    title: `${c.name} refers to a network that no longer exists`,
    explanation: `${c.name} is attached to ${list(gone.map((n) => `${n.name} (${n.networkId ?? 'no id'})`))}, which ${file} does not hold${now ? `; a network named ${now.name} exists now with id ${now.id}` : ''}. After a reboot Windows may recreate the nat network under a new id (older engines kept the old one): the container cannot start ("network ... not found").`,
    fix: now
      ? commandFix(
          `docker network disconnect --force ${name} ${arg(c.name)}; docker network connect ${arg(now.name)} ${arg(c.name)}; docker start ${arg(c.name)}`,
          `${verify} The disconnect drops only ${c.name}'s record of the vanished network, by the name it keeps for it; nothing is removed or recreated.`,
        )
      : stepsFix(
          verify,
          `Drop ${c.name}'s record of the vanished network by the name it keeps for it (docker network disconnect --force ${name} ${arg(c.name)}; the old id would not match), connect it to a network that exists (docker network ls; docker network connect <network> ${arg(c.name)}) and start it (docker start ${arg(c.name)}). Nothing is removed or recreated.`,
        ),
    references: [REF.networkMissing, REF.networkMissing2, REF.networkDisconnectForce],
  };
}

export function hnsEndpointMissing(c: Container, reason: string, file: string): Cause {
  return {
    id: 'hns-endpoint-missing',
    title: `HNS holds no endpoint for ${c.name}`,
    explanation: `Docker shows ${c.name} running with an address, but ${file} has ${reason}: HNS lost the endpoint (a crashed or restarted hns service, or HNS state out of step after a reboot or update). Without it no packet reaches the container.`,
    fix: commandFix(`Get-Service hns, vmcompute | Select-Object Name, Status; docker restart ${arg(c.name)}`),
    references: [REF.hnsCrash, REF.hnsCrash2, REF.hnsStateCorrupt],
  };
}

export interface PortReservedOptions extends PortCauseOptions {
  /** The excluded range the host port lies in. */
  readonly range: ExcludedPortRange;
}

export function portReserved(c: Container, options: PortReservedOptions): Cause {
  const { port, protocol, range, file } = options;
  return {
    id: 'port-reserved',
    title: `Host port ${portText(port, protocol)} lies in the excluded range ${range.start}-${range.end}`,
    explanation: `${file} lists ${range.start}-${range.end}${range.administered ? ' (administered, persistent)' : ''} among the ${range.family} ${range.protocol} excluded port ranges, and ${c.name} publishes ${portText(port, protocol)} inside it. Nothing can bind a reserved port ("Ports are not available", "access a socket in a way forbidden"): the mapping is refused and the container does not start, while netstat shows nothing on the port. Hyper-V and WinNAT reserve such blocks and move them on reboot.`,
    fix: commandFix(
      reservedPortCommand(range, port),
      'Stopping winnat cuts NAT for every container on this host until it starts again; then start the container.',
    ),
    references: [REF.portReserved, REF.portReserved2, REF.portReservedKb],
  };
}

/** One host port and no host IP, for `-p`: the only form the Windows NAT driver accepts (a range keeps its first port). */
function publishArgs(pubs: readonly Publication[]): string {
  return pubs
    .map(
      (p) =>
        `--publish ${p.hostPort ?? p.containerPort}:${p.containerPort}${p.protocol === 'udp' ? '/udp' : ''}`,
    )
    .join(' ');
}

export function portPublishRefused(c: Container, pubs: readonly Publication[], file: string): Cause {
  const bindings = pubs.map((p) => `${p.hostIp}:${hostPortText(p)} -> ${p.containerPort}/${p.protocol}`);
  const ranged = pubs.some((p) => p.hostPortRange !== undefined);
  const withIp = pubs.some(namesHostIp);
  const what = [
    ...(withIp
      ? ['a binding that names a host IP ("Windows does not support host IP addresses in NAT settings")']
      : []),
    ...(ranged
      ? ['a range of host ports ("Windows does not support more than one host port in NAT settings")']
      : []),
  ];
  return {
    id: 'port-publish-refused',
    title: `Windows refuses ${c.name}'s port binding${pubs.length > 1 ? 's' : ''} ${list(bindings)}`,
    explanation: `${file} shows ${c.name} publishing ${list(bindings)}: ${what.join(' and ')}. The Windows NAT driver refuses it and the container does not start${withIp ? '; "-p 127.0.0.1:..." is not "published for the host alone" on Windows' : ''}. Publish one host port without a host IP${withIp ? ' and limit who may connect with a firewall rule (RemoteAddress)' : ''}.`,
    fix: stepsFix(
      `Docker cannot change the port bindings of an existing container: in the compose file or deployment script of ${c.name}, publish ${publishArgs(pubs)} (${ranged ? 'one host port' : ''}${ranged && withIp ? ', ' : ''}${withIp ? 'no host IP' : ''}) and bring it up from there, carrying over its networks, mounts, environment and restart policy.`,
      ...(withIp
        ? [
            `To keep other clients out, allow only yours: New-NetFirewallRule -DisplayName ${psQuote(`${c.name} clients`)} -Direction Inbound -Action Allow -Protocol ${psProtocol(pubs[0]!.protocol)} -LocalPort ${pubs[0]!.containerPort} -RemoteAddress <client addresses>`,
          ]
        : []),
    ),
    references: [REF.hostIpBinding, REF.hostIpBinding2, REF.dockerRunPublish],
  };
}

// ---- outbound (../shared/spec/diagnosis.md, section 4) ------------------------------------------

export function noEgressPath(c: Container, networks: readonly string[], build: number, file: string): Cause {
  return {
    id: 'no-egress-path',
    title: `${c.name} is only on an overlay network: it has no path to the host or out`,
    explanation: `${file} puts ${c.name} only on ${list(networks)} (overlay). An overlay-only container has no external path on Windows${build < 17763 ? ` (build ${build})` : ''}: it needs a second endpoint on a nat network to reach the host or the internet.`,
    fix: commandFix(`docker network connect nat ${arg(c.name)}`),
    references: [REF.networkDriversDoc, REF.overlayOnly, REF.overlayNoEgress],
    ...(build >= 17763 ? { confidence: 'likely' as const } : {}),
  };
}

export interface NatGatewayMissingOptions {
  readonly network: string;
  readonly subnets: readonly string[];
  readonly file: string;
}

export function natGatewayMissing(c: Container, options: NatGatewayMissingOptions): Cause {
  const { network, subnets, file } = options;
  return {
    id: 'nat-gateway-missing',
    title: `The host holds no address on ${network}`,
    explanation: `${file} lists no host address inside ${list(subnets)}, the subnet of ${network} that ${c.name} is on. The nat network's gateway lives on the host's vEthernet adapter; without it the container reaches neither the host nor anything beyond (the vSwitch or the HNS internal NIC is broken, or was edited in Hyper-V Manager).`,
    fix: commandFix(
      `Get-NetIPAddress -InterfaceAlias 'vEthernet (*)' | Select-Object InterfaceAlias, IPAddress; Restart-Service hns; Restart-Service docker`,
      'Restarting hns and docker drops every container connection on this host for a moment.',
    ),
    references: [REF.natPlumbingBroken, REF.natPlumbingBroken2],
  };
}

/** A host service a container asks for (outbound to `host`), as the host's listeners show it. */
export interface HostServiceOptions {
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
  /** The local addresses it listens on for that port; empty where nothing listens. */
  readonly addresses: readonly string[];
  /** The host's address on the container's network, where the connection arrives; null where unknown. */
  readonly hostAddress: string | null;
  /** The listeners file, named as evidence. */
  readonly file: string;
}

export function hostServiceLoopbackOnly(
  options: HostServiceOptions & { readonly owner: HostProcess | null },
): Cause {
  const { port, protocol, addresses, owner, hostAddress, file } = options;
  return {
    id: 'host-service-loopback-only',
    title: `The host service on ${portText(port, protocol)} listens on loopback only`,
    explanation: `${file} shows ${owner ? `${owner.name} (PID ${owner.pid})` : 'the host service'} bound to ${list(addresses)} on ${portText(port, protocol)}. A container reaches the host on the host's address on the container network${hostAddress ? ` (${hostAddress})` : ''}, never on the host's loopback: bind the service to 0.0.0.0 or to that address.`,
    fix: stepsFix(
      `See the binding: ${listenersCommand(port, protocol)} | Select-Object LocalAddress, OwningProcess`,
      `Configure the service to listen on 0.0.0.0${hostAddress ? ` or on ${hostAddress}` : ''} (its own setting: a bind address, "listen" or "urls" option), then restart it.`,
    ),
    references: [REF.containerToHost, REF.containerToHost2],
  };
}

export function hostServiceNotListening(options: HostServiceOptions): Cause {
  const { port, protocol, addresses, hostAddress, file } = options;
  return {
    id: 'host-service-not-listening',
    title:
      addresses.length > 0
        ? `The host service on ${portText(port, protocol)} listens only on ${list(addresses)}`
        : `Nothing on the host listens on ${portText(port, protocol)}`,
    explanation:
      addresses.length > 0
        ? `${file} shows ${portText(port, protocol)} bound to ${list(addresses)} only, not to ${hostAddress ?? "the host's address on the container network"}, where a container's connection arrives. Bind the service to 0.0.0.0 or add that address.`
        : `${file} shows nothing on the host listening on ${portText(port, protocol)}: the service is stopped or listens on another port.`,
    fix: commandFix(`${listenersCommand(port, protocol)} | Select-Object LocalAddress, OwningProcess`),
    references: [REF.containerToHost],
  };
}

/** The host firewall's verdict on a container's connection to the host, in the words of the outbound question. */
export interface HostFirewallBlocksContainerOptions {
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
  /** The container network's subnets, the remote addresses an allow rule names. */
  readonly subnets: readonly string[];
  /** The inbound firewall cause, reworded here for the outbound question. */
  readonly found: Cause;
}

export function hostFirewallBlocksContainer(
  c: Container,
  options: HostFirewallBlocksContainerOptions,
): Cause {
  const { port, protocol, subnets, found } = options;
  const from = subnets.length > 0 ? subnets.join(',') : null;
  return {
    ...found,
    id: 'host-firewall-blocks-container',
    title: `The host firewall drops ${portText(port, protocol)} from ${c.name}`,
    explanation: `${found.explanation} Traffic from a container to the host arrives on the container network's vEthernet adapter and is filtered like any inbound connection (the "Container Enable ICC" rule of 2016 does not always match, moby#34526).`,
    fix:
      found.fix.kind === 'command' && found.fix.command.startsWith('New-NetFirewallRule')
        ? commandFix(
            `New-NetFirewallRule -DisplayName ${psQuote(`Allow containers to host ${port}/${protocol}`)} -Direction Inbound -Action Allow -Protocol ${psProtocol(protocol)} -LocalPort ${port}${from ? ` -RemoteAddress ${from}` : ''}`,
          )
        : found.fix,
    references: [...found.references, REF.iccRule, REF.containerToHost],
  };
}

export interface HostAliasMissingOptions {
  readonly alias: string;
  /** The host's address on the container's network; null where unknown. */
  readonly hostAddress: string | null;
  readonly file: string;
}

export function hostAliasMissing(c: Container, options: HostAliasMissingOptions): Cause {
  const { alias, hostAddress, file } = options;
  const address = hostAddress ?? '<the nat gateway>';
  return {
    id: 'host-alias-missing',
    title: `${alias} is not in ${c.name}'s hosts file${hostAddress ? ` as ${hostAddress}` : ''}`,
    explanation: `${file} (the hosts file inside ${c.name}) has no entry for ${alias} pointing at the host's address on its network. Docker Desktop writes the name into the host's hosts file and its Linux VM's DNS; a Windows container gets neither, so the name does not resolve (or resolves to a stale address).`,
    fix: commandFix(
      `docker exec ${arg(c.name)} powershell -Command "Add-Content -Path C:\\Windows\\System32\\drivers\\etc\\hosts -Value '${address} ${alias}'"`,
      'The entry lasts as long as the container; for new containers pass --add-host in their run command or compose file.',
    ),
    references: [REF.hostAliasMissing, REF.containerToHost],
  };
}

export interface NatPrefixOverlapTargetOptions {
  /** The destination address, inside the network's prefix. */
  readonly address: string;
  readonly network: string;
  readonly subnet: string;
  readonly file: string;
}

export function natPrefixOverlapTarget(c: Container, options: NatPrefixOverlapTargetOptions): Cause {
  const { address, network, subnet, file } = options;
  return {
    id: 'nat-prefix-overlap',
    title: `${address} lies inside ${network}'s prefix ${subnet}`,
    explanation: `${file} gives ${network} the subnet ${subnet}, which holds ${address}. ${c.name} treats that address as a neighbour on its own network and never sends the packet out: a server on the LAN or behind a VPN in that range cannot be reached. Move the nat network to a prefix nothing else uses.`,
    fix: stepsFix(
      'Pick a prefix that no LAN, VPN or host route uses (Get-NetRoute -AddressFamily IPv4 lists them).',
      `Create a nat network there (docker network create -d nat --subnet <free prefix> <name>) and connect ${c.name} to it (docker network connect <name> ${c.name}); on Server 2016 only one nat network is supported: set "fixed-cidr" in daemon.json instead, which applies when Docker next creates its nat network.`,
    ),
    references: [REF.natPrefixOverlap, REF.natPrefixOverlap2],
  };
}
