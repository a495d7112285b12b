// Correlation of bundle 1.1 state, from raw fixtures through the real parsers: container -> HNS network ->
// endpoint -> NAT policies -> vSwitch, and the container's DNS servers and hosts file.
import { describe, expect, it } from 'vitest';
import { correlate } from '../../../src/core/diagnosis/correlate';
import { inspect } from '../../../src/core/diagnosis/inspect';
import { formatInspect } from '../../../src/cli/format/inspect';
import { plain } from '../../../src/cli/format/style';
import { buildHostModel } from '../../../src/core/host-model';
import { fixture, rawBundle } from '../../support/raw-bundle';

const WEB = '3f5a9c2e1b7d4e6f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f';
const OLD = '9'.repeat(64);

const base = {
  'docker/containers.json': fixture('containers-web-publishes-8080-8443.json'),
  'docker/networks.json': fixture('networks-nat-with-hnsid.json'),
};
const full = {
  ...base,
  'host/hns-networks.json': fixture('hns-networks-switch-and-dns.json'),
  'host/hns-endpoints.json': fixture('hns-endpoints-nat-policies-v1.json'),
  'host/vmswitches.json': fixture('vmswitches-type-name-or-number.json'),
  [`containers/${WEB}/ipconfig.txt`]: fixture('ipconfig-english-two-dns-servers.txt'),
  [`containers/${WEB}/hosts.txt`]: fixture('hosts-with-docker-internal.txt'),
};

function footprint(files: Record<string, Uint8Array | string>, id = WEB) {
  const model = buildHostModel(rawBundle(files));
  const fp = correlate(model).footprints.get(id);
  if (!fp) throw new Error(`no footprint for ${id}`);
  return { model, fp };
}

