// Windows Server 2022 Standard (Server Core), Docker Engine 27. Healthy, and the case the knowledge notes
// (section 10) correct: WinNAT shows nothing (no NAT, no static mappings) while every published port works,
// because Docker's port bindings live as NAT policies on the containers' HNS endpoints. Collected by the 1.1
// collector in Windows PowerShell 5.1 (no PowerShell 7 on this host): enum names by [string] casts, but 5.1's
// JSON (two spaces after the colon, \/Date(ms)\/, empty arrays over two lines), UTF-8 with BOM from Out-File,
// UTF-16LE with BOM for console text redirected with `>`.
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
import {
  computerRecord, containerDnsFiles, DEFAULT_DYNAMIC, dnsServerRecords, dockerEvent, eventRecords, healthyServices, HNS_ADMIN, HNS_PROVIDER, hotfixRecords, ipInterfaceRecords,
  LOOPBACK_INTERFACE, noProxy, renderExcludedPorts, routeRecords, serviceRecords, vmSwitchRecord,
} from '../lib/host-network';
import type { InterfaceDef } from '../lib/host-network';
import { adapterRecord, connectionProfileRecord, diskPath, diskRecord, firewallProfileRecord, ipRecord, processRecord, socketRecords } from '../lib/host-records';
import type { AdapterDef, DiskDef, IpDef } from '../lib/host-records';
import { guid, hex64, mac, macDashed } from '../lib/ids';
import { dockerApiJson, dockerCliJson, ps51Json } from '../lib/json';
import type { Json } from '../lib/json';
import { listen, listenBoth, renderHcsdiag, renderNetstat, tcp, udp } from '../lib/text-probes';
import type { NetstatRow } from '../lib/text-probes';
import { When } from '../lib/when';

export const NAME = 'server2022-hns-nat';
const S = NAME;
const TZ = 60;
const HOST = 'SRV2022-WEB07';
const HOST_IP = '10.40.12.25';
const CLIENT = '10.40.30.71';
const ROOT = 'C:\\ProgramData\\docker';
const BOOT = When.at('2026-11-28T02:14:09.000Z', TZ);
const COLLECTED = When.at('2026-12-02T15:22:40.000Z', TZ);
const DNS = ['10.40.0.10', '10.40.0.11'];

