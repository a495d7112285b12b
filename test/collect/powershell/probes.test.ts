// Every probe script, unmodified, in real PowerShell with stand-ins for the Windows-only commands of a
// Windows Server 2019 host (test/fixtures/powershell/server-2019-nat-host.ps1 and friends), in one shell.
// The JSON must be clean (no CIM noise, enums as names) and read back into the expected model.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POWERSHELL_PROBES, runPowerShellProbes } from '../../../src/collect/powershell/probe-runner';
import type { ProbeProgress, ProbeRun } from '../../../src/collect/types';
import { probeSpec } from '../../../src/shared/bundle';
import type { FirewallRule, HostModel, Known } from '../../../src/shared/model';
import {
  SERVER_2019,
  hasPwsh,
  json,
  keysDeep,
  modelFromRuns,
  pwsh,
  standIns,
  tempDir,
  text,
} from './pwsh-test-kit';
import { HOST_PROBES_1_1 } from '../../support/probes-1-1';

const run = hasPwsh();
const dir = tempDir('probes');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WEB = '4b5e57f6eb2f42b9039b3d1e13929295f231749c510cbe341cd68036d9af97e2';
const DAEMON_JSON = '{\n  "hosts": ["tcp://0.0.0.0:2375", "npipe://"],\n  "data-root": "D:\\\\docker"\n}\n';

const value = <T>(known: Known<T>): T => {
  if (known.kind !== 'known') throw new Error(`expected known, got unknown: ${known.reason}`);
  return known.value;
};

