// Every finding id of the contract: a host where it fires and a near miss where it must not.
import { describe, expect, it } from 'vitest';
import { findings, looksSecret } from '../../../src/core/diagnosis';
import type { Finding } from '../../../src/shared/diagnosis';
import type { HostModel } from '../../../src/shared/model';
import { commandOf, container, hostProcess, listen, mapping, ports, profile, rule } from './model-builder';
import { API_IP, apiContainer, healthy } from './scenario';
import { subjectText } from '../../../src/core/diagnosis/subjects';

const ids = (model: HostModel): string[] => findings(model).map((f) => f.id);
const only = (model: HostModel, id: string): Finding[] => findings(model).filter((f) => f.id === id);

describe('the healthy host', () => {
  it('has no finding above info', () => {
    const { b } = healthy({
      web: {
        mounts: [{ type: 'volume', name: 'data', source: null, destination: 'C:\\data', readOnly: false }],
      },
    });
    expect(findings(b.build())).toEqual([]);
  });
});

describe('docker-api-unencrypted', () => {
  it('fires for tcp://0.0.0.0:2375 in daemon.json, with the listener as evidence', () => {
    const { b } = healthy();
    b.daemonJson({ hosts: ['tcp://0.0.0.0:2375', 'npipe://'], options: ['hosts'] }).tcp(listen(2375, 1200));
    const [f] = only(b.build(), 'docker-api-unencrypted');
    expect(f).toMatchObject({ severity: 'critical' });
    expect(f!.subjects.map(subjectText)).toEqual(['host']);
    expect(f!.evidence.map((e) => e.file)).toEqual(['host/daemon.json', 'host/tcp.json']);
    expect(commandOf(f!.fix)).toContain("New-NetFirewallRule -DisplayName 'Block Docker API 2375'");
  });
  it('fires for -H tcp://:2375 in the service start-up parameters', () => {
    const { b } = healthy();
    b.dockerService({
      pathName: '"C:\\Program Files\\Docker\\dockerd.exe" --run-service -H tcp://:2375 -H npipe://',
    });
    expect(ids(b.build())).toContain('docker-api-unencrypted');
  });
  it('does not fire for loopback, for TLS, or for npipe only', () => {
    for (const config of [
      { hosts: ['tcp://127.0.0.1:2375'] },
      { hosts: ['tcp://0.0.0.0:2376'], tls: true },
      { hosts: ['npipe://'] },
    ]) {
      const { b } = healthy();
      expect(ids(b.daemonJson(config).build())).not.toContain('docker-api-unencrypted');
    }
    const tlsFlag = healthy();
    tlsFlag.b.dockerService({ pathName: 'dockerd.exe --run-service -H tcp://0.0.0.0:2376 --tlsverify' });
    expect(ids(tlsFlag.b.build())).not.toContain('docker-api-unencrypted');
  });
});

describe('daemon-config-conflict', () => {
  it('fires when -H is in the service PathName and hosts in daemon.json, with a binPath fix', () => {
    const { b } = healthy();
    b.daemonJson({ hosts: ['npipe://'], options: ['hosts', 'data-root'] }).dockerService({
      pathName: '"C:\\Program Files\\Docker\\dockerd.exe" --run-service -H npipe://',
    });
    const [f] = only(b.build(), 'daemon-config-conflict');
    expect(f!.severity).toBe('high');
    expect(f!.title).toContain('hosts');
    expect(commandOf(f!.fix)).toBe(
      `sc.exe config docker binPath= '"C:\\Program Files\\Docker\\dockerd.exe" --run-service'; Restart-Service docker`,
    );
  });
  it('fires for --data-root=... against data-root', () => {
    const { b } = healthy();
    b.daemonJson({ options: ['data-root'] }).dockerService({
      pathName: 'dockerd.exe --run-service --data-root=D:\\docker',
    });
    expect(ids(b.build())).toContain('daemon-config-conflict');
  });
  it('does not fire for options set in one place only, or without a daemon.json', () => {
    const { b } = healthy();
    b.daemonJson({ hosts: ['npipe://'], options: ['hosts'] }).dockerService({
      pathName: 'dockerd.exe --run-service --data-root D:\\docker',
    });
    expect(ids(b.build())).not.toContain('daemon-config-conflict');
    const none = healthy();
    none.b.dockerService({ pathName: 'dockerd.exe --run-service -H npipe://' });
    expect(ids(none.b.build())).not.toContain('daemon-config-conflict');
  });
});

