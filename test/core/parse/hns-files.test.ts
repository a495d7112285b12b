import { describe, expect, it } from 'vitest';
import { buildHostModel } from '../../../src/core/host-model';
import type { HnsEndpoint, Known } from '../../../src/shared/model';
import { fixture, rawBundle } from '../../support/raw-bundle';

function known<T>(k: Known<T>): T {
  if (k.kind !== 'known') throw new Error(`expected known, got unknown: ${k.reason}`);
  return k.value;
}

const CONTAINER = '3f5a9c2e1b7d4e6f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f';

describe('host/hns-endpoints.json collected whole (1.1)', () => {
  it('types v1 NAT policies, with and without ExternalPortReserved, and keeps other policies by type', () => {
    const model = buildHostModel(
      rawBundle({ 'host/hns-endpoints.json': fixture('hns-endpoints-nat-policies-v1.json') }),
    );
    const [web, orphan, remote] = known(model.hnsEndpoints);
    expect(web).toEqual({
      id: '5e6298c2-4638-494e-be6b-ff6fef942c06',
      name: 'Ethernet',
      virtualNetworkId: '76177bd4-a2b5-43a6-9cb8-a37d9d903123',
      ipAddress: '172.24.86.12',
      macAddress: '00-15-5D-CD-BE-47',
      sharedContainers: [CONTAINER],
      virtualNetworkName: 'nat',
      prefixLength: 20,
      gatewayAddress: '172.24.80.1',
      dnsServers: ['172.24.80.1', '10.0.0.2'],
      isRemote: false,
      policies: [
        { kind: 'other', type: 'L2Driver' },
        { kind: 'nat', protocol: 'tcp', internalPort: 80, externalPort: 8080, reserved: null },
        { kind: 'nat', protocol: 'udp', internalPort: 53, externalPort: 53, reserved: true },
      ],
    } satisfies HnsEndpoint);
    // Ports as strings, the protocol as its IANA number, the flag as "True".
    expect(orphan!.policies).toEqual([
      { kind: 'nat', protocol: 'tcp', internalPort: 9000, externalPort: 9000, reserved: true },
    ]);
    expect(remote).toMatchObject({ isRemote: true, policies: [], sharedContainers: [] });
  });

  it('reads HNS v2 PortMapping policies, their ports under Settings', () => {
    const model = buildHostModel(
      rawBundle({ 'host/hns-endpoints.json': fixture('hns-endpoints-portmapping-settings.json') }),
    );
    expect(known(model.hnsEndpoints)[0]!.policies).toEqual([
      { kind: 'nat', protocol: 'tcp', internalPort: 80, externalPort: 8081, reserved: null },
    ]);
  });

  it('refuses a NAT policy without its external port, naming the field', () => {
    const model = buildHostModel(
      rawBundle({ 'host/hns-endpoints.json': fixture('hns-endpoints-nat-without-external-port.json') }),
    );
    expect(model.hnsEndpoints.kind).toBe('unknown');
    const outcome = model.probes.find((p) => p.id === 'host.hns.endpoints')!;
    expect(outcome.status).toBe('invalid');
    expect(outcome.detail).toContain('[0].Policies[0]');
    expect(outcome.detail).toContain('ExternalPort: expected a port number');
  });

  it('reads a 1.0 endpoint without Policies as policies not collected (null), not as none', () => {
    const model = buildHostModel(
      rawBundle({
        'host/hns-endpoints.json': JSON.stringify({
          ID: 'E1',
          IPAddress: '172.24.80.2',
          VirtualNetwork: 'N1',
        }),
      }),
    );
    expect(known(model.hnsEndpoints)[0]).toMatchObject({ id: 'e1', virtualNetworkId: 'n1', policies: null });
  });
});

