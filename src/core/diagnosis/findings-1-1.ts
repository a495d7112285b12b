// Findings added in 1.1 of ../shared/spec/diagnosis.md (section 3), each from the failure catalogue entry named
// beside it. Like the others, a check fires only on evidence it can name: a part not collected gives no finding.

import type { Finding } from '../../shared/diagnosis';
import type { HostEvent, HostModel } from '../../shared/model';
import { addressInEntry, bareAddress, ipv4Range } from './addresses';
import * as causes from './causes';
import { arg, commandFix, psQuote, stepsFix } from './commands';
import type { Correlation } from './correlate';
import { refusedByNat } from './footprint';
import { HNS_ENDPOINT_DRIVERS } from './hns-links';
import { networkDrivers } from './host-index';
import { containerListPartial, evidenceFrom } from './known';
import { containerSubject, HOST_SUBJECT, windowsServiceSubject } from './subjects';
import { hostAliasCheck } from './outbound';
import { REF } from './references';
import { rangeText, reservation } from './reserved-ports';
import { BUILD } from './windows-builds';

const list = (items: readonly string[], max = 4): string =>
  items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
const buildOf = (model: HostModel): number | null =>
  model.host.kind === 'known' ? model.host.value.build : null;

/** Fields of a cause a finding repeats: one wording for both (no copy of the text). */
function fromCause(
  cause: ReturnType<typeof causes.portReserved>,
): Pick<Finding, 'title' | 'detail' | 'fix' | 'references'> {
  return { title: cause.title, detail: cause.explanation, fix: cause.fix, references: cause.references };
}

// ---- ports (catalogue 2, 36) -------------------------------------------------------------------

