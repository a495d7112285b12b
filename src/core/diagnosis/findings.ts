// What is wrong on this host (../shared/spec/diagnosis.md, section 3). Each check fires only on evidence it
// can name; a part that was not collected gives no finding rather than a guess.

import type { Cause, Evidence, Explanation, Finding, Hop, Severity } from '../../shared/diagnosis';
import { SEVERITIES } from '../../shared/diagnosis';
import type { Container, HostModel, NatStaticMapping } from '../../shared/model';
import { addressInEntry, bareAddress } from './addresses';
import {
  arg,
  commandFix,
  listenersCommand,
  psProtocol,
  psQuote,
  removeMappingCommand,
  stepsFix,
} from './commands';
import { hostModeCaveat } from './causes';
import { correlate, type Correlation } from './correlate';
import { processLabel, refusedByNat, type Footprint, type Publication } from './footprint';
import { networkDrivers } from './host-index';
import { findings11 } from './findings-1-1';
import { containerCompatibility, hostBuildOf, matchingTag } from './image-compatibility';
import { natMappingHop } from './hops';
import { decideInbound, externalProfiles } from './firewall';
import { flagKey, serviceFlags, splitCommandLine } from './dockerd-flags';
import { containerListPartial, evidenceFrom, listOf } from './known';
import { containerSubject, HOST_SUBJECT, serviceSubject } from './subjects';
import { reachabilityMatrix } from './matrix';
import { unreachableFindings } from './reach-summary';
import { REF } from './references';
import { BUILD, MIN_UBR_14393, supportedBuild } from './windows-builds';

const list = (items: readonly string[], max = 4): string =>
  items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;

// ---- the engine's API and configuration --------------------------------------------------------

/** A tcp:// address that is not loopback: `tcp://0.0.0.0:2375`, `tcp://:2375`, `tcp://10.0.0.5:2375`. */
function exposedTcp(address: string): boolean {
  const m = /^tcp:\/\/(\[[^\]]*\]|[^:/]*)(?::\d+)?/i.exec(address.trim());
  if (!m) return false;
  const host = (m[1] ?? '').replace(/^\[|\]$/g, '').toLowerCase();
  return !(host === 'localhost' || host === '::1' || host.startsWith('127.'));
}

interface EngineApiClient {
  readonly container: Container;
  readonly evidence: Evidence;
}

/**
 * Containers seen connected to the engine's TCP port: a tool such as Portainer that manages Docker over
 * tcp://<nat gateway>:2375 (catalogue 17, 18). A firewall block on that port cuts them off, so the fix names
 * them (issue 11). Seen from the host's TCP table or from the container's own netstat.
 */
function engineApiClients(model: HostModel, c: Correlation, ports: readonly number[]): EngineApiClient[] {
  const found = new Map<string, EngineApiClient>();
  const established = (state: string | null): boolean => state?.toLowerCase() === 'established';
  for (const t of listOf(model.tcp)) {
    if (!ports.includes(t.localPort) || !established(t.state) || t.remoteAddress === null) continue;
    for (const holder of c.containersByIp.get(bareAddress(t.remoteAddress)) ?? []) {
      if (found.has(holder.id)) continue;
      const detail = `${t.remoteAddress}:${t.remotePort ?? '?'} -> ${t.localAddress}:${t.localPort} Established`;
      found.set(holder.id, { container: holder, evidence: evidenceFrom(model.tcp.source, detail) });
    }
  }
  for (const container of c.containers) {
    if (found.has(container.id) || container.listeners?.kind !== 'known') continue;
    const link = container.listeners.value.find(
      (l) => l.remotePort !== null && ports.includes(l.remotePort) && established(l.state),
    );
    if (link === undefined) continue;
    const detail = `${container.name}: ${link.localAddress}:${link.localPort} -> ${link.remoteAddress ?? '?'}:${link.remotePort} Established`;
    found.set(container.id, { container, evidence: evidenceFrom(container.listeners.source, detail) });
  }
  return [...found.values()];
}

