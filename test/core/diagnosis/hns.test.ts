// Published-port evidence from HNS (knowledge notes section 10): the endpoint's NAT policies first, WinNAT where
// it holds Docker's mappings, unknown where neither was collected; and the HNS state causes.
import { describe, expect, it } from 'vitest';
import { explain, findings } from '../../../src/core/diagnosis';
import type { Explanation, ReachSource } from '../../../src/shared/diagnosis';
import { commandOf, hnsEndpoint, mapping } from './model-builder';
import { apiContainer, API_IP, healthy, WEB_IP } from './scenario';

const external: ReachSource = { kind: 'external' };
const hop = (e: Explanation, id: string) => e.hops.find((h) => h.id === id)!;
const causeIds = (e: Explanation): string[] => e.causes.map((c) => c.id);

/** Server 2022: WinNAT empty, the ports in HNS endpoint policies (the healthy 2022 host of the issue). */
function server2022(policies: Parameters<typeof hnsEndpoint>[1] = [[8080, 80]]) {
  const s = healthy({ build: 20348, mapping: false });
  s.b.set('hnsEndpoints', [hnsEndpoint(WEB_IP, policies)]);
  return s;
}

describe('nat-mapping from HNS endpoint policies', () => {
  it('passes on 2022 with empty WinNAT and the HNS policy: reachable from outside, no nat-mapping-missing', () => {
    const { b, web } = server2022();
    const model = b.build();
    const out = explain(model, { container: web, source: external, port: 8080, protocol: 'tcp' });
    expect(out.verdict).toBe('reachable');
    expect(hop(out, 'nat-mapping').status).toBe('pass');
    expect(hop(out, 'nat-mapping').evidence).toContainEqual({
      file: 'host/hns-endpoints.json',
      detail: expect.stringContaining(`NAT 8080 -> 80/tcp`),
    });
    expect(findings(model).map((f) => f.id)).not.toContain('nat-mapping-missing');
  });

  it('fails when the endpoint carries no NAT policy for the port, naming what it holds', () => {
    const { b, web } = server2022([[9000, 9000]]);
    const model = b.build();
    const out = explain(model, { container: web, source: external, port: 8080, protocol: 'tcp' });
    expect(hop(out, 'nat-mapping').status).toBe('fail');
    const cause = out.causes.find((c) => c.id === 'nat-mapping-missing')!;
    expect(cause.explanation).toContain('NAT tcp 9000 -> 9000');
    expect(cause.explanation).toContain('host/hns-endpoints.json');
    const finding = findings(model).find((f) => f.id === 'nat-mapping-missing')!;
    expect(finding.evidence.some((e) => e.file === 'host/hns-endpoints.json')).toBe(true);
  });

  it('shows both where HNS and WinNAT disagree', () => {
    const { b, web } = server2022([[8080, 81]]);
    b.natMappings(mapping(8080, WEB_IP, 80));
    const out = explain(b.build(), { container: web, source: external, port: 8080, protocol: 'tcp' });
    expect(hop(out, 'nat-mapping').status).toBe('fail');
    const files = hop(out, 'nat-mapping').evidence.map((e) => e.file);
    expect(files).toContain('host/hns-endpoints.json');
    expect(files).toContain('host/netnat-static.json');
    expect(out.causes[0]!.explanation).toContain('WinNAT still maps 8080 -> 172.24.80.2:80');
  });

  it('is unknown, never failed, with neither source; and where WinNAT holds no container mapping on 2019+', () => {
    const none = healthy({ build: 20348, mapping: false });
    none.b.without('natMappings');
    const out = explain(none.b.build(), {
      container: none.web,
      source: external,
      port: 8080,
      protocol: 'tcp',
    });
    expect(hop(out, 'nat-mapping').status).toBe('unknown');
    expect(hop(out, 'nat-mapping').note).toContain('host/hns-endpoints.json');
    const empty = healthy({ build: 20348, mapping: false });
    expect(
      hop(
        explain(empty.b.build(), { container: empty.web, source: external, port: 8080, protocol: 'tcp' }),
        'nat-mapping',
      ).status,
    ).toBe('unknown');
  });

  it('still fails on WinNAT where it holds Docker mappings (2016 realises policies as mappings)', () => {
    const old = healthy({ build: 14393, mapping: false });
    expect(
      causeIds(explain(old.b.build(), { container: old.web, source: external, port: 8080, protocol: 'tcp' })),
    ).toContain('nat-mapping-missing');
    // HNS holds the policy, but this host's WinNAT holds the other containers' mappings and not this one.
    const { b, web } = server2022();
    b.containers(apiContainer({ ports: [[9000, 9000]] })).natMappings(mapping(9000, API_IP, 9000));
    const out = explain(b.build(), { container: web, source: external, port: 8080, protocol: 'tcp' });
    expect(causeIds(out)).toEqual(['nat-mapping-missing']);
    expect(out.causes[0]!.explanation).toContain('HNS and WinNAT disagree');
  });

  it('nat-mapping-stale still finds a WinNAT leftover that takes the port', () => {
    const { b, web } = server2022();
    b.natMappings(mapping(8080, '172.24.80.9', 80));
    expect(
      causeIds(explain(b.build(), { container: web, source: external, port: 8080, protocol: 'tcp' })),
    ).toEqual(['nat-mapping-stale']);
  });
});

