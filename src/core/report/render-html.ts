// The report as one self-contained HTML file: inline CSS and SVG, no script, nothing fetched (a CSP says so
// too), readable on screen and printable (section page breaks, repeated table headers, no cut rows).
import type {
  Fix,
  Cause,
  Evidence,
  FindingJson,
  Hop,
  IsolationComparison,
  IsolationOverview,
  Severity,
  Verdict,
} from '../../shared/diagnosis';
import type { CapabilityStatus } from '../../shared/views';
import type { RedactionSummary } from '../redact';
import { INTERNET_PORT, whatIfLine } from '../diagnosis';
import type { OutboundRow, PathsByCause, ReachRow, ReportContainer, ReportDocument } from './document';
import { escapeHtml as esc } from './escape';
import { barChart, stackedBar } from './svg-charts';
import { containerCells, kindTitle } from './words';

export const SEVERITY_COLORS: Readonly<Record<Severity, string>> = {
  critical: '#7f1d1d',
  high: '#dc2626',
  medium: '#f59e0b',
  low: '#3b82f6',
  info: '#6b7280',
};
export const VERDICT_COLORS: Readonly<Record<Verdict, string>> = {
  unreachable: '#dc2626',
  unknown: '#9ca3af',
  reachable: '#16a34a',
};

const CSS = `
:root { color-scheme: light; --muted: #555; --line: #d4d4d8; --soft: #f4f4f5; }
* { box-sizing: border-box; }
body { font: 13px/1.45 "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif; color: #18181b; margin: 0 auto; max-width: 1100px; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; border-bottom: 2px solid #18181b; padding-bottom: 4px; margin: 28px 0 12px; }
h3 { font-size: 14px; margin: 18px 0 6px; }
h4 { font-size: 12px; margin: 8px 0 2px; }
.meta { color: var(--muted); margin: 0 0 12px; }
.badge { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 11px; font-weight: 600; color: #fff; white-space: nowrap; }
.banner { border: 1px solid var(--line); background: var(--soft); padding: 6px 10px; border-radius: 4px; margin: 8px 0; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border: 1px solid var(--line); padding: 3px 6px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
table.fixed { table-layout: fixed; }
.kv th { width: 17%; } .kv td { width: 33%; }
.id { word-break: break-all; }
th { background: var(--soft); font-weight: 600; }
thead { display: table-header-group; }
tr, .finding, .chart, li { break-inside: avoid; }
td ul, .finding ul { margin: 0; padding-left: 16px; }
code, pre { font: 12px/1.4 Consolas, "DejaVu Sans Mono", monospace; }
pre { background: var(--soft); border: 1px solid var(--line); padding: 6px 8px; white-space: pre-wrap; overflow-wrap: anywhere; margin: 4px 0; }
.finding { border: 1px solid var(--line); border-left-width: 6px; border-radius: 4px; padding: 8px 12px; margin: 0 0 10px; }
.muted { color: var(--muted); }
.small { font-size: 11px; }
.charts { display: flex; flex-wrap: wrap; gap: 4px 32px; }
.charts h3 { margin-top: 6px; }
.chart text { font: 12px "Segoe UI", system-ui, Arial, sans-serif; fill: #18181b; }
.yes { color: #15803d; font-weight: 600; } .no { color: #b91c1c; font-weight: 600; } .unknown { color: #6b7280; font-weight: 600; }
.differs { background: #fef3c7; }
nav ol { columns: 2; margin: 0; padding-left: 18px; }
a { color: #1d4ed8; }
@page { size: A4; margin: 16mm 10mm; }
/* The wide tables get landscape pages when printed. */
@page wide { size: A4 landscape; margin: 16mm 10mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5px; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  section.page { break-before: page; }
  section.wide { page: wide; }
  h2, h3, h4 { break-after: avoid; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
}
`;

const badge = (text: string, color: string): string =>
  `<span class="badge" style="background:${esc(color)}">${esc(text)}</span>`;
