// Windows Server 2022 Datacenter (Server Core), Docker Engine 24. Four healthy containers, one Hyper-V isolated:
// every published port mapped, allowed and listened on. Collected with PowerShell 7 (enum names, ISO dates); the
// HNS module here has Get-HnsNetwork but not Get-HnsEndpoint; hcsdiag was captured through Windows PowerShell.
import { BundleWriter } from '../lib/bundle-writer';
import type { SampleFile } from '../lib/bundle-writer';
import { asHostProcesses, containerProcesses, topBody } from '../lib/container-processes';
import type { ContainerProcess } from '../lib/container-processes';
import { infoBody, SWARM_INACTIVE, versionBody } from '../lib/docker-engine';
import type { EngineDef } from '../lib/docker-engine';
import { inspectContainer, inspectImages, inspectNetwork } from '../lib/docker-objects';
import type { ContainerDef, EndpointDef, NetworkDef } from '../lib/docker-objects';
import { builtInRules, containerEndpointRules, customRule, hnsNetworkRules, ruleAsNames, subnetWithMask } from '../lib/firewall';
import { allocate, windowsBaseline } from '../lib/host-processes';
import type { ProcSpec } from '../lib/host-processes';
import { adapterRecord, connectionProfileRecord, diskPath, diskRecord, firewallProfileRecord, ipRecord, processRecord, socketRecords } from '../lib/host-records';
import type { AdapterDef, DiskDef, IpDef } from '../lib/host-records';
import { computerRecord, containerDnsFiles, DEFAULT_DYNAMIC, dnsServerRecords, dockerEvent, eventRecords, healthyServices, HNS_ADMIN, HNS_PROVIDER, hotfixRecords, ipInterfaceRecords, LOOPBACK_INTERFACE, noProxy, renderExcludedPorts, routeRecords, serviceRecords, vmSwitchRecord } from '../lib/host-network';
import type { InterfaceDef } from '../lib/host-network';
import { guid, hex64, mac, macDashed } from '../lib/ids';
import { configJson, dockerApiJson, dockerCliJson, ps7Json } from '../lib/json';
import type { Json } from '../lib/json';
import { listen, listenBoth, renderHcsdiag, renderNetstat, tcp, udp } from '../lib/text-probes';
import type { NetstatRow } from '../lib/text-probes';
import { When } from '../lib/when';

export const NAME = 'server2022-healthy';
const S = NAME;
const TZ = 60;
const HOST = 'SRV2022-CTR03';
const HOST_IP = '10.30.8.40';
const ROOT = 'C:\\ProgramData\\docker';
const BOOT = When.at('2026-11-19T01:04:27.000Z', TZ);
const COLLECTED = When.at('2026-11-26T10:18:03.000Z', TZ);

