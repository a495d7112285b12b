// Windows Server 2016 Core, Docker EE 18.09, single-manager swarm whose worker is down. Portainer reached from
// outside but not through localhost (no WinNAT loopback on 14393), an ingress-mode service (no routing mesh before
// 16299), the engine API open on TCP without TLS, a Hyper-V isolated container, swarm ports not allowed.
// Collected by an early collector in Windows PowerShell 5.1 without casts: enums are numbers, CIM noise included.
import { BundleWriter } from '../lib/bundle-writer';
import type { SampleFile } from '../lib/bundle-writer';
import { asHostProcesses, containerProcesses, topBody } from '../lib/container-processes';
import type { ContainerProcess } from '../lib/container-processes';
import { infoBody, versionBody } from '../lib/docker-engine';
import type { EngineDef } from '../lib/docker-engine';
import { inspectContainer, inspectImages, inspectNetwork } from '../lib/docker-objects';
import type { ContainerDef, EndpointDef, NetworkDef } from '../lib/docker-objects';
import { builtInRules, containerEndpointRules, customRule, hnsNetworkRules, ruleAsNumbers, subnetWithMask } from '../lib/firewall';
import { allocate, windowsBaseline } from '../lib/host-processes';
import type { ProcSpec } from '../lib/host-processes';
import { adapterRecord, connectionProfileRecord, diskPath, diskRecord, firewallProfileRecord, ipRecord, processRecord, socketRecords } from '../lib/host-records';
import type { AdapterDef, DiskDef, IpDef } from '../lib/host-records';
import { computerRecord, containerDnsFiles, DEFAULT_DYNAMIC, dnsServerRecords, dockerEvent, eventRecords, healthyServices, hotfixRecords, ipInterfaceRecords, LOOPBACK_INTERFACE, noProxy, renderExcludedPorts, routeRecords, serviceRecords } from '../lib/host-network';
import type { InterfaceDef } from '../lib/host-network';
import { guid, hex64, mac, macDashed, Rng, swarmId } from '../lib/ids';
import { configJson, dockerApiJson, dockerCliJson, ps51Json } from '../lib/json';
import type { Json } from '../lib/json';
import { listen, listenBoth, renderHcsdiag, renderNetstat, tcp, udp } from '../lib/text-probes';
import type { NetstatRow } from '../lib/text-probes';
import { When } from '../lib/when';

export const NAME = 'server2016-swarm-portainer';
const S = NAME;
const TZ = 60;
const HOST = 'SRV2016-DOCKER01';
const HOST_IP = '10.0.0.21';
const WORKER_IP = '10.0.0.22';
const ADMIN_PC = '10.0.0.57';
const ROOT = 'C:\\ProgramData\\docker';
const BOOT = When.at('2026-11-02T04:11:09.000Z', TZ);
const COLLECTED = When.at('2026-11-24T08:41:17.000Z', TZ);

