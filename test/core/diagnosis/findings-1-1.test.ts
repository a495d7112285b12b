// The findings added in 1.1: each fires on the evidence it names, and its near miss next to it stays quiet.
import { describe, expect, it } from 'vitest';
import { explain, findings } from '../../../src/core/diagnosis';
import { buildHostModel } from '../../../src/core/host-model';
import type { Finding } from '../../../src/shared/diagnosis';
import type { HostEvent, HostModel, PortExclusions } from '../../../src/shared/model';
import {
  commandOf,
  container,
  hnsEndpoint,
  hostProcess,
  natNetwork,
  type HostBuilder,
} from './model-builder';
import { fixture, rawBundle } from '../../support/raw-bundle';
import { GATEWAY, healthy, VETH, WEB_IP } from './scenario';
import { subjectText } from '../../../src/core/diagnosis/subjects';

function known<T>(k: { readonly kind: string; readonly value?: T; readonly reason?: string }): T {
  if (k.kind !== 'known' || k.value === undefined) throw new Error(`expected known: ${k.reason ?? ''}`);
  return k.value;
}

const only = (model: HostModel, id: string): Finding[] => findings(model).filter((f) => f.id === id);
const exclusions = (start: number, end: number, administered = false): PortExclusions => ({
  ranges: [{ family: 'ipv4', protocol: 'tcp', start, end, administered }],
  dynamic: [],
  listings: [{ kind: 'excluded', family: 'ipv4', protocol: 'tcp' }],
});
const event = (extra: Partial<HostEvent>): HostEvent => ({
  timeCreated: '2026-12-02T08:00:00Z',
  logName: 'Microsoft-Windows-Host-Network-Service-Admin',
  providerName: 'Microsoft-Windows-Host-Network-Service',
  id: 1000,
  level: 'error',
  message: null,
  errorCodes: [],
  ...extra,
});

describe('port-reserved', () => {
  it('fires for a published port in an excluded range, naming the range and a winnat fix', () => {
    const { b, web } = healthy();
    b.set('portExclusions', exclusions(8000, 8099, true));
    const [f] = only(b.build(), 'port-reserved');
    expect(f!.subjects.map(subjectText)).toEqual([`container:${web.id}`]);
    expect(f!.evidence[0]!.detail).toContain('8000-8099 *');
    expect(f!.fix).toMatchObject({ kind: 'command', command: expect.stringContaining('net stop winnat') });
  });
  it("fires for the engine's 2375 and for 2377/7946 on a swarm node; quiet for a port beside the range", () => {
    const { b } = healthy();
    b.set('portExclusions', exclusions(2300, 2399))
      .daemonJson({ hosts: ['tcp://0.0.0.0:2375', 'npipe://'] })
      .engine({ swarm: { localNodeState: 'active', nodeId: 'n', isManager: true, nodeAddr: null } });
    const titles = only(b.build(), 'port-reserved').map((f) => f.title);
    expect(titles.some((t) => t.startsWith('2375/tcp (the Docker API)'))).toBe(true);
    expect(titles.some((t) => t.startsWith('2377/tcp'))).toBe(true);
    const near = healthy();
    near.b.set('portExclusions', exclusions(8081, 8081));
    expect(only(near.b.build(), 'port-reserved')).toEqual([]);
  });
});

