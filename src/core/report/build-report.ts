// Host model + diagnosis -> report document. Pure: the caller passes the clock and any container scope.
import { probeSpec } from '../../shared/bundle';
import { SEVERITIES, type Explanation, type Finding, type Verdict } from '../../shared/diagnosis';
import type { Container, HostModel, Known, ProbeOutcome } from '../../shared/model';
import { HOSTSCOPE_VERSION } from '../../shared/version';
import {
  buildCapabilities,
  compareIsolation,
  correlate,
  decisiveHop,
  findContainer,
  findings as findFindings,
  fromLabel,
  inspect,
  outboundMatrix,
  lifecycleLine,
  isolationOverview,
  reachabilityMatrix,
  toLabel,
  type Correlation,
} from '../diagnosis';
import { listOf, missingNote, valueOf } from '../diagnosis/known';
import { observedExplanations } from '../checks/observed';
import { explanationJson, findingJson } from '../diagnosis/subjects';
import { hostCounts, swarmRole } from '../summary';
import {
  REPORT_SCHEMA,
  REPORT_SCHEMA_VERSION,
  type OutboundRow,
  type PathsByCause,
  type ReachRow,
  type ReportContainer,
  type ReportDetail,
  type ReportDocument,
  type ReportHost,
  type ReportProbe,
} from './document';

export interface ReportOptions {
  /** ISO time the report is generated at (core reads no clock). */
  readonly generatedAt: string;
  /** Container names, ids or unique id prefixes to limit the report to; empty or absent for the whole host. */
  readonly containers?: readonly string[];
  /** Reuse a correlation the caller already computed. */
  readonly correlation?: Correlation;
  /** `problems` keeps only what fails in the details; `all` (the default) keeps everything. */
  readonly detail?: ReportDetail;
}

export type ReportOutcome =
  | { readonly kind: 'ok'; readonly document: ReportDocument }
  | { readonly kind: 'not-found'; readonly ref: string }
  | {
      readonly kind: 'ambiguous';
      readonly ref: string;
      readonly candidates: readonly { readonly id: string; readonly name: string }[];
    };

const PROBE_STATUS_ORDER: readonly ReportProbe['status'][] = [
  'ok',
  'failed',
  'timeout',
  'unsupported',
  'skipped',
  'missing',
  'invalid',
];
const VERDICT_ORDER: readonly Verdict[] = ['unreachable', 'unknown', 'reachable'];

function baseName(source: string): string {
  const parts = source.split(/[\\/]/).filter((p) => p !== '');
  return parts.at(-1) ?? source;
}

function unknownNotes(model: HostModel): string[] {
  const parts: readonly Known<unknown>[] = [
    model.host,
    model.engine,
    model.containers,
    model.networks,
    model.processes,
    model.natMappings,
    model.firewallRules,
    model.firewallProfiles,
    model.disks,
    model.tcp,
  ];
  return parts.flatMap((part) => (part.kind === 'unknown' ? [missingNote(part)] : []));
}

function hostSection(model: HostModel): ReportHost {
  const host = valueOf(model.host);
  const engine = valueOf(model.engine);
  const counts = hostCounts(model);
  return {
    computerName: model.computerName,
    os: host && {
      caption: host.caption,
      version: host.version,
      build: host.build,
      ubr: host.ubr,
      edition: host.editionId,
      installationType: host.installationType,
      features: host.features,
      lastBootUpTime: host.lastBootUpTime,
    },
    engine: engine && {
      version: engine.version,
      apiVersion: engine.apiVersion,
      defaultIsolation: engine.defaultIsolation,
      swarm: swarmRole(engine.swarm),
    },
    capabilities: buildCapabilities(host),
    counts: [
      { label: 'Containers', value: counts.containers },
      { label: 'Running containers', value: counts.runningContainers },
      { label: 'Docker networks', value: counts.networks },
      { label: 'WinNAT static mappings', value: counts.natMappings },
      { label: 'Enabled inbound firewall rules', value: counts.inboundFirewallRules },
      { label: 'Swarm services', value: counts.swarmServices },
    ],
    unknowns: unknownNotes(model),
  };
}

function probeRows(probes: readonly ProbeOutcome[]): ReportDocument['probes'] {
  const rows = probes.map((p) => ({
    id: p.id,
    title: probeSpec(p.id)?.title ?? p.id,
    status: p.status,
    detail: p.detail,
    durationMs: p.durationMs,
  }));
  const counts = PROBE_STATUS_ORDER.map((status) => ({
    status,
    count: rows.filter((r) => r.status === status).length,
  })).filter((c) => c.count > 0);
  return { counts, rows };
}