function dockerApiUnencrypted(model: HostModel, c: Correlation): Finding[] {
  const evidence: Evidence[] = [];
  const exposed: string[] = [];
  const config = model.daemonConfig.kind === 'known' ? model.daemonConfig.value : null;
  const service = model.dockerService.kind === 'known' ? model.dockerService.value : null;
  const flags = service?.pathName ? serviceFlags(service.pathName) : [];
  const tlsFlag = flags.some((f) => (f.flag === '--tls' || f.flag === '--tlsverify') && f.value !== 'false');
  if (config?.tls === true || tlsFlag) return [];
  if (config) {
    const hosts = config.hosts.filter(exposedTcp);
    if (hosts.length > 0) {
      exposed.push(...hosts);
      evidence.push(evidenceFrom(model.daemonConfig.source, `"hosts": ${JSON.stringify(config.hosts)}`));
    }
  }
  const fromService = flags
    .filter((f) => flagKey(f.flag) === 'hosts' && f.value !== null && exposedTcp(f.value))
    .map((f) => f.value!);
  if (fromService.length > 0 && service) {
    exposed.push(...fromService);
    evidence.push(evidenceFrom(model.dockerService.source, `PathName ${service.pathName}`));
  }
  if (exposed.length === 0) return [];
  const ports = [...new Set(exposed.map((h) => Number(/:(\d+)\s*$/.exec(h)?.[1] ?? 2375)))];
  for (const port of ports) {
    for (const t of c.tcpListenersByPort.get(port) ?? []) {
      const p = t.owningProcess === null ? undefined : c.processByPid.get(t.owningProcess);
      evidence.push(
        evidenceFrom(
          model.tcp.source,
          `${t.localAddress}:${t.localPort} Listen${p ? ` by ${processLabel(p)}` : ''}`,
        ),
      );
    }
  }
  const clients = engineApiClients(model, c, ports);
  evidence.push(...clients.map((client) => client.evidence));
  const secure =
    'Then in daemon.json replace the tcp:// host with "npipe://", or enable "tlsverify" with certificates on 2376, and Restart-Service docker.';
  const cutOff =
    clients.length === 0
      ? ''
      : `This also cuts off ${list(clients.map((client) => client.container.name))}, which ${clients.length > 1 ? 'use' : 'uses'} the engine API over TCP: move ${clients.length > 1 ? 'them' : 'it'} first, to the named pipe (-v \\\\.\\pipe\\docker_engine:\\\\.\\pipe\\docker_engine, build 16299 or later) or to TLS on 2376 with a client certificate (named pipes cannot be mounted on build 14393). `;
  return [
    {
      id: 'docker-api-unencrypted',
      severity: 'critical',
      title: `The Docker API listens on ${list(exposed)} without TLS`,
      detail: `Anyone who can reach ${list(ports.map((p) => `TCP ${p}`))} on this host can run containers as SYSTEM: the engine listens on a non-loopback TCP address and no TLS is configured.`,
      subjects: [HOST_SUBJECT],
      evidence,
      fix: commandFix(
        ports
          .map(
            (p) =>
              `New-NetFirewallRule -DisplayName ${psQuote(`Block Docker API ${p}`)} -Direction Inbound -Action Block -Protocol TCP -LocalPort ${p}`,
          )
          .join('; '),
        `${cutOff}${secure}`,
      ),
      references: [
        REF.dockerApiProtect,
        REF.dockerDaemonDoc,
        ...(clients.length > 0 ? [REF.engineApiTls] : []),
      ],
    },
  ];
}

function daemonConfigConflict(model: HostModel): Finding[] {
  if (
    model.daemonConfig.kind !== 'known' ||
    model.daemonConfig.value === null ||
    model.dockerService.kind !== 'known'
  )
    return [];
  const service = model.dockerService.value;
  if (!service.pathName) return [];
  const options = new Set(model.daemonConfig.value.options.map((o) => o.toLowerCase()));
  const flags = serviceFlags(service.pathName);
  const clashing = flags.filter((f) => {
    const key = flagKey(f.flag);
    return key !== null && options.has(key);
  });
  if (clashing.length === 0) return [];
  const keys = [...new Set(clashing.map((f) => flagKey(f.flag)!))];
  const args = splitCommandLine(service.pathName);
  const kept = args.filter(
    (_, i) =>
      !clashing.some(
        (f) =>
          args[i] === f.flag ||
          args[i]?.startsWith(`${f.flag}=`) ||
          (i > 0 && args[i - 1] === f.flag && f.value === args[i]),
      ),
  );
  const binPath = kept.map((a, i) => (i === 0 || /\s/.test(a) ? `"${a}"` : a)).join(' ');
  return [
    {
      id: 'daemon-config-conflict',
      severity: 'high',
      title: `${list(keys)} set both in the service start-up and in daemon.json`,
      detail: `The docker service starts with ${list(clashing.map((f) => (f.value === null ? f.flag : `${f.flag} ${f.value}`)))} while daemon.json also sets ${list(keys.map((k) => `"${k}"`))}. dockerd refuses to start when an option is given in both places.`,
      subjects: [HOST_SUBJECT],
      evidence: [
        evidenceFrom(model.dockerService.source, `PathName ${service.pathName}`),
        evidenceFrom(model.daemonConfig.source, `options: ${model.daemonConfig.value.options.join(', ')}`),
      ],
      fix: commandFix(
        `sc.exe config ${arg(service.name)} binPath= ${psQuote(binPath)}; Restart-Service ${arg(service.name)}`,
      ),
      references: [REF.dockerdConfigFile, REF.dockerDaemonDoc],
    },
  ];
}

