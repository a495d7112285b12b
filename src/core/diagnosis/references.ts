// Where the Windows facts the diagnosis relies on come from (../shared/knowledge/windows-containers.md).
// Causes and findings hand these to the admin so they can read the original.

const github = (repo: string, kind: 'issues' | 'pull', n: number): string =>
  `https://github.com/${repo}/${kind}/${n}`;
const learn = (path: string): string =>
  `https://learn.microsoft.com/en-us/virtualization/windowscontainers/${path}`;

export const REF = {
  natLoopbackIssue: github('MicrosoftDocs/Virtualization-Documentation', 'issues', 253),
  natLoopbackIssue2: github('MicrosoftDocs/Virtualization-Documentation', 'issues', 181),
  natLoopbackForWin: github('docker/for-win', 'issues', 204),
  routingMeshDoc: learn('manage-containers/swarm-mode'),
  routingMeshRegression: github('moby/moby', 'issues', 42812),
  routingMeshRegression2: github('moby/moby', 'issues', 40998),
  networkIsolationDoc: learn('container-networking/network-isolation-security'),
  networkDriversDoc: learn('container-networking/network-drivers-topologies'),
  firewallInternalPort: github('microsoft/Windows-Containers', 'issues', 561),
  firewallProcessPorts: github('microsoft/Windows-Containers', 'issues', 190),
  localRulesIgnored: github('microsoft/Windows-Containers', 'issues', 203),
  localRulesIgnored2: github('microsoft/hcsshim', 'issues', 1287),
  iccRule: github('moby/moby', 'issues', 34526),
  overlayOnly: github('moby/moby', 'issues', 40224),
  transparentNoRules: github('moby/moby', 'issues', 32410),
  portAlreadyExists: github('moby/moby', 'issues', 33802),
  portAlreadyExists2: github('moby/moby', 'issues', 41094),
  portInUseForWin: github('docker/for-win', 'issues', 3171),
  utilityVmMemory: github('MicrosoftDocs/Virtualization-Documentation', 'issues', 477),
  hypervIsolationDoc: learn('manage-containers/hyperv-container'),
  hypervHostView: github('microsoft/hcsshim', 'issues', 251),
  hypervHostView2: github('microsoft/Windows-Containers', 'issues', 191),
  containerSession: github('microsoft/Windows-Containers', 'issues', 254),
  hcsComputeSystemId: github('moby/moby', 'issues', 38000),
  dockerDaemonDoc: learn('manage-docker/configure-docker-daemon'),
  dockerdConfigFile: 'https://docs.docker.com/reference/cli/dockerd/#daemon-configuration-file',
  dockerApiProtect: 'https://docs.docker.com/engine/security/protect-access/',
  // Tools in containers (Portainer) reach the engine over TCP; the TLS recipe admins use (catalogue 17, 18).
  engineApiTls: github('docker/for-win', 'issues', 1204),
  swarmPorts:
    'https://docs.docker.com/engine/swarm/swarm-tutorial/#open-protocols-and-ports-between-the-hosts',
  swarmHostMode: 'https://docs.docker.com/engine/swarm/ingress/#publish-a-port-for-tcp-only-or-udp-only',
  debugContainerHost:
    'https://github.com/MicrosoftDocs/Virtualization-Documentation/blob/main/windows-server-container-tools/Debug-ContainerHost/Debug-ContainerHost.ps1',
  versionCompatibility: learn('deploy-containers/version-compatibility'),
  // Issue 16: image/host compatibility, isolation defaults, licensing.
  ws2022AndBeyond:
    'https://techcommunity.microsoft.com/t5/containers/windows-server-2022-and-beyond-for-containers/ba-p/2712487',
  containerdWin11Ltsc2022: github('containerd/containerd', 'pull', 8137),
  hcsshimCompatCheck: github('microsoft/hcsshim', 'pull', 1843),
  hcsshimLtsc2025: github('microsoft/hcsshim', 'pull', 2327),
  osMismatchError: github('moby/moby', 'issues', 35247),
  clientProcessIsolation: github('moby/moby', 'pull', 38000),
  containerTypesDoc: learn('about/containers-vs-vm'),
  editionsComparison: 'https://learn.microsoft.com/en-us/windows-server/get-started/editions-comparison',
  persistentStorage: learn('manage-containers/persistent-storage'),
  dockerSecrets: 'https://docs.docker.com/engine/swarm/secrets/',
  dockerRunPublish: 'https://docs.docker.com/reference/cli/docker/container/run/#publish',
  dockerNetworkConnect: 'https://docs.docker.com/reference/cli/docker/network/connect/',
  removeNatMapping: 'https://learn.microsoft.com/en-us/powershell/module/netnat/remove-netnatstaticmapping',
  newFirewallRule: 'https://learn.microsoft.com/en-us/powershell/module/netsecurity/new-netfirewallrule',
  firewallProfile: 'https://learn.microsoft.com/en-us/powershell/module/netsecurity/set-netfirewallprofile',
  // 1.1, from ../shared/knowledge/failure-catalogue.md (entry numbers in the comments)
  overlayNoEgress: github('moby/moby', 'issues', 39191), // 27
  natPlumbingBroken: github('docker/for-win', 'issues', 294), // 29
  natPlumbingBroken2: github('docker/for-win', 'issues', 1166), // 29
  containerToHost: github('MicrosoftDocs/Virtualization-Documentation', 'issues', 442), // 15
  containerToHost2: github('docker/for-win', 'issues', 13101), // 15
  natPrefixOverlap: github('docker/for-win', 'issues', 726), // 7
  natPrefixOverlap2: github('OneGet/MicrosoftDockerProvider', 'issues', 8), // 7
  vpnInterference: github('moby/moby', 'issues', 30826), // 11
  hostAliasMissing: github('docker/for-win', 'issues', 1976), // 14
  dnsStale: github('moby/moby', 'issues', 22887), // 24
  dnsStale2: github('moby/moby', 'issues', 43273), // 24
  mtuIgnored: github('moby/moby', 'issues', 35683), // 19
  mtuSwitch: github('microsoft/SDN', 'issues', 84), // 19
  icmpNotEvidence: github('kubernetes/enhancements', 'pull', 824), // 28
  icmpNotEvidence2: github('docker/for-win', 'issues', 1533), // 28
  natEgressFirewall: github('microsoft/Windows-Containers', 'issues', 617), // 9 caveat
  portReserved: github('docker/for-win', 'issues', 3171), // 2
  portReserved2: github('docker/for-win', 'issues', 11584), // 2
  portReservedKb: github('docker/for-win', 'issues', 1707), // 2
  portReservedEngine: github('docker/for-win', 'issues', 3546), // 2, 2375
  portReservedSwarm: github('docker/for-win', 'issues', 4836), // 2, 2377
  hostIpBinding: github('docker/for-win', 'issues', 10552), // 36
  hostIpBinding2: github('hashicorp/nomad', 'pull', 1475), // 36
  networkMissing: github('moby/moby', 'issues', 38358), // 12
  networkMissing2: github('docker/for-win', 'issues', 14008), // 12
  // DisconnectFromNetwork: a stopped container's network record is matched by name; --force drops it alone.
  networkDisconnectForce: 'https://github.com/moby/moby/blob/master/daemon/container_operations.go',
  hnsEndpointOrphan: github('docker/for-win', 'issues', 13965), // 30
  hnsEndpointOrphan2: github('microsoft/Windows-Containers', 'issues', 631), // 30
  hnsStateCorrupt: github('docker/for-win', 'issues', 3558), // 3
  hnsStateCorrupt2: github('moby/moby', 'issues', 34498), // 3
  hnsCrash: github('microsoft/Windows-Containers', 'issues', 18), // 21
  hnsCrash2: github('microsoft/Windows-Containers', 'issues', 278), // 21
  apipaLoopback: github('docker/for-win', 'issues', 204), // 1, 26
  apipaVswitch: github('microsoft/SDN', 'issues', 498), // 26
  multiNatHang: github('microsoft/Windows-Containers', 'issues', 140), // 10
  multiNatHang2: github('microsoft/Windows-Containers', 'issues', 486), // 10
  secondNat2016: github('moby/moby', 'issues', 29207), // 32
  engineProxy: github('docker/for-win', 'issues', 166), // 16
  engineProxy2: github('moby/moby', 'issues', 43224), // 16
  ipv6Unsupported: github('microsoft/Windows-Containers', 'issues', 522), // 35
  ipv6Unsupported2: github('microsoft/Windows-Containers', 'issues', 75), // 35
  badUpdate: github('microsoft/Windows-Containers', 'issues', 516), // 22
  badUpdate2: github('moby/moby', 'issues', 42426), // 22
  hostToContainer14393: github('moby/moby', 'issues', 29444), // 22
  macSpoofing: github('MicrosoftDocs/Virtualization-Documentation', 'issues', 802), // 25
  macSpoofing2: github('moby/moby', 'issues', 30342), // 25
  winNatInvisible: github('MicrosoftDocs/Virtualization-Documentation', 'issues', 1244), // 42
  natNameField: github('microsoft/Windows-Containers', 'issues', 210), // 42
} as const;