describe('swarm-ports-blocked', () => {
  const manager = {
    swarm: { localNodeState: 'active', nodeId: 'n1', isManager: true, nodeAddr: '10.0.0.10' },
  };
  it('fires for the ports no rule allows, and only those', () => {
    const { b } = healthy();
    b.engine(manager).rules(
      rule({ name: 'swarm-2377', localPorts: ports(2377) }),
      rule({ name: 'swarm-7946', localPorts: ports(7946), protocol: 'any' }),
    );
    const [f] = only(b.build(), 'swarm-ports-blocked');
    expect(f!.title).toBe('Swarm ports blocked: 4789/udp');
    expect(commandOf(f!.fix)).toBe(
      "New-NetFirewallRule -DisplayName 'Docker swarm 4789/udp' -Direction Inbound -Action Allow -Protocol UDP -LocalPort 4789",
    );
  });
  it('does not fire with all ports allowed, on a worker without 2377, or when swarm is inactive', () => {
    const all = healthy();
    all.b
      .engine(manager)
      .rules(
        rule({ name: 's1', localPorts: ports(2377, 7946), protocol: 'tcp' }),
        rule({ name: 's2', localPorts: ports(7946, 4789), protocol: 'udp' }),
      );
    expect(ids(all.b.build())).not.toContain('swarm-ports-blocked');
    const worker = healthy();
    worker.b
      .engine({ swarm: { ...manager.swarm, isManager: false } })
      .rules(rule({ name: 's2', localPorts: ports(7946, 4789), protocol: 'any' }));
    expect(ids(worker.b.build())).not.toContain('swarm-ports-blocked');
    expect(ids(healthy().b.build())).not.toContain('swarm-ports-blocked');
  });
});

describe('routing-mesh-unsupported', () => {
  const service = {
    id: 's',
    name: 'web',
    image: null,
    mode: 'replicated' as const,
    replicas: 2,
    ports: [{ targetPort: 80, publishedPort: 80, protocol: 'tcp' as const, publishMode: 'ingress' as const }],
  };
  it('fires for an ingress service on 14393, with the service as subject', () => {
    const { b } = healthy({ build: 14393 });
    const [f] = only(b.services(service).build(), 'routing-mesh-unsupported');
    expect(f!.subjects.map(subjectText)).toEqual(['service:web']);
  });
  it('does not fire on 16299 or for a host-mode service', () => {
    expect(ids(healthy({ build: 16299 }).b.services(service).build())).not.toContain(
      'routing-mesh-unsupported',
    );
    const hostMode = { ...service, ports: [{ ...service.ports[0]!, publishMode: 'host' as const }] };
    expect(ids(healthy({ build: 14393 }).b.services(hostMode).build())).not.toContain(
      'routing-mesh-unsupported',
    );
  });
});

describe('firewall-local-rules-ignored', () => {
  it('fires for a profile with AllowLocalFirewallRules False', () => {
    const { b } = healthy();
    b.profiles(
      profile('domain', { allowLocalFirewallRules: false }),
      profile('private'),
      profile('public', { allowLocalFirewallRules: false }),
    );
    const [f] = only(b.build(), 'firewall-local-rules-ignored');
    expect(f!.evidence.map((e) => e.detail)).toEqual([
      'domain profile: AllowLocalFirewallRules False',
      'public profile: AllowLocalFirewallRules False',
    ]);
  });
  it('does not fire for True or NotConfigured', () => {
    const { b } = healthy();
    b.profiles(
      profile('domain', { allowLocalFirewallRules: true }),
      profile('private', { allowLocalFirewallRules: null }),
    );
    expect(ids(b.build())).not.toContain('firewall-local-rules-ignored');
  });
});

