// The per-collection summary over the sample hosts and a synthetic host with many containers, against counts
// taken from the model the bundle reads as.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../../src/collect/bundle-reader';
import { correlate, findings, reachabilityMatrix } from '../../../src/core/diagnosis';
import { buildHostModel } from '../../../src/core/host-model';
import { NO_CONTAINER, OTHER_CONTAINERS, summarisePoint } from '../../../src/core/history';
import { samplesDir } from '../../../src/service/paths';
import type { HostModel } from '../../../src/shared/model';
import { syntheticBundle } from '../../support/synthetic-bundle';

function diagnose(model: HostModel): ReturnType<typeof summarisePoint> {
  const correlation = correlate(model);
  return summarisePoint('full', model, correlation, () => {
    const matrix = reachabilityMatrix(model, correlation);
    return { matrix, findings: findings(model, correlation, matrix) };
  });
}

describe('the summary of a collection', () => {
  it('counts the broken-NAT sample: containers, findings by severity, unreachable paths', async () => {
    const model = buildHostModel(await readBundle(join(samplesDir(), 'server2019-broken-nat')));
    const summary = diagnose(model);
    const containers = model.containers.kind === 'known' ? model.containers.value : [];
    expect(summary.containers).toBe(containers.length);
    expect(summary.runningContainers).toBe(containers.filter((c) => c.state === 'running').length);
    const correlation = correlate(model);
    const matrix = reachabilityMatrix(model, correlation);
    const all = findings(model, correlation, matrix);
    expect(summary.findingsBySeverity!.high).toBe(all.filter((f) => f.severity === 'high').length);
    expect(Object.values(summary.findingsBySeverity!).reduce((n, v) => n + v, 0)).toBe(all.length);
    // The sample's story (resources/samples/README.md): its broken NAT leaves published ports unreachable.
    expect(summary.unreachablePaths).toBeGreaterThan(0);
    expect(summary.unreachablePaths).toBe(matrix.filter((e) => e.verdict === 'unreachable').length);
  });

  it('leaves findings and paths unknown for a fast collection, and never asks for them', async () => {
    const model = buildHostModel(await readBundle(join(samplesDir(), 'server2019-broken-nat')));
    let asked = false;
    const summary = summarisePoint('fast', model, correlate(model), () => {
      asked = true;
      return { matrix: [], findings: [] };
    });
    expect(asked).toBe(false);
    expect(summary.findingsBySeverity).toBeNull();
    expect(summary.unreachablePaths).toBeNull();
    expect(summary.runningContainers).not.toBeNull();
  });

  it('keeps the five busiest containers by NAT sessions, folds the rest, and counts sessions of no container', () => {
    const model = buildHostModel(
      syntheticBundle({
        containers: 12,
        processes: 50,
        firewallRules: 10,
        natSessions: 100,
        tcpEndpoints: 10,
        routes: 5,
        events: 5,
      }),
    );
    const summary = summarisePoint('fast', model, correlate(model), () => ({ matrix: [], findings: [] }));
    const rows = summary.natSessionsByContainer!;
    expect(summary.natSessions).toBe(100);
    expect(rows.reduce((n, r) => n + r.sessions, 0)).toBe(100);
    const named = rows.filter((r) => r.container !== OTHER_CONTAINERS && r.container !== NO_CONTAINER);
    expect(named).toHaveLength(5);
    expect(rows.some((r) => r.container === OTHER_CONTAINERS)).toBe(true);
    const sessions = named.map((r) => r.sessions);
    expect(sessions).toEqual([...sessions].sort((a, b) => b - a));
  });

  it('says unknown, not zero, when the NAT sessions file is missing', async () => {
    const raw = await readBundle(join(samplesDir(), 'server2019-broken-nat'));
    const files = new Map(raw.files);
    files.delete('host/netnat-sessions.json');
    const model = buildHostModel({ ...raw, files });
    const summary = summarisePoint('fast', model, correlate(model), () => ({ matrix: [], findings: [] }));
    expect(summary.natSessions).toBeNull();
    expect(summary.natSessionsByContainer).toBeNull();
  });
});