/** The hop that decided the verdict: the first failure, else the first undecided hop. */
// external and host-localhost name a host port; host and container:<ref> name the container's own port.
function portLabel(explanation: Explanation, container: Container | undefined): string {
  const { port, protocol } = explanation;
  const byHost = explanation.source.kind === 'external' || explanation.source.kind === 'host-localhost';
  const published = container?.publishedPorts.find(
    (p) => p.protocol === protocol && (byHost ? p.hostPort === port : p.containerPort === port),
  );
  if (!published || published.hostPort === null) return `${port}/${protocol}`;
  return `${published.hostPort} -> ${published.containerPort}/${protocol}`;
}

/** Failing paths under their first cause (or deciding hop), unreachable first: a repeated cause is said once. */
function groupByCause<Row extends ReachRow | OutboundRow>(
  rows: readonly Row[],
  pathText: (row: Row) => string,
): PathsByCause {
  const groups = new Map<string, { cause: string; causeId: string | null; paths: string[] }>();
  const ordered = [...rows].sort(
    (a, b) => VERDICT_ORDER.indexOf(a.explanation.verdict) - VERDICT_ORDER.indexOf(b.explanation.verdict),
  );
  for (const row of ordered) {
    const first = row.explanation.causes[0];
    const cause = first?.title ?? `${row.decisiveHop?.title ?? 'undecided'}: ${row.explanation.verdict}`;
    const key = `${first?.id ?? ''}\u0000${cause}`;
    const group = groups.get(key) ?? { cause, causeId: first?.id ?? null, paths: [] };
    group.paths.push(pathText(row));
    groups.set(key, group);
  }
  return [...groups.values()];
}

const inboundPath = (row: ReachRow): string =>
  `${row.explanation.container.name} ${row.portLabel} from ${row.fromLabel}`;
const outboundPath = (row: OutboundRow): string =>
  `${row.explanation.container.name} to ${row.toLabel} ${row.portLabel}`;

const countsOf = (
  rows: readonly (ReachRow | OutboundRow)[],
): { readonly verdict: Verdict; readonly count: number }[] =>
  VERDICT_ORDER.map((verdict) => ({
    verdict,
    count: rows.filter((r) => r.explanation.verdict === verdict).length,
  }));

function severityRank(finding: Finding): number {
  return SEVERITIES.indexOf(finding.severity);
}

