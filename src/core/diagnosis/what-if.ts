// What changes if a container ran in the other isolation mode (issue 16): the same engine (correlate, explain,
// the reachability matrix) run on the model with that container's isolation flipped. What the host would see is
// the knowledge notes' section 2; the rules Docker makes or would make follow the same notes (process isolation:
// a host rule per published port; Hyper-V: none, the utility VM's own firewall decides).

import type { Evidence, Explanation, WhatIf, WhatIfPoint, WhatIfRow } from '../../shared/diagnosis';
import type { Container, FirewallRule, HostModel, Isolation } from '../../shared/model';
import { correlate, footprintOf, type Correlation } from './correlate';
import { processLabel, type Footprint } from './footprint';
import { compatibilityOf } from './image-compatibility';
import { isolationProfile, utilityVmMemoryBytes } from './isolation-walkthrough';
import { evidenceFrom } from './known';
import { containerMatrix } from './matrix';
import { decisiveHop } from './reach-summary';
import { REF } from './references';

const MB = 1024 * 1024;
const mb = (bytes: number): string => `${Math.round(bytes / MB)} MB`;
/** The rules that name only this container's ports: the ones Docker made for it (rules match by port, never name). */
function ownRules(fp: Footprint, correlation: Correlation): readonly FirewallRule[] {
  const others = new Set<string>();
  for (const other of correlation.footprints.values()) {
    if (other === fp) continue;
    for (const p of other.publications)
      others.add(`${p.protocol}/${p.containerPort}`).add(`${p.protocol}/${p.hostPort ?? p.containerPort}`);
  }
  return fp.firewallRules.filter((r) => {
    if (!r.enabled || r.direction !== 'inbound' || r.localPorts.kind !== 'list') return false;
    const ports = r.localPorts.ranges.flatMap(([a, b]) => (a === b ? [a] : []));
    return (
      ports.length === r.localPorts.ranges.length &&
      ports.every((port) => !others.has(`${r.protocol}/${port}`) && !others.has(`tcp/${port}`))
    );
  });
}

/** The allow rule Docker/HNS creates for a published port of a process-isolated container (knowledge notes §2). */
function dockerPortRule(protocol: 'tcp' | 'udp', port: number): FirewallRule {
  return {
    name: `what-if: Docker's rule for ${port}/${protocol}`,
    displayName: `what-if: the rule Docker would create for ${port}/${protocol}`,
    group: null,
    enabled: true,
    direction: 'inbound',
    action: 'allow',
    profiles: ['domain', 'private', 'public'],
    policyStoreSource: null,
    protocol,
    localPorts: { kind: 'list', ranges: [[port, port]], keywords: [] },
    remotePorts: { kind: 'any' },
    localAddresses: ['Any'],
    remoteAddresses: ['Any'],
    program: null,
    interfaceAliases: null,
  };
}

/** The model as it would be with `container` in `to`: its HostConfig.Isolation and the host rules that follow. */
function flippedModel(
  model: HostModel,
  fp: Footprint,
  to: Isolation,
  correlation: Correlation,
): { model: HostModel; removed: readonly FirewallRule[]; added: readonly FirewallRule[] } {
  const flipped: Container = { ...fp.container, isolationRequested: to };
  const containers =
    model.containers.kind === 'known'
      ? {
          ...model.containers,
          value: model.containers.value.map((c) => (c.id === fp.container.id ? flipped : c)),
        }
      : model.containers;
  let removed: readonly FirewallRule[] = [];
  let added: readonly FirewallRule[] = [];
  let rules = model.firewallRules;
  if (rules.kind === 'known') {
    if (to === 'hyperv') {
      removed = ownRules(fp, correlation);
      const gone = new Set(removed);
      rules = { ...rules, value: rules.value.filter((r) => !gone.has(r)) };
    } else {
      const ports = [...new Set(fp.publications.map((p) => `${p.protocol}/${p.containerPort}`))];
      added = ports.map((key) => {
        const [protocol, port] = key.split('/') as ['tcp' | 'udp', string];
        return dockerPortRule(protocol, Number(port));
      });
      rules = { ...rules, value: [...rules.value, ...added] };
    }
  }
  return { model: { ...model, containers, firewallRules: rules }, removed, added };
}

