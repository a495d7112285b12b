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
  persistentStorage: learn('manage-containers/persistent-storage'),
  dockerSecrets: 'https://docs.docker.com/engine/swarm/secrets/',
  dockerRunPublish: 'https://docs.docker.com/reference/cli/docker/container/run/#publish',
  dockerNetworkConnect: 'https://docs.docker.com/reference/cli/docker/network/connect/',
  removeNatMapping: 'https://learn.microsoft.com/en-us/powershell/module/netnat/remove-netnatstaticmapping',
  newFirewallRule: 'https://learn.microsoft.com/en-us/powershell/module/netsecurity/new-netfirewallrule',
  firewallProfile: 'https://learn.microsoft.com/en-us/powershell/module/netsecurity/set-netfirewallprofile',
} as const;