const orDash = (value: string | number | null | undefined): string =>
  value === null || value === undefined || value === '' ? '<span class="muted">-</span>' : esc(String(value));
const list = (items: readonly string[]): string =>
  items.length === 0
    ? '<span class="muted">-</span>'
    : `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;
const capability = (status: CapabilityStatus): string => `<span class="${status}">${status}</span>`;

/** A link only for http(s) addresses; anything else prints as text. */
function reference(url: string): string {
  return /^https?:\/\/[^\s"'<>]+$/i.test(url) ? `<a href="${esc(url)}">${esc(url)}</a>` : esc(url);
}

function evidenceList(evidence: readonly Evidence[]): string {
  return list(evidence.map((e) => `<code>${esc(e.file)}</code>: ${esc(e.detail)}`));
}

/** Key/value rows two pairs wide, so the summary fits the first page. */
function pairs(rows: readonly (readonly [string, string])[]): string {
  let html = '';
  for (let i = 0; i < rows.length; i += 2) {
    const [a, b] = [rows[i]!, rows[i + 1]];
    html += `<tr><th scope="row">${esc(a[0])}</th><td>${a[1]}</td>${b ? `<th scope="row">${esc(b[0])}</th><td>${b[1]}</td>` : '<td colspan="2"></td>'}</tr>`;
  }
  return html;
}

const SHOWN_PATHS = 12;

/** The one-page summary (issue 11): counts, then each failing path under its first cause, said once. */
function problemsSection(doc: ReportDocument): string {
  const verdicts = doc.reachability.counts.map((c) => `${c.count} ${c.verdict}`).join(', ');
  const severities = doc.findings.counts
    .filter((c) => c.count > 0)
    .map((c) => `${badge(c.severity, SEVERITY_COLORS[c.severity])} ${c.count}`)
    .join(' ');
  const causes = byCauseItems(doc.problems.byCause);
  const outbound = byCauseItems(doc.problems.outboundByCause);
  return `<section id="problems" class="page">
<h2>Problems first</h2>
<p>Reachability: ${esc(verdicts)}. Findings: ${severities || 'none'}.</p>
<h3>Failing paths (${doc.problems.failingPaths}), by first cause</h3>
${causes ? `<ul>${causes}</ul>` : '<p>Every published port is reachable from every source checked.</p>'}
<h3>Failing outbound paths (${doc.problems.failingOutbound}), by first cause</h3>
${outbound ? `<ul>${outbound}</ul>` : '<p>Every container reaches every destination checked (the internet, host services, containers it shares a network with).</p>'}
${doc.detail === 'problems' ? '<p class="banner">Details below cover only the containers and paths with a problem, and state a repeated finding or cause once with its further cases (scope: problems).</p>' : ''}
</section>`;
}

function byCauseItems(groups: PathsByCause): string {
  return groups
    .map((g) => {
      const more = g.paths.length - SHOWN_PATHS;
      return `<li><strong>${esc(g.cause)}</strong>${g.causeId ? ` <span class="muted small">${esc(g.causeId)}</span>` : ''}: ${esc(
        g.paths.slice(0, SHOWN_PATHS).join('; '),
      )}${more > 0 ? ` <span class="muted">and ${more} more</span>` : ''}</li>`;
    })
    .join('');
}

function summarySection(doc: ReportDocument): string {
  const { host } = doc;
  const os = host.os;
  const rows: [string, string][] = [
    ['Computer', orDash(host.computerName)],
    [
      'Windows',
      os
        ? `${orDash(os.caption)} <span class="muted">${orDash(os.version)}${os.ubr === null ? '' : ` (UBR ${esc(String(os.ubr))})`}</span>`
        : orDash(null),
    ],
    ['Build', orDash(os?.build)],
    ['Last boot', os?.lastBootUpTime ? esc(os.lastBootUpTime) : 'not collected'],
    ['Edition / installation', os ? `${orDash(os.edition)} / ${orDash(os.installationType)}` : orDash(null)],
    ['Windows features', os ? orDash(os.features.join(', ')) : orDash(null)],
    [
      'Docker engine',
      host.engine
        ? `${orDash(host.engine.version)} <span class="muted">API ${orDash(host.engine.apiVersion)}</span>`
        : orDash(null),
    ],
    ['Default isolation', orDash(host.engine?.defaultIsolation)],
    ['Swarm', orDash(host.engine?.swarm)],
    ...host.counts.map((c): [string, string] => [c.label, orDash(c.value)]),
  ];
  const capabilities = host.capabilities
    .map(
      (c) =>
        `<tr><td>${esc(c.title)}</td><td>${capability(c.status)}</td><td>${esc(c.detail)}</td><td class="small id">${reference(c.reference)}</td></tr>`,
    )
    .join('');
  const severityChart = barChart(
    'Findings by severity',
    doc.findings.counts.map((c) => ({
      label: c.severity,
      value: c.count,
      color: SEVERITY_COLORS[c.severity],
    })),
  );
  const reachChart = stackedBar(
    'Reachability of published ports',
    doc.reachability.counts.map((c) => ({
      label: c.verdict,
      value: c.count,
      color: VERDICT_COLORS[c.verdict],
    })),
  );
  return `<section id="summary">