export function build(): readonly SampleFile[] {
  const w = new BundleWriter(S, { collectedAt: '2026-12-02T15:22:40Z', collector: { name: 'collect.ps1', version: '1.1.0' }, computerName: HOST });
  // Windows PowerShell 5.1 `Out-File -Encoding utf8`.
  const out = (path: string, value: Json): void => w.add(path, ps51Json(value), 'utf-8-bom');

  const nat: NetworkDef = {
    name: 'nat', id: hex64(`${S}:net:nat`), driver: 'nat', scope: 'local', created: When.at('2026-11-28T02:15:02.5120844Z', TZ), ipamDriver: 'windows',
    subnet: '172.29.16.0/20', gateway: '172.29.16.1', hnsId: guid(`${S}:hns:nat`), extraOptions: { 'com.docker.network.windowsshim.networkname': 'nat' },
  };
  const none: NetworkDef = { name: 'none', id: hex64(`${S}:net:none`), driver: 'null', scope: 'local', created: When.at('2026-11-28T02:15:02.4409713Z', TZ), ipamDriver: 'windows' };
  const ep = (ip: string, who: string): EndpointDef => ({ network: nat, ip, mac: mac(`${S}:${who}`), endpointId: hex64(`${S}:ep:${who}`) });

  // ---- containers -----------------------------------------------------------------------------
  const started = { cache: BOOT.plus(70_204), proxy: BOOT.plus(72_811), catalog: BOOT.plus(75_390), reporting: BOOT.plus(79_946) };
  const cacheProcs = containerProcesses({
    seed: `${S}:procs:cache`, base: 'servercore', firstPid: 3308, startedAt: started.cache,
    apps: [{ exe: 'redis-server.exe', commandLine: 'C:\\redis\\redis-server.exe C:\\redis\\redis.windows.conf', workingSetMb: 96.7, cpuMs: 51_302, role: 'app' }],
  });
  const proxyProcs = containerProcesses({
    seed: `${S}:procs:proxy`, base: 'servercore', firstPid: 3912, startedAt: started.proxy,
    apps: [
      { exe: 'nginx.exe', commandLine: 'nginx.exe -g "daemon off;"', workingSetMb: 8.4, cpuMs: 2_113, role: 'app' },
      { exe: 'nginx.exe', commandLine: 'nginx.exe -g "daemon off;"', workingSetMb: 14.9, cpuMs: 40_766, role: 'worker', parent: 'app' },
    ],
  });
  const catalogProcs = containerProcesses({
    seed: `${S}:procs:catalog`, base: 'nanoserver', firstPid: 4620, startedAt: started.catalog,
    apps: [{ exe: 'dotnet.exe', commandLine: 'dotnet Contoso.Catalog.dll', workingSetMb: 152.3, cpuMs: 97_410, role: 'app' }],
  });

  const vmGuid = guid(`${S}:uvm:reporting`).toUpperCase();
  const specs: ProcSpec[] = [
    ...windowsBaseline({ build: 20348, desktop: false, splitSvchost: true, userSession: 1, rdp: false }),
    { name: 'vmcompute', session: 0, path: 'C:\\Windows\\system32\\vmcompute.exe', commandLine: 'C:\\Windows\\system32\\vmcompute.exe', roles: ['vmcompute'], parentRole: 'services', startS: 6.5, workingSetMb: 15.8 },
    { name: 'vmms', session: 0, path: 'C:\\Windows\\system32\\vmms.exe', commandLine: 'C:\\Windows\\system32\\vmms.exe', parentRole: 'services', startS: 7.0, workingSetMb: 26.4 },
    { name: 'dockerd', session: 0, path: 'C:\\Program Files\\docker\\dockerd.exe', commandLine: '"C:\\Program Files\\docker\\dockerd.exe" --run-service', roles: ['dockerd'], parentRole: 'services', startS: 18.8, workingSetMb: 101.3 },
    { name: 'vmwp', session: 0, path: 'C:\\Windows\\System32\\vmwp.exe', commandLine: `"C:\\Windows\\System32\\vmwp.exe" ${vmGuid} 0xa1c`, roles: ['vmwp:reporting'], parentRole: 'vmcompute', startS: 80.2, workingSetMb: 23.9 },
    { name: 'vmmem', session: 0, path: null, commandLine: null, roles: ['vmmem:reporting'], startS: 80.4, workingSetMb: 2_311 },
    { name: 'powershell', session: 1, path: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', commandLine: '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" -NoProfile -ExecutionPolicy Bypass -File C:\\Tools\\hostscope\\collect.ps1 -OutputPath C:\\Tools\\hostscope\\out', parentRole: 'shell', startS: (COLLECTED.utcMs - BOOT.utcMs) / 1000 - 58, workingSetMb: 83.6 },
    ...asHostProcesses(cacheProcs, 2, BOOT, 'cache'),
    ...asHostProcesses(proxyProcs, 3, BOOT, 'proxy'),
    ...asHostProcesses(catalogProcs, 4, BOOT, 'catalog'),
  ];
  const host = allocate(specs, BOOT, `${S}:host`);
  const p = (role: string): number => host.pid(role);
  // The utility VM's PIDs are its own; its main process shares a number with the host's WMI provider host.
  const collidingPid = p('wmiprvse');
  const reportingProcs = containerProcesses({
    seed: `${S}:procs:reporting`, base: 'servercore', firstPid: 1208, startedAt: started.reporting,
    avoid: new Set(host.list.map((x) => x.pid).filter((x) => x !== collidingPid)),
    apps: [{ exe: 'Contoso.Reporting.exe', commandLine: 'C:\\reporting\\Contoso.Reporting.exe --urls https://+:9443/', workingSetMb: 211.8, cpuMs: 66_020, pid: collidingPid, role: 'app' }],
  });

  const mainPid = (procs: readonly ContainerProcess[]): number => procs.find((x) => x.role === 'app')!.pid;
  // Engines from 26.1 write NetworkMode "nat" for the default network (knowledge notes section 9).
  const base = { dataRoot: ROOT, restartPolicy: 'unless-stopped' as const, networkMode: 'nat', labels: {} };
  const proxy: ContainerDef = {
    ...base, id: hex64(`${S}:ctr:proxy`), name: 'proxy', image: 'registry.contoso.com/edge/nginx:1.27-ltsc2022', imageId: `sha256:${hex64(`${S}:img:nginx`)}`, isolation: 'process', state: 'running',
    created: When.at('2026-10-14T09:02:51.3302197Z', TZ), startedAt: started.proxy, endpoints: [ep('172.29.16.2', 'proxy')],
    ports: [{ containerPort: 80, protocol: 'tcp', hostPort: 80, hostIp: '' }, { containerPort: 443, protocol: 'tcp', hostPort: 443, hostIp: '' }],
    mounts: [{ type: 'bind', source: 'C:\\edge\\conf', destination: 'C:\\nginx\\conf', readOnly: true }, { type: 'bind', source: 'C:\\edge\\certs', destination: 'C:\\nginx\\certs', readOnly: true }],
    envNames: ['NGINX_VERSION'], entrypoint: ['nginx.exe'], cmd: ['-g', 'daemon off;'], workingDir: 'C:\\nginx', pid: mainPid(proxyProcs), sandboxId: hex64(`${S}:sandbox:proxy`),
  };
  const catalog: ContainerDef = {
    ...base, id: hex64(`${S}:ctr:catalog`), name: 'catalog', image: 'registry.contoso.com/shop/catalog:3.4.2', imageId: `sha256:${hex64(`${S}:img:catalog`)}`, isolation: 'process', state: 'running',
    created: When.at('2026-11-20T13:45:09.8823017Z', TZ), startedAt: started.catalog, endpoints: [ep('172.29.16.3', 'catalog')], ports: [{ containerPort: 8080, protocol: 'tcp', hostPort: 8080, hostIp: '' }],
    mounts: [{ type: 'volume', name: 'catalog-logs', source: `${ROOT}\\volumes\\catalog-logs\\_data`, destination: 'C:\\app\\logs' }],
    envNames: ['ASPNETCORE_HTTP_PORTS', 'DOTNET_RUNNING_IN_CONTAINER', 'CACHE_HOST'], user: 'ContainerUser', workingDir: 'C:\\app',
    entrypoint: ['dotnet', 'Contoso.Catalog.dll'], cmd: null, pid: mainPid(catalogProcs), sandboxId: hex64(`${S}:sandbox:catalog`),
  };
  const cache: ContainerDef = {
    ...base, id: hex64(`${S}:ctr:cache`), name: 'cache', image: 'registry.contoso.com/infra/redis:7.2-ltsc2022', imageId: `sha256:${hex64(`${S}:img:redis`)}`, isolation: 'process', state: 'running',
    created: When.at('2026-10-14T09:01:12.0457730Z', TZ), startedAt: started.cache, endpoints: [ep('172.29.16.5', 'cache')], ports: [{ containerPort: 6379, protocol: 'tcp' }],
    mounts: [{ type: 'volume', name: 'cache-data', source: `${ROOT}\\volumes\\cache-data\\_data`, destination: 'C:\\data' }],
    envNames: ['REDIS_VERSION'], entrypoint: ['C:\\redis\\redis-server.exe'], cmd: ['C:\\redis\\redis.windows.conf'], pid: mainPid(cacheProcs), sandboxId: hex64(`${S}:sandbox:cache`),
  };
  const reporting: ContainerDef = {
    ...base, id: hex64(`${S}:ctr:reporting`), name: 'reporting', image: 'registry.contoso.com/bi/reporting:5.0.1', imageId: `sha256:${hex64(`${S}:img:reporting`)}`, isolation: 'hyperv', state: 'running',
    created: When.at('2026-11-21T08:30:40.1175289Z', TZ), startedAt: started.reporting, endpoints: [ep('172.29.16.4', 'reporting')], ports: [{ containerPort: 9443, protocol: 'tcp', hostPort: 9443, hostIp: '' }],
    mounts: [{ type: 'bind', source: 'C:\\reports\\out', destination: 'C:\\out' }], envNames: ['REPORTS_DB', 'TZ'], memory: 4_294_967_296,
    entrypoint: ['C:\\reporting\\Contoso.Reporting.exe'], cmd: ['--urls', 'https://+:9443/'], pid: mainPid(reportingProcs), sandboxId: hex64(`${S}:sandbox:reporting`),
  };
  const containers = [cache, proxy, catalog, reporting];
  const processIsolated: [ContainerDef, readonly ContainerProcess[]][] = [[cache, cacheProcs], [proxy, proxyProcs], [catalog, catalogProcs]];

  // ---- docker/* -------------------------------------------------------------------------------
  const engine: EngineDef = {
    platformName: 'Docker Engine - Community', version: '27.3.1', apiVersion: '1.47', minApiVersion: '1.24', gitCommit: '41ca978', goVersion: 'go1.22.7',
    buildTime: '2024-09-20T11:41:19.000000000+00:00', kernelVersion: '10.0 20348 (20348.1.amd64fre.fe_release.210507-1500)',
    operatingSystem: 'Microsoft Windows Server Version 21H2 (OS Build 20348.3091)', id: '2f9d41c7-8a3e-4b6d-9e10-5c7a3b1d8f24',
    name: HOST, dataRoot: ROOT, ncpu: 32, memTotal: 274_810_515_456, containers: { running: 4, stopped: 0 }, images: 9, isolation: 'process', swarm: SWARM_INACTIVE,
  };
  w.add('docker/version.json', dockerApiJson(versionBody(engine)));
  w.add('docker/info.json', dockerApiJson(infoBody(engine)));
  w.add('docker/containers.json', dockerCliJson(containers.map(inspectContainer)));
  w.add('docker/images.json', dockerApiJson(inspectImages(containers, {
    'registry.contoso.com/edge/nginx:1.27-ltsc2022': '10.0.20348.3091',
    'registry.contoso.com/shop/catalog:3.4.2': '10.0.20348.2966',
    'registry.contoso.com/infra/redis:7.2-ltsc2022': '10.0.20348.3091',
    'registry.contoso.com/bi/reporting:5.0.1': '10.0.20348.2849',
  }, ROOT)));
  w.add('docker/networks.json', dockerCliJson([nat, none].map((n) => inspectNetwork(n, containers))));
  w.add('docker/volumes.json', dockerApiJson({ Volumes: ['cache-data', 'catalog-logs'].map((v) => ({ CreatedAt: '2026-10-14T10:01:12+01:00', Driver: 'local', Labels: null, Mountpoint: `${ROOT}\\volumes\\${v}\\_data`, Name: v, Options: null, Scope: 'local' })), Warnings: null }));
  for (const [c, procs] of [...processIsolated, [reporting, reportingProcs] as [ContainerDef, readonly ContainerProcess[]]]) w.add(`docker/top/${c.id}.json`, dockerApiJson(topBody(procs)));
  w.probe('docker.swarm', 'skipped', 'swarm is not active on this node (Swarm.LocalNodeState "inactive")');

  // ---- host: OS, processes, engine ------------------------------------------------------------
  out('host/os.json', {
    ComputerName: HOST, Caption: 'Microsoft Windows Server 2022 Standard', Version: '10.0.20348', BuildNumber: '20348', UBR: 3091,
    EditionID: 'ServerStandard', InstallationType: 'Server Core', PSVersion: '5.1.20348.2849',
    Features: ['FileAndStorage-Services', 'Storage-Services', 'Hyper-V', 'NET-Framework-45-Features', 'NET-Framework-45-Core', 'NET-WCF-Services45', 'NET-WCF-TCP-PortSharing45', 'Containers', 'RSAT', 'RSAT-Role-Tools', 'RSAT-Hyper-V-Tools', 'Hyper-V-PowerShell', 'System-DataArchiver', 'Windows-Defender', 'PowerShellRoot', 'PowerShell', 'WoW64-Support'],
  });
  out('host/processes.json', host.list.map((x) => processRecord(x, 'ps51', true)));
  out('host/docker-service.json', { Name: 'docker', State: 'Running', StartMode: 'Auto', PathName: '"C:\\Program Files\\docker\\dockerd.exe" --run-service' });
  // No daemon.json: the engine runs on its defaults. The probe reports `ok` with no file (a fact, not a gap).
  w.ranWithoutFiles('host.docker.config');

  // ---- WinNAT: empty on this build while NAT works (knowledge notes section 10, catalogue entry 42) ---------
  out('host/netnat.json', []);
  out('host/netnat-static.json', []);
  out('host/netnat-sessions.json', []);

  // ---- adapters, addresses, profiles, sockets -------------------------------------------------
  const vnicIndex = 14;
  const adapters: AdapterDef[] = [
    { name: 'Ethernet', description: 'Intel(R) Ethernet Network Adapter E810-XXV-2', ifIndex: 4, status: 'Up', mac: '6C-FE-54-3A-91-0C' },
    { name: 'Ethernet 2', description: 'Intel(R) Ethernet Network Adapter E810-XXV-2 #2', ifIndex: 7, status: 'Disconnected', mac: '6C-FE-54-3A-91-0D' },
    { name: 'vEthernet (nat)', description: 'Hyper-V Virtual Ethernet Container Adapter', ifIndex: vnicIndex, status: 'Up', mac: macDashed(mac(`${S}:vnic:nat`)) },
  ];
  out('host/adapters.json', adapters.map(adapterRecord));
  const ips: IpDef[] = [
    { alias: 'Ethernet', index: 4, ip: HOST_IP, prefix: 24 },
    { alias: 'vEthernet (nat)', index: vnicIndex, ip: nat.gateway!, prefix: 20 },
    { alias: 'Loopback Pseudo-Interface 1', index: 1, ip: '127.0.0.1', prefix: 8 },
    { alias: 'Ethernet', index: 4, ip: 'fe80::91c3:2e7a:4d05:b86f%4', prefix: 64 },
    { alias: 'vEthernet (nat)', index: vnicIndex, ip: 'fe80::5a0e:c41d:7b93:2f68%14', prefix: 64 },
    { alias: 'Loopback Pseudo-Interface 1', index: 1, ip: '::1', prefix: 128 },
  ];
  out('host/ip-addresses.json', ips.map((a) => ipRecord(a, 'ps7')));
  out('host/connection-profiles.json', connectionProfileRecord('Ethernet', 4, 'contoso.com', 'DomainAuthenticated', 'ps7'));

  const sockets: NetstatRow[] = [
    ...listenBoth(135, p('svc:RpcSs')), ...listenBoth(445, 4), ...listenBoth(5985, 4), ...listenBoth(47001, 4),
    ...listenBoth(49664, p('lsass')), ...listenBoth(49665, p('wininit')), ...listenBoth(49666, p('svc:EventLog')), ...listenBoth(49667, p('svc:Schedule')),
    ...listenBoth(49668, p('spoolsv')), ...listenBoth(49669, p('services')), listen(`${HOST_IP}:139`, 4),
    tcp(`${HOST_IP}:5985`, '10.40.2.9:61207', 'ESTABLISHED', 4),
    tcp(`${HOST_IP}:49702`, '10.40.0.10:389', 'ESTABLISHED', p('lsass')),
    udp('0.0.0.0:123', p('svc:W32Time')), udp('0.0.0.0:500', p('svc:IKEEXT')), udp('0.0.0.0:4500', p('svc:IKEEXT')), udp('0.0.0.0:5353', p('svc:Dnscache')), udp('0.0.0.0:5355', p('svc:Dnscache')),
    udp(`${HOST_IP}:137`, 4), udp(`${HOST_IP}:138`, 4), udp('[::]:123', p('svc:W32Time')), udp('[::]:500', p('svc:IKEEXT')), udp('[::]:4500', p('svc:IKEEXT')),
  ];
  // NAT-forwarded connections to 80, 443, 8080 and 9443 show in no host socket table (knowledge notes section 10).
  const records = socketRecords(sockets, 'ps7');
  out('host/tcp.json', records.tcp);
  out('host/udp.json', records.udp);
  w.probe('host.netstat', 'skipped', 'not needed: Get-NetTCPConnection answered');

  const disks: DiskDef[] = [
    { number: 0, friendlyName: 'ThinkSystem RAID 940-8i', location: 'PCI Slot 3 : Bus 75 : Device 0 : Function 0 : Adapter 0 : Port 0 : Target 0 : LUN 0', path: diskPath('lenovo', 'raid_940-8i', '5&2b8e41c0&0&000000'), busType: 'RAID', size: 1_919_850_381_312, driveLetters: ['C'], serialNumber: '0071f5c2a9e3b4d60b2c8e17a4f9d3e2' },
    ...processIsolated.map(([c], i): DiskDef => ({ number: i + 1, friendlyName: 'Msft Virtual Disk', location: `${ROOT}\\windowsfilter\\${c.id}\\sandbox.vhdx`, path: diskPath('msft', 'virtual_disk', `2&1f4adffe&0&00000${i + 1}`), busType: 'File Backed Virtual', size: 21_474_836_480, driveLetters: [] })),
  ];
  out('host/disks.json', disks.map((d) => diskRecord(d, 'ps7')));
  out('host/vhds.json', processIsolated.map(([c], i) => ({
    ComputerName: HOST, Path: `${ROOT}\\windowsfilter\\${c.id}\\sandbox.vhdx`, VhdFormat: 'VHDX', VhdType: 'Dynamic', FileSize: 228_589_568 + i * 12_582_912, Size: 21_474_836_480,
    MinimumSize: 21_474_836_480, LogicalSectorSize: 512, PhysicalSectorSize: 4096, BlockSize: 1_048_576, ParentPath: '', DiskIdentifier: guid(`${S}:vhd:${c.name}`).toUpperCase(),
    FragmentationPercentage: null, Alignment: 1, Attached: true, DiskNumber: i + 1, IsPMEMCompatible: false, AddressAbstractionType: 'None', Number: null,
  })));

  // ---- firewall: defaults; HNS's rules for the process-isolated containers, an admin's for the Hyper-V one -----
  const hnsEndpointId = (c: ContainerDef): string => guid(`${S}:hns-ep:${c.name}`);
  const rules = [
    ...builtInRules({ hyperV: true, desktop: false }),
    customRule({ name: '{8B2E4C71-5D9A-4F3E-A6B0-2C7D1E9F4A53}', displayName: 'Reporting (TCP 9443)', protocol: 'TCP', localPort: '9443', profiles: ['Domain', 'Private'] }),
    ...hnsNetworkRules(nat.hnsId!, 'vEthernet (nat)'),
    ...processIsolated.flatMap(([c]) => containerEndpointRules(hnsEndpointId(c), subnetWithMask(nat.subnet!), c.ports.filter((x) => x.hostPort !== undefined))),
  ];
  out('host/firewall-rules.json', rules.map(ruleAsNames));
  out('host/firewall-profiles.json', (['Domain', 'Private', 'Public'] as const).map((name) => firewallProfileRecord({ name, enabled: true, defaultInbound: 'NotConfigured', defaultOutbound: 'NotConfigured', allowLocalRules: 'NotConfigured' }, 'ps7')));

  // ---- HNS: the published ports, as NAT policies on each endpoint ----------------------------
  const switchId = guid(`${S}:switch:nat`);
  const natName = `NAT${nat.hnsId!.toUpperCase()}`;
  out('host/hns-networks.json', {
    ActivityId: guid(`${S}:activity:nat`).toUpperCase(), AdditionalParams: {}, CurrentEndpointCount: containers.length, DNSServerList: DNS.join(','),
    Extensions: [
      { Id: 'E7C3B2F0-F3C5-48DF-AF2B-10FED6D72E7A', IsEnabled: false, Name: 'Microsoft Windows Filtering Platform' },
      { Id: 'F74F241B-440F-4433-BB28-00F89EAD20D8', IsEnabled: true, Name: 'Microsoft Azure VFP Switch Filter Extension' },
      { Id: '430BDADD-BAB0-41AB-A369-94B67FA5BE0A', IsEnabled: true, Name: 'Microsoft NDIS Capture' },
    ],
    Flags: 8, Health: { LastErrorCode: 0, LastUpdateTime: 133_774_131_020_000_000 }, ID: nat.hnsId!.toUpperCase(), IPv6: false, LayeredOn: switchId.toUpperCase(),
    MacPools: [{ EndMacAddress: '00-15-5D-7E-2F-FF', StartMacAddress: '00-15-5D-7E-20-00' }], MaxConcurrentEndpoints: containers.length, Name: 'nat', NatName: natName, Policies: [], State: 1,
    Subnets: [{ AdditionalParams: {}, AddressPrefix: nat.subnet!, GatewayAddress: nat.gateway!, Health: { LastErrorCode: 0, LastUpdateTime: 133_774_131_020_000_000 }, ID: guid(`${S}:subnet:nat`).toUpperCase(), ObjectType: 5, Policies: [], State: 0 }],
    TotalEndpoints: containers.length, Type: 'NAT', Version: 64424509440,
  });
  out('host/hns-endpoints.json', containers.map((c) => ({
    ID: hnsEndpointId(c).toUpperCase(), Name: c.endpoints[0]!.endpointId, Version: 64424509440, AdditionalParams: {},
    Resources: { AdditionalParams: {}, AllocationOrder: 3, ID: guid(`${S}:res:${c.name}`).toUpperCase(), PortOperationTime: 0, State: 1, SwitchOperationTime: 0, VfpOperationTime: 0, parentId: switchId.toUpperCase() },
    State: 3, VirtualNetwork: nat.hnsId!.toUpperCase(), VirtualNetworkName: 'nat',
    // Docker's port bindings as the engine hands them to HNS (moby ConvertPortBindings), host port reserved.
    Policies: c.ports.filter((x) => x.hostPort !== undefined).map((x) => ({ ExternalPort: x.hostPort!, ExternalPortReserved: true, InternalPort: x.containerPort, Protocol: x.protocol, Type: 'NAT' })),
    MacAddress: macDashed(c.endpoints[0]!.mac), IPAddress: c.endpoints[0]!.ip, PrefixLength: 20, GatewayAddress: nat.gateway!,
    IPSubnetId: guid(`${S}:subnet:nat`).toUpperCase(), DNSServerList: DNS.join(','), DNSSuffix: 'contoso.com', SharedContainers: [c.id], Type: 'NAT',
  })));
  w.add('host/hcsdiag.txt', renderHcsdiag([
    ...processIsolated.map(([c]) => ({ id: c.id, type: 'Container' as const, state: 'Running' as const, guid: guid(`${S}:hcs:${c.name}`), owner: 'docker' })),
    { id: reporting.id, type: 'VM', state: 'Running', guid: vmGuid, owner: 'docker' },
  ]), 'utf-16le-bom');

  // ---- bundle 1.1: routes, interfaces, DNS, vSwitch, services, events, proxy, updates, reserved ports ----------
  const interfaces: InterfaceDef[] = [
    { alias: 'Ethernet', index: 4, metric: 5, dns: DNS, siteLocalDns6: true },
    { alias: 'Ethernet 2', index: 7, metric: 5, connected: false, siteLocalDns6: true },
    { alias: 'vEthernet (nat)', index: vnicIndex, metric: 5000 },
    LOOPBACK_INTERFACE,
  ];
  out('host/routes.json', routeRecords(interfaces, ips, [{ prefix: '0.0.0.0/0', nextHop: '10.40.12.1', alias: 'Ethernet', index: 4, metric: 0, protocol: 'NetMgmt' }], 'ps7'));
  out('host/ip-interfaces.json', ipInterfaceRecords(interfaces, 'ps7'));
  out('host/dns-servers.json', dnsServerRecords(interfaces, 'ps7'));
  out('host/vmswitches.json', vmSwitchRecord({ name: 'nat', id: switchId, type: 'Internal' }, 'ps7'));
  out('host/services.json', serviceRecords(healthyServices({ docker: p('dockerd'), hns: p('svc:hns'), vmcompute: p('vmcompute'), nvagent: p('svc:nvagent') })));
  out('host/events.json', eventRecords([
    dockerEvent(BOOT.plus(19_300), 4, 'Starting up'),
    dockerEvent(BOOT.plus(61_800), 4, 'Loading containers: done.'),
    dockerEvent(BOOT.plus(81_200), 4, 'Daemon has completed initialization'),
    dockerEvent(BOOT.plus(81_500), 4, 'API listen on //./pipe/docker_engine'),
    ...containers.map((c, i) => ({ at: started[c.name as keyof typeof started].plus(-800 - i), log: HNS_ADMIN, provider: HNS_PROVIDER, id: 1054, level: 4 as const, message: `Endpoint ${hnsEndpointId(c).toUpperCase()} was created on network ${nat.hnsId!.toUpperCase()} (nat).` })),
  ]));
  out('host/proxy.json', noProxy());
  out('host/hotfixes.json', hotfixRecords([['KB5049983', When.at('2026-11-27T23:40:00Z', TZ)], ['KB5012170', When.at('2025-02-08T21:10:00Z', TZ)]]));
  out('host/computer.json', computerRecord('Lenovo', 'ThinkSystem SR650 V2', true, 'contoso.com'));
  // Hyper-V's blocks in the dynamic range, the usual administered 50000-50059, and an administrator's exclusion of
  // 8081 right next to catalog's 8080 (a near miss: 8080 itself is free).
  w.add('host/excludedports.txt', renderExcludedPorts({
    tcp4: [{ start: 8081, end: 8081, administered: true }, { start: 49709, end: 49808 }, { start: 49809, end: 49908 }, { start: 50000, end: 50059, administered: true }],
    udp4: [{ start: 49709, end: 49808 }],
    tcp6: [{ start: 8081, end: 8081, administered: true }, { start: 49709, end: 49808 }],
    dynamicTcp: DEFAULT_DYNAMIC,
    dynamicUdp: DEFAULT_DYNAMIC,
  }), 'utf-16le-bom');

  // ---- inside the containers ------------------------------------------------------------------
  const inside = (procs: readonly ContainerProcess[], role: string): number => procs.find((x) => x.role === role)!.pid;
  const system = (procs: readonly ContainerProcess[]): NetstatRow[] => [...listenBoth(135, inside(procs, 'svc:RPCSS')), ...listenBoth(49664, inside(procs, 'lsass')), ...listenBoth(49665, inside(procs, 'wininit'))];
  w.add(`containers/${proxy.id}/netstat.txt`, renderNetstat([
    listen('0.0.0.0:80', mainPid(proxyProcs)), listen('0.0.0.0:443', mainPid(proxyProcs)), ...system(proxyProcs), ...listenBoth(445, 4),
    tcp('172.29.16.2:443', `${CLIENT}:55120`, 'ESTABLISHED', inside(proxyProcs, 'worker')),
    tcp('172.29.16.2:50211', '172.29.16.3:8080', 'ESTABLISHED', inside(proxyProcs, 'worker')),
  ]));
  w.add(`containers/${catalog.id}/netstat.txt`, renderNetstat([
    listen('[::]:8080', mainPid(catalogProcs)), ...system(catalogProcs),
    tcp('172.29.16.3:8080', '172.29.16.2:50211', 'ESTABLISHED', mainPid(catalogProcs)),
    tcp('172.29.16.3:50188', '172.29.16.5:6379', 'ESTABLISHED', mainPid(catalogProcs)),
  ]));
  w.add(`containers/${cache.id}/netstat.txt`, renderNetstat([...listenBoth(6379, mainPid(cacheProcs)), ...system(cacheProcs), tcp('172.29.16.5:6379', '172.29.16.3:50188', 'ESTABLISHED', mainPid(cacheProcs))]));
  w.add(`containers/${reporting.id}/netstat.txt`, renderNetstat([...listenBoth(9443, 4), ...system(reportingProcs), ...listenBoth(445, 4)]));
  for (const c of containers) {
    const files = containerDnsFiles(c, { dns: DNS, suffix: 'contoso.com' });
    w.add(`containers/${c.id}/ipconfig.txt`, files.ipconfig, 'utf-16le-bom');
    w.add(`containers/${c.id}/hosts.txt`, files.hosts, 'utf-16le-bom');
  }
  return w.finish();
}
