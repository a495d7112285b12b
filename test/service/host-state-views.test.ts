// The bundle 1.1 host state in the app's views (overview, container detail, topology), built by the service from
// the real reader and host model over the sample hosts. Expected values are read from the model beside it.

import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readBundle } from '../../src/collect/bundle-reader';
import { buildHostModel } from '../../src/core/host-model';
import type { HostModel } from '../../src/shared/model';
import { createHostscopeService } from '../../src/service/compose';
import { samplesDir } from '../../src/service/paths';
import type { HostscopeService } from '../../src/service/service';

let service: HostscopeService | null = null;

afterEach(() => {
  service?.dispose();
  service = null;
});

async function opened(name: string): Promise<{ s: HostscopeService; model: HostModel }> {
  service = createHostscopeService({ kind: 'web' });
  const result = await service.call('bundle:openSample', { name });
  if (!result.ok) throw new Error(result.error.message);
  return { s: service, model: buildHostModel(await readBundle(join(samplesDir(), name))) };
}

function idOf(model: HostModel, name: string): string {
  if (model.containers.kind !== 'known') throw new Error('containers unknown');
  return model.containers.value.find((c) => c.name === name)!.id;
}

describe('the host state views on server2022-hns-trouble', () => {
  it('puts the published port inside its reserved range, and lists the hns crashes beside the services', async () => {
    const { s, model } = await opened('server2022-hns-trouble');
    const overview = await s.call('host:overview', {});
    if (!overview.ok) throw new Error(overview.error.message);
    const state = overview.value.hostState;
    if (state.reservedPorts.kind !== 'known') throw new Error('reserved ports unknown');
    const holding = state.reservedPorts.value.ranges.filter((r) => r.publishedInside.length > 0);
    expect(holding.map((r) => [r.family, r.start, r.end, r.publishedInside])).toEqual([
      ['ipv4', 49985, 50084, [{ port: 50051, containerId: idOf(model, 'grpc'), containerName: 'grpc' }]],
    ]);
    expect(state.services).toEqual(model.services);
    if (state.serviceFailures.kind !== 'known') throw new Error('events unknown');
    expect(state.serviceFailures.value.map((e) => e.id)).toEqual([7031, 7031]);
    // Only the service control manager's: the HNS admin log's errors are other events.
    if (model.events.kind !== 'known') throw new Error('events unknown');
    expect(model.events.value.filter((e) => e.level === 'error').length).toBeGreaterThan(2);
  });

  it('shows the HNS endpoint of a running container with its NAT policy, and none for one that never ran', async () => {
    const { s, model } = await opened('server2022-hns-trouble');
    const web = await s.call('container:detail', { ref: idOf(model, 'web') });
    if (!web.ok) throw new Error(web.error.message);
    const [attachment, ...more] = web.value.network.hns.attachments;
    expect(more).toEqual([]);
    expect(attachment).toMatchObject({
      network: 'nat',
      ip: '172.21.144.2',
      endpoint: {
        kind: 'found',
        natPolicies: {
          kind: 'found',
          value: [{ kind: 'nat', protocol: 'tcp', internalPort: 80, externalPort: 80, reserved: true }],
        },
      },
      vSwitch: { kind: 'found', name: 'nat', type: 'internal' },
    });
    expect(web.value.network.hns.ipConfig?.kind).toBe('known');
    // The orphan (172.21.144.9) belongs to no container: no detail shows it. admin never ran: nothing is expected.
    const admin = await s.call('container:detail', { ref: idOf(model, 'admin') });
    if (!admin.ok) throw new Error(admin.error.message);
    expect(admin.value.network.hns.attachments.map((a) => a.endpoint)).toEqual([
      { kind: 'not-applicable', reason: 'the container is created, not running' },
    ]);
    expect(admin.value.network.hns.ipConfig).toBeNull();
  });

  it('draws each nat network on its Internal switch and flags the VPN route over ci as another interface', async () => {
    const { s } = await opened('server2022-hns-trouble');
    const topology = await s.call('topology:get', {});
    if (!topology.ok) throw new Error(topology.error.message);
    const ci = topology.value.networks.find((n) => n.name === 'ci')!;
    expect(ci.vSwitch).toMatchObject({
      name: 'ci',
      type: 'internal',
      note: expect.stringContaining('by the HNS network'),
    });
    expect(ci.nat).toBeNull();
    expect(ci.hnsNatName).toMatch(/^NAT[0-9A-F-]{36}$/);
    expect(ci.routes.filter((r) => r.own === false)).toEqual([
      {
        destinationPrefix: '172.18.0.0/16',
        nextHop: null,
        interfaceAlias: 'Ethernet 3',
        routeMetric: 1,
        own: false,
      },
    ]);
    const nat = topology.value.networks.find((n) => n.name === 'nat')!;
    expect(nat.routes.map((r) => [r.destinationPrefix, r.own])).toEqual([
      ['172.21.159.255/32', true],
      ['172.21.144.1/32', true],
      ['172.21.144.0/20', true],
    ]);
  });
});

describe('the host state views where the parts are unknown', () => {
  it('says why on a 2016 host without the Hyper-V module, and matches no switch', async () => {
    const { s, model } = await opened('server2016-swarm-portainer');
    const topology = await s.call('topology:get', {});
    if (!topology.ok) throw new Error(topology.error.message);
    expect(topology.value.networks.every((n) => n.vSwitch === null)).toBe(true);
    if (model.vmSwitches.kind !== 'unknown') throw new Error('vSwitches known');
    expect(topology.value.unknowns).toContain(`${model.vmSwitches.reason} (host/vmswitches.json)`);
    const detail = await s.call('container:detail', { ref: idOf(model, 'portainer') });
    if (!detail.ok) throw new Error(detail.error.message);
    if (model.hnsEndpoints.kind !== 'unknown') throw new Error('HNS endpoints known');
    expect(detail.value.network.hns.attachments.map((a) => [a.endpoint.kind, a.vSwitch.kind])).toEqual([
      ['unknown', 'unknown'],
    ]);
    const endpoint = detail.value.network.hns.attachments[0]!.endpoint;
    expect(endpoint.kind === 'unknown' && endpoint.reason).toContain(model.hnsEndpoints.reason);
  });
});