<h2>Host summary</h2>
<div class="charts"><div><h3>Findings by severity</h3>${severityChart}</div><div><h3>Reachability (${doc.reachability.rows.length} checks)</h3>${reachChart}</div></div>
<table class="kv fixed"><tbody>${pairs(rows)}</tbody></table>
<h3>What this Windows build can do for containers</h3>
<table class="fixed"><colgroup><col style="width:26%"><col style="width:9%"><col style="width:30%"><col style="width:35%"></colgroup><thead><tr><th>Capability</th><th>Status</th><th>Detail</th><th>Source</th></tr></thead><tbody>${capabilities}</tbody></table>
${host.unknowns.length > 0 ? `<h3>Not known from this bundle</h3>${list(host.unknowns.map(esc))}` : ''}
</section>`;
}

/** A command in one `pre` (wrapped only visually: copying it gives the one line back); steps as a list, no code. */
function fixHtml(fix: Fix): string {
  return fix.kind === 'command'
    ? `<pre class="fix-command">${esc(fix.command)}</pre>${fix.note === undefined ? '' : `<p class="small">${esc(fix.note)}</p>`}`
    : `<ol class="fix-steps">${fix.steps.map((step) => `<li>${esc(step)}</li>`).join('')}</ol>`;
}

function findingCard(f: FindingJson, further = ''): string {
  return `<div class="finding" data-severity="${esc(f.severity)}" style="border-left-color:${SEVERITY_COLORS[f.severity]}">
