// Synthetic Windows container hosts of any size, as raw bundle files (what the probes write, never a model):
// for the analysis benchmark, the UI benchmark and scale tests. Deterministic for a given size and seed.
// Internally consistent: container ids, IPs, PIDs, sessions, NAT mappings, disks and rules agree across files.

import { PROBES, probeForFile, type RawBundle } from '../../src/shared/bundle';

export interface SyntheticSize {
  readonly containers: number;
  readonly processes: number;
  readonly firewallRules: number;
  readonly natSessions: number;
  readonly tcpEndpoints: number;
  /** Bundle 1.1 (issue 9): Get-NetRoute entries and collected events. */
  readonly routes: number;
  readonly events: number;
}

/** The largest host the benchmark must handle (issue 4; routes and events: issue 9). */
export const LARGEST: SyntheticSize = {
  containers: 1000,
  processes: 50_000,
  firewallRules: 10_000,
  natSessions: 200_000,
  tcpEndpoints: 100_000,
  routes: 10_000,
  events: 5_000,
};

export function scaled(factor: number, base: SyntheticSize = LARGEST): SyntheticSize {
  const n = (v: number): number => Math.max(1, Math.round(v * factor));
  return {
    containers: n(base.containers),
    processes: n(base.processes),
    firewallRules: n(base.firewallRules),
    natSessions: n(base.natSessions),
    tcpEndpoints: n(base.tcpEndpoints),
    routes: n(base.routes),
    events: n(base.events),
  };
}

