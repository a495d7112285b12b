// Every cause id of the contract: a scenario where it fires and a near miss where it must not.
import { describe, expect, it } from 'vitest';
import { correlate, explain, fixText } from '../../../src/core/diagnosis';
import type { Explanation, ReachSource } from '../../../src/shared/diagnosis';
import type { Container, HostModel } from '../../../src/shared/model';
import {
  commandOf,
  container,
  hostProcess,
  listen,
  mapping,
  natNetwork,
  ports,
  profile,
  rule,
} from './model-builder';
import { API_IP, apiContainer, healthy, swarmWebHost, WEB_IP, webTask } from './scenario';

const external: ReachSource = { kind: 'external' };
const localhost: ReachSource = { kind: 'host-localhost' };
const fromHost: ReachSource = { kind: 'host' };

function run(
  model: HostModel,
  c: Container,
  source: ReachSource,
  port: number,
  protocol: 'tcp' | 'udp' = 'tcp',
): Explanation {
  return explain(model, { container: c, source, port, protocol });
}
const hop = (e: Explanation, id: string) => e.hops.find((h) => h.id === id)!;
const causeIds = (e: Explanation): string[] => e.causes.map((c) => c.id);

describe('explain: the healthy path', () => {
  it('passes every hop from outside, from the host and from localhost on 2019', () => {
    const { b, web } = healthy();
    const model = b.build();
    const out = run(model, web, external, 8080);
    expect(out.verdict).toBe('reachable');
    expect(out.hops.map((h) => `${h.id}:${h.status}`)).toEqual([
      'container-running:pass',
      'container-network:pass',
      'published-port:pass',
      'port-reserved:pass',
      'routing-mesh:skip',
      'nat-mapping:pass',
      'host-port-free:pass',
      'host-firewall:pass',
      'listening:pass',
    ]);
    expect(out.causes).toEqual([]);
    expect(run(model, web, fromHost, 80).verdict).toBe('reachable');
    expect(run(model, web, localhost, 8080).verdict).toBe('reachable');
  });

  it('names the bundle file and the object in each evidence', () => {
    const { b, web } = healthy();
    const out = run(b.build(), web, external, 8080);
    expect(hop(out, 'nat-mapping').evidence[0]).toEqual({
      file: 'host/netnat-static.json',
      detail: expect.stringContaining(`8080 -> ${WEB_IP}:80`),
    });
    expect(
      hop(out, 'host-firewall').evidence.some(
        (e) =>
          e.file === 'host/firewall-rules.json' && e.detail.includes('HNS Container Networking - web 80'),
      ),
    ).toBe(true);
    expect(hop(out, 'listening').evidence[0]!.file).toBe(`containers/${web.id}/netstat.txt`);
  });
});

describe('container-not-running', () => {
  it('fires for an exited container, with a docker start fix', () => {
    const { b, web } = healthy({ web: { state: 'exited' } });
    const out = run(b.build(), web, external, 8080);
    expect(out.verdict).toBe('unreachable');
    expect(hop(out, 'container-running').status).toBe('fail');
    expect(out.causes[0]).toMatchObject({
      id: 'container-not-running',
      fix: { kind: 'command', command: expect.stringContaining('docker start web') },
    });
    expect(hop(out, 'listening').status).toBe('skip');
  });
  it('fires for a stopped source container', () => {
    const { b, web } = healthy();
    const api = apiContainer({ state: 'exited' });
    const out = run(b.containers(api).build(), web, { kind: 'container', ref: 'api' }, 80);
    expect(hop(out, 'source-container').status).toBe('fail');
    expect(causeIds(out)).toContain('container-not-running');
  });
  it('does not fire for a running container', () => {
    const { b, web } = healthy();
    expect(causeIds(run(b.build(), web, external, 8080))).not.toContain('container-not-running');
  });
});

