import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../src/core/bundle/decode';
import { buildHostModel } from '../../../src/core/host-model';
import { parseHostsFile, parseIpconfig } from '../../../src/core/parse/container-dns';
import { fixture, rawBundle } from '../../support/raw-bundle';

const text = (name: string): string => decodeText(fixture(name)).text;

describe('containers/{id}/ipconfig.txt', () => {
  it('reads English ipconfig /all: the IPv4 address and every DNS server, continuation rows included', () => {
    expect(parseIpconfig(text('ipconfig-english-two-dns-servers.txt'))).toEqual({
      kind: 'ok',
      value: {
        adapters: [
          {
            name: 'Ethernet adapter vEthernet (Ethernet)',
            ipv4: ['172.24.86.12'],
            dnsServers: ['172.24.80.1', '10.0.0.2', 'fec0:0:0:ffff::1%1'],
          },
        ],
        dnsServers: ['172.24.80.1', '10.0.0.2', 'fec0:0:0:ffff::1%1'],
      },
    });
  });

  it('reads German output written as UTF-16LE (DNS-Server, IPv4-Adresse), suffix rows not taken for servers', () => {
    const parsed = parseIpconfig(text('ipconfig-german-utf16.txt'));
    expect(parsed).toMatchObject({
      kind: 'ok',
      value: {
        adapters: [{ ipv4: ['172.24.86.12'], dnsServers: ['192.168.178.1'] }],
        dnsServers: ['192.168.178.1'],
      },
    });
  });

  it('reads Chinese output (DNS 服务器, IPv4 地址)', () => {
    expect(parseIpconfig(text('ipconfig-chinese.txt'))).toMatchObject({
      kind: 'ok',
      value: { adapters: [{ ipv4: ['172.24.86.12'] }], dnsServers: ['172.24.80.1', '8.8.8.8'] },
    });
  });

  it('refuses an exec error in place of ipconfig output', () => {
    expect(parseIpconfig(text('ipconfig-garbage.txt'))).toMatchObject({
      kind: 'invalid',
      location: 'line 1',
    });
  });
});

describe('containers/{id}/hosts.txt', () => {
  it('reads entries, skipping comments (host.docker.internal with a trailing comment)', () => {
    expect(parseHostsFile(text('hosts-with-docker-internal.txt'))).toEqual({
      kind: 'ok',
      value: [
        { address: '172.24.86.12', names: ['3f5a9c2e1b7d'] },
        { address: '192.168.65.2', names: ['host.docker.internal'] },
        { address: '::1', names: ['localhost', 'ip6-localhost'] },
      ],
    });
  });

  it('gives a cut-short last line an invalid outcome with its line', () => {
    expect(parseHostsFile(text('hosts-truncated.txt'))).toMatchObject({
      kind: 'invalid',
      location: 'line 3',
    });
  });
});

describe('container.dns in the host model', () => {
  const id = 'a'.repeat(64);
  const containers = JSON.stringify([
    {
      Id: id,
      Name: '/web',
      Config: { Image: 'iis' },
      State: { Status: 'running' },
      HostConfig: {},
      NetworkSettings: {},
    },
  ]);

  it('attaches ipconfig and hosts to a running container; a broken hosts file leaves ipconfig intact', () => {
    const model = buildHostModel(
      rawBundle({
        'docker/containers.json': containers,
        [`containers/${id}/ipconfig.txt`]: fixture('ipconfig-german-utf16.txt'),
        [`containers/${id}/hosts.txt`]: fixture('hosts-truncated.txt'),
      }),
    );
    if (model.containers.kind !== 'known') throw new Error(model.containers.reason);
    const [web] = model.containers.value;
    expect(web!.ipConfig).toMatchObject({ kind: 'known', value: { dnsServers: ['192.168.178.1'] } });
    expect(web!.hostsFile).toMatchObject({ kind: 'unknown', source: { probe: 'container.dns' } });
    const outcome = model.probes.find((p) => p.id === 'container.dns')!;
    expect(outcome.status).toBe('invalid');
    expect(outcome.detail).toContain(`containers/${id}/hosts.txt`);
    expect(outcome.detail).toContain('line 3');
  });

  it('a 1.0 bundle (no such files) leaves them unknown because not collected', () => {
    const model = buildHostModel(rawBundle({ 'docker/containers.json': containers }));
    if (model.containers.kind !== 'known') throw new Error(model.containers.reason);
    const [web] = model.containers.value;
    expect(web!.ipConfig).toMatchObject({ kind: 'unknown' });
    expect(web!.ipConfig?.kind === 'unknown' && web!.ipConfig.reason).toContain('not collected');
  });
});