describe('nat-mapping-stale and nat-mapping-missing', () => {
  it('fires stale for a mapping to an address no container has', () => {
    const { b } = healthy();
    const [f] = only(b.natMappings(mapping(8443, '172.24.80.99', 443)).build(), 'nat-mapping-stale');
    expect(f!.severity).toBe('medium');
    expect(f!.detail).toContain('no container');
  });
  it('fires stale for a mapping that took a port of another container, naming both', () => {
    const { b, web } = healthy({ mapping: false });
    const api = apiContainer();
    const [f] = only(
      b
        .containers(api)
        .natMappings(mapping(8080, API_IP, 80))
        .build(),
      'nat-mapping-stale',
    );
    expect(f!.subjects.map(subjectText)).toEqual(['host', `container:${web.id}`, `container:${api.id}`]);
  });
  it('fires missing for a published nat port without a mapping where WinNAT holds the mappings (2016)', () => {
    const { b, web } = healthy({ mapping: false, build: 14393 });
    const [f] = only(b.build(), 'nat-mapping-missing');
    expect(f!.subjects.map(subjectText)).toEqual([`container:${web.id}`]);
    expect(commandOf(f!.fix)).toContain('docker restart web');
  });
  it('does not fire on 2019 from an empty WinNAT alone: the ports may live only in HNS policies', () => {
    const { b } = healthy({ mapping: false });
    expect(only(b.build(), 'nat-mapping-missing')).toEqual([]);
  });
  it("leaves alone mappings of a NAT that serves no Docker nat network (a user's own New-NetNat)", () => {
    const dockerNat = {
      name: 'H6bd1a5b2-7c8e-4f1a-9a55-1f0c8e2d9a11',
      internalPrefix: '172.24.80.0/20',
      externalPrefix: null,
      active: true,
    };
    const vmNat = { name: 'LabVMs', internalPrefix: '192.168.50.0/24', externalPrefix: null, active: true };
    const vmMapping = { ...mapping(3389, '192.168.50.10', 3389), natName: 'LabVMs' };
    const { b } = healthy();
    const model = b
      .nats(dockerNat, vmNat)
      .natMappings(vmMapping, mapping(8443, '172.24.80.99', 443))
      .build();
    const stale = findings(model).filter((f) => f.id === 'nat-mapping-stale');
    expect(stale.map((f) => f.title)).toEqual(['Stale WinNAT mapping for tcp/8443']);
  });
  it('fires neither for a mapping that points at its container', () => {
    const model = healthy().b.build();
    expect(ids(model)).not.toContain('nat-mapping-stale');
    expect(ids(model)).not.toContain('nat-mapping-missing');
  });
  it('fires neither when mappings were not collected, nor missing for a stopped container', () => {
    expect(
      ids(healthy({ mapping: false }).b.without('natMappings').build()).filter((id) => id.startsWith('nat-')),
    ).toEqual([]);
    expect(ids(healthy({ mapping: false, web: { state: 'exited' } }).b.build())).not.toContain(
      'nat-mapping-missing',
    );
  });
});

describe('host-port-conflict', () => {
  it('fires when a host process listens on a published port', () => {
    const { b, web } = healthy();
    const [f] = only(
      b
        .processes(hostProcess(4242, 'node', 1))
        .tcp(listen(8080, 4242))
        .build(),
      'host-port-conflict',
    );
    expect(f).toMatchObject({ severity: 'high' });
    expect(f!.subjects.map(subjectText)).toEqual([`container:${web.id}`]);
    expect(f!.title).toContain('node');
  });
  it('does not fire for the container’s own process or another port', () => {
    const { b } = healthy();
    expect(
      ids(
        b
          .processes(hostProcess(4242, 'node', 1))
          .tcp(listen(8080, 3632), listen(3000, 4242))
          .build(),
      ),
    ).not.toContain('host-port-conflict');
  });
  it('points a UDP conflict of unknown owner at the UDP endpoints, not at TCP connections', () => {
    const { b } = healthy({ web: { ports: [[5353, 53, 'udp']] } });
    b.udp({ localAddress: '0.0.0.0', localPort: 5353, owningProcess: null });
    const [f] = only(b.build(), 'host-port-conflict');
    expect(commandOf(f!.fix)).toBe('Get-NetUDPEndpoint -LocalPort 5353');
  });
});

