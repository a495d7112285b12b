// The outbound question (section 4 of the contract): each cause where it fires and the near miss next to it.
import { describe, expect, it } from 'vitest';
import {
  explain,
  explainOutbound,
  outboundMatrix,
  parseTarget,
  reachabilityMatrix,
} from '../../../src/core/diagnosis';
import { targetText } from '../../../src/core/diagnosis/subjects';
import type { Explanation, OutboundTarget } from '../../../src/shared/diagnosis';
import type { Container, HostModel } from '../../../src/shared/model';
import { commandOf, container, hostProcess, listen, natNetwork, ports, profile, rule } from './model-builder';
import { apiContainer, GATEWAY, healthy, VETH, withOverlayTask } from './scenario';

const toHost: OutboundTarget = { kind: 'host' };
const hop = (e: Explanation, id: string) => e.hops.find((h) => h.id === id)!;
const causeIds = (e: Explanation): string[] => e.causes.map((c) => c.id);
const LAN = {
  interfaceAlias: 'Ethernet',
  interfaceIndex: 4,
  ipAddress: '10.0.0.10',
  prefixLength: 24,
  family: 'ipv4',
} as const;

/** The healthy host with SQL Server listening on 1433 on every address and an allow rule for it. */
function withHostService(listenOn = '0.0.0.0'): { model: HostModel; web: Container } {
  const { b, web } = healthy();
  b.ipAddresses(LAN, VETH)
    .processes(hostProcess(2200, 'sqlservr', 0, { path: 'C:\\Program Files\\SQL\\sqlservr.exe' }))
    .tcp(listen(1433, 2200, listenOn))
    .rules(rule({ name: 'sql-in', displayName: 'SQL Server 1433', localPorts: ports(1433) }));
  return { model: b.build(), web };
}

describe('parseTarget', () => {
  it('reads host, internet, container:<ref>, addresses and names, and refuses the rest', () => {
    expect(parseTarget('host')).toEqual({ kind: 'host' });
    expect(parseTarget('Internet')).toEqual({ kind: 'internet' });
    expect(parseTarget('container:db')).toEqual({ kind: 'container', ref: 'db' });
    expect(parseTarget('10.1.2.3')).toEqual({ kind: 'address', address: '10.1.2.3' });
    expect(parseTarget('fe80::1')).toEqual({ kind: 'address', address: 'fe80::1' });
    expect(parseTarget('Host.Docker.Internal')).toEqual({ kind: 'name', name: 'host.docker.internal' });
    for (const bad of ['', 'container:', 'a b', "x'; rm", '-bad.example'])
      expect(parseTarget(bad), bad).toBeNull();
  });
});

