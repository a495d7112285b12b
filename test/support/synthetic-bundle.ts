// Synthetic Windows container hosts of any size, as raw bundle files (what the probes write, never a model):
// for the analysis benchmark, the UI benchmark and scale tests. Deterministic for a given size and seed.
// Internally consistent: container ids, IPs, PIDs, sessions, NAT mappings, disks and rules agree across files.

import type { RawBundle } from '../../src/shared/bundle';

export interface SyntheticSize {
  readonly containers: number;
  readonly processes: number;
  readonly firewallRules: number;
  readonly natSessions: number;
  readonly tcpEndpoints: number;
}

/** The largest host the benchmark must handle (issue 4). */
export const LARGEST: SyntheticSize = {
  containers: 1000,
  processes: 50_000,
  firewallRules: 10_000,
  natSessions: 200_000,
  tcpEndpoints: 100_000,
};

export function scaled(factor: number, base: SyntheticSize = LARGEST): SyntheticSize {
  const n = (v: number): number => Math.max(1, Math.round(v * factor));
  return {
    containers: n(base.containers),
    processes: n(base.processes),
    firewallRules: n(base.firewallRules),
    natSessions: n(base.natSessions),
    tcpEndpoints: n(base.tcpEndpoints),
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

  put('manifest.json', {
    format: 'hostscope-bundle',
    version: 1,
    collectedAt: '2026-11-29T18:00:00Z',
    collector: { name: 'synthetic', version: '1.0.0' },
    host: { computerName: 'SYNTHHOST' },
    probes: [
      'docker.version',
      'docker.info',
      'docker.containers',
      'docker.top',
      'docker.networks',
      'docker.swarm',
      'host.os',
      'host.processes',
      'host.natmappings',
      'host.natsessions',
      'host.disks',
      'host.firewall.rules',
      'host.firewall.profiles',
      'host.connprofiles',
      'host.tcp',
      'host.ipaddresses',
      'host.hcs',
      'host.docker.service',
      'container.listeners',
    ].map((id) => ({ id, status: 'ok' })),
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
  return { source: `synthetic:${size.containers}`, files };
}
