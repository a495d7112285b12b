import { describe, expect, it } from 'vitest';
import { buildHostModel } from '../../../src/core/host-model';
import type { Known } from '../../../src/shared/model';
import { fixture, rawBundle } from '../../support/raw-bundle';

function known<T>(k: Known<T>): T {
  if (k.kind !== 'known') throw new Error(`expected known, got unknown: ${k.reason}`);
  return k.value;
}

describe('host/processes.json', () => {
  it('reads Windows PowerShell 5.1 output: UTF-16LE with BOM, one object, lower-case names, \\/Date()\\/', () => {
    const model = buildHostModel(rawBundle({ 'host/processes.json': fixture('processes-ps51-utf16.json') }));
    const [p] = known(model.processes);
    expect(p).toEqual({
      pid: 2840,
      name: 'CExecSvc',
      sessionId: 2,
      path: 'C:\\Windows\\System32\\CExecSvc.exe',
      startTime: new Date(1510000000000).toISOString(),
      workingSet: 5443584,
      parentPid: null,
      commandLine: 'C:\\Windows\\System32\\CExecSvc.exe & more',
    });
    const outcome = model.probes.find((o) => o.id === 'host.processes');
    expect(outcome?.status).toBe('ok');
    expect(outcome?.files[0]).toMatchObject({ kind: 'ok', encoding: 'utf-16le-bom' });
  });

  it('reads PowerShell 7 output with ISO dates kept as written', () => {
    const model = buildHostModel(rawBundle({ 'host/processes.json': fixture('processes-ps7.json') }));
    const processes = known(model.processes);
    expect(processes.map((p) => [p.pid, p.sessionId])).toEqual([
      [4, 0],
      [3632, 2],
    ]);
    expect(processes[1]!.startTime).toBe('2026-11-29T17:05:11.4410000+01:00');
    expect(processes[1]!.parentPid).toBe(3120);
    // Collected without -IncludeUserName: no owner at all, which is not the same as an unresolvable one.
    expect('userName' in processes[1]!).toBe(false);
  });
});

describe('host/firewall-rules.json', () => {
  it('maps CIM enum numbers: Enabled 1/2, Direction 1, Action 2/3/4, Profile bit flags, protocol numbers', () => {
    const model = buildHostModel(
      rawBundle({ 'host/firewall-rules.json': fixture('firewall-rules-enum-numbers.json') }),
    );
    const [allow, block, bypass] = known(model.firewallRules);
    expect(allow).toMatchObject({ enabled: true, direction: 'inbound', action: 'allow', protocol: 'tcp' });
    expect(allow!.profiles).toEqual(['domain', 'private', 'public']);
    expect(allow!.localPorts).toEqual({ kind: 'list', ranges: [[9000, 9000]], keywords: [] });
    expect(allow!.remotePorts).toEqual({ kind: 'any' });
    expect(block).toMatchObject({
      enabled: false,
      action: 'block',
      protocol: 'tcp',
      profiles: ['domain', 'private'],
    });
    expect(block!.localPorts).toEqual({
      kind: 'list',
      ranges: [
        [8082, 8082],
        [5000, 5010],
      ],
      keywords: [],
    });
    expect(block!.remoteAddresses).toEqual(['10.0.0.0/255.0.0.0', 'LocalSubnet']);
    // AllowBypass allows; keyword ports are kept as keywords, never as numbers.
    expect(bypass).toMatchObject({ action: 'allow', profiles: ['public'] });
    expect(bypass!.localPorts).toEqual({ kind: 'list', ranges: [], keywords: ['RPCEPMap'] });
  });

  it('maps enum names and a single object written without an array', () => {
    const model = buildHostModel(
      rawBundle({ 'host/firewall-rules.json': fixture('firewall-rules-enum-names.json') }),
    );
    const rules = known(model.firewallRules);
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({
      enabled: true,
      direction: 'inbound',
      action: 'allow',
      protocol: 'udp',
      group: 'HNS Container Networking',
    });
    expect(rules[0]!.profiles).toEqual(['domain', 'private']);
  });

  it('marks the file invalid, naming the entry and field, when an Action is not a firewall action', () => {
    const model = buildHostModel(
      rawBundle({ 'host/firewall-rules.json': fixture('firewall-rules-bad-action.json') }),
    );
    expect(model.firewallRules.kind).toBe('unknown');
    const outcome = model.probes.find((o) => o.id === 'host.firewall.rules')!;
    expect(outcome.status).toBe('invalid');
    expect(outcome.detail).toContain('host/firewall-rules.json');
    expect(outcome.detail).toContain('[1].Action');
    expect(outcome.detail).toContain('"Maybe"');
  });
});

describe('host/firewall-profiles.json', () => {
  it('reads GpoBoolean and action numbers, NotConfigured as null', () => {
    const model = buildHostModel(
      rawBundle({ 'host/firewall-profiles.json': fixture('firewall-profiles-gpo.json') }),
    );
    const [domain, priv, pub] = known(model.firewallProfiles);
    expect(domain).toEqual({
      name: 'domain',
      enabled: true,
      defaultInboundAction: 'block',
      defaultOutboundAction: 'allow',
      allowLocalFirewallRules: false,
    });
    expect(priv).toMatchObject({ defaultInboundAction: null, allowLocalFirewallRules: null });
    expect(pub).toMatchObject({
      enabled: true,
      defaultInboundAction: 'block',
      allowLocalFirewallRules: false,
    });
  });
});