describe('no-published-port', () => {
  it('fires when nothing is published on the host port, listing what is', () => {
    const { b, web } = healthy();
    const out = run(b.build(), web, external, 9999);
    expect(hop(out, 'published-port').status).toBe('fail');
    const cause = out.causes.find((c) => c.id === 'no-published-port')!;
    expect(cause.explanation).toContain('8080/tcp -> 80');
    expect(hop(out, 'nat-mapping').status).toBe('skip');
  });
  it('fires for the right port with the wrong protocol', () => {
    const { b, web } = healthy();
    expect(causeIds(run(b.build(), web, external, 8080, 'udp'))).toContain('no-published-port');
  });
  it('does not treat a loopback binding on nat as published for the host alone: Windows refuses it', () => {
    // Knowledge notes section 10; failure catalogue 36: the container does not start.
    const { b, web: local } = healthy({ web: { hostIp: '127.0.0.1', state: 'created' } });
    const model = b.build();
    // One correlation for both questions: what is remembered for one source must not answer the other.
    const correlation = correlate(model);
    for (const source of [external, localhost]) {
      const out = explain(model, { container: local, source, port: 8080, protocol: 'tcp' }, correlation);
      expect(hop(out, 'published-port').status).toBe('fail');
      expect(causeIds(out)).toContain('port-publish-refused');
      expect(causeIds(out)).not.toContain('no-published-port');
    }
  });
  it('does not fire for the published port, nor for a transparent container reached on its own address', () => {
    const { b, web } = healthy();
    expect(causeIds(run(b.build(), web, external, 8080))).not.toContain('no-published-port');
    const t = container({
      name: 'lan',
      networks: [{ name: 'extnet', ip: '10.0.0.50', networkId: 'ext-id' }],
      isolation: 'process',
      listeners: [{ localPort: 80 }],
    });
    const model = healthy()
      .b.containers(t)
      .networks({ ...natNetwork('extnet', '10.0.0.0/24', 'transparent'), id: 'ext-id' })
      .build();
    const out = run(model, t, external, 80);
    expect(hop(out, 'published-port').status).toBe('skip');
    expect(causeIds(out)).not.toContain('no-published-port');
  });
});

describe('nat-loopback-unsupported', () => {
  it.each([14393, 16299])('fires for localhost on build %i', (build) => {
    const { b, web } = healthy({ build });
    const out = run(b.build(), web, localhost, 8080);
    expect(out.verdict).toBe('unreachable');
    expect(hop(out, 'nat-loopback').status).toBe('fail');
    const cause = out.causes.find((c) => c.id === 'nat-loopback-unsupported')!;
    expect(commandOf(cause.fix)).toBe(`Test-NetConnection -ComputerName ${WEB_IP} -Port 80`);
    expect(cause.confidence).toBe('certain');
  });
  it('is unknown, as a likely cause, on the unconfirmed 17134', () => {
    const { b, web } = healthy({ build: 17134 });
    const out = run(b.build(), web, localhost, 8080);
    expect(hop(out, 'nat-loopback').status).toBe('unknown');
    expect(out.verdict).toBe('unknown');
    expect(out.causes.find((c) => c.id === 'nat-loopback-unsupported')?.confidence).toBe('likely');
  });
  it('does not fire on 17763, nor from outside on 14393', () => {
    const { b, web } = healthy({ build: 17763 });
    expect(hop(run(b.build(), web, localhost, 8080), 'nat-loopback').status).toBe('pass');
    const old = healthy({ build: 14393 });
    expect(causeIds(run(old.b.build(), old.web, external, 8080))).not.toContain('nat-loopback-unsupported');
  });
  it('is unknown and names host.os when the build was not collected', () => {
    const { b, web } = healthy();
    const out = run(b.without('host').build(), web, localhost, 8080);
    expect(hop(out, 'nat-loopback')).toMatchObject({
      status: 'unknown',
      note: expect.stringContaining('host.os'),
    });
  });
});

