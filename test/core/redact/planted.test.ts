// Issue 17, item 6: each kind of identifying value the red team found leaking is planted in a bundle, and every
// redacted output is searched for it: the report as HTML, Markdown and JSON, and the redacted bundle's files.
import { beforeAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../../src/collect/bundle-reader';
import { buildHostModel } from '../../../src/core/host-model';
import { createRedactor, redactBundle, seedsFromBundle } from '../../../src/core/redact';
import {
  createReport,
  renderReportHtml,
  renderReportJson,
  renderReportMarkdown,
  type ReportDocument,
} from '../../../src/core/report';
import type { RawBundle } from '../../../src/shared/bundle';
import { HOSTILE_PATH } from '../../support/report-bundles';
import { PLANTED_VALUES, plantedLeaks, plantSensitiveValues } from '../../support/sensitive-values';

const NOW = '2026-11-30T10:00:00.000Z';
const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

function report(raw: RawBundle, redact: boolean): ReportDocument {
  const outcome = createReport(buildHostModel(raw), {
    generatedAt: NOW,
    redact,
    ...(redact ? { seeds: seedsFromBundle(raw) } : {}),
  });
  if (outcome.kind !== 'ok') throw new Error(outcome.kind);
  return outcome.document;
}

const renderings = (doc: ReportDocument): [string, string][] => [
  ['html', renderReportHtml(doc)],
  ['md', renderReportMarkdown(doc)],
  ['json', renderReportJson(doc)],
];

describe('planted identifying values', () => {
  let raw: RawBundle;
  beforeAll(async () => {
    raw = plantSensitiveValues(await readBundle(HOSTILE_PATH));
  });

  it('are all in the planted bundle, and the plain report shows some of them (so the search can find them)', () => {
    const everything = [...raw.files.values()].map(decode).join('\n');
    expect(plantedLeaks(everything)).toHaveLength(PLANTED_VALUES.length);
    const plain = renderings(report(raw, false))
      .map(([, out]) => out)
      .join('\n');
    expect(plantedLeaks(plain)).toEqual(
      expect.arrayContaining(['UNC server (mount source): fileserver01', 'swarm service name: payroll-api']),
    );
    // The model read the planted files: the probes stay ok.
    const model = buildHostModel(raw);
    expect(
      model.probes.filter((p) => ['docker.containers', 'host.processes', 'host.adapters'].includes(p.id)),
    ).toSatisfy((probes: readonly { status: string }[]) => probes.every((p) => p.status === 'ok'));
  });

  it('are in no redacted report format', () => {
    for (const [format, out] of renderings(report(raw, true))) expect(plantedLeaks(out), format).toEqual([]);
  });

  it('are in no file of the redacted bundle', () => {
    const redacted = redactBundle(raw, createRedactor(seedsFromBundle(raw)));
    const found = [...redacted.files].flatMap(([path, bytes]) =>
      plantedLeaks(decode(bytes)).map((leak) => `${path}: ${leak}`),
    );
    expect(found).toEqual([]);
    // The task container keeps a pseudonym of its own, and its service's name is gone from beside it.
    const containers = JSON.parse(decode(redacted.files.get('docker/containers.json')!)) as {
      Name: string;
      Config: { Labels: Record<string, string> };
    }[];
    expect(containers[2]!.Name).toMatch(/^\/container-\d+$/);
    expect(containers[2]!.Config.Labels['com.docker.swarm.service.name']).toMatch(/^service-\d+$/);
  });
});