describe('host/tcp.json', () => {
  it('drops CIM noise, maps State numbers and keeps an unknown number visible', () => {
    const model = buildHostModel(rawBundle({ 'host/tcp.json': fixture('tcp-enum-numbers.json') }));
    const tcp = known(model.tcp);
    expect(tcp.map((t) => t.state)).toEqual(['Listen', 'Listen', 'Established', '#42']);
    expect(tcp[0]).toEqual({
      localAddress: '0.0.0.0',
      localPort: 3000,
      remoteAddress: '0.0.0.0',
      remotePort: 0,
      state: 'Listen',
      owningProcess: 5120,
    });
    expect(Object.keys(tcp[0]!)).not.toContain('CimClass');
  });

  it('falls back to host/netstat.txt where tcp.json and udp.json are missing', () => {
    const model = buildHostModel(rawBundle({ 'host/netstat.txt': fixture('netstat-ipv6.txt') }));
    const tcp = known(model.tcp);
    expect(model.tcp.source.file).toBe('host/netstat.txt');
    expect(
      tcp.filter((t) => t.state === 'Listen').map((t) => [t.localAddress, t.localPort, t.owningProcess]),
    ).toEqual([
      ['0.0.0.0', 135, 884],
      ['0.0.0.0', 9000, 3632],
      ['::', 135, 884],
    ]);
    expect(known(model.udp).map((u) => u.localPort)).toEqual([123, 500, 546]);
  });
});

describe('WinNAT', () => {
  it('reads a single static mapping written as an object', () => {
    const model = buildHostModel(
      rawBundle({ 'host/netnat-static.json': fixture('netnat-static-single.json') }),
    );
    expect(known(model.natMappings)).toEqual([
      {
        id: 0,
        natName: 'H0b0d2f4e-6a8a-4a1b-9b3c-0c1d2e3f4a5b',
        protocol: 'tcp',
        remoteExternalPrefix: '0.0.0.0/0',
        externalIp: '0.0.0.0',
        externalPort: 9000,
        internalIp: '172.24.80.2',
        internalPort: 9000,
        active: true,
      },
    ]);
  });

  it('reads NAT sessions with IANA protocol numbers and both date forms', () => {
    const model = buildHostModel(
      rawBundle({ 'host/netnat-sessions.json': fixture('netnat-sessions-protocol-numbers.json') }),
    );
    const [tcp, icmp] = known(model.natSessions);
    expect(tcp).toMatchObject({
      protocol: 'tcp',
      internalDestinationAddress: '172.24.80.2',
      externalDestinationPort: 9000,
      creationTime: new Date(1764432000000).toISOString(),
    });
    expect(icmp).toMatchObject({
      protocol: 'icmp',
      externalSourceAddress: null,
      creationTime: '2026-11-29T18:01:00+00:00',
    });
  });
});

describe('host/disks.json and host/os.json', () => {
  it('maps BusType 15 to File Backed Virtual and keeps only drive letters', () => {
    const model = buildHostModel(rawBundle({ 'host/disks.json': fixture('disks-location-null.json') }));
    const [system, sandbox] = known(model.disks);
    expect(system).toMatchObject({
      number: 0,
      busType: 'SAS',
      driveLetters: ['C'],
      operationalStatus: 'Online',
    });
    expect(sandbox).toMatchObject({
      number: 3,
      busType: 'File Backed Virtual',
      location: null,
      driveLetters: [],
    });
  });

  it('reads the 5.1 PSVersion object, a string BuildNumber and mixed feature forms', () => {
    const model = buildHostModel(rawBundle({ 'host/os.json': fixture('os-ps51-version-object.json') }));
    expect(known(model.host)).toMatchObject({
      computerName: 'CONTAINERHOST01',
      build: 14393,
      ubr: 2273,
      psVersion: '5.1.14393.2273',
      installationType: 'Server Core',
      features: ['Containers', 'Hyper-V'],
    });
    expect(model.computerName).toBe('CONTAINERHOST01');
  });

  it('unwraps the {"value": [...], "Count": n} form Windows PowerShell 5.1 gives some arrays', () => {
    const model = buildHostModel(
      rawBundle({ 'host/adapters.json': fixture('adapters-ps51-value-count.json') }),
    );
    expect(known(model.adapters).map((a) => [a.name, a.ifIndex])).toEqual([
      ['Ethernet', 6],
      ['vEthernet (nat)', 14],
    ]);
  });

  it('reads connection profile categories as numbers and names', () => {
    const model = buildHostModel(
      rawBundle({ 'host/connection-profiles.json': fixture('connection-profiles-numbers.json') }),
    );
    expect(known(model.connectionProfiles).map((c) => c.networkCategory)).toEqual(['domain', 'public']);
  });
});