// ---- swarm -------------------------------------------------------------------------------------

function swarmPortsBlocked(model: HostModel, c: Correlation): Finding[] {
  if (model.engine.kind !== 'known' || model.engine.value.swarm.localNodeState?.toLowerCase() !== 'active')
    return [];
  const swarm = model.engine.value.swarm;
  // Swarm needs 2377/tcp on managers, 7946/tcp+udp and 4789/udp on every node (seed; Docker swarm tutorial).
  const needed: { port: number; protocol: 'tcp' | 'udp'; what: string; program: string | null }[] = [
    ...(swarm.isManager
      ? [{ port: 2377, protocol: 'tcp' as const, what: 'cluster management', program: 'dockerd.exe' }]
      : []),
    { port: 7946, protocol: 'tcp', what: 'node communication', program: 'dockerd.exe' },
    { port: 7946, protocol: 'udp', what: 'node communication', program: 'dockerd.exe' },
    // VXLAN is handled by the kernel, not dockerd: only port rules can let it in.
    { port: 4789, protocol: 'udp', what: 'overlay (VXLAN) traffic', program: null },
  ];
  const arriving = externalProfiles(model.connectionProfiles, c.networkNames);
  const blocked = needed.filter((n) => {
    const traffic = {
      protocol: n.protocol,
      port: n.port,
      destinations: c.hostAddresses,
      sources: c.lanNetworks,
      program: n.program,
    };
    return arriving.profiles.every((p) => decideInbound(c.firewall, p, traffic).kind === 'blocked');
  });
  if (blocked.length === 0) return [];
  const ports = blocked.map((b) => `${b.port}/${b.protocol}`);
  return [
    {
      id: 'swarm-ports-blocked',
      severity: 'high',
      title: `Swarm ports blocked: ${ports.join(', ')}`,
      detail: `Swarm is active on this node${swarm.isManager ? ' (a manager)' : ''}, but the firewall has no enabled inbound allow rule for ${blocked.map((b) => `${b.port}/${b.protocol} (${b.what})`).join(', ')} in the ${arriving.profiles.join('/')} profile. Nodes lose contact and overlay traffic is dropped.`,
      subjects: [HOST_SUBJECT],
      evidence: [
        evidenceFrom(
          model.engine.source,
          `Swarm.LocalNodeState active${swarm.isManager ? ', ControlAvailable true' : ''}`,
        ),
        evidenceFrom(
          model.firewallRules.source,
          `no enabled inbound allow rule applies to ${ports.join(', ')}`,
        ),
      ],
      fix: commandFix(
        blocked
          .map(
            (b) =>
              `New-NetFirewallRule -DisplayName ${psQuote(`Docker swarm ${b.port}/${b.protocol}`)} -Direction Inbound -Action Allow -Protocol ${psProtocol(b.protocol)} -LocalPort ${b.port}`,
          )
          .join('; '),
      ),
      references: [REF.swarmPorts, REF.routingMeshDoc],
    },
  ];
}