describe('outbound to a service on the host', () => {
  it("passes through the host's vEthernet address, the listener and the firewall", () => {
    const { model, web } = withHostService();
    const out = explainOutbound(model, { container: web, target: toHost, port: 1433, protocol: 'tcp' });
    expect(out.direction).toBe('outbound');
    expect(out.to).toEqual({ kind: 'host' });
    expect(out.from).toBe('container:web');
    expect(out.verdict).toBe('reachable');
    expect(out.hops.map((h) => `${h.id}:${h.status}`)).toEqual([
      'container-running:pass',
      'container-network:pass',
      'host-address:pass',
      'host-listener:pass',
      'host-firewall-from-container:pass',
    ]);
    // The host's address on the container network, not its LAN address (seed: Portainer's endpoint).
    expect(hop(out, 'host-address').evidence[0]).toEqual({
      file: 'host/ip-addresses.json',
      detail: expect.stringContaining(`vEthernet (nat): ${GATEWAY}/20`),
    });
    expect(hop(out, 'host-address').note).toContain(GATEWAY);
  });

  it('host-service-loopback-only: a service bound to 127.0.0.1 cannot be reached from a container', () => {
    const { model, web } = withHostService('127.0.0.1');
    const out = explainOutbound(model, { container: web, target: toHost, port: 1433, protocol: 'tcp' });
    expect(out.verdict).toBe('unreachable');
    expect(hop(out, 'host-listener').status).toBe('fail');
    expect(hop(out, 'host-listener').evidence[0]!.detail).toContain('127.0.0.1:1433 Listen by sqlservr');
    const cause = out.causes.find((c) => c.id === 'host-service-loopback-only')!;
    expect(cause.explanation).toContain('127.0.0.1');
    expect(cause.explanation).toContain(GATEWAY);
  });

  it('host-service-not-listening: nothing on the port, or only on another address; a service bound to the vEthernet address passes', () => {
    const { model, web } = withHostService('10.0.0.10');
    expect(
      causeIds(explainOutbound(model, { container: web, target: toHost, port: 1433, protocol: 'tcp' })),
    ).toEqual(['host-service-not-listening']);
    expect(
      causeIds(explainOutbound(model, { container: web, target: toHost, port: 5432, protocol: 'tcp' })),
    ).toContain('host-service-not-listening');
    const bound = withHostService(GATEWAY);
    expect(
      explainOutbound(bound.model, { container: bound.web, target: toHost, port: 1433, protocol: 'tcp' })
        .verdict,
    ).toBe('reachable');
  });

  it('concludes nothing from an empty listener list on a port a container publishes (NAT-forwarded)', () => {
    const { model, web } = withHostService();
    const out = explainOutbound(model, { container: web, target: toHost, port: 8080, protocol: 'tcp' });
    expect(hop(out, 'host-listener').status).toBe('unknown');
    expect(causeIds(out)).not.toContain('host-service-not-listening');
  });

  it('host-firewall-blocks-container: no allow rule on the container adapter, the fix scoped to the container subnet', () => {
    const { b, web } = healthy();
    b.ipAddresses(LAN, VETH)
      .processes(hostProcess(2200, 'sqlservr', 0))
      .tcp(listen(1433, 2200))
      .connections(
        { interfaceAlias: 'Ethernet', interfaceIndex: 4, networkCategory: 'domain' },
        { interfaceAlias: 'vEthernet (nat)', interfaceIndex: 12, networkCategory: 'public' },
      )
      .profiles(profile('domain'), profile('private'), profile('public'));
    const out = explainOutbound(b.build(), { container: web, target: toHost, port: 1433, protocol: 'tcp' });
    expect(hop(out, 'host-firewall-from-container').status).toBe('fail');
    const cause = out.causes.find((c) => c.id === 'host-firewall-blocks-container')!;
    expect(commandOf(cause.fix)).toContain('-RemoteAddress 172.24.80.0/20');
    expect(commandOf(cause.fix)).toContain('-LocalPort 1433');
    expect(
      hop(out, 'host-firewall-from-container').evidence.some((e) =>
        e.detail.includes('vEthernet (nat): public'),
      ),
    ).toBe(true);
  });

  it('nat-gateway-missing: the host holds no address in the nat subnet; unknown where addresses were not collected', () => {
    const { b, web } = healthy();
    b.ipAddresses(LAN).tcp(listen(1433, 2200));
    const out = explainOutbound(b.build(), { container: web, target: toHost, port: 1433, protocol: 'tcp' });
    expect(hop(out, 'host-address').status).toBe('fail');
    expect(causeIds(out)).toContain('nat-gateway-missing');
    const unknown = healthy();
    unknown.b.tcp(listen(1433, 2200)).without('ipAddresses');
    const out2 = explainOutbound(unknown.b.build(), {
      container: unknown.web,
      target: toHost,
      port: 1433,
      protocol: 'tcp',
    });
    expect(hop(out2, 'host-address').status).toBe('unknown');
    expect(hop(out2, 'host-address').note).toContain('host/ip-addresses.json');
  });

  it("the host's LAN address is a hint, not a failure; its vEthernet address is the host", () => {
    const { model, web } = withHostService();
    const lan = explainOutbound(model, {
      container: web,
      target: { kind: 'address', address: '10.0.0.10' },
      port: 1433,
      protocol: 'tcp',
    });
    expect(hop(lan, 'host-address').status).toBe('unknown');
    expect(hop(lan, 'host-address').note).toContain(GATEWAY);
    expect(lan.verdict).toBe('unknown');
    const veth = explainOutbound(model, {
      container: web,
      target: { kind: 'address', address: GATEWAY },
      port: 1433,
      protocol: 'tcp',
    });
    expect(veth.verdict).toBe('reachable');
  });
});