describe('routing-mesh-unsupported', () => {
  function swarmHost(build: number) {
    const task = webTask(1, 'abcdefghijklmnopqrstuvwxy', '172.24.80.7');
    return { model: swarmWebHost(build, [task]), task };
  }
  it('fires for an ingress-published service port on 14393, with a mode=host fix', () => {
    const { model, task } = swarmHost(14393);
    const out = run(model, task, external, 80);
    expect(hop(out, 'routing-mesh').status).toBe('fail');
    expect(commandOf(out.causes.find((c) => c.id === 'routing-mesh-unsupported')!.fix)).toBe(
      'docker service update --publish-rm 80 --publish-add mode=host,published=80,target=80,protocol=tcp web',
    );
  });
  it('does not fire on 17763', () => {
    const { model, task } = swarmHost(17763);
    const out = run(model, task, external, 80);
    expect(hop(out, 'routing-mesh').status).toBe('pass');
    expect(causeIds(out)).not.toContain('routing-mesh-unsupported');
  });
});

describe('nat-mapping-missing and nat-mapping-stale', () => {
  it('fires missing when no static mapping has the host port', () => {
    const { b, web } = healthy({ mapping: false });
    const out = run(b.natMappings(mapping(9090, '172.24.80.9', 90)).build(), web, external, 8080);
    expect(hop(out, 'nat-mapping').status).toBe('fail');
    expect(causeIds(out)).toContain('nat-mapping-missing');
    expect(causeIds(out)).not.toContain('nat-mapping-stale');
  });
  it('fires stale when the mapping for the port points at another container, naming it', () => {
    const { b, web } = healthy({ mapping: false });
    const model = b
      .containers(apiContainer())
      .natMappings(mapping(8080, API_IP, 80, { id: 7 }))
      .build();
    const out = run(model, web, external, 8080);
    const cause = out.causes.find((c) => c.id === 'nat-mapping-stale')!;
    expect(cause.explanation).toContain('container api');
    expect(commandOf(cause.fix)).toContain(
      "Remove-NetNatStaticMapping -NatName 'H6bd1a5b2-7c8e-4f1a-9a55-1f0c8e2d9a11' -StaticMappingID 7",
    );
    expect(commandOf(cause.fix)).toContain('docker restart web');
  });
  it('fires stale when the mapping points at this container but another port', () => {
    const { b, web } = healthy({ mapping: false });
    expect(causeIds(run(b.natMappings(mapping(8080, WEB_IP, 81)).build(), web, external, 8080))).toContain(
      'nat-mapping-stale',
    );
  });
  it('does not fire when the mapping points at the container (IP shown with a prefix length)', () => {
    const { b, web } = healthy({ mapping: false });
    const out = run(b.natMappings(mapping(8080, `${WEB_IP}`, 80)).build(), web, external, 8080);
    expect(hop(out, 'nat-mapping').status).toBe('pass');
    const prefixed = container(
      ((): Parameters<typeof container>[0] => ({
        name: 'p',
        networks: [{ name: 'nat', ip: '172.24.80.4/16' }],
        ports: [[8181, 80]],
        isolation: 'process',
        listeners: [{ localPort: 80 }],
      }))(),
    );
    const m2 = healthy()
      .b.containers(prefixed)
      .natMappings(mapping(8181, '172.24.80.4', 80))
      .build();
    expect(hop(run(m2, prefixed, external, 8181), 'nat-mapping').status).toBe('pass');
  });
  it('is unknown and names host.natmappings when mappings were not collected', () => {
    const { b, web } = healthy();
    const out = run(b.without('natMappings').build(), web, external, 8080);
    expect(hop(out, 'nat-mapping')).toMatchObject({
      status: 'unknown',
      note: expect.stringContaining('host.natmappings'),
    });
    expect(out.verdict).toBe('unknown');
    expect(hop(out, 'nat-mapping').evidence).toEqual([]);
  });
});

