// Windows Server 2019 Standard (Desktop Experience, a VMware guest), Mirantis Container Runtime 20.10 with its
// data root on D:. Many things are wrong at once, each traceable to one file: a published port without a WinNAT
// mapping, mappings that point at the wrong address, a host process on a published port, group policy ignoring
// local firewall rules and blocking one port, a daemon.json that will stop the engine at its next restart,
// secrets in an environment, a container that listens on nothing, one without a network, one stopped.
// Collected with PowerShell 7 casting enums to names, except processes.json (Windows PowerShell 5.1, UTF-16LE).
import { BundleWriter } from '../lib/bundle-writer';
import type { SampleFile } from '../lib/bundle-writer';
import { asHostProcesses, containerProcesses, topBody } from '../lib/container-processes';
import type { AppProcess, ContainerProcess } from '../lib/container-processes';
import { infoBody, SWARM_INACTIVE, versionBody } from '../lib/docker-engine';
import type { EngineDef } from '../lib/docker-engine';
import { inspectContainer, inspectImages, inspectNetwork } from '../lib/docker-objects';
import type { ContainerDef, EndpointDef, MountDef, NetworkDef, PortDef } from '../lib/docker-objects';
import { builtInRules, containerEndpointRules, customRule, hnsNetworkRules, ruleAsNames, subnetWithMask } from '../lib/firewall';
import type { RuleDef } from '../lib/firewall';
import { allocate, windowsBaseline } from '../lib/host-processes';
import type { ProcSpec } from '../lib/host-processes';
import { adapterRecord, connectionProfileRecord, diskPath, diskRecord, firewallProfileRecord, ipRecord, processRecord, socketRecords } from '../lib/host-records';
import type { AdapterDef, DiskDef, IpDef } from '../lib/host-records';
import { computerRecord, containerDnsFiles, DEFAULT_DYNAMIC, dnsServerRecords, eventRecords, healthyServices, hotfixRecords, ipInterfaceRecords, LOOPBACK_INTERFACE, noProxy, renderExcludedPorts, routeRecords, serviceRecords } from '../lib/host-network';
import type { InterfaceDef } from '../lib/host-network';
import { guid, hex64, mac, macDashed } from '../lib/ids';
import { configJson, dockerApiJson, dockerCliJson, ps51Json, ps7Json } from '../lib/json';
import type { Json } from '../lib/json';
import { listen, listenBoth, renderHcsdiag, renderNetstat, tcp, udp } from '../lib/text-probes';
import type { NetstatRow } from '../lib/text-probes';
import { When } from '../lib/when';

export const NAME = 'server2019-broken-nat';
const S = NAME;
const TZ = 60;
const HOST = 'SRV2019-APP02';
const HOST_IP = '10.20.4.15';
const ADMIN_PC = '10.20.250.23';
const ROOT = 'D:\\docker';
const BOOT = When.at('2026-11-16T02:30:41.000Z', TZ);
const COLLECTED = When.at('2026-11-25T14:05:52.000Z', TZ);
const GPO = 'contoso.com\\SRV - Firewall Baseline';

interface Planned {
  readonly def: ContainerDef;
  readonly procs: readonly ContainerProcess[] | null;
  readonly session: number | null;
}