<div>${badge(f.severity, SEVERITY_COLORS[f.severity])} <strong>${esc(f.title)}</strong> <span class="muted small">${esc(f.id)}</span></div>
<p>${esc(f.detail)}</p>
<div class="small muted">Affects: ${esc(f.subjects.join(', '))}</div>
<h4>Evidence</h4>${evidenceList(f.evidence)}
<h4>Fix</h4>${fixHtml(f.fix)}
${f.references.length > 0 ? `<div class="small">References: ${f.references.map(reference).join(' · ')}</div>` : ''}
${further}</div>`;
}

/**
 * In a problems report a finding or a cause met on many paths (25 host-port conflicts on 125 containers) is said
 * once, in full for its first case, then one line per further case up to this many and a count of the rest: the
 * PDF of a 1,000-container host stays under 150 pages (issue 11, item 4). Scope `all` keeps every case in full.
 */
const SHOWN_CASES = 10;

/** Items grouped by a key, in the order each key first appears. */
function groupedBy<T>(items: readonly T[], keyOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()];
}

/** A fix on one line of a case list: the command itself (copied whole), or the steps run together. */
function fixInline(fix: Fix): string {
  return fix.kind === 'command'
    ? `<code class="fix-command">${esc(fix.command)}</code>`
    : esc(fix.steps.join(' '));
}

/** The further cases of a repeated finding or cause, capped, with how many are left out and where they are. */
function furtherCases(lines: readonly string[]): string {
  const more = lines.length - SHOWN_CASES;
  return `<h4>The same for ${lines.length} more</h4><ul class="cases">${lines
    .slice(0, SHOWN_CASES)
    .map((line) => `<li>${line}</li>`)
    .join('')}</ul>${
    more > 0 ? `<p class="small muted">and ${more} more (every case in full: scope all)</p>` : ''
  }`;
}

/** A finding met several times: the first case as a card, the others as one line each with their own fix. */
function findingGroupCard(group: readonly FindingJson[]): string {
  const [first, ...rest] = group;
  if (first === undefined) return '';
  if (rest.length === 0) return findingCard(first);
  return findingCard(
    first,
    furtherCases(rest.map((f) => `<strong>${esc(f.title)}</strong>: ${fixInline(f.fix)}`)),
  );
}

function findingsSection(doc: ReportDocument): string {
  const cards = (findings: readonly FindingJson[]): string =>
    doc.detail === 'problems'
      ? groupedBy(findings, (f) => f.id)
          .map(findingGroupCard)
          .join('')
      : findings.map((f) => findingCard(f)).join('');
  const groups = doc.findings.counts
    .filter((c) => c.count > 0)
    .map(
      (c) =>
        `<h3>${esc(c.severity)} (${c.count})</h3>${cards(doc.findings.items.filter((f) => f.severity === c.severity))}`,
    )
    .join('');
  return `<section id="findings" class="page"><h2>Findings (${doc.findings.items.length})</h2>${groups || '<p>No findings.</p>'}</section>`;
}

/** In a problems report a cell lists a few items and counts the rest: a row must not run over pages. */
const CELL_ITEMS = 5;
const capped = (items: readonly string[], cap: number): string[] =>
  items.length <= cap ? [...items] : [...items.slice(0, cap), `and ${items.length - cap} more`];

function containerRow(c: ReportContainer, cap: number): string {
  const full = containerCells(c);
  const cells = {
    ...full,
    mappings: capped(full.mappings, cap),
    rules: capped(full.rules, cap),
    networks: capped(full.networks, cap),
    ports: capped(full.ports, cap),
  };
  const i = c.inspect;
  return `<tr data-container="${esc(i.id)}"><td><strong>${esc(i.name)}</strong><div class="muted small id"><code>${esc(i.id.slice(0, 12))}</code> ${esc(i.image)}</div>${
    c.swarmService ? `<div class="small">service ${esc(c.swarmService)}</div>` : ''
  }</td><td>${esc(i.state)}<div class="muted small">${orDash(i.isolation)}</div>${
    c.lifecycle ? `<div class="small">${esc(c.lifecycle)}</div>` : ''
  }</td><td>${esc(cells.session)}</td><td>${esc(cells.disk)}</td><td>${list(
    cells.networks.map(esc),
  )}</td><td>${list(cells.ports.map(esc))}</td><td>${list(cells.mappings.map(esc))}</td><td class="small">${list(cells.rules.map(esc))}</td></tr>`;
}

const SHOWN_CONTAINERS = 25;

function containersSection(doc: ReportDocument): string {
  const { containers } = doc;
  const total =
    containers.total === null ? 'unknown' : `${containers.total} (${containers.running ?? 0} running)`;
  // A problems report details a few containers in the table and names the rest; their findings and failing
  // paths are in the sections around it.
  const shown = doc.detail === 'problems' ? containers.items.slice(0, SHOWN_CONTAINERS) : containers.items;
  const others = containers.items.slice(shown.length);
  const notes = shown.filter((c) => c.inspect.notes.length > 0);
  return `<section id="containers" class="page wide"><h2>Containers</h2>