describe('port-publish-refused', () => {
  it('fires for a host IP in a nat binding, never for 0.0.0.0', () => {
    const { b, web } = healthy({ web: { hostIp: '127.0.0.1', state: 'created' } });
    const [f] = only(b.build(), 'port-publish-refused');
    expect(f!.subjects.map(subjectText)).toEqual([`container:${web.id}`]);
    expect(f!.fix.kind).toBe('steps');
    expect(only(healthy().b.build(), 'port-publish-refused')).toEqual([]);
  });
  it('fires for a host port range (-p 8080-8090:80), naming the range; a one-port binding stays quiet', () => {
    // Knowledge notes section 10: "Windows does not support more than one host port in NAT settings".
    const { b, web } = healthy({ web: { hostPortRange: [8080, 8090], state: 'created' } });
    const [f] = only(b.build(), 'port-publish-refused');
    expect(f!.subjects.map(subjectText)).toEqual([`container:${web.id}`]);
    expect(f!.title).toContain('0.0.0.0:8080-8090 -> 80/tcp');
    expect(f!.detail).toContain('more than one host port');
    expect(f!.detail).not.toContain('host IP addresses');
    expect(f!.evidence.map((e) => e.detail)).toEqual([expect.stringContaining('0.0.0.0:8080-8090')]);
    expect(f!.fix).toMatchObject({ kind: 'steps', steps: [expect.stringContaining('--publish 8080:80 ')] });
  });
  it('fires from a raw docker inspect with a range and a host IP; a one-port "7000-7000" is not a range', () => {
    const model = buildHostModel(
      rawBundle({
        'docker/containers.json': fixture('containers-port-range-and-host-ip.json'),
        'docker/networks.json': fixture('networks-nat-with-hnsid.json'),
      }),
    );
    const [f] = only(model, 'port-publish-refused');
    expect(f!.title).toContain('0.0.0.0:8080-8090 -> 80/tcp');
    expect(f!.title).toContain('127.0.0.1:9000 -> 9000/tcp');
    expect(f!.title).not.toContain('7000');
    expect(f!.detail).toContain('more than one host port');
    expect(f!.detail).toContain('host IP addresses');
    const ranged = known(model.containers)[0]!;
    // Any port of the range is the refused binding, not "no published port".
    const out = explain(model, {
      container: ranged,
      source: { kind: 'external' },
      port: 8085,
      protocol: 'tcp',
    });
    expect(out.causes.map((c) => c.id)).toContain('port-publish-refused');
    expect(out.causes.map((c) => c.id)).not.toContain('no-published-port');
  });
});

describe('hns-endpoint-orphan', () => {
  it('fires for an endpoint whose address no container holds, and not for the container endpoints', () => {
    const { b } = healthy({ build: 20348 });
    b.set('hnsEndpoints', [hnsEndpoint(WEB_IP, [[8080, 80]]), hnsEndpoint('172.24.80.9', [[8443, 443]])]);
    const found = only(b.build(), 'hns-endpoint-orphan');
    expect(found).toHaveLength(1);
    expect(found[0]!.detail).toContain('8443/tcp');
    expect(found[0]!.fix).toMatchObject({ command: expect.stringContaining('Remove-HnsEndpoint') });
    // Guarded as the snapshot may be old: only while it still holds the address and no container shares it.
    const fix = found[0]!.fix;
    if (fix.kind !== 'command') throw new Error('expected a command');
    expect(fix.command).toContain(`$_.IPAddress -eq '172.24.80.9'`);
    expect(fix.command).toContain('-not $_.SharedContainers');
    expect(fix.command).not.toMatch(/Remove-HnsNetwork|docker (rm|network rm)/);
    expect(fix.note).toMatch(/^Verify first that no container holds 172\.24\.80\.9/);
  });
});

describe('nat-prefix-overlap', () => {
  it('fires for a VPN route over the nat prefix, not for the nat adapter itself', () => {
    const route = (prefix: string, alias: string) => ({
      destinationPrefix: prefix,
      nextHop: null,
      interfaceAlias: alias,
      interfaceIndex: 7,
      routeMetric: 1,
      family: 'ipv4' as const,
      protocol: 'NetMgmt',
    });
    const { b } = healthy();
    b.set('routes', [route('172.24.80.0/20', 'vEthernet (nat)'), route('172.24.0.0/16', 'Ethernet 3')]);
    const [f] = only(b.build(), 'nat-prefix-overlap');
    expect(f!.title).toContain('172.24.0.0/16 via Ethernet 3');
    const quiet = healthy();
    quiet.b.set('routes', [route('172.24.80.0/20', 'vEthernet (nat)'), route('10.0.0.0/24', 'Ethernet')]);
    expect(only(quiet.b.build(), 'nat-prefix-overlap')).toEqual([]);
  });
});

describe('nat layout', () => {
  const twoPublishing = (build: number, both = true): HostBuilder => {
    const { b } = healthy({ build });
    return b.networks({ ...natNetwork('ci', '172.18.32.0/20'), id: 'ci-id' }).containers(
      container({
        name: 'agent',
        networks: [{ name: 'ci', ip: '172.18.32.2', networkId: 'ci-id' }],
        ports: both ? [[9000, 9000]] : [],
      }),
    );
  };
  it('multi-nat-published-ports from 19041 when two nat networks publish; second-nat-on-2016 on 14393', () => {
    expect(only(twoPublishing(20348).build(), 'multi-nat-published-ports')).toHaveLength(1);
    expect(only(twoPublishing(20348, false).build(), 'multi-nat-published-ports')).toEqual([]);
    expect(only(twoPublishing(17763).build(), 'multi-nat-published-ports')).toEqual([]);
    expect(only(twoPublishing(14393).build(), 'second-nat-on-2016')).toHaveLength(1);
    expect(only(twoPublishing(17763).build(), 'second-nat-on-2016')).toEqual([]);
  });
});