export function build(): readonly SampleFile[] {
  const w = new BundleWriter(S, { collectedAt: '2026-11-26T10:18:03Z', collector: { name: 'collect.ps1', version: '1.1.0' }, computerName: HOST });

  const nat: NetworkDef = {
    name: 'nat', id: hex64(`${S}:net:nat`), driver: 'nat', scope: 'local', created: When.at('2026-11-19T01:05:31.2264108Z', TZ), ipamDriver: 'windows',
    subnet: '172.26.32.0/20', gateway: '172.26.32.1', hnsId: guid(`${S}:hns:nat`), extraOptions: { 'com.docker.network.windowsshim.networkname': 'nat' },
  };
  const none: NetworkDef = { name: 'none', id: hex64(`${S}:net:none`), driver: 'null', scope: 'local', created: When.at('2026-11-19T01:05:31.1718035Z', TZ), ipamDriver: 'windows' };
  const ep = (ip: string, who: string): EndpointDef => ({ network: nat, ip, mac: mac(`${S}:${who}`), endpointId: hex64(`${S}:ep:${who}`) });

  // ---- containers -----------------------------------------------------------------------------
  const started = { web: BOOT.plus(74_118), api: BOOT.plus(77_402), queue: BOOT.plus(72_950), scheduler: BOOT.plus(81_733) };
  const webProcs = containerProcesses({
    seed: `${S}:procs:web`, base: 'servercore', firstPid: 4120, startedAt: started.web,
    apps: [
      { exe: 'ServiceMonitor.exe', commandLine: 'C:\\ServiceMonitor.exe w3svc', workingSetMb: 1.6, cpuMs: 1_874, role: 'app' },
      { exe: 'svchost.exe', commandLine: 'C:\\Windows\\system32\\svchost.exe -k iissvcs', workingSetMb: 6.8, cpuMs: 5_502, role: 'svc:iissvcs', parent: 'services' },
      { exe: 'w3wp.exe', commandLine: 'c:\\windows\\system32\\inetsrv\\w3wp.exe -ap "DefaultAppPool" -v "v4.0" -l "webengine4.dll" -a \\\\.\\pipe\\iisipm0b3f5a7c-2d9e-4c1b-8a6f-3e7d9c1b5a20 -h "C:\\inetpub\\temp\\apppools\\DefaultAppPool\\DefaultAppPool.config" -w "" -m 0', workingSetMb: 88.9, cpuMs: 64_207, role: 'w3wp', parent: 'svc:iissvcs' },
    ],
  });
  const apiProcs = containerProcesses({
    seed: `${S}:procs:api`, base: 'nanoserver', firstPid: 5236, startedAt: started.api,
    apps: [{ exe: 'dotnet.exe', commandLine: 'dotnet Contoso.Api.dll', workingSetMb: 131.6, cpuMs: 88_540, role: 'app' }],
  });
  const queueProcs = containerProcesses({
    seed: `${S}:procs:queue`, base: 'servercore', firstPid: 3572, startedAt: started.queue,
    apps: [
      { exe: 'erl.exe', commandLine: '"C:\\Program Files\\Erlang OTP\\erts-14.2.5\\bin\\erl.exe" -noinput -s rabbit boot -boot start_sasl', workingSetMb: 184.2, cpuMs: 402_118, role: 'app' },
      { exe: 'epmd.exe', commandLine: '"C:\\Program Files\\Erlang OTP\\erts-14.2.5\\bin\\epmd.exe" -daemon', workingSetMb: 1.2, cpuMs: 63, role: 'epmd', parent: 'app' },
    ],
  });

  const vmGuid = guid(`${S}:uvm:scheduler`).toUpperCase();
  const specs: ProcSpec[] = [
    ...windowsBaseline({ build: 20348, desktop: false, splitSvchost: true, userSession: 1, rdp: false }),
    { name: 'vmcompute', session: 0, path: 'C:\\Windows\\system32\\vmcompute.exe', commandLine: 'C:\\Windows\\system32\\vmcompute.exe', roles: ['vmcompute'], parentRole: 'services', startS: 6.8, workingSetMb: 16.3 },
    { name: 'vmms', session: 0, path: 'C:\\Windows\\system32\\vmms.exe', commandLine: 'C:\\Windows\\system32\\vmms.exe', parentRole: 'services', startS: 7.1, workingSetMb: 27.9 },
    { name: 'dockerd', session: 0, path: 'C:\\Program Files\\docker\\dockerd.exe', commandLine: '"C:\\Program Files\\docker\\dockerd.exe" --run-service', roles: ['dockerd'], parentRole: 'services', startS: 19.4, workingSetMb: 96.2 },
    { name: 'vmwp', session: 0, path: 'C:\\Windows\\System32\\vmwp.exe', commandLine: `"C:\\Windows\\System32\\vmwp.exe" ${vmGuid} 0x9b4`, roles: ['vmwp:scheduler'], parentRole: 'vmcompute', startS: 82.1, workingSetMb: 24.6 },
    { name: 'vmmem', session: 0, path: null, commandLine: null, roles: ['vmmem:scheduler'], startS: 82.3, workingSetMb: 2_877 },
    { name: 'pwsh', session: 1, path: 'C:\\Program Files\\PowerShell\\7\\pwsh.exe', commandLine: '"C:\\Program Files\\PowerShell\\7\\pwsh.exe" -NoProfile -File C:\\Tools\\hostscope\\collect.ps1 -OutputPath C:\\Tools\\hostscope\\out', parentRole: 'shell', startS: (COLLECTED.utcMs - BOOT.utcMs) / 1000 - 47, workingSetMb: 104.8 },
    ...asHostProcesses(queueProcs, 2, BOOT, 'queue'),
    ...asHostProcesses(webProcs, 3, BOOT, 'web'),
    ...asHostProcesses(apiProcs, 4, BOOT, 'api'),
  ];
  const host = allocate(specs, BOOT, `${S}:host`);
  const p = (role: string): number => host.pid(role);
  // The utility VM's PIDs are its own; its main process shares a number with the host's WMI provider host.
  const collidingPid = p('wmiprvse');
  const schedulerProcs = containerProcesses({
    seed: `${S}:procs:scheduler`, base: 'servercore', firstPid: 1144, startedAt: started.scheduler,
    avoid: new Set(host.list.map((x) => x.pid).filter((x) => x !== collidingPid)),
    apps: [{ exe: 'Contoso.Scheduler.exe', commandLine: 'C:\\scheduler\\Contoso.Scheduler.exe --metrics http://+:9090/', workingSetMb: 77.4, cpuMs: 23_716, pid: collidingPid, role: 'app' }],
  });

  const mainPid = (procs: readonly ContainerProcess[]): number => procs.find((x) => x.role === 'app')!.pid;
  const base = { dataRoot: ROOT, restartPolicy: 'always' as const, networkMode: 'nat', labels: {} };
  const web: ContainerDef = {
    ...base, id: hex64(`${S}:ctr:web`), name: 'web', image: 'registry.contoso.com/web/site:4.1.0', imageId: `sha256:${hex64(`${S}:img:site`)}`, isolation: 'process', state: 'running',
    created: When.at('2026-10-21T08:30:12.4471982Z', TZ), startedAt: started.web, endpoints: [ep('172.26.32.3', 'web')], ports: [{ containerPort: 80, protocol: 'tcp', hostPort: 80, hostIp: '' }],
    mounts: [{ type: 'bind', source: 'C:\\sitedata\\uploads', destination: 'C:\\site\\uploads' }], envNames: [], entrypoint: ['C:\\ServiceMonitor.exe', 'w3svc'], cmd: null,
    labels: { 'org.opencontainers.image.source': 'https://git.contoso.com/web/site', 'org.opencontainers.image.version': '4.1.0' },
    pid: mainPid(webProcs), sandboxId: hex64(`${S}:sandbox:web`),
  };
  const api: ContainerDef = {
    ...base, id: hex64(`${S}:ctr:api`), name: 'api', image: 'registry.contoso.com/web/api:8.0.11', imageId: `sha256:${hex64(`${S}:img:api`)}`, isolation: 'process', state: 'running',
    created: When.at('2026-11-12T15:02:47.9035516Z', TZ), startedAt: started.api, endpoints: [ep('172.26.32.4', 'api')], ports: [{ containerPort: 8080, protocol: 'tcp', hostPort: 8080, hostIp: '' }],
    mounts: [{ type: 'volume', name: 'api-logs', source: `${ROOT}\\volumes\\api-logs\\_data`, destination: 'C:\\app\\logs' }],
    envNames: ['ASPNETCORE_HTTP_PORTS', 'DOTNET_RUNNING_IN_CONTAINER', 'DOTNET_VERSION', 'ASPNET_VERSION', 'QUEUE_HOST'], user: 'ContainerUser', workingDir: 'C:\\app',
    entrypoint: ['dotnet', 'Contoso.Api.dll'], cmd: null, pid: mainPid(apiProcs), sandboxId: hex64(`${S}:sandbox:api`),
  };
  const queue: ContainerDef = {
    ...base, id: hex64(`${S}:ctr:queue`), name: 'queue', image: 'registry.contoso.com/infra/rabbitmq:3.13-ltsc2022', imageId: `sha256:${hex64(`${S}:img:rabbitmq`)}`, isolation: 'process', state: 'running',
    created: When.at('2026-09-30T11:47:05.0329470Z', TZ), startedAt: started.queue, endpoints: [ep('172.26.32.2', 'queue')], ports: [{ containerPort: 5672, protocol: 'tcp' }, { containerPort: 15672, protocol: 'tcp' }],
    mounts: [{ type: 'volume', name: 'queue-data', source: `${ROOT}\\volumes\\queue-data\\_data`, destination: 'C:\\data' }],
    envNames: ['RABBITMQ_BASE', 'ERLANG_HOME', 'RABBITMQ_NODENAME'], entrypoint: ['C:\\rabbitmq\\sbin\\rabbitmq-server.bat'], cmd: null, pid: mainPid(queueProcs), sandboxId: hex64(`${S}:sandbox:queue`),
  };
  const scheduler: ContainerDef = {
    ...base, id: hex64(`${S}:ctr:scheduler`), name: 'scheduler', image: 'registry.contoso.com/jobs/scheduler:1.9.0', imageId: `sha256:${hex64(`${S}:img:scheduler`)}`, isolation: 'hyperv', state: 'running',
    created: When.at('2026-11-05T09:12:44.6152087Z', TZ), startedAt: started.scheduler, endpoints: [ep('172.26.32.5', 'scheduler')], ports: [{ containerPort: 9090, protocol: 'tcp', hostPort: 9090, hostIp: '' }],
    mounts: [{ type: 'bind', source: 'C:\\jobs\\state', destination: 'C:\\state' }], envNames: ['SCHEDULER_QUEUE', 'SCHEDULER_INTERVAL'], memory: 4_294_967_296,
    entrypoint: ['C:\\scheduler\\Contoso.Scheduler.exe'], cmd: ['--metrics', 'http://+:9090/'], pid: mainPid(schedulerProcs), sandboxId: hex64(`${S}:sandbox:scheduler`),
  };
  const containers = [queue, web, api, scheduler];
  const processIsolated: [ContainerDef, readonly ContainerProcess[]][] = [[queue, queueProcs], [web, webProcs], [api, apiProcs]];

  // ---- docker/* -------------------------------------------------------------------------------
  const engine: EngineDef = {
    platformName: 'Docker Engine - Community', version: '24.0.7', apiVersion: '1.43', minApiVersion: '1.24', gitCommit: '311b9ff', goVersion: 'go1.20.10',
    buildTime: '2023-10-26T09:08:44.000000000+00:00', kernelVersion: '10.0 20348 (20348.1.amd64fre.fe_release.210507-1500)',
    operatingSystem: 'Microsoft Windows Server Version 21H2 (OS Build 20348.2700)', id: '6b5c2f4e-3a8d-4f1b-9c7e-0d2a4b6c8e10',
    name: HOST, dataRoot: ROOT, ncpu: 24, memTotal: 137_437_904_896, containers: { running: 4, stopped: 0 }, images: 11, isolation: 'process', swarm: SWARM_INACTIVE,
  };
  w.add('docker/version.json', dockerApiJson(versionBody(engine)));
  w.add('docker/info.json', dockerApiJson(infoBody(engine)));
  w.add('docker/containers.json', dockerCliJson(containers.map(inspectContainer)));
  w.add('docker/images.json', dockerApiJson(inspectImages(containers, {
    'registry.contoso.com/web/site:4.1.0': '10.0.20348.2655',
    'registry.contoso.com/web/api:8.0.11': '10.0.20348.2700',
    'registry.contoso.com/infra/rabbitmq:3.13-ltsc2022': '10.0.20348.2582',
    // The scheduler's vendor still ships an ltsc2019 image: Hyper-V isolation is what lets it run here.
    'registry.contoso.com/jobs/scheduler:1.9.0': '10.0.17763.6293',
  }, ROOT)));
  w.add('docker/networks.json', dockerCliJson([nat, none].map((n) => inspectNetwork(n, containers))));
  w.add('docker/volumes.json', dockerApiJson({ Volumes: ['api-logs', 'queue-data'].map((v) => ({ CreatedAt: '2026-09-30T12:47:05+01:00', Driver: 'local', Labels: null, Mountpoint: `${ROOT}\\volumes\\${v}\\_data`, Name: v, Options: null, Scope: 'local' })), Warnings: null }));
  for (const [c, procs] of [...processIsolated, [scheduler, schedulerProcs] as [ContainerDef, readonly ContainerProcess[]]]) w.add(`docker/top/${c.id}.json`, dockerApiJson(topBody(procs)));
  w.probe('docker.swarm', 'skipped', 'swarm is not active on this node (Swarm.LocalNodeState "inactive")');

  // ---- host -----------------------------------------------------------------------------------
  w.add('host/os.json', ps7Json({
    ComputerName: HOST, Caption: 'Microsoft Windows Server 2022 Datacenter', Version: '10.0.20348', BuildNumber: '20348', UBR: 2700,
    EditionID: 'ServerDatacenter', InstallationType: 'Server Core', PSVersion: '7.4.6',
    Features: ['FileAndStorage-Services', 'Storage-Services', 'Hyper-V', 'NET-Framework-45-Features', 'NET-Framework-45-Core', 'NET-WCF-Services45', 'NET-WCF-TCP-PortSharing45', 'Containers', 'RSAT', 'RSAT-Role-Tools', 'RSAT-Hyper-V-Tools', 'Hyper-V-PowerShell', 'System-DataArchiver', 'Windows-Defender', 'PowerShellRoot', 'PowerShell', 'WoW64-Support'],
  }));
  // Collected elevated: owners included (Get-Process -IncludeUserName).
  w.add('host/processes.json', ps7Json(host.list.map((x) => processRecord(x, 'ps7', true))));
  w.add('host/docker-service.json', ps7Json({ Name: 'docker', State: 'Running', StartMode: 'Auto', PathName: '"C:\\Program Files\\docker\\dockerd.exe" --run-service' }));
  // `hosts` only here, not in the service command line: no conflict, and npipe only.
  w.add('host/daemon.json', configJson({ hosts: ['npipe://'], 'log-driver': 'json-file', 'log-opts': { 'max-size': '100m', 'max-file': '5' } }, '\n'));

  const natName = `NAT${nat.hnsId!.toUpperCase()}`;
  w.add('host/netnat.json', ps7Json({
    Name: natName, ExternalIPInterfaceAddressPrefix: null, InternalIPInterfaceAddressPrefix: nat.subnet!, IcmpQueryTimeout: 30, TcpEstablishedConnectionTimeout: 1800,
    TcpTransientConnectionTimeout: 120, TcpFilteringBehavior: 'AddressDependentFiltering', UdpFilteringBehavior: 'AddressDependentFiltering', UdpIdleSessionTimeout: 120, UdpInboundRefresh: 'False', Store: 'Local', Active: true,
  }));
  const mapping = (id: number, c: ContainerDef): Json => ({
    StaticMappingID: id, NatName: natName, Protocol: 'TCP', RemoteExternalIPAddressPrefix: '0.0.0.0/0', ExternalIPAddress: '0.0.0.0', ExternalPort: c.ports[0]!.hostPort!,
    InternalIPAddress: c.endpoints[0]!.ip, InternalPort: c.ports[0]!.containerPort, InternalRoutingDomainId: '{00000000-0000-0000-0000-000000000000}', Active: true,
  });
  w.add('host/netnat-static.json', ps7Json([mapping(0, web), mapping(1, api), mapping(2, scheduler)]));
  w.add('host/netnat-sessions.json', ps7Json([
    { NatName: natName, Protocol: 'TCP', InternalSourceAddress: '10.30.9.112', InternalSourcePort: 60311, InternalDestinationAddress: '172.26.32.3', InternalDestinationPort: 80, ExternalSourceAddress: '10.30.9.112', ExternalSourcePort: 60311, ExternalDestinationAddress: HOST_IP, ExternalDestinationPort: 80, CreationTime: COLLECTED.plus(-12_000) },
    { NatName: natName, Protocol: 'TCP', InternalSourceAddress: '10.30.9.112', InternalSourcePort: 60318, InternalDestinationAddress: '172.26.32.4', InternalDestinationPort: 8080, ExternalSourceAddress: '10.30.9.112', ExternalSourcePort: 60318, ExternalDestinationAddress: HOST_IP, ExternalDestinationPort: 8080, CreationTime: COLLECTED.plus(-11_000) },
    { NatName: natName, Protocol: 'TCP', InternalSourceAddress: '10.30.2.15', InternalSourcePort: 51877, InternalDestinationAddress: '172.26.32.5', InternalDestinationPort: 9090, ExternalSourceAddress: '10.30.2.15', ExternalSourcePort: 51877, ExternalDestinationAddress: HOST_IP, ExternalDestinationPort: 9090, CreationTime: COLLECTED.plus(-4_000) },
  ]));

  const hostMac = '94-40-C9-5E-7A-D2';
  const adapters: AdapterDef[] = [
    { name: 'Ethernet', description: 'HPE Ethernet 10/25Gb 2-port 631SFP28 Adapter', ifIndex: 6, status: 'Up', mac: hostMac },
    { name: 'Ethernet 2', description: 'HPE Ethernet 10/25Gb 2-port 631SFP28 Adapter #2', ifIndex: 8, status: 'Disconnected', mac: '94-40-C9-5E-7A-D3' },
    { name: 'vEthernet (nat)', description: 'Hyper-V Virtual Ethernet Container Adapter', ifIndex: 17, status: 'Up', mac: macDashed(mac(`${S}:vnic:nat`)) },
  ];
  w.add('host/adapters.json', ps7Json(adapters.map(adapterRecord)));
  const ips: IpDef[] = [
    { alias: 'Ethernet', index: 6, ip: HOST_IP, prefix: 23 },
    { alias: 'vEthernet (nat)', index: 17, ip: '172.26.32.1', prefix: 20 },
    { alias: 'Loopback Pseudo-Interface 1', index: 1, ip: '127.0.0.1', prefix: 8 },
    { alias: 'Ethernet', index: 6, ip: 'fe80::2c9a:71e4:5b08:d3f1%6', prefix: 64 },
    { alias: 'vEthernet (nat)', index: 17, ip: 'fe80::e1b7:4d2a:96c5:803e%17', prefix: 64 },
    { alias: 'Loopback Pseudo-Interface 1', index: 1, ip: '::1', prefix: 128 },
  ];
  w.add('host/ip-addresses.json', ps7Json(ips.map((a) => ipRecord(a, 'ps7'))));
  // One object, not an array: ConvertTo-Json of a single result.
  w.add('host/connection-profiles.json', ps7Json(connectionProfileRecord('Ethernet', 6, 'contoso.com', 'DomainAuthenticated', 'ps7')));

  const sockets: NetstatRow[] = [
    ...listenBoth(135, p('svc:RpcSs')), ...listenBoth(445, 4), ...listenBoth(5985, 4), ...listenBoth(47001, 4),
    ...listenBoth(49664, p('lsass')), ...listenBoth(49665, p('wininit')), ...listenBoth(49666, p('svc:EventLog')), ...listenBoth(49667, p('svc:Schedule')),
    ...listenBoth(49668, p('spoolsv')), ...listenBoth(49669, p('services')), listen(`${HOST_IP}:139`, 4),
    tcp(`${HOST_IP}:5985`, '10.30.2.15:59120', 'ESTABLISHED', 4),
    tcp(`${HOST_IP}:49733`, '10.30.0.10:389', 'ESTABLISHED', p('lsass')),
    udp('0.0.0.0:123', p('svc:W32Time')), udp('0.0.0.0:500', p('svc:IKEEXT')), udp('0.0.0.0:4500', p('svc:IKEEXT')), udp('0.0.0.0:5353', p('svc:Dnscache')), udp('0.0.0.0:5355', p('svc:Dnscache')),
    udp(`${HOST_IP}:137`, 4), udp(`${HOST_IP}:138`, 4), udp('[::]:123', p('svc:W32Time')), udp('[::]:500', p('svc:IKEEXT')), udp('[::]:4500', p('svc:IKEEXT')),
  ];
  const records = socketRecords(sockets, 'ps7');
  w.add('host/tcp.json', ps7Json(records.tcp));
  w.add('host/udp.json', ps7Json(records.udp));
  w.add('host/netstat.txt', renderNetstat(sockets));

  const disks: DiskDef[] = [
    { number: 0, friendlyName: 'HPE MR416i-a Gen10+', location: 'PCI Slot 12 : Bus 98 : Device 0 : Function 0 : Adapter 0 : Port 0 : Target 0 : LUN 0', path: diskPath('hpe', 'mr416i-a_gen10+', '5&36a4b0f1&0&000000'), busType: 'RAID', size: 959_119_884_288, driveLetters: ['C'], serialNumber: '00ab27c41e9d3f5a2b00c6d2e4f60a1b' },
    ...processIsolated.map(([c], i): DiskDef => ({ number: i + 1, friendlyName: 'Msft Virtual Disk', location: `${ROOT}\\windowsfilter\\${c.id}\\sandbox.vhdx`, path: diskPath('msft', 'virtual_disk', `2&1f4adffe&0&00000${i + 1}`), busType: 'File Backed Virtual', size: 21_474_836_480, driveLetters: [] })),
  ];
  w.add('host/disks.json', ps7Json(disks.map((d) => diskRecord(d, 'ps7'))));
  w.add('host/vhds.json', ps7Json(processIsolated.map(([c], i) => ({
    ComputerName: HOST, Path: `${ROOT}\\windowsfilter\\${c.id}\\sandbox.vhdx`, VhdFormat: 'VHDX', VhdType: 'Dynamic', FileSize: 243_269_632 + i * 16_777_216, Size: 21_474_836_480,
    MinimumSize: 21_474_836_480, LogicalSectorSize: 512, PhysicalSectorSize: 4096, BlockSize: 1_048_576, ParentPath: '', DiskIdentifier: guid(`${S}:vhd:${c.name}`).toUpperCase(),
    FragmentationPercentage: null, Alignment: 1, Attached: true, DiskNumber: i + 1, IsPMEMCompatible: false, AddressAbstractionType: 'None', Number: null,
  }))));

  const rules = [
    ...builtInRules({ hyperV: true, desktop: false }),
    // Hyper-V isolated containers get no host rules: the administrator allowed the scheduler's metrics port.
    customRule({ name: '{4E7B2C9A-1D3F-4A6E-8B0C-5F2D7E9A3C18}', displayName: 'Scheduler metrics (TCP 9090)', protocol: 'TCP', localPort: '9090', profiles: ['Domain', 'Private'] }),
    ...hnsNetworkRules(nat.hnsId!, 'vEthernet (nat)'),
    ...processIsolated.flatMap(([c]) => containerEndpointRules(guid(`${S}:hns-ep:${c.name}`), subnetWithMask(nat.subnet!), c.ports.filter((x) => x.hostPort !== undefined))),
  ];
  // PowerShell 7 Out-File -Encoding utf8BOM.
  w.add('host/firewall-rules.json', ps7Json(rules.map(ruleAsNames)), 'utf-8-bom');
  w.add('host/firewall-profiles.json', ps7Json((['Domain', 'Private', 'Public'] as const).map((name) => firewallProfileRecord({ name, enabled: true, defaultInbound: 'NotConfigured', defaultOutbound: 'NotConfigured', allowLocalRules: 'NotConfigured' }, 'ps7'))));

  w.add('host/hns-networks.json', ps7Json({
    ActivityId: guid(`${S}:activity:nat`).toUpperCase(), AdditionalParams: {}, CurrentEndpointCount: 4, DNSServerList: '10.30.0.10,10.30.0.11',
    Extensions: [
      { Id: 'E7C3B2F0-F3C5-48DF-AF2B-10FED6D72E7A', IsEnabled: false, Name: 'Microsoft Windows Filtering Platform' },
      { Id: 'F74F241B-440F-4433-BB28-00F89EAD20D8', IsEnabled: true, Name: 'Microsoft Azure VFP Switch Filter Extension' },
      { Id: '430BDADD-BAB0-41AB-A369-94B67FA5BE0A', IsEnabled: true, Name: 'Microsoft NDIS Capture' },
    ],
    Flags: 8, Health: { LastErrorCode: 0, LastUpdateTime: 133_769_858_710_000_000 }, ID: nat.hnsId!.toUpperCase(), IPv6: false, LayeredOn: guid(`${S}:switch:nat`).toUpperCase(),
    MacPools: [{ EndMacAddress: '00-15-5D-D3-AF-FF', StartMacAddress: '00-15-5D-D3-A0-00' }], MaxConcurrentEndpoints: 4, Name: 'nat', Policies: [], State: 1,
    Subnets: [{ AdditionalParams: {}, AddressPrefix: nat.subnet!, GatewayAddress: nat.gateway!, Health: { LastErrorCode: 0, LastUpdateTime: 133_769_858_710_000_000 }, ID: guid(`${S}:subnet:nat`).toUpperCase(), ObjectType: 5, Policies: [], State: 0 }],
    TotalEndpoints: 4, Type: 'NAT', Version: 64424509440,
  }));
  w.probe('host.hns.endpoints', 'unsupported', 'Get-HnsEndpoint is not available: the HNS module is not installed');
  // Captured with `hcsdiag list > hcsdiag.txt` in Windows PowerShell 5.1: UTF-16LE with BOM.
  w.add('host/hcsdiag.txt', renderHcsdiag([
    ...processIsolated.map(([c]) => ({ id: c.id, type: 'Container' as const, state: 'Running' as const, guid: guid(`${S}:hcs:${c.name}`), owner: 'docker' })),
    { id: scheduler.id, type: 'VM', state: 'Running', guid: vmGuid, owner: 'docker' },
  ]), 'utf-16le-bom');

  // ---- inside the containers ------------------------------------------------------------------
  const inside = (procs: readonly ContainerProcess[], role: string): number => procs.find((x) => x.role === role)!.pid;
  const system = (procs: readonly ContainerProcess[]): NetstatRow[] => [...listenBoth(135, inside(procs, 'svc:RPCSS')), ...listenBoth(49664, inside(procs, 'lsass')), ...listenBoth(49665, inside(procs, 'wininit'))];
  w.add(`containers/${web.id}/netstat.txt`, renderNetstat([...listenBoth(80, 4), ...system(webProcs), ...listenBoth(445, 4), tcp('172.26.32.3:80', '10.30.9.112:60311', 'ESTABLISHED', 4)]));
  // Kestrel binds one dual-stack socket.
  w.add(`containers/${api.id}/netstat.txt`, renderNetstat([listen('[::]:8080', mainPid(apiProcs)), ...system(apiProcs), tcp('172.26.32.4:50331', '172.26.32.2:5672', 'ESTABLISHED', mainPid(apiProcs))]));
  w.add(`containers/${queue.id}/netstat.txt`, renderNetstat([
    ...listenBoth(5672, mainPid(queueProcs)), listen('0.0.0.0:15672', mainPid(queueProcs)), listen('0.0.0.0:25672', mainPid(queueProcs)), ...listenBoth(4369, inside(queueProcs, 'epmd')),
    ...system(queueProcs), tcp('172.26.32.2:5672', '172.26.32.4:50331', 'ESTABLISHED', mainPid(queueProcs)),
  ]));
  w.add(`containers/${scheduler.id}/netstat.txt`, renderNetstat([...listenBoth(9090, 4), ...system(schedulerProcs), ...listenBoth(445, 4), tcp('172.26.32.5:50114', '172.26.32.2:5672', 'ESTABLISHED', mainPid(schedulerProcs))]));
  // ---- bundle 1.1: routes, interfaces, DNS, vSwitch, services, events, proxy, updates, reserved ports ----------
  const interfaces: InterfaceDef[] = [
    { alias: 'Ethernet', index: 6, metric: 5, dns: ['10.30.0.10', '10.30.0.11'], siteLocalDns6: true },
    { alias: 'Ethernet 2', index: 8, metric: 5, connected: false, siteLocalDns6: true },
    { alias: 'vEthernet (nat)', index: 17, metric: 5000 },
    LOOPBACK_INTERFACE,
  ];
  w.add('host/routes.json', ps7Json(routeRecords(interfaces, ips, [{ prefix: '0.0.0.0/0', nextHop: '10.30.8.1', alias: 'Ethernet', index: 6, metric: 0, protocol: 'NetMgmt' }], 'ps7')));
  w.add('host/ip-interfaces.json', ps7Json(ipInterfaceRecords(interfaces, 'ps7')));
  w.add('host/dns-servers.json', ps7Json(dnsServerRecords(interfaces, 'ps7')));
  // One switch: ConvertTo-Json writes one object. Its id is the LayeredOn of the HNS network.
  w.add('host/vmswitches.json', ps7Json(vmSwitchRecord({ name: 'nat', id: guid(`${S}:switch:nat`), type: 'Internal' }, 'ps7')));
  w.add('host/services.json', ps7Json(serviceRecords(healthyServices({ docker: p('dockerd'), hns: p('svc:hns'), vmcompute: p('vmcompute'), nvagent: p('svc:nvagent') }))));
  // A quiet week: the engine's own start-up lines and HNS creating the endpoints after the boot; no errors.
  w.add('host/events.json', ps7Json(eventRecords([
    dockerEvent(BOOT.plus(19_900), 4, 'Starting up'),
    dockerEvent(BOOT.plus(24_300), 4, 'Loading containers: done.'),
    dockerEvent(BOOT.plus(84_100), 4, 'Daemon has completed initialization'),
    dockerEvent(BOOT.plus(84_400), 4, 'API listen on //./pipe/docker_engine'),
    ...containers.map((c, i) => ({ at: started[c.name as keyof typeof started].plus(-900 - i), log: HNS_ADMIN, provider: HNS_PROVIDER, id: 1054, level: 4 as const, message: `Endpoint ${guid(`${S}:hns-ep:${c.name}`).toUpperCase()} was created on network ${nat.hnsId!.toUpperCase()} (nat).` })),
  ])));
  w.add('host/proxy.json', ps7Json(noProxy()));
  w.add('host/hotfixes.json', ps7Json(hotfixRecords([['KB5042881', When.at('2026-11-18T23:00:00Z', TZ)], ['KB5012170', When.at('2024-09-14T22:00:00Z', TZ)]])));
  w.add('host/computer.json', ps7Json(computerRecord('HPE', 'ProLiant DL380 Gen10 Plus', true, 'contoso.com')));
  // netsh run through Windows PowerShell `>`, like hcsdiag: UTF-16LE with BOM.
  w.add('host/excludedports.txt', renderExcludedPorts({
    tcp4: [{ start: 49743, end: 49842 }, { start: 49843, end: 49942 }, { start: 50000, end: 50059, administered: true }],
    udp4: [],
    tcp6: [{ start: 49743, end: 49842 }, { start: 50000, end: 50059, administered: true }],
    dynamicTcp: DEFAULT_DYNAMIC,
    dynamicUdp: DEFAULT_DYNAMIC,
  }), 'utf-16le-bom');
  for (const c of containers) {
    const files = containerDnsFiles(c, { dns: ['10.30.0.10', '10.30.0.11'], suffix: 'contoso.com' });
    w.add(`containers/${c.id}/ipconfig.txt`, files.ipconfig, 'utf-16le-bom');
    w.add(`containers/${c.id}/hosts.txt`, files.hosts, 'utf-16le-bom');
  }
  return w.finish();
}