<p class="meta">On the host: ${esc(total)}.${doc.scope.length > 0 ? ` This report covers ${containers.items.length} of them.` : ''}</p>
<table class="fixed"><colgroup><col style="width:19%"><col style="width:8%"><col style="width:11%"><col style="width:10%"><col style="width:13%"><col style="width:13%"><col style="width:11%"><col style="width:15%"></colgroup>
<thead><tr><th>Container</th><th>State</th><th>Session / VM</th><th>Disk</th><th>Networks</th><th>Published ports</th><th>NAT mappings</th><th>Firewall rules</th></tr></thead>
<tbody>${shown.map((c) => containerRow(c, doc.detail === 'problems' ? CELL_ITEMS : Infinity)).join('') || '<tr><td colspan="8">No containers.</td></tr>'}</tbody></table>
${
  others.length > 0
    ? `<p class="small">And ${others.length} more with a problem (every one in full: scope all): ${esc(others.map((c) => `${c.inspect.name} (${c.inspect.state})`).join(', '))}</p>`
    : ''
}
${
  notes.length > 0
    ? `<h3>What could not be determined</h3>${list(notes.map((c) => `<strong>${esc(c.inspect.name)}</strong>: ${esc(c.inspect.notes.join('; '))}`))}`
    : ''
}</section>`;
}

function hopCell(hop: Hop | null): string {
  if (!hop) return '<span class="muted">every hop passes</span>';
  return `<strong>${esc(hop.title)}</strong> <span class="muted small">(${esc(hop.status)})</span>${hop.note ? `<div class="small">${esc(hop.note)}</div>` : ''}${
    hop.evidence.length > 0
      ? `<div class="small muted">${hop.evidence.map((e) => `${esc(e.file)}: ${esc(e.detail)}`).join('<br>')}</div>`
      : ''
  }`;
}

function causeBlock(cause: Cause): string {
  return `<div><strong>${esc(cause.title)}</strong> <span class="muted small">${esc(cause.id)}${cause.confidence === 'likely' ? ', likely' : ''}</span><div class="small">${esc(
    cause.explanation,
  )}</div>${fixHtml(cause.fix)}</div>`;
}

/** The first cell names the other end: where the client is (inbound) or where the container connects to (outbound). */
function reachRow(row: ReachRow | OutboundRow): string {
  const e = row.explanation;
  const end = 'toLabel' in row ? `${row.toLabel}, ${row.portLabel}` : row.fromLabel;
  return `<tr data-verdict="${esc(e.verdict)}"><td>${esc(end)}</td><td>${badge(e.verdict, VERDICT_COLORS[e.verdict])}</td><td>${hopCell(row.decisiveHop)}</td><td>${
    e.causes.map(causeBlock).join('') || '<span class="muted">-</span>'
  }</td></tr>`;
}

const tableHead = (
  end: string,
): string => `<table class="fixed"><colgroup><col style="width:16%"><col style="width:10%"><col style="width:26%"><col style="width:48%"></colgroup>
<thead><tr><th>${end}</th><th>Verdict</th><th>Decided at</th><th>Cause and fix</th></tr></thead>`;
const REACH_TABLE_HEAD = tableHead('From');
const OUTBOUND_TABLE_HEAD = tableHead('To');

/** A path on one line of a case list: container, port and the other end, then its own fix. */
function pathCase(row: ReachRow | OutboundRow): string {
  const e = row.explanation;
  const first = e.causes[0];
  const path =
    'toLabel' in row
      ? `to ${esc(row.toLabel)} ${esc(row.portLabel)}`
      : `${esc(row.portLabel)} from ${esc(row.fromLabel)}`;
  return `<strong>${esc(e.container.name)}</strong> ${path}${first ? `: ${fixInline(first.fix)}` : ''}`;
}

/** Failing paths under their first cause (or deciding hop), as the summary groups them: each said once. */
function reachabilityByCause(rows: readonly (ReachRow | OutboundRow)[], head: string): string {
  return groupedBy(
    rows,
    (r) =>
      `${r.explanation.verdict}\u0000${r.explanation.causes[0]?.id ?? ''}\u0000${r.decisiveHop?.id ?? ''}`,
  )
    .map((group) => {
      const [first, ...rest] = group;
      if (first === undefined) return '';
      const e = first.explanation;
      return `<h3>${esc(e.causes[0]?.id ?? first.decisiveHop?.title ?? e.verdict)} <span class="muted">${group.length} ${group.length === 1 ? 'path' : 'paths'}, first: ${esc(e.container.name)} port ${esc(first.portLabel)}</span></h3>