describe('host-port-conflict', () => {
  it('fires when a host process listens on the published port, naming it', () => {
    const { b, web } = healthy();
    const out = run(
      b
        .processes(hostProcess(4242, 'node', 1))
        .tcp(listen(8080, 4242))
        .build(),
      web,
      external,
      8080,
    );
    expect(hop(out, 'host-port-free').status).toBe('fail');
    const cause = out.causes.find((c) => c.id === 'host-port-conflict')!;
    expect(cause.explanation).toContain('node (PID 4242)');
    expect(commandOf(cause.fix)).toBe('Get-Process -Id 4242; Stop-Process -Id 4242');
  });
  it('does not fire for a listener on another port or owned by the container itself', () => {
    const { b, web } = healthy();
    const model = b
      .processes(hostProcess(4242, 'node', 1))
      .tcp(listen(3000, 4242), listen(8080, 3632))
      .build();
    expect(hop(run(model, web, external, 8080), 'host-port-free').status).toBe('pass');
  });
  it('points a UDP conflict of unknown owner at the UDP endpoints', () => {
    const { b, web } = healthy({ web: { ports: [[5353, 53, 'udp']] } });
    b.udp({ localAddress: '0.0.0.0', localPort: 5353, owningProcess: null });
    const out = run(b.build(), web, external, 5353, 'udp');
    expect(commandOf(out.causes.find((c) => c.id === 'host-port-conflict')!.fix)).toBe(
      'Get-NetUDPEndpoint -LocalPort 5353',
    );
  });
  it('is unknown when neither host/tcp.json nor netstat was collected', () => {
    const { b, web } = healthy();
    expect(hop(run(b.without('tcp').build(), web, external, 8080), 'host-port-free')).toMatchObject({
      status: 'unknown',
      note: expect.stringContaining('host.tcp'),
    });
  });
});