function routingMeshUnsupported(model: HostModel, c: Correlation): Finding[] {
  if (model.host.kind !== 'known' || model.host.value.build === null || model.host.value.build >= BUILD.v1709)
    return [];
  const build = model.host.value.build;
  return listOf(model.swarmServices).flatMap((s): Finding[] => {
    const ingress = s.ports.filter((p) => p.publishMode === 'ingress' && p.publishedPort !== null);
    if (ingress.length === 0) return [];
    return [
      {
        id: 'routing-mesh-unsupported',
        severity: 'high',
        title: `Service ${s.name} publishes through the routing mesh, which build ${build} lacks`,
        detail: `Service ${s.name} publishes ${ingress.map((p) => `${p.publishedPort}/${p.protocol}`).join(', ')} in ingress mode; the ingress routing mesh needs build 16299 or later, so those ports answer nowhere. Publish in host mode.`,
        subjects: [serviceSubject(s.name)],
        evidence: [
          evidenceFrom(model.host.source, `BuildNumber ${build}`),
          evidenceFrom(
            model.swarmServices.source,
            `${s.name}: ${ingress.map((p) => `${p.publishedPort}->${p.targetPort}/${p.protocol} ingress`).join(', ')}`,
          ),
        ],
        fix: commandFix(
          ingress
            .map(
              (p) =>
                `docker service update --publish-rm ${p.publishedPort} --publish-add mode=host,published=${p.publishedPort},target=${p.targetPort},protocol=${p.protocol} ${arg(s.name)}`,
            )
            .join('; '),
          hostModeCaveat({
            service: s.name,
            replicas: s.replicas,
            tasksHere: c.containers.filter((x) => x.swarm?.serviceName === s.name).map((x) => x.name),
            port: ingress[0]!.publishedPort!,
          }),
        ),
        references: [REF.routingMeshDoc, REF.swarmHostMode],
      },
    ];
  });
}

// ---- firewall ----------------------------------------------------------------------------------

function localRulesIgnored(model: HostModel): Finding[] {
  if (model.firewallProfiles.kind !== 'known') return [];
  const off = model.firewallProfiles.value.filter((p) => p.allowLocalFirewallRules === false);
  if (off.length === 0) return [];
  const names = off.map((p) => p.name);
  const hns = listOf(model.firewallRules).filter((r) =>
    /^(HNS Container Networking|Container Enable ICC)/i.test(r.displayName ?? r.name),
  );
  return [
    {
      id: 'firewall-local-rules-ignored',
      severity: 'high',
      title: `Local firewall rules are ignored in the ${names.join('/')} profile`,
      detail: `A group policy sets "Apply local firewall rules" to No for ${names.join(', ')}: the rules HNS creates for containers (DHCP, DNS, published ports${hns.length > 0 ? `; ${hns.length} of them in this bundle` : ''}) have no effect, so containers may get no DNS and published ports stay closed.`,
      subjects: [HOST_SUBJECT],
      evidence: off.map((p) =>
        evidenceFrom(model.firewallProfiles.source, `${p.name} profile: AllowLocalFirewallRules False`),
      ),
      fix: stepsFix(
        'In the GPO that applies to this host set "Apply local firewall rules" to Yes for those profiles (or add the container rules to the GPO).',
        'Then on the host: gpupdate /force',
      ),
      references: [REF.localRulesIgnored, REF.localRulesIgnored2, REF.firewallProfile],
    },
  ];
}

// ---- NAT and ports -------------------------------------------------------------------------------

const winNat = (fp: Footprint, c: Correlation): boolean =>
  networkDrivers(fp.container, c.networkById, c.networkByName).includes('nat');

/**
 * The WinNAT instances that serve Docker's nat networks (their internal prefix overlaps a nat network's
 * subnet), or null when host/netnat.json or the networks were not collected and that cannot be told. Other
 * NATs (a user's own New-NetNat for VMs) hold mappings that are none of Docker's business.
 */
function dockerNatNames(model: HostModel): ReadonlySet<string> | null {
  if (model.nat.kind !== 'known' || model.networks.kind !== 'known') return null;
  const subnets = model.networks.value.filter((n) => n.driver === 'nat').flatMap((n) => n.subnets);
  const names = new Set<string>();
  for (const nat of model.nat.value) {
    const prefix = nat.internalPrefix;
    if (prefix === null) continue;
    const overlaps = subnets.some(
      (subnet) =>
        addressInEntry(bareAddress(subnet), prefix) === true ||
        addressInEntry(bareAddress(prefix), subnet) === true,
    );
    if (overlaps) names.add(nat.name.toLowerCase());
  }
  return names;
}