describe('hns-service-not-running and hns-errors-recent', () => {
  it('names a stopped hns and counts crashes; quiet when everything runs', () => {
    const { b } = healthy();
    b.set('services', [
      { name: 'hns', state: 'Stopped', startMode: 'Manual', exitCode: 1067, processId: 0 },
      { name: 'docker', state: 'Running', startMode: 'Auto', exitCode: 0, processId: 5 },
    ]).set('events', [
      event({
        logName: 'System',
        id: 7031,
        message: 'The Host Network Service service terminated unexpectedly.',
      }),
      event({
        logName: 'System',
        id: 7031,
        message: 'The Host Network Service service terminated unexpectedly.',
      }),
    ]);
    const got = only(b.build(), 'hns-service-not-running').map((f) => f.title);
    expect(got).toEqual(['Service hns is Stopped', 'hns crashed 2 times in the collected events']);
    const calm = healthy();
    calm.b.set('services', [
      { name: 'hns', state: 'Running', startMode: 'Manual', exitCode: 0, processId: 9 },
    ]);
    expect(only(calm.b.build(), 'hns-service-not-running')).toEqual([]);
  });
  it('groups HNS errors by HRESULT in the admin words, counting repeats; warnings and other logs do not count', () => {
    const { b } = healthy();
    const port = event({ message: 'HNS-Fehler: 0x803b0013', errorCodes: ['0x803b0013'] });
    b.set('events', [
      ...Array.from({ length: 500 }, () => port),
      event({ errorCodes: ['0x803b002f'] }),
      event({ level: 'warning', errorCodes: ['0x490'] }),
      event({ logName: 'Application', errorCodes: ['0x490'] }),
    ]);
    const [f] = only(b.build(), 'hns-errors-recent');
    expect(f!.title).toBe('HNS says the port already exists: 500 times');
    expect(f!.detail).toContain('0x803b002f: HNS says the address is invalid or reserved');
    expect(f!.detail).not.toContain('0x490');
    expect(f!.evidence.length).toBeLessThanOrEqual(5);
  });
});