describe('host/hns-networks.json', () => {
  it('reads the switch, NAT name, DNS servers, gateways and Health.LastErrorCode', () => {
    const model = buildHostModel(
      rawBundle({ 'host/hns-networks.json': fixture('hns-networks-switch-and-dns.json') }),
    );
    expect(known(model.hnsNetworks)).toEqual([
      {
        id: '76177bd4-a2b5-43a6-9cb8-a37d9d903123',
        name: 'nat',
        type: 'nat',
        subnets: ['172.24.80.0/20'],
        gateways: ['172.24.80.1'],
        dnsServers: ['10.0.0.2', '10.0.0.3'],
        natName: 'ICS48C0DEC2-ED26-4DC5-A408-9B510A985ABC',
        switchName: 'nat',
        switchId: '8c1b7f0e-2a43-4f5a-9d8e-3b0c6a1d2e4f',
        lastErrorCode: 0,
      },
    ]);
  });
});

describe('host/hnsdiag-endpoints.txt (stand-in where no HNS module is loaded)', () => {
  it('reads the JSON objects of `hnsdiag list endpoints -d`, with their policies, between its summary lines', () => {
    const model = buildHostModel(
      rawBundle({ 'host/hnsdiag-endpoints.txt': fixture('hnsdiag-endpoints-detailed.txt') }),
    );
    expect(model.hnsEndpoints.source.file).toBe('host/hnsdiag-endpoints.txt');
    const endpoints = known(model.hnsEndpoints);
    expect(endpoints.map((e) => [e.id, e.ipAddress, e.policies?.length])).toEqual([
      ['5e6298c2-4638-494e-be6b-ff6fef942c06', '172.24.86.12', 3],
      ['a1b2c3d4-0000-4000-8000-000000000001', '172.24.86.99', 1],
    ]);
    const outcome = model.probes.find((p) => p.id === 'host.hns.endpoints')!;
    expect(outcome.status).toBe('ok');
  });

  it('reads the summary rows where no JSON was printed, policies unknown (null)', () => {
    const model = buildHostModel(
      rawBundle({ 'host/hnsdiag-endpoints.txt': fixture('hnsdiag-endpoints-summary.txt') }),
    );
    expect(known(model.hnsEndpoints)).toEqual([
      expect.objectContaining({
        id: '5e6298c2-4638-494e-be6b-ff6fef942c06',
        ipAddress: '172.24.86.12',
        macAddress: '00-15-5D-CD-BE-47',
        virtualNetworkId: '76177bd4-a2b5-43a6-9cb8-a37d9d903123',
        virtualNetworkName: 'nat',
        policies: null,
      }),
      expect.objectContaining({ id: 'a1b2c3d4-0000-4000-8000-000000000001', policies: null }),
    ]);
  });

  it('gives cut-short JSON an invalid outcome that says where', () => {
    const model = buildHostModel(
      rawBundle({ 'host/hnsdiag-endpoints.txt': fixture('hnsdiag-endpoints-truncated.txt') }),
    );
    expect(model.hnsEndpoints.kind).toBe('unknown');
    const file = model.probes
      .find((p) => p.id === 'host.hns.endpoints')!
      .files.find((f) => f.file === 'host/hnsdiag-endpoints.txt');
    expect(file).toMatchObject({ kind: 'invalid' });
    expect((file as { reason: string }).reason).toMatch(/^truncated JSON/);
    expect((file as { location?: string }).location).toMatch(/^JSON text from line 2, at its line \d+/);
  });

  it('prefers Get-HnsEndpoint JSON where both files are present', () => {
    const model = buildHostModel(
      rawBundle({
        'host/hns-endpoints.json': fixture('hns-endpoints-portmapping-settings.json'),
        'host/hnsdiag-endpoints.txt': fixture('hnsdiag-endpoints-summary.txt'),
      }),
    );
    expect(model.hnsEndpoints.source.file).toBe('host/hns-endpoints.json');
    expect(known(model.hnsEndpoints)).toHaveLength(1);
  });

  it('refuses text that is neither form', () => {
    const model = buildHostModel(
      rawBundle({
        'host/hnsdiag-endpoints.txt': "'hnsdiag' is not recognized as an internal or external command",
      }),
    );
    expect(model.hnsEndpoints).toMatchObject({ kind: 'unknown' });
    expect(model.probes.find((p) => p.id === 'host.hns.endpoints')?.status).toBe('invalid');
  });
});