function natFindings(model: HostModel, c: Correlation): Finding[] {
  if (model.natMappings.kind !== 'known' || model.containers.kind !== 'known') return [];
  const mappingsFile = model.natMappings.source;
  const findingsOut: Finding[] = [];
  const describe = (m: NatStaticMapping): string =>
    `${m.natName}: ${m.protocol.toUpperCase()} ${m.externalPort} -> ${m.internalIp}:${m.internalPort}${m.id === null ? '' : ` (StaticMappingID ${m.id})`}`;
  // Who publishes each host port, to name the container a stale mapping takes the port from.
  const publishers = new Map<string, Footprint[]>();
  for (const fp of c.footprints.values()) {
    for (const p of fp.publications) {
      if (p.hostPort === null) continue;
      const key = `${p.protocol}/${p.hostPort}`;
      const list = publishers.get(key);
      if (list) list.push(fp);
      else publishers.set(key, [fp]);
    }
  }
  const dockerNats = dockerNatNames(model);
  const partialList = containerListPartial(model);
  for (const m of model.natMappings.value) {
    if (dockerNats !== null && !dockerNats.has(m.natName.toLowerCase())) continue;
    const holders = c.containersByIp.get(bareAddress(m.internalIp)) ?? [];
    // A container the import did not list may hold the address: that the mapping is left over is unknown.
    if (holders.length === 0 && partialList !== null) continue;
    const serves = holders.some((h) =>
      c.footprints
        .get(h.id)
        ?.publications.some(
          (p) =>
            p.hostPort === m.externalPort && p.containerPort === m.internalPort && p.protocol === m.protocol,
        ),
    );
    if (serves) continue;
    const losers = (publishers.get(`${m.protocol}/${m.externalPort}`) ?? []).map((fp) => fp.container);
    const held =
      holders.length > 0
        ? `${list(holders.map((h) => h.name))}, which does not publish ${m.externalPort} -> ${m.internalPort}`
        : 'no container';
    findingsOut.push({
      id: 'nat-mapping-stale',
      severity: 'medium',
      title: `Stale WinNAT mapping for ${m.protocol === 'other' ? '' : `${m.protocol}/`}${m.externalPort}`,
      detail: `The static mapping ${describe(m)} points to an address held by ${held}. It is left over from a removed or recreated container, holds the host port${losers.length > 0 ? ` that ${list(losers.map((l) => l.name))} publishes` : ''}, and makes HNS fail with "port already exists".`,
      subjects: [HOST_SUBJECT, ...losers.map(containerSubject), ...holders.map(containerSubject)],
      evidence: [
        evidenceFrom(mappingsFile, describe(m)),
        {
          file: model.containers.source.file,
          detail:
            holders.length > 0
              ? `${m.internalIp} belongs to ${list(holders.map((h) => h.name))}`
              : `no container has ${m.internalIp}`,
        },
      ],
      fix: commandFix(
        `${removeMappingCommand(m)}${losers.length > 0 ? `; ${losers.map((l) => `docker restart ${arg(l.name)}`).join('; ')}` : ''}`,
      ),
      references: [REF.portAlreadyExists, REF.portAlreadyExists2, REF.removeNatMapping],
    });
  }
  return findingsOut;
}

/**
 * Published nat ports nothing maps: the nat-mapping hop's own answer (HNS endpoint policies first, WinNAT where
 * it holds Docker's mappings), asked once per published port, so the finding and the explanation never differ.
 */
function missingMappings(model: HostModel, c: Correlation): Finding[] {
  const out: Finding[] = [];
  for (const fp of c.footprints.values()) {
    if (!fp.running || !winNat(fp, c)) continue;
    const missing: { readonly pub: Publication; readonly hop: Hop; readonly cause: Cause }[] = [];
    for (const pub of fp.publications) {
      if (pub.hostPort === null || refusedByNat(pub) || !(pub.mode === 'nat' || pub.mode === 'host'))
        continue;
      const result = natMappingHop({
        model,
        correlation: c,
        target: fp,
        source: { kind: 'external' },
        port: pub.hostPort,
        protocol: pub.protocol,
        publication: pub,
        direct: false,
        containerPort: pub.containerPort,
        sourceContainer: null,
      });
      const cause = result.causes.find((x) => x.id === 'nat-mapping-missing');
      if (result.hop.status === 'fail' && cause) missing.push({ pub, hop: result.hop, cause });
    }
    if (missing.length === 0) continue;
    const ports = missing.map((m) => `${m.pub.hostPort}/${m.pub.protocol}`);
    out.push({
      id: 'nat-mapping-missing',
      severity: 'high',
      title: `${fp.container.name}: nothing maps ${ports.join(', ')} to it`,
      detail: missing.map((m) => m.cause.explanation).join(' '),
      subjects: [containerSubject(fp.container)],
      evidence: uniqueEvidence(missing.flatMap((m) => m.hop.evidence)),
      fix: missing[0]!.cause.fix,
      references: missing[0]!.cause.references,
    });
  }
  return out;
}

