// checks/*.json through everything a bundle goes through (issue 14): added to a folder and to a zip, read back as
// hostile input (one broken file marks only itself), shown again when reopened, carried by reports (HTML,
// Markdown) and by a redacted bundle, where the addresses are replaced like everywhere else.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addChecksToBundle } from '../../../src/collect/checks/save';
import { readBundle } from '../../../src/collect/bundle-reader';
import { writeZip } from '../../../src/collect/bundle-writer';
import { writeRedactedBundle } from '../../../src/collect/redacted-bundle';
import { MAX_CHECK_BYTES, planChecks } from '../../../src/core/checks';
import { explain, findContainer } from '../../../src/core/diagnosis';
import { buildHostModel } from '../../../src/core/host-model';
import { createReport, renderReportHtml, renderReportMarkdown } from '../../../src/core/report';
import type { CheckRecord } from '../../../src/shared/checks';
import type { Container, HostModel } from '../../../src/shared/model';

const SAMPLE = 'resources/samples/server2016-swarm-portainer';
let dir = '';

async function modelOf(path: string): Promise<HostModel> {
  return buildHostModel(await readBundle(path));
}

function named(model: HostModel, name: string): Container {
  const found = findContainer(model, name);
  if (found.kind !== 'found') throw new Error(`${name}: ${found.kind}`);
  return found.container;
}

/** What a run stores: the planner's connection with the outcome a live host would have given. */
function records(model: HostModel): CheckRecord[] {
  const portainer = named(model, 'portainer');
  const out: CheckRecord[] = [];
  for (const [source, port, outcome] of [
    [{ kind: 'host-localhost' }, 9000, 'connected'],
    [{ kind: 'host' }, 9000, 'refused'],
  ] as const) {
    const plan = planChecks(model, { container: portainer, source, port, protocol: 'tcp' });
    if (plan.kind !== 'checks') throw new Error(plan.reason);
    for (const p of plan.checks)
      out.push({
        from: 'host',
        to: p.to,
        port: p.port,
        protocol: p.protocol,
        startedAt: '2026-12-07T09:00:00.000Z',
        durationMs: 5,
        outcome,
        detail: `${outcome} at ${p.to}`,
        command: `(New-Object System.Net.Sockets.TcpClient).ConnectAsync('${p.to}', ${p.port}).Wait(3000)`,
        timeoutMs: 3000,
        tool: 'powershell',
        question: p.question,
      });
  }
  return out;
}