/** mulberry32: a small deterministic PRNG, so every run generates the same host. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0').slice(-width);
const guid = (n: number): string =>
  `${hex(n, 8)}-${hex(n >>> 3, 4)}-4${hex(n, 3)}-a${hex(n >>> 5, 3)}-${hex(n * 7919, 12)}`;
const ROOT = 'C:\\ProgramData\\docker';
const NAT_NAME = 'H6bd1a5b2-7c8e-4f1a-9a55-1f0c8e2d9a11';
const NAT_ID = '6bd1a5b27c8e4f1a9a551f0c8e2d9a11aa00bb11cc22dd33ee44ff5566778899';

interface SynthContainer {
  readonly id: string;
  readonly name: string;
  readonly ip: string;
  readonly running: boolean;
  readonly isolation: 'process' | 'hyperv';
  readonly ports: readonly (readonly [number, number])[];
  readonly session: number;
  readonly pids: readonly number[];
  readonly vmGuid: string;
  readonly listens: boolean;
  readonly service: number | null;
}

/** Builds the raw files of a host of the given size. */
export function syntheticBundle(size: SyntheticSize, seed = 7): RawBundle {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const encoder = new TextEncoder();
  const files = new Map<string, Uint8Array>();
  const put = (path: string, value: unknown): void =>
    void files.set(path, encoder.encode(typeof value === 'string' ? value : JSON.stringify(value)));

  // ---- containers and their host footprint ----
  const services = Array.from({ length: Math.max(1, Math.floor(size.containers / 100)) }, (_, s) => ({
    id: hex(s + 1, 25),
    name: `svc${s}`,
    port: 30000 + s,
  }));
  let nextPid = 5000;
  const containers: SynthContainer[] = Array.from({ length: size.containers }, (_, i) => {
    const id = `${hex(i + 1, 8)}${hex(i * 2654435761, 8)}`.repeat(4);
    const service = i % 50 === 7 ? i % services.length : null;
    const pids = Array.from({ length: 3 + (i % 4) }, () => nextPid++);
    return {
      id,
      name: service === null ? `app-${i}` : `${services[service]!.name}.${i}.${hex(i, 25)}`,
      ip: `172.24.${1 + Math.floor(i / 250)}.${2 + (i % 250)}`,
      running: i % 20 !== 3,
      isolation: i % 7 === 0 ? 'hyperv' : 'process',
      ports:
        i % 5 === 0
          ? []
          : i % 3 === 0
            ? [
                [10000 + 2 * i, 80],
                [10001 + 2 * i, 443],
              ]
            : [[10000 + 2 * i, 80]],
      session: 2 + i,
      pids,
      vmGuid: guid(i + 17),
      listens: i % 11 !== 4,
      service,
    };
  });

  put('host/os.json', {
    ComputerName: 'SYNTHHOST',
    Caption: 'Microsoft Windows Server 2019 Datacenter',
    Version: '10.0.17763',
    BuildNumber: 17763,
    UBR: 5329,
    EditionID: 'ServerDatacenter',
    InstallationType: 'Server Core',
    PSVersion: '5.1.17763.5329',
    Features: ['Containers', 'Hyper-V'],
  });
  put('docker/version.json', {
    Version: '20.10.9',
    ApiVersion: '1.41',
    Os: 'windows',
    KernelVersion: '10.0 17763 (17763.1.amd64fre.rs5_release.180914-1434)',
  });
  put('docker/info.json', {
    Isolation: 'process',
    DockerRootDir: ROOT,
    Name: 'SYNTHHOST',
    ServerVersion: '20.10.9',
    OperatingSystem: 'Windows Server 2019 Datacenter',
    ContainersRunning: containers.filter((c) => c.running).length,
    Swarm: { LocalNodeState: 'active', NodeID: 'node1', NodeAddr: '10.0.0.10', ControlAvailable: true },
  });
  put('host/docker-service.json', {
    Name: 'docker',
    State: 'Running',
    StartMode: 'Auto',
    PathName: '"C:\\Program Files\\Docker\\dockerd.exe" --run-service',
  });

  put(
    'docker/containers.json',
    containers.map((c, i) => {
      const ports = Object.fromEntries(
        c.ports.map(([h, p]) => [`${p}/tcp`, [{ HostIp: '', HostPort: String(h) }]]),
      );
      const svc = c.service === null ? null : services[c.service]!;
      return {
        Id: c.id,
        Created: '2026-11-20T10:00:00.0000000Z',
        Name: `/${c.name}`,
        Image: `sha256:${hex(i, 64)}`,
        State: {
          Status: c.running ? 'running' : 'exited',
          Running: c.running,
          Pid: c.running ? c.pids[0] : 0,
          StartedAt: '2026-11-28T08:00:00.0000000Z',
        },
        Config: {
          Image: pick([
            'mcr.microsoft.com/windows/servercore/iis',
            'mcr.microsoft.com/dotnet/aspnet:8.0',
            'contoso/api:2.3',
          ]),
          Env: [`PATH=<redacted>`, ...(i % 9 === 0 ? ['DB_PASSWORD=<redacted>'] : [])],
          Labels: svc
            ? {
                'com.docker.swarm.service.name': svc.name,
                'com.docker.swarm.service.id': svc.id,
                'com.docker.swarm.task.id': hex(i, 25),
              }
            : {},
        },
        HostConfig: {
          Isolation: c.isolation,
          NetworkMode: 'nat',
          PortBindings: ports,
          Memory: i % 7 === 0 ? 2147483648 : 0,
        },
        NetworkSettings: {
          Ports: c.running ? ports : {},
          Networks: {
            nat: {
              IPAddress: c.running ? c.ip : '',
              Gateway: '172.24.0.1',
              MacAddress: `00:15:5d:${hex(i >> 16, 2)}:${hex(i >> 8, 2)}:${hex(i, 2)}`,
              EndpointID: hex(i * 31, 64),
              NetworkID: NAT_ID,
            },
          },
        },
        GraphDriver: { Name: 'windowsfilter', Data: { dir: `${ROOT}\\windowsfilter\\${c.id}` } },
        Mounts:
          i % 2 === 0
            ? [{ Type: 'bind', Source: `C:\\data\\${c.name}`, Destination: 'C:\\data', RW: true }]
            : [],
      };
    }),
  );
  put('docker/networks.json', [
    {
      Name: 'nat',
      Id: NAT_ID,
      Driver: 'nat',
      Scope: 'local',
      IPAM: { Driver: 'windows', Config: [{ Subnet: '172.24.0.0/16', Gateway: '172.24.0.1' }] },
      Options: { 'com.docker.network.windowsshim.hnsid': NAT_NAME.slice(1) },
      Containers: {},
    },
  ]);
  put(
    'docker/swarm/services.json',
    services.map((s) => ({
      ID: s.id,
      Spec: {
        Name: s.name,
        Mode: { Replicated: { Replicas: 2 } },
        EndpointSpec: {
          Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishedPort: s.port, PublishMode: 'ingress' }],
        },
      },
      Endpoint: {
        Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishedPort: s.port, PublishMode: 'ingress' }],
      },
    })),
  );
  put('docker/swarm/tasks.json', []);
  put('docker/swarm/nodes.json', []);

  // ---- processes: the host's own, each container's session, utility VMs, filler ----
  const processes: Record<string, unknown>[] = [];
  const proc = (Id: number, ProcessName: string, SI: number, extra: Record<string, unknown> = {}): void => {
    processes.push({
      Id,
      ProcessName,
      SI,
      Path: null,
      StartTime: '/Date(1764316800000)/',
      WorkingSet64: 8_000_000 + ((Id * 7919) % 90_000_000),
      ParentProcessId: 4,
      CommandLine: null,
      ...extra,
    });
  };
  proc(4, 'System', 0);
  proc(412, 'smss', 0);
  proc(1200, 'dockerd', 0, {
    Path: 'C:\\Program Files\\Docker\\dockerd.exe',
    CommandLine: '"C:\\Program Files\\Docker\\dockerd.exe" --run-service',
  });
  proc(1300, 'vmcompute', 0);
  const hcs: string[] = [];
  const disks: Record<string, unknown>[] = [
    {
      Number: 0,
      FriendlyName: 'Virtual HD',
      Location: 'Integrated : Adapter 0 : Port 0 : Target 0 : LUN 0',
      BusType: 'SAS',
      Size: 137438953472,
      IsOffline: false,
      OperationalStatus: 'Online',
      DriveLetters: ['C'],
    },
  ];
  let disk = 1;
  for (const c of containers) {
    if (!c.running) continue;
    if (c.isolation === 'process') {
      proc(nextPid++, 'CExecSvc', c.session);
      proc(nextPid++, 'smss', 0);
      for (const pid of c.pids) proc(pid, pick(['w3wp', 'dotnet', 'powershell', 'svchost']), c.session);
      disks.push({
        Number: disk++,
        FriendlyName: 'Msft Virtual Disk',
        Location: `${ROOT}\\windowsfilter\\${c.id}\\sandbox.vhdx`,
        BusType: 15,
        Size: 21474836480,
        IsOffline: false,
        OperationalStatus: 'Online',
        DriveLetters: [],
      });
    } else {
      const worker = nextPid++;
      proc(worker, 'vmwp', 0, {
        CommandLine: `"C:\\Windows\\system32\\vmwp.exe" ${c.vmGuid.toUpperCase()} 0x9c4`,
      });
      proc(nextPid++, 'vmmem', 0, { ParentProcessId: worker, CommandLine: null });
      hcs.push(c.id, `    VM,                         Running, ${c.vmGuid.toUpperCase()}, docker`);
    }
  }
  while (processes.length < size.processes)
    proc(
      nextPid++,
      pick(['svchost', 'conhost', 'WmiPrvSE', 'RuntimeBroker', 'csrss']),
      random() < 0.9 ? 0 : 1,
    );
  put('host/processes.json', processes);
  put('host/disks.json', disks);
  put('host/hcsdiag.txt', `${hcs.join('\r\n')}\r\n`);

  // Top of a Hyper-V container lists the utility VM's PIDs: they collide with host PIDs on purpose.
  for (const c of containers) {
    if (!c.running) continue;
    const rows = c.isolation === 'process' ? c.pids : c.pids.map((_, k) => 4 + k * 408);
    put(`docker/top/${c.id}.json`, {
      Titles: ['Name', 'PID', 'CPU', 'Private Working Set'],
      Processes: rows.map((pid) => ['app.exe', String(pid), '00:00:01.234', '12.3MB']),
    });
    const lines = [
      '',
      'Active Connections',
      '',
      '  Proto  Local Address          Foreign Address        State           PID',
      '  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1000',
    ];
    if (c.listens)
      for (const [, p] of c.ports)
        lines.push(`  TCP    0.0.0.0:${p}             0.0.0.0:0              LISTENING       ${c.pids[0]}`);
    lines.push('  UDP    0.0.0.0:5353           *:*                                    1200');
    put(`containers/${c.id}/netstat.txt`, lines.join('\r\n'));
  }

  // ---- NAT: one mapping per published port of a running container (a few stale), sessions spread over them ----
  const mappings: Record<string, unknown>[] = [];
  let mappingId = 1;
  for (const c of containers) {
    if (!c.running) continue;
    for (const [h, p] of c.ports)
      mappings.push({
        StaticMappingID: mappingId++,
        NatName: NAT_NAME,
        Protocol: 'TCP',
        RemoteExternalIPAddressPrefix: '0.0.0.0/0',
        ExternalIPAddress: '0.0.0.0',
        ExternalPort: h,
        InternalIPAddress: c.ip,
        InternalPort: p,
        Active: true,
      });
  }
  for (let s = 0; s < Math.ceil(size.containers / 200); s++)
    mappings.push({
      StaticMappingID: mappingId++,
      NatName: NAT_NAME,
      Protocol: 'TCP',
      ExternalPort: 40000 + s,
      InternalIPAddress: `172.24.250.${s + 2}`,
      InternalPort: 80,
      Active: true,
    });
  put('host/netnat-static.json', mappings);
  const reachable = containers.filter((c) => c.running && c.ports.length > 0);
  put(
    'host/netnat-sessions.json',
    Array.from({ length: size.natSessions }, (_, n) => {
      const c = reachable[n % Math.max(1, reachable.length)] ?? containers[0]!;
      const [h, p] = c.ports[0] ?? [10000, 80];
      return {
        NatName: NAT_NAME,
        Protocol: 6,
        InternalSourceAddress: '10.0.0.10',
        InternalSourcePort: h,
        InternalDestinationAddress: c.ip,
        InternalDestinationPort: p,
        ExternalSourceAddress: `10.0.${(n >> 8) & 255}.${n & 255}`,
        ExternalSourcePort: 49152 + (n % 16000),
        ExternalDestinationAddress: '10.0.0.10',
        ExternalDestinationPort: h,
        CreationTime: '/Date(1764316800000)/',
      };
    }),
  );

  // ---- firewall: HNS rules per container port, then the mix a real host carries (programs, ranges, any) ----
  const rules: Record<string, unknown>[] = [];
  const ruleOf = (Name: string, extra: Record<string, unknown>): void => {
    rules.push({
      Name,
      DisplayName: Name,
      Group: null,
      Enabled: 1,
      Direction: 1,
      Action: 2,
      Profile: 0,
      PolicyStoreSource: 'PersistentStore',
      Protocol: 'TCP',
      LocalPort: 'Any',
      RemotePort: 'Any',
      LocalAddress: 'Any',
      RemoteAddress: 'Any',
      Program: 'Any',
      InterfaceAlias: 'Any',
      ...extra,
    });
  };
  for (const c of containers) {
    if (rules.length >= size.firewallRules) break;
    if (c.isolation === 'process')
      for (const [, p] of c.ports)
        ruleOf(`HNS Container Networking - ${c.name} ${p} (TCP-In) - ${c.vmGuid} - 0`, {
          LocalPort: String(p),
          PolicyStoreSource: 'Dynamic',
        });
  }
  ruleOf('Docker swarm management', { LocalPort: ['2377', '7946'] });
  ruleOf('Docker swarm gossip and VXLAN', { Protocol: 'UDP', LocalPort: ['7946', '4789'] });
  for (let r = 0; rules.length < size.firewallRules; r++) {
    const kind = r % 10;
    if (kind < 5)
      ruleOf(`App rule ${r}`, {
        Program: `C:\\Program Files\\App${r}\\app.exe`,
        Profile: pick([1, 2, 4, 3]),
      });
    else if (kind < 7)
      ruleOf(`Port rule ${r}`, {
        LocalPort: String(1024 + ((r * 37) % 60000)),
        Action: r % 3 === 0 ? 4 : 2,
        Enabled: r % 4 === 0 ? 2 : 1,
      });
    else if (kind < 8)
      ruleOf(`Range rule ${r}`, {
        LocalPort: `${50000 + (r % 1000)}-${50010 + (r % 1000)}`,
        Protocol: 'UDP',
      });
    else if (kind < 9)
      ruleOf(`Scoped rule ${r}`, { RemoteAddress: [`10.${r & 255}.0.0/16`, 'LocalSubnet'], Protocol: 'Any' });
    else ruleOf(`Outbound rule ${r}`, { Direction: 2 });
  }
  put('host/firewall-rules.json', rules);
  put(
    'host/firewall-profiles.json',
    ['Domain', 'Private', 'Public'].map((Name) => ({
      Name,
      Enabled: 1,
      DefaultInboundAction: 4,
      DefaultOutboundAction: 2,
      AllowLocalFirewallRules: 2,
    })),
  );
  put('host/connection-profiles.json', [
    { InterfaceAlias: 'Ethernet', InterfaceIndex: 4, NetworkCategory: 2 },
    { InterfaceAlias: 'vEthernet (nat)', InterfaceIndex: 9, NetworkCategory: 0 },
  ]);
  put('host/ip-addresses.json', [
    {
      InterfaceAlias: 'Ethernet',
      InterfaceIndex: 4,
      IPAddress: '10.0.0.10',
      PrefixLength: 24,
      AddressFamily: 2,
    },
    {
      InterfaceAlias: 'vEthernet (nat)',
      InterfaceIndex: 9,
      IPAddress: '172.24.0.1',
      PrefixLength: 16,
      AddressFamily: 2,
    },
  ]);

  // ---- TCP endpoints: a few listeners, a few conflicts, mostly established connections ----
  put(
    'host/tcp.json',
    Array.from({ length: size.tcpEndpoints }, (_, n) =>
      n < 20
        ? {
            LocalAddress: '0.0.0.0',
            LocalPort: [135, 445, 5985, 47001][n % 4]!,
            RemoteAddress: '0.0.0.0',
            RemotePort: 0,
            State: 2,
            OwningProcess: 4,
          }
        : n % 400 === 0
          ? // A host process on the host port of container 1, 11, 21 ...: a port conflict now and then.
            {
              LocalAddress: '0.0.0.0',
              LocalPort: 10000 + 2 * ((1 + 10 * (n / 400)) % size.containers),
              RemoteAddress: '0.0.0.0',
              RemotePort: 0,
              State: 2,
              OwningProcess: 1300,
            }
          : {
              LocalAddress: '10.0.0.10',
              LocalPort: 49152 + (n % 16000),
              RemoteAddress: `10.0.${(n >> 8) & 255}.${n & 255}`,
              RemotePort: 443,
              State: 5,
              OwningProcess: 4 + (n % 300),
            },
    ),
  );
  putBundle11(put, files, encoder, size, containers);
  // The manifest lists as ok the catalogue's probes whose files were written above, in catalogue order.
  const written = new Set([...files.keys()].map((file) => probeForFile(file)?.spec.id));
  put('manifest.json', {
    format: 'hostscope-bundle',
    version: 1,
    collectedAt: '2026-11-29T18:00:00Z',
    collector: { name: 'synthetic', version: '1.0.0' },
    host: { computerName: 'SYNTHHOST' },
    probes: PROBES.filter((p) => written.has(p.id)).map((p) => ({ id: p.id, status: 'ok' })),
  });
  return { source: `synthetic:${size.containers}`, files };
}

