// Windows Server 2022 Standard (Desktop Experience), Docker Engine 26.1, in a branch office. Several of the
// failures admins report most (../shared/knowledge/failure-catalogue.md), each traceable to its file: a published
// port inside a reserved range (entry 2), a nat prefix under a VPN route (entries 7, 11), an orphaned HNS endpoint
// that keeps an address and a port policy (entry 30), HNS crashing and restarting (entry 21), a connected NIC on
// 169.254 (entry 1's precondition), a port binding with a host IP (entry 36); next to a container that works.
// Collected with PowerShell 7 casting enums to names, except processes.json (Windows PowerShell 5.1, UTF-16LE).
import { BundleWriter } from '../lib/bundle-writer';
import type { SampleFile } from '../lib/bundle-writer';
import { asHostProcesses, containerProcesses, topBody } from '../lib/container-processes';
import type { ContainerProcess } from '../lib/container-processes';
import { infoBody, SWARM_INACTIVE, versionBody } from '../lib/docker-engine';
import type { EngineDef } from '../lib/docker-engine';
import { inspectContainer, inspectImages, inspectNetwork } from '../lib/docker-objects';
import type { ContainerDef, EndpointDef, NetworkDef } from '../lib/docker-objects';
import { builtInRules, containerEndpointRules, hnsNetworkRules, ruleAsNames, subnetWithMask } from '../lib/firewall';
import { allocate, windowsBaseline } from '../lib/host-processes';
import type { ProcSpec } from '../lib/host-processes';
import {
  computerRecord, containerDnsFiles, DEFAULT_DYNAMIC, dnsServerRecords, dockerEvent, eventRecords, healthyServices, HNS_ADMIN, HNS_PROVIDER, hotfixRecords, ipInterfaceRecords,
  LOOPBACK_INTERFACE, noProxy, renderExcludedPorts, routeRecords, SCM, serviceRecords, vmSwitchRecord,
} from '../lib/host-network';
import type { EventDef, InterfaceDef } from '../lib/host-network';
import { adapterRecord, connectionProfileRecord, diskPath, diskRecord, firewallProfileRecord, ipRecord, processRecord, socketRecords } from '../lib/host-records';
import type { AdapterDef, DiskDef, IpDef } from '../lib/host-records';
import { guid, hex64, mac, macDashed } from '../lib/ids';
import { configJson, dockerApiJson, dockerCliJson, ps51Json, ps7Json } from '../lib/json';
import type { Json } from '../lib/json';
import { listen, listenBoth, renderHcsdiag, renderNetstat, tcp, udp } from '../lib/text-probes';
import type { NetstatRow } from '../lib/text-probes';
import { When } from '../lib/when';

export const NAME = 'server2022-hns-trouble';
const S = NAME;
const TZ = 60;
const HOST = 'SRV2022-OPS11';
const HOST_IP = '10.50.6.30';
const ROOT = 'C:\\ProgramData\\docker';
const BOOT = When.at('2026-11-29T03:05:12.000Z', TZ);
const COLLECTED = When.at('2026-12-03T09:41:27.000Z', TZ);
const DNS = ['10.50.0.10', '10.50.0.11'];
/** HNS terminated unexpectedly twice; the service control manager restarted it each time (System 7031). */
const HNS_CRASHES = [When.at('2026-12-01T14:02:17.000Z', TZ), When.at('2026-12-02T22:47:50.000Z', TZ)] as const;
/** The VPN route that covers the ci network's prefix (the partner's network behind FortiClient). */
const VPN_ROUTE = '172.18.0.0/16';
const PARTNER_ARTIFACTS = '172.18.40.15';