${head}<tbody>${reachRow(first)}</tbody></table>${rest.length > 0 ? furtherCases(rest.map(pathCase)) : ''}`;
    })
    .join('');
}

function reachabilitySection(doc: ReportDocument): string {
  const counts = doc.reachability.counts.map((c) => `${c.count} ${c.verdict}`).join(', ');
  const groups =
    doc.detail === 'problems'
      ? reachabilityByCause(doc.reachability.rows, REACH_TABLE_HEAD)
      : // Rows of one container and port together, in the order the diagnosis gave them.
        groupedBy(doc.reachability.rows, (r) => `${r.explanation.container.id}\u0000${r.portLabel}`)
          .map(
            (
              group,
            ) => `<h3>${esc(group[0]!.explanation.container.name)} <span class="muted">port ${esc(group[0]!.portLabel)}</span></h3>
${REACH_TABLE_HEAD}<tbody>${group.map(reachRow).join('')}</tbody></table>`,
          )
          .join('');
  return `<section id="reachability" class="page wide"><h2>Reachability of published ports</h2>
<p class="meta">Every published port of every container, from each source that applies: ${esc(counts)}.</p>
${groups || '<p>No published ports.</p>'}</section>`;
}

function outboundSection(doc: ReportDocument): string {
  const counts = doc.outbound.counts.map((c) => `${c.count} ${c.verdict}`).join(', ');
  const groups =
    doc.detail === 'problems'
      ? reachabilityByCause(doc.outbound.rows, OUTBOUND_TABLE_HEAD)
      : groupedBy(doc.outbound.rows, (r) => r.explanation.container.id)
          .map(
            (group) =>
              `<h3>${esc(group[0]!.explanation.container.name)}</h3>\n${OUTBOUND_TABLE_HEAD}<tbody>${group.map(reachRow).join('')}</tbody></table>`,
          )
          .join('');
  return `<section id="outbound" class="page wide"><h2>What containers can reach</h2>
<p class="meta">Each running container to the internet (${esc(`${INTERNET_PORT}/tcp`)}), to the host's own services and to containers it shares a network with: ${esc(counts)}.</p>
${groups || '<p>No running container on a network.</p>'}</section>`;
}

/** Issue 14: what real connections showed, each beside the verdict it confirms or overturns, contradictions first. */
function observationsSection(doc: ReportDocument): string {
  if (doc.observations.length === 0) return '';
  const items = doc.observations
    .map((row) => {
      const e = row.explanation;
      const o = e.observation;
      if (!o) return '';
      const observed = e.hops.find((h) => h.id === 'observed');
      const facts = o.contradiction
        ? `<details open><summary>The facts the inference used (${o.contradiction.facts.length})</summary><ul class="small">${o.contradiction.facts
            .map((f) => `<li>${esc(f.file)}: ${esc(f.detail)}</li>`)
            .join('')}</ul></details>`
        : '';
      return `<div class="observation" data-contradiction="${o.contradiction ? 'yes' : 'no'}"><h3>${esc(e.container.name)} <span class="muted">port ${esc(row.portLabel)} from ${esc(row.fromLabel)}</span> ${badge(e.verdict, VERDICT_COLORS[e.verdict])}</h3>
<p${o.contradiction ? ' class="banner"' : ''}>${esc(o.summary)}</p>${observed ? hopCell(observed) : ''}${facts}</div>`;
    })
    .join('\n');
  return `<section id="checks" class="page wide"><h2>Active checks</h2>