const SWITCH_ID = '8c1b7f0e-2a43-4f5a-9d8e-3b0c6a1d2e4f';

/** The files bundle 1.1 adds (issue 9), consistent with the containers above: HNS, routes, events, DNS ... */
function putBundle11(
  put: (path: string, value: unknown) => void,
  files: Map<string, Uint8Array>,
  encoder: TextEncoder,
  size: SyntheticSize,
  containers: readonly SynthContainer[],
): void {
  const hnsNetworkId = NAT_NAME.slice(1);
  put('host/hns-networks.json', [
    {
      ID: hnsNetworkId.toUpperCase(),
      Name: 'nat',
      Type: 'nat',
      NatName: NAT_NAME,
      SwitchGuid: SWITCH_ID.toUpperCase(),
      DNSServerList: '10.0.0.2,10.0.0.3',
      Health: { LastErrorCode: 0 },
      Subnets: [{ AddressPrefix: '172.24.0.0/16', GatewayAddress: '172.24.0.1' }],
    },
  ]);
  // Docker's ports as NAT policies on each running container's endpoint (knowledge notes section 10), and an
  // orphaned endpoint now and then (an address no container holds).
  const endpoints = containers
    .filter((c) => c.running)
    .map((c, i) => ({
      ID: guid(i + 90_001).toUpperCase(),
      Name: 'Ethernet',
      VirtualNetwork: hnsNetworkId.toUpperCase(),
      VirtualNetworkName: 'nat',
      IPAddress: c.ip,
      PrefixLength: 16,
      GatewayAddress: '172.24.0.1',
      MacAddress: `00-15-5D-${hex(i >>> 16, 2)}-${hex(i >>> 8, 2)}-${hex(i, 2)}`.toUpperCase(),
      DNSServerList: '172.24.0.1,10.0.0.2',
      IsRemoteEndpoint: false,
      SharedContainers: [c.id],
      Policies: [
        { Type: 'L2Driver' },
        ...c.ports.map(([host, port], k) => ({
          Type: 'NAT',
          ExternalPort: host,
          InternalPort: port,
          Protocol: 'tcp',
          ...(k === 0 ? { ExternalPortReserved: true } : {}),
        })),
      ],
    }));
  for (let o = 0; o < Math.ceil(containers.length / 100); o++)
    endpoints.push({
      ...endpoints[0]!,
      ID: guid(o + 190_001).toUpperCase(),
      IPAddress: `172.24.251.${o + 2}`,
      SharedContainers: [],
      Policies: [{ Type: 'NAT', ExternalPort: 45000 + o, InternalPort: 80, Protocol: 'tcp' }],
    });
  put('host/hns-endpoints.json', endpoints);

  const exclusions = [
    '### netsh int ipv4 show excludedportrange protocol=tcp',
    '',
    'Start Port    End Port',
    '----------    --------',
  ];
  for (let b = 0; b < 8; b++) exclusions.push(`     ${49700 + 100 * b}       ${49799 + 100 * b}`);
  exclusions.push('      2869        2869     *', '', '* - Administered port exclusions.', '');
  exclusions.push(
    '### netsh int ipv4 show excludedportrange protocol=udp',
    '',
    'Start Port    End Port',
    '----------    --------',
    '',
  );
  exclusions.push(
    '### netsh int ipv6 show excludedportrange protocol=tcp',
    '',
    'Start Port    End Port',
    '----------    --------',
    '',
  );
  for (const protocol of ['tcp', 'udp'])
    exclusions.push(
      `### netsh int ipv4 show dynamicport ${protocol}`,
      '',
      'Start Port      : 49152',
      'Number of Ports : 16384',
      '',
    );
  files.set('host/excludedports.txt', encoder.encode(exclusions.join('\r\n')));

  // Routes: the host's own, the nat prefix, then what a VPN pushes (most of them).
  put(
    'host/routes.json',
    Array.from({ length: size.routes }, (_, n) =>
      n === 0
        ? {
            DestinationPrefix: '0.0.0.0/0',
            NextHop: '10.0.0.1',
            InterfaceAlias: 'Ethernet',
            InterfaceIndex: 4,
            RouteMetric: 0,
            AddressFamily: 2,
            Protocol: 3,
          }
        : n === 1
          ? {
              DestinationPrefix: '172.24.0.0/16',
              NextHop: '0.0.0.0',
              InterfaceAlias: 'vEthernet (nat)',
              InterfaceIndex: 9,
              RouteMetric: 256,
              AddressFamily: 2,
              Protocol: 2,
            }
          : n % 10 === 0
            ? {
                DestinationPrefix: `fd00:${hex(n, 4)}::/64`,
                NextHop: '::',
                InterfaceAlias: 'Ethernet',
                InterfaceIndex: 4,
                RouteMetric: 256,
                AddressFamily: 23,
                Protocol: 2,
              }
            : {
                DestinationPrefix: `10.${(n >> 8) & 255}.${n & 255}.0/24`,
                NextHop: '10.8.0.1',
                InterfaceAlias: 'VPN',
                InterfaceIndex: 19,
                RouteMetric: 1,
                AddressFamily: 2,
                Protocol: 3,
              },
    ),
  );
  put('host/ip-interfaces.json', [
    {
      InterfaceAlias: 'Ethernet',
      InterfaceIndex: 4,
      AddressFamily: 2,
      NlMtu: 1500,
      InterfaceMetric: 15,
      AutomaticMetric: 1,
      Dhcp: 0,
      ConnectionState: 1,
      Forwarding: 0,
    },
    {
      InterfaceAlias: 'vEthernet (nat)',
      InterfaceIndex: 9,
      AddressFamily: 2,
      NlMtu: 1500,
      InterfaceMetric: 5000,
      AutomaticMetric: 1,
      Dhcp: 0,
      ConnectionState: 1,
      Forwarding: 1,
    },
    {
      InterfaceAlias: 'VPN',
      InterfaceIndex: 19,
      AddressFamily: 2,
      NlMtu: 1400,
      InterfaceMetric: 1,
      AutomaticMetric: 0,
      Dhcp: 0,
      ConnectionState: 1,
      Forwarding: 0,
    },
  ]);
  put('host/dns-servers.json', [
    {
      InterfaceAlias: 'Ethernet',
      InterfaceIndex: 4,
      AddressFamily: 2,
      ServerAddresses: ['10.0.0.2', '10.0.0.3'],
    },
    { InterfaceAlias: 'vEthernet (nat)', InterfaceIndex: 9, AddressFamily: 2, ServerAddresses: [] },
    { InterfaceAlias: 'VPN', InterfaceIndex: 19, AddressFamily: 2, ServerAddresses: '10.8.0.53' },
  ]);
  put('host/vmswitches.json', [
    {
      Name: 'nat',
      Id: SWITCH_ID,
      SwitchType: 1,
      NetAdapterInterfaceDescription: null,
      AllowManagementOS: true,
    },
  ]);
  put(
    'host/services.json',
    ['docker', 'hns', 'vmcompute', 'winnat', 'SharedAccess', 'nvagent'].map((Name, k) => ({
      Name,
      State: 'Running',
      StartMode: k === 0 ? 'Auto' : 'Manual',
      ExitCode: 0,
      ProcessId: 1000 + k,
    })),
  );
  const codes = ['0x803b0013', '0x803b002f', '0x490', '0x6be'];
  put(
    'host/events.json',
    Array.from({ length: size.events }, (_, n) => ({
      TimeCreated: `/Date(${1764316800000 - n * 60_000})/`,
      LogName: n % 3 === 0 ? 'Application' : 'Microsoft-Windows-Host-Network-Service-Admin',
      ProviderName: n % 3 === 0 ? 'docker' : 'Microsoft-Windows-Host-Network-Service',
      Id: n % 3 === 0 ? 4 : 1007,
      Level: n % 4 === 0 ? 2 : 4,
      Message: `failed to create endpoint app-${n % containers.length} on network nat: HNS failed with error : ${codes[n % codes.length]}`,
    })),
  );
  put('host/proxy.json', {
    WinHttp: 'Current WinHTTP proxy settings:\r\n\r\n    Direct access (no proxy server).',
    Machine: { HTTP_PROXY: null, HTTPS_PROXY: null, NO_PROXY: null },
    DockerService: [],
  });
  put(
    'host/hotfixes.json',
    Array.from({ length: 40 }, (_, k) => ({
      HotFixID: `KB50${hex(k, 5)}`,
      InstalledOn: `/Date(${1700000000000 + k * 86_400_000})/`,
    })),
  );
  put('host/computer.json', {
    Manufacturer: 'Microsoft Corporation',
    Model: 'Virtual Machine',
    HypervisorPresent: true,
    PartOfDomain: true,
    Domain: 'corp.example',
  });

  for (const c of containers) {
    if (!c.running) continue;
    files.set(
      `containers/${c.id}/ipconfig.txt`,
      encoder.encode(
        [
          'Windows IP Configuration',
          '',
          'Ethernet adapter vEthernet (Ethernet):',
          '',
          `   IPv4 Address. . . . . . . . . . . : ${c.ip}(Preferred)`,
          '   Default Gateway . . . . . . . . . : 172.24.0.1',
          '   DNS Servers . . . . . . . . . . . : 172.24.0.1',
          '                                       10.0.0.2',
        ].join('\r\n'),
      ),
    );
    files.set(`containers/${c.id}/hosts.txt`, encoder.encode(`# hosts\r\n${c.ip}\t${c.id.slice(0, 12)}\r\n`));
  }
}