describe('os-build-unsupported', () => {
  it('fires for 14393 below UBR 351 and for builds before 14393', () => {
    expect(ids(healthy({ build: 14393 }).b.os({ ubr: 350 }).build())).toContain('os-build-unsupported');
    expect(ids(healthy({ build: 10586 }).b.build())).toContain('os-build-unsupported');
  });
  it('does not fire for 14393.351 or later builds, nor when the UBR is unknown', () => {
    expect(ids(healthy({ build: 14393 }).b.os({ ubr: 351 }).build())).not.toContain('os-build-unsupported');
    expect(ids(healthy({ build: 14393 }).b.os({ ubr: null }).build())).not.toContain('os-build-unsupported');
    expect(ids(healthy({ build: 20348 }).b.build())).not.toContain('os-build-unsupported');
  });
});

describe('secrets-in-env', () => {
  it('fires for names that look like secrets, never showing values', () => {
    const { b } = healthy({ web: { env: ['MSSQL_SA_PASSWORD', 'API_TOKEN', 'PATH', 'ACCEPT_EULA'] } });
    const [f] = only(b.build(), 'secrets-in-env');
    expect(f!.detail).toContain('MSSQL_SA_PASSWORD, API_TOKEN');
    expect(f!.detail).not.toContain('PATH');
  });
  it.each(['DB_PASSWORD', 'AWS_SECRET_ACCESS_KEY', 'SSH_KEY', 'GITHUB_TOKEN', 'ApiKey', 'DB_PWD'])(
    '%s looks secret',
    (name) => {
      expect(looksSecret(name)).toBe(true);
    },
  );
  it.each(['PATH', 'KEYBOARD_LAYOUT', 'MONKEY', 'PWD', 'ASPNETCORE_URLS', 'KEY'])('%s does not', (name) => {
    expect(looksSecret(name)).toBe(false);
  });
});

describe('container-data-not-persisted', () => {
  it('fires for a running container without mounts', () => {
    const { b, web } = healthy();
    expect(only(b.build(), 'container-data-not-persisted')[0]!.subjects.map(subjectText)).toEqual([
      `container:${web.id}`,
    ]);
  });
  it('does not fire with a bind mount, or for a stopped container', () => {
    expect(
      ids(
        healthy({
          web: {
            mounts: [
              { type: 'bind', name: null, source: 'C:\\data', destination: 'C:\\data', readOnly: false },
            ],
          },
        }).b.build(),
      ),
    ).not.toContain('container-data-not-persisted');
    expect(ids(healthy({ web: { state: 'exited' } }).b.build())).not.toContain(
      'container-data-not-persisted',
    );
  });
});

describe('hyperv-no-host-firewall-rules', () => {
  it('fires for a Hyper-V isolated container, also when isolation comes from the engine default', () => {
    const hv = container({ name: 'hv', isolation: 'hyperv', networks: [{ name: 'nat', ip: '172.24.80.9' }] });
    expect(
      only(healthy().b.containers(hv).build(), 'hyperv-no-host-firewall-rules')[0]!.subjects.map(subjectText),
    ).toEqual([`container:${hv.id}`]);
    const byDefault = container({
      name: 'hv2',
      isolation: 'default',
      networks: [{ name: 'nat', ip: '172.24.80.9' }],
    });
    expect(ids(healthy().b.engine({ defaultIsolation: 'hyperv' }).containers(byDefault).build())).toContain(
      'hyperv-no-host-firewall-rules',
    );
  });
  it('does not fire for process isolation', () => {
    expect(ids(healthy().b.build())).not.toContain('hyperv-no-host-firewall-rules');
  });
});

describe('ordering and evidence', () => {
  it('sorts by severity and names only files the bundle holds', () => {
    const { b } = healthy({ mapping: false, web: { env: ['DB_PASSWORD'] } });
    b.daemonJson({ hosts: ['tcp://0.0.0.0:2375'], options: ['hosts'] }).natMappings(
      mapping(9999, '172.24.80.250', 99),
    );
    const model = b.build();
    const list = findings(model);
    expect(list[0]!.id).toBe('docker-api-unencrypted');
    const order = ['critical', 'high', 'medium', 'low', 'info'];
    expect(list.map((f) => order.indexOf(f.severity))).toEqual(
      [...list.map((f) => order.indexOf(f.severity))].sort((x, y) => x - y),
    );
    for (const f of list) for (const e of f.evidence) expect(model.bundle.files).toContain(e.file);
  });
});