export function build(): readonly SampleFile[] {
  const w = new BundleWriter(S, { collectedAt: '2026-12-03T09:41:27Z', collector: { name: 'collect.ps1', version: '1.1.0' }, computerName: HOST });

  // ---- networks: the default nat, and the build team's ci network under the VPN's route ------------------
  const natNet = (name: string, subnet: string, gateway: string, created: string): NetworkDef => ({
    name, id: hex64(`${S}:net:${name}`), driver: 'nat', scope: 'local', created: When.at(created, TZ), ipamDriver: 'windows', subnet, gateway,
    hnsId: guid(`${S}:hns:${name}`), extraOptions: { 'com.docker.network.windowsshim.networkname': name },
  });
  const nat = natNet('nat', '172.21.144.0/20', '172.21.144.1', '2026-11-29T03:06:01.3390251Z');
  const ci = natNet('ci', '172.18.32.0/20', '172.18.32.1', '2026-06-17T10:44:29.0914402Z');
  const none: NetworkDef = { name: 'none', id: hex64(`${S}:net:none`), driver: 'null', scope: 'local', created: When.at('2026-11-29T03:06:01.2871106Z', TZ), ipamDriver: 'windows' };
  const ep = (network: NetworkDef, ip: string, who: string): EndpointDef => ({ network, ip, mac: mac(`${S}:${who}`), endpointId: hex64(`${S}:ep:${who}`), ...(network === ci ? { aliases: [hex64(`${S}:ctr:${who}`).slice(0, 12)] } : {}) });

  // ---- containers -----------------------------------------------------------------------------
  const started = { web: BOOT.plus(66_480), agent: BOOT.plus(69_915) };
  const grpcFailed = BOOT.plus(71_204);
  const webProcs = containerProcesses({
    seed: `${S}:procs:web`, base: 'servercore', firstPid: 4016, startedAt: started.web,
    apps: [
      { exe: 'ServiceMonitor.exe', commandLine: 'C:\\ServiceMonitor.exe w3svc', workingSetMb: 1.7, cpuMs: 1_540, role: 'app' },
      { exe: 'svchost.exe', commandLine: 'C:\\Windows\\system32\\svchost.exe -k iissvcs', workingSetMb: 6.6, cpuMs: 4_977, role: 'svc:iissvcs', parent: 'services' },
      { exe: 'w3wp.exe', commandLine: 'c:\\windows\\system32\\inetsrv\\w3wp.exe -ap "DefaultAppPool" -v "v4.0" -l "webengine4.dll" -a \\\\.\\pipe\\iisipm2e7b9d14-6c3a-4f08-b1d5-9a0c4e7f3b62 -h "C:\\inetpub\\temp\\apppools\\DefaultAppPool\\DefaultAppPool.config" -w "" -m 0', workingSetMb: 71.5, cpuMs: 38_120, role: 'w3wp', parent: 'svc:iissvcs' },
    ],
  });
  const agentProcs = containerProcesses({
    seed: `${S}:procs:agent`, base: 'servercore', firstPid: 4728, startedAt: started.agent,
    apps: [{ exe: 'Agent.Listener.exe', commandLine: 'C:\\agent\\bin\\Agent.Listener.exe run', workingSetMb: 88.2, cpuMs: 120_455, role: 'app' }],
  });

  const rdp = 2;
  const crashRestart = (HNS_CRASHES[1].utcMs - BOOT.utcMs) / 1000 + 10.4;
  const baseline = windowsBaseline({ build: 20348, desktop: true, splitSvchost: true, userSession: rdp, rdp: true, sessionStartS: 190_000 })
    // The svchost hosting hns now is the one the service control manager started after the second crash.
    .map((spec): ProcSpec => (spec.roles?.includes('svc:hns') ? { ...spec, startS: crashRestart } : spec));
  const specs: ProcSpec[] = [
    ...baseline,
    { name: 'vmcompute', session: 0, path: 'C:\\Windows\\system32\\vmcompute.exe', commandLine: 'C:\\Windows\\system32\\vmcompute.exe', roles: ['vmcompute'], parentRole: 'services', startS: 6.2, workingSetMb: 14.1 },
    { name: 'vmms', session: 0, path: 'C:\\Windows\\system32\\vmms.exe', commandLine: 'C:\\Windows\\system32\\vmms.exe', parentRole: 'services', startS: 6.9, workingSetMb: 25.2 },
    { name: 'dockerd', session: 0, path: 'C:\\Program Files\\docker\\dockerd.exe', commandLine: '"C:\\Program Files\\docker\\dockerd.exe" --run-service', roles: ['dockerd'], parentRole: 'services', startS: 21.7, workingSetMb: 93.8 },
    { name: 'FortiSSLVPNdaemon', session: rdp, roles: ['FortiSSLVPNdaemon'], path: 'C:\\Program Files\\Fortinet\\FortiClient\\FortiSSLVPNdaemon.exe', commandLine: '"C:\\Program Files\\Fortinet\\FortiClient\\FortiSSLVPNdaemon.exe"', parentRole: 'explorer', startS: 191_240, workingSetMb: 12.6 },
    { name: 'FortiClient', session: rdp, path: 'C:\\Program Files\\Fortinet\\FortiClient\\FortiClient.exe', commandLine: '"C:\\Program Files\\Fortinet\\FortiClient\\FortiClient.exe"', parentRole: 'explorer', startS: 191_236, workingSetMb: 131.9 },
    { name: 'pwsh', session: rdp, path: 'C:\\Program Files\\PowerShell\\7\\pwsh.exe', commandLine: '"C:\\Program Files\\PowerShell\\7\\pwsh.exe" -NoProfile -File C:\\Tools\\hostscope\\collect.ps1 -OutputPath C:\\Tools\\hostscope\\out', roles: ['pwsh'], parentRole: 'explorer', startS: (COLLECTED.utcMs - BOOT.utcMs) / 1000 - 61, workingSetMb: 108.7 },
    { name: 'powershell', session: rdp, path: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', commandLine: '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" -NoProfile -NonInteractive -EncodedCommand RwBlAHQALQBQAHIAbwBjAGUAcwBzAA==', parentRole: 'pwsh', startS: (COLLECTED.utcMs - BOOT.utcMs) / 1000 - 8, workingSetMb: 61.0 },
    ...asHostProcesses(webProcs, 3, BOOT, 'web'),
    ...asHostProcesses(agentProcs, 4, BOOT, 'agent'),
  ];
  const host = allocate(specs, BOOT, `${S}:host`);
  const p = (role: string): number => host.pid(role);

  const mainPid = (procs: readonly ContainerProcess[]): number => procs.find((x) => x.role === 'app')!.pid;
  const base = { dataRoot: ROOT, isolation: 'process' as const, networkMode: 'nat', labels: {}, envNames: [] as string[] };
  const web: ContainerDef = {
    ...base, id: hex64(`${S}:ctr:web`), name: 'web', image: 'registry.contoso.com/branch/intranet:2.8.0', imageId: `sha256:${hex64(`${S}:img:intranet`)}`, state: 'running', restartPolicy: 'always',
    created: When.at('2026-09-02T12:10:44.7720193Z', TZ), startedAt: started.web, endpoints: [ep(nat, '172.21.144.2', 'web')], ports: [{ containerPort: 80, protocol: 'tcp', hostPort: 80, hostIp: '' }],
    mounts: [{ type: 'bind', source: 'C:\\intranet\\content', destination: 'C:\\inetpub\\wwwroot\\content', readOnly: true }],
    entrypoint: ['C:\\ServiceMonitor.exe', 'w3svc'], cmd: null, pid: mainPid(webProcs), sandboxId: hex64(`${S}:sandbox:web`),
  };
  // Its port lies in a range winnat reserved at the last boot, before the engine started it: HNS refused the port.
  const grpc: ContainerDef = {
    ...base, id: hex64(`${S}:ctr:grpc`), name: 'grpc', image: 'registry.contoso.com/branch/inventory-grpc:1.12.3', imageId: `sha256:${hex64(`${S}:img:grpc`)}`, state: 'exited', exitCode: 128, restartPolicy: 'always',
    error: 'failed to create endpoint grpc on network nat: hnsCall failed in Win32: The specified port already exists. (0x803b0013)',
    created: When.at('2026-10-08T07:51:16.2248551Z', TZ), startedAt: When.at('2026-11-15T02:41:33.9014472Z', TZ), finishedAt: grpcFailed,
    endpoints: [ep(nat, '', 'grpc')], ports: [{ containerPort: 50051, protocol: 'tcp', hostPort: 50051, hostIp: '' }],
    mounts: [{ type: 'bind', source: 'C:\\inventory\\data', destination: 'C:\\data' }], envNames: ['GRPC_PORT', 'INVENTORY_DB'],
    entrypoint: ['C:\\app\\Inventory.Grpc.exe'], cmd: null, pid: 0, sandboxId: hex64(`${S}:sandbox:grpc`),
  };
  // `docker run -p 127.0.0.1:9000:9000`: created, never started (knowledge notes section 10, catalogue entry 36).
  const admin: ContainerDef = {
    ...base, id: hex64(`${S}:ctr:admin`), name: 'admin', image: 'registry.contoso.com/branch/admin-console:0.9.4', imageId: `sha256:${hex64(`${S}:img:admin`)}`, state: 'created', exitCode: 128, restartPolicy: 'no',
    error: 'failed to create endpoint admin on network nat: Windows does not support host IP addresses in NAT settings',
    created: When.at('2026-12-03T08:55:02.6671930Z', TZ), startedAt: When.at('2026-12-03T08:55:02.6671930Z', TZ),
    endpoints: [ep(nat, '', 'admin')], ports: [{ containerPort: 9000, protocol: 'tcp', hostPort: 9000, hostIp: '127.0.0.1' }],
    mounts: [{ type: 'bind', source: 'C:\\admin\\state', destination: 'C:\\state' }], entrypoint: ['C:\\console\\AdminConsole.exe'], cmd: null, pid: 0, sandboxId: '',
  };
  const agent: ContainerDef = {
    ...base, id: hex64(`${S}:ctr:agent`), name: 'agent', image: 'registry.contoso.com/ci/build-agent:4.248.0-ltsc2022', imageId: `sha256:${hex64(`${S}:img:agent`)}`, state: 'running', restartPolicy: 'unless-stopped',
    networkMode: 'ci', created: When.at('2026-06-17T10:51:03.5532096Z', TZ), startedAt: started.agent, endpoints: [ep(ci, '172.18.32.2', 'agent')], ports: [],
    mounts: [{ type: 'bind', source: 'C:\\ci\\work', destination: 'C:\\work' }], envNames: ['AGENT_NAME', 'AGENT_POOL', 'ARTIFACTS_URL'], workingDir: 'C:\\agent',
    entrypoint: ['C:\\agent\\bin\\Agent.Listener.exe'], cmd: ['run'], pid: mainPid(agentProcs), sandboxId: hex64(`${S}:sandbox:agent`),
  };
  const containers = [web, grpc, admin, agent];
  const live: [ContainerDef, readonly ContainerProcess[]][] = [[web, webProcs], [agent, agentProcs]];

  // ---- docker/* -------------------------------------------------------------------------------
  const engine: EngineDef = {
    platformName: 'Docker Engine - Community', version: '26.1.4', apiVersion: '1.45', minApiVersion: '1.24', gitCommit: 'de5c9cf', goVersion: 'go1.21.11',
    buildTime: '2024-06-05T11:30:24.000000000+00:00', kernelVersion: '10.0 20348 (20348.1.amd64fre.fe_release.210507-1500)',
    operatingSystem: 'Microsoft Windows Server Version 21H2 (OS Build 20348.2849)', id: 'b4e8a1f3-6d2c-4a9e-8f17-3c5b9d0e2a61',
    name: HOST, dataRoot: ROOT, ncpu: 16, memTotal: 68_447_301_632, containers: { running: 2, stopped: 2 }, images: 7, isolation: 'process', swarm: SWARM_INACTIVE,
  };
  w.add('docker/version.json', dockerApiJson(versionBody(engine)));
  w.add('docker/info.json', dockerApiJson(infoBody(engine)));
  w.add('docker/containers.json', dockerCliJson(containers.map(inspectContainer)));
  w.add('docker/images.json', dockerApiJson(inspectImages(containers, {
    'registry.contoso.com/branch/intranet:2.8.0': '10.0.20348.2849',
    'registry.contoso.com/branch/inventory-grpc:1.12.3': '10.0.20348.2762',
    'registry.contoso.com/branch/admin-console:0.9.4': '10.0.20348.2849',
    'registry.contoso.com/ci/build-agent:4.248.0-ltsc2022': '10.0.20348.2762',
  }, ROOT)));
  w.add('docker/networks.json', dockerCliJson([nat, ci, none].map((n) => inspectNetwork(n, containers))));
  w.add('docker/volumes.json', dockerApiJson({ Volumes: [], Warnings: null }));
  for (const [c, procs] of live) w.add(`docker/top/${c.id}.json`, dockerApiJson(topBody(procs)));
  w.probe('docker.swarm', 'skipped', 'swarm is not active on this node (Swarm.LocalNodeState "inactive")');

  // ---- host: OS, processes, engine ------------------------------------------------------------
  w.add('host/os.json', ps7Json({
    ComputerName: HOST, Caption: 'Microsoft Windows Server 2022 Standard', Version: '10.0.20348', BuildNumber: '20348', UBR: 2849,
    EditionID: 'ServerStandard', InstallationType: 'Server', PSVersion: '7.4.6',
    Features: ['FileAndStorage-Services', 'Storage-Services', 'Hyper-V', 'NET-Framework-45-Features', 'NET-Framework-45-Core', 'NET-WCF-Services45', 'NET-WCF-TCP-PortSharing45', 'Containers', 'RSAT', 'RSAT-Role-Tools', 'RSAT-Hyper-V-Tools', 'Hyper-V-Tools', 'Hyper-V-PowerShell', 'System-DataArchiver', 'Windows-Defender', 'PowerShellRoot', 'PowerShell', 'PowerShell-ISE', 'WoW64-Support', 'XPS-Viewer'],
  }));
  // Windows PowerShell 5.1 `Out-File`: UTF-16LE with BOM.
  w.add('host/processes.json', ps51Json(host.list.map((x) => processRecord(x, 'ps51'))), 'utf-16le-bom');
  w.add('host/docker-service.json', ps7Json({ Name: 'docker', State: 'Running', StartMode: 'Auto', PathName: '"C:\\Program Files\\docker\\dockerd.exe" --run-service' }));
  w.add('host/daemon.json', configJson({ 'log-driver': 'json-file', 'log-opts': { 'max-size': '20m', 'max-file': '5' } }, '\r\n'));

  // ---- WinNAT shows nothing on this build; HNS holds the port policies (knowledge notes section 10) ------------
  w.add('host/netnat.json', ps7Json([]));
  w.add('host/netnat-static.json', ps7Json([]));
  w.add('host/netnat-sessions.json', ps7Json([]));

  // ---- adapters: the LAN, a second NIC without DHCP (169.254), the FortiClient tunnel, two vEthernets --------
  const vnic = (n: NetworkDef): string => `vEthernet (${n.name})`;
  const adapters: AdapterDef[] = [
    { name: 'Ethernet', description: 'Broadcom NetXtreme E-Series Advanced Dual-port 10Gb SFP+ Ethernet OCP 3.0 Adapter', ifIndex: 5, status: 'Up', mac: 'BC-97-E1-4F-20-A6' },
    // Cabled to a port whose VLAN has no DHCP server: connected, and holding only an APIPA address.
    { name: 'Ethernet 2', description: 'Broadcom NetXtreme Gigabit Ethernet', ifIndex: 9, status: 'Up', mac: 'BC-97-E1-4F-20-A8' },
    { name: 'Ethernet 3', description: 'Fortinet SSL VPN Virtual Ethernet Adapter', ifIndex: 23, status: 'Up', mac: '00-09-0F-AA-00-01' },
    { name: vnic(nat), description: 'Hyper-V Virtual Ethernet Container Adapter', ifIndex: 14, status: 'Up', mac: macDashed(mac(`${S}:vnic:nat`)) },
    { name: vnic(ci), description: 'Hyper-V Virtual Ethernet Container Adapter #2', ifIndex: 18, status: 'Up', mac: macDashed(mac(`${S}:vnic:ci`)) },
  ];
  w.add('host/adapters.json', ps7Json(adapters.map(adapterRecord)));
  const ips: IpDef[] = [
    { alias: 'Ethernet', index: 5, ip: HOST_IP, prefix: 24 },
    { alias: 'Ethernet 2', index: 9, ip: '169.254.18.77', prefix: 16 },
    { alias: 'Ethernet 3', index: 23, ip: '10.212.134.200', prefix: 32 },
    { alias: vnic(nat), index: 14, ip: nat.gateway!, prefix: 20 },
    { alias: vnic(ci), index: 18, ip: ci.gateway!, prefix: 20 },
    { alias: 'Loopback Pseudo-Interface 1', index: 1, ip: '127.0.0.1', prefix: 8 },
    { alias: 'Ethernet', index: 5, ip: 'fe80::4d1e:93a2:7c05:e61b%5', prefix: 64 },
    { alias: 'Ethernet 2', index: 9, ip: 'fe80::a83c:15f9:2b7e:4d90%9', prefix: 64 },
    { alias: vnic(nat), index: 14, ip: 'fe80::3b9d:e4a0:18c6:7f25%14', prefix: 64 },
    { alias: vnic(ci), index: 18, ip: 'fe80::c27a:5e91:0d3b:a846%18', prefix: 64 },
    { alias: 'Loopback Pseudo-Interface 1', index: 1, ip: '::1', prefix: 128 },
  ];
  w.add('host/ip-addresses.json', ps7Json(ips.map((a) => ipRecord(a, 'ps7'))));
  w.add('host/connection-profiles.json', ps7Json([
    connectionProfileRecord('Ethernet', 5, 'contoso.com', 'DomainAuthenticated', 'ps7'),
    connectionProfileRecord('Ethernet 2', 9, 'Unidentified network', 'Public', 'ps7'),
    connectionProfileRecord('Ethernet 3', 23, 'fabrikam-partner', 'Public', 'ps7'),
    connectionProfileRecord(vnic(nat), 14, 'Unidentified network', 'Public', 'ps7'),
    connectionProfileRecord(vnic(ci), 18, 'Unidentified network', 'Public', 'ps7'),
  ]));

  const sockets: NetstatRow[] = [
    ...listenBoth(135, p('svc:RpcSs')), ...listenBoth(445, 4), ...listenBoth(3389, p('svc:TermService')), ...listenBoth(5985, 4), ...listenBoth(47001, 4),
    ...listenBoth(49664, p('lsass')), ...listenBoth(49665, p('wininit')), ...listenBoth(49666, p('svc:EventLog')), ...listenBoth(49667, p('svc:Schedule')),
    ...listenBoth(49668, p('spoolsv')), ...listenBoth(49669, p('services')), listen(`${HOST_IP}:139`, 4),
    tcp(`${HOST_IP}:3389`, '10.50.250.14:52733', 'ESTABLISHED', p('svc:TermService')),
    tcp(`${HOST_IP}:49712`, '10.50.0.10:389', 'ESTABLISHED', p('lsass')),
    tcp(`${HOST_IP}:49861`, '203.0.113.40:443', 'ESTABLISHED', p('FortiSSLVPNdaemon')),
    udp('0.0.0.0:123', p('svc:W32Time')), udp('0.0.0.0:500', p('svc:IKEEXT')), udp('0.0.0.0:3389', p('svc:TermService')), udp('0.0.0.0:4500', p('svc:IKEEXT')),
    udp('0.0.0.0:5353', p('svc:Dnscache')), udp('0.0.0.0:5355', p('svc:Dnscache')), udp(`${HOST_IP}:137`, 4), udp(`${HOST_IP}:138`, 4),
    udp('[::]:123', p('svc:W32Time')), udp('[::]:500', p('svc:IKEEXT')), udp('[::]:3389', p('svc:TermService')), udp('[::]:4500', p('svc:IKEEXT')),
  ];
  const records = socketRecords(sockets, 'ps7');
  w.add('host/tcp.json', ps7Json(records.tcp));
  w.add('host/udp.json', ps7Json(records.udp));
  w.add('host/netstat.txt', renderNetstat(sockets));

  const disks: DiskDef[] = [
    { number: 0, friendlyName: 'DELL BOSS-N1', location: 'PCI Slot 1 : Bus 2 : Device 0 : Function 0 : Adapter 0 : Port 0 : Target 0 : LUN 0', path: diskPath('dell', 'boss-n1', '5&19c4e2a8&0&000000'), busType: 'RAID', size: 479_559_942_144, driveLetters: ['C'], serialNumber: '00c2a7e41f3b9d5a8e6b0f21c4d7a3b9' },
    ...live.map(([c], i): DiskDef => ({ number: i + 1, friendlyName: 'Msft Virtual Disk', location: `${ROOT}\\windowsfilter\\${c.id}\\sandbox.vhdx`, path: diskPath('msft', 'virtual_disk', `2&1f4adffe&0&00000${i + 1}`), busType: 'File Backed Virtual', size: 21_474_836_480, driveLetters: [] })),
  ];
  w.add('host/disks.json', ps7Json(disks.map((d) => diskRecord(d, 'ps7'))));
  w.add('host/vhds.json', ps7Json(live.map(([c], i) => ({
    ComputerName: HOST, Path: `${ROOT}\\windowsfilter\\${c.id}\\sandbox.vhdx`, VhdFormat: 'VHDX', VhdType: 'Dynamic', FileSize: 276_824_064 + i * 8_388_608, Size: 21_474_836_480,
    MinimumSize: 21_474_836_480, LogicalSectorSize: 512, PhysicalSectorSize: 4096, BlockSize: 1_048_576, ParentPath: '', DiskIdentifier: guid(`${S}:vhd:${c.name}`).toUpperCase(),
    FragmentationPercentage: null, Alignment: 1, Attached: true, DiskNumber: i + 1, IsPMEMCompatible: false, AddressAbstractionType: 'None', Number: null,
  }))));

  // ---- firewall: defaults; HNS's rules ---------------------------------------------------------
  const hnsEndpointId = (who: string): string => guid(`${S}:hns-ep:${who}`);
  const rules = [
    ...builtInRules({ hyperV: true, desktop: true }),
    ...[nat, ci].flatMap((n) => hnsNetworkRules(n.hnsId!, vnic(n))),
    ...live.flatMap(([c]) => containerEndpointRules(hnsEndpointId(c.name), subnetWithMask(c.endpoints[0]!.network.subnet!), c.ports.filter((x) => x.hostPort !== undefined))),
    // Left behind with the orphaned endpoint (below).
    ...containerEndpointRules(hnsEndpointId('portal'), subnetWithMask(nat.subnet!), [{ containerPort: 443, protocol: 'tcp' }]),
  ];
  w.add('host/firewall-rules.json', ps7Json(rules.map(ruleAsNames)));
  w.add('host/firewall-profiles.json', ps7Json((['Domain', 'Private', 'Public'] as const).map((name) => firewallProfileRecord({ name, enabled: true, defaultInbound: 'NotConfigured', defaultOutbound: 'NotConfigured', allowLocalRules: 'NotConfigured' }, 'ps7'))));

  // ---- HNS: web and agent, and an endpoint no container holds ----------------------------------
  const extensions = [
    { Id: 'E7C3B2F0-F3C5-48DF-AF2B-10FED6D72E7A', IsEnabled: false, Name: 'Microsoft Windows Filtering Platform' },
    { Id: 'F74F241B-440F-4433-BB28-00F89EAD20D8', IsEnabled: true, Name: 'Microsoft Azure VFP Switch Filter Extension' },
    { Id: '430BDADD-BAB0-41AB-A369-94B67FA5BE0A', IsEnabled: true, Name: 'Microsoft NDIS Capture' },
  ];
  w.add('host/hns-networks.json', ps7Json([nat, ci].map((n) => ({
    ActivityId: guid(`${S}:activity:${n.name}`).toUpperCase(), AdditionalParams: {}, CurrentEndpointCount: n === nat ? 2 : 1, DNSServerList: DNS.join(','), Extensions: extensions,
    Flags: 8, Health: { LastErrorCode: 0, LastUpdateTime: 133_776_930_070_000_000 }, ID: n.hnsId!.toUpperCase(), IPv6: false, LayeredOn: guid(`${S}:switch:${n.name}`).toUpperCase(),
    MacPools: [{ EndMacAddress: n === nat ? '00-15-5D-41-AF-FF' : '00-15-5D-41-BF-FF', StartMacAddress: n === nat ? '00-15-5D-41-A0-00' : '00-15-5D-41-B0-00' }], MaxConcurrentEndpoints: 2,
    Name: n.name, NatName: `NAT${n.hnsId!.toUpperCase()}`, Policies: [], State: 1,
    Subnets: [{ AdditionalParams: {}, AddressPrefix: n.subnet!, GatewayAddress: n.gateway!, Health: { LastErrorCode: 0, LastUpdateTime: 133_776_930_070_000_000 }, ID: guid(`${S}:subnet:${n.name}`).toUpperCase(), ObjectType: 5, Policies: [], State: 0 }],
    TotalEndpoints: n === nat ? 2 : 1, Type: 'NAT', Version: 64424509440,
  }))));
  const hnsEndpoint = (who: string, network: NetworkDef, ip: string, macAddress: string, dockerEndpointId: string, containerId: string | null, ports: readonly { hostPort: number; containerPort: number }[]): Json => ({
    ID: hnsEndpointId(who).toUpperCase(), Name: dockerEndpointId, Version: 64424509440, AdditionalParams: {},
    Resources: { AdditionalParams: {}, AllocationOrder: 3, ID: guid(`${S}:res:${who}`).toUpperCase(), PortOperationTime: 0, State: 1, SwitchOperationTime: 0, VfpOperationTime: 0, parentId: guid(`${S}:switch:${network.name}`).toUpperCase() },
    State: containerId === null ? 2 : 3, VirtualNetwork: network.hnsId!.toUpperCase(), VirtualNetworkName: network.name,
    Policies: ports.map((x) => ({ ExternalPort: x.hostPort, ExternalPortReserved: true, InternalPort: x.containerPort, Protocol: 'tcp', Type: 'NAT' })),
    MacAddress: macDashed(macAddress), IPAddress: ip, PrefixLength: 20, GatewayAddress: network.gateway!, IPSubnetId: guid(`${S}:subnet:${network.name}`).toUpperCase(),
    DNSServerList: DNS.join(','), DNSSuffix: 'contoso.com', SharedContainers: containerId === null ? [] : [containerId], Type: 'NAT',
  });
  w.add('host/hns-endpoints.json', ps7Json([
    hnsEndpoint('web', nat, '172.21.144.2', web.endpoints[0]!.mac, web.endpoints[0]!.endpointId, web.id, [{ hostPort: 80, containerPort: 80 }]),
    hnsEndpoint('agent', ci, '172.18.32.2', agent.endpoints[0]!.mac, agent.endpoints[0]!.endpointId, agent.id, []),
    // `portal` was removed while HNS was down (2026-12-01): the engine forgot its endpoint, HNS kept it, with its
    // address and its port policy (catalogue entry 30). No container holds 172.21.144.9.
    hnsEndpoint('portal', nat, '172.21.144.9', mac(`${S}:portal`), hex64(`${S}:ep:portal`), null, [{ hostPort: 8443, containerPort: 443 }]),
  ]));
  w.add('host/hcsdiag.txt', renderHcsdiag(live.map(([c]) => ({ id: c.id, type: 'Container' as const, state: 'Running' as const, guid: guid(`${S}:hcs:${c.name}`), owner: 'docker' }))));

  // ---- bundle 1.1 -------------------------------------------------------------------------------
  const interfaces: InterfaceDef[] = [
    { alias: 'Ethernet', index: 5, metric: 5, dns: DNS, siteLocalDns6: true },
    { alias: 'Ethernet 2', index: 9, metric: 25, dhcp: true, siteLocalDns6: true },
    // FortiClient sets a low metric and a smaller MTU on its tunnel; it does not carry the default route.
    { alias: 'Ethernet 3', index: 23, metric: 1, manualMetric: true, mtu: 1400, dns: ['172.18.0.53'] },
    { alias: vnic(nat), index: 14, metric: 5000 },
    { alias: vnic(ci), index: 18, metric: 5000 },
    LOOPBACK_INTERFACE,
  ];
  w.add('host/routes.json', ps7Json(routeRecords(interfaces, ips, [
    { prefix: '0.0.0.0/0', nextHop: '10.50.6.1', alias: 'Ethernet', index: 5, metric: 0, protocol: 'NetMgmt' },
    // Split tunnel: the partner's network, pushed by the VPN. It covers ci's 172.18.32.0/20.
    { prefix: VPN_ROUTE, nextHop: '0.0.0.0', alias: 'Ethernet 3', index: 23, metric: 1, protocol: 'NetMgmt' },
  ], 'ps7')));
  w.add('host/ip-interfaces.json', ps7Json(ipInterfaceRecords(interfaces, 'ps7')));
  w.add('host/dns-servers.json', ps7Json(dnsServerRecords(interfaces, 'ps7')));
  w.add('host/vmswitches.json', ps7Json([nat, ci].map((n) => vmSwitchRecord({ name: n.name, id: guid(`${S}:switch:${n.name}`), type: 'Internal' }, 'ps7'))));
  const services = healthyServices({ docker: p('dockerd'), hns: p('svc:hns'), vmcompute: p('vmcompute'), nvagent: p('svc:nvagent') });
  w.add('host/services.json', ps7Json(serviceRecords(services)));

  const hnsError = (at: When, message: string): EventDef => ({ at, log: HNS_ADMIN, provider: HNS_PROVIDER, id: 1001, level: 2, message });
  const portExists = (at: When): EventDef[] => [
    hnsError(at, 'HNS failed to apply the port mapping policy (TCP 50051 -> 50051) to endpoint of network nat: The specified port already exists. (0x803b0013)'),
    dockerEvent(at.plus(120), 2, `failed to start container grpc: ${grpc.error!}`),
  ];
  const scm = (at: When, times: number): EventDef => ({
    at, log: 'System', provider: SCM, id: 7031, level: 2,
    message: `The Host Network Service service terminated unexpectedly.  It has done this ${times} time(s).  The following corrective action will be taken in 10000 milliseconds: Restart the service.`,
  });
  w.add('host/events.json', ps7Json(eventRecords([
    dockerEvent(BOOT.plus(21_900), 4, 'Starting up'),
    dockerEvent(BOOT.plus(48_300), 4, 'Loading containers: start.'),
    { at: started.web.plus(-700), log: HNS_ADMIN, provider: HNS_PROVIDER, id: 1054, level: 4, message: `Endpoint ${hnsEndpointId('web').toUpperCase()} was created on network ${nat.hnsId!.toUpperCase()} (nat).` },
    { at: started.agent.plus(-650), log: HNS_ADMIN, provider: HNS_PROVIDER, id: 1054, level: 4, message: `Endpoint ${hnsEndpointId('agent').toUpperCase()} was created on network ${ci.hnsId!.toUpperCase()} (ci).` },
    ...portExists(grpcFailed.plus(-300)),
    dockerEvent(BOOT.plus(73_100), 4, 'Daemon has completed initialization'),
    dockerEvent(BOOT.plus(73_400), 4, 'API listen on //./pipe/docker_engine'),
    scm(HNS_CRASHES[0], 1),
    dockerEvent(HNS_CRASHES[0].plus(41_000), 2, `failed to delete endpoint ${hex64(`${S}:ep:portal`).slice(0, 12)} of container portal: hnsCall failed in Win32: The remote procedure call failed. (0x6be)`),
    scm(HNS_CRASHES[1], 2),
    // The administrator tried twice this morning.
    ...portExists(When.at('2026-12-03T08:50:41.000Z', TZ)),
    ...portExists(When.at('2026-12-03T08:51:09.000Z', TZ)),
    dockerEvent(When.at('2026-12-03T08:55:03.000Z', TZ), 2, `Handler for POST /v1.45/containers/${admin.id.slice(0, 12)}/start returned error: ${admin.error!}`),
  ])));
  w.add('host/proxy.json', ps7Json(noProxy()));
  w.add('host/hotfixes.json', ps7Json(hotfixRecords([['KB5046616', When.at('2026-11-29T02:58:00Z', TZ)], ['KB5012170', When.at('2025-03-10T20:30:00Z', TZ)]])));
  w.add('host/computer.json', ps7Json(computerRecord('Dell Inc.', 'PowerEdge R650xs', true, 'contoso.com')));
  // winnat reserved TCP blocks at boot, before the engine started grpc: 49985-50084 holds 50051.
  w.add('host/excludedports.txt', renderExcludedPorts({
    tcp4: [{ start: 49985, end: 50084 }, { start: 50085, end: 50184 }, { start: 50185, end: 50284 }],
    udp4: [],
    tcp6: [{ start: 49985, end: 50084 }],
    dynamicTcp: DEFAULT_DYNAMIC,
    dynamicUdp: DEFAULT_DYNAMIC,
  }));

  // ---- inside the containers ------------------------------------------------------------------
  const inside = (procs: readonly ContainerProcess[], role: string): number => procs.find((x) => x.role === role)!.pid;
  const system = (procs: readonly ContainerProcess[]): NetstatRow[] => [...listenBoth(135, inside(procs, 'svc:RPCSS')), ...listenBoth(49664, inside(procs, 'lsass')), ...listenBoth(49665, inside(procs, 'wininit'))];
  w.add(`containers/${web.id}/netstat.txt`, renderNetstat([...listenBoth(80, 4), ...system(webProcs), ...listenBoth(445, 4), tcp('172.21.144.2:80', '10.50.6.118:60217', 'ESTABLISHED', 4)]));
  // The agent's request to the partner's artifact server never gets an answer: the address is inside ci's own prefix.
  w.add(`containers/${agent.id}/netstat.txt`, renderNetstat([...system(agentProcs), tcp(`172.18.32.2:49811`, `${PARTNER_ARTIFACTS}:443`, 'SYN_SENT', mainPid(agentProcs))]));
  w.add(`containers/${web.id}/ipconfig.txt`, containerDnsFiles(web, { dns: DNS, suffix: 'contoso.com' }).ipconfig);
  w.add(`containers/${web.id}/hosts.txt`, containerDnsFiles(web, { dns: DNS, suffix: 'contoso.com' }).hosts);
  const agentFiles = containerDnsFiles(agent, { dns: DNS, suffix: 'contoso.com', hostsExtra: [`${PARTNER_ARTIFACTS}    artifacts.fabrikam.com`] });
  w.add(`containers/${agent.id}/ipconfig.txt`, agentFiles.ipconfig);
  w.add(`containers/${agent.id}/hosts.txt`, agentFiles.hosts);
  return w.finish();
}