function uniqueEvidence(list: readonly Evidence[]): Evidence[] {
  const out: Evidence[] = [];
  for (const e of list) if (!out.some((o) => o.file === e.file && o.detail === e.detail)) out.push(e);
  return out;
}

function hostPortConflicts(model: HostModel, c: Correlation): Finding[] {
  const out: Finding[] = [];
  // Processes of container sessions are the containers' own, not host processes.
  const containerPids = new Set<number>();
  for (const fp of c.footprints.values()) for (const p of fp.hostProcesses) containerPids.add(p.pid);
  for (const fp of c.footprints.values()) {
    for (const p of fp.publications) {
      if (p.hostPort === null || p.mode === 'transparent') continue;
      const known = p.protocol === 'tcp' ? model.tcp : model.udp;
      if (known.kind !== 'known') continue;
      const endpoints =
        (p.protocol === 'tcp' ? c.tcpListenersByPort.get(p.hostPort) : c.udpByPort.get(p.hostPort)) ?? [];
      const holders = endpoints.filter(
        (e) => e.owningProcess === null || !containerPids.has(e.owningProcess),
      );
      if (holders.length === 0) continue;
      const procs = holders.map((e) =>
        e.owningProcess === null ? null : (c.processByPid.get(e.owningProcess) ?? null),
      );
      const who = holders.map((e, i) =>
        procs[i] ? processLabel(procs[i]!) : `PID ${e.owningProcess ?? 'unknown'}`,
      );
      const pid = holders.find((e) => e.owningProcess !== null)?.owningProcess;
      out.push({
        id: 'host-port-conflict',
        severity: 'high',
        title: `${fp.container.name}: host port ${p.hostPort}/${p.protocol} is taken by ${holders.length > 1 ? 'host processes' : (procs[0]?.name ?? 'a host process')}`,
        detail: `${fp.container.name} publishes ${p.hostPort}/${p.protocol}, and ${list(who)} listens on that port on the host. The host process answers instead of the container, or HNS cannot create the mapping.`,
        subjects: [containerSubject(fp.container)],
        evidence: [
          p.evidence,
          ...holders
            .slice(0, 3)
            .map((e, i) => evidenceFrom(known.source, `${e.localAddress}:${e.localPort} owned by ${who[i]}`)),
        ],
        fix:
          pid === undefined || pid === null
            ? commandFix(listenersCommand(p.hostPort, p.protocol))
            : commandFix(
                `Get-Process -Id ${pid}; Stop-Process -Id ${pid}`,
                `Or publish ${fp.container.name} on another host port instead of stopping the host process.`,
              ),
        references: [REF.portAlreadyExists2, REF.portInUseForWin],
      });
    }
  }
  return out;
}

// ---- host and containers ---------------------------------------------------------------------

function osBuildUnsupported(model: HostModel): Finding[] {
  if (model.host.kind !== 'known' || model.host.value.build === null) return [];
  const { build, ubr } = model.host.value;
  // Microsoft's prerequisite check: build 14393 or later, and UBR 351 or later on 14393 (Debug-ContainerHost.ps1).
  if (supportedBuild(build, ubr) !== 'no') return [];
  return [
    {
      id: 'os-build-unsupported',
      severity: 'high',
      title: `Windows build ${build}${ubr === null ? '' : `.${ubr}`} is not supported for containers`,
      detail:
        build < BUILD.server2016
          ? `Build ${build} predates Windows Server 2016 (14393), the first release with containers.`
          : `Build 14393 needs update revision ${MIN_UBR_14393} or later for containers; this host is at ${ubr}. Earlier updates have known container networking and stability defects.`,
      subjects: [HOST_SUBJECT],
      evidence: [evidenceFrom(model.host.source, `BuildNumber ${build}, UBR ${ubr ?? 'unknown'}`)],
      fix: stepsFix(
        'Install the latest cumulative update (sconfig, option 6, or Windows Update) and reboot.',
        'Then check the revision: Get-ItemProperty "HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion" | Select-Object CurrentBuild, UBR',
      ),
      references: [REF.debugContainerHost, REF.versionCompatibility],
    },
  ];
}