describe('names: host.docker.internal and the hosts file', () => {
  const alias: OutboundTarget = { kind: 'name', name: 'host.docker.internal' };
  it('host-alias-missing where the hosts file lacks the name; passes where it points at the vEthernet address', () => {
    const missing = healthy({ web: { hosts: [{ address: '127.0.0.1', names: ['localhost'] }] } });
    missing.b.ipAddresses(LAN, VETH).tcp(listen(1433, 2200));
    const out = explainOutbound(missing.b.build(), {
      container: missing.web,
      target: alias,
      port: 1433,
      protocol: 'tcp',
    });
    expect(hop(out, 'host-alias').status).toBe('fail');
    const cause = out.causes.find((c) => c.id === 'host-alias-missing')!;
    expect(commandOf(cause.fix)).toContain(`${GATEWAY} host.docker.internal`);
    const present = healthy({ web: { hosts: [{ address: GATEWAY, names: ['host.docker.internal'] }] } });
    present.b.ipAddresses(LAN, VETH).tcp(listen(1433, 2200));
    expect(
      hop(
        explainOutbound(present.b.build(), {
          container: present.web,
          target: alias,
          port: 1433,
          protocol: 'tcp',
        }),
        'host-alias',
      ).status,
    ).toBe('pass');
    const unknown = healthy();
    expect(
      hop(
        explainOutbound(unknown.b.build(), {
          container: unknown.web,
          target: alias,
          port: 1433,
          protocol: 'tcp',
        }),
        'host-alias',
      ).status,
    ).toBe('unknown');
  });
  it('a name in the hosts file is followed to its address (the VPN overlap of the trouble sample); others are unknown', () => {
    const { b, web } = healthy({
      web: { hosts: [{ address: '172.24.90.7', names: ['artifacts.example.com'] }] },
    });
    const model = b.build();
    const out = explainOutbound(model, {
      container: web,
      target: { kind: 'name', name: 'artifacts.example.com' },
      port: 443,
      protocol: 'tcp',
    });
    expect(hop(out, 'name-resolution').status).toBe('pass');
    expect(causeIds(out)).toEqual(['nat-prefix-overlap']);
    const other = explainOutbound(model, {
      container: web,
      target: { kind: 'name', name: 'www.example.org' },
      port: 443,
      protocol: 'tcp',
    });
    expect(hop(other, 'name-resolution').status).toBe('unknown');
    expect(other.verdict).toBe('unknown');
  });
});

describe('outbound to the internet or an address', () => {
  it('passes the NAT path out and says the host firewall does not govern it', () => {
    const { b, web } = healthy();
    const out = explainOutbound(b.build(), {
      container: web,
      target: { kind: 'internet' },
      port: 443,
      protocol: 'tcp',
    });
    expect(hop(out, 'egress-path').status).toBe('pass');
    expect(hop(out, 'egress-path').note).toContain('Windows-Containers#617');
    expect(out.hops.some((h) => h.id.includes('firewall'))).toBe(false);
  });

  it('no-egress-path: overlay only fails on 2016, is a hint on 2019', () => {
    const overlay = (build: number): Explanation => {
      const { b, task } = withOverlayTask(build);
      return explainOutbound(b.build(), {
        container: task,
        target: { kind: 'internet' },
        port: 443,
        protocol: 'tcp',
      });
    };
    const old = overlay(14393);
    expect(hop(old, 'egress-path').status).toBe('fail');
    expect(causeIds(old)).toEqual(['no-egress-path']);
    const later = overlay(17763);
    expect(hop(later, 'egress-path').status).toBe('unknown');
    expect(later.causes[0]!.confidence).toBe('likely');
  });

  it('nat-prefix-overlap: an address inside the nat prefix never leaves; membership from the network subnet, not the container prefix', () => {
    const { b, web } = healthy();
    const model = b.build();
    const inside = explainOutbound(model, {
      container: web,
      target: { kind: 'address', address: '172.24.90.7' },
      port: 443,
      protocol: 'tcp',
    });
    expect(hop(inside, 'target-prefix').status).toBe('fail');
    expect(causeIds(inside)).toEqual(['nat-prefix-overlap']);
    expect(hop(inside, 'target-prefix').evidence[0]!.detail).toContain('172.24.80.0/20');
    // docker/for-win#13101: subnet /20, container address written /16.
    const wide = healthy({
      web: { networks: [{ name: 'nat', ip: '172.28.201.93/16', networkId: 'nat-id' }] },
    });
    wide.b.networks(natNetwork('nat', '172.28.192.0/20'));
    const m = { ...wide.b.build() };
    const outside = explainOutbound(m, {
      container: wide.web,
      target: { kind: 'address', address: '172.28.100.5' },
      port: 443,
      protocol: 'tcp',
    });
    expect(hop(outside, 'target-prefix').status).toBe('pass');
  });
});