describe.runIf(run)('PowerShell probes against a Windows Server 2019 stand-in', () => {
  let runs: readonly ProbeRun[] = [];
  const events: ProbeProgress[] = [];
  const byId = (id: string): ProbeRun | undefined => runs.find((r) => r.id === id);
  let model: HostModel;

  beforeAll(async () => {
    // daemon.json where the service's --config-file puts it, not at the default path.
    const programData = join(dir, 'ProgramData');
    mkdirSync(join(programData, 'custom'), { recursive: true });
    writeFileSync(join(programData, 'custom', 'daemon.json'), DAEMON_JSON);
    runs = await runPowerShellProbes({
      executable: pwsh!,
      importModules: SERVER_2019,
      env: { ...process.env, ProgramData: programData },
      onProgress: (event) => events.push(event),
    });
    model = await modelFromRuns(join(dir, 'bundle'), runs);
  }, 120_000);

  it('runs every PowerShell probe of bundle v1, each ok, each writing exactly its own files', () => {
    expect(runs.map((r) => r.id)).toEqual(POWERSHELL_PROBES);
    for (const r of runs) {
      expect({ id: r.id, status: r.status, error: r.error }).toEqual({
        id: r.id,
        status: 'ok',
        error: undefined,
      });
      // With an HNS module loaded, host.hns.endpoints writes the JSON, not hnsdiag's text (bundle 1.1).
      const expected = r.id === 'host.hns.endpoints' ? ['host/hns-endpoints.json'] : probeSpec(r.id)!.files;
      expect(r.files.map((f) => f.path)).toEqual(expected);
    }
  });

  it('reports progress: started then finished for each probe, in order', () => {
    expect(events).toHaveLength(POWERSHELL_PROBES.length * 2);
    POWERSHELL_PROBES.forEach((id, i) => {
      expect(events[2 * i]).toEqual({ kind: 'started', id });
      expect(events[2 * i + 1]).toMatchObject({ kind: 'finished', id, status: 'ok' });
    });
  });

  it('selects properties first: no CIM noise in any JSON file', () => {
    for (const r of runs) {
      for (const file of r.files.filter((f) => f.path.endsWith('.json') && f.path !== 'host/daemon.json')) {
        const keys = keysDeep(json(r, file.path));
        for (const noise of [
          'CimClass',
          'CimInstanceProperties',
          'CimSystemProperties',
          'PSComputerName',
          'InstanceID',
        ]) {
          expect(keys.has(noise), `${file.path} has ${noise}`).toBe(false);
        }
      }
    }
  });

  it('writes enum values as names, though the stand-ins give real enums that serialize as numbers', () => {
    const rules = json(byId('host.firewall.rules'), 'host/firewall-rules.json') as Record<string, unknown>[];
    expect(rules.find((r) => r.Name === 'BlockReports')).toMatchObject({
      Enabled: 'True',
      Direction: 'Inbound',
      Action: 'Block',
      Profile: 'Public',
    });
    expect(rules.find((r) => r.Name === 'DockerEngineTls')).toMatchObject({ Profile: 'Domain, Private' });
    const profiles = json(byId('host.firewall.profiles'), 'host/firewall-profiles.json') as Record<
      string,
      unknown
    >[];
    expect(profiles[0]).toEqual({
      Name: 'Domain',
      Enabled: 'True',
      DefaultInboundAction: 'NotConfigured',
      DefaultOutboundAction: 'Allow',
      AllowLocalFirewallRules: 'NotConfigured',
    });
    const tcp = json(byId('host.tcp'), 'host/tcp.json') as Record<string, unknown>[];
    expect(tcp.map((c) => c.State)).toEqual(['Listen', 'Listen', 'Established', 'Listen', 'Bound']);
    expect(json(byId('host.connprofiles'), 'host/connection-profiles.json')).toEqual([
      { InterfaceAlias: 'Ethernet', InterfaceIndex: 6, NetworkCategory: 'DomainAuthenticated' },
      { InterfaceAlias: 'vEthernet (nat)', InterfaceIndex: 12, NetworkCategory: 'Public' },
    ]);
    const vhds = json(byId('host.vhds'), 'host/vhds.json') as Record<string, unknown>[];
    expect(vhds.map((v) => v.VhdType)).toEqual(['Differencing', 'Differencing']);
  });

  it('always writes lists as arrays, also with one item, and dates as ISO 8601', () => {
    expect(Array.isArray(json(byId('host.netnat'), 'host/netnat.json'))).toBe(true);
    expect(Array.isArray(json(byId('host.natmappings'), 'host/netnat-static.json'))).toBe(true);
    const rules = json(byId('host.firewall.rules'), 'host/firewall-rules.json') as Record<string, unknown>[];
    expect(rules[0]).toMatchObject({ LocalPort: ['53'], RemoteAddress: ['Any'] });
    const sessions = json(byId('host.natsessions'), 'host/netnat-sessions.json') as Record<string, unknown>[];
    expect(sessions[0]!.CreationTime).toBe('2026-11-29T10:00:00.0000000Z');
    const processes = json(byId('host.processes'), 'host/processes.json') as Record<string, unknown>[];
    expect(processes.find((p) => p.Id === 2100)!.StartTime).toBe('2026-11-29T08:01:00.0000000Z');
  });

  it('keeps text files as the tool printed them and daemon.json byte for byte', () => {
    expect(text(byId('host.netstat'), 'host/netstat.txt')).toContain(
      '  TCP    0.0.0.0:2375           0.0.0.0:0              LISTENING       2100\r\n',
    );
    expect(text(byId('host.hcs'), 'host/hcsdiag.txt').split('\r\n')[0]).toBe(WEB);
    expect(text(byId('host.docker.config'), 'host/daemon.json')).toBe(DAEMON_JSON);
  });

  it('reads back: host, processes joined with Win32_Process, NAT', () => {
    expect(value(model.host)).toMatchObject({
      computerName: 'CONTAINERHOST01',
      build: 17763,
      ubr: 5206,
      installationType: 'Server Core',
      editionId: 'ServerDatacenter',
      // The stand-in's Win32_OperatingSystem booted at 08:00 UTC (issue 13: "after a restart").
      lastBootUpTime: '2026-11-29T08:00:00.0000000Z',
    });
    expect(value(model.host).features).toEqual(['Containers', 'Hyper-V']);
    const processes = value(model.processes);
    expect(processes).toHaveLength(8);
    expect(processes.find((p) => p.pid === 3632)).toEqual({
      pid: 3632,
      name: 'powershell',
      sessionId: 2,
      path: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
      startTime: '2026-11-29T08:31:00.0000000Z',
      workingSet: 61440000,
      parentPid: 3500,
      commandLine: `powershell.exe -Command "Write-Output 'hi'; $(Get-Date)" & exit`,
      // A container's user: collected, and not resolvable from the host.
      userName: null,
    });
    expect(processes.find((p) => p.pid === 2100)?.userName).toBe('NT AUTHORITY\\SYSTEM');
    // StartTime denied (System) and a process gone from Win32_Process (conhost) come through as nulls.
    expect(processes.find((p) => p.pid === 4)).toMatchObject({ startTime: null, parentPid: 0 });
    expect(processes.find((p) => p.pid === 5012)).toMatchObject({
      parentPid: null,
      commandLine: null,
      sessionId: 2,
    });
    expect(value(model.nat)).toEqual([
      {
        name: 'H31D621FC-09AB-54F8-ADB0-A6C381FB2871',
        internalPrefix: '172.24.80.1/20',
        externalPrefix: null,
        active: true,
      },
    ]);
    expect(value(model.natMappings)).toEqual([
      {
        id: 0,
        natName: 'H31D621FC-09AB-54F8-ADB0-A6C381FB2871',
        protocol: 'tcp',
        remoteExternalPrefix: '0.0.0.0/0',
        externalIp: '0.0.0.0',
        externalPort: 8080,
        internalIp: '172.24.80.2',
        internalPort: 80,
        active: true,
      },
    ]);
    expect(value(model.natSessions)[0]).toMatchObject({
      internalSourceAddress: '172.24.80.2',
      externalSourcePort: 8080,
    });
  });

  it('reads back: disks with drive letters, the sandbox VHDs by Location and by Get-VHD', () => {
    const disks = value(model.disks);
    expect(disks.map((d) => [d.number, d.busType, d.driveLetters])).toEqual([
      [0, 'SATA', ['C', 'D']],
      [1, 'File Backed Virtual', []],
      [2, 'File Backed Virtual', []],
    ]);
    expect(disks[1]!.location).toBe(`C:\\ProgramData\\docker\\windowsfilter\\${WEB}\\sandbox.vhdx`);
    expect(disks[2]).toMatchObject({ location: null, operationalStatus: 'Online, Degraded' });
    expect(value(model.vhds).map((v) => [v.diskNumber, v.vhdType, v.attached])).toEqual([
      [1, 'Differencing', true],
      [2, 'Differencing', true],
    ]);
    expect(value(model.vhds)[1]!.path).toMatch(/^D:\\docker\\windowsfilter\\.+\\sandbox\.vhdx$/);
  });

  it('reads back: firewall rules joined with their port, address and program filters', () => {
    const rules = value(model.firewallRules);
    const rule = (name: string): FirewallRule => rules.find((r) => r.name === name)!;
    expect(rules).toHaveLength(6);
    expect(rule('BlockReports')).toEqual({
      name: 'BlockReports',
      displayName: `Block reports "8080" & 'more'`,
      group: 'Reports',
      enabled: true,
      direction: 'inbound',
      action: 'block',
      profiles: ['public'],
      policyStoreSource: 'GroupPolicy',
      protocol: 'tcp',
      localPorts: {
        kind: 'list',
        ranges: [
          [8080, 8080],
          [5000, 5010],
        ],
        keywords: [],
      },
      remotePorts: { kind: 'any' },
      // The reader keeps the cmdlets' "Any" for addresses and programs as written.
      localAddresses: ['Any'],
      remoteAddresses: ['10.0.0.0/255.0.0.0', 'LocalSubnet'],
      program: 'Any',
      // Get-NetFirewallInterfaceFilter (bundle 1.1): the rule is scoped to the LAN adapter.
      interfaceAliases: ['Ethernet'],
    });
    expect(rule('DockerEngineTls')).toMatchObject({
      displayName: 'Moteur Docker (TLS) – été',
      profiles: ['domain', 'private'],
      program: 'C:\\Program Files\\docker\\dockerd.exe',
    });
    expect(rule('RPC-EPMAP')).toMatchObject({
      enabled: false,
      action: 'allow',
      localPorts: { kind: 'list', ranges: [], keywords: ['RPCEPMap'] },
    });
    expect(rule('CoreNet-ICMP4-DUFRAG-Out')).toMatchObject({ direction: 'outbound', protocol: 'icmpv4' });
    const profiles = value(model.firewallProfiles);
    expect(profiles.find((p) => p.name === 'public')).toEqual({
      name: 'public',
      enabled: true,
      defaultInboundAction: 'block',
      defaultOutboundAction: 'allow',
      allowLocalFirewallRules: false,
    });
    expect(profiles.find((p) => p.name === 'domain')).toMatchObject({
      defaultInboundAction: null,
      allowLocalFirewallRules: null,
    });
    expect(value(model.connectionProfiles).map((p) => [p.interfaceAlias, p.networkCategory])).toEqual([
      ['Ethernet', 'domain'],
      ['vEthernet (nat)', 'public'],
    ]);
  });

  it('reads back: TCP, UDP, addresses, adapters, HNS, HCS, daemon.json and the service', () => {
    expect(value(model.tcp).find((c) => c.localPort === 2375)).toEqual({
      localAddress: '0.0.0.0',
      localPort: 2375,
      remoteAddress: '0.0.0.0',
      remotePort: 0,
      state: 'Listen',
      owningProcess: 2100,
    });
    expect(value(model.udp)).toHaveLength(2);
    expect(value(model.ipAddresses).map((a) => [a.ipAddress, a.family])).toContainEqual([
      'fe80::1c2d:3e4f:5a6b:7c8d%6',
      'ipv6',
    ]);
    expect(value(model.adapters).map((a) => a.name)).toEqual(['Ethernet', 'vEthernet (nat)']);
    expect(value(model.hnsNetworks)).toEqual([
      {
        id: '31d621fc-09ab-54f8-adb0-a6c381fb2871',
        name: 'nat',
        type: 'nat',
        subnets: ['172.24.80.0/20'],
        gateways: ['172.24.80.1'],
        // The stand-in's Get-HnsNetwork gives no DNS servers, NAT name, switch or Health.
        dnsServers: [],
        natName: null,
        switchName: null,
        switchId: null,
        lastErrorCode: null,
      },
    ]);
    expect(value(model.hnsEndpoints).map((e) => [e.ipAddress, e.sharedContainers])).toEqual([
      ['172.24.80.2', [WEB]],
      ['172.24.80.3', ['c49fea7425fa7f8699897a97c159c6690267d9003bb78c53fafa8fc15c325d84']],
    ]);
    expect(value(model.hcs).map((s) => [s.id.slice(0, 8), s.type, s.owner])).toEqual([
      ['4b5e57f6', 'Container', 'docker'],
      ['c49fea74', 'VM', 'docker'],
    ]);
    expect(value(model.hcs)[1]!.vmGuid).toBe('24222128-ec5b-58d3-913c-fd47550072a5');
    expect(value(model.daemonConfig)).toMatchObject({
      hosts: ['tcp://0.0.0.0:2375', 'npipe://'],
      dataRoot: 'D:\\docker',
    });
    expect(value(model.dockerService)).toMatchObject({ name: 'docker', state: 'Running', startMode: 'Auto' });
    expect(value(model.dockerService).pathName).toContain('--config-file');
    for (const id of POWERSHELL_PROBES) expect(model.probes.find((p) => p.id === id)?.status, id).toBe('ok');
  });
});