describe('firewall-blocked', () => {
  it('fires for an enabled block rule on the container port: block beats allow', () => {
    const { b, web } = healthy();
    const out = run(
      b
        .rules(rule({ name: 'deny-80', displayName: 'Deny 80', action: 'block', localPorts: ports(80) }))
        .build(),
      web,
      external,
      8080,
    );
    expect(hop(out, 'host-firewall').status).toBe('fail');
    expect(commandOf(out.causes.find((c) => c.id === 'firewall-blocked')!.fix)).toBe(
      "Disable-NetFirewallRule -Name 'deny-80'",
    );
  });
  it('fires when only a disabled allow rule matches and the default is block, suggesting to enable it', () => {
    const { b, web } = healthy({ rules: false });
    const out = run(
      b.rules(rule({ name: 'allow-80', enabled: false, localPorts: ports(80) })).build(),
      web,
      external,
      8080,
    );
    expect(commandOf(out.causes.find((c) => c.id === 'firewall-blocked')!.fix)).toBe(
      "Enable-NetFirewallRule -Name 'allow-80'",
    );
  });
  it('fires when the only allow rule names the host port: process isolation matches the container port (#561)', () => {
    const { b, web } = healthy({ rules: false });
    const out = run(
      b.rules(rule({ name: 'allow-8080', localPorts: ports(8080) })).build(),
      web,
      external,
      8080,
    );
    expect(hop(out, 'host-firewall').status).toBe('fail');
    const cause = out.causes.find((c) => c.id === 'firewall-blocked')!;
    expect(cause.references).toContain('https://github.com/microsoft/Windows-Containers/issues/561');
    expect(commandOf(cause.fix)).toContain('-LocalPort 80 ');
  });
  it('fires for a block rule whose range and list hold the port, only in the arriving profile', () => {
    const { b, web } = healthy();
    const blockRange = rule({
      name: 'deny-range',
      action: 'block',
      localPorts: ports(22, [70, 90]),
      profiles: ['domain'],
    });
    expect(hop(run(b.rules(blockRange).build(), web, external, 8080), 'host-firewall').status).toBe('fail');
    const other = healthy();
    const publicOnly = rule({
      name: 'deny-public',
      action: 'block',
      localPorts: ports([70, 90]),
      profiles: ['public'],
    });
    expect(
      hop(run(other.b.rules(publicOnly).build(), other.web, external, 8080), 'host-firewall').status,
    ).toBe('pass');
  });
  it('does not fire for a block rule on another port, a UDP block rule, a disabled block rule, or scoped to some clients', () => {
    const { b, web } = healthy();
    const model = b
      .rules(
        rule({ name: 'deny-81', action: 'block', localPorts: ports(81) }),
        rule({ name: 'deny-udp-80', action: 'block', protocol: 'udp', localPorts: ports(80) }),
        rule({ name: 'deny-off', action: 'block', enabled: false, localPorts: ports(80) }),
        rule({ name: 'deny-some', action: 'block', localPorts: ports(80), remoteAddresses: ['192.0.2.7'] }),
      )
      .build();
    const out = run(model, web, external, 8080);
    expect(hop(out, 'host-firewall').status).toBe('pass');
    expect(causeIds(out)).not.toContain('firewall-blocked');
  });
  it('passes with no rule when the profile allows by default or the firewall is off', () => {
    const a = healthy({ rules: false });
    a.b.profiles(profile('domain', { defaultInboundAction: 'allow' }), profile('private'), profile('public'));
    expect(hop(run(a.b.build(), a.web, external, 8080), 'host-firewall').status).toBe('pass');
    const off = healthy({ rules: false });
    off.b.profiles(profile('domain', { enabled: false }), profile('private'), profile('public'));
    expect(hop(run(off.b.build(), off.web, external, 8080), 'host-firewall').status).toBe('pass');
  });
  it('uses the profile of the arriving interface, not of the container adapters', () => {
    const { b, web } = healthy({ rules: false });
    b.profiles(profile('domain'), profile('private'), profile('public', { defaultInboundAction: 'allow' }));
    b.connections(
      { interfaceAlias: 'vEthernet (nat)', interfaceIndex: 9, networkCategory: 'domain' },
      { interfaceAlias: 'Ethernet 2', interfaceIndex: 5, networkCategory: 'public' },
    );
    expect(hop(run(b.build(), web, external, 8080), 'host-firewall').status).toBe('pass');
  });
  it('is unknown when the profiles disagree because the connection profiles were not collected', () => {
    const { b, web } = healthy({ rules: false });
    b.profiles(profile('domain'), profile('private'), profile('public', { defaultInboundAction: 'allow' }));
    const out = run(b.without('connectionProfiles').build(), web, external, 8080);
    expect(hop(out, 'host-firewall')).toMatchObject({
      status: 'unknown',
      note: expect.stringContaining('host.connprofiles'),
    });
  });
  it('for a Hyper-V isolated container, passes where host rules allow and says unknown where they would block', () => {
    const allowed = healthy({ web: { isolation: 'hyperv', top: [100] } });
    expect(hop(run(allowed.b.build(), allowed.web, external, 8080), 'host-firewall').status).toBe('pass');
    // Whether host rules filter what WinNAT forwards to a utility VM is unconfirmed: no confident verdict.
    const { b, web } = healthy({ rules: false, web: { isolation: 'hyperv', top: [100] } });
    const out = run(b.build(), web, external, 8080);
    const firewall = hop(out, 'host-firewall');
    expect(firewall.status).toBe('unknown');
    expect(firewall.note).toContain('unconfirmed');
    expect(out.verdict).toBe('unknown');
    expect(out.causes.every((c) => c.confidence === 'likely')).toBe(true);
  });
  it('on 14393 blocks the host from a process-isolated container port without an allow rule (deny-all default)', () => {
    const old = healthy({ build: 14393, rules: false });
    const out = run(old.b.build(), old.web, fromHost, 80);
    expect(hop(out, 'container-inbound').status).toBe('fail');
    expect(causeIds(out)).toContain('firewall-blocked');
    const allowed = healthy({ build: 14393 });
    expect(run(allowed.b.build(), allowed.web, fromHost, 80).verdict).toBe('reachable');
    const later = healthy({ build: 16299, rules: false });
    expect(hop(run(later.b.build(), later.web, fromHost, 80), 'container-inbound').status).toBe('pass');
  });
  it('on 14393 lets a container in through an ICC rule scoped to the container subnet', () => {
    const { b, web } = healthy({ build: 14393, rules: false });
    const icc = rule({
      name: 'Container Enable ICC - 43a34e0b-f72f-4dfe-92c3-abce316f2cc0',
      protocol: 'any',
      remoteAddresses: ['172.24.80.0/20'],
    });
    const model = b.rules(icc).containers(apiContainer()).build();
    expect(hop(run(model, web, { kind: 'container', ref: 'api' }, 80), 'container-inbound').status).toBe(
      'pass',
    );
    const outsider = apiContainer({
      name: 'far',
      networks: [{ name: 'nat', ip: '172.30.0.5', networkId: 'nat-id' }],
    });
    const m2 = healthy({ build: 14393, rules: false }).b.rules(icc).containers(outsider).build();
    expect(
      hop(
        run(
          m2,
          m2.containers.kind === 'known' ? m2.containers.value[0]! : web,
          { kind: 'container', ref: 'far' },
          80,
        ),
        'container-inbound',
      ).status,
    ).toBe('fail');
  });
});

