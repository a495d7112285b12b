import { describe, expect, it } from 'vitest';
import type { Fix } from '../../../src/shared/diagnosis';
import { findings, reachabilityMatrix } from '../../../src/core/diagnosis';
import { createRedactor, seedsFromBundle } from '../../../src/core/redact';
import {
  buildReport,
  createReport,
  escapeHtml,
  escapeMarkdown,
  markdownCode,
  REPORT_SCHEMA_VERSION,
  renderReportHtml,
  renderReportJson,
  renderReportMarkdown,
  showInvisible,
  type ReportDocument,
} from '../../../src/core/report';
import { buildHostModel } from '../../../src/core/host-model';
import { rawBundle } from '../../support/raw-bundle';
import { leaks, sensitiveValues } from '../../support/sensitive-values';
import {
  HOSTILE_NAME,
  HOSTILE_PATH,
  loadBundle,
  reportBundles,
  type LoadedBundle,
} from '../../support/report-bundles';
import { findingJson } from '../../../src/core/diagnosis/subjects';

const NOW = '2026-11-30T10:00:00.000Z';

/** What a report must show of a fix, as HTML: the command whole, or every step. */
const fixHtmlParts = (fix: Fix): string[] =>
  (fix.kind === 'command' ? [fix.command] : fix.steps).map((text) => escapeHtml(text));

function documentOf(bundle: LoadedBundle, redact: boolean, containers?: readonly string[]): ReportDocument {
  const outcome = createReport(bundle.model, {
    generatedAt: NOW,
    redact,
    ...(containers ? { containers } : {}),
    ...(redact ? { seeds: seedsFromBundle(bundle.raw) } : {}),
  });
  if (outcome.kind !== 'ok') throw new Error(`report of ${bundle.name}: ${outcome.kind} ${outcome.ref}`);
  return outcome.document;
}

const count = (text: string, needle: string): number => text.split(needle).length - 1;
const section = (markdown: string, heading: string): string => {
  const start = markdown.indexOf(`\n## ${heading}`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end === -1 ? undefined : end);
};