/** Builds the report for the whole host, or for the containers named in `options.containers`. */
export function buildReport(model: HostModel, options: ReportOptions): ReportOutcome {
  const correlation = options.correlation ?? correlate(model);
  const all = listOf(model.containers);

  // Resolve the scope first: a name that matches nothing must fail loudly, not give an empty report.
  const scoped: Container[] = [];
  for (const ref of options.containers ?? []) {
    const lookup = findContainer(model, ref);
    if (lookup.kind === 'not-found') return { kind: 'not-found', ref };
    if (lookup.kind === 'ambiguous') {
      return {
        kind: 'ambiguous',
        ref,
        candidates: lookup.candidates.map((c) => ({ id: c.id, name: c.name })),
      };
    }
    if (!scoped.some((c) => c.id === lookup.container.id)) scoped.push(lookup.container);
  }
  const limited = scoped.length > 0;
  const selected = limited ? scoped : all;
  const selectedIds = new Set(selected.map((c) => c.id));
  const services = new Set(selected.flatMap((c) => (c.swarm ? [c.swarm.serviceName] : [])));

  // A limited report keeps host-wide findings and those about its containers or their services.
  const inScope = (finding: Finding): boolean =>
    !limited ||
    finding.subjects.some(
      (s) =>
        s.kind === 'host' ||
        s.kind === 'windows-service' ||
        (s.kind === 'container' && selectedIds.has(s.id)) ||
        (s.kind === 'service' && services.has(s.name)),
    );
  const matrix = reachabilityMatrix(model, correlation);
  const findingItems = findFindings(model, correlation, matrix)
    .filter(inScope)
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => severityRank(a.finding) - severityRank(b.finding) || a.index - b.index)
    .map(({ finding }) => finding);

  const byId = new Map(all.map((c) => [c.id, c]));
  const rowOf = (explanation: Explanation): ReachRow => ({
    explanation: explanationJson(explanation),
    decisiveHop: decisiveHop(explanation),
    portLabel: portLabel(explanation, byId.get(explanation.container.id)),
    fromLabel: fromLabel(explanation.source, (id) => byId.get(id)?.name),
  });
  const allRows: ReachRow[] = matrix.filter((e) => selectedIds.has(e.container.id)).map(rowOf);
  const observations = observedExplanations(model, correlation)
    .filter((e) => selectedIds.has(e.container.id))
    .map(rowOf);
  // The container asking is the one in scope, as the container asked about is for inbound rows.
  const allOutbound: OutboundRow[] = outboundMatrix(model, correlation, matrix)
    .filter((e) => selectedIds.has(e.container.id))
    .map((explanation) => ({
      explanation: explanationJson(explanation),
      decisiveHop: decisiveHop(explanation),
      portLabel: `${explanation.port}/${explanation.protocol}`,
      toLabel: toLabel(explanation.to, (id) => byId.get(id)?.name),
    }));
  const detail = options.detail ?? 'all';
  const failingRows = allRows.filter((r) => r.explanation.verdict !== 'reachable');
  const rows = detail === 'problems' ? failingRows : allRows;
  const failingOutbound = allOutbound.filter((r) => r.explanation.verdict !== 'reachable');
  const troubled = new Set([
    ...failingRows.map((r) => r.explanation.container.id),
    ...failingOutbound.map((r) => r.explanation.container.id),
    // Info and low findings (no mount, Hyper-V has no host rules) are notes, not problems to detail.
    ...findingItems
      .filter((f) => f.severity !== 'info' && f.severity !== 'low')
      .flatMap((f) => f.subjects.flatMap((x) => (x.kind === 'container' ? [x.id] : []))),
  ]);
  const detailed = detail === 'problems' ? selected.filter((c) => troubled.has(c.id)) : selected;

  const containers: ReportContainer[] = detailed.map((container) => ({
    inspect: inspect(model, container, correlation),
    swarmService: container.swarm?.serviceName ?? null,
    lifecycle: lifecycleLine(model, container),
    findingIds: findingItems
      .filter((f) => f.subjects.some((s) => s.kind === 'container' && s.id === container.id))
      .map((f) => f.id),
  }));

  // The walkthrough compares the first running container of each mode, preferring the report's own containers.
  const isolationOf = (c: Container): string | null =>
    containers.find((r) => r.inspect.id === c.id)?.inspect.isolation ??
    inspect(model, c, correlation).isolation;
  const candidates = [...selected, ...all.filter((c) => !selectedIds.has(c.id))].filter(
    (c) => c.state === 'running',
  );
  const processContainer = candidates.find((c) => isolationOf(c) === 'process');
  const hypervContainer = candidates.find((c) => isolationOf(c) === 'hyperv');
  const isolation =
    processContainer && hypervContainer
      ? compareIsolation(model, processContainer, hypervContainer, correlation)
      : null;

  const computer = model.computerName;
  const containersKnown = model.containers.kind === 'known';
  return {
    kind: 'ok',
    document: {
      schema: REPORT_SCHEMA,
      schemaVersion: REPORT_SCHEMA_VERSION,
      generator: { name: 'hostscope', version: HOSTSCOPE_VERSION },
      generatedAt: options.generatedAt,
      title: `Container host report${computer ? `: ${computer}` : ''}`,
      bundle: {
        name: baseName(model.bundle.source),
        collectedAt: model.bundle.collectedAt,
        collector: model.bundle.collector
          ? `${model.bundle.collector.name}${model.bundle.collector.version ? ` ${model.bundle.collector.version}` : ''}`
          : null,
        fileCount: model.bundle.files.length,
      },
      scope: limited ? selected.map((c) => c.name) : [],
      detail,
      problems: {
        failingPaths: failingRows.length,
        byCause: groupByCause(failingRows, inboundPath),
        failingOutbound: failingOutbound.length,
        outboundByCause: groupByCause(failingOutbound, outboundPath),
      },
      host: hostSection(model),
      probes: probeRows(model.probes),
      findings: {
        counts: SEVERITIES.map((severity) => ({
          severity,
          count: findingItems.filter((f) => f.severity === severity).length,
        })),
        items: findingItems.map(findingJson),
      },
      containers: {
        total: containersKnown ? all.length : null,
        running: containersKnown ? all.filter((c) => c.state === 'running').length : null,
        items: containers,
      },
      reachability: { counts: countsOf(allRows), rows },
      outbound: {
        counts: countsOf(allOutbound),
        rows: detail === 'problems' ? failingOutbound : allOutbound,
      },
      observations,
      isolation,
      isolationOverview:
        detailed.length === 0
          ? null
          : isolationOverview(model, correlation, new Set(detailed.map((c) => c.id))),
      redaction: null,
    },
  };
}