describe('a container tied to HNS (bundle 1.1)', () => {
  it('finds its endpoint by address on the HNS network Docker recorded, with its NAT policies and the vSwitch', () => {
    const { fp } = footprint(full);
    const [nat] = fp.attachments;
    expect(nat!.hnsNetwork).toMatchObject({
      kind: 'found',
      value: { id: '76177bd4-a2b5-43a6-9cb8-a37d9d903123' },
    });
    expect(nat!.hnsNetwork.kind === 'found' && nat!.hnsNetwork.evidence[0]!.detail).toContain(
      'com.docker.network.windowsshim.hnsid',
    );
    expect(nat!.endpoint).toMatchObject({
      kind: 'found',
      value: { id: '5e6298c2-4638-494e-be6b-ff6fef942c06', ipAddress: '172.24.86.12' },
    });
    expect(nat!.natPolicies).toMatchObject({
      kind: 'found',
      value: [
        { protocol: 'tcp', internalPort: 80, externalPort: 8080 },
        { protocol: 'udp', internalPort: 53, externalPort: 53, reserved: true },
      ],
    });
    expect(nat!.vSwitch).toMatchObject({ kind: 'found', value: { name: 'nat', switchType: 'internal' } });
    expect(nat!.vSwitch.kind === 'found' && nat!.vSwitch.note).toBeUndefined();
  });

  it('keeps what HNS publishes beside what Docker says, so the two can be compared', () => {
    const { fp } = footprint(full);
    expect(fp.publications.map((p) => `${p.hostPort}->${p.containerPort}/${p.protocol}`)).toEqual([
      '8080->80/tcp',
      '8443->443/tcp',
    ]);
    expect(fp.hnsPublications.kind).toBe('found');
    if (fp.hnsPublications.kind !== 'found') return;
    expect(fp.hnsPublications.value.map((p) => `${p.externalPort}->${p.internalPort}/${p.protocol}`)).toEqual(
      ['8080->80/tcp', '53->53/udp'],
    );
    expect(fp.hnsPublications.value[0]).toMatchObject({
      network: 'nat',
      endpointId: '5e6298c2-4638-494e-be6b-ff6fef942c06',
      evidence: { file: 'host/hns-endpoints.json' },
    });
  });

  it('reads the DNS servers and hosts file from inside the container', () => {
    const { fp } = footprint(full);
    expect(fp.dnsServers).toMatchObject({
      kind: 'found',
      value: ['172.24.80.1', '10.0.0.2', 'fec0:0:0:ffff::1%1'],
      evidence: [{ file: `containers/${WEB}/ipconfig.txt` }],
    });
    expect(fp.hostsFile.kind === 'found' && fp.hostsFile.value.map((h) => h.names[0])).toEqual([
      '3f5a9c2e1b7d',
      'host.docker.internal',
      'localhost',
    ]);
  });

  it('without HNS networks, ties the endpoint by address and network name, and leaves the vSwitch unknown', () => {
    const { 'host/hns-networks.json': _, ...files } = full;
    const { fp } = footprint(files);
    const [nat] = fp.attachments;
    expect(nat!.hnsNetwork.kind).toBe('unknown');
    expect(nat!.endpoint).toMatchObject({
      kind: 'found',
      value: { id: '5e6298c2-4638-494e-be6b-ff6fef942c06' },
    });
    expect(nat!.endpoint.kind === 'found' && nat!.endpoint.evidence[0]!.detail).toContain(
      'address and network name',
    );
    expect(nat!.vSwitch.kind).toBe('unknown');
  });

  it("an endpoint holding the address on another HNS network is not the container's: absent", () => {
    const networks = JSON.parse(new TextDecoder().decode(fixture('networks-nat-with-hnsid.json'))) as {
      Options: Record<string, string>;
    }[];
    networks[0]!.Options['com.docker.network.windowsshim.hnsid'] = 'ffffffff-0000-4000-8000-000000000000';
    const hnsNetworks = `[{"ID":"ffffffff-0000-4000-8000-000000000000","Name":"other","Type":"nat","Subnets":[{"AddressPrefix":"10.99.0.0/16"}]}]`;
    const { fp } = footprint({
      ...full,
      'docker/networks.json': JSON.stringify(networks),
      'host/hns-networks.json': hnsNetworks,
    });
    const [nat] = fp.attachments;
    expect(nat!.endpoint).toMatchObject({ kind: 'absent' });
    expect(nat!.endpoint.kind === 'absent' && nat!.endpoint.reason).toContain(
      'no HNS endpoint holds 172.24.86.12',
    );
    expect(fp.hnsPublications.kind).toBe('absent');
  });

  it('an endpoint that shows no address leaves a missing endpoint unknown, never absent', () => {
    const { fp } = footprint({
      ...full,
      'host/hns-endpoints.json': JSON.stringify([
        { ID: 'E9', VirtualNetwork: '76177BD4-A2B5-43A6-9CB8-A37D9D903123', Policies: [] },
      ]),
    });
    expect(fp.attachments[0]!.endpoint).toMatchObject({ kind: 'unknown' });
    expect(fp.attachments[0]!.endpoint.kind === 'unknown' && fp.attachments[0]!.endpoint.reason).toContain(
      '1 of its endpoints show no address',
    );
    expect(fp.hnsPublications.kind).toBe('unknown');
  });

  it('an endpoint without its policies (a 1.0 probe) leaves the HNS publications unknown, not empty', () => {
    const { fp } = footprint({
      ...full,
      'host/hns-endpoints.json': JSON.stringify({
        ID: '5E6298C2-4638-494E-BE6B-FF6FEF942C06',
        IPAddress: '172.24.86.12',
        VirtualNetwork: '76177BD4-A2B5-43A6-9CB8-A37D9D903123',
      }),
    });
    expect(fp.attachments[0]!.endpoint.kind).toBe('found');
    expect(fp.attachments[0]!.natPolicies.kind).toBe('unknown');
    expect(fp.hnsPublications.kind).toBe('unknown');
  });

  it('a 1.0 bundle: endpoints, vSwitch, DNS and hosts unknown because not collected', () => {
    const { fp } = footprint(base);
    expect(fp.attachments[0]!.endpoint).toMatchObject({ kind: 'unknown' });
    expect(fp.attachments[0]!.endpoint.kind === 'unknown' && fp.attachments[0]!.endpoint.reason).toContain(
      'host/hns-endpoints.json not collected',
    );
    expect(fp.hnsPublications.kind).toBe('unknown');
    expect(fp.dnsServers.kind).toBe('unknown');
    expect(fp.hostsFile.kind).toBe('unknown');
  });

  it('a stopped container has no endpoint to look for', () => {
    const { fp } = footprint(full, OLD);
    expect(fp.attachments[0]!.endpoint.kind).toBe('not-applicable');
    expect(fp.hnsPublications.kind).toBe('not-applicable');
    expect(fp.dnsServers.kind).toBe('not-applicable');
  });

  it('indexes endpoints by address, so one owned by no container can be told (orphan)', () => {
    const model = buildHostModel(rawBundle(full));
    const correlation = correlate(model);
    expect(correlation.hns.endpointsByIp.get('172.24.86.99')?.map((e) => e.id)).toEqual([
      'a1b2c3d4-0000-4000-8000-000000000001',
    ]);
    expect(correlation.containersByIp.get('172.24.86.99')).toBeUndefined();
  });
});

