// `hostscope diff <older> <newer> [--json]` on a sample and a later collection derived from it, read from disk.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli';
import { editContainer, editJson, sampleFiles, samplesRoot, writeFolder } from '../support/derived-bundle';

let dir = '';
let older = '';
let newer = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hostscope-diff-'));
  const files = sampleFiles('server2022-healthy');
  older = writeFolder(files, join(dir, 'older'));
  const later = new Map(files);
  // api restarted with a new address (its mapping stays on the old one), and an update raised the UBR.
  editContainer(later, 'api', (c) => {
    (c.State as Record<string, unknown>).StartedAt = '2026-11-27T08:00:00Z';
    (c.NetworkSettings as { Networks: Record<string, Record<string, unknown>> }).Networks.nat!.IPAddress =
      '172.26.32.9';
  });
  editJson<Record<string, unknown>>(later, 'host/os.json', (os) => {
    os.UBR = Number(os.UBR) + 1;
  });
  newer = writeFolder(later, join(dir, 'newer'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hostscope diff', () => {
  it('answers per the contract with --json: changes with evidence, verdict changes, findings added', async () => {
    const run = await cli('diff', older, newer, '--json');
    expect(run.code, run.err).toBe(0);
    const json = JSON.parse(run.out) as {
      kind: string;
      older: { source: string };
      newer: { source: string };
      changes: {
        kind: string;
        subject: string;
        field?: string;
        before: string;
        after: string;
        evidence: unknown[];
      }[];
      verdictChanges: { container: { name: string }; from: string; port: number }[];
      findingsAdded: { id: string }[];
      findingsResolved: unknown[];
    };
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining([
        'older',
        'newer',
        'changes',
        'verdictChanges',
        'findingsAdded',
        'findingsResolved',
      ]),
    );
    expect(json.kind).toBe('diff');
    expect(json.older.source).toBe(older);
    const kinds = json.changes.map((c) => `${c.kind} ${c.subject} ${c.field ?? ''}`.trim());
    expect(kinds).toEqual(
      expect.arrayContaining([
        'host-updated host build',
        'container-restarted container:api started',
        'container-changed container:api ip nat',
      ]),
    );
    for (const c of json.changes) expect(c.evidence.length).toBeGreaterThanOrEqual(2);
    expect(json.findingsAdded.map((f) => f.id)).toContain('nat-mapping-stale');
    expect(json.verdictChanges.some((v) => v.container.name === 'api' && v.from === 'external')).toBe(true);
  });

  it('reads as text: the two collections, then each change with before and after, within 100 columns', async () => {
    const run = await cli('diff', older, newer);
    expect(run.code, run.err).toBe(0);
    const lines = run.out.split('\n');
    expect(lines[0]).toMatch(/^Older: SRV2022-CTR03 collected /);
    expect(lines[1]).toMatch(/^Newer: SRV2022-CTR03 collected /);
    expect(run.out).toContain('container api: ip nat 172.26.32.4 -> 172.26.32.9');
    expect(run.out).toContain('container api: started');
    expect(run.out).toMatch(/findings added \(\d+\)\n[^]*\[nat-mapping-stale\]/);
    expect(lines.every((l) => l.length <= 100)).toBe(true);
    expect(run.out).not.toContain('\u001b[');
  });

  it('exits 1 with a clear message for bundles of two different hosts', async () => {
    const run = await cli('diff', older, join(samplesRoot, 'server2022-hns-nat'));
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err).toMatch(/two different hosts \(SRV2022-CTR03 and SRV2022-WEB07\)/);
    const json = await cli('diff', older, join(samplesRoot, 'server2022-hns-nat'), '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({ kind: 'different-hosts' });
  });

  it('exits 3 for a bundle that cannot be read, and 2 without two bundles', async () => {
    const missing = await cli('diff', older, join(dir, 'nothing-here'));
    expect(missing.code).toBe(3);
    expect(missing.err).toContain('nothing-here');
    expect((await cli('diff', older)).code).toBe(2);
  });
});