describe('outbound to another container', () => {
  it("is the other container's inbound path from this one", () => {
    const { b, web } = healthy();
    const api = apiContainer({ listeners: [{ localPort: 5000 }] });
    const model = b.containers(api).build();
    const out = explainOutbound(model, {
      container: web,
      target: { kind: 'container', ref: 'api' },
      port: 5000,
      protocol: 'tcp',
    });
    const inbound = explain(model, {
      container: api,
      source: { kind: 'container', ref: web.id },
      port: 5000,
      protocol: 'tcp',
    });
    expect(out.hops).toEqual(inbound.hops);
    expect(out.verdict).toBe(inbound.verdict);
    expect(out.container.name).toBe('web');
    expect(out.to).toEqual({ kind: 'container', ref: 'api' });
    // By address the same.
    expect(
      explainOutbound(model, {
        container: web,
        target: { kind: 'address', address: '172.24.80.3' },
        port: 5000,
        protocol: 'tcp',
      }).hops,
    ).toEqual(inbound.hops);
  });

  it('no-network: a container in network mode none reaches nothing, later hops are skipped', () => {
    const { b } = healthy();
    const lonely = container({ name: 'lonely', networkMode: 'none', networks: [], isolation: 'process' });
    const out = explainOutbound(b.containers(lonely).build(), {
      container: lonely,
      target: toHost,
      port: 1433,
      protocol: 'tcp',
    });
    expect(causeIds(out)).toEqual(['no-network']);
    expect(out.hops.slice(2).every((h) => h.status === 'skip')).toBe(true);
  });
});

describe('outboundMatrix: the outbound rows of the reachability matrix', () => {
  const key = (e: Explanation): string => `${e.container.name}>${targetText(e.to!)}:${e.port}/${e.protocol}`;

  it("asks each running container about the internet, the host's own services and its peers' ports", () => {
    const { b, web } = healthy();
    const api = apiContainer({ ports: [[9000, 9000]] });
    const cache = apiContainer({
      name: 'cache',
      id: 'cache-id',
      ports: [[6379, 6379]],
      networks: [{ name: 'nat', ip: '172.24.80.30', gateway: GATEWAY, networkId: 'nat-id' }],
    });
    const stopped = apiContainer({ name: 'old', id: 'old-id', state: 'exited' });
    const none = container({ name: 'lonely', networkMode: 'none', networks: [] });
    b.containers(api, cache, stopped, none)
      .ipAddresses(LAN, VETH)
      .processes(hostProcess(2200, 'sqlservr', 0))
      // SQL Server is a host service; System (SMB), dockerd (the engine's API, catalogue 17) and a process in a
      // container's session are not.
      .tcp(listen(1433, 2200), listen(445, 4), listen(2375, 1200, '127.0.0.1'), listen(80, 3632))
      .rules(rule({ name: 'sql-in', localPorts: ports(1433) }));
    const model = b.build();
    const rows = outboundMatrix(model);
    expect(rows.every((e) => e.direction === 'outbound')).toBe(true);
    // The inbound matrix asks each container's ports from one peer (web from api; api and cache from web): those
    // pairs are left to it, so a failing path is counted once.
    expect(rows.map(key).sort()).toEqual(
      [
        'web>internet:443/tcp',
        'web>host:1433/tcp',
        'api>internet:443/tcp',
        'api>host:1433/tcp',
        'api>container:cache-id:6379/tcp',
        'cache>internet:443/tcp',
        'cache>host:1433/tcp',
        `cache>container:${web.id}:80/tcp`,
        `cache>container:${api.id}:9000/tcp`,
      ].sort(),
    );
    const asked = new Set(reachabilityMatrix(model).map((e) => `${e.from}>${e.container.id}:${e.port}`));
    for (const pair of [`${api.id}>${web.id}:80`, `${web.id}>${api.id}:9000`, `${web.id}>cache-id:6379`])
      expect(asked).toContain(`container:${pair}`);
    // Each row is the answer explain --to gives.
    const senders = new Map([web, api, cache].map((c) => [c.name, c]));
    for (const e of rows) {
      const sender = senders.get(e.container.name)!;
      expect(e).toEqual(
        explainOutbound(model, {
          container: sender,
          target: parseTarget(targetText(e.to!))!,
          port: e.port,
          protocol: e.protocol,
        }),
      );
    }
  });

  it('asks nothing of a stopped container or one on network mode none', () => {
    const { b } = healthy({ web: { state: 'exited' } });
    b.containers(container({ name: 'lonely', networkMode: 'none', networks: [] }));
    expect(outboundMatrix(b.build())).toEqual([]);
  });

  it('a loopback-only host service fails for every container, naming the listener', () => {
    const { model, web } = withHostService('127.0.0.1');
    const [row] = outboundMatrix(model).filter((e) => e.to?.kind === 'host');
    expect(row).toMatchObject({ container: { id: web.id }, port: 1433, verdict: 'unreachable' });
    expect(causeIds(row!)).toEqual(['host-service-loopback-only']);
    expect(hop(row!, 'host-listener').evidence[0]!.detail).toContain('127.0.0.1:1433 Listen by sqlservr');
  });
});
