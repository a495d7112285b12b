// The report as Markdown for tickets and chat (CommonMark + GitHub tables). Bundle text goes through
// escapeMarkdown, or into code spans and blocks whose fences it cannot close.
import type { FindingJson, Fix, IsolationComparison, IsolationOverview } from '../../shared/diagnosis';
import type { OutboundRow, PathsByCause, ReachRow, ReportContainer, ReportDocument } from './document';
import { whatIfLine } from '../diagnosis';
import { escapeMarkdown, markdownCode, markdownCodeBlock } from './escape';
import { containerCells, kindTitle } from './words';

/** Text after other text on its line, or in a table cell. */
const md = (text: string): string => escapeMarkdown(text, 'inline');
/** Text that starts a paragraph or a list item. */
const mdLine = (text: string): string => escapeMarkdown(text, 'line-start');
const cell = (text: string | number | null | undefined): string =>
  text === null || text === undefined || text === '' ? '-' : md(String(text));
const cells = (items: readonly string[]): string => (items.length === 0 ? '-' : items.map(md).join('<br>'));

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

function summary(doc: ReportDocument): string {
  const { host } = doc;
  const os = host.os;
  const lines = [
    `- **Computer:** ${cell(host.computerName)}`,
    `- **Windows:** ${os ? `${cell(os.caption)} ${cell(os.version)}, build ${cell(os.build)}${os.ubr === null ? '' : `.${os.ubr}`} (${cell(os.installationType)})${os.lastBootUpTime ? `, last boot ${cell(os.lastBootUpTime)}` : ''}` : '-'}`,
    `- **Docker engine:** ${host.engine ? `${cell(host.engine.version)} (API ${cell(host.engine.apiVersion)}), default isolation ${cell(host.engine.defaultIsolation)}, swarm ${cell(host.engine.swarm)}` : '-'}`,
    ...host.counts.map((c) => `- **${md(c.label)}:** ${cell(c.value)}`),
  ];
  const capabilities = table(
    ['Capability', 'Status', 'Detail'],
    host.capabilities.map((c) => [md(c.title), `**${md(c.status)}**`, md(c.detail)]),
  );
  const unknowns =
    host.unknowns.length > 0
      ? `\n\n**Not known from this bundle:**\n\n${host.unknowns.map((u) => `- ${mdLine(u)}`).join('\n')}`
      : '';
  return `## Host summary\n\n${lines.join('\n')}\n\n### Build capabilities\n\n${capabilities}${unknowns}`;
}

/** A command as a code block of its own (never wrapped), steps as a numbered list. */
function fixBlock(fix: Fix): string {
  return fix.kind === 'command'
    ? `${markdownCodeBlock(fix.command, 'powershell')}${fix.note === undefined ? '' : `\n\n${mdLine(fix.note)}`}`
    : fix.steps.map((step, i) => `${i + 1}. ${mdLine(step)}`).join('\n');
}

function fixInTable(fix: Fix): string {
  return fix.kind === 'command'
    ? `${markdownCode(fix.command, true)}${fix.note === undefined ? '' : ` ${md(fix.note)}`}`
    : fix.steps.map(md).join('<br>');
}

function finding(f: FindingJson): string {
  const evidence = f.evidence.map((e) => `  - ${markdownCode(e.file)}: ${md(e.detail)}`).join('\n');
  const references =
    f.references.length > 0 ? `\n- References: ${f.references.map((r) => md(r)).join(', ')}` : '';
  return `### ${f.severity.toUpperCase()}: ${md(f.title)}\n\n${mdLine(f.detail)}\n\n- Id: ${markdownCode(f.id)}\n- Affects: ${md(f.subjects.join(', '))}\n- Evidence:\n${evidence || '  - -'}${references}\n\nFix:\n\n${fixBlock(f.fix)}`;
}

function containerLine(c: ReportContainer): string[] {
  const x = containerCells(c);
  return [
    `${md(c.inspect.name)}<br>${markdownCode(c.inspect.id.slice(0, 12), true)} ${md(c.inspect.image)}`,
    c.lifecycle ? `${md(c.inspect.state)}<br>${md(c.lifecycle)}` : md(c.inspect.state),
    cell(c.inspect.isolation),
    md(x.session),
    md(x.disk),
    cells(x.networks),
    cells(x.ports),
    cells(x.mappings),
    String(c.inspect.firewallRules.length),
  ];
}

function reachLine(row: ReachRow): string[] {
  return [md(row.explanation.container.name), md(row.portLabel), md(row.fromLabel), ...verdictCells(row)];
}

