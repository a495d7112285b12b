// Each fixture shows one kind of damage real pastes carry (issue 12); each is read back to the values the probe
// would have collected, through the project's own parsers.
import { describe, expect, it } from 'vitest';
import { fixture, fileJson, fileText, known, planModel, planText } from './support';

const mapping8443 = {
  natName: 'NAT822684B8-63F9-4EEB-BEC0-3B4AE612DA25',
  protocol: 'tcp',
  externalPort: 8443,
  internalIp: '172.20.176.9',
  internalPort: 443,
  active: true,
};

describe('NAT static mappings in damaged pastes', () => {
  it('reads a Markdown-fenced paste with **bold** on the prompt and names the command', () => {
    const plan = planText(fixture('natmapping-markdown-fenced-bold.txt'));
    expect(plan.blocks).toHaveLength(1);
    expect(plan.blocks[0]).toMatchObject({
      command: 'Get-NetNatStaticMapping',
      kind: 'get-netnatstaticmapping',
      rows: 1,
    });
    expect(plan.blocks[0]!.warnings).toContain('repaired: **bold** markers removed');
    expect(known(planModel(plan).natMappings)).toEqual([expect.objectContaining(mapping8443)]);
  });

  it('undoes a blank line after every line and a leading indent', () => {
    const plan = planText(fixture('natmapping-indented-blank-line-after-every-line.txt'));
    expect(plan.blocks[0]!.warnings).toEqual(
      expect.arrayContaining([
        'repaired: a blank line after every line',
        'repaired: a leading indent of 4 removed',
      ]),
    );
    expect(known(planModel(plan).natMappings)).toEqual([expect.objectContaining(mapping8443)]);
  });

  it('joins lines the console wrapped at 80 columns, also inside a name', () => {
    const plan = planText(fixture('natmapping-console-wrapped-80-inside-guid.txt'));
    const [mapping] = known(planModel(plan).natMappings);
    expect(mapping!.natName).toBe(
      'NAT822684B8-63F9-4EEB-BEC0-3B4AE612DA25-SUFFIX-LONGER-THAN-EIGHTY-COLUMNS',
    );
    expect(mapping!.externalPort).toBe(8443);
    expect(plan.blocks[0]!.warnings).toContain('repaired: lines wrapped by a 80-column console joined');
  });

  it('reads properties in any order and objects without a blank line between them', () => {
    const plan = planText(fixture('natmapping-any-order-no-blank-between-objects-crlf.txt'));
    const mappings = known(planModel(plan).natMappings);
    expect(mappings.map((m) => [m.externalPort, m.internalIp, m.internalPort])).toEqual([
      [8081, '172.30.10.4', 80],
      [8082, '172.30.10.4', 8082],
    ]);
    // StaticMappingID and the remote prefix were not pasted: recorded as what the format lacks.
    expect(plan.probes.find((p) => p.id === 'host.natmappings')!.partial![0]).toMatch(/StaticMappingID/);
  });

  it('refuses to use a filtered list as the whole list (a mapping missing from it would read as absent)', () => {
    const text = fixture('natmapping-markdown-fenced-bold.txt').replace(
      'Get-NetNatStaticMapping',
      'Get-NetNatStaticMapping | Where-Object ExternalPort -eq 8443',
    );
    const plan = planText(text);
    expect(plan.files).toEqual([]);
    expect(plan.blocks[0]).toMatchObject({ status: 'kept' });
    expect(plan.blocks[0]!.reason).toMatch(/Where-Object.*subset/);
    // The manifest says the probe's output was there but not used, and why.
    expect(plan.probes).toEqual([
      expect.objectContaining({
        id: 'host.natmappings',
        status: 'skipped',
        error: expect.stringMatching(/^imported, not used: .*Where-Object/),
      }),
    ]);
  });
});