describe('adapters, MTU, DNS, proxy, IPv6, VM', () => {
  it('host-nic-apipa for an up adapter with only 169.254, not for a disconnected one', () => {
    const apipa = (status: string): HostModel => {
      const { b } = healthy();
      b.ipAddresses(
        {
          interfaceAlias: 'Ethernet',
          interfaceIndex: 4,
          ipAddress: '10.0.0.10',
          prefixLength: 24,
          family: 'ipv4',
        },
        {
          interfaceAlias: 'Ethernet 2',
          interfaceIndex: 6,
          ipAddress: '169.254.18.77',
          prefixLength: 16,
          family: 'ipv4',
        },
      ).set('adapters', [{ name: 'Ethernet 2', description: null, ifIndex: 6, status, macAddress: null }]);
      return b.build();
    };
    expect(only(apipa('Up'), 'host-nic-apipa')).toHaveLength(1);
    expect(only(apipa('Disconnected'), 'host-nic-apipa')).toEqual([]);
  });
  it('mtu-mismatch only where the default route leaves below 1500', () => {
    const mtu = (egress: number): HostModel => {
      const { b } = healthy();
      const iface = (alias: string, index: number, m: number) => ({
        interfaceAlias: alias,
        interfaceIndex: index,
        family: 'ipv4' as const,
        mtu: m,
        interfaceMetric: 10,
        automaticMetric: true,
        dhcp: false,
        connected: true,
        forwarding: false,
      });
      b.set('ipInterfaces', [
        iface('Ethernet', 4, egress),
        iface('vEthernet (nat)', 9, 1500),
        iface('Ethernet 3', 7, 1400),
      ]).set('routes', [
        {
          destinationPrefix: '0.0.0.0/0',
          nextHop: '10.0.0.1',
          interfaceAlias: 'Ethernet',
          interfaceIndex: 4,
          routeMetric: 0,
          family: 'ipv4',
          protocol: 'NetMgmt',
        },
      ]);
      return b.build();
    };
    expect(only(mtu(1460), 'mtu-mismatch')[0]!.title).toContain('MTU 1460');
    expect(only(mtu(1500), 'mtu-mismatch')).toEqual([]);
  });
  it("container-dns-stale for servers the host no longer uses, not for the host's or the gateway's", () => {
    const dns = (servers: string[]): HostModel => {
      const { b } = healthy({ web: { dnsServers: servers } });
      b.set('dnsServers', [
        { interfaceAlias: 'Ethernet', interfaceIndex: 4, family: 'ipv4', serverAddresses: ['10.0.0.2'] },
      ]);
      return b.build();
    };
    expect(only(dns(['10.77.65.66']), 'container-dns-stale')).toHaveLength(1);
    expect(only(dns(['172.24.80.1', '10.77.65.66']), 'container-dns-stale')).toEqual([]);
    expect(only(dns(['10.0.0.2']), 'container-dns-stale')).toEqual([]);
  });
  it('host-alias-missing (low) where Docker Desktop runs and the hosts file lacks the name; quiet otherwise', () => {
    const host = (hosts: { address: string; names: string[] }[], desktop: boolean): HostModel => {
      const { b } = healthy({ web: { hosts } });
      b.ipAddresses(VETH);
      if (desktop) b.processes(hostProcess(5100, 'com.docker.backend', 1));
      return b.build();
    };
    const localhost = [{ address: '127.0.0.1', names: ['localhost'] }];
    const [f] = only(host(localhost, true), 'host-alias-missing');
    expect(f).toMatchObject({ severity: 'low' });
    expect(f!.subjects.map(subjectText)).toEqual([expect.stringMatching(/^container:/)]);
    expect(f!.evidence.map((e) => e.file)).toEqual(
      expect.arrayContaining(['host/processes.json', expect.stringMatching(/hosts\.txt$/)]),
    );
    expect(f!.evidence[0]!.detail).toContain('com.docker.backend');
    expect(commandOf(f!.fix)).toContain(`${GATEWAY} host.docker.internal`);
    // Near misses: no Docker Desktop; the name present; the hosts file not collected.
    expect(only(host(localhost, false), 'host-alias-missing')).toEqual([]);
    expect(
      only(host([{ address: GATEWAY, names: ['host.docker.internal'] }], true), 'host-alias-missing'),
    ).toEqual([]);
    const { b } = healthy();
    b.processes(hostProcess(5100, 'Docker Desktop', 1));
    expect(only(b.build(), 'host-alias-missing')).toEqual([]);
  });
  it('engine-proxy-missing where WinHTTP has a proxy the docker service lacks; quiet with a machine proxy', () => {
    const proxy = (machine: string | null): HostModel => {
      const { b } = healthy();
      b.set('proxy', {
        winHttp: { direct: false, proxyServer: 'proxy.contoso.com:8080', bypassList: null },
        machine: { httpProxy: machine, httpsProxy: null, noProxy: null },
        dockerService: { httpProxy: null, httpsProxy: null, noProxy: null, names: [] },
      });
      return b.build();
    };
    expect(only(proxy(null), 'engine-proxy-missing')).toHaveLength(1);
    expect(only(proxy('http://proxy.contoso.com:8080'), 'engine-proxy-missing')).toEqual([]);
  });
  it('ipv6-unsupported from daemon.json; transparent-on-vm on a VM with a transparent network', () => {
    const { b } = healthy();
    b.daemonJson({ options: ['ipv6', 'fixed-cidr-v6'] })
      .networks({ ...natNetwork('ext', '10.0.0.0/24', 'transparent'), id: 'ext-id' })
      .set('computer', {
        manufacturer: 'VMware, Inc.',
        model: 'VMware7,1',
        hypervisorPresent: true,
        partOfDomain: true,
        domain: 'contoso.com',
      });
    const model = b.build();
    expect(only(model, 'ipv6-unsupported')).toHaveLength(1);
    expect(only(model, 'transparent-on-vm')).toHaveLength(1);
    const bare = healthy();
    bare.b.set('computer', {
      manufacturer: 'Dell Inc.',
      model: 'PowerEdge R740',
      hypervisorPresent: true,
      partOfDomain: true,
      domain: null,
    });
    expect(only(bare.b.build(), 'transparent-on-vm')).toEqual([]);
  });
});