<p class="meta">Real connections made on the live host at the user's request (checks/*.json), beside the verdicts inferred from the snapshot. Where they disagree, the verdict follows the connection.</p>
${items}</section>`;
}

function isolationSection(comparison: IsolationComparison | null): string {
  if (!comparison) return '';
  const { a, b } = comparison;
  const rows = comparison.rows
    .map(
      (r) =>
        `<tr${r.differs ? ' class="differs"' : ''}><th scope="row">${esc(r.title)}</th><td>${esc(r.a.observed)}</td><td>${esc(r.b.observed)}</td><td class="small">${esc(
          r.a.expectation,
        )}${r.a.expectation !== r.b.expectation ? `<br>${esc(r.b.expectation)}` : ''}</td></tr>`,
    )
    .join('');
  return `<section id="isolation" class="page"><h2>Process isolation and Hyper-V isolation on this host</h2>
<p class="meta">${esc(a.container.name)} (${orDash(a.isolation)}) next to ${esc(b.container.name)} (${orDash(b.isolation)}); highlighted rows differ.</p>
<table class="fixed"><colgroup><col style="width:14%"><col style="width:30%"><col style="width:30%"><col style="width:26%"></colgroup>
<thead><tr><th>Point</th><th>${esc(a.container.name)}</th><th>${esc(b.container.name)}</th><th>What the mode means</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

const MODE_WORD: Readonly<Record<string, string>> = { process: 'process', hyperv: 'Hyper-V' };
const VERDICT_WORD: Readonly<Record<string, string>> = {
  runs: 'runs',
  fails: 'would not start',
  unknown: 'unknown',
};

/** Issue 16: which modes each covered container's image runs in here, and what the other mode would change. */
function compatibilitySection(o: IsolationOverview | null): string {
  if (!o) return '';
  const rows = o.containers
    .map(({ compatibility: c, whatIf: w }) => {
      return `<tr${c.failedWithMismatch.length > 0 || w?.start.verdict === 'fails' ? ' class="differs"' : ''}><th scope="row">${esc(c.container.name)}<div class="small muted">${esc(c.container.state)}, ${esc(c.isolation ? MODE_WORD[c.isolation]! : 'mode unknown')}</div></th><td>${esc(c.image.image)}<div class="small muted">build ${esc(c.image.imageVersion ?? 'unknown')}</div></td><td>${esc(VERDICT_WORD[c.image.process.verdict]!)}<div class="small muted">${esc(c.image.process.reason)}</div></td><td>${esc(VERDICT_WORD[c.image.hyperv.verdict]!)}<div class="small muted">${esc(c.image.hyperv.reason)}</div></td><td>${esc(whatIfLine(w, c.container.name))}</td></tr>`;
    })
    .join('');
  const sources = [
    ...new Set(
      o.containers.flatMap(({ compatibility: c }) => [c.image.process.reference, c.image.hyperv.reference]),
    ),
  ];
  return `<section id="compatibility" class="page"><h2>Images, isolation modes and what the other mode would change</h2>
<p class="meta">Host ${esc(o.hostVersion ?? 'build unknown')}; a container that asks for no mode gets ${esc(o.defaultIsolation.mode ? MODE_WORD[o.defaultIsolation.mode]! : 'an unknown mode')} isolation. Licensing: ${esc(o.licensing.text)} (${reference(o.licensing.reference)}).</p>
<table class="fixed"><colgroup><col style="width:16%"><col style="width:22%"><col style="width:20%"><col style="width:20%"><col style="width:22%"></colgroup>
<thead><tr><th>Container</th><th>Image</th><th>Process isolation</th><th>Hyper-V isolation</th><th>In the other mode</th></tr></thead><tbody>${rows}</tbody></table>
<div class="small">Sources: ${sources.map(reference).join(' · ')}</div></section>`;
}

