// The what-if of issue 16 on the samples: the same engine run on the model with one container's isolation flipped.
import { describe, expect, it } from 'vitest';
import { whatIf } from '../../../src/core/diagnosis';
import type { HostModel } from '../../../src/shared/model';
import { sampleContainer, sampleModel } from '../../support/samples';

describe('what if it ran in the other isolation mode', () => {
  it('portainer (2016) in Hyper-V: no session, no host rule for 9000, and the external row changes', async () => {
    const model = await sampleModel('server2016-swarm-portainer');
    const w = whatIf(model, sampleContainer(model, 'portainer'));
    expect([w.from, w.to]).toEqual(['process', 'hyperv']);
    // Its image is 14393 like the host: it would start.
    expect(w.start.verdict).toBe('runs');
    const point = (id: string) => w.points.find((p) => p.id === id)!;
    expect(point('session').now).toMatch(/^session 2/);
    expect(point('session').then).toMatch(/no session of its own/);
    expect(point('session').changes).toBe(true);
    expect(point('firewall-rules').then).toMatch(/would not create its 1 port rule .*Port 9000/);
    expect(point('sandbox-disk').then).toMatch(/not mounted on the host/);
    // The engine on the flipped model: the external client came in through the 9000 rule, which Docker would
    // not create; with every profile blocking by default, whether it gets through is then unknown.
    expect(w.reachability.changed).toContainEqual(
      expect.objectContaining({ from: 'external', port: 9000, now: 'reachable', then: 'unknown' }),
    );
    // localhost stays unreachable (no NAT loopback on 14393, whatever the mode).
    expect(w.reachability.changed.some((r) => r.from === 'host-localhost')).toBe(false);
    expect(w.reachability.unchanged).toBeGreaterThan(0);
    // The memory of a utility VM is measured on this host's vmmem (coreapp's).
    expect(point('memory').then).toMatch(/coreapp: \d+ MB, measured on its vmmem process/);
  });

  it('scheduler (2022, image built on 17763) in process isolation would not start', async () => {
    const model = await sampleModel('server2022-healthy');
    const w = whatIf(model, sampleContainer(model, 'scheduler'));
    expect([w.from, w.to]).toEqual(['hyperv', 'process']);
    expect(w.start.verdict).toBe('fails');
    expect(w.start.reason).toMatch(/17763/);
    expect(w.points.find((p) => p.id === 'compatibility')!.then).toMatch(/^no, it would not start/);
    // Every row it answers now would go: it would not start.
    expect(w.reachability.changed.length).toBeGreaterThan(0);
    for (const row of w.reachability.changed) expect(row.then).toBe('unreachable');
  });

  it('a Hyper-V container whose image matches the host (coreapp, 2016) would start in process isolation', async () => {
    const model = await sampleModel('server2016-swarm-portainer');
    const w = whatIf(model, sampleContainer(model, 'coreapp'));
    expect(w.start.verdict).toBe('runs');
    expect(w.points.find((p) => p.id === 'firewall-rules')!.then).toMatch(/allow rule .*\(80\/tcp\)/);
    expect(w.points.find((p) => p.id === 'memory')!.then).toMatch(/would be freed/);
  });

  it('without docker/images.json the start is unknown, never a guess', async () => {
    const model = await sampleModel('server2022-healthy');
    const bare: HostModel = {
      ...model,
      images: { kind: 'unknown', reason: 'docker/images.json not collected', source: model.images.source },
    };
    const w = whatIf(bare, sampleContainer(bare, 'scheduler'));
    expect(w.start.verdict).toBe('unknown');
    expect(w.reachability.changed.every((r) => r.then !== 'unreachable' || r.now === 'unreachable')).toBe(
      true,
    );
  });
});