/** The engine's own TCP ports from daemon.json / the service command line (`tcp://host:port`). */
function enginePorts(model: HostModel): number[] {
  const hosts: string[] = [];
  if (model.daemonConfig.kind === 'known' && model.daemonConfig.value)
    hosts.push(...model.daemonConfig.value.hosts);
  if (model.dockerService.kind === 'known' && model.dockerService.value.pathName)
    for (const m of model.dockerService.value.pathName.matchAll(/tcp:\/\/[^\s"]*/gi)) hosts.push(m[0]);
  return [
    ...new Set(
      hosts.filter((h) => /^tcp:\/\//i.test(h.trim())).map((h) => Number(/:(\d+)\s*$/.exec(h)?.[1] ?? 2375)),
    ),
  ];
}

function portReserved(model: HostModel, c: Correlation): Finding[] {
  if (model.portExclusions.kind !== 'known') return [];
  const out: Finding[] = [];
  for (const fp of c.footprints.values()) {
    for (const p of fp.publications) {
      if (p.hostPort === null || refusedByNat(p)) continue;
      const r = reservation(model, p.protocol, p.hostPort);
      if (r.kind !== 'reserved') continue;
      const cause = causes.portReserved(fp.container, {
        port: p.hostPort,
        protocol: p.protocol,
        range: r.range,
        file: model.portExclusions.source.file,
      });
      out.push({
        id: 'port-reserved',
        severity: 'high',
        ...fromCause(cause),
        subjects: [containerSubject(fp.container)],
        evidence: [r.evidence, p.evidence],
      });
    }
  }
  // The engine's own ports: 2375/2376 where it listens on TCP, 2377 and 7946 on a swarm node (catalogue 2, 13, 17).
  const swarm =
    model.engine.kind === 'known' && model.engine.value.swarm.localNodeState?.toLowerCase() === 'active';
  const own: { port: number; protocol: 'tcp' | 'udp'; what: string }[] = [
    ...enginePorts(model).map((port) => ({ port, protocol: 'tcp' as const, what: 'the Docker API' })),
    ...(swarm
      ? [
          { port: 2377, protocol: 'tcp' as const, what: 'swarm cluster management' },
          { port: 7946, protocol: 'tcp' as const, what: 'swarm node communication' },
          { port: 7946, protocol: 'udp' as const, what: 'swarm node communication' },
        ]
      : []),
  ];
  for (const o of own) {
    const r = reservation(model, o.protocol, o.port);
    if (r.kind !== 'reserved') continue;
    out.push({
      id: 'port-reserved',
      severity: 'high',
      title: `${o.port}/${o.protocol} (${o.what}) lies in the excluded range ${r.range.start}-${r.range.end}`,
      detail: `${model.portExclusions.source.file} lists ${rangeText(r.range)}, which holds ${o.port}/${o.protocol}, the port of ${o.what}. dockerd cannot bind it: the engine does not start or ${o.what} fails ("access a socket in a way forbidden"), while netstat shows nothing on it.`,
      subjects: [HOST_SUBJECT],
      evidence: [
        r.evidence,
        ...(swarm && o.port !== 2375 && o.port !== 2376
          ? [evidenceFrom(model.engine.source, 'Swarm.LocalNodeState active')]
          : []),
      ],
      fix: commandFix(
        `net stop winnat; netsh int ipv4 add excludedportrange protocol=${o.protocol} startport=${o.port} numberofports=1 store=persistent; net start winnat; Restart-Service docker`,
        'Stopping winnat and restarting docker cut every container connection on this host for a moment.',
      ),
      references: [REF.portReserved, REF.portReservedEngine, REF.portReservedSwarm],
    });
  }
  return out;
}

function portPublishRefused(model: HostModel, c: Correlation): Finding[] {
  return [...c.footprints.values()].flatMap((fp): Finding[] => {
    const refused = fp.publications.filter(refusedByNat);
    if (refused.length === 0) return [];
    const cause = causes.portPublishRefused(fp.container, refused, model.containers.source.file);
    return [
      {
        id: 'port-publish-refused',
        severity: 'high',
        ...fromCause(cause),
        subjects: [containerSubject(fp.container)],
        evidence: refused.map((p) => p.evidence),
      },
    ];
  });
}

// ---- networks and HNS state (catalogue 3, 12, 30) --------------------------------------------------

function networkMissing(model: HostModel, c: Correlation): Finding[] {
  if (model.networks.kind !== 'known') return [];
  return c.containers.flatMap((container): Finding[] => {
    const gone = container.networks.filter(
      (n) => n.networkId !== null && n.networkId !== '' && !c.networkById.has(n.networkId.toLowerCase()),
    );
    if (gone.length === 0) return [];
    const cause = causes.networkMissing(container, {
      gone,
      file: model.networks.source.file,
      byName: c.networkByName,
    });
    return [
      {
        id: 'network-missing',
        severity: 'high',
        ...fromCause(cause),
        subjects: [containerSubject(container)],
        evidence: [
          ...gone.map((n) => ({
            file: model.containers.source.file,
            detail: `${container.name}: ${n.name} NetworkID ${n.networkId}`,
          })),
          evidenceFrom(model.networks.source, `${c.networkById.size} networks, none with that id`),
        ],
      },
    ];
  });
}

function hnsEndpointFindings(model: HostModel, c: Correlation): Finding[] {
  const known = model.hnsEndpoints;
  if (known.kind !== 'known' || model.containers.kind !== 'known') return [];
  // Orphans need every container: with a partial list (issue 12, item 4) an unlisted one may hold the address.
  const partialList = containerListPartial(model);
  const out: Finding[] = [];
  const addressed = known.value.length === 0 || known.value.some((e) => e.ipAddress);
  // Orphans: an endpoint whose address no container holds keeps it and its port policies (catalogue 30).
  const ids = new Set(c.containers.map((x) => x.id.toLowerCase()));
  for (const e of known.value) {
    if (e.isRemote === true || !e.ipAddress || c.containersByIp.has(bareAddress(e.ipAddress))) continue;
    if (partialList !== null) continue;
    if (e.sharedContainers.some((s) => ids.has(s.toLowerCase()))) continue;
    const nat = (e.policies ?? []).flatMap((p) =>
      p.kind === 'nat' ? [`${p.externalPort}/${p.protocol}`] : [],
    );
    out.push({
      id: 'hns-endpoint-orphan',
      severity: 'medium',
      title: `HNS endpoint ${e.id} holds ${bareAddress(e.ipAddress)}, which no container has`,
      detail: `${known.source.file} holds endpoint ${e.id}${e.virtualNetworkName ? ` on ${e.virtualNetworkName}` : ''} with ${e.ipAddress}${nat.length > 0 ? ` and NAT policies for ${list(nat)}` : ''}, but no container in ${model.containers.source.file} has that address. It is left over (typically from a reboot with containers running) and keeps the address${nat.length > 0 ? ' and the host ports' : ''}: the next container given them fails ("An address provided is invalid or reserved", 0x803b002f${nat.length > 0 ? '; "port already exists", 0x803b0013' : ''}).`,
      subjects: [HOST_SUBJECT],
      evidence: [
        evidenceFrom(
          known.source,
          `endpoint ${e.id}: ${e.ipAddress}${nat.length > 0 ? `, NAT ${nat.join(', ')}` : ''}`,
        ),
        { file: model.containers.source.file, detail: `no container has ${bareAddress(e.ipAddress)}` },
      ],
      // Catalogue 30's fix, guarded: it removes the endpoint only while it still holds the address and no container
      // shares it (the bundle is a snapshot), and it removes that endpoint alone, never a network or a container.
      fix: commandFix(
        `Get-HnsEndpoint | Where-Object { $_.ID -eq ${psQuote(e.id)} -and $_.IPAddress -eq ${psQuote(bareAddress(e.ipAddress))} -and -not $_.SharedContainers } | Remove-HnsEndpoint`,
        `Verify first that no container holds ${bareAddress(e.ipAddress)} now (docker ps -q | ForEach-Object { docker inspect -f '{{.Name}} {{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}' $_ }) and that no VM or Kubernetes pod uses the endpoint. The filter removes only this endpoint, only while it still holds that address and no container shares it; no network or container is removed. Get-HnsEndpoint comes with the HNS PowerShell module (HostNetworkingService, or hns.psm1 from github.com/microsoft/SDN).`,
      ),
      references: [REF.hnsEndpointOrphan, REF.hnsEndpointOrphan2],
    });
  }
  if (!addressed) return out;
  for (const fp of c.footprints.values()) {
    const drivers = networkDrivers(fp.container, c.networkById, c.networkByName);
    const lost = fp.attachments.filter(
      (a, i) => a.endpoint.kind === 'absent' && HNS_ENDPOINT_DRIVERS.has(drivers[i] ?? 'unknown'),
    );
    if (lost.length === 0) continue;
    const reason = lost.map((a) => (a.endpoint.kind === 'absent' ? a.endpoint.reason : '')).join('; ');
    const cause = causes.hnsEndpointMissing(fp.container, reason, known.source.file);
    out.push({
      id: 'hns-endpoint-missing',
      severity: 'high',
      ...fromCause(cause),
      subjects: [containerSubject(fp.container)],
      evidence: lost.flatMap((a) => (a.endpoint.kind === 'absent' ? a.endpoint.evidence : [])),
    });
  }
  return out;
}

// ---- prefixes and routes (catalogue 7, 11) ------------------------------------------------------------

/** Whether an IPv4 prefix shares an address with a range. */
function overlapsRange(prefix: string, range: readonly [number, number]): boolean {
  const r = ipv4Range(prefix);
  return r !== null && r[0] <= range[1] && range[0] <= r[1];
}

function natPrefixOverlap(model: HostModel, c: Correlation): Finding[] {
  if (model.networks.kind !== 'known') return [];
  const out: Finding[] = [];
  const nats = model.networks.value.filter((n) => n.driver.toLowerCase() === 'nat');
  for (const n of nats) {
    for (const subnet of n.subnets) {
      const gateways = new Set(n.gateways.map(bareAddress));
      // The nat network's own adapter holds its gateway; any other host address in the prefix is a clash.
      const addresses =
        model.ipAddresses.kind === 'known'
          ? model.ipAddresses.value.filter(
              (a) =>
                a.family === 'ipv4' &&
                addressInEntry(a.ipAddress, subnet.trim()) === true &&
                !gateways.has(bareAddress(a.ipAddress)) &&
                !(a.interfaceAlias ?? '').toLowerCase().startsWith('vethernet ('),
            )
          : [];
      // Routes into the prefix through another interface (a VPN, the LAN): replies go the wrong way.
      const ownAliases = new Set(
        model.ipAddresses.kind === 'known'
          ? model.ipAddresses.value
              .filter((a) => addressInEntry(a.ipAddress, subnet.trim()) === true)
              .map((a) => (a.interfaceAlias ?? '').toLowerCase())
          : [],
      );
      // The prefix's range is worked out once, not once per route (hosts hold thousands of routes).
      const range = ipv4Range(subnet);
      const routes =
        model.routes.kind === 'known' && range !== null
          ? model.routes.value.filter(
              (r) =>
                r.family === 'ipv4' &&
                overlapsRange(r.destinationPrefix, range) &&
                !/^0\.0\.0\.0\/0$/.test(r.destinationPrefix.trim()) &&
                !/^(224\.|255\.255\.255\.255)/.test(r.destinationPrefix.trim()) &&
                !ownAliases.has((r.interfaceAlias ?? '').toLowerCase()) &&
                !(r.interfaceAlias ?? '').toLowerCase().startsWith('vethernet ('),
            )
          : [];
      if (addresses.length === 0 && routes.length === 0) continue;
      const what = [
        ...addresses.map(
          (a) => `${a.ipAddress}/${a.prefixLength ?? '?'} on ${a.interfaceAlias ?? 'an adapter'}`,
        ),
        ...routes.map(
          (r) =>
            `route ${r.destinationPrefix} via ${r.interfaceAlias ?? `ifIndex ${r.interfaceIndex ?? '?'}`}`,
        ),
      ];
      const users = c.containers.filter((x) =>
        x.networks.some((m) => m.name === n.name || m.networkId === n.id),
      );
      out.push({
        id: 'nat-prefix-overlap',
        severity: 'high',
        title: `Nat network ${n.name} (${subnet}) overlaps ${what[0]}`,
        detail: `${n.name}'s prefix ${subnet} overlaps ${list(what)}. Containers on ${n.name} treat those addresses as their own network, and the host routes replies for the prefix the wrong way: servers on the LAN or VPN in that range cannot be reached, and published ports may fail for clients from there.`,
        subjects: [HOST_SUBJECT, ...users.map(containerSubject)],
        evidence: [
          evidenceFrom(model.networks.source, `${n.name}: subnet ${subnet}`),
          ...addresses.map((a) =>
            evidenceFrom(
              model.ipAddresses.source,
              `${a.interfaceAlias}: ${a.ipAddress}/${a.prefixLength ?? '?'}`,
            ),
          ),
          ...routes
            .slice(0, 3)
            .map((r) =>
              evidenceFrom(
                model.routes.source,
                `${r.destinationPrefix} via ${r.nextHop ?? 'on-link'} on ${r.interfaceAlias ?? '?'} (metric ${r.routeMetric ?? '?'})`,
              ),
            ),
        ],
        fix: stepsFix(
          'Pick a prefix that no LAN, VPN or host route uses (Get-NetRoute -AddressFamily IPv4 lists them).',
          `Create a nat network there (docker network create -d nat --subnet <free prefix> <name>) and connect the containers of ${n.name} to it (docker network connect <name> <container>); on Server 2016 only one nat network is supported: set "fixed-cidr" in daemon.json, which applies when Docker next creates its nat network. Or exclude the prefix from the VPN (split tunnelling).`,
        ),
        references: [REF.natPrefixOverlap, REF.natPrefixOverlap2, REF.vpnInterference],
      });
    }
  }
  return out;
}

// ---- nat layout (catalogue 10, 32) ---------------------------------------------------------------

function natLayout(model: HostModel, c: Correlation): Finding[] {
  const build = buildOf(model);
  if (build === null || model.networks.kind !== 'known') return [];
  const nats = model.networks.value.filter((n) => n.driver.toLowerCase() === 'nat');
  const out: Finding[] = [];
  if (build === BUILD.server2016 && nats.length > 1)
    out.push({
      id: 'second-nat-on-2016',
      severity: 'high',
      title: `${nats.length} nat networks on build 14393, which supports one`,
      detail: `${model.networks.source.file} holds the nat networks ${list(nats.map((n) => n.name))}. Server 2016 supports a single NAT network: creating or using a second fails with "HNS failed with error: Unspecified error".`,
      subjects: [HOST_SUBJECT],
      evidence: [
        evidenceFrom(model.host.source, `BuildNumber ${build}`),
        evidenceFrom(
          model.networks.source,
          `nat networks: ${nats.map((n) => `${n.name} ${n.subnets.join(',')}`).join('; ')}`,
        ),
      ],
      fix: stepsFix(
        `Keep one nat network: move the containers of ${list(nats.slice(1).map((n) => n.name))} to ${nats[0]!.name} (docker network connect ${nats[0]!.name} <container>, then disconnect the other).`,
      ),
      references: [REF.secondNat2016],
    });
  // Two or more nat networks publishing ports on 19041 and later hang HNS (Windows-Containers#140, #486).
  if (build >= 19041) {
    const publishing = nats.filter((n) =>
      [...c.footprints.values()].some(
        (fp) =>
          fp.running &&
          fp.publications.some((p) => p.mode === 'nat' && p.hostPort !== null) &&
          fp.container.networks.some((m) =>
            m.networkId ? m.networkId.toLowerCase() === n.id.toLowerCase() : m.name === n.name,
          ),
      ),
    );
    if (publishing.length >= 2)
      out.push({
        id: 'multi-nat-published-ports',
        severity: 'medium',
        title: `${publishing.length} nat networks publish ports on build ${build}`,
        detail: `Containers publish ports on ${list(publishing.map((n) => n.name))}. With two or more nat networks publishing ports, HNS on 19041 and later is known to hang: new containers stay in Created and the Host Network Service burns CPU until a container is stopped or the host reboots.`,
        subjects: [HOST_SUBJECT],
        evidence: [
          evidenceFrom(model.host.source, `BuildNumber ${build}`),
          evidenceFrom(
            model.networks.source,
            `nat networks with published ports: ${publishing.map((n) => n.name).join(', ')}`,
          ),
        ],
        fix: stepsFix(
          `Put every container that publishes ports on one nat network (docker network connect ${publishing[0]!.name} <container>, then disconnect the other), or publish fewer ports.`,
        ),
        references: [REF.multiNatHang, REF.multiNatHang2],
      });
  }
  return out;
}

// ---- services and events (catalogue 3, 21) ----------------------------------------------------------

/** HRESULTs and Win32 codes HNS errors carry, in the admin's words (catalogue symptom index; knowledge notes 10). */
const ERROR_WORDS: ReadonlyMap<string, string> = new Map([
  [
    '0x803b0013',
    'HNS says the port already exists (a leftover NAT mapping, a host process or a reserved range holds it)',
  ],
  ['0x803b002f', 'HNS says the address is invalid or reserved (a stale endpoint still holds it)'],
  [
    '0x490',
    'HNS says an element was not found (overlay VXLAN id below 4096, or IPv6 asked of a driver without it)',
  ],
  ['0x800706be', 'the call to HNS failed mid-way (the service crashed or restarted)'],
  ['0x6be', 'the call to HNS failed mid-way (the service crashed or restarted)'],
]);

const HNS_LOGS = /host-network-service|hyper-v-compute/i;

function servicesDown(model: HostModel): Finding[] {
  const out: Finding[] = [];
  const build = buildOf(model);
  // winnat carries Docker's NAT on builds that realise it through WinNAT (knowledge notes section 10).
  const needed = [
    'hns',
    'vmcompute',
    'docker',
    ...(build !== null && build < BUILD.server2019 ? ['winnat'] : []),
  ];
  if (model.services.kind === 'known') {
    for (const s of model.services.value) {
      if (!needed.includes(s.name.toLowerCase()) || s.state === null || /^running$/i.test(s.state)) continue;
      out.push({
        id: 'hns-service-not-running',
        severity: 'critical',
        title: `Service ${s.name} is ${s.state}`,
        detail: `${model.services.source.file} shows ${s.name} ${s.state}${s.exitCode ? ` (exit code ${s.exitCode})` : ''}. Containers need hns, vmcompute and docker running: without them endpoints are not created ("hnsCall failed in Win32: The service has not been started") and running containers lose their network.`,
        subjects: [HOST_SUBJECT, windowsServiceSubject(s.name)],
        evidence: [
          evidenceFrom(model.services.source, `${s.name}: State ${s.state}, StartMode ${s.startMode ?? '?'}`),
        ],
        fix: commandFix(`Start-Service ${arg(s.name)}; Get-Service hns, vmcompute, docker`),
        references: [REF.hnsCrash, REF.hnsCrash2],
      });
    }
  }
  // Crashes in the window (System 7031/7034 name the service by its display name).
  if (model.events.kind === 'known') {
    const crashes = new Map<string, HostEvent[]>();
    for (const e of model.events.value) {
      if (e.id !== 7031 && e.id !== 7034) continue;
      const text = e.message ?? '';
      const which = /host network service/i.test(text)
        ? 'hns'
        : /hyper-v host compute service/i.test(text)
          ? 'vmcompute'
          : /docker/i.test(text)
            ? 'docker'
            : /winnat|windows nat/i.test(text)
              ? 'winnat'
              : null;
      if (which === null) continue;
      const seen = crashes.get(which);
      if (seen) seen.push(e);
      else crashes.set(which, [e]);
    }
    for (const [name, events] of crashes) {
      const latest = events[0]!;
      out.push({
        id: 'hns-service-not-running',
        severity: 'critical',
        title: `${name} crashed ${events.length === 1 ? 'once' : `${events.length} times`} in the collected events`,
        detail: `${model.events.source.file} holds ${events.length} service-crash event${events.length > 1 ? 's' : ''} (7031/7034) for ${name}, the latest at ${latest.timeCreated ?? 'an unknown time'}. When it restarts, endpoints it held may be gone; containers started before then can be unreachable until restarted.`,
        subjects: [HOST_SUBJECT, windowsServiceSubject(name)],
        evidence: [
          evidenceFrom(
            model.events.source,
            `${events.length} x event ${latest.id} (${latest.providerName ?? 'System'}), latest ${latest.timeCreated ?? '?'}: ${(latest.message ?? '').slice(0, 160)}`,
          ),
        ],
        fix: commandFix(
          `Get-WinEvent -FilterHashtable @{LogName='System'; Id=7031,7034} -MaxEvents 20 | Format-List TimeCreated, Message; Get-HotFix | Sort-Object InstalledOn -Descending | Select-Object -First 5`,
        ),
        references: [REF.hnsCrash, REF.hnsCrash2],
      });
    }
  }
  return out;
}

function hnsErrors(model: HostModel): Finding[] {
  if (model.events.kind !== 'known') return [];
  const errors = model.events.value.filter(
    (e) => (e.level === 'error' || e.level === 'critical') && HNS_LOGS.test(e.logName ?? ''),
  );
  if (errors.length === 0) return [];
  // One line per code with a count: 500 repeats of one error are one problem.
  const byCode = new Map<string, HostEvent[]>();
  for (const e of errors) {
    const codes = e.errorCodes.length > 0 ? e.errorCodes : ['(no code)'];
    for (const code of codes) {
      const seen = byCode.get(code);
      if (seen) seen.push(e);
      else byCode.set(code, [e]);
    }
  }
  const ranked = [...byCode.entries()].sort((a, b) => b[1].length - a[1].length);
  const words = ranked.map(
    ([code, events]) =>
      `${code === '(no code)' ? 'errors without a code' : `${code}: ${ERROR_WORDS.get(code) ?? 'an HNS error code'}`} (${events.length} time${events.length > 1 ? 's' : ''})`,
  );
  const [topCode, topEvents] = ranked[0]!;
  return [
    {
      id: 'hns-errors-recent',
      severity: 'high',
      title:
        topCode === '(no code)'
          ? `${errors.length} HNS errors in the collected window`
          : `${ERROR_WORDS.get(topCode)?.replace(/ \(.*\)$/, '') ?? `HNS error ${topCode}`}: ${topEvents.length} time${topEvents.length > 1 ? 's' : ''}`,
      detail: `${model.events.source.file} holds ${errors.length} error${errors.length > 1 ? 's' : ''} from the HNS and Hyper-V-Compute admin logs: ${list(words, 5)}. The latest: ${(errors[0]!.message ?? '').slice(0, 200)}`,
      subjects: [HOST_SUBJECT],
      evidence: ranked
        .slice(0, 5)
        .map(([code, events]) =>
          evidenceFrom(
            model.events.source,
            `${events.length} x ${code} in ${events[0]!.logName ?? '?'}, latest ${events[0]!.timeCreated ?? '?'}`,
          ),
        ),
      fix: commandFix(
        "Get-WinEvent -LogName 'Microsoft-Windows-Host-Network-Service-Admin' -MaxEvents 50 | Format-List TimeCreated, Id, Message",
      ),
      references: [REF.hnsStateCorrupt, REF.hnsStateCorrupt2, REF.portAlreadyExists, REF.hnsEndpointOrphan],
    },
  ];
}

// ---- adapters, switches, MTU (catalogue 1, 19, 26, 29) ------------------------------------------------

function hostNicApipa(model: HostModel): Finding[] {
  if (model.ipAddresses.kind !== 'known') return [];
  const byAlias = new Map<string, string[]>();
  for (const a of model.ipAddresses.value) {
    if (a.family !== 'ipv4' || !a.interfaceAlias) continue;
    const seen = byAlias.get(a.interfaceAlias);
    if (seen) seen.push(bareAddress(a.ipAddress));
    else byAlias.set(a.interfaceAlias, [bareAddress(a.ipAddress)]);
  }
  const connected = (alias: string): boolean | null => {
    const adapter =
      model.adapters.kind === 'known' ? model.adapters.value.find((x) => x.name === alias) : undefined;
    if (adapter?.status) return /^up$/i.test(adapter.status);
    const iface =
      model.ipInterfaces.kind === 'known'
        ? model.ipInterfaces.value.find((x) => x.interfaceAlias === alias && x.family === 'ipv4')
        : undefined;
    return iface?.connected ?? null;
  };
  return [...byAlias.entries()].flatMap(([alias, addresses]): Finding[] => {
    if (!addresses.every((a) => a.startsWith('169.254.')) || connected(alias) !== true) return [];
    return [
      {
        id: 'host-nic-apipa',
        severity: 'high',
        title: `Adapter ${alias} is connected with only ${addresses[0]}`,
        detail: `${alias} is up but holds only the link-local ${list(addresses)}: it got no address (a failed vSwitch creation, a lost static IP, or no DHCP). On build 17134 such an adapter also breaks NAT loopback.`,
        subjects: [HOST_SUBJECT],
        evidence: [
          evidenceFrom(model.ipAddresses.source, `${alias}: ${addresses.join(', ')}`),
          ...(model.adapters.kind === 'known'
            ? [evidenceFrom(model.adapters.source, `${alias}: Status Up`)]
            : []),
        ],
        fix: commandFix(
          `Get-NetIPConfiguration -InterfaceAlias ${psQuote(alias)}; Get-NetAdapter -Name ${psQuote(alias)} | Restart-NetAdapter`,
          'Restarting the adapter drops its connections for a moment.',
        ),
        references: [REF.apipaVswitch, REF.apipaLoopback],
      },
    ];
  });
}

function natSwitchWrongType(model: HostModel, c: Correlation): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const fp of c.footprints.values()) {
    fp.attachments.forEach((a) => {
      if (a.vSwitch.kind !== 'found' || a.vSwitch.value.switchType === null) return;
      const sw = a.vSwitch.value;
      const network = c.networkByName.get(a.network.toLowerCase());
      if (network?.driver.toLowerCase() !== 'nat' || sw.switchType === 'internal' || seen.has(sw.name))
        return;
      seen.add(sw.name);
      out.push({
        id: 'nat-switch-wrong-type',
        severity: 'high',
        title: `The vSwitch ${sw.name} of nat network ${a.network} is ${sw.switchType}, not Internal`,
        detail: `${model.vmSwitches.source.file} shows ${sw.name} as ${sw.switchType}. A nat network needs an Internal switch: the host's vEthernet adapter holds the gateway there. A Private switch leaves containers with no path out (the switch was edited in Hyper-V Manager, or HNS state is broken).`,
        subjects: [HOST_SUBJECT],
        evidence: [...a.vSwitch.evidence],
        fix: commandFix(
          `Set-VMSwitch -Name ${psQuote(sw.name)} -SwitchType Internal; Restart-Service hns; Restart-Service docker`,
          'Restarting hns and docker cuts every container connection for a moment.',
        ),
        references: [REF.natPlumbingBroken, REF.natPlumbingBroken2],
      });
    });
  }
  return out;
}

function mtuMismatch(model: HostModel): Finding[] {
  if (model.routes.kind !== 'known' || model.ipInterfaces.kind !== 'known') return [];
  const defaults = model.routes.value.filter(
    (r) => r.family === 'ipv4' && r.destinationPrefix.trim() === '0.0.0.0/0',
  );
  const ifaces = model.ipInterfaces.value.filter((i) => i.family === 'ipv4');
  const egress = defaults
    .map((r) =>
      ifaces.find(
        (i) =>
          (r.interfaceIndex !== null && i.interfaceIndex === r.interfaceIndex) ||
          i.interfaceAlias === r.interfaceAlias,
      ),
    )
    .filter((i) => i !== undefined && i.mtu !== null && i.mtu < 1500);
  const veth = ifaces.filter((i) => /^vEthernet \(/i.test(i.interfaceAlias ?? '') && (i.mtu ?? 0) >= 1500);
  if (egress.length === 0 || veth.length === 0) return [];
  const low = egress[0]!;
  return [
    {
      id: 'mtu-mismatch',
      severity: 'medium',
      title: `The default route leaves through ${low.interfaceAlias} at MTU ${low.mtu}, containers send 1500`,
      detail: `${low.interfaceAlias} (the interface of the default route) has NlMtu ${low.mtu}, while the container adapters (${list(veth.map((v) => `${v.interfaceAlias} ${v.mtu}`))}) use 1500. Small requests work; large downloads, TLS handshakes and package restores hang. "mtu" in daemon.json is ignored on Windows.`,
      subjects: [HOST_SUBJECT],
      evidence: [
        evidenceFrom(model.ipInterfaces.source, `${low.interfaceAlias}: NlMtu ${low.mtu}`),
        ...veth
          .slice(0, 2)
          .map((v) => evidenceFrom(model.ipInterfaces.source, `${v.interfaceAlias}: NlMtu ${v.mtu}`)),
      ],
      fix: stepsFix(
        `Inside each container set the MTU of its adapter to ${low.mtu} at start (in the ENTRYPOINT): netsh interface ipv4 set subinterface "<adapter>" mtu=${low.mtu} store=persistent`,
      ),
      references: [REF.mtuIgnored, REF.mtuSwitch],
    },
  ];
}

// ---- DNS and proxy (catalogue 16, 24) ---------------------------------------------------------------

function containerDnsStale(model: HostModel, c: Correlation): Finding[] {
  if (model.dnsServers.kind !== 'known') return [];
  const host = new Set(model.dnsServers.value.flatMap((d) => d.serverAddresses.map(bareAddress)));
  if (host.size === 0) return [];
  return [...c.footprints.values()].flatMap((fp): Finding[] => {
    if (fp.dnsServers.kind !== 'found' || fp.dnsServers.value.length === 0) return [];
    const gateways = new Set(
      fp.container.networks
        .flatMap((n) => [n.gateway, ...(c.networkByName.get(n.name.toLowerCase())?.gateways ?? [])])
        .filter((g): g is string => !!g)
        .map(bareAddress),
    );
    const servers = fp.dnsServers.value.map(bareAddress);
    if (servers.some((s) => host.has(s) || gateways.has(s))) return [];
    // Without the gateway known, the first server may be Docker's resolver at the gateway: say nothing.
    if (gateways.size === 0) return [];
    return [
      {
        id: 'container-dns-stale',
        severity: 'medium',
        title: `${fp.container.name} resolves with ${list(servers)}, none of the host's DNS servers`,
        detail: `Inside ${fp.container.name}, ipconfig shows DNS servers ${list(servers)}; the host uses ${list([...host])} now and the nat gateway is ${list([...gateways])}. Docker captured the DNS servers when the nat network was created, so after a network or VPN change containers keep asking the old ones.`,
        subjects: [containerSubject(fp.container)],
        evidence: [
          ...fp.dnsServers.evidence,
          evidenceFrom(model.dnsServers.source, `host DNS servers: ${[...host].join(', ')}`),
        ],
        fix: stepsFix(
          `Give the container current servers: add "dns": [${[...host]
            .slice(0, 2)
            .map((h) => `"${h}"`)
            .join(
              ', ',
            )}] to daemon.json (or --dns on the container's run command) and restart docker and the container; networks created after a network change pick up the host's servers.`,
        ),
        references: [REF.dnsStale, REF.dnsStale2],
      },
    ];
  });
}

function engineProxyMissing(model: HostModel): Finding[] {
  if (model.proxy.kind !== 'known') return [];
  const p = model.proxy.value;
  const machine = p.machine?.httpsProxy ?? p.machine?.httpProxy ?? null;
  const winHttp = p.winHttp && p.winHttp.direct === false ? p.winHttp.proxyServer : null;
  const wanted = machine ?? winHttp;
  if (wanted === null || p.dockerService === null) return [];
  if (p.dockerService.httpProxy || p.dockerService.httpsProxy) return [];
  // The docker service inherits machine-level variables: a machine proxy reaches it without its own entry.
  if (machine !== null) return [];
  return [
    {
      id: 'engine-proxy-missing',
      severity: 'medium',
      title: `WinHTTP uses the proxy ${wanted}, the docker service has none`,
      detail: `${model.proxy.source.file}: netsh winhttp shows the proxy ${wanted}, but neither the machine environment nor the docker service's Environment sets HTTP_PROXY or HTTPS_PROXY. dockerd does not read the WinHTTP setting: docker pull hangs or times out ("Client.Timeout exceeded while awaiting headers").`,
      subjects: [HOST_SUBJECT, windowsServiceSubject('docker')],
      evidence: [
        evidenceFrom(
          model.proxy.source,
          `WinHttp proxy ${wanted}; docker service Environment: ${p.dockerService.names.join(', ') || 'none'}`,
        ),
      ],
      fix: commandFix(
        `[Environment]::SetEnvironmentVariable('HTTPS_PROXY', ${psQuote(/^https?:\/\//i.test(wanted) ? wanted : `http://${wanted}`)}, 'Machine'); Restart-Service docker`,
        'Restarting docker stops containers without a restart policy.',
      ),
      references: [REF.engineProxy, REF.engineProxy2],
    },
  ];
}

// ---- platform (catalogue 22, 25, 35) -------------------------------------------------------------------

function ipv6Unsupported(model: HostModel): Finding[] {
  if (model.daemonConfig.kind !== 'known' || model.daemonConfig.value === null) return [];
  const asked = model.daemonConfig.value.options.filter((o) => /^(ipv6|fixed-cidr-v6)$/i.test(o));
  if (asked.length === 0) return [];
  return [
    {
      id: 'ipv6-unsupported',
      severity: 'medium',
      title: `daemon.json asks for IPv6 (${asked.join(', ')}), which the Windows drivers refuse`,
      detail: `daemon.json sets ${list(asked.map((o) => `"${o}"`))}. Docker's Windows network drivers have no IPv6: networks fail to create ("not supported by null ipam driver", "Element not found", 0x490).`,
      subjects: [HOST_SUBJECT],
      evidence: [evidenceFrom(model.daemonConfig.source, `options: ${asked.join(', ')}`)],
      fix: stepsFix(
        `Remove ${list(asked.map((o) => `"${o}"`))} from daemon.json, then Restart-Service docker.`,
      ),
      references: [REF.ipv6Unsupported, REF.ipv6Unsupported2],
    },
  ];
}

/**
 * Builds and updates the catalogue names as regressions for Docker containers (entry 22; not exhaustive). The
 * 20348 KB5040437 regression is left out: the catalogue reports it for Kubernetes networking, not Docker's.
 */
const BAD_UPDATES: readonly {
  readonly build: number;
  readonly from: number;
  readonly to: number;
  readonly what: string;
  readonly ref: string;
}[] = [
  {
    build: 14393,
    from: 576,
    to: 576,
    what: 'host to container TCP broken (moby#29444)',
    ref: REF.hostToContainer14393,
  },
];

function knownBadUpdate(model: HostModel): Finding[] {
  if (model.host.kind !== 'known' || model.host.value.build === null) return [];
  const { build, ubr } = model.host.value;
  const out: Finding[] = [];
  for (const bad of BAD_UPDATES) {
    if (bad.build !== build || ubr === null || ubr < bad.from || ubr > bad.to) continue;
    out.push({
      id: 'known-bad-update',
      severity: 'medium',
      title: `Build ${build}.${ubr} carries a known container regression`,
      detail: `This host runs ${build}.${ubr}: ${bad.what}.`,
      subjects: [HOST_SUBJECT],
      evidence: [evidenceFrom(model.host.source, `BuildNumber ${build}, UBR ${ubr}`)],
      fix: stepsFix(
        'Install the latest cumulative update (sconfig, option 6, or Windows Update) and reboot.',
      ),
      references: [bad.ref],
    });
  }
  if (model.hotfixes.kind === 'known') {
    const kb = model.hotfixes.value.find((h) => /^KB4074588$/i.test(h.id));
    if (kb)
      out.push({
        id: 'known-bad-update',
        severity: 'medium',
        title: 'KB4074588 is installed: it moved the dynamic port range into ports containers publish',
        detail: `${model.hotfixes.source.file} lists KB4074588 (February 2018), which moved the dynamic port range; Hyper-V then reserves blocks that hold commonly published ports ("access a socket in a way forbidden"). Check host/excludedports.txt against the published ports.`,
        subjects: [HOST_SUBJECT],
        evidence: [
          evidenceFrom(model.hotfixes.source, `${kb.id} installed ${kb.installedOn ?? '(date unknown)'}`),
        ],
        fix: commandFix(
          'netsh int ipv4 show excludedportrange protocol=tcp; netsh int ipv4 show dynamicport tcp',
        ),
        references: [REF.portReservedKb],
      });
  }
  return out;
}

const VM_MARKS = /virtual machine|vmware|virtualbox|kvm|qemu|xen|amazon ec2|google compute engine|hvm domu/i;

function transparentOnVm(model: HostModel): Finding[] {
  if (model.computer.kind !== 'known' || model.networks.kind !== 'known') return [];
  const pc = model.computer.value;
  const vm = `${pc.manufacturer ?? ''} ${pc.model ?? ''}`;
  if (!VM_MARKS.test(vm)) return [];
  const bridged = model.networks.value.filter((n) => /^(transparent|l2bridge)$/i.test(n.driver));
  if (bridged.length === 0) return [];
  return [
    {
      id: 'transparent-on-vm',
      severity: 'info',
      title: `${list(bridged.map((n) => `${n.name} (${n.driver})`))} on a host that is itself a VM`,
      detail: `This host is a virtual machine (${vm.trim()}). Containers on a transparent or l2bridge network send with their own MAC addresses through the VM's adapter: the outer hypervisor must allow MAC spoofing (Hyper-V) or forged transmits (VMware), and Azure VMs cannot, or the containers get no address and nobody reaches them.`,
      subjects: [HOST_SUBJECT],
      evidence: [
        evidenceFrom(
          model.computer.source,
          `Manufacturer ${pc.manufacturer ?? '?'}, Model ${pc.model ?? '?'}`,
        ),
        evidenceFrom(model.networks.source, bridged.map((n) => `${n.name}: driver ${n.driver}`).join('; ')),
      ],
      fix: stepsFix(
        `On the Hyper-V parent: Set-VMNetworkAdapter -VMName ${psQuote(model.computerName ?? '<this VM>')} -MacAddressSpoofing On; on VMware allow MAC changes and forged transmits on the port group; on Azure use a nat or overlay network instead.`,
      ),
      references: [REF.macSpoofing, REF.macSpoofing2],
    },
  ];
}

// ---- host.docker.internal (catalogue 14) ---------------------------------------------------------

/**
 * Docker Desktop's own processes on the host: where it runs, containers are written for host.docker.internal. The
 * names are those of Docker Desktop for Windows (its UI, backend and service); unconfirmed against a captured
 * bundle, so only an exact name counts.
 */
const DOCKER_DESKTOP_PROCESS = /^(docker desktop|com\.docker\.backend|com\.docker\.service)(\.exe)?$/i;

function hostAliasMissing(model: HostModel, c: Correlation): Finding[] {
  if (model.processes.kind !== 'known') return [];
  const desktop = model.processes.value.find((p) => DOCKER_DESKTOP_PROCESS.test(p.name));
  if (!desktop) return [];
  const desktopEvidence = evidenceFrom(model.processes.source, `${desktop.name} (PID ${desktop.pid})`);
  const out: Finding[] = [];
  for (const fp of c.footprints.values()) {
    if (!fp.running || !fp.container.networks.some((n) => n.ip)) continue;
    // The same check as the outbound question's host-alias hop: only a hosts file read and lacking the name fires.
    const check = hostAliasCheck(model, c, fp.container);
    const cause = check.causes.find((k) => k.id === 'host-alias-missing');
    if (check.hop.status !== 'fail' || !cause) continue;
    out.push({
      id: 'host-alias-missing',
      severity: 'low',
      title: cause.title,
      detail: `${cause.explanation} Docker Desktop runs on this host, so images written for it expect the name.`,
      subjects: [containerSubject(fp.container)],
      evidence: [desktopEvidence, ...check.hop.evidence],
      fix: cause.fix,
      references: cause.references,
    });
  }
  return out;
}

/** Every 1.1 finding, in the order of the contract's table. */
export function findings11(model: HostModel, c: Correlation): Finding[] {
  return [
    ...portReserved(model, c),
    ...portPublishRefused(model, c),
    ...networkMissing(model, c),
    ...hnsEndpointFindings(model, c),
    ...natPrefixOverlap(model, c),
    ...natLayout(model, c),
    ...servicesDown(model),
    ...hnsErrors(model),
    ...hostNicApipa(model),
    ...natSwitchWrongType(model, c),
    ...mtuMismatch(model),
    ...containerDnsStale(model, c),
    ...hostAliasMissing(model, c),
    ...engineProxyMissing(model),
    ...ipv6Unsupported(model),
    ...knownBadUpdate(model),
    ...transparentOnVm(model),
  ];
}