/** An outbound row: the container asking, where to, the port, then the verdict, the deciding hop and causes. */
function outboundLine(row: OutboundRow): string[] {
  return [md(row.explanation.container.name), md(row.toLabel), md(row.portLabel), ...verdictCells(row)];
}

/** The verdict, the hop that decided it, and each cause with its fix. */
function verdictCells(row: ReachRow | OutboundRow): string[] {
  const e = row.explanation;
  const hop = row.decisiveHop
    ? `${md(row.decisiveHop.title)} (${md(row.decisiveHop.status)})`
    : 'every hop passes';
  const causes = e.causes
    .map(
      (c) =>
        `**${md(c.title)}** (${markdownCode(c.id, true)}${c.confidence === 'likely' ? ', likely' : ''}): ${md(c.explanation)} Fix: ${fixInTable(c.fix)}`,
    )
    .join('<br>');
  return [`**${md(e.verdict)}**`, hop, causes || '-'];
}

/** Issue 14: what real connections showed, contradictions first, each with the facts the inference used. */
function observations(doc: ReportDocument): string {
  const items = doc.observations.flatMap((row) => {
    const e = row.explanation;
    const o = e.observation;
    if (!o) return [];
    const observed = e.hops.find((h) => h.id === 'observed');
    const evidence = (observed?.evidence ?? []).map((x) => `  - ${md(x.file)}: ${md(x.detail)}`).join('\n');
    const facts = o.contradiction
      ? `\n- The facts the inference used:\n${o.contradiction.facts.map((f) => `  - ${md(f.file)}: ${md(f.detail)}`).join('\n')}`
      : '';
    return [
      `### ${md(e.container.name)}, ${md(row.portLabel)} from ${md(row.fromLabel)}: ${md(e.verdict)}\n\n${o.contradiction ? '**' : ''}${mdLine(o.summary)}${o.contradiction ? '**' : ''}\n\n- Observed:\n${evidence || '  - -'}${facts}`,
    ];
  });
  return `## Active checks\n\nReal connections made on the live host at the user's request (checks/*.json). Where they disagree with the snapshot, the verdict follows the connection.\n\n${items.join('\n\n')}`;
}

function isolation(comparison: IsolationComparison): string {
  const { a, b } = comparison;
  return `## Process isolation and Hyper-V isolation\n\n${table(
    ['Point', md(a.container.name), md(b.container.name), 'Differs'],
    comparison.rows.map((r) => [
      md(r.title),
      md(r.a.observed),
      md(r.b.observed),
      r.differs ? '**yes**' : 'no',
    ]),
  )}`;
}

const MODE_WORD: Readonly<Record<string, string>> = { process: 'process', hyperv: 'Hyper-V' };
const VERDICT_WORD: Readonly<Record<string, string>> = {
  runs: 'runs',
  fails: 'would not start',
  unknown: 'unknown',
};

/** Issue 16: which modes each covered container's image runs in here, and what the other mode would change. */
function compatibility(o: IsolationOverview): string {
  return `## Images, isolation modes and what the other mode would change\n\n${mdLine(
    `Host ${o.hostVersion ?? 'build unknown'}; a container that asks for no mode gets ${o.defaultIsolation.mode ? MODE_WORD[o.defaultIsolation.mode]! : 'an unknown mode'} isolation. Licensing: ${o.licensing.text} (${o.licensing.reference}).`,
  )}\n\n${table(
    ['Container', 'Image (build)', 'Process isolation', 'Hyper-V isolation', 'In the other mode'],
    o.containers.map(({ compatibility: c, whatIf: w }) => [
      md(`${c.container.name} (${c.isolation ? MODE_WORD[c.isolation]! : 'mode unknown'})`),
      md(`${c.image.image} (${c.image.imageVersion ?? 'unknown'})`),
      md(`${VERDICT_WORD[c.image.process.verdict]!}: ${c.image.process.reason}`),
      md(`${VERDICT_WORD[c.image.hyperv.verdict]!}: ${c.image.hyperv.reason}`),
      md(whatIfLine(w, c.container.name)),
    ]),
  )}`;
}