describe('firewall-local-rules-ignored', () => {
  it('fires when the arriving profile ignores local rules, naming the HNS rule that does not apply', () => {
    const { b, web } = healthy();
    b.profiles(profile('domain', { allowLocalFirewallRules: false }), profile('private'), profile('public'));
    const out = run(b.build(), web, external, 8080);
    expect(hop(out, 'host-firewall').status).toBe('fail');
    const cause = out.causes.find((c) => c.id === 'firewall-local-rules-ignored')!;
    expect(cause.explanation).toContain('HNS Container Networking - web 80');
    expect(fixText(cause.fix)).toContain('gpupdate /force');
  });
  it('does not fire when the allow rule comes from the group policy itself, or another profile ignores local rules', () => {
    const gpo = healthy({ rules: false });
    gpo.b.profiles(
      profile('domain', { allowLocalFirewallRules: false }),
      profile('private'),
      profile('public'),
    );
    gpo.b.rules(
      rule({ name: 'gpo-80', localPorts: ports(80), policyStoreSource: 'contoso.com\\Container Hosts' }),
    );
    expect(hop(run(gpo.b.build(), gpo.web, external, 8080), 'host-firewall').status).toBe('pass');
    const other = healthy();
    other.b.profiles(
      profile('domain'),
      profile('private'),
      profile('public', { allowLocalFirewallRules: false }),
    );
    expect(causeIds(run(other.b.build(), other.web, external, 8080))).not.toContain(
      'firewall-local-rules-ignored',
    );
  });
});

describe('not-listening-in-container', () => {
  it('fires when netstat in the container shows nothing on the port', () => {
    const { b, web } = healthy({ web: { listeners: [{ localPort: 135 }, { localPort: 445 }] } });
    const out = run(b.build(), web, external, 8080);
    expect(hop(out, 'listening').status).toBe('fail');
    expect(commandOf(out.causes.find((c) => c.id === 'not-listening-in-container')!.fix)).toBe(
      'docker exec web netstat -ano; docker logs --tail 50 web',
    );
  });
  it('fires when the service listens only on loopback', () => {
    const { b, web } = healthy({ web: { listeners: [{ localPort: 80, localAddress: '127.0.0.1' }] } });
    const out = run(b.build(), web, fromHost, 80);
    expect(out.causes.find((c) => c.id === 'not-listening-in-container')!.title).toContain(
      'only on loopback',
    );
  });
  it('does not fire for a listener on 0.0.0.0 or [::], and is unknown without the container netstat', () => {
    const v6 = healthy({ web: { listeners: [{ localPort: 80, localAddress: '[::]' }] } });
    expect(hop(run(v6.b.build(), v6.web, external, 8080), 'listening').status).toBe('pass');
    const none = healthy({ web: { listeners: null } });
    expect(hop(run(none.b.build(), none.web, external, 8080), 'listening')).toMatchObject({
      status: 'unknown',
      note: expect.stringContaining('container.listeners'),
    });
  });
  it('checks UDP endpoints for a UDP port', () => {
    const { b, web } = healthy({
      web: { ports: [[5353, 53, 'udp']], listeners: [{ protocol: 'udp', localPort: 53, state: null }] },
    });
    b.natMappings(mapping(5353, WEB_IP, 53, { protocol: 'udp' }));
    b.rules(rule({ name: 'dns', protocol: 'udp', localPorts: ports(53) }));
    expect(run(b.build(), web, external, 5353, 'udp').verdict).toBe('reachable');
  });
});