function probesSection(doc: ReportDocument): string {
  const rows = doc.probes.rows
    .map(
      (p) =>
        `<tr><td><code>${esc(p.id)}</code><div class="small muted">${esc(p.title)}</div></td><td>${esc(p.status)}</td><td>${esc(p.detail)}</td><td>${orDash(p.durationMs)}</td></tr>`,
    )
    .join('');
  return `<section id="probes" class="page"><h2>Probe outcomes</h2>
<p class="meta">${esc(doc.probes.counts.map((c) => `${c.count} ${c.status}`).join(', '))}</p>
<table class="fixed"><colgroup><col style="width:30%"><col style="width:12%"><col style="width:50%"><col style="width:8%"></colgroup>
<thead><tr><th>Probe</th><th>Outcome</th><th>Detail</th><th>ms</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function redactionSection(summary: RedactionSummary | null): string {
  if (!summary) {
    return `<section id="redaction"><h2>Redaction</h2><p class="banner">This report is <strong>not redacted</strong>: it names hosts, addresses and containers as they are.</p></section>`;
  }
  const rows = summary.rows
    .map((r) => `<tr><td>${esc(kindTitle(r.kind))}</td><td>${r.values}</td><td>${r.occurrences}</td></tr>`)
    .join('');
  return `<section id="redaction"><h2>Redaction summary</h2>
<p>Host names, domains, user names, container names, private registries, IP and MAC addresses were replaced by stable pseudonyms
(the same value always reads the same, e.g. <code>ip-1</code>); environment values never appear.</p>
<table><thead><tr><th>Kind</th><th>Distinct values</th><th>Replacements</th></tr></thead><tbody>${rows || '<tr><td colspan="3">Nothing needed replacing.</td></tr>'}</tbody></table></section>`;
}

/** Renders the whole report as one HTML document. */
export function renderReportHtml(doc: ReportDocument): string {
  const collected = doc.bundle.collectedAt
    ? `collected ${doc.bundle.collectedAt}`
    : 'collection time unknown';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${esc(`${doc.generator.name} ${doc.generator.version}`)}">
<title>${esc(doc.title)}</title><style>${CSS}</style></head>
<body>
<header><h1>${esc(doc.title)}</h1>
<p class="meta">Bundle ${esc(doc.bundle.name)}, ${esc(collected)}${doc.bundle.collector ? ` by ${esc(doc.bundle.collector)}` : ''}; report generated ${esc(doc.generatedAt)} by ${esc(
    `${doc.generator.name} ${doc.generator.version}`,
  )}.</p>
${doc.scope.length > 0 ? `<p class="banner">Limited to: ${esc(doc.scope.join(', '))}</p>` : ''}
<p class="banner">${doc.redaction ? 'Redacted for sharing: names and addresses are pseudonyms (summary at the end).' : '<strong>Not redacted.</strong> Check before sharing.'}</p>
<nav><ol><li><a href="#problems">Problems first</a></li><li><a href="#summary">Host summary</a></li><li><a href="#findings">Findings</a></li><li><a href="#containers">Containers</a></li><li><a href="#reachability">Reachability</a></li><li><a href="#outbound">Outbound</a></li>${
    doc.observations.length > 0 ? '<li><a href="#checks">Active checks</a></li>' : ''
  }${
    doc.isolation ? '<li><a href="#isolation">Isolation modes</a></li>' : ''
  }${doc.isolationOverview ? '<li><a href="#compatibility">Images and isolation modes</a></li>' : ''}<li><a href="#probes">Probe outcomes</a></li><li><a href="#redaction">Redaction</a></li></ol></nav>
</header>
<main>
${problemsSection(doc)}
${summarySection(doc)}
${findingsSection(doc)}
${containersSection(doc)}
${reachabilitySection(doc)}
${outboundSection(doc)}
${observationsSection(doc)}
${isolationSection(doc.isolation)}
${compatibilitySection(doc.isolationOverview)}
${probesSection(doc)}
${redactionSection(doc.redaction)}
</main>
</body></html>
`;
}