/** Renders the report as Markdown. */
/** The summary first (issue 11): counts, and each failing path under its first cause, said once. */
function problems(doc: ReportDocument): string {
  const verdicts = doc.reachability.counts.map((c) => `${c.count} ${c.verdict}`).join(', ');
  const severities = doc.findings.counts
    .filter((c) => c.count > 0)
    .map((c) => `${c.count} ${c.severity}`)
    .join(', ');
  const causes = byCauseLines(doc.problems.byCause);
  const outbound = byCauseLines(doc.problems.outboundByCause);
  return `## Problems first

Reachability: ${md(verdicts)}. Findings: ${md(severities || 'none')}.

### Failing paths (${doc.problems.failingPaths}), by first cause

${causes.length > 0 ? causes.join('\n') : 'Every published port is reachable from every source checked.'}

### Failing outbound paths (${doc.problems.failingOutbound}), by first cause

${
  outbound.length > 0
    ? outbound.join('\n')
    : 'Every container reaches every destination checked (the internet, host services, containers it shares a network with).'
}${doc.detail === 'problems' ? '\n\n*Details below cover only the containers and paths with a problem (scope: problems).*' : ''}`;
}

function byCauseLines(groups: PathsByCause): string[] {
  return groups.map(
    (g) =>
      `- **${md(g.cause)}**: ${md(g.paths.slice(0, 12).join('; '))}${g.paths.length > 12 ? ` and ${g.paths.length - 12} more` : ''}`,
  );
}

export function renderReportMarkdown(doc: ReportDocument): string {
  const parts: string[] = [];
  parts.push(`# ${md(doc.title)}`);
  parts.push(
    `Bundle ${md(doc.bundle.name)}, collected ${cell(doc.bundle.collectedAt)}; generated ${md(doc.generatedAt)} by ${md(`${doc.generator.name} ${doc.generator.version}`)}. ${
      doc.redaction
        ? '*Redacted: names and addresses are pseudonyms.*'
        : '**Not redacted: check before sharing.**'
    }${doc.scope.length > 0 ? `\n\nLimited to: ${md(doc.scope.join(', '))}` : ''}`,
  );
  parts.push(problems(doc));
  parts.push(summary(doc));

  const counts = doc.findings.counts
    .filter((c) => c.count > 0)
    .map((c) => `${c.count} ${c.severity}`)
    .join(', ');
  parts.push(`## Findings (${doc.findings.items.length})\n\n${counts ? mdLine(counts) : 'No findings.'}`);
  // One by one: a spread of one finding per container overflows the stack on a large host (issue 17).
  for (const item of doc.findings.items) parts.push(finding(item));

  parts.push(
    `## Containers\n\nOn the host: ${doc.containers.total === null ? 'unknown' : `${doc.containers.total} (${doc.containers.running ?? 0} running)`}.\n\n${table(
      [
        'Container',
        'State',
        'Isolation',
        'Session / VM',
        'Disk',
        'Networks',
        'Published ports',
        'NAT mappings',
        'Firewall rules',
      ],
      doc.containers.items.map(containerLine),
    )}`,
  );
  const notes = doc.containers.items.filter((c) => c.inspect.notes.length > 0);
  if (notes.length > 0)
    parts.push(
      `**Could not be determined:**\n\n${notes.map((c) => `- ${mdLine(c.inspect.name)}: ${md(c.inspect.notes.join('; '))}`).join('\n')}`,
    );

  const verdicts = doc.reachability.counts.map((c) => `${c.count} ${c.verdict}`).join(', ');
  parts.push(
    `## Reachability of published ports\n\n${mdLine(verdicts)}.\n\n${table(['Container', 'Port', 'From', 'Verdict', 'Decided at', 'Cause and fix'], doc.reachability.rows.map(reachLine))}`,
  );
  const outboundVerdicts = doc.outbound.counts.map((c) => `${c.count} ${c.verdict}`).join(', ');
  parts.push(
    `## What containers can reach\n\n${mdLine(outboundVerdicts)}.\n\n${table(['Container', 'To', 'Port', 'Verdict', 'Decided at', 'Cause and fix'], doc.outbound.rows.map(outboundLine))}`,
  );
  if (doc.observations.length > 0) parts.push(observations(doc));
  if (doc.isolation) parts.push(isolation(doc.isolation));
  if (doc.isolationOverview) parts.push(compatibility(doc.isolationOverview));

  parts.push(
    `## Probe outcomes\n\n${table(
      ['Probe', 'Outcome', 'Detail'],
      doc.probes.rows.map((p) => [markdownCode(p.id, true), md(p.status), md(p.detail)]),
    )}`,
  );
  parts.push(
    doc.redaction
      ? `## Redaction summary\n\nReplaced by stable pseudonyms; environment values never appear.\n\n${table(
          ['Kind', 'Distinct values', 'Replacements'],
          doc.redaction.rows.map((r) => [md(kindTitle(r.kind)), String(r.values), String(r.occurrences)]),
        )}`
      : '## Redaction\n\nNot redacted.',
  );
  return `${parts.join('\n\n')}\n`;
}