describe.runIf(run)('the bundle 1.1 probes against the Windows Server 2019 stand-in', () => {
  let runs: readonly ProbeRun[] = [];
  const byId = (id: string): ProbeRun | undefined => runs.find((r) => r.id === id);
  const rows = (id: string, file: string): Record<string, unknown>[] =>
    json(byId(id), file) as Record<string, unknown>[];

  beforeAll(async () => {
    runs = await runPowerShellProbes({
      executable: pwsh!,
      importModules: SERVER_2019,
      probeIds: [...HOST_PROBES_1_1, 'host.firewall.rules'],
    });
  }, 120_000);

  it('keeps the five netsh outputs as printed, localised words included, each after its ### command line', () => {
    const excluded = text(byId('host.portexclusions'), 'host/excludedports.txt');
    // Each command line ends in CRLF, as every line of the file.
    expect(excluded.match(/^### .*\r\n/gm)?.map((l) => l.trimEnd())).toEqual([
      '### netsh int ipv4 show excludedportrange protocol=tcp',
      '### netsh int ipv4 show excludedportrange protocol=udp',
      '### netsh int ipv6 show excludedportrange protocol=tcp',
      '### netsh int ipv4 show dynamicport tcp',
      '### netsh int ipv4 show dynamicport udp',
    ]);
    expect(excluded).toContain('     50000       50059     *\r\n');
    expect(excluded).toContain('* - Verwaltete Portausschlüsse.');
    expect(excluded).toContain('Anzahl der Ports: 16384\r\n');
  });

  it('writes routes and IP interfaces with enum names, several default routes and an MTU below 1500', () => {
    const routes = rows('host.routes', 'host/routes.json');
    expect(routes.filter((r) => r.DestinationPrefix === '0.0.0.0/0').map((r) => r.InterfaceAlias)).toEqual([
      'Ethernet',
      'Corp VPN',
    ]);
    expect(routes.find((r) => r.DestinationPrefix === '172.24.80.0/20')).toEqual({
      DestinationPrefix: '172.24.80.0/20',
      NextHop: '0.0.0.0',
      InterfaceAlias: 'vEthernet (nat)',
      InterfaceIndex: 12,
      RouteMetric: 256,
      AddressFamily: 'IPv4',
      Protocol: 'Local',
    });
    expect(routes.find((r) => r.DestinationPrefix === '::/0')).toMatchObject({ AddressFamily: 'IPv6' });
    const interfaces = rows('host.ipinterfaces', 'host/ip-interfaces.json');
    expect(interfaces.find((i) => i.InterfaceAlias === 'Corp VPN')).toEqual({
      InterfaceAlias: 'Corp VPN',
      InterfaceIndex: 21,
      AddressFamily: 'IPv4',
      NlMtu: 1400,
      InterfaceMetric: 35,
      AutomaticMetric: 'Disabled',
      Dhcp: 'Disabled',
      ConnectionState: 'Connected',
      Forwarding: 'Disabled',
    });
    expect(interfaces.find((i) => i.InterfaceAlias === 'vEthernet (nat)')).toMatchObject({
      Forwarding: 'Enabled',
    });
  });

  it('writes DNS servers as arrays (two, one, none) and the family as a name, though the class gives a number', () => {
    expect(rows('host.dns', 'host/dns-servers.json')).toEqual([
      {
        InterfaceAlias: 'Ethernet',
        InterfaceIndex: 6,
        AddressFamily: 'IPv4',
        ServerAddresses: ['10.0.0.2', '10.0.0.3'],
      },
      {
        InterfaceAlias: 'Ethernet',
        InterfaceIndex: 6,
        AddressFamily: 'IPv6',
        ServerAddresses: ['fec0:0:0:ffff::1'],
      },
      { InterfaceAlias: 'vEthernet (nat)', InterfaceIndex: 12, AddressFamily: 'IPv4', ServerAddresses: [] },
      {
        InterfaceAlias: 'Corp VPN',
        InterfaceIndex: 21,
        AddressFamily: 'IPv4',
        ServerAddresses: ['10.8.0.53'],
      },
    ]);
  });

  it('writes vSwitches with their type as a name, the services that exist, updates and the computer', () => {
    expect(rows('host.vmswitches', 'host/vmswitches.json')).toEqual([
      {
        Name: 'nat',
        Id: '5f1c2b3a-4d5e-6f70-8192-a3b4c5d6e7f8',
        SwitchType: 'Internal',
        NetAdapterInterfaceDescription: null,
        AllowManagementOS: true,
      },
      {
        Name: 'External',
        Id: '0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d',
        SwitchType: 'External',
        NetAdapterInterfaceDescription: 'Microsoft Hyper-V Network Adapter',
        AllowManagementOS: true,
      },
    ]);
    // nvagent does not exist on this host; the Print Spooler is not asked for.
    const services = rows('host.services', 'host/services.json');
    expect(services.map((s) => s.Name)).toEqual(['docker', 'hns', 'vmcompute', 'winnat', 'SharedAccess']);
    expect(services.find((s) => s.Name === 'SharedAccess')).toEqual({
      Name: 'SharedAccess',
      State: 'Stopped',
      StartMode: 'Manual',
      ExitCode: 1077,
      ProcessId: 0,
    });
    expect(rows('host.hotfixes', 'host/hotfixes.json')).toEqual([
      { HotFixID: 'KB4512577', InstalledOn: '2026-09-10T00:00:00.0000000' },
      { HotFixID: 'KB5044277', InstalledOn: '2026-11-12T00:00:00.0000000' },
      { HotFixID: 'KB4470788', InstalledOn: null },
    ]);
    expect(json(byId('host.computer'), 'host/computer.json')).toEqual({
      Manufacturer: 'Microsoft Corporation',
      Model: 'Virtual Machine',
      HypervisorPresent: true,
      PartOfDomain: true,
      Domain: 'corp.example',
    });
  });

  it('caps events at 500 of the last 7 days, newest first, messages cut, only the watched services of System', () => {
    const events = rows('host.events', 'host/events.json');
    expect(events).toHaveLength(500);
    const times = events.map((e) => Date.parse(e.TimeCreated as string));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(events[0]).toEqual({
      TimeCreated: '2026-11-29T17:55:00.0000000Z',
      LogName: 'System',
      ProviderName: 'Service Control Manager',
      Id: 7031,
      Level: 2,
      Message: 'Der Dienst "Host Network Service" wurde unerwartet beendet. Dies ist bereits 1 Mal passiert.',
    });
    expect(events.some((e) => String(e.Message).includes('Print Spooler'))).toBe(false);
    expect(events.some((e) => e.LogName === 'Microsoft-Windows-Hyper-V-Compute-Admin')).toBe(false);
    const docker = events.find((e) => e.ProviderName === 'docker')!;
    expect(docker.Message).toMatch(/\(0x803b0013\) x+ \[cut\]$/);
    expect((docker.Message as string).length).toBe(2048 + ' [cut]'.length);
    expect(events.filter((e) => e.LogName === 'Microsoft-Windows-Host-Network-Service-Admin')).toHaveLength(
      498,
    );
  });

  it('hides a user and password in every proxy URL before the file is written', () => {
    const proxy = text(byId('host.proxy'), 'host/proxy.json');
    expect(proxy).not.toContain('S3cret');
    expect(proxy).not.toContain('svc-proxy');
    expect(JSON.parse(proxy)).toEqual({
      WinHttp:
        '\r\nAktuelle WinHTTP-Proxyeinstellungen:\r\n\r\n    Proxyserver:  http://<redacted>@proxy.corp.example:3128\r\n    Umgehungsliste:  <local>;*.corp.example\r\n\r\n',
      Machine: {
        HTTP_PROXY: 'http://<redacted>@proxy.corp.example:3128',
        HTTPS_PROXY: null,
        NO_PROXY: 'localhost,.corp.example',
      },
      DockerService: ['HTTPS_PROXY=<redacted>@proxy.corp.example:3128', 'NO_PROXY=.corp.example'],
    });
  });

  it('joins each firewall rule with its interface filter: Any, or the aliases it is scoped to', () => {
    const rules = rows('host.firewall.rules', 'host/firewall-rules.json');
    expect(rules.find((r) => r.Name === 'BlockReports')!.InterfaceAlias).toEqual(['Ethernet']);
    expect(rules.find((r) => r.Name === 'DockerEngineTls')!.InterfaceAlias).toEqual([
      'Ethernet',
      'vEthernet (nat)',
    ]);
    expect(rules.find((r) => r.Name === 'RPC-EPMAP')!.InterfaceAlias).toEqual(['Any']);
  });
});