/** Words that mark an environment variable as a secret; KEY and PASS only as whole words (not KEYBOARD). */
const SECRET_WORD = /(PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|APIKEY|PRIVATEKEY|CONNECTIONSTRING)/i;
const SECRET_TOKEN = /^(KEY|PASS|PWD|PW|AUTH)$/i;

export function looksSecret(name: string): boolean {
  const parts = name.split(/[_\-.]/);
  // A bare KEY or PWD is too vague (PWD is a working directory); SSH_KEY or DB_PWD is not.
  return (
    SECRET_WORD.test(parts.join('')) || (parts.length > 1 && parts.some((part) => SECRET_TOKEN.test(part)))
  );
}

function secretsInEnv(model: HostModel, c: Correlation): Finding[] {
  return c.containers.flatMap((container): Finding[] => {
    const names = container.envNames.filter(looksSecret);
    if (names.length === 0) return [];
    return [
      {
        id: 'secrets-in-env',
        severity: 'medium',
        title: `${container.name} keeps secrets in its environment`,
        detail: `${container.name} sets ${list(names)}. Environment values show in docker inspect to anyone with access to the engine, and in every bundle or log that captures it.`,
        subjects: [containerSubject(container)],
        evidence: [
          {
            file: model.containers.source.file,
            detail: `${container.name}: Config.Env names ${list(names, 8)}`,
          },
        ],
        fix: container.swarm
          ? stepsFix(
              `Put the value of ${names[0]} in a file, then: docker secret create ${arg(names[0]!.toLowerCase())} <file>`,
              `docker service update --secret-add ${arg(names[0]!.toLowerCase())} --env-rm ${arg(names[0]!)} ${arg(container.swarm.serviceName)}`,
              'Then rotate the value: it has been visible in docker inspect.',
            )
          : stepsFix(
              `Move ${names[0]} into a file mounted read-only (docker run -v C:\\secrets:C:\\secrets:ro ...) or a swarm secret the next time ${container.name} is recreated, then rotate the value.`,
            ),
        references: [REF.dockerSecrets],
      },
    ];
  });
}

function dataNotPersisted(model: HostModel, c: Correlation): Finding[] {
  return c.containers.flatMap((container): Finding[] => {
    if (container.state !== 'running' || container.mounts.length > 0) return [];
    return [
      {
        id: 'container-data-not-persisted',
        severity: 'info',
        title: `${container.name} has no volume or bind mount`,
        detail: `${container.name} runs with no mount: whatever it writes lives in its writable layer and dies with the container.`,
        subjects: [containerSubject(container)],
        evidence: [{ file: model.containers.source.file, detail: `${container.name}: Mounts []` }],
        fix: stepsFix(
          `Create a volume for its data (docker volume create ${arg(`${container.name}-data`)}) and mount it the next time ${container.name} is recreated (-v ${arg(`${container.name}-data`)}:C:\\data).`,
          'A mount cannot be added to an existing container: recreate it with all its current settings (networks, ports, environment, restart policy, labels) from its compose file or deployment script.',
        ),
        references: [REF.persistentStorage],
      },
    ];
  });
}

function hypervNoHostRules(model: HostModel, c: Correlation): Finding[] {
  return [...c.footprints.values()].flatMap((fp): Finding[] => {
    if (fp.isolation.value !== 'hyperv') return [];
    const rules =
      model.firewallRules.kind === 'known'
        ? [evidenceFrom(model.firewallRules.source, `${fp.firewallRulesTotal} inbound rules name its ports`)]
        : [];
    return [
      {
        id: 'hyperv-no-host-firewall-rules',
        severity: 'info',
        title: `${fp.container.name} is Hyper-V isolated: no host firewall rules for it`,
        detail: `${fp.container.name} runs in a utility VM with its own firewall (default allow). Unlike a process-isolated container, it gets no inbound rules on the host (ICC, DNS, DHCP, published ports). Whether host rules still filter what reaches it is not confirmed: Hostscope says unknown where they would block.`,
        subjects: [containerSubject(fp.container)],
        evidence: [...fp.isolation.evidence, ...rules],
        fix: commandFix(
          `docker exec ${arg(fp.container.name)} netsh advfirewall show allprofiles`,
          'To filter its traffic, configure the firewall inside the container.',
        ),
        references: [REF.networkIsolationDoc, REF.hypervIsolationDoc],
      },
    ];
  });
}