export function build(): readonly SampleFile[] {
  const w = new BundleWriter(S, { collectedAt: '2026-11-25T14:05:52Z', collector: { name: 'collect.ps1', version: '1.1.0' }, computerName: HOST });

  // ---- networks: the default nat, two user-defined nat networks, none ------------------------
  const natNet = (name: string, subnet: string, gateway: string, created: string, prefixShown?: number): NetworkDef => ({
    name, id: hex64(`${S}:net:${name}`), driver: 'nat', scope: 'local', created: When.at(created, TZ), ipamDriver: 'windows', subnet, gateway,
    hnsId: guid(`${S}:hns:${name}`), extraOptions: { 'com.docker.network.windowsshim.networkname': name }, ...(prefixShown ? { containerPrefixLen: prefixShown } : {}),
  });
  const nat = natNet('nat', '172.20.176.0/20', '172.20.176.1', '2026-11-16T02:31:22.4187736Z', 16);
  const frontend = natNet('frontend', '172.30.10.0/24', '172.30.10.1', '2025-05-20T08:12:40.9917313Z');
  const backend = natNet('backend', '172.30.20.0/24', '172.30.20.1', '2025-05-20T08:12:52.1033471Z');
  const none: NetworkDef = { name: 'none', id: hex64(`${S}:net:none`), driver: 'null', scope: 'local', created: When.at('2026-11-16T02:31:22.3551209Z', TZ), ipamDriver: 'windows' };
  const ep = (network: NetworkDef, ip: string, who: string, userNetwork: boolean): EndpointDef => ({
    network, ip, mac: network.driver === 'null' ? '' : mac(`${S}:${who}:${network.name}`), endpointId: hex64(`${S}:ep:${who}:${network.name}`),
    ...(userNetwork ? { aliases: [hex64(`${S}:ctr:${who}`).slice(0, 12)] } : {}),
  });

  // ---- containers -----------------------------------------------------------------------------
  const id = (name: string): string => hex64(`${S}:ctr:${name}`);
  const start = (offsetMs: number): When => BOOT.plus(offsetMs);
  const http = (exe: string, commandLine: string, ws: number, cpu: number): AppProcess => ({ exe, commandLine, workingSetMb: ws, cpuMs: cpu, role: 'app' });
  const iis = (cpu: number): AppProcess[] => [
    http('ServiceMonitor.exe', 'C:\\ServiceMonitor.exe w3svc', 1.5, 2_310 + cpu),
    { exe: 'svchost.exe', commandLine: 'C:\\Windows\\system32\\svchost.exe -k iissvcs', workingSetMb: 6.4, cpuMs: 6_120 + cpu, role: 'svc:iissvcs', parent: 'services' },
    { exe: 'w3wp.exe', commandLine: 'c:\\windows\\system32\\inetsrv\\w3wp.exe -ap "DefaultAppPool" -v "v4.0" -l "webengine4.dll" -a \\\\.\\pipe\\iisipm6f2d3c1a-8b44-4e1f-9d4e-2a5b7c9e0f13 -h "C:\\inetpub\\temp\\apppools\\DefaultAppPool\\DefaultAppPool.config" -w "" -m 0', workingSetMb: 96.3, cpuMs: 171_004 + cpu, role: 'w3wp', parent: 'svc:iissvcs' },
  ];
  const plan: { name: string; session: number | null; firstPid: number; apps: AppProcess[]; startMs: number }[] = [
    { name: 'api', session: 2, firstPid: 2712, apps: iis(0), startMs: 118_204 },
    { name: 'shop', session: 3, firstPid: 3304, apps: iis(777), startMs: 121_556 },
    { name: 'legacy', session: 4, firstPid: 3852, apps: [http('node.exe', 'node server.js', 61.2, 44_870)], startMs: 124_090 },
    { name: 'reports', session: 5, firstPid: 4416, apps: [http('Reports.Host.exe', 'C:\\reports\\Reports.Host.exe --urls http://+:8082/', 142.8, 96_331)], startMs: 126_775 },
    { name: 'db', session: 6, firstPid: 5004, apps: [http('sqlservr.exe', '"C:\\Program Files\\Microsoft SQL Server\\MSSQL15.SQLEXPRESS\\MSSQL\\Binn\\sqlservr.exe" -sSQLEXPRESS', 612.4, 1_204_559), { exe: 'sqlwriter.exe', commandLine: '"C:\\Program Files\\Microsoft SQL Server\\90\\Shared\\sqlwriter.exe"', workingSetMb: 2.1, cpuMs: 156, role: 'sqlwriter', parent: 'services' }], startMs: 129_412 },
    // Its health endpoint never came up: only the Windows services listen (135, 445).
    { name: 'worker', session: 7, firstPid: 5640, apps: [http('Shop.Worker.exe', 'C:\\app\\Shop.Worker.exe', 48.9, 12_880)], startMs: 131_960 },
    { name: 'isolated', session: 8, firstPid: 6188, apps: [http('PING.EXE', 'ping -t localhost', 1.1, 937)], startMs: 134_301 },
  ];
  const procsOf = new Map<string, ContainerProcess[]>();
  for (const p of plan) {
    procsOf.set(p.name, containerProcesses({ seed: `${S}:procs:${p.name}`, base: 'servercore', firstPid: p.firstPid, startedAt: start(p.startMs), apps: p.apps }));
  }
  const procs = (name: string): ContainerProcess[] => procsOf.get(name)!;
  const mainPid = (name: string): number => procs(name).find((x) => x.role === 'app')!.pid;
  const startedAt = (name: string): When => start(plan.find((p) => p.name === name)!.startMs);

  const base = { dataRoot: ROOT, isolation: 'process' as const, restartPolicy: 'unless-stopped' as const };
  const publish = (containerPort: number, hostPort?: number): PortDef => ({ containerPort, protocol: 'tcp', ...(hostPort === undefined ? {} : { hostPort, hostIp: '' }) });
  const bind = (source: string, destination: string): MountDef => ({ type: 'bind', source, destination });
  const running = (name: string, image: string, created: string, networkMode: string, endpoints: EndpointDef[], ports: PortDef[], mounts: MountDef[], extra: Partial<ContainerDef>): ContainerDef => ({
    ...base, id: id(name), name, image, imageId: `sha256:${hex64(`${S}:img:${image}`)}`, state: 'running', created: When.at(created, TZ), startedAt: startedAt(name),
    networkMode, endpoints, ports, mounts, envNames: [], labels: {}, entrypoint: null, cmd: null, pid: mainPid(name), sandboxId: hex64(`${S}:sandbox:${name}`), ...extra,
  });
  const iisEntry = { entrypoint: ['C:\\ServiceMonitor.exe', 'w3svc'], cmd: null };
  const api = running('api', 'registry.contoso.com/shop/api:2.3.1', '2026-10-02T09:14:27.6630514Z', 'default',
    [ep(nat, '172.20.176.10', 'api', false), ep(backend, '172.30.20.5', 'api', true)], [publish(80, 8080)], [bind('D:\\logs\\api', 'C:\\logs')],
    { ...iisEntry, envNames: ['DB_HOST', 'DB_NAME', 'ASPNET_ENV'], labels: { 'org.opencontainers.image.version': '2.3.1', 'com.contoso.team': 'shop' } });
  const shop = running('shop', 'registry.contoso.com/shop/storefront:5.0.2', '2026-11-03T16:40:09.2214870Z', 'frontend',
    [ep(frontend, '172.30.10.3', 'shop', true)], [publish(80, 8081)], [bind('D:\\data\\shop\\media', 'C:\\media')],
    // A label as image authors write them: markup, ampersand, quotes and a non-ASCII dash.
    { ...iisEntry, labels: { 'org.opencontainers.image.title': 'Storefront', 'org.opencontainers.image.description': 'Shop front <b>&</b> "checkout" – Contoso', 'com.contoso.team': 'shop' } });
  const legacy = running('legacy', 'registry.contoso.com/legacy/portal:1.4.7', '2025-12-01T11:02:55.0479114Z', 'default',
    [ep(nat, '172.20.176.11', 'legacy', false)], [publish(3000, 3000)], [bind('D:\\data\\legacy', 'C:\\app\\data')],
    { entrypoint: null, cmd: ['node', 'server.js'], workingDir: 'C:\\app', envNames: ['NODE_VERSION', 'NODE_ENV', 'PORT'] });
  const reports = running('reports', 'registry.contoso.com/bi/reports:3.2.0', '2026-08-19T07:55:31.5580026Z', 'frontend',
    [ep(frontend, '172.30.10.4', 'reports', true)], [publish(8082, 8082)], [bind('D:\\reports\\out', 'C:\\out')],
    { entrypoint: ['C:\\reports\\Reports.Host.exe'], cmd: ['--urls', 'http://+:8082/'], envNames: ['REPORTS_DB', 'TZ'] });
  const db = running('db', 'registry.contoso.com/db/mssql-express:2019-cu18-ltsc2019', '2025-05-20T08:20:14.3305521Z', 'backend',
    [ep(backend, '172.30.20.4', 'db', true)], [publish(1433)], [{ type: 'volume', name: 'dbdata', source: `${ROOT}\\volumes\\dbdata\\_data`, destination: 'C:\\data' }],
    { cmd: ['powershell', '-Command', '.\\start.ps1'], workingDir: 'C:\\', envNames: ['ACCEPT_EULA', 'MSSQL_PID', 'MSSQL_SA_PASSWORD', 'API_TOKEN'], memory: 4_294_967_296 });
  const worker = running('worker', 'registry.contoso.com/shop/worker:2.3.1', '2026-10-02T09:15:02.8841907Z', 'default',
    [ep(nat, '172.20.176.12', 'worker', false)], [publish(8090, 8090)], [bind('D:\\queue', 'C:\\queue')],
    { entrypoint: ['C:\\app\\Shop.Worker.exe'], envNames: ['QUEUE_PATH', 'HEALTH_PORT'] });
  const isolated = running('isolated', 'mcr.microsoft.com/windows/servercore:ltsc2019', '2026-11-12T13:37:45.7712093Z', 'none',
    [ep(none, '', 'isolated', false)], [], [], { cmd: ['ping', '-t', 'localhost'], restartPolicy: 'no' });
  const oldApi: ContainerDef = {
    ...base, id: id('old-api'), name: 'old-api', image: 'registry.contoso.com/shop/api:2.2.0', imageId: `sha256:${hex64(`${S}:img:api:2.2.0`)}`, state: 'exited', exitCode: 1,
    created: When.at('2026-09-08T10:21:33.0942268Z', TZ), startedAt: When.at('2026-09-08T10:21:36.5573019Z', TZ), finishedAt: When.at('2026-11-16T02:29:58.1043226Z', TZ),
    networkMode: 'default', endpoints: [ep(nat, '', 'old-api', false)], ports: [publish(80, 8088)], mounts: [bind('D:\\logs\\api-old', 'C:\\logs')],
    envNames: ['DB_HOST', 'DB_NAME'], labels: { 'org.opencontainers.image.version': '2.2.0' }, ...iisEntry, restartPolicy: 'no', pid: 0, sandboxId: hex64(`${S}:sandbox:old-api`),
  };
  const containers = [api, shop, legacy, reports, db, worker, isolated, oldApi];
  const live: Planned[] = [api, shop, legacy, reports, db, worker, isolated].map((def) => ({ def, procs: procs(def.name), session: plan.find((p) => p.name === def.name)!.session }));

  // ---- the host -------------------------------------------------------------------------------
  const rdpSession = 9;
  const specs: ProcSpec[] = [
    ...windowsBaseline({ build: 17763, desktop: true, splitSvchost: true, userSession: rdpSession, rdp: true, sessionStartS: 600_000 }),
    // Nobody is logged on at the console: session 1 shows only the logon screen.
    { name: 'csrss', session: 1, path: 'C:\\Windows\\system32\\csrss.exe', protectedPath: true, commandLine: null, startS: 2.1, workingSetMb: 4.1 },
    { name: 'winlogon', session: 1, path: 'C:\\Windows\\system32\\winlogon.exe', commandLine: 'winlogon.exe', roles: ['winlogon:1'], startS: 2.2, workingSetMb: 7.9 },
    { name: 'LogonUI', session: 1, path: 'C:\\Windows\\system32\\LogonUI.exe', commandLine: '"LogonUI.exe" /flags:0x2 /state0:0xa3a4b055 /state1:0x41c64e6d', parentRole: 'winlogon:1', startS: 2.9, workingSetMb: 38.6 },
    { name: 'dwm', session: 1, path: 'C:\\Windows\\system32\\dwm.exe', commandLine: '"dwm.exe"', parentRole: 'winlogon:1', startS: 2.8, workingSetMb: 29.4 },
    { name: 'fontdrvhost', session: 1, path: 'C:\\Windows\\system32\\fontdrvhost.exe', commandLine: '"fontdrvhost.exe"', parentRole: 'winlogon:1', startS: 2.5, workingSetMb: 3.2 },
    { name: 'vmtoolsd', session: 0, path: 'C:\\Program Files\\VMware\\VMware Tools\\vmtoolsd.exe', commandLine: '"C:\\Program Files\\VMware\\VMware Tools\\vmtoolsd.exe"', parentRole: 'services', startS: 9.6, workingSetMb: 21.4 },
    { name: 'VGAuthService', session: 0, path: 'C:\\Program Files\\VMware\\VMware Tools\\VMware VGAuth\\VGAuthService.exe', commandLine: '"C:\\Program Files\\VMware\\VMware Tools\\VMware VGAuth\\VGAuthService.exe"', parentRole: 'services', startS: 9.4, workingSetMb: 10.7 },
    { name: 'vmcompute', session: 0, path: 'C:\\Windows\\system32\\vmcompute.exe', commandLine: 'C:\\Windows\\system32\\vmcompute.exe', roles: ['vmcompute'], parentRole: 'services', startS: 11.2, workingSetMb: 14.9 },
    { name: 'dockerd', session: 0, path: 'C:\\Program Files\\Docker\\dockerd.exe', commandLine: '"C:\\Program Files\\Docker\\dockerd.exe" --run-service -H npipe://', roles: ['dockerd'], parentRole: 'services', startS: 38.1, workingSetMb: 104.6 },
    { name: 'powershell', session: rdpSession, path: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', commandLine: '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" ', roles: ['ps:rdp'], parentRole: 'explorer', startS: 601_300, workingSetMb: 88.1 },
    { name: 'conhost', session: rdpSession, path: 'C:\\Windows\\system32\\conhost.exe', commandLine: '\\??\\C:\\Windows\\system32\\conhost.exe 0x4', parentRole: 'ps:rdp', startS: 601_300, workingSetMb: 18.7 },
    // An old copy of the legacy portal someone started on the host, on the port the container publishes.
    { name: 'node', session: rdpSession, path: 'C:\\Program Files\\nodejs\\node.exe', commandLine: '"C:\\Program Files\\nodejs\\node.exe" C:\\tools\\legacy-portal\\server.js', roles: ['node'], parentRole: 'ps:rdp', startS: 601_944, workingSetMb: 47.3 },
    { name: 'pwsh', session: rdpSession, path: 'C:\\Program Files\\PowerShell\\7\\pwsh.exe', commandLine: '"C:\\Program Files\\PowerShell\\7\\pwsh.exe" -NoProfile -File C:\\Tools\\hostscope\\collect.ps1 -OutputPath C:\\Tools\\hostscope\\out', roles: ['pwsh'], parentRole: 'explorer', startS: (COLLECTED.utcMs - BOOT.utcMs) / 1000 - 52, workingSetMb: 112.5 },
    // processes.json comes from Windows PowerShell 5.1, started by the collector.
    { name: 'powershell', session: rdpSession, path: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', commandLine: '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" -NoProfile -NonInteractive -EncodedCommand RwBlAHQALQBQAHIAbwBjAGUAcwBzAA==', parentRole: 'pwsh', startS: (COLLECTED.utcMs - BOOT.utcMs) / 1000 - 9, workingSetMb: 64.2 },
    ...live.flatMap((c) => asHostProcesses(c.procs!, c.session!, BOOT, c.def.name)),
  ];
  const host = allocate(specs, BOOT, `${S}:host`);
  const p = (role: string): number => host.pid(role);

  // ---- docker/* -------------------------------------------------------------------------------
  const engine: EngineDef = {
    platformName: 'Mirantis Container Runtime', version: '20.10.17', apiVersion: '1.41', minApiVersion: '1.24', gitCommit: 'a4ea3b5', goVersion: 'go1.17.11',
    buildTime: '08/25/2022 18:35:59', kernelVersion: '10.0 17763 (17763.1.amd64fre.rs5_release.180914-1434)',
    operatingSystem: 'Windows Server 2019 Standard Version 1809 (OS Build 17763.5329)', id: 'V7TN:XKQ2:3RGW:LMDX:ZQ5F:5CMR:GPOL:7S4H:JX2A:TZ6Q:C3AB:UY4D',
    name: HOST, dataRoot: ROOT, ncpu: 8, memTotal: 34_358_620_160, containers: { running: 7, stopped: 1 }, images: 14, isolation: 'process', swarm: SWARM_INACTIVE,
  };
  w.add('docker/version.json', dockerApiJson(versionBody(engine)));
  w.add('docker/info.json', dockerApiJson(infoBody(engine)));
  w.add('docker/containers.json', dockerCliJson(containers.map(inspectContainer)));
  w.add('docker/images.json', dockerApiJson(inspectImages(containers, {
    'registry.contoso.com/shop/api:2.3.1': '10.0.17763.5206',
    'registry.contoso.com/shop/storefront:5.0.2': '10.0.17763.5329',
    'registry.contoso.com/legacy/portal:1.4.7': '10.0.17763.3650',
    'registry.contoso.com/bi/reports:3.2.0': '10.0.17763.4851',
    'registry.contoso.com/db/mssql-express:2019-cu18-ltsc2019': '10.0.17763.4252',
    'registry.contoso.com/shop/worker:2.3.1': '10.0.17763.5206',
    'mcr.microsoft.com/windows/servercore:ltsc2019': '10.0.17763.5329',
    'registry.contoso.com/shop/api:2.2.0': '10.0.17763.4851',
  }, ROOT)));
  w.add('docker/networks.json', dockerCliJson([nat, frontend, backend, none].map((n) => inspectNetwork(n, containers))));
  w.add('docker/volumes.json', dockerApiJson({ Volumes: [{ CreatedAt: '2025-05-20T09:20:14+01:00', Driver: 'local', Labels: null, Mountpoint: `${ROOT}\\volumes\\dbdata\\_data`, Name: 'dbdata', Options: null, Scope: 'local' }], Warnings: null }));
  for (const c of live) w.add(`docker/top/${c.def.id}.json`, dockerApiJson(topBody(c.procs!)));
  w.probe('docker.swarm', 'skipped', 'swarm is not active on this node (Swarm.LocalNodeState "inactive")');

  // ---- host: OS, processes, engine configuration ----------------------------------------------
  w.add('host/os.json', ps7Json({
    ComputerName: HOST, Caption: 'Microsoft Windows Server 2019 Standard', Version: '10.0.17763', BuildNumber: '17763', UBR: 5329,
    EditionID: 'ServerStandard', InstallationType: 'Server', PSVersion: '7.4.6',
    Features: ['FileAndStorage-Services', 'Storage-Services', 'NET-Framework-45-Features', 'NET-Framework-45-Core', 'NET-WCF-Services45', 'NET-WCF-TCP-PortSharing45', 'Containers', 'RSAT', 'RSAT-Role-Tools', 'RSAT-Hyper-V-Tools', 'Hyper-V-PowerShell', 'System-DataArchiver', 'Windows-Defender', 'PowerShellRoot', 'PowerShell', 'PowerShell-ISE', 'WoW64-Support', 'XPS-Viewer'],
  }));
  // Windows PowerShell 5.1 `Out-File`: UTF-16LE with BOM.
  w.add('host/processes.json', ps51Json(host.list.map((x) => processRecord(x, 'ps51'))), 'utf-16le-bom');
  w.add('host/docker-service.json', ps7Json({ Name: 'docker', State: 'Running', StartMode: 'Auto', PathName: '"C:\\Program Files\\Docker\\dockerd.exe" --run-service -H npipe://' }));
  // Edited in Notepad (UTF-8 with BOM) after the engine last started: "hosts" is also given by -H in the service
  // command line, so the engine will refuse to start at its next restart. The TCP listener is loopback only.
  w.add('host/daemon.json', configJson({
    'data-root': 'D:\\docker', hosts: ['npipe://', 'tcp://127.0.0.1:2375'], 'log-driver': 'json-file', 'log-opts': { 'max-size': '50m', 'max-file': '3' }, dns: ['10.20.0.10', '10.20.0.11'],
  }, '\r\n'), 'utf-8-bom');

  // ---- WinNAT: one NAT per nat network --------------------------------------------------------
  const natName = (n: NetworkDef): string => `NAT${n.hnsId!.toUpperCase()}`;
  w.add('host/netnat.json', ps7Json([nat, frontend, backend].map((n) => ({
    Name: natName(n), ExternalIPInterfaceAddressPrefix: null, InternalIPInterfaceAddressPrefix: n.subnet!, IcmpQueryTimeout: 30, TcpEstablishedConnectionTimeout: 1800,
    TcpTransientConnectionTimeout: 120, TcpFilteringBehavior: 'AddressDependentFiltering', UdpFilteringBehavior: 'AddressDependentFiltering', UdpIdleSessionTimeout: 120, UdpInboundRefresh: 'False', Store: 'Local', Active: true,
  }))));
  let mappingId = 0;
  const mapping = (n: NetworkDef, externalPort: number, internalIp: string, internalPort: number): Json => ({
    StaticMappingID: mappingId++, NatName: natName(n), Protocol: 'TCP', RemoteExternalIPAddressPrefix: '0.0.0.0/0', ExternalIPAddress: '0.0.0.0', ExternalPort: externalPort,
    InternalIPAddress: internalIp, InternalPort: internalPort, InternalRoutingDomainId: '{00000000-0000-0000-0000-000000000000}', Active: true,
  });
  w.add('host/netnat-static.json', ps7Json([
    // Left over from a container removed on 2026-11-03: no container has 172.20.176.9 now.
    mapping(nat, 8443, '172.20.176.9', 443),
    mapping(nat, 3000, '172.20.176.11', 3000),
    mapping(nat, 8090, '172.20.176.12', 8090),
    // shop publishes 8081, but the mapping still points at the address shop had before it was re-created,
    // which reports holds now.
    mapping(frontend, 8081, '172.30.10.4', 80),
    mapping(frontend, 8082, '172.30.10.4', 8082),
    // No mapping for api's 8080 although HNS still holds the policy (host/hns-endpoints.json).
  ]));
  // A single session: ConvertTo-Json writes one object, not an array.
  w.add('host/netnat-sessions.json', ps7Json(
    { NatName: natName(nat), Protocol: 'TCP', InternalSourceAddress: '172.20.176.10', InternalSourcePort: 50002, InternalDestinationAddress: '10.20.0.30', InternalDestinationPort: 443, ExternalSourceAddress: HOST_IP, ExternalSourcePort: 1045, ExternalDestinationAddress: '10.20.0.30', ExternalDestinationPort: 443, CreationTime: COLLECTED.plus(-41_000) },
  ));

  // ---- adapters, addresses, connection profiles -----------------------------------------------
  const vnic = (n: NetworkDef): string => `vEthernet (${n.name})`;
  const adapters: AdapterDef[] = [
    { name: 'Ethernet0', description: 'vmxnet3 Ethernet Adapter', ifIndex: 5, status: 'Up', mac: '00-50-56-9A-3C-71' },
    ...[nat, frontend, backend].map((n, i): AdapterDef => ({ name: vnic(n), description: `Hyper-V Virtual Ethernet Adapter${i === 0 ? '' : ` #${i + 1}`}`, ifIndex: 14 + i * 3, status: 'Up', mac: macDashed(mac(`${S}:vnic:${n.name}`)) })),
    { name: 'Local Area Connection* 3', description: 'WAN Miniport (IKEv2)', ifIndex: 7, status: 'Disconnected', mac: '', hidden: true },
    { name: 'Local Area Connection* 7', description: 'WAN Miniport (IP)', ifIndex: 9, status: 'Up', mac: '', hidden: true },
  ];
  w.add('host/adapters.json', ps7Json(adapters.map(adapterRecord)));
  const ips: IpDef[] = [
    { alias: 'Ethernet0', index: 5, ip: HOST_IP, prefix: 24 },
    ...[nat, frontend, backend].map((n, i): IpDef => ({ alias: vnic(n), index: 14 + i * 3, ip: n.gateway!, prefix: Number(n.subnet!.split('/')[1]) })),
    { alias: 'Loopback Pseudo-Interface 1', index: 1, ip: '127.0.0.1', prefix: 8 },
    { alias: 'Ethernet0', index: 5, ip: 'fe80::b4a1:6d2f:90e3:18c5%5', prefix: 64 },
    { alias: 'Loopback Pseudo-Interface 1', index: 1, ip: '::1', prefix: 128 },
  ];
  w.add('host/ip-addresses.json', ps7Json(ips.map((a) => ipRecord(a, 'ps7'))));
  w.add('host/connection-profiles.json', ps7Json([
    connectionProfileRecord('Ethernet0', 5, 'contoso.com', 'DomainAuthenticated', 'ps7'),
    ...[nat, frontend, backend].map((n, i) => connectionProfileRecord(vnic(n), 14 + i * 3, 'Unidentified network', 'Public', 'ps7')),
  ]));

  // ---- sockets --------------------------------------------------------------------------------
  const sockets: NetstatRow[] = [
    ...listenBoth(135, p('svc:RpcSs')), ...listenBoth(445, 4), ...listenBoth(3389, p('svc:TermService')), ...listenBoth(5985, 4), ...listenBoth(47001, 4),
    ...listenBoth(49664, p('lsass')), ...listenBoth(49665, p('wininit')), ...listenBoth(49666, p('svc:EventLog')), ...listenBoth(49667, p('svc:Schedule')),
    ...listenBoth(49668, p('spoolsv')), ...listenBoth(49670, p('services')), listen(`${HOST_IP}:139`, 4),
    // node.exe on the host holds 3000, the port legacy publishes.
    listen('0.0.0.0:3000', p('node')),
    tcp(`${HOST_IP}:3000`, '10.20.4.77:51812', 'ESTABLISHED', p('node')),
    tcp(`${HOST_IP}:3389`, `${ADMIN_PC}:61842`, 'ESTABLISHED', p('svc:TermService')),
    tcp(`${HOST_IP}:49711`, '10.20.0.10:389', 'ESTABLISHED', p('lsass')),
    tcp(`${HOST_IP}:49922`, '10.20.0.30:443', 'TIME_WAIT', 0),
    udp('0.0.0.0:123', p('svc:W32Time')), udp('0.0.0.0:500', p('svc:IKEEXT')), udp('0.0.0.0:3389', p('svc:TermService')), udp('0.0.0.0:4500', p('svc:IKEEXT')),
    udp('0.0.0.0:5353', p('svc:Dnscache')), udp('0.0.0.0:5355', p('svc:Dnscache')), udp(`${HOST_IP}:137`, 4), udp(`${HOST_IP}:138`, 4),
    udp('127.0.0.1:61011', p('svc:iphlpsvc')), udp('[::]:123', p('svc:W32Time')), udp('[::]:500', p('svc:IKEEXT')), udp('[::]:3389', p('svc:TermService')), udp('[::]:4500', p('svc:IKEEXT')),
  ];
  const records = socketRecords(sockets, 'ps7');
  w.add('host/tcp.json', ps7Json(records.tcp));
  w.add('host/udp.json', ps7Json(records.udp));
  w.probe('host.netstat', 'skipped', 'not needed: Get-NetTCPConnection answered');

  // ---- disks: Location is empty for VHDs; Get-VHD gives the path by disk number ---------------
  const sandboxes = live.map((c, i) => ({ c, number: i + 2 }));
  const disks: DiskDef[] = [
    { number: 0, friendlyName: 'VMware Virtual disk', location: 'SCSI0 : Adapter 0 : Port 0 : Target 0 : LUN 0', path: diskPath('vmware', 'virtual_disk', '5&1ec51bf7&0&000000'), busType: 'SAS', size: 107_374_182_400, driveLetters: ['C'], serialNumber: '6000c29d1f3a7e2b8c4d9e0f1a2b3c4d' },
    { number: 1, friendlyName: 'VMware Virtual disk', location: 'SCSI0 : Adapter 0 : Port 0 : Target 1 : LUN 0', path: diskPath('vmware', 'virtual_disk', '5&1ec51bf7&0&000100'), busType: 'SAS', size: 536_870_912_000, driveLetters: ['D'], serialNumber: '6000c2951b7d3e4f0a1c2d3e4f5a6b7c' },
    ...sandboxes.map(({ number }): DiskDef => ({ number, friendlyName: 'Msft Virtual Disk', location: null, path: diskPath('msft', 'virtual_disk', `2&1f4adffe&0&00000${number - 1}`), busType: 'File Backed Virtual', size: 21_474_836_480, driveLetters: [] })),
  ];
  w.add('host/disks.json', ps7Json(disks.map((d) => diskRecord(d, 'ps7'))));
  w.add('host/vhds.json', ps7Json(sandboxes.map(({ c, number }) => ({
    ComputerName: HOST, Path: `${ROOT}\\windowsfilter\\${c.def.id}\\sandbox.vhdx`, VhdFormat: 'VHDX', VhdType: 'Dynamic', FileSize: 312_475_648 + number * 4_194_304, Size: 21_474_836_480,
    MinimumSize: 21_474_836_480, LogicalSectorSize: 512, PhysicalSectorSize: 4096, BlockSize: 1_048_576, ParentPath: '', DiskIdentifier: guid(`${S}:vhd:${c.def.name}`).toUpperCase(),
    FragmentationPercentage: null, Alignment: 1, Attached: true, DiskNumber: number, IsPMEMCompatible: false, AddressAbstractionType: 'None', Number: null,
  }))));

  // ---- firewall: group policy ignores local rules on Domain and Public ------------------------
  const gpo = (r: Partial<RuleDef> & Pick<RuleDef, 'name' | 'displayName' | 'protocol' | 'localPort'>): RuleDef => customRule({ policyStoreSource: GPO, policyStoreSourceType: 'GroupPolicy', profiles: ['Domain'], ...r });
  const processEndpoints = live.filter((c) => c.def.networkMode !== 'none');
  const rules: RuleDef[] = [
    ...builtInRules({ hyperV: false, desktop: true }),
    gpo({ name: '{5B0C8E31-2F47-4D1A-9E6B-7C3D2A1F0E98}', displayName: 'Contoso - Allow web applications (TCP-In)', protocol: 'TCP', localPort: ['80', '443', '3000', '8080-8090'] }),
    gpo({ name: '{C41E7A92-8D3B-4F65-A0E1-2B9C7D6F5A34}', displayName: 'Contoso - Block reporting port (TCP-In)', action: 'Block', protocol: 'TCP', localPort: '8082' }),
    gpo({ name: '{9E2D4B17-6A3C-4E8F-B5D0-1F7A3C9E2B60}', displayName: 'Contoso - Block legacy admin console (TCP-In)', action: 'Block', protocol: 'TCP', localPort: '8085' }),
    gpo({ name: '{2A7F9C4E-1B3D-4A5E-8C6F-0D9E8B7A6C51}', displayName: 'Contoso - Allow RDP from admin network (TCP-In)', protocol: 'TCP', localPort: '3389', remoteAddress: ['10.20.250.0/255.255.255.0'] }),
    gpo({ name: '{6D3E8F1A-4C2B-4B9D-A7E5-3F1C0B2D9E47}', displayName: 'Contoso - Allow WinRM (TCP-In)', protocol: 'TCP', localPort: '5985', remoteAddress: ['10.20.250.0/255.255.255.0', '10.20.0.0/255.255.255.0'] }),
    // Local rules: ignored on Domain and Public while AllowLocalFirewallRules is False.
    customRule({ name: '{E8B1A6D3-7F2C-4E0A-9B5D-6C4F3A2E1D09}', displayName: 'Reports (TCP 8082)', enabled: false, protocol: 'TCP', localPort: '8082' }),
    customRule({ name: '{1F4C7B2E-9D6A-4C3F-8E1B-5A0D9C8B7E62}', displayName: 'Shop worker health (old)', enabled: false, protocol: 'TCP', localPort: '8090' }),
    customRule({ name: 'TCP Query User{7B3E9A1C-4D2F-4E6B-8A0C-1F5D3B9E7C24}C:\\program files\\nodejs\\node.exe', displayName: 'Node.js JavaScript Runtime', profiles: ['Public'], protocol: 'TCP', localPort: 'Any', program: 'C:\\program files\\nodejs\\node.exe' }),
    customRule({ name: 'UDP Query User{3C8D1E6F-2A4B-4F9C-B7E3-9D0A1C5F8B36}C:\\program files\\nodejs\\node.exe', displayName: 'Node.js JavaScript Runtime', profiles: ['Public'], protocol: 'UDP', localPort: 'Any', program: 'C:\\program files\\nodejs\\node.exe' }),
    ...[nat, frontend, backend].flatMap((n) => hnsNetworkRules(n.hnsId!, vnic(n))),
    ...processEndpoints.flatMap((c) => c.def.endpoints.map((e, i) => containerEndpointRules(guid(`${S}:hns-ep:${c.def.name}:${e.network.name}`), subnetWithMask(e.network.subnet!), i === 0 ? c.def.ports.filter((x) => x.hostPort !== undefined) : []))).flat(),
  ];
  w.add('host/firewall-rules.json', ps7Json(rules.map(ruleAsNames)));
  w.add('host/firewall-profiles.json', ps7Json([
    firewallProfileRecord({ name: 'Domain', enabled: true, defaultInbound: 'Block', defaultOutbound: 'Allow', allowLocalRules: false }, 'ps7'),
    firewallProfileRecord({ name: 'Private', enabled: true, defaultInbound: 'Block', defaultOutbound: 'Allow', allowLocalRules: 'NotConfigured' }, 'ps7'),
    firewallProfileRecord({ name: 'Public', enabled: true, defaultInbound: 'Block', defaultOutbound: 'Allow', allowLocalRules: false }, 'ps7'),
  ]));

  // ---- HNS and HCS ----------------------------------------------------------------------------
  const extensions = [
    { Id: 'E7C3B2F0-F3C5-48DF-AF2B-10FED6D72E7A', IsEnabled: false, Name: 'Microsoft Windows Filtering Platform' },
    { Id: 'E9B59CFA-2BE1-4B21-828F-B6FBDBDDC017', IsEnabled: false, Name: 'Microsoft Azure VFP Switch Extension' },
    { Id: 'EA24CD6C-D17A-4348-9190-09F0D5BE83DD', IsEnabled: true, Name: 'Microsoft NDIS Capture' },
  ];
  w.add('host/hns-networks.json', ps7Json([nat, frontend, backend].map((n) => ({
    ActivityId: guid(`${S}:activity:${n.name}`).toUpperCase(), AdditionalParams: {}, CurrentEndpointCount: live.filter((c) => c.def.endpoints.some((e) => e.network === n)).length,
    DNSServerList: '10.20.0.10,10.20.0.11', Extensions: extensions, Flags: 0, Health: { LastErrorCode: 0, LastUpdateTime: 133_763_838_820_000_000 + n.name.length },
    ID: n.hnsId!.toUpperCase(), IPv6: false, LayeredOn: guid(`${S}:switch:${n.name}`).toUpperCase(),
    MacPools: [{ EndMacAddress: '00-15-5D-5F-FF-FF', StartMacAddress: '00-15-5D-50-00-00' }], MaxConcurrentEndpoints: 4, Name: n.name,
    Policies: [{ Type: 'VLAN', VLAN: 0 }], State: 1,
    Subnets: [{ AdditionalParams: {}, AddressPrefix: n.subnet!, GatewayAddress: n.gateway!, Health: { LastErrorCode: 0, LastUpdateTime: 133_763_838_820_000_000 }, ID: guid(`${S}:subnet:${n.name}`).toUpperCase(), ObjectType: 5, Policies: [], State: 0 }],
    TotalEndpoints: 12, Type: 'NAT', Version: 38654705669,
  }))));
  w.add('host/hns-endpoints.json', ps7Json(processEndpoints.flatMap((c) => c.def.endpoints.map((e, i) => ({
    ID: guid(`${S}:hns-ep:${c.def.name}:${e.network.name}`).toUpperCase(), Name: e.endpointId, Version: 38654705669, AdditionalParams: {}, Resources: { AdditionalParams: {}, AllocationOrder: 2, ID: guid(`${S}:res:${c.def.name}:${e.network.name}`).toUpperCase(), PortOperationTime: 0, State: 1, SwitchOperationTime: 0, VfpOperationTime: 0, parentId: guid(`${S}:switch:${e.network.name}`).toUpperCase() },
    State: 3, VirtualNetwork: e.network.hnsId!.toUpperCase(), VirtualNetworkName: e.network.name,
    // HNS still carries api's 8080 policy; WinNAT lost the mapping.
    Policies: [{ Type: 'L2Driver' }, ...(i === 0 ? c.def.ports.filter((x) => x.hostPort !== undefined).map((x) => ({ ExternalPort: x.hostPort!, InternalPort: x.containerPort, Protocol: 6, Type: 'NAT' })) : [])],
    MacAddress: macDashed(e.mac), IPAddress: e.ip, PrefixLength: Number(e.network.subnet!.split('/')[1]), GatewayAddress: e.network.gateway!,
    IPSubnetId: guid(`${S}:subnet:${e.network.name}`).toUpperCase(), DNSServerList: '10.20.0.10,10.20.0.11', DNSSuffix: 'contoso.com',
    SharedContainers: [c.def.id], Type: 'NAT',
  })))));
  w.add('host/hcsdiag.txt', renderHcsdiag(live.map((c) => ({ id: c.def.id, type: 'Container' as const, state: 'Running' as const, guid: guid(`${S}:hcs:${c.def.name}`), owner: 'docker' }))));

  // ---- inside the containers ------------------------------------------------------------------
  const inside = (name: string, role: string): number => procs(name).find((x) => x.role === role)!.pid;
  const system = (name: string): NetstatRow[] => [
    ...listenBoth(135, inside(name, 'svc:RPCSS')), ...listenBoth(445, 4),
  ];
  const rpc = (name: string): NetstatRow[] => [...listenBoth(49664, inside(name, 'lsass')), ...listenBoth(49665, inside(name, 'wininit')), udp('0.0.0.0:5353', inside(name, 'svc:NetworkService')), udp('0.0.0.0:5355', inside(name, 'svc:NetworkService'))];
  const listeners: Record<string, NetstatRow[]> = {
    api: [...listenBoth(80, 4), ...system('api'), ...rpc('api'), tcp('172.30.20.5:50122', '172.30.20.4:1433', 'ESTABLISHED', inside('api', 'w3wp'))],
    shop: [...listenBoth(80, 4), ...system('shop'), ...rpc('shop')],
    legacy: [listen('0.0.0.0:3000', mainPid('legacy')), ...system('legacy'), ...rpc('legacy')],
    reports: [...listenBoth(8082, 4), ...system('reports'), ...rpc('reports')],
    db: [...listenBoth(1433, mainPid('db')), ...system('db'), ...rpc('db'), tcp('172.30.20.4:1433', '172.30.20.5:50122', 'ESTABLISHED', mainPid('db'))],
    worker: system('worker'),
    isolated: system('isolated'),
  };
  for (const c of live) w.add(`containers/${c.def.id}/netstat.txt`, renderNetstat(listeners[c.def.name]!));
  // ---- bundle 1.1: routes, interfaces, DNS, services, events, proxy, updates, reserved ports ------------------
  const interfaces: InterfaceDef[] = [
    { alias: 'Ethernet0', index: 5, metric: 15, dns: ['10.20.0.10', '10.20.0.11'], siteLocalDns6: true },
    ...[nat, frontend, backend].map((n, i): InterfaceDef => ({ alias: vnic(n), index: 14 + i * 3, metric: 5000 })),
    LOOPBACK_INTERFACE,
  ];
  w.add('host/routes.json', ps7Json(routeRecords(interfaces, ips, [{ prefix: '0.0.0.0/0', nextHop: '10.20.4.1', alias: 'Ethernet0', index: 5, metric: 0, protocol: 'NetMgmt' }], 'ps7')));
  w.add('host/ip-interfaces.json', ps7Json(ipInterfaceRecords(interfaces, 'ps7')));
  w.add('host/dns-servers.json', ps7Json(dnsServerRecords(interfaces, 'ps7')));
  // Only the Hyper-V management tools are installed, not the role: the switches exist (HNS made them) but the
  // virtualization WMI provider Get-VMSwitch needs does not.
  w.probe('host.vmswitches', 'failed', 'Get-VMSwitch failed: the Hyper-V role is not installed on this host, only its management tools (the virtualization WMI namespace is missing)');
  w.add('host/services.json', ps7Json(serviceRecords(healthyServices({ docker: p('dockerd'), hns: p('svc:hns'), vmcompute: p('vmcompute'), nvagent: p('svc:nvagent') }))));
  // Nothing in the last 7 days: the reboot and the containers' start were nine days before the collection.
  w.add('host/events.json', ps7Json([]));
  w.add('host/proxy.json', ps7Json(noProxy()));
  w.add('host/hotfixes.json', ps7Json(hotfixRecords([['KB5005112', When.at('2021-08-12T09:40:00Z', TZ)], ['KB5034127', When.at('2024-01-12T23:00:00Z', TZ)]])));
  w.add('host/computer.json', ps7Json(computerRecord('VMware, Inc.', 'VMware7,1', true, 'contoso.com')));
  // PowerShell 7 `>`: UTF-8 without BOM.
  w.add('host/excludedports.txt', renderExcludedPorts({
    tcp4: [{ start: 50000, end: 50059, administered: true }, { start: 56931, end: 57030 }, { start: 57031, end: 57130 }],
    udp4: [],
    tcp6: [{ start: 50000, end: 50059, administered: true }],
    dynamicTcp: DEFAULT_DYNAMIC,
    dynamicUdp: DEFAULT_DYNAMIC,
  }));
  for (const c of live) {
    const files = containerDnsFiles(c.def, { dns: ['10.20.0.10', '10.20.0.11'], suffix: 'contoso.com' });
    w.add(`containers/${c.def.id}/ipconfig.txt`, files.ipconfig);
    w.add(`containers/${c.def.id}/hosts.txt`, files.hosts);
  }
  return w.finish();
}