describe('checks/*.json round trip', () => {
  let folder = '';
  let zip = '';
  let original: HostModel;
  let containerIp = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hostscope-checks-'));
    folder = join(dir, 'bundle');
    cpSync(SAMPLE, folder, { recursive: true });
    original = await modelOf(folder);
    const stored = records(original);
    containerIp = stored[1]!.to;
    expect(await addChecksToBundle(folder, stored)).toEqual([
      'checks/20261207T090000Z-1.json',
      'checks/20261207T090000Z-2.json',
    ]);
    const raw = await readBundle(SAMPLE);
    zip = join(dir, 'bundle.zip');
    await writeZip(
      zip,
      [...raw.files].map(([path, bytes]) => ({ path, bytes })),
      new Date(),
      undefined,
    );
    await addChecksToBundle(zip, stored);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('shows the observation again when the bundle (folder or zip) is reopened', async () => {
    for (const path of [folder, zip]) {
      const model = await modelOf(path);
      expect(model.checks.map((c) => c.outcome)).toEqual(['connected', 'refused']);
      const portainer = named(model, 'portainer');
      const localhost = explain(model, {
        container: portainer,
        source: { kind: 'host-localhost' },
        port: 9000,
        protocol: 'tcp',
      });
      expect(localhost.verdict).toBe('reachable');
      expect(localhost.observation?.contradiction?.message).toMatch(/^Hostscope expected this to fail at/);
      expect(model.probes.find((p) => p.id === 'checks')).toMatchObject({
        status: 'ok',
        detail: '2 active checks read',
      });
    }
  });

  it('numbers a second run after the first, never over it', async () => {
    expect(await addChecksToBundle(folder, records(original).slice(0, 1))).toEqual([
      'checks/20261207T090000Z-3.json',
    ]);
    rmSync(join(folder, 'checks', '20261207T090000Z-3.json'));
  });

  it('reads checks as hostile input: a broken file is invalid alone, the others stay', async () => {
    const hostile = join(dir, 'hostile');
    cpSync(folder, hostile, { recursive: true });
    writeFileSync(join(hostile, 'checks', 'a-truncated.json'), '{"from": "host", "to": ');
    writeFileSync(
      join(hostile, 'checks', 'b-name.json'),
      JSON.stringify({ ...records(original)[0], to: 'evil.example.com' }),
    );
    writeFileSync(join(hostile, 'checks', 'c-huge.json'), ' '.repeat(MAX_CHECK_BYTES + 1));
    const model = await modelOf(hostile);
    expect(model.checks).toHaveLength(2);
    const outcome = model.probes.find((p) => p.id === 'checks')!;
    expect(outcome.status).toBe('invalid');
    const invalid = outcome.files.filter((f) => f.kind === 'invalid');
    expect(invalid.map((f) => f.file)).toEqual([
      'checks/a-truncated.json',
      'checks/b-name.json',
      'checks/c-huge.json',
    ]);
    expect(invalid[1]).toMatchObject({
      reason: expect.stringMatching(/^does not match a check record: .*to/),
    });
    // Everything else of the bundle is untouched by them.
    expect(model.containers.kind).toBe('known');
  });

  it('carries observations and contradictions into the HTML and Markdown reports', async () => {
    const model = await modelOf(folder);
    const report = createReport(model, { generatedAt: '2026-12-07T10:00:00Z', redact: false });
    if (report.kind !== 'ok') throw new Error(report.kind);
    expect(report.document.observations).toHaveLength(2);
    expect(report.document.observations[0]!.explanation.observation?.contradiction).not.toBeNull();
    const markdown = renderReportMarkdown(report.document);
    expect(markdown).toContain('## Active checks');
    expect(markdown).toMatch(/Hostscope expected this to fail at .*, but a connection succeeded/);
    expect(markdown).toContain('The facts the inference used');
    const html = renderReportHtml(report.document);
    expect(html).toContain('<section id="checks"');
    expect(html).toContain('data-contradiction="yes"');
    expect(html).toContain(containerIp);
  });

  it('redacts the addresses of checks in a redacted report and a redacted bundle, and keeps them matching', async () => {
    const model = await modelOf(folder);
    const report = createReport(model, { generatedAt: '2026-12-07T10:00:00Z', redact: true });
    if (report.kind !== 'ok') throw new Error(report.kind);
    const markdown = renderReportMarkdown(report.document);
    expect(markdown).toContain('## Active checks');
    expect(markdown).toMatch(/Hostscope expected this to fail at .*, but a connection succeeded/);
    expect(markdown).not.toContain(containerIp);

    const out = join(dir, 'redacted.zip');
    await writeRedactedBundle(await readBundle(folder), out);
    const raw = await readBundle(out);
    const stored = new TextDecoder().decode(raw.files.get('checks/20261207T090000Z-2.json'));
    expect(stored).not.toContain(containerIp);
    expect(JSON.parse(stored)).toMatchObject({ to: expect.stringMatching(/^ip-\d+$/), outcome: 'refused' });
    const redacted = buildHostModel(raw);
    expect(redacted.checks).toHaveLength(2);
    const portainer = named(redacted, redacted.checks[0]!.question.container);
    expect(
      explain(redacted, { container: portainer, source: { kind: 'host' }, port: 9000, protocol: 'tcp' })
        .observation?.outcome,
    ).toBe('failed');
    expect(readFileSync(join(folder, 'checks', '20261207T090000Z-2.json'), 'utf8')).toContain(containerIp);
  });
});