describe('inspect --json (1.1 additions)', () => {
  it('carries the HNS endpoint with its NAT policies and vSwitch, the DNS servers and the hosts file', () => {
    const model = buildHostModel(rawBundle(full));
    const web = model.containers.kind === 'known' ? model.containers.value[0]! : null;
    const result = inspect(model, web!);
    expect(result.hnsEndpoints).toEqual([
      {
        network: 'nat',
        id: '5e6298c2-4638-494e-be6b-ff6fef942c06',
        ipAddress: '172.24.86.12',
        hnsNetwork: 'nat',
        vSwitch: { name: 'nat', switchType: 'internal' },
        natPolicies: [
          { protocol: 'tcp', internalPort: 80, externalPort: 8080, reserved: null },
          { protocol: 'udp', internalPort: 53, externalPort: 53, reserved: true },
        ],
        dnsServers: ['172.24.80.1', '10.0.0.2'],
      },
    ]);
    expect(result.dnsServers).toEqual(['172.24.80.1', '10.0.0.2', 'fec0:0:0:ffff::1%1']);
    expect(result.hostsFile).toContainEqual({ address: '192.168.65.2', names: ['host.docker.internal'] });
    expect(result.notes.filter((n) => /HNS|DNS|hosts|vSwitch|NAT policies/.test(n))).toEqual([]);
  });

  it("prints the NAT policies beside Docker's ports, and what the container resolves with", () => {
    const model = buildHostModel(rawBundle(full));
    const web = model.containers.kind === 'known' ? model.containers.value[0]! : null;
    const text = formatInspect(inspect(model, web!), plain, 100);
    const policies = text.slice(
      text.indexOf('HNS endpoint NAT policies'),
      text.indexOf('Name resolution inside'),
    );
    expect(policies).toMatch(
      /nat \(vSwitch nat\)\s+5e6298c2-4638-494e-be6b-ff6fef942c06\s+8080\/tcp\s+172\.24\.86\.12:80\s+-/,
    );
    expect(policies).toMatch(/53\/udp\s+172\.24\.86\.12:53\s+yes/);
    expect(text).toContain('DNS servers: 172.24.80.1, 10.0.0.2, fec0:0:0:ffff::1%1');
    expect(text).toContain('192.168.65.2 host.docker.internal');
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('says in notes why they are empty on a 1.0 bundle', () => {
    const model = buildHostModel(rawBundle(base));
    const web = model.containers.kind === 'known' ? model.containers.value[0]! : null;
    const result = inspect(model, web!);
    expect(result.hnsEndpoints).toEqual([]);
    expect(result.dnsServers).toBeNull();
    expect(result.hostsFile).toBeNull();
    expect(result.notes).toContainEqual(
      expect.stringMatching(/^HNS endpoint on nat: host\/hns-endpoints\.json not collected/),
    );
    expect(result.notes).toContainEqual(
      expect.stringMatching(/^DNS servers: containers\/.*\/ipconfig\.txt not collected/),
    );
  });
});