describe('no-shared-network and no-network', () => {
  it('fires no-shared-network for containers on different networks, with a network connect fix', () => {
    const front = container({
      name: 'front',
      networks: [{ name: 'frontend', ip: '172.25.0.2', networkId: 'f' }],
      isolation: 'process',
      listeners: [{ localPort: 80 }],
    });
    const back = container({
      name: 'back',
      networks: [{ name: 'backend', ip: '172.26.0.2', networkId: 'k' }],
      isolation: 'process',
    });
    // Both networks exist: a NetworkID that docker/networks.json lacks would be network-missing instead.
    const model = healthy()
      .b.networks(
        { ...natNetwork('frontend', '172.25.0.0/16'), id: 'f' },
        { ...natNetwork('backend', '172.26.0.0/16'), id: 'k' },
      )
      .containers(front, back)
      .build();
    const out = run(model, front, { kind: 'container', ref: 'back' }, 80);
    expect(hop(out, 'shared-network').status).toBe('fail');
    expect(commandOf(out.causes.find((c) => c.id === 'no-shared-network')!.fix)).toBe(
      'docker network connect frontend back',
    );
  });
  it('does not fire for two containers on nat', () => {
    const { b, web } = healthy();
    const out = run(b.containers(apiContainer()).build(), web, { kind: 'container', ref: 'api' }, 80);
    expect(hop(out, 'shared-network').status).toBe('pass');
    expect(out.verdict).toBe('reachable');
  });
  it('fires no-network for network mode none, from every source', () => {
    const iso = container({ name: 'isolated', networkMode: 'none', networks: [], isolation: 'process' });
    const model = healthy().b.containers(iso).build();
    for (const source of [external, fromHost, localhost]) {
      const out = run(model, iso, source, 80);
      expect(out.verdict).toBe('unreachable');
      expect(causeIds(out)).toContain('no-network');
    }
  });
  it('does not fire no-network for a container on nat', () => {
    const { b, web } = healthy();
    expect(causeIds(run(b.build(), web, fromHost, 80))).not.toContain('no-network');
  });
  it('reports a source container that is not in the bundle', () => {
    const { b, web } = healthy();
    const out = run(b.build(), web, { kind: 'container', ref: 'ghost' }, 80);
    expect(hop(out, 'source-container').status).toBe('fail');
    expect(out.verdict).toBe('unreachable');
  });
});

describe('hostile names in fixes', () => {
  it('quotes a container name that is not a plain docker name, and doubles quotes', () => {
    const name = "x'; Remove-Item C:\\ -Recurse; '";
    const { b, web } = healthy({ web: { name, state: 'exited' } });
    const out = run(b.build(), web, external, 8080);
    const fix = out.causes.find((c) => c.id === 'container-not-running')!.fix;
    const quoted = `'x''; Remove-Item C:\\ -Recurse; '''`;
    expect(commandOf(fix)).toBe(`docker start ${quoted}; docker logs --tail 50 ${quoted}`);
  });
});