/**
 * image-host-mismatch (issue 16): a container that failed with 0xc0370101, or that is not running and would fail
 * in the mode it starts in (its own, the engine's default, or the host type's). A running container started, so
 * it never gets this finding. The fix never removes it: a new container in Hyper-V isolation, or the matching tag.
 */
function imageHostMismatch(model: HostModel, c: Correlation): Finding[] {
  const host = hostBuildOf(model);
  return containerCompatibility(model, c).flatMap((cc): Finding[] => {
    const container = c.containerById.get(cc.container.id.toLowerCase());
    if (!container) return [];
    const mode = cc.isolation;
    const inMode = mode === null ? null : cc.image[mode];
    const wouldFail = container.state !== 'running' && inMode?.verdict === 'fails';
    if (cc.failedWithMismatch.length === 0 && !wouldFail) return [];
    const hyperv = cc.image.hyperv;
    const tag = host === null ? null : matchingTag(host);
    const steps = [
      ...(hyperv.verdict === 'runs' && mode !== 'hyperv'
        ? [
            `Run it with Hyper-V isolation: ${hyperv.reason}. Isolation is chosen when a container is created, so create its replacement with --isolation=hyperv and everything else of ${container.name} (image ${container.image}, networks, ports, mounts, environment, restart policy; docker inspect ${arg(container.name)} lists them). Keep ${container.name} until the new one works.`,
          ]
        : []),
      tag === null
        ? `Or use an image built for this host's build${cc.image.hostVersion ? ` (${cc.image.hostVersion})` : ''}, then create the container from it.`
        : `Or use an image built for this host: the ${tag} tag of its base image (for example mcr.microsoft.com/windows/servercore:${tag}), rebuilt, then create the container from it.`,
    ];
    const why = inMode?.reason ?? 'its image does not match the host';
    return [
      {
        id: 'image-host-mismatch',
        severity: 'high',
        title:
          cc.failedWithMismatch.length > 0
            ? `${container.name} failed to start: its image does not match the host (0xc0370101)`
            : `${container.name} would not start in ${mode === 'hyperv' ? 'Hyper-V' : 'process'} isolation: its image does not match the host`,
        detail: `${container.name} uses ${container.image}${cc.image.imageVersion ? ` (build ${cc.image.imageVersion})` : ''} on a host of build ${cc.image.hostVersion ?? 'unknown'}: ${why}.`,
        subjects: [containerSubject(container)],
        evidence: [
          ...cc.failedWithMismatch,
          ...(model.images.kind === 'known' && cc.image.imageVersion
            ? [
                evidenceFrom(
                  model.images.source,
                  `${cc.image.imageId ?? container.image}: OsVersion ${cc.image.imageVersion}`,
                ),
              ]
            : []),
          ...(model.host.kind === 'known' && cc.image.hostVersion
            ? [evidenceFrom(model.host.source, `host build ${cc.image.hostVersion}`)]
            : []),
        ],
        fix: stepsFix(...steps),
        references: [REF.versionCompatibility, REF.osMismatchError, REF.ws2022AndBeyond],
      },
    ];
  });
}

const RANK: ReadonlyMap<Severity, number> = new Map(SEVERITIES.map((s, i) => [s, i]));

/** Every finding of the host; `matrix` reuses a reachability matrix the caller already has. */
export function findings(
  model: HostModel,
  correlation: Correlation = correlate(model),
  matrix: readonly Explanation[] = reachabilityMatrix(model, correlation),
): readonly Finding[] {
  const all = [
    ...dockerApiUnencrypted(model, correlation),
    ...daemonConfigConflict(model),
    ...swarmPortsBlocked(model, correlation),
    ...routingMeshUnsupported(model, correlation),
    ...localRulesIgnored(model),
    ...natFindings(model, correlation),
    ...missingMappings(model, correlation),
    ...hostPortConflicts(model, correlation),
    ...osBuildUnsupported(model),
    ...secretsInEnv(model, correlation),
    ...dataNotPersisted(model, correlation),
    ...hypervNoHostRules(model, correlation),
    ...imageHostMismatch(model, correlation),
    ...unreachableFindings(matrix, (id) => correlation.containerById.get(id.toLowerCase())?.name),
    ...findings11(model, correlation),
  ];
  return all
    .map((f, i) => ({ f, i }))
    .sort((a, b) => RANK.get(a.f.severity)! - RANK.get(b.f.severity)! || a.i - b.i)
    .map((x) => x.f);
}