describe('HNS endpoints in list view', () => {
  it('reads @{...} policies, keeps what $FormatEnumerationLimit cut and says so', () => {
    const plan = planText(fixture('hnsendpoint-list-nested-truncated.txt'));
    const [endpoint] = fileJson(plan, 'host/hns-endpoints.json') as Record<string, unknown>[];
    expect(endpoint!['Policies']).toEqual([
      { Type: 'L2Driver' },
      { ExternalPort: 8080, InternalPort: 80, Protocol: 6, Type: 'NAT' },
      { ExternalPort: 8443, InternalPort: 443, Protocol: 6, Type: 'NAT' },
      { Type: 'OutBoundNAT', Exceptions: null },
    ]);
    expect(plan.blocks[0]!.warnings).toContain(
      'Policies: truncated by the console after 4 items ($FormatEnumerationLimit); the rest is unknown',
    );
    expect(plan.blocks[0]!.warnings).toContain(
      'Policies: nested values printed as a type name (System.Object[] ...) are unknown',
    );
    const [model] = known(planModel(plan).hnsEndpoints);
    expect(model).toMatchObject({
      id: 'cac149a4-c52b-450a-a76f-a99b772ce1cb',
      virtualNetworkId: '822684b8-63f9-4eeb-bec0-3b4ae612da25',
      ipAddress: '172.20.176.10',
      sharedContainers: ['f86d8c6ef7d04438830e1b98499cda829b7627ed8140a882baf3e48f1b1b7b1c'],
    });
  });
});

describe('tables', () => {
  it('reads a PowerShell 7 table with CJK cells by console cells', () => {
    const plan = planText(fixture('tcp-table-cjk-localised.txt'));
    expect(known(planModel(plan).tcp)).toEqual([
      expect.objectContaining({
        localAddress: '0.0.0.0',
        localPort: 8080,
        state: 'Listen',
        owningProcess: 5544,
      }),
      expect.objectContaining({
        localAddress: '10.20.4.15',
        remotePort: 51812,
        state: 'Established',
        owningProcess: 5544,
      }),
    ]);
  });

  it('reads Get-Process (5.1) with localised thousands separators into bytes', () => {
    const plan = planText(fixture('process-table-zh-cn-numbers-ps51.txt'));
    const processes = known(planModel(plan).processes);
    expect(processes.map((p) => [p.pid, p.name, p.sessionId, p.workingSet])).toEqual([
      [2048, 'dockerd', 0, 71232 * 1024],
      [604, 'vmcompute', 0, 1048576 * 1024],
      [5544, 'node', 9, 30200 * 1024],
    ]);
  });

  it('leaves a cell PowerShell 7 cut with … unknown and warns', () => {
    const plan = planText(fixture('process-table-ps7-ellipsis.txt'));
    const processes = known(planModel(plan).processes);
    expect(processes.map((p) => [p.pid, p.sessionId, p.workingSet])).toEqual([
      [18110, null, Math.round(105.23 * 1024 * 1024)],
      [604, 0, Math.round(10.5 * 1024 * 1024)],
    ]);
    expect(plan.blocks[0]!.warnings.join('\n')).toMatch(/1 cells cut by the console .* in SI/);
  });

  it('reads an unlabelled docker ps -a by its header, ports and states included, and says what it lacks', () => {
    const plan = planText(fixture('docker-ps-a-unlabelled.txt'));
    expect(plan.blocks[0]).toMatchObject({ command: null, kind: 'docker-ps', rows: 2 });
    const containers = known(planModel(plan).containers);
    expect(
      containers.map((c) => [
        c.name,
        c.state,
        c.publishedPorts.map((p) => `${p.hostPort}->${p.containerPort}`),
      ]),
    ).toEqual([
      ['api', 'running', ['8080->80']],
      ['old-api', 'exited', []],
    ]);
    expect(plan.probes.find((p) => p.id === 'docker.containers')!.partial![0]).toMatch(
      /networks and addresses/,
    );
  });
});

describe('localised values', () => {
  it('reads zh-CN dates as the host local time and says which layout', () => {
    const plan = planText(fixture('natsession-zh-cn-dates.txt'));
    const [session] = known(planModel(plan).natSessions);
    expect(session).toMatchObject({
      protocol: 'tcp',
      internalSourcePort: 49712,
      creationTime: '2021-09-06T18:14:45',
    });
    expect(plan.blocks[0]!.warnings).toContain("dates in a zh-CN format (read as the host's local time)");
  });
});

