// The synthetic hosts of the benchmark (test/support/synthetic-bundle.ts) read through the real model: every
// file parses, and the diagnosis finds each container's footprint as the generator laid it out.
import { describe, expect, it } from 'vitest';
import { correlate, findings, reachabilityMatrix } from '../../../src/core/diagnosis';
import { buildHostModel } from '../../../src/core/host-model';
import { scaled, syntheticBundle } from '../../support/synthetic-bundle';

describe('synthetic hosts', () => {
  const raw = syntheticBundle(scaled(0.05));
  const model = buildHostModel(raw);

  it('parse without a single invalid file, at the sizes asked for', () => {
    expect(model.probes.filter((p) => p.status !== 'ok' && p.status !== 'missing')).toEqual([]);
    expect(model.containers.kind === 'known' && model.containers.value.length).toBe(50);
    expect(model.processes.kind === 'known' && model.processes.value.length).toBeGreaterThanOrEqual(2500);
    expect(model.natSessions.kind === 'known' && model.natSessions.value.length).toBe(10_000);
    expect(model.firewallRules.kind === 'known' && model.firewallRules.value.length).toBe(500);
  });

  it('correlate every running container with its session and disk, or its utility VM', () => {
    const c = correlate(model);
    for (const fp of c.footprints.values()) {
      if (!fp.running) continue;
      if (fp.isolation.value === 'process') {
        expect(fp.session.kind, fp.container.name).toBe('found');
        expect(fp.sandboxDisk.kind, fp.container.name).toBe('found');
      } else {
        expect(fp.utilityVm.kind, fp.container.name).toBe('found');
        expect(fp.session.kind).toBe('not-applicable');
      }
    }
  });

  it('give a matrix with both verdicts, and findings the generator planted', () => {
    const c = correlate(model);
    const verdicts = new Set(reachabilityMatrix(model, c).map((e) => e.verdict));
    expect(verdicts).toEqual(new Set(['reachable', 'unreachable']));
    const ids = new Set(findings(model, c).map((f) => f.id));
    for (const id of [
      'nat-mapping-stale',
      'host-port-conflict',
      'secrets-in-env',
      'hyperv-no-host-firewall-rules',
    ])
      expect(ids).toContain(id);
  });

  it('carry the bundle 1.1 files: routes and events at their sizes, every running container tied to its HNS endpoint', () => {
    expect(model.routes.kind === 'known' && model.routes.value.length).toBe(500);
    expect(model.events.kind === 'known' && model.events.value.length).toBe(250);
    expect(model.portExclusions.kind === 'known' && model.portExclusions.value.ranges.length).toBe(9);
    const c = correlate(model);
    for (const fp of c.footprints.values()) {
      if (!fp.running) continue;
      expect(fp.attachments[0]!.endpoint.kind, fp.container.name).toBe('found');
      expect(fp.attachments[0]!.vSwitch.kind, fp.container.name).toBe('found');
      expect(fp.dnsServers, fp.container.name).toMatchObject({
        kind: 'found',
        value: ['172.24.0.1', '10.0.0.2'],
      });
      // What HNS publishes is what Docker publishes on this consistent host.
      const hns = fp.hnsPublications.kind === 'found' ? fp.hnsPublications.value : [];
      expect(hns.map((p) => `${p.externalPort}->${p.internalPort}`).sort(), fp.container.name).toEqual(
        fp.publications
          .filter((p) => p.origin === 'container')
          .map((p) => `${p.hostPort}->${p.containerPort}`)
          .sort(),
      );
    }
  });

  it('is the same host every time', () => {
    const again = syntheticBundle(scaled(0.05));
    expect([...again.files.keys()]).toEqual([...raw.files.keys()]);
    expect(again.files.get('docker/containers.json')).toEqual(raw.files.get('docker/containers.json'));
  });
});