describe.each(reportBundles())('report of $name', ({ name, path }) => {
  let loaded: LoadedBundle | undefined;
  const bundle = async (): Promise<LoadedBundle> => (loaded ??= await loadBundle(name, path));

  it('holds what the diagnosis says: every finding, every reachability check, every container', async () => {
    const b = await bundle();
    const doc = documentOf(b, false);
    // The report writes findings in the contract's JSON form (subjects as text).
    const expectedFindings = findings(b.model).map(findingJson);
    const expectedReach = reachabilityMatrix(b.model);
    const containers = b.model.containers.kind === 'known' ? b.model.containers.value : [];
    expect(doc.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(doc.findings.items).toHaveLength(expectedFindings.length);
    expect(
      [...doc.findings.items].sort((x, y) => x.id.localeCompare(y.id) || x.title.localeCompare(y.title)),
    ).toEqual(
      [...expectedFindings].sort((x, y) => x.id.localeCompare(y.id) || x.title.localeCompare(y.title)),
    );
    expect(doc.findings.counts.reduce((n, c) => n + c.count, 0)).toBe(expectedFindings.length);
    expect(doc.reachability.rows.map((r) => r.explanation)).toEqual(expectedReach);
    expect(doc.containers.items.map((c) => c.inspect.id)).toEqual(containers.map((c) => c.id));
    expect(doc.containers.running).toBe(containers.filter((c) => c.state === 'running').length);
    expect(doc.probes.rows.map((p) => p.id)).toEqual(b.model.probes.map((p) => p.id));
    // Worst first.
    const ranks = doc.findings.items.map((f) =>
      ['critical', 'high', 'medium', 'low', 'info'].indexOf(f.severity),
    );
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
  });

  it('HTML: one self-contained page with every finding, cause and fix, and nothing to run or fetch', async () => {
    const doc = documentOf(await bundle(), false);
    const html = renderReportHtml(doc);
    // Every tag in the file: none that runs or loads anything, no event handler, no source to fetch.
    const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
    expect(tags.length).toBeGreaterThan(50);
    expect(
      tags.filter((t) =>
        /^<(script|img|iframe|link|object|embed|audio|video|source|base|form)\b|\son[a-z]+\s*=|\s(src|srcset|action)\s*=/i.test(
          t,
        ),
      ),
    ).toEqual([]);
    expect(html).not.toMatch(/url\(|@import/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(count(html, 'class="finding"')).toBe(doc.findings.items.length);
    expect(count(html, '<tr data-container=')).toBe(doc.containers.items.length);
    // One row per inbound check and per outbound question (issue 10).
    const paths = [...doc.reachability.rows, ...doc.outbound.rows];
    for (const verdict of ['reachable', 'unreachable', 'unknown'] as const) {
      expect(count(html, `<tr data-verdict="${verdict}">`)).toBe(
        paths.filter((r) => r.explanation.verdict === verdict).length,
      );
    }
    for (const f of doc.findings.items) {
      expect(html).toContain(escapeHtml(f.title));
      for (const part of fixHtmlParts(f.fix)) expect(html).toContain(part);
    }
    for (const cause of paths.flatMap((r) => r.explanation.causes)) {
      expect(html).toContain(escapeHtml(cause.title));
      for (const part of fixHtmlParts(cause.fix)) expect(html).toContain(part);
      expect(html).toContain(escapeHtml(cause.explanation));
    }
    expect(html.includes('id="isolation"')).toBe(doc.isolation !== null);
  });

  it('Markdown: every finding with its fix in a code block, every check in the table', async () => {
    const doc = documentOf(await bundle(), false);
    const md = renderReportMarkdown(doc);
    const findingsPart = section(md, 'Findings');
    expect(count(findingsPart, '\n### ')).toBe(doc.findings.items.length);
    for (const f of doc.findings.items) {
      expect(md).toContain(escapeMarkdown(f.title, 'inline'));
      if (f.fix.kind === 'command') expect(md).toContain(`powershell\n${showInvisible(f.fix.command)}\n`);
      else for (const step of f.fix.steps) expect(md).toContain(escapeMarkdown(step, 'line-start'));
    }
    const reach = section(md, 'Reachability of published ports');
    // Header and divider, then one row per check.
    expect(reach.split('\n').filter((l) => l.startsWith('| ')).length - 1).toBe(doc.reachability.rows.length);
    for (const cause of doc.reachability.rows.flatMap((r) => r.explanation.causes)) {
      expect(reach).toContain(escapeMarkdown(cause.title, 'inline'));
      if (cause.fix.kind === 'command') expect(reach).toContain(markdownCode(cause.fix.command, true));
      else for (const step of cause.fix.steps) expect(reach).toContain(escapeMarkdown(step, 'inline'));
    }
    const outbound = section(md, 'What containers can reach');
    expect(outbound.split('\n').filter((l) => l.startsWith('| ')).length - 1).toBe(doc.outbound.rows.length);
    for (const cause of doc.outbound.rows.flatMap((r) => r.explanation.causes))
      expect(outbound).toContain(escapeMarkdown(cause.title, 'inline'));
    const containers = section(md, 'Containers');
    expect(containers.split('\n').filter((l) => l.startsWith('| ')).length - 1).toBe(
      doc.containers.items.length,
    );
  });

  it('JSON: the whole document with its schema and version', async () => {
    const doc = documentOf(await bundle(), false);
    const parsed = JSON.parse(renderReportJson(doc)) as ReportDocument;
    expect(parsed).toEqual(doc);
    expect(parsed.schema).toBe('hostscope-report');
    expect(parsed.redaction).toBeNull();
  });

  it('redacted, in every format, keeps no address, name or env value of the bundle and still reads the same', async () => {
    const b = await bundle();
    const plain = documentOf(b, false);
    const doc = documentOf(b, true);
    const values = sensitiveValues(b.raw);
    expect(values.ips.length + values.hostNames.length).toBeGreaterThan(0);
    // Container names such as `reports` or `worker` are also words of Hostscope's sentences ("Docker reports ..."),
    // which redaction keeps: a word search cannot tell them apart, so container names are checked where a field
    // holds one, and redact-report.test.ts checks every sentence against a reference built from renamed files.
    const { containerNames, ...others } = values;
    for (const [format, out] of [
      ['html', renderReportHtml(doc)],
      ['md', renderReportMarkdown(doc)],
      ['json', renderReportJson(doc)],
    ] as const) {
      expect(leaks(out, { ...others, containerNames: [] }), format).toEqual([]);
    }
    expect(containerNames.length).toBeGreaterThan(0);
    const nameFields = [
      ...doc.containers.items.map((c) => c.inspect.name),
      ...doc.reachability.rows.map((r) => r.explanation.container.name),
    ];
    expect(nameFields.filter((n) => !/^container-\d+$/.test(n))).toEqual([]);
    // The same search finds them in the unredacted report, so it is no empty check.
    expect(leaks(renderReportJson(plain), values).length).toBeGreaterThan(0);
    // The reasoning survives: the same verdicts, the same causes and findings by id, in the same order.
    expect(
      doc.reachability.rows.map((r) => [r.explanation.verdict, r.explanation.causes.map((c) => c.id)]),
    ).toEqual(
      plain.reachability.rows.map((r) => [r.explanation.verdict, r.explanation.causes.map((c) => c.id)]),
    );
    expect(doc.findings.items.map((f) => f.id)).toEqual(plain.findings.items.map((f) => f.id));
    expect(doc.redaction?.rows.length).toBeGreaterThan(0);
    const md = renderReportMarkdown(doc);
    expect(md.lastIndexOf('## Redaction summary')).toBeGreaterThan(md.lastIndexOf('## Probe outcomes'));
  });
});

// What each sample host is built to show (resources/samples/tools/samples/*.ts describe the scenarios).
const SCENARIOS = [
  {
    name: 'server2016-swarm-portainer',
    causes: ['nat-loopback-unsupported', 'routing-mesh-unsupported'],
    findings: ['docker-api-unencrypted', 'routing-mesh-unsupported'],
    isolation: true,
  },
  {
    name: 'server2019-broken-nat',
    causes: ['nat-mapping-missing', 'nat-mapping-stale', 'host-port-conflict', 'firewall-blocked'],
    findings: ['nat-mapping-missing', 'host-port-conflict', 'firewall-local-rules-ignored', 'secrets-in-env'],
    isolation: false,
  },
  { name: 'server2022-healthy', causes: [], findings: [], isolation: true },
] as const;

describe.each(SCENARIOS)(
  'the $name scenario reads in every format',
  ({ name, causes, findings: findingIds, isolation }) => {
    it('names its causes and findings by id, with their fixes, and counts its verdicts', async () => {
      const b = await loadBundle(name, reportBundles().find((x) => x.name === name)!.path);
      const doc = documentOf(b, true);
      const outputs = {
        html: renderReportHtml(doc),
        md: renderReportMarkdown(doc),
        json: renderReportJson(doc),
      };
      const rows = doc.reachability.rows;
      expect(rows.length).toBeGreaterThan(0);
      if (causes.length === 0) expect(rows.every((r) => r.explanation.verdict === 'reachable')).toBe(true);
      for (const id of causes) {
        const cause = rows.flatMap((r) => r.explanation.causes).find((c) => c.id === id);
        expect(cause, id).toBeDefined();
        for (const part of fixHtmlParts(cause!.fix)) expect(outputs.html).toContain(part);
        if (cause!.fix.kind === 'command')
          expect(outputs.md).toContain(markdownCode(cause!.fix.command, true));
        for (const out of Object.values(outputs)) expect(out).toContain(id);
      }
      for (const id of findingIds) {
        expect(doc.findings.items.map((f) => f.id)).toContain(id);
        for (const out of Object.values(outputs)) expect(out).toContain(id);
      }
      expect(doc.isolation !== null).toBe(isolation);
      const unreachable = rows.filter((r) => r.explanation.verdict === 'unreachable').length;
      expect(outputs.md).toContain(`${unreachable} unreachable`);
      expect(outputs.html).toContain(`unreachable ${unreachable}`);
    });
  },
);

describe('report scope and pseudonyms', () => {
  it('limits to the named containers, keeps host findings, and refuses a name the bundle lacks', async () => {
    const b = await loadBundle('hostile-host', HOSTILE_PATH);
    const all = documentOf(b, false);
    const one = documentOf(b, false, ['db']);
    expect(one.scope).toEqual(['db']);
    expect(one.containers.items.map((c) => c.inspect.name)).toEqual(['db']);
    expect(one.reachability.rows.every((r) => r.explanation.container.name === 'db')).toBe(true);
    // Outbound rows are in scope by the container asking (issue 10), as inbound rows are by the one asked about.
    expect(one.outbound.rows.every((r) => r.explanation.container.name === 'db')).toBe(true);
    const asker = all.outbound.rows[0]!.explanation.container.id;
    const limited = documentOf(b, false, [asker]).outbound.rows.map((r) => r.explanation.container.id);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited).toEqual(
      all.outbound.rows.filter((r) => r.explanation.container.id === asker).map(() => asker),
    );
    expect(all.outbound.rows.length).toBeGreaterThan(limited.length);
    expect(
      one.findings.items.every((f) =>
        f.subjects.some((s) => s === 'host' || s.endsWith(one.containers.items[0]!.inspect.id)),
      ),
    ).toBe(true);
    expect(one.findings.items.length).toBeLessThan(all.findings.items.length);
    expect(buildReport(b.model, { generatedAt: NOW, containers: ['nope'] })).toEqual({
      kind: 'not-found',
      ref: 'nope',
    });
  });

  it('compares the two isolation modes where the host runs both', async () => {
    const b = await loadBundle('hostile-host', HOSTILE_PATH);
    const doc = documentOf(b, false);
    expect(doc.isolation?.a.isolation).toBe('process');
    expect(doc.isolation?.b.isolation).toBe('hyperv');
    expect(doc.isolation?.a.container.name).toBe(HOSTILE_NAME);
  });

  it('gives a value the same pseudonym in every section: the container in the table, in checks and in findings', async () => {
    const b = await loadBundle('hostile-host', HOSTILE_PATH);
    const doc = documentOf(b, true);
    const expected = createRedactor(seedsFromBundle(b.raw)).text(HOSTILE_NAME);
    expect(expected).toMatch(/^container-\d+$/);
    const id = doc.containers.items.find((c) => c.inspect.name === expected)?.inspect.id;
    expect(id).toBeDefined();
    expect(
      doc.reachability.rows
        .filter((r) => r.explanation.container.id === id)
        .every((r) => r.explanation.container.name === expected),
    ).toBe(true);
    expect(
      doc.findings.items
        .filter((f) => f.subjects.includes(`container:${id}`))
        .every((f) => f.title.includes(expected)),
    ).toBe(true);
    expect(doc.isolation?.a.container.name).toBe(expected);
  });

  it('reports a bundle with nothing but a manifest: every part says what was not collected', () => {
    const model = buildHostModel(rawBundle({}));
    const outcome = createReport(model, { generatedAt: NOW, redact: true });
    if (outcome.kind !== 'ok') throw new Error(outcome.kind);
    const doc = outcome.document;
    expect(doc.containers.total).toBeNull();
    expect(doc.host.unknowns.some((u) => u.includes('docker/containers.json'))).toBe(true);
    expect(doc.host.capabilities.every((c) => c.status === 'unknown')).toBe(true);
    expect(renderReportHtml(doc)).toContain('No containers.');
    expect(renderReportMarkdown(doc)).toContain('On the host: unknown.');
    expect(doc.host.computerName).toBe('host-1');
  });
});

describe('images and isolation modes in the report (issue 16)', () => {
  it('the 2022 sample: scheduler would not start process-isolated; every format says so, for the covered containers only', async () => {
    const b = await loadBundle('server2022-healthy', 'resources/samples/server2022-healthy');
    const doc = documentOf(b, false);
    const o = doc.isolationOverview!;
    expect(o.containers.map((c) => c.compatibility.container.name).sort()).toEqual(
      doc.containers.items.map((c) => c.inspect.name).sort(),
    );
    const scheduler = o.containers.find((c) => c.compatibility.container.name === 'scheduler')!;
    expect(scheduler.whatIf!.start.verdict).toBe('fails');
    const html = renderReportHtml(doc);
    expect(html).toContain('<section id="compatibility"');
    expect(html).toContain('In process isolation: it would not start');
    expect(html).toContain(
      'href="https://learn.microsoft.com/en-us/windows-server/get-started/editions-comparison"',
    );
    expect(section(renderReportMarkdown(doc), 'Images, isolation modes')).toMatch(
      /scheduler \(Hyper-V\).*would not start/,
    );
    const limited = documentOf(b, false, ['web']);
    expect(limited.isolationOverview!.containers.map((c) => c.compatibility.container.name)).toEqual(['web']);
  });
});
