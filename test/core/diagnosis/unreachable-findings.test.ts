// Issue 11: every unreachable path of the reachability matrix is a finding, grouped per container, on every
// sample (generated hosts: properties.test.ts); a container whose paths all work has none.
import { describe, expect, it } from 'vitest';
import {
  correlate,
  findContainer,
  findings,
  isolationProfile,
  reachabilityMatrix,
  reachSummary,
} from '../../../src/core/diagnosis';
import { expectEveryUnreachablePath } from '../../support/unreachable';
import { loadBundle, reportBundles } from '../../support/report-bundles';

describe('unreachable published ports are findings', () => {
  for (const { name, path } of reportBundles()) {
    it(`${name}: every unreachable path of the matrix is in the findings`, async () => {
      const { model } = await loadBundle(name, path);
      const correlation = correlate(model);
      const matrix = reachabilityMatrix(model, correlation);
      expectEveryUnreachablePath(model, matrix, findings(model, correlation));
      // Passing the matrix in is an optimisation only.
      expect(findings(model, correlation, matrix)).toEqual(findings(model));
    });
  }

  it('server2019-broken-nat: reports, worker and old-api are findings (the issue)', async () => {
    const sample = reportBundles().find((b) => b.name === 'server2019-broken-nat')!;
    const { model } = await loadBundle(sample.name, sample.path);
    const titles = findings(model)
      .filter((f) => f.id === 'published-port-unreachable')
      .map((f) => f.title);
    for (const container of ['reports', 'worker', 'old-api'])
      expect(
        titles.some((t) => t.startsWith(`${container}: `)),
        container,
      ).toBe(true);
  });

  it('server2022-healthy: no unreachable path, no such finding', async () => {
    const sample = reportBundles().find((b) => b.name === 'server2022-healthy')!;
    const { model } = await loadBundle(sample.name, sample.path);
    expect(reachabilityMatrix(model).filter((e) => e.verdict === 'unreachable')).toEqual([]);
    expect(findings(model).filter((f) => f.id === 'published-port-unreachable')).toEqual([]);
  });

  it('the reach summary puts failing paths first, with the first cause', async () => {
    const sample = reportBundles().find((b) => b.name === 'server2016-swarm-portainer')!;
    const { model } = await loadBundle(sample.name, sample.path);
    const portainer = reachabilityMatrix(model).filter((e) => e.container.name === 'portainer');
    const summary = reachSummary(portainer, () => undefined);
    expect(summary.paths[0]).toMatchObject({
      from: 'host-localhost',
      verdict: 'unreachable',
      reason: expect.stringContaining('does not loop localhost back'),
    });
    expect(summary.counts.unreachable).toBe(1);
    // The walkthrough's point names its question, not a verdict the localhost path contradicts.
    const lookup = findContainer(model, 'portainer');
    if (lookup.kind !== 'found') throw new Error(`portainer: ${lookup.kind}`);
    const profile = isolationProfile(model, lookup.container);
    expect(profile.points.find((p) => p.id === 'reach-from-host')!.title).not.toMatch(/^Reachable/);
    const ranks = summary.paths.map((p) => ['unreachable', 'unknown', 'reachable'].indexOf(p.verdict));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });
});