export function build(): readonly SampleFile[] {
  const w = new BundleWriter(S, { collectedAt: '2026-11-24T08:41:17Z', collector: { name: 'collect.ps1', version: '1.1.0' }, computerName: HOST });

  // ---- networks -------------------------------------------------------------------------------
  const nat: NetworkDef = {
    name: 'nat', id: hex64(`${S}:net:nat`), driver: 'nat', scope: 'local', created: When.at('2025-03-11T10:02:44.512Z', TZ), ipamDriver: 'default', localTimestamps: true,
    subnet: '172.24.80.0/20', gateway: '172.24.80.1', hnsId: guid(`${S}:hns:nat`), containerPrefixLen: 16,
    extraOptions: { 'com.docker.network.windowsshim.networkname': 'nat' },
  };
  const none: NetworkDef = { name: 'none', id: hex64(`${S}:net:none`), driver: 'null', scope: 'local', created: When.at('2025-03-11T10:02:44.431Z', TZ), ipamDriver: 'default', localTimestamps: true };
  const ingress: NetworkDef = {
    name: 'ingress', id: swarmId(`${S}:net:ingress`), driver: 'overlay', scope: 'swarm', created: When.at('2025-09-03T13:20:07.118Z', TZ), ipamDriver: 'default',
    subnet: '10.255.0.0/16', gateway: '10.255.0.1', hnsId: guid(`${S}:hns:ingress`), ingress: true,
    extraOptions: { 'com.docker.network.driver.overlay.vxlanid_list': '4096' },
    peers: [{ Name: `${HOST}-${hex64(`${S}:peer`).slice(0, 12)}`, IP: HOST_IP }],
  };
  const ep = (network: NetworkDef, ip: string, who: string, aliases?: string[]): EndpointDef => ({
    network, ip, mac: mac(`${S}:${who}:${network.name}`), endpointId: hex64(`${S}:ep:${who}:${network.name}`), ...(aliases ? { aliases } : {}),
  });

  // ---- swarm ----------------------------------------------------------------------------------
  const nodeId = swarmId(`${S}:node:1`);
  const workerId = swarmId(`${S}:node:2`);
  const serviceId = swarmId(`${S}:svc:web`);
  const clusterId = swarmId(`${S}:cluster`);
  const taskIds = [swarmId(`${S}:task:web.1`), swarmId(`${S}:task:web.2`)] as const;
  const orphanTaskId = swarmId(`${S}:task:web.2:old`);
  const iisImage = 'mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2016';
  const iisDigest = `sha256:${hex64(`${S}:digest:iis`)}`;
  const iisImageRef = `${iisImage}@${iisDigest}`;

  // ---- containers -----------------------------------------------------------------------------
  const ids = {
    portainer: hex64(`${S}:ctr:portainer`),
    coreapp: hex64(`${S}:ctr:coreapp`),
    web1: hex64(`${S}:ctr:web.1`),
    web2: hex64(`${S}:ctr:web.2`),
  };
  const started = {
    portainer: BOOT.plus(96_412),
    coreapp: BOOT.plus(111_870),
    web1: BOOT.plus(131_204),
    web2: BOOT.plus(133_967),
  };

  const portainerProcs = containerProcesses({
    seed: `${S}:procs:portainer`, base: 'nanoserver', firstPid: 3400, startedAt: started.portainer,
    // PID 3632 as in the seed report.
    apps: [{ exe: 'portainer.exe', commandLine: 'C:\\portainer.exe -H tcp://172.24.80.1:2375', workingSetMb: 23.6, cpuMs: 1_906_234, pid: 3632, role: 'app' }],
  });
  const iisApps = (n: number): Parameters<typeof containerProcesses>[0]['apps'] => [
    { exe: 'ServiceMonitor.exe', commandLine: 'C:\\ServiceMonitor.exe w3svc', workingSetMb: 1.4, cpuMs: 1_203 + n, role: 'app' },
    { exe: 'svchost.exe', commandLine: 'C:\\Windows\\system32\\svchost.exe -k iissvcs', workingSetMb: 6.1, cpuMs: 4_410 + n, role: 'svc:iissvcs', parent: 'services' },
  ];
  const web1Procs = containerProcesses({ seed: `${S}:procs:web.1`, base: 'servercore', firstPid: 4204, startedAt: started.web1, apps: iisApps(17) });
  const web2Procs = containerProcesses({ seed: `${S}:procs:web.2`, base: 'servercore', firstPid: 4712, startedAt: started.web2, apps: iisApps(41) });

  // The host: its own processes, the three process-isolated containers in sessions 2-4, the engine, and the
  // utility VM of coreapp (vmwp + vmmem only).
  const vmGuid = guid(`${S}:uvm:coreapp`).toUpperCase();
  const specs: ProcSpec[] = [
    ...windowsBaseline({ build: 14393, desktop: false, splitSvchost: false, userSession: 1, rdp: false }),
    { name: 'vmcompute', session: 0, path: 'C:\\Windows\\system32\\vmcompute.exe', commandLine: 'C:\\Windows\\system32\\vmcompute.exe', roles: ['vmcompute'], parentRole: 'services', startS: 7.9, workingSetMb: 11.2 },
    { name: 'vmms', session: 0, path: 'C:\\Windows\\system32\\vmms.exe', commandLine: 'C:\\Windows\\system32\\vmms.exe', parentRole: 'services', startS: 8.3, workingSetMb: 21.7 },
    { name: 'dockerd', session: 0, path: 'C:\\Program Files\\Docker\\dockerd.exe', commandLine: '"C:\\Program Files\\Docker\\dockerd.exe" --run-service', roles: ['dockerd'], parentRole: 'services', startS: 24.6, workingSetMb: 88.4 },
    { name: 'vmwp', session: 0, path: 'C:\\Windows\\System32\\vmwp.exe', commandLine: `"C:\\Windows\\System32\\vmwp.exe" ${vmGuid} 0x6c8`, roles: ['vmwp:coreapp'], parentRole: 'vmcompute', startS: 112.2, workingSetMb: 19.8 },
    // vmmem's parent is not a link to its VM; with one utility VM the match is by uniqueness.
    { name: 'vmmem', session: 0, path: null, commandLine: null, roles: ['vmmem:coreapp'], startS: 112.4, workingSetMb: 1_624 },
    { name: 'powershell', session: 1, path: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', commandLine: '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" -NoProfile -ExecutionPolicy Bypass -File C:\\Tools\\hostscope\\collect.ps1 -OutputPath C:\\Tools\\hostscope\\out', parentRole: 'shell', startS: (COLLECTED.utcMs - BOOT.utcMs) / 1000 - 41, workingSetMb: 71.3 },
    ...asHostProcesses(portainerProcs, 2, BOOT, 'portainer'),
    ...asHostProcesses(web1Procs, 3, BOOT, 'web.1'),
    ...asHostProcesses(web2Procs, 4, BOOT, 'web.2'),
  ];
  const host = allocate(specs, BOOT, `${S}:host`);

  const coreappScript = "$l = New-Object Net.HttpListener; $l.Prefixes.Add('http://+:80/'); $l.Start(); while ($true) { $c = $l.GetContext(); $c.Response.StatusCode = 200; $c.Response.Close() }";
  // coreapp runs in its utility VM: its PIDs are the VM's, and its main process deliberately carries the PID of
  // an unrelated host svchost (Task Scheduler), so that matching docker top PIDs to host PIDs is seen to be wrong.
  const collidingPid = host.pid('svc:Schedule');
  const hostPids = new Set(host.list.map((p) => p.pid));
  const coreappProcs = containerProcesses({
    seed: `${S}:procs:coreapp`, base: 'servercore', firstPid: 1020, startedAt: started.coreapp, avoid: new Set([...hostPids].filter((p) => p !== collidingPid)),
    apps: [{ exe: 'powershell.exe', commandLine: `powershell -NoProfile -Command "${coreappScript}"`, workingSetMb: 58.2, cpuMs: 3_117, pid: collidingPid, role: 'app' }],
  });

  const mainPid = (procs: readonly ContainerProcess[]): number => procs.find((p) => p.role === 'app')!.pid;
  const swarmLabels = (slot: 1 | 2): Record<string, string> => ({
    'com.docker.swarm.node.id': nodeId,
    'com.docker.swarm.service.id': serviceId,
    'com.docker.swarm.service.name': 'web',
    'com.docker.swarm.task': '',
    'com.docker.swarm.task.id': taskIds[slot - 1]!,
    'com.docker.swarm.task.name': `web.${slot}.${taskIds[slot - 1]!}`,
  });
  const common = { dataRoot: ROOT, localTimestamps: true, envNames: [] as string[] };
  const portainer: ContainerDef = {
    ...common, id: ids.portainer, name: 'portainer', image: 'portainer/portainer', imageId: `sha256:${hex64(`${S}:img:portainer`)}`, isolation: 'process', state: 'running',
    created: When.at('2026-06-14T15:27:51.104Z', TZ), startedAt: started.portainer, networkMode: 'default',
    endpoints: [ep(nat, '172.24.80.2', 'portainer')], ports: [{ containerPort: 9000, protocol: 'tcp', hostPort: 9000, hostIp: '' }],
    mounts: [{ type: 'bind', source: 'C:\\ProgramData\\Containers\\Portainer', destination: 'C:\\Data' }],
    labels: {}, entrypoint: ['/portainer.exe'], cmd: ['-H', 'tcp://172.24.80.1:2375'], restartPolicy: 'always',
    pid: mainPid(portainerProcs), sandboxId: hex64(`${S}:sandbox:portainer`),
  };
  const coreapp: ContainerDef = {
    ...common, id: ids.coreapp, name: 'coreapp', image: 'mcr.microsoft.com/windows/servercore:ltsc2016', imageId: `sha256:${hex64(`${S}:img:servercore`)}`, isolation: 'hyperv', state: 'running',
    created: When.at('2026-11-10T09:48:02.637Z', TZ), startedAt: started.coreapp, networkMode: 'default',
    endpoints: [ep(nat, '172.24.80.3', 'coreapp')], ports: [{ containerPort: 80, protocol: 'tcp', hostPort: 8080, hostIp: '' }],
    mounts: [], labels: {}, entrypoint: null,
    cmd: ['powershell', '-NoProfile', '-Command', coreappScript],
    memory: 2_147_483_648, restartPolicy: 'unless-stopped', pid: mainPid(coreappProcs), sandboxId: hex64(`${S}:sandbox:coreapp`),
  };
  const webTask = (slot: 1 | 2, id: string, ingressIp: string, natIp: string, procs: readonly ContainerProcess[], startedAt: When): ContainerDef => ({
    ...common, id, name: `web.${slot}.${taskIds[slot - 1]}`, image: iisImageRef, imageId: `sha256:${hex64(`${S}:img:iis`)}`, isolation: 'process', state: 'running',
    created: startedAt.plus(-4_310), startedAt, networkMode: 'default',
    endpoints: [ep(ingress, ingressIp, `web.${slot}`, [id.slice(0, 12)]), ep(nat, natIp, `web.${slot}`)],
    // Ingress mode: the target port is exposed, no host binding (the routing mesh would carry it).
    ports: [{ containerPort: 80, protocol: 'tcp' }],
    mounts: [{ type: 'bind', source: 'C:\\web\\app', destination: 'C:\\inetpub\\wwwroot\\app', readOnly: true, viaMountFlag: true }],
    labels: swarmLabels(slot), entrypoint: ['C:\\ServiceMonitor.exe', 'w3svc'], cmd: null, pid: mainPid(procs), sandboxId: hex64(`${S}:sandbox:web.${slot}`),
  });
  const web1 = webTask(1, ids.web1, '10.255.0.5', '172.24.80.4', web1Procs, started.web1);
  const web2 = webTask(2, ids.web2, '10.255.0.6', '172.24.80.5', web2Procs, started.web2);
  const containers = [portainer, coreapp, web1, web2];

  // ---- docker/* -------------------------------------------------------------------------------
  const engine: EngineDef = {
    platformName: 'Docker Engine - Enterprise', version: '18.09.11', apiVersion: '1.39', minApiVersion: '1.24', gitCommit: '6f6e4e5', goVersion: 'go1.13.8',
    buildTime: '02/26/2020 23:48:31', kernelVersion: '10.0 14393 (14393.2273.amd64fre.rs1_release.180427-1811)',
    operatingSystem: 'Windows Server 2016 Datacenter Version 1607 (OS Build 14393.2273)', id: 'QF2Q:7UVY:5K5Z:JOCA:3E4U:SXGR:YK6D:2DNO:EPTE:6B7N:WY4B:EHDN',
    name: HOST, dataRoot: ROOT, ncpu: 16, memTotal: 68_718_940_160, containers: { running: 4, stopped: 0 }, images: 9, isolation: 'process',
    swarm: {
      NodeID: nodeId, NodeAddr: HOST_IP, LocalNodeState: 'active', ControlAvailable: true, Error: '',
      RemoteManagers: [{ NodeID: nodeId, Addr: `${HOST_IP}:2377` }], Nodes: 2, Managers: 1,
      Cluster: {
        ID: clusterId, Version: { Index: 10463 }, CreatedAt: '2025-09-03T11:20:06.1913518Z', UpdatedAt: '2026-11-02T03:13:52.7361604Z',
        Spec: { Name: 'default', Labels: {}, Orchestration: { TaskHistoryRetentionLimit: 5 }, Raft: { SnapshotInterval: 10000, KeepOldSnapshots: 0, LogEntriesForSlowFollowers: 500, ElectionTick: 10, HeartbeatTick: 1 }, Dispatcher: { HeartbeatPeriod: 5000000000 }, CAConfig: { NodeCertExpiry: 7776000000000000 }, TaskDefaults: {}, EncryptionConfig: { AutoLockManagers: false } },
        TLSInfo: { TrustRoot: '-----BEGIN CERTIFICATE-----\n<redacted>\n-----END CERTIFICATE-----\n', CertIssuerSubject: 'MBMxETAPBgNVBAMTCHN3YXJtLWNh', CertIssuerPublicKey: '<redacted>' },
        RootRotationInProgress: false, DefaultAddrPool: ['10.0.0.0/8'], SubnetSize: 24, DataPathPort: 4789,
      },
    },
  };
  w.add('docker/version.json', dockerApiJson(versionBody(engine)));
  w.add('docker/info.json', dockerApiJson(infoBody(engine)));
  w.add('docker/containers.json', dockerCliJson(containers.map(inspectContainer)));
  w.add('docker/images.json', dockerApiJson(inspectImages(containers, {
    // Portainer 1.x for Windows was built on nanoserver sac2016; the IIS image on the host's own month.
    'portainer/portainer': '10.0.14393.2248',
    'mcr.microsoft.com/windows/servercore:ltsc2016': '10.0.14393.2273',
    [iisImageRef]: '10.0.14393.2273',
  }, ROOT)));
  w.add('docker/networks.json', dockerCliJson([nat, none, ingress].map((n) => inspectNetwork(n, containers))));
  w.add('docker/volumes.json', dockerApiJson({ Volumes: [], Warnings: null }));
  for (const [c, procs] of [[portainer, portainerProcs], [coreapp, coreappProcs], [web1, web1Procs], [web2, web2Procs]] as const) {
    w.add(`docker/top/${c.id}.json`, dockerApiJson(topBody(procs)));
  }

  const serviceSpec: Json = {
    Name: 'web', Labels: {},
    TaskTemplate: {
      ContainerSpec: { Image: iisImageRef, Mounts: [{ Type: 'bind', Source: 'C:\\web\\app', Target: 'C:\\inetpub\\wwwroot\\app', ReadOnly: true }], Isolation: 'default' },
      Resources: { Limits: {}, Reservations: {} }, RestartPolicy: { Condition: 'any', Delay: 5000000000, MaxAttempts: 0 },
      Placement: { Platforms: [{ Architecture: 'amd64', OS: 'windows' }] }, ForceUpdate: 0, Runtime: 'container',
    },
    Mode: { Replicated: { Replicas: 2 } },
    UpdateConfig: { Parallelism: 1, FailureAction: 'pause', Monitor: 5000000000, MaxFailureRatio: 0, Order: 'stop-first' },
    RollbackConfig: { Parallelism: 1, FailureAction: 'pause', Monitor: 5000000000, MaxFailureRatio: 0, Order: 'stop-first' },
    EndpointSpec: { Mode: 'vip', Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 80, PublishMode: 'ingress' }] },
  };
  w.add('docker/swarm/services.json', dockerApiJson([{
    ID: serviceId, Version: { Index: 10421 }, CreatedAt: '2026-10-05T12:44:19.2277012Z', UpdatedAt: '2026-10-05T12:44:19.2305846Z', Spec: serviceSpec,
    Endpoint: { Spec: { Mode: 'vip', Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 80, PublishMode: 'ingress' }] }, Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 80, PublishMode: 'ingress' }], VirtualIPs: [{ NetworkID: ingress.id, Addr: '10.255.0.4/16' }] },
  }]));
  const task = (id: string, slot: number, node: string, state: string, desired: string, container: ContainerDef | null, ingressIp: string, at: string): Json => ({
    ID: id, Version: { Index: 10460 + slot }, CreatedAt: at, UpdatedAt: at, Labels: {}, Spec: (serviceSpec as { TaskTemplate: Json }).TaskTemplate, ServiceID: serviceId, Slot: slot, NodeID: node,
    Status: { Timestamp: at, State: state, Message: state === 'running' ? 'started' : 'task orphaned', ...(container ? { ContainerStatus: { ContainerID: container.id, PID: container.pid, ExitCode: 0 } } : {}), PortStatus: {} },
    DesiredState: desired,
    NetworksAttachments: [{ Network: { ID: ingress.id, Version: { Index: 6 }, Spec: { Name: 'ingress', Labels: {}, DriverConfiguration: {}, Ingress: true, IPAMOptions: { Driver: {} }, Scope: 'swarm' }, DriverState: { Name: 'overlay', Options: { 'com.docker.network.driver.overlay.vxlanid_list': '4096' } }, IPAMOptions: { Driver: { Name: 'default' }, Configs: [{ Subnet: '10.255.0.0/16', Gateway: '10.255.0.1' }] } }, Addresses: [`${ingressIp}/16`] }],
  });
  w.add('docker/swarm/tasks.json', dockerApiJson([
    task(orphanTaskId, 2, workerId, 'orphaned', 'shutdown', null, '10.255.0.7', '2026-10-29T21:07:44.9016635Z'),
    task(taskIds[0], 1, nodeId, 'running', 'running', web1, '10.255.0.5', started.web1.dockerUtc()),
    task(taskIds[1], 2, nodeId, 'running', 'running', web2, '10.255.0.6', started.web2.dockerUtc()),
  ]));
  const node = (id: string, hostname: string, role: string, addr: string, state: string, leader: boolean): Json => ({
    ID: id, Version: { Index: 10455 }, CreatedAt: '2025-09-03T11:20:06.2052716Z', UpdatedAt: '2026-11-02T03:14:31.5527109Z',
    Spec: { Labels: {}, Role: role, Availability: 'active' },
    Description: { Hostname: hostname, Platform: { Architecture: 'x86_64', OS: 'windows' }, Resources: { NanoCPUs: 16000000000, MemoryBytes: 68718940160 }, Engine: { EngineVersion: '18.09.11', Plugins: [{ Type: 'Log', Name: 'json-file' }, { Type: 'Network', Name: 'nat' }, { Type: 'Network', Name: 'overlay' }, { Type: 'Network', Name: 'transparent' }, { Type: 'Volume', Name: 'local' }] }, TLSInfo: { TrustRoot: '<redacted>', CertIssuerSubject: 'MBMxETAPBgNVBAMTCHN3YXJtLWNh', CertIssuerPublicKey: '<redacted>' } },
    Status: { State: state, ...(state === 'down' ? { Message: 'heartbeat failure' } : {}), Addr: addr },
    ...(role === 'manager' ? { ManagerStatus: { Leader: leader, Reachability: 'reachable', Addr: `${addr}:2377` } } : {}),
  });
  w.add('docker/swarm/nodes.json', dockerApiJson([node(nodeId, HOST, 'manager', HOST_IP, 'ready', true), node(workerId, 'SRV2016-DOCKER02', 'worker', WORKER_IP, 'down', false)]));

  // ---- host/os, processes, engine service and config ------------------------------------------
  w.add('host/os.json', ps51Json({
    ComputerName: HOST, Caption: 'Microsoft Windows Server 2016 Datacenter', Version: '10.0.14393', BuildNumber: '14393', UBR: 2273,
    EditionID: 'ServerDatacenter', InstallationType: 'Server Core',
    PSVersion: { Major: 5, Minor: 1, Build: 14393, Revision: 2273, MajorRevision: 0, MinorRevision: 2273 },
    // Hyper-V without its PowerShell module: Get-VHD is missing (see host.vhds in the manifest).
    Features: ['FileAndStorage-Services', 'Storage-Services', 'Hyper-V', 'NET-Framework-45-Features', 'NET-Framework-45-Core', 'NET-WCF-Services45', 'NET-WCF-TCP-PortSharing45', 'Containers', 'Windows-Defender-Features', 'Windows-Defender', 'PowerShellRoot', 'PowerShell', 'WoW64-Support'],
  }), 'utf-8-bom');
  w.add('host/processes.json', ps51Json(host.list.map((p) => processRecord(p, 'ps51'))), 'utf-8-bom');
  w.add('host/docker-service.json', ps51Json({ Name: 'docker', State: 'Running', StartMode: 'Auto', PathName: '"C:\\Program Files\\Docker\\dockerd.exe" --run-service' }), 'utf-8-bom');
  // Opened so that Portainer could reach the engine through the host's vEthernet address (seed).
  w.add('host/daemon.json', configJson({ hosts: ['tcp://0.0.0.0:2375', 'npipe://'] }, '\r\n'));

  // ---- network configuration ------------------------------------------------------------------
  const natName = `H${nat.hnsId!}`;
  const natRecord = (extra: Record<string, Json>, cimClass: string): Json => ({
    ...extra,
    Caption: null, Description: null, ElementName: null,
    PSComputerName: null,
    CimClass: `ROOT/StandardCimv2:${cimClass}`,
    CimInstanceProperties: Object.keys(extra).concat(['Caption', 'Description', 'ElementName']),
    CimSystemProperties: 'Microsoft.Management.Infrastructure.CimSystemProperties',
  });
  w.add('host/netnat.json', ps51Json(natRecord({
    Name: natName, ExternalIPInterfaceAddressPrefix: null, InternalIPInterfaceAddressPrefix: nat.subnet!, IcmpQueryTimeout: 30, TcpEstablishedConnectionTimeout: 1800,
    TcpTransientConnectionTimeout: 120, TcpFilteringBehavior: 1, UdpFilteringBehavior: 1, UdpIdleSessionTimeout: 120, UdpInboundRefresh: 1, Store: 0, Active: true, InstanceID: nat.hnsId!,
  }, 'MSFT_NetNat')), 'utf-8-bom');
  const mapping = (id: number, externalPort: number, internalIp: string, internalPort: number): Json => natRecord({
    StaticMappingID: id, NatName: natName, Protocol: 6, RemoteExternalIPAddressPrefix: '0.0.0.0/0', ExternalIPAddress: '0.0.0.0', ExternalPort: externalPort,
    InternalIPAddress: internalIp, InternalPort: internalPort, InternalRoutingDomainId: '{00000000-0000-0000-0000-000000000000}', Active: true, InstanceID: `${natName};${id}`,
  }, 'MSFT_NetNatStaticMapping');
  // Port 80 of the ingress service has no mapping: there is no routing mesh on 14393.
  w.add('host/netnat-static.json', ps51Json([mapping(0, 9000, '172.24.80.2', 9000), mapping(1, 8080, '172.24.80.3', 80)]), 'utf-8-bom');
  const session = (proto: number, inSrc: string, inSrcPort: number, inDst: string, inDstPort: number, exSrc: string, exSrcPort: number, exDst: string, exDstPort: number, created: When): Json => ({
    NatName: natName, Protocol: proto, InternalSourceAddress: inSrc, InternalSourcePort: inSrcPort, InternalDestinationAddress: inDst, InternalDestinationPort: inDstPort,
    ExternalSourceAddress: exSrc, ExternalSourcePort: exSrcPort, ExternalDestinationAddress: exDst, ExternalDestinationPort: exDstPort, CreationTime: created,
  });
  w.add('host/netnat-sessions.json', ps51Json([
    session(6, ADMIN_PC, 53114, '172.24.80.2', 9000, ADMIN_PC, 53114, HOST_IP, 9000, COLLECTED.plus(-182_000)),
    session(6, ADMIN_PC, 53121, '172.24.80.2', 9000, ADMIN_PC, 53121, HOST_IP, 9000, COLLECTED.plus(-61_000)),
    session(6, '172.24.80.2', 49811, '151.101.2.133', 443, HOST_IP, 1051, '151.101.2.133', 443, COLLECTED.plus(-3_402_000)),
  ]), 'utf-8-bom');

  const hostMac = '3C-FD-FE-A1-22-10';
  const adapters: AdapterDef[] = [
    { name: 'Ethernet', description: 'Intel(R) Ethernet Controller X710 for 10GbE SFP+', ifIndex: 4, status: 'Up', mac: hostMac },
    { name: 'Ethernet 2', description: 'Intel(R) Ethernet Controller X710 for 10GbE SFP+ #2', ifIndex: 6, status: 'Disconnected', mac: '3C-FD-FE-A1-22-11' },
    { name: 'vEthernet (Ethernet)', description: 'Hyper-V Virtual Ethernet Adapter', ifIndex: 9, status: 'Up', mac: hostMac },
    { name: 'vEthernet (HNS Internal NIC)', description: 'Hyper-V Virtual Ethernet Adapter #2', ifIndex: 12, status: 'Up', mac: macDashed(mac(`${S}:hns-internal-nic`)) },
    ...[portainer, web1, web2].flatMap((c, i) => c.endpoints.map((e, j): AdapterDef => ({
      name: `vEthernet (Container NIC ${e.endpointId.slice(0, 8)})`, description: `Hyper-V Virtual Ethernet Adapter #${3 + i * 2 + j}`, ifIndex: 21 + i * 2 + j, status: 'Up', mac: macDashed(e.mac), hidden: true,
    }))),
    { name: 'Local Area Connection* 1', description: 'WAN Miniport (SSTP)', ifIndex: 2, status: 'Disconnected', mac: '', hidden: true },
    { name: 'Local Area Connection* 4', description: 'WAN Miniport (IP)', ifIndex: 3, status: 'Up', mac: '', hidden: true },
    { name: 'Teredo Tunneling Pseudo-Interface', description: 'Microsoft Teredo Tunneling Adapter', ifIndex: 5, status: 'Up', mac: '00-00-00-00-00-00-00-E0', hidden: true },
  ];
  w.add('host/adapters.json', ps51Json(adapters.map(adapterRecord)), 'utf-8-bom');
  const ips: IpDef[] = [
    { alias: 'vEthernet (Ethernet)', index: 9, ip: 'fe80::8d1c:3b5e:1f02:6a4b%9', prefix: 64 },
    { alias: 'vEthernet (HNS Internal NIC)', index: 12, ip: 'fe80::5c2e:91d4:a0b7:3e18%12', prefix: 64 },
    { alias: 'Loopback Pseudo-Interface 1', index: 1, ip: '::1', prefix: 128 },
    { alias: 'vEthernet (Ethernet)', index: 9, ip: HOST_IP, prefix: 24 },
    { alias: 'vEthernet (HNS Internal NIC)', index: 12, ip: '172.24.80.1', prefix: 20 },
    { alias: 'Loopback Pseudo-Interface 1', index: 1, ip: '127.0.0.1', prefix: 8 },
  ];
  w.add('host/ip-addresses.json', ps51Json(ips.map((a) => ipRecord(a, 'ps51'))), 'utf-8-bom');
  w.add('host/connection-profiles.json', ps51Json([
    connectionProfileRecord('vEthernet (Ethernet)', 9, 'corp.contoso.com', 'DomainAuthenticated', 'ps51'),
    connectionProfileRecord('vEthernet (HNS Internal NIC)', 12, 'Unidentified network', 'Public', 'ps51'),
  ]), 'utf-8-bom');

  // ---- sockets: netstat only (Get-NetTCPConnection timed out) ---------------------------------
  const p = (role: string): number => host.pid(role);
  const sockets: NetstatRow[] = [
    ...listenBoth(135, p('svc:RpcSs')), ...listenBoth(445, 4), ...listenBoth(5985, 4), ...listenBoth(47001, 4),
    listen(`${HOST_IP}:139`, 4), listen('172.24.80.1:139', 4),
    listen('0.0.0.0:2375', p('dockerd')), listen('0.0.0.0:2377', p('dockerd')), listen('[::]:7946', p('dockerd')),
    ...listenBoth(49664, p('lsass')), ...listenBoth(49665, p('wininit')), ...listenBoth(49666, p('svc:EventLog')), ...listenBoth(49667, p('svc:Schedule')),
    ...listenBoth(49668, p('spoolsv')), ...listenBoth(49669, p('services')), ...listenBoth(49670, p('svc:Winmgmt')),
    // Portainer talking to the engine over the nat gateway, and a workstation using the unencrypted API.
    tcp('172.24.80.1:2375', '172.24.80.2:49734', 'ESTABLISHED', p('dockerd')),
    tcp(`${HOST_IP}:2375`, `${ADMIN_PC}:52988`, 'ESTABLISHED', p('dockerd')),
    tcp(`${HOST_IP}:49702`, `${WORKER_IP}:7946`, 'SYN_SENT', p('dockerd')),
    tcp(`${HOST_IP}:49693`, '10.0.0.10:389', 'ESTABLISHED', p('lsass')),
    tcp(`${HOST_IP}:49831`, '10.0.0.10:135', 'TIME_WAIT', 0),
    udp('0.0.0.0:123', p('svc:W32Time')), udp('0.0.0.0:500', p('svc:IKEEXT')), udp('0.0.0.0:4500', p('svc:IKEEXT')), udp('0.0.0.0:5355', p('svc:Dnscache')),
    udp('0.0.0.0:7946', p('dockerd')), udp(`${HOST_IP}:137`, 4), udp(`${HOST_IP}:138`, 4), udp('172.24.80.1:137', 4), udp('172.24.80.1:138', 4),
    udp('127.0.0.1:56211', p('svc:iphlpsvc')), udp('[::]:123', p('svc:W32Time')), udp('[::]:500', p('svc:IKEEXT')), udp('[::]:4500', p('svc:IKEEXT')), udp('[::]:5355', p('svc:Dnscache')),
  ];
  w.add('host/netstat.txt', renderNetstat(sockets));
  w.probe('host.tcp', 'timeout', 'Get-NetTCPConnection did not finish within 60 s; host/netstat.txt holds the same sockets');
  w.add('host/udp.json', ps51Json(socketRecords(sockets, 'ps51').udp), 'utf-8-bom');

  // ---- disks: sandboxes of the process-isolated containers, Location holding the vhdx path ----
  const disks: DiskDef[] = [
    { number: 0, friendlyName: 'DELL PERC H730P Mini', location: 'Integrated : Adapter 0 : Port 0 : Target 0 : LUN 0', path: diskPath('dell', 'perc_h730p_mini', '5&2c4a9a8f&0&000000'), busType: 'RAID', size: 479_559_942_144, driveLetters: ['C'], serialNumber: '00d4f1a22b0c8e1f2500a3b8e0b0a3c1' },
    ...[portainer, web1, web2].map((c, i): DiskDef => ({
      number: i + 1, friendlyName: 'Msft Virtual Disk', location: `${ROOT}\\windowsfilter\\${c.id}\\sandbox.vhdx`,
      path: diskPath('msft', 'virtual_disk', `2&1f4adffe&0&00000${i + 1}`), busType: 'File Backed Virtual', size: 21_474_836_480, driveLetters: [],
    })),
  ];
  w.add('host/disks.json', ps51Json(disks.map((d) => diskRecord(d, 'ps51'))), 'utf-8-bom');
  w.probe('host.vhds', 'unsupported', 'Get-VHD is not available: the Hyper-V PowerShell module is not installed (feature Hyper-V-PowerShell)');

  // ---- firewall -------------------------------------------------------------------------------
  const rules = [
    ...builtInRules({ hyperV: true, desktop: false, enable: ['WMI-RPCSS-In-TCP', 'WMI-WINMGMT-In-TCP', 'RemoteEventLogSvc-In-TCP', 'RemoteEventLogSvc-RPCSS-In-TCP'] }),
    customRule({ name: '{6C1F0E52-7A2B-4F0B-9E0D-3B1C5E7A2D41}', displayName: 'Docker Engine API (TCP 2375)', protocol: 'TCP', localPort: '2375' }),
    customRule({ name: '{0E4A9B37-2C5D-4E8F-A1B3-7D9C2F6E8A05}', displayName: 'Docker Swarm manager (TCP 2377)', protocol: 'TCP', localPort: '2377', profiles: ['Domain'] }),
    customRule({ name: '{A7D3E2F1-9B8C-4D6E-8F0A-1C2B3D4E5F60}', displayName: 'SCOM Agent (TCP-In)', protocol: 'TCP', localPort: ['5723', '5724'], profiles: ['Domain'], program: 'C:\\Program Files\\Microsoft Monitoring Agent\\Agent\\HealthService.exe' }),
    customRule({ name: '{3F8B1C6D-4E2A-4B7F-9C0D-8E1F2A3B4C5D}', displayName: 'Block NetBIOS from guest VLANs', action: 'Block', protocol: 'TCP', localPort: '137-139', remoteAddress: ['10.0.50.0/255.255.255.0', '10.0.51.0/255.255.255.0'] }),
    ...hnsNetworkRules(nat.hnsId!, 'vEthernet (HNS Internal NIC)'),
    ...[portainer, web1, web2].flatMap((c) => containerEndpointRules(guid(`${S}:hns-ep:${c.name}`), subnetWithMask(nat.subnet!), c.ports.filter((x) => x.hostPort !== undefined))),
  ];
  // Windows PowerShell 5.1 `>`: UTF-16LE with BOM.
  w.add('host/firewall-rules.json', ps51Json(rules.map(ruleAsNumbers)), 'utf-16le-bom');
  w.add('host/firewall-profiles.json', ps51Json((['Domain', 'Private', 'Public'] as const).map((name) => firewallProfileRecord({ name, enabled: true, defaultInbound: 'Block', defaultOutbound: 'Allow', allowLocalRules: 'NotConfigured' }, 'ps51'))), 'utf-8-bom');

  // ---- HNS, HCS -------------------------------------------------------------------------------
  w.probe('host.hns.networks', 'unsupported', 'Get-HnsNetwork is not available: the HNS module is not installed');
  w.probe('host.hns.endpoints', 'unsupported', 'Get-HnsEndpoint is not available: the HNS module is not installed');
  w.add('host/hcsdiag.txt', renderHcsdiag([
    { id: portainer.id, type: 'Container', state: 'Running', guid: guid(`${S}:hcs:portainer`), owner: 'docker' },
    { id: coreapp.id, type: 'VM', state: 'Running', guid: vmGuid, owner: 'docker' },
    { id: web1.id, type: 'Container', state: 'Running', guid: guid(`${S}:hcs:web.1`), owner: 'docker' },
    { id: web2.id, type: 'Container', state: 'Running', guid: guid(`${S}:hcs:web.2`), owner: 'docker' },
  ]));

  // ---- inside the containers ------------------------------------------------------------------
  const inside = (procs: readonly ContainerProcess[], role: string): number => procs.find((x) => x.role === role)!.pid;
  const rng = new Rng(`${S}:ephemeral`);
  w.add(`containers/${portainer.id}/netstat.txt`, renderNetstat([
    ...listenBoth(135, inside(portainerProcs, 'svc:RPCSS')),
    // Go listens dual-stack: one [::] socket also takes IPv4.
    listen('[::]:9000', 3632),
    tcp(`172.24.80.2:49734`, '172.24.80.1:2375', 'ESTABLISHED', 3632),
    tcp(`[::ffff:172.24.80.2]:9000`, `[::ffff:${ADMIN_PC}]:53121`, 'ESTABLISHED', 3632),
    ...listenBoth(49664, inside(portainerProcs, 'lsass')),
    udp('0.0.0.0:5355', inside(portainerProcs, 'svc:netsvcs')),
  ]));
  for (const [c, procs] of [[web1, web1Procs], [web2, web2Procs], [coreapp, coreappProcs]] as const) {
    w.add(`containers/${c.id}/netstat.txt`, renderNetstat([
      ...listenBoth(80, 4), ...listenBoth(135, inside(procs, 'svc:RPCSS')), ...listenBoth(445, 4),
      ...listenBoth(49664, inside(procs, 'lsass')), ...listenBoth(49665, inside(procs, 'wininit')), ...listenBoth(49666, inside(procs, 'svc:LocalServiceNetworkRestricted')),
      udp('0.0.0.0:5355', inside(procs, 'svc:NetworkService')), udp(`0.0.0.0:${rng.int(50000, 65000)}`, inside(procs, 'svc:NetworkService')),
    ]));
  }
  // ---- bundle 1.1, collected the same way (Windows PowerShell 5.1, no casts, Out-File -Encoding utf8) -------------
  // The physical NIC is bound to the overlay's vSwitch: its IP stack lives on vEthernet (Ethernet).
  const interfaces: InterfaceDef[] = [
    { alias: 'vEthernet (Ethernet)', index: 9, metric: 5, dns: ['10.0.0.10', '10.0.0.11'], siteLocalDns6: true },
    { alias: 'Ethernet 2', index: 6, metric: 5, connected: false, siteLocalDns6: true },
    { alias: 'vEthernet (HNS Internal NIC)', index: 12, metric: 15 },
    LOOPBACK_INTERFACE,
  ];
  w.add('host/routes.json', ps51Json(routeRecords(interfaces, ips, [{ prefix: '0.0.0.0/0', nextHop: '10.0.0.1', alias: 'vEthernet (Ethernet)', index: 9, metric: 0, protocol: 'NetMgmt' }], 'ps51')), 'utf-8-bom');
  w.add('host/ip-interfaces.json', ps51Json(ipInterfaceRecords(interfaces, 'ps51')), 'utf-8-bom');
  w.add('host/dns-servers.json', ps51Json(dnsServerRecords(interfaces, 'ps51')), 'utf-8-bom');
  w.probe('host.vmswitches', 'unsupported', 'Get-VMSwitch is not available: the Hyper-V PowerShell module is not installed (feature Hyper-V-PowerShell)');
  // nvagent (network virtualization) is not started on this host.
  w.add('host/services.json', ps51Json(serviceRecords(healthyServices({ docker: p('dockerd'), hns: p('svc:hns'), vmcompute: p('vmcompute'), nvagent: null }))), 'utf-8-bom');
  // The worker has been unreachable all week: the engine's swarm gossip warns about it (no error in the HNS log).
  const suspect = `memberlist: Suspect SRV2016-DOCKER02-${hex64(`${S}:peer:2`).slice(0, 12)} has failed, no acks received`;
  w.add('host/events.json', ps51Json(eventRecords([
    dockerEvent(COLLECTED.plus(-6 * 86_400_000 + 3_611_000), 3, suspect),
    dockerEvent(COLLECTED.plus(-3 * 86_400_000 - 7_245_000), 3, suspect),
    dockerEvent(COLLECTED.plus(-52 * 60_000), 3, suspect),
  ])), 'utf-8-bom');
  w.add('host/proxy.json', ps51Json(noProxy()), 'utf-8-bom');
  w.add('host/hotfixes.json', ps51Json(hotfixRecords([['KB4132216', When.at('2018-05-24T19:02:00Z', TZ)], ['KB4103720', When.at('2018-05-24T19:40:00Z', TZ)]])), 'utf-8-bom');
  w.add('host/computer.json', ps51Json(computerRecord('Dell Inc.', 'PowerEdge R730', true, 'corp.contoso.com')), 'utf-8-bom');
  // Windows PowerShell 5.1 `>`: UTF-16LE with BOM, for netsh as for the text captured inside the containers.
  w.add('host/excludedports.txt', renderExcludedPorts({
    tcp4: [{ start: 50000, end: 50059, administered: true }, { start: 54235, end: 54334 }, { start: 54335, end: 54434 }],
    udp4: [],
    tcp6: [],
    dynamicTcp: DEFAULT_DYNAMIC,
    dynamicUdp: DEFAULT_DYNAMIC,
  }), 'utf-16le-bom');
  for (const c of containers) {
    const files = containerDnsFiles(c, { dns: ['10.0.0.10', '10.0.0.11'], suffix: 'corp.contoso.com' });
    w.add(`containers/${c.id}/ipconfig.txt`, files.ipconfig, 'utf-16le-bom');
    w.add(`containers/${c.id}/hosts.txt`, files.hosts, 'utf-16le-bom');
  }
  return w.finish();
}