describe('text probes', () => {
  it('keeps excludedportrange verbatim under ### <command> sections, whatever the language', () => {
    const plan = planText(fixture('excludedports-two-protocols.txt'));
    const text = fileText(plan, 'host/excludedports.txt');
    expect(text).toContain('### netsh int ipv4 show excludedportrange protocol=tcp\r\n');
    expect(text).toContain('### netsh int ipv4 show excludedportrange protocol=udp\r\n');
    expect(text).toContain('     50000       50059     *');
    expect(text).toContain('开始端口');
    expect(plan.blocks.map((b) => b.rows)).toEqual([3, 1]);
  });

  it('reads the flat (pre-19.03) docker info layout', () => {
    const plan = planText(fixture('docker-info-flat-1809-pre-19.03.txt'));
    expect(known(planModel(plan).engine)).toMatchObject({
      version: '18.09.1',
      defaultIsolation: 'process',
      dockerRootDir: 'C:\\ProgramData\\docker',
      containersRunning: 2,
      name: 'CONTAINERHOST01',
      swarm: { localNodeState: 'inactive' },
    });
    expect(plan.computerName).toBe('CONTAINERHOST01');
  });
});

describe('hostile pastes', () => {
  it('imports 10 MB on one line inert, quickly, with a clear message', () => {
    const plan = planText(`PS C:\\> Get-NetNat\n${'A'.repeat(10 * 1024 * 1024)}\n`);
    expect(plan.files).toEqual([]);
    expect(plan.blocks[0]!.reason).toMatch(/a line of \d+ characters: not console output/);
  });

  it('reads deeply nested @{ as text, strips control characters, and still reads the rest', () => {
    const plan = planText(fixture('hostile-nested-at-braces-and-controls.txt'));
    const [endpoint] = fileJson(plan, 'host/hns-endpoints.json') as Record<string, unknown>[];
    expect(endpoint!['VirtualNetwork']).toBe('822684B8-63F9-4EEB-BEC0-3B4AE612DA25');
    expect(typeof JSON.stringify(endpoint!['Policies'])).toBe('string');
    expect(plan.blocks[0]!.warnings).toContain('repaired: escape sequences or control characters removed');
  });

  it('keeps an HTML page inert and says what to do', () => {
    const plan = planText(fixture('hostile-html-page.txt'));
    expect(plan.files).toEqual([]);
    expect(plan.blocks[0]!.reason).toMatch(/HTML page/);
    expect(plan.originals.map((f) => f.path)).toEqual(['imported/index.json', 'imported/b1.txt']);
  });
});

describe('docker swarm, docker top and Get-HotFix', () => {
  it('reads service ls, node ls, top (placed by the inspected container) and zh-CN hotfix dates', () => {
    const inspect = fixture('server2019-broken-nat-paste.txt').split('PS C:\\Users\\admin> docker info')[0]!;
    const plan = planText(`${inspect}\n${fixture('swarm-top-hotfix-zh-cn.txt')}`);
    const model = planModel(plan);
    expect(
      known(model.swarmServices).map((s) => [
        s.name,
        s.mode,
        s.replicas,
        s.ports.map((p) => `${p.publishedPort}->${p.targetPort}/${p.publishMode}`),
      ]),
    ).toEqual([
      ['portainer', 'replicated', 1, ['9000->9000/ingress', '8000->8000/ingress']],
      ['agent', 'global', null, []],
    ]);
    expect(
      known(model.swarmNodes).map((n) => [n.id, n.hostname, n.role, n.state, n.availability, n.isLeader]),
    ).toEqual([
      ['m2v0a7x8y9z1b2c3d4e5f6g7h', 'SRV2016', 'manager', 'ready', 'active', true],
      ['p9o8i7u6y5t4r3e2w1q0a1s2d', 'SRV2016B', 'worker', 'down', 'drain', false],
    ]);
    const api = known(model.containers).find((c) => c.name === 'api')!;
    expect(api.top && known(api.top)).toEqual([
      { name: 'smss.exe', pid: 5340, cpu: '00:00:00.046', memory: '221.2kB' },
      { name: 'dotnet.exe', pid: 6120, cpu: '00:01:12.500', memory: '88.3MB' },
    ]);
    expect(fileJson(plan, 'host/hotfixes.json')).toEqual([
      { HotFixID: 'KB5034768', InstalledOn: '2024-02-14T00:00:00' },
      { HotFixID: 'KB5034127', InstalledOn: '2024-01-10T00:00:00' },
    ]);
    const last = plan.blocks[plan.blocks.length - 1]!;
    expect(last).toMatchObject({
      command: 'Get-NetNatExternalAddress',
      status: 'kept',
      reason: "no probe collects this command's output",
    });
  });
});