/**
 * The correlation of the flipped model without correlating every container again: the others keep their
 * footprints, this one gets its own from the flipped model, and the firewall index follows the flipped rules.
 */
function withFlipped(flipped: HostModel, correlation: Correlation, id: string): Correlation {
  const container =
    flipped.containers.kind === 'known' ? flipped.containers.value.find((c) => c.id === id) : undefined;
  if (!container) return correlate(flipped);
  const alone = correlate({
    ...flipped,
    containers: { kind: 'known', value: [container], source: flipped.containers.source },
  });
  const footprints = new Map(correlation.footprints);
  footprints.set(id, alone.footprints.get(id)!);
  return {
    ...correlation,
    containers: correlation.containers.map((c) => (c.id === id ? container : c)),
    containerById: new Map(correlation.containerById).set(id.toLowerCase(), container),
    firewall: alone.firewall,
    footprints,
  };
}

function rowKey(e: Explanation): string {
  return `${e.from}|${e.protocol}|${e.port}`;
}

function why(e: Explanation): string | null {
  const hop = decisiveHop(e);
  return hop ? `${hop.title}: ${hop.status}` : null;
}

function vmMemoryHere(
  model: HostModel,
  correlation: Correlation,
): { text: string; evidence: Evidence[] } | null {
  if (model.processes.kind !== 'known') return null;
  const seen: { name: string; bytes: number; label: string }[] = [];
  for (const fp of correlation.footprints.values()) {
    if (fp.utilityVm.kind !== 'found') continue;
    const memory = fp.utilityVm.value.memory;
    if (memory?.workingSet)
      seen.push({ name: fp.container.name, bytes: memory.workingSet, label: processLabel(memory) });
  }
  if (seen.length === 0) return null;
  const average = seen.reduce((sum, s) => sum + s.bytes, 0) / seen.length;
  return {
    text: `a utility VM on this host uses about ${mb(average)} of host memory (${seen
      .slice(0, 3)
      .map((s) => `${s.name}: ${mb(s.bytes)}`)
      .join(', ')}, measured on its vmmem process)`,
    evidence: seen
      .slice(0, 3)
      .map((s) => evidenceFrom(model.processes.source, `${s.label} WorkingSet64 ${s.bytes} (${s.name})`)),
  };
}