describe('hns-endpoint-missing and network-missing', () => {
  it('hns-endpoint-missing: a running nat container whose address no endpoint holds', () => {
    const { b, web } = healthy({ build: 20348 });
    b.set('hnsEndpoints', [hnsEndpoint('172.24.80.77', [])]);
    const out = explain(b.build(), { container: web, source: external, port: 8080, protocol: 'tcp' });
    expect(hop(out, 'container-network').status).toBe('fail');
    expect(causeIds(out)).toEqual(['hns-endpoint-missing']);
    expect(hop(out, 'container-network').evidence[0]!.detail).toContain(`none with ${WEB_IP}`);
  });

  it('does not fire where the endpoint list is not collected or gives no addresses, nor for a stopped container', () => {
    const { b, web } = healthy({ build: 20348 });
    const containerNetwork = (): string =>
      hop(
        explain(b.build(), { container: web, source: external, port: 8080, protocol: 'tcp' }),
        'container-network',
      ).status;
    expect(containerNetwork()).toBe('pass');
    b.set('hnsEndpoints', [hnsEndpoint('x', null, { ipAddress: null })]);
    expect(containerNetwork()).toBe('pass');
    const stopped = healthy({ build: 20348, web: { state: 'exited' } });
    stopped.b.set('hnsEndpoints', []);
    expect(
      causeIds(
        explain(stopped.b.build(), { container: stopped.web, source: external, port: 8080, protocol: 'tcp' }),
      ),
    ).not.toContain('hns-endpoint-missing');
  });

  it('network-missing: a NetworkID docker/networks.json no longer holds, with the new network in the fix', () => {
    const { b, web } = healthy({
      web: { networks: [{ name: 'nat', ip: WEB_IP, networkId: 'old-nat-id' }], state: 'exited' },
    });
    const out = explain(b.build(), { container: web, source: external, port: 8080, protocol: 'tcp' });
    const cause = out.causes.find((c) => c.id === 'network-missing')!;
    expect(cause.explanation).toContain('old-nat-id');
    expect(commandOf(cause.fix)).toContain('docker network connect nat web');
    expect(commandOf(cause.fix)).not.toMatch(/docker (rm|network rm)/);
    // Docker matches a stopped container's network record by name: the vanished id would answer "not connected".
    expect(commandOf(cause.fix)).toMatch(/^docker network disconnect --force nat web;/);
    expect(commandOf(cause.fix)).not.toContain('old-nat-id');
    expect(cause.fix).toMatchObject({ note: expect.stringMatching(/^Verify first that web is stopped/) });
    expect(cause.references).toContain(
      'https://github.com/moby/moby/blob/master/daemon/container_operations.go',
    );
    const fine = healthy();
    expect(
      causeIds(
        explain(fine.b.build(), { container: fine.web, source: external, port: 8080, protocol: 'tcp' }),
      ),
    ).not.toContain('network-missing');
  });
});
