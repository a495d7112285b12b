// Issue 11: reports put problems first. A one-page summary (verdict counts, findings by severity, every failing
// path under its first cause, each cause said once), then details; `problems` keeps only what fails in them.
import { describe, expect, it } from 'vitest';
import {
  createReport,
  escapeHtml,
  renderReportHtml,
  renderReportMarkdown,
  type ReportDocument,
} from '../../../src/core/report';
import { buildHostModel } from '../../../src/core/host-model';
import { loadBundle, reportBundles } from '../../support/report-bundles';
import { scaled, syntheticBundle } from '../../support/synthetic-bundle';

async function documentOf(
  detail: 'problems' | 'all',
  name = 'server2019-broken-nat',
): Promise<ReportDocument> {
  const sample = reportBundles().find((b) => b.name === name)!;
  const { model } = await loadBundle(sample.name, sample.path);
  const outcome = createReport(model, { generatedAt: '2026-11-30T10:00:00.000Z', redact: false, detail });
  if (outcome.kind !== 'ok') throw new Error(outcome.kind);
  return outcome.document;
}

describe('problems first', () => {
  it('every failing path is in the summary exactly once, under its first cause, and causes are not repeated', async () => {
    const doc = await documentOf('all');
    const failing = doc.reachability.rows.filter((r) => r.explanation.verdict !== 'reachable');
    expect(failing.length).toBeGreaterThan(0);
    const paths = doc.problems.byCause.flatMap((g) => g.paths);
    expect(paths).toHaveLength(failing.length);
    expect(new Set(paths).size).toBe(paths.length);
    for (const row of failing)
      expect(paths).toContain(`${row.explanation.container.name} ${row.portLabel} from ${row.fromLabel}`);
    const causes = doc.problems.byCause.map((g) => `${g.causeId} ${g.cause}`);
    expect(new Set(causes).size).toBe(causes.length);
    // shop's stale mapping explains two paths: said once with both.
    const stale = doc.problems.byCause.find((g) => g.causeId === 'nat-mapping-stale')!;
    expect(stale.paths.filter((p) => p.startsWith('shop '))).toHaveLength(2);
  });

  it('failing outbound paths (issue 10) are in the summary once each, with their decisive hop and evidence', async () => {
    const doc = await documentOf('all');
    const failing = doc.outbound.rows.filter((r) => r.explanation.verdict !== 'reachable');
    // The 2019 sample: group policy ignores the local rules, so no container reaches node.exe on the host's 3000.
    expect(failing.length).toBeGreaterThan(0);
    expect(doc.problems.failingOutbound).toBe(failing.length);
    const paths = doc.problems.outboundByCause.flatMap((g) => g.paths);
    expect(paths).toHaveLength(failing.length);
    const host = doc.problems.outboundByCause.find((g) => g.causeId === 'firewall-local-rules-ignored')!;
    expect(host.paths).toContain('api to the host 3000/tcp');
    const api = failing.find((r) => r.explanation.container.name === 'api' && r.toLabel === 'the host')!;
    expect(api.decisiveHop).toMatchObject({ id: 'host-firewall-from-container', status: 'fail' });
    expect(api.decisiveHop!.evidence.length).toBeGreaterThan(0);
    // network mode none asks for no network: not a failing outbound path.
    expect(doc.outbound.rows.some((r) => r.explanation.container.name === 'isolated')).toBe(false);
    const html = renderReportHtml(await documentOf('problems'));
    expect(html).toContain('Failing outbound paths');
    expect(html).toContain('id="outbound"');
    expect(html).toContain(escapeHtml(api.decisiveHop!.evidence[0]!.detail));
    expect(renderReportMarkdown(doc)).toContain(`### Failing outbound paths (${failing.length})`);
  });

  it('the summary comes before the details in HTML and Markdown', async () => {
    const doc = await documentOf('all');
    const html = renderReportHtml(doc);
    expect(html.indexOf('id="problems"')).toBeGreaterThan(0);
    expect(html.indexOf('id="problems"')).toBeLessThan(html.indexOf('id="summary"'));
    expect(html.indexOf('id="problems"')).toBeLessThan(html.indexOf('id="findings"'));
    const md = renderReportMarkdown(doc);
    expect(md.indexOf('## Problems first')).toBeLessThan(md.indexOf('## Findings'));
  });

  it('scope problems: the details keep only failing paths and troubled containers; counts still cover all', async () => {
    const all = await documentOf('all');
    const problems = await documentOf('problems');
    expect(problems.detail).toBe('problems');
    expect(problems.reachability.rows.every((r) => r.explanation.verdict !== 'reachable')).toBe(true);
    expect(problems.reachability.rows).toHaveLength(
      all.reachability.rows.filter((r) => r.explanation.verdict !== 'reachable').length,
    );
    expect(problems.reachability.counts).toEqual(all.reachability.counts);
    expect(problems.outbound.rows.every((r) => r.explanation.verdict !== 'reachable')).toBe(true);
    expect(problems.outbound.counts).toEqual(all.outbound.counts);
    expect(problems.findings.items).toEqual(all.findings.items);
    // isolated has only an info finding (no mount) and publishes nothing: a note, not a problem to detail.
    expect(problems.containers.items.map((c) => c.inspect.name)).not.toContain('isolated');
    expect(problems.problems).toEqual(all.problems);
    const names = problems.containers.items.map((c) => c.inspect.name);
    for (const name of ['api', 'shop', 'legacy', 'reports', 'worker', 'old-api', 'db'])
      expect(names).toContain(name);
    expect(renderReportHtml(problems)).toContain('scope: problems');
  });

  it('scope problems on the healthy host: no failing path and only info findings, so no container in the details', async () => {
    const problems = await documentOf('problems', 'server2022-healthy');
    expect(problems.reachability.rows).toEqual([]);
    expect(problems.problems.failingPaths).toBe(0);
    // Every running container reaches the internet and its peers there: no failing outbound path either.
    expect(problems.outbound.rows).toEqual([]);
    expect(problems.problems.failingOutbound).toBe(0);
    expect(problems.findings.items.every((f) => f.severity === 'info')).toBe(true);
    expect(problems.containers.items).toEqual([]);
    expect((await documentOf('all', 'server2022-healthy')).containers.items.length).toBeGreaterThan(0);
  });

  it('scope problems: a container cell lists five items and counts the rest, so a row cannot run over pages', () => {
    const model = buildHostModel(syntheticBundle(scaled(0.02)));
    const render = (detail: 'problems' | 'all'): { html: string; doc: ReportDocument } => {
      const outcome = createReport(model, { generatedAt: 'x', redact: false, detail });
      if (outcome.kind !== 'ok') throw new Error(outcome.kind);
      return { html: renderReportHtml(outcome.document), doc: outcome.document };
    };
    const problems = render('problems');
    const busiest = [...problems.doc.containers.items].sort(
      (a, b) => b.inspect.firewallRules.length - a.inspect.firewallRules.length,
    )[0]!;
    const rules = busiest.inspect.firewallRules.length;
    expect(rules).toBeGreaterThan(5);
    expect(problems.html).toContain(`and ${rules - 5} more`);
    expect(render('all').html).not.toContain(`and ${rules - 5} more`);
  });
  it('scope problems: a repeated finding is one card whose further cases are a line each, capped; all keeps every card', () => {
    const model = buildHostModel(syntheticBundle(scaled(0.125)));
    const render = (detail: 'problems' | 'all'): { html: string; doc: ReportDocument } => {
      const outcome = createReport(model, { generatedAt: 'x', redact: false, detail });
      if (outcome.kind !== 'ok') throw new Error(outcome.kind);
      return { html: renderReportHtml(outcome.document), doc: outcome.document };
    };
    const problems = render('problems');
    const conflicts = problems.doc.findings.items.filter((f) => f.id === 'host-port-conflict');
    expect(conflicts.length).toBeGreaterThan(11);
    const cards = (html: string): number => html.match(/class="finding" data-severity/g)?.length ?? 0;
    const ids = new Set(problems.doc.findings.items.map((f) => f.id));
    expect(cards(problems.html)).toBe(ids.size);
    // The first case in full, the next ten by title with their own fix, then how many are left out.
    expect(problems.html).toContain(conflicts[0]!.detail);
    for (const f of conflicts.slice(1, 11)) expect(problems.html).toContain(f.title);
    expect(problems.html).not.toContain(conflicts[11]!.title);
    expect(problems.html).toContain(`and ${conflicts.length - 11} more (every case in full: scope all)`);
    const all = render('all');
    expect(cards(all.html)).toBe(all.doc.findings.items.length);
    for (const f of conflicts) expect(all.html).toContain(f.detail);
  });
});
