import { describe, expect, it } from 'vitest';
import { BundleError } from '../../src/core/bundle/errors';
import { parseJson } from '../../src/core/bundle/json';
import { buildHostModel } from '../../src/core/host-model';
import { fixture, rawBundle } from '../support/raw-bundle';

const outcome = (model: ReturnType<typeof buildHostModel>, id: string) =>
  model.probes.find((p) => p.id === id)!;

describe('buildHostModel: one bad file leaves the rest intact', () => {
  const model = buildHostModel(
    rawBundle(
      {
        'host/os.json': fixture('os-ps51-version-object.json'),
        'host/processes.json': fixture('truncated.json'),
        'host/tcp.json': fixture('deeply-nested.json'),
        'host/netnat-static.json': fixture('netnat-static-single.json'),
      },
      [
        { id: 'host.disks', status: 'failed', error: 'Get-Disk : Access is denied.' },
        {
          id: 'host.hns.networks',
          status: 'unsupported',
          error: 'Get-HnsNetwork is not available: the HNS module is not installed',
        },
        { id: 'host.processes', status: 'ok', files: ['host/processes.json'], durationMs: 812 },
        { id: 'host.firewall.rules', status: 'ok', files: ['host/firewall-rules.json'] },
        { id: 'host.future-probe', status: 'ok', files: ['host/future.json'] },
      ],
    ),
  );

  it('marks truncated JSON invalid with where it ends, and only the processes as unknown', () => {
    expect(outcome(model, 'host.processes')).toMatchObject({ status: 'invalid', durationMs: 812 });
    expect(outcome(model, 'host.processes').detail).toMatch(/host\/processes\.json: truncated JSON/);
    expect(model.processes).toMatchObject({
      kind: 'unknown',
      source: { probe: 'host.processes', file: 'host/processes.json' },
    });
    expect(model.host.kind).toBe('known');
    expect(model.natMappings.kind).toBe('known');
  });

  it('refuses JSON nested past the depth limit before parsing it, naming the limit and place', () => {
    const tcp = outcome(model, 'host.tcp');
    expect(tcp.status).toBe('invalid');
    expect(tcp.detail).toContain('deeper than 64 levels');
    expect(tcp.detail).toContain('line 1, column 65');
  });

  it("carries the manifest's status and error for probes that failed on the host", () => {
    expect(outcome(model, 'host.disks')).toMatchObject({
      status: 'failed',
      detail: 'Get-Disk : Access is denied.',
      manifestStatus: 'failed',
    });
    expect(model.disks).toMatchObject({
      kind: 'unknown',
      reason: expect.stringContaining(
        'probe host.disks was failed on the host: Get-Disk : Access is denied.',
      ),
    });
    expect(outcome(model, 'host.hns.networks').status).toBe('unsupported');
  });

  it('tells a file the manifest promised but the bundle lacks from one never collected', () => {
    expect(outcome(model, 'host.firewall.rules')).toMatchObject({
      status: 'missing',
      detail: expect.stringContaining('the manifest lists it as ok'),
    });
    expect(outcome(model, 'host.adapters')).toMatchObject({ status: 'missing', detail: 'not collected' });
    expect(model.firewallRules).toMatchObject({
      kind: 'unknown',
      reason:
        'host/firewall-rules.json is missing although the manifest lists probe host.firewall.rules as ok',
    });
  });

  it('keeps probes it does not know from the manifest', () => {
    expect(outcome(model, 'host.future-probe')).toMatchObject({ status: 'missing' });
  });
});

describe('buildHostModel: the manifest', () => {
  it('refuses a bundle without manifest.json, saying so', () => {
    expect(() => buildHostModel({ source: 'x.zip', files: new Map() })).toThrow(
      /x\.zip is not a Hostscope bundle: manifest\.json is missing/,
    );
  });

  it('refuses another format or version with the field named', () => {
    const bad = (manifest: string) => () =>
      buildHostModel({
        source: 'b',
        files: new Map([['manifest.json', new TextEncoder().encode(manifest)]]),
      });
    expect(bad('{"format":"other","version":1}')).toThrow(/format: expected "hostscope-bundle"/);
    expect(bad('{"format":"hostscope-bundle","version":2}')).toThrow(
      /version is 2; this Hostscope reads bundle version 1/,
    );
    expect(bad('{"format":"hostscope-bundle"')).toThrow(BundleError);
  });

  it('reports a malformed probe entry as an invalid manifest outcome and reads everything else', () => {
    const files = new Map([
      [
        'manifest.json',
        new TextEncoder().encode(
          '{"format":"hostscope-bundle","version":1,"probes":[{"id":"host.os","status":"exploded"}]}',
        ),
      ],
      ['host/os.json', fixture('os-ps51-version-object.json')],
    ]);
    const model = buildHostModel({ source: 'b', files });
    expect(outcome(model, 'manifest')).toMatchObject({
      status: 'invalid',
      detail: expect.stringContaining('probes[0]'),
    });
    expect(model.host.kind).toBe('known');
  });

  it('treats an absent daemon.json as a fact when its probe ran', () => {
    const model = buildHostModel(rawBundle({}, [{ id: 'host.docker.config', status: 'ok', files: [] }]));
    expect(model.daemonConfig).toMatchObject({ kind: 'known', value: null });
    expect(outcome(model, 'host.docker.config')).toMatchObject({
      status: 'ok',
      detail: 'the host has no daemon.json',
    });
  });

  it('treats an empty PowerShell result (no output) as an empty list', () => {
    const model = buildHostModel(rawBundle({ 'host/netnat-static.json': '' }));
    expect(model.natMappings).toMatchObject({ kind: 'known', value: [] });
  });
});

describe('parseJson', () => {
  it('accepts nesting up to the limit and ignores brackets inside strings', () => {
    expect(parseJson('[[["[[[[[[[[[["]]]', 3).kind).toBe('ok');
    expect(parseJson('[[[[1]]]]', 3)).toMatchObject({ kind: 'invalid', location: 'line 1, column 4' });
    expect(parseJson('{"a":"\\"[[[["}', 1).kind).toBe('ok');
    const deepObject = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    expect(parseJson(deepObject)).toMatchObject({ kind: 'invalid', location: 'line 1, column 321' });
  });
});