/** What would change for `container` in the other isolation mode (or in `to`). */
export function whatIf(
  model: HostModel,
  container: Container,
  to?: Isolation,
  correlation: Correlation = correlate(model),
): WhatIf {
  const fp = footprintOf(model, correlation, container);
  const from = fp.isolation.value;
  const target: Isolation = to ?? (from === 'hyperv' ? 'process' : 'hyperv');
  const compat = compatibilityOf(model, correlation, container);
  const start = compat.image[target];
  const flipped = flippedModel(model, fp, target, correlation);
  const flippedCorrelation = withFlipped(flipped.model, correlation, fp.container.id);
  const now = isolationProfile(model, container, correlation);
  const nowText = (id: string): string => now.points.find((p) => p.id === id)?.observed ?? 'unknown';
  const nowEvidence = (id: string): readonly Evidence[] =>
    now.points.find((p) => p.id === id)?.evidence ?? [];
  const toHyperv = target === 'hyperv';
  const same = from === target;

  const points: WhatIfPoint[] = [
    {
      id: 'kernel',
      title: 'Kernel and security boundary',
      now:
        from === 'process'
          ? 'it shares the host kernel: a kernel flaw reachable from inside could reach the host'
          : from === 'hyperv'
            ? 'it has its own kernel in a small utility VM: the hypervisor separates it from the host'
            : 'unknown: its isolation mode is unknown',
      then: toHyperv
        ? 'its own kernel in a utility VM, separated from the host by the hypervisor'
        : 'the host kernel, shared with the host and every process-isolated container',
      changes: !same,
      evidence: fp.isolation.evidence,
      reference: REF.containerTypesDoc,
    },
    {
      id: 'processes',
      title: 'Its processes, seen from the host',
      now: nowText('processes'),
      then: toHyperv
        ? 'none of its processes on the host: only the utility VM worker (vmwp) and its memory (vmmem)'
        : 'each of its processes on the host, with the same process IDs as inside',
      changes: !same,
      evidence: nowEvidence('processes'),
      reference: REF.hypervHostView,
    },
    {
      id: 'session',
      title: 'Session on the host',
      now: nowText('session'),
      then: toHyperv
        ? 'no session of its own on the host (the VM worker runs in session 0)'
        : 'a session of its own on the host, marked by CExecSvc',
      changes: !same,
      evidence: nowEvidence('session'),
      reference: REF.containerSession,
    },
    {
      id: 'sandbox-disk',
      title: 'Its disk (sandbox.vhdx)',
      now: nowText('sandbox-disk'),
      then: toHyperv
        ? 'not mounted on the host: the disk is attached inside the utility VM'
        : 'mounted on the host as a virtual disk without a drive letter',
      changes: !same,
      evidence: nowEvidence('sandbox-disk'),
      reference: REF.hypervIsolationDoc,
    },
    {
      id: 'firewall-rules',
      title: 'Host firewall rules for it',
      now: nowText('firewall-rules'),
      then: toHyperv
        ? flipped.removed.length > 0
          ? `Docker would not create its ${flipped.removed.length} port rule${flipped.removed.length > 1 ? 's' : ''} (${flipped.removed
              .slice(0, 3)
              .map((r) => `"${r.displayName ?? r.name}"`)
              .join(', ')}); the utility VM's own firewall decides, default allow`
          : "no host rules for it; the utility VM's own firewall decides, default allow"
        : flipped.added.length > 0
          ? `Docker would create an allow rule on the host for each published port (${flipped.added
              .map((r) =>
                r.localPorts.kind === 'list' ? `${r.localPorts.ranges[0]![0]}/${r.protocol}` : r.protocol,
              )
              .join(', ')}), and rules for DNS, DHCP and traffic between containers`
          : 'Docker would create host rules for DNS, DHCP and traffic between containers; it publishes no port',
      changes: !same,
      evidence: [
        ...nowEvidence('firewall-rules'),
        ...(model.firewallRules.kind === 'known'
          ? flipped.removed.map((r) =>
              evidenceFrom(model.firewallRules.source, `would not be created: "${r.displayName ?? r.name}"`),
            )
          : []),
      ],
      reference: REF.networkIsolationDoc,
    },
    {
      id: 'compatibility',
      title: 'Would it start?',
      now: compat.image[from ?? 'process'].reason,
      then:
        start.verdict === 'runs'
          ? `yes: ${start.reason}`
          : start.verdict === 'fails'
            ? `no, it would not start (0xc0370101): ${start.reason}`
            : `unknown: ${start.reason}`,
      changes: compat.image[from ?? 'process'].verdict !== start.verdict,
      evidence: [],
      reference: start.reference,
    },
    memoryPoint(model, fp, from, target, correlation),
    {
      id: 'start-up',
      title: 'Start-up',
      now: from === 'hyperv' ? 'each start boots its utility VM first' : 'it starts as processes on the host',
      then: toHyperv
        ? 'each start would boot a utility VM first: slower, by seconds (not measured in this bundle)'
        : 'it would start as processes on the host, without a VM to boot',
      changes: !same,
      evidence: [],
      reference: REF.hypervIsolationDoc,
    },
  ];

  const before = containerMatrix(model, container.id, correlation);
  const after = containerMatrix(flipped.model, container.id, flippedCorrelation);
  const afterByKey = new Map(after.map((e) => [rowKey(e), e]));
  const changed: WhatIfRow[] = [];
  let unchanged = 0;
  for (const e of before) {
    const then = afterByKey.get(rowKey(e));
    // A container that would not start answers nobody; the rest is the engine's verdict on the flipped model.
    const thenVerdict = start.verdict === 'fails' ? 'unreachable' : (then?.verdict ?? 'unknown');
    const thenWhy =
      start.verdict === 'fails' ? 'it would not start (0xc0370101)' : then ? why(then) : 'not computed';
    if (thenVerdict === e.verdict && (start.verdict === 'fails' || thenWhy === why(e))) {
      unchanged++;
      continue;
    }
    changed.push({
      from: e.from,
      port: e.port,
      protocol: e.protocol,
      now: e.verdict,
      then: thenVerdict,
      nowWhy: why(e),
      thenWhy,
    });
  }
  return {
    container: { id: container.id, name: container.name },
    from,
    to: target,
    start,
    points,
    reachability: { changed, unchanged },
  };
}