describe('docker inspect and docker ps -a together', () => {
  it('adds the containers docker inspect was not given from docker ps -a, and warns when nothing confirms the list', () => {
    const inspect = fixture('server2019-broken-nat-paste.txt').split(
      'PS C:\\Users\\admin> docker network inspect',
    )[0]!;
    const alone = planText(inspect);
    expect(alone.blocks[0]!.warnings.join('\n')).toMatch(/shows only the containers it was given/);
    const ps =
      'PS C:\\> docker ps -a\nCONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\nf86d8c6ef7d0   api:1     "x"       1 day     Up 1 day            api\n0123456789ab   extra:1   "y"       1 day     Up 1 day            extra\n';
    const both = planText(`${inspect}\n${ps}`);
    expect(both.blocks[0]!.warnings.join('\n')).not.toMatch(/shows only the containers/);
    const names = known(planModel(both).containers).map((c) => c.name);
    expect(names.filter((n) => n === 'api')).toHaveLength(1);
    expect(names).toContain('extra');
  });
});

describe('cmd prompts, ipconfig, routes and IP interfaces', () => {
  it('reads host ipconfig /all into adapters and addresses, and a container one into that container', () => {
    const inspect = fixture('server2019-broken-nat-paste.txt').split(
      'PS C:\\Users\\admin> docker network inspect',
    )[0]!;
    const plan = planText(`${inspect}\n${fixture('ipconfig-route-ipinterface-cmd-prompts.txt')}`);
    const model = planModel(plan);
    expect(known(model.adapters).map((a) => [a.name, a.description, a.macAddress])).toEqual([
      ['vEthernet (nat)', 'Hyper-V Virtual Ethernet Adapter', '00-15-5D-21-09-42'],
      ['Ethernet0', 'vmxnet3 Ethernet Adapter', '00-50-56-9A-3C-71'],
    ]);
    expect(
      known(model.ipAddresses).map((a) => [a.interfaceAlias, a.ipAddress, a.prefixLength, a.family]),
    ).toEqual([
      ['vEthernet (nat)', 'fe80::a1b2:c3d4:e5f6:1234', 64, 'ipv6'],
      ['vEthernet (nat)', '172.20.176.1', 20, 'ipv4'],
      ['Ethernet0', '10.20.4.15', 24, 'ipv4'],
    ]);
    expect(
      fileText(
        plan,
        'containers/f86d8c6ef7d04438830e1b98499cda829b7627ed8140a882baf3e48f1b1b7b1c/ipconfig.txt',
      ),
    ).toContain('IPv4 Address. . . . . . . . . . . : 172.20.176.10(Preferred)');
    // The filtered Get-NetRoute printed nothing and is not used; the full one is.
    expect(fileJson(plan, 'host/routes.json')).toEqual([
      {
        InterfaceIndex: 5,
        DestinationPrefix: '0.0.0.0/0',
        NextHop: '10.20.4.1',
        RouteMetric: 0,
        AddressFamily: 'IPv4',
      },
      {
        InterfaceIndex: 14,
        DestinationPrefix: '172.20.176.0/20',
        NextHop: '0.0.0.0',
        RouteMetric: 256,
        AddressFamily: 'IPv4',
      },
      {
        InterfaceIndex: 5,
        DestinationPrefix: '::/0',
        NextHop: 'fe80::1',
        RouteMetric: 256,
        AddressFamily: 'IPv6',
      },
    ]);
    expect(fileJson(plan, 'host/ip-interfaces.json')).toEqual([
      {
        InterfaceIndex: 14,
        InterfaceAlias: 'vEthernet (nat)',
        AddressFamily: 'IPv4',
        NlMtu: 1500,
        InterfaceMetric: 5000,
        Dhcp: 'Disabled',
        ConnectionState: 'Connected',
      },
      {
        InterfaceIndex: 5,
        InterfaceAlias: 'Ethernet0',
        AddressFamily: 'IPv4',
        NlMtu: 1500,
        InterfaceMetric: 15,
        Dhcp: 'Disabled',
        ConnectionState: 'Connected',
      },
    ]);
    expect(plan.probes.find((p) => p.id === 'host.routes')!.partial![0]).toMatch(/InterfaceAlias, Protocol/);
  });
});

describe('limits', () => {
  it('refuses a paste of more blocks than a bundle can hold originals for, with a clear message', () => {
    expect(() => planText('PS C:\\> hostname\nSRV\n'.repeat(5001))).toThrow(/more than 5000 blocks/);
  });
});
