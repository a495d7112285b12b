import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../../src/collect/bundle-reader';
import { buildHostModel } from '../../../src/core/host-model';
import { createRedactor, REDACTED_VALUE, redactBundle, seedsFromBundle } from '../../../src/core/redact';
import { createReport } from '../../../src/core/report';
import type { RawBundle } from '../../../src/shared/bundle';
import { leaks, sensitiveValues } from '../../support/sensitive-values';

const HOSTILE = fileURLToPath(new URL('../../fixtures/report/hostile-host', import.meta.url));
const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('redactBundle', () => {
  let raw: RawBundle;
  beforeAll(async () => {
    raw = await readBundle(HOSTILE);
  });

  it('leaves no address, host, user, domain, registry, container name or env value of the bundle in any file', () => {
    const values = sensitiveValues(raw);
    // The fixture holds each kind, so an empty collector cannot pass this test.
    expect(values.ips.length).toBeGreaterThanOrEqual(10);
    expect(values.macs.length).toBeGreaterThanOrEqual(4);
    expect(values.envValues).toEqual(
      expect.arrayContaining(['Sup3r-S3cret!pass', 'correct-horse-battery', 'ex1t3d-r00t-pw']),
    );
    expect(values.userNames).toEqual(expect.arrayContaining(['jdoe', 'jane.doe', 'svc-docker']));
    expect(values.hostNames).toContain('CORP-DOCKER07');
    const redacted = redactBundle(raw, createRedactor(seedsFromBundle(raw)));
    const problems = [...redacted.files].flatMap(([path, bytes]) =>
      leaks(`${path}\n${decode(bytes)}`, values).map((l) => `${path}: ${l}`),
    );
    expect(problems).toEqual([]);
  });

  it('keeps env names, drops every env value, and says how many', () => {
    const redactor = createRedactor(seedsFromBundle(raw));
    const redacted = redactBundle(raw, redactor);
    const containers = JSON.parse(decode(redacted.files.get('docker/containers.json')!)) as {
      Config: { Env: string[] };
    }[];
    expect(containers.map((c) => c.Config.Env)).toEqual([
      ['DB_PASSWORD', 'API_TOKEN', 'PORT', 'PATH'].map((n) => `${n}=${REDACTED_VALUE}`),
      [`ADMIN_PASS=${REDACTED_VALUE}`],
      [`DB_ROOT=${REDACTED_VALUE}`],
    ]);
    const env = redacted.summary.rows.find((r) => r.kind === 'env');
    // 6 removed from Env lists, plus the password that leaked into a command line.
    expect(env?.occurrences).toBe(7);
  });

  it('reads back as the same host: the model of the redacted files has the same shape', () => {
    const redacted = redactBundle(raw, createRedactor(seedsFromBundle(raw)));
    const before = buildHostModel(raw);
    const after = buildHostModel({ source: 'redacted', files: redacted.files });
    expect(after.probes.map((p) => [p.id, p.status])).toEqual(before.probes.map((p) => [p.id, p.status]));
    const shape = (m: typeof before): unknown =>
      m.containers.kind === 'known'
        ? m.containers.value.map((c) => [c.id, c.state, c.publishedPorts.length, c.networks.length])
        : null;
    expect(shape(after)).toEqual(shape(before));
    expect(after.computerName).toBe('host-1');
    expect(redacted.dropped).toEqual(['extra/capture.etl']);
  });

  it('uses the pseudonyms a redacted report of the same bundle uses', () => {
    const model = buildHostModel(raw);
    const redacted = redactBundle(raw, createRedactor(seedsFromBundle(raw)));
    const report = createReport(model, { generatedAt: 'now', redact: true, seeds: seedsFromBundle(raw) });
    if (report.kind !== 'ok') throw new Error(report.kind);
    const reportNames = report.document.containers.items.map((c) => [
      c.inspect.name,
      c.inspect.networks.map((n) => n.ip),
    ]);
    const fromRedacted = buildHostModel({ source: 'redacted', files: redacted.files });
    const bundleNames =
      fromRedacted.containers.kind === 'known'
        ? fromRedacted.containers.value.map((c) => [c.name, c.networks.map((n) => n.ip)])
        : [];
    expect(reportNames).toEqual(bundleNames);
    expect(reportNames.flat(2).every((v) => v === null || /^(container|ip)-\d+$/.test(String(v)))).toBe(true);
  });

  it('scrubs env values out of a truncated containers.json that no longer parses', () => {
    const text = decode(raw.files.get('docker/containers.json')!);
    const cut = text.slice(0, text.indexOf('tok_9f8e7d6c5b4a') + 5);
    const broken: RawBundle = {
      source: 'cut',
      files: new Map([['docker/containers.json', new TextEncoder().encode(cut)]]),
    };
    const redacted = redactBundle(broken, createRedactor([]));
    const out = decode(redacted.files.get('docker/containers.json')!);
    expect(redacted.redactedAsText).toEqual(['docker/containers.json']);
    expect(out).not.toContain('Sup3r-S3cret');
    expect(out).not.toContain('tok_9');
    expect(out).toContain(`"DB_PASSWORD=${REDACTED_VALUE}"`);
  });
});