describe.runIf(run)('the bundle 1.1 probes where a module or tool is missing', () => {
  it('hnsdiag stands in for a missing HNS module; Get-VMSwitch without Hyper-V is unsupported with the reason', async () => {
    const runs = await runPowerShellProbes({
      executable: pwsh!,
      importModules: standIns('server-2019-nat-host.ps1'),
      probeIds: ['host.hns.endpoints', 'host.vmswitches'],
    });
    const endpoints = runs[0]!;
    expect(endpoints.status).toBe('ok');
    expect(endpoints.files.map((f) => f.path)).toEqual(['host/hnsdiag-endpoints.txt']);
    expect(text(endpoints, 'host/hnsdiag-endpoints.txt')).toMatch(
      /^Endpoint : 814baff8-79c3-584f-a26b-6ca68fa5042b\r\n\{"ID":"814BAFF8.*"Type":"NAT"/,
    );
    expect(runs[1]).toMatchObject({
      status: 'unsupported',
      error: expect.stringContaining(
        'Get-VMSwitch is not available: the Hyper-V PowerShell module is not installed',
      ),
      files: [],
    });
  });

  it('on a machine with none of the Windows commands, each new probe is unsupported, naming what is missing', async () => {
    const ids = [...HOST_PROBES_1_1, 'host.hns.endpoints'];
    const runs = await runPowerShellProbes({ executable: pwsh!, probeIds: ids });
    for (const r of runs) expect({ id: r.id, status: r.status }).toEqual({ id: r.id, status: 'unsupported' });
    expect(runs.find((r) => r.id === 'host.portexclusions')!.error).toContain('netsh is not available');
    expect(runs.find((r) => r.id === 'host.hns.endpoints')!.error).toContain(
      'neither Get-HnsEndpoint nor hnsdiag',
    );
    expect(runs.find((r) => r.id === 'host.routes')!.error).toContain('Get-NetRoute is not available');
  }, 120_000);
});