function memoryPoint(
  model: HostModel,
  fp: Footprint,
  from: Isolation | null,
  to: Isolation,
  correlation: Correlation,
): WhatIfPoint {
  const base = { id: 'memory' as const, title: 'Memory', reference: REF.utilityVmMemory };
  const own = fp.utilityVm.kind === 'found' ? fp.utilityVm.value.memory : null;
  const now =
    from === 'hyperv'
      ? own?.workingSet
        ? `its utility VM uses ${mb(own.workingSet)} of host memory (vmmem)`
        : 'its utility VM holds host memory; how much is not in this bundle'
      : fp.session.kind === 'found'
        ? `its ${fp.hostProcesses.length} processes use ${mb(fp.hostProcesses.reduce((s, p) => s + (p.workingSet ?? 0), 0))} of host memory`
        : 'its processes use host memory directly; how much is not in this bundle';
  if (to === 'hyperv') {
    const here = vmMemoryHere(model, correlation);
    const limit = fp.container.memoryLimitBytes;
    const sized = `${mb(utilityVmMemoryBytes(limit))} (${limit === null ? 'it sets no memory limit' : `its ${mb(limit)} limit plus 256 MB`})`;
    return {
      ...base,
      now,
      then: here
        ? `a utility VM would hold memory besides its processes: ${here.text}; Docker would size its VM at ${sized}`
        : `unknown: no Hyper-V container runs on this host to measure a utility VM's memory (Docker would size its VM at ${sized})`,
      changes: from !== 'hyperv',
      evidence: here?.evidence ?? [],
    };
  }
  return {
    ...base,
    now,
    then: own?.workingSet
      ? `its processes would use host memory directly, and the utility VM's ${mb(own.workingSet)} would be freed`
      : 'its processes would use host memory directly, without a utility VM; how much the VM frees is not in this bundle',
    changes: from !== 'process',
    evidence:
      own && model.processes.kind === 'known'
        ? [
            evidenceFrom(
              model.processes.source,
              `${processLabel(own)} WorkingSet64 ${own.workingSet ?? 'unknown'}`,
            ),
          ]
        : [],
  };
}

/** A what-if in one line, for reports and the CLI; a container past the overview's cap says how to get it. */
export function whatIfLine(w: WhatIf | null, name: string): string {
  if (w === null) return `not computed for this many containers: hostscope isolation --what-if ${name}`;
  const start =
    w.start.verdict === 'fails'
      ? 'it would not start'
      : w.start.verdict === 'runs'
        ? 'it would start'
        : 'start unknown';
  const changed =
    w.reachability.changed
      .map((r) => `${r.from} ${r.port}/${r.protocol}: ${r.now} -> ${r.then}`)
      .join('; ') || 'no reachability row changes';
  const mode = w.to === 'hyperv' ? 'Hyper-V' : 'process';
  return `In ${mode} isolation: ${start}; ${w.points.filter((p) => p.changes).length} of ${w.points.length} points change; ${changed}`;
}
