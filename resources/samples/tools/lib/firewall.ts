// Windows Firewall rules joined with their port, address and application filters, and the profiles. Enum numbers
// follow MSFT_NetFirewallRule / MSFT_NetFirewallProfile (knowledge notes, section 9).
import type { Json } from './json';

export type ProfileName = 'Domain' | 'Private' | 'Public';

export interface RuleDef {
  readonly name: string;
  readonly displayName: string;
  /** The rule's group as stored: an indirect string ("@FirewallAPI.dll,-28502") for built-in rules. */
  readonly group: string | null;
  readonly displayGroup: string | null;
  readonly enabled: boolean;
  readonly direction: 'Inbound' | 'Outbound';
  readonly action: 'Allow' | 'Block';
  readonly profiles: 'Any' | readonly ProfileName[];
  readonly policyStoreSource: string;
  readonly policyStoreSourceType: 'Local' | 'GroupPolicy' | 'Dynamic';
  readonly protocol: string;
  readonly localPort: string | readonly string[];
  readonly remotePort: string | readonly string[];
  readonly localAddress: string | readonly string[];
  readonly remoteAddress: string | readonly string[];
  readonly program: string;
  readonly description?: string;
  /** Get-NetFirewallInterfaceFilter (bundle 1.1): `Any`, or the aliases the rule is scoped to. */
  readonly interfaceAlias?: 'Any' | readonly string[];
}

type Tuple = readonly [name: string, display: string, group: string, dir: 'In' | 'Out', enabled: boolean, profiles: 'Any' | readonly ProfileName[], protocol: string, localPort: string | readonly string[], remotePort: string, program: string, remoteAddress?: string | readonly string[]];

const SVCHOST = '%SystemRoot%\\system32\\svchost.exe';
const DP: readonly ProfileName[] = ['Domain', 'Private'];
const PUB: readonly ProfileName[] = ['Public'];
const DOM: readonly ProfileName[] = ['Domain'];

/** Display group -> the indirect string Get-NetFirewallRule reports as Group. */
const GROUPS: Readonly<Record<string, string>> = {
  'Core Networking': '@FirewallAPI.dll,-25000',
  'File and Printer Sharing': '@FirewallAPI.dll,-28502',
  'Remote Desktop': '@FirewallAPI.dll,-28752',
  'Windows Remote Management': '@FirewallAPI.dll,-30267',
  'Windows Management Instrumentation (WMI)': '@FirewallAPI.dll,-34251',
  'Remote Event Log Management': '@FirewallAPI.dll,-29252',
  'Remote Service Management': '@FirewallAPI.dll,-29502',
  'Windows Defender Firewall Remote Management': '@FirewallAPI.dll,-30002',
  'Remote Scheduled Tasks Management': '@FirewallAPI.dll,-33252',
  'Remote Volume Management': '@FirewallAPI.dll,-34501',
  'Performance Logs and Alerts': '@FirewallAPI.dll,-34752',
  'Netlogon Service': '@netlogon.dll,-1003',
  'Network Discovery': '@FirewallAPI.dll,-32752',
  'Routing and Remote Access': '@FirewallAPI.dll,-33752',
  'Secure Socket Tunneling Protocol': '@sstpsvc.dll,-35001',
  'Key Management Service': '@FirewallAPI.dll,-28003',
  'Hyper-V': '@%systemroot%\\system32\\vmms.exe,-210',
  'Hyper-V Replica HTTP': '@%systemroot%\\system32\\vmms.exe,-251',
  'Hyper-V Replica HTTPS': '@%systemroot%\\system32\\vmms.exe,-253',
  'Delivery Optimization': '@%systemroot%\\system32\\dosvc.dll,-102',
  'mDNS': '@%SystemRoot%\\system32\\firewallapi.dll,-37302',
  'Cast to Device functionality': '@FirewallAPI.dll,-36001',
  'AllJoyn Router': '@FirewallAPI.dll,-37002',
  'iSCSI Service': '@FirewallAPI.dll,-29002',
};

const BASE: readonly (readonly [string, readonly Tuple[]])[] = [
  ['Core Networking', [
    ['CoreNet-Teredo-In', 'Core Networking - Teredo (UDP-In)', '', 'In', true, 'Any', 'UDP', 'Teredo', 'Any', SVCHOST],
    ['CoreNet-IPHTTPS-In', 'Core Networking - IPHTTPS (TCP-In)', '', 'In', true, 'Any', 'TCP', 'IPHTTPSIn', 'Any', 'System'],
    ['CoreNet-IPv6-In', 'Core Networking - IPv6 (IPv6-In)', '', 'In', true, 'Any', '41', 'Any', 'Any', 'System'],
    ['CoreNet-DHCP-In', 'Core Networking - Dynamic Host Configuration Protocol (DHCP-In)', '', 'In', true, 'Any', 'UDP', '68', '67', SVCHOST],
    ['CoreNet-DHCPV6-In', 'Core Networking - Dynamic Host Configuration Protocol for IPv6(DHCPV6-In)', '', 'In', true, 'Any', 'UDP', '546', '547', SVCHOST],
    ['CoreNet-ICMP6-DU-In', 'Core Networking - Destination Unreachable (ICMPv6-In)', '', 'In', true, 'Any', 'ICMPv6', 'Any', 'Any', 'System'],
    ['CoreNet-ICMP6-PTB-In', 'Core Networking - Packet Too Big (ICMPv6-In)', '', 'In', true, 'Any', 'ICMPv6', 'Any', 'Any', 'System'],
    ['CoreNet-ICMP6-TE-In', 'Core Networking - Time Exceeded (ICMPv6-In)', '', 'In', true, 'Any', 'ICMPv6', 'Any', 'Any', 'System'],
    ['CoreNet-ICMP6-PP-In', 'Core Networking - Parameter Problem (ICMPv6-In)', '', 'In', true, 'Any', 'ICMPv6', 'Any', 'Any', 'System'],
    ['CoreNet-ICMP6-NDS-In', 'Core Networking - Neighbor Discovery Solicitation (ICMPv6-In)', '', 'In', true, 'Any', 'ICMPv6', 'Any', 'Any', 'System'],
    ['CoreNet-ICMP6-NDA-In', 'Core Networking - Neighbor Discovery Advertisement (ICMPv6-In)', '', 'In', true, 'Any', 'ICMPv6', 'Any', 'Any', 'System'],
    ['CoreNet-ICMP6-RA-In', 'Core Networking - Router Advertisement (ICMPv6-In)', '', 'In', true, 'Any', 'ICMPv6', 'Any', 'Any', 'System', 'fe80::/64'],
    ['CoreNet-ICMP6-RS-In', 'Core Networking - Router Solicitation (ICMPv6-In)', '', 'In', true, 'Any', 'ICMPv6', 'Any', 'Any', 'System'],
    ['CoreNet-ICMP6-LQ-In', 'Core Networking - Multicast Listener Query (ICMPv6-In)', '', 'In', true, 'Any', 'ICMPv6', 'Any', 'Any', 'System', 'LocalSubnet6'],
    ['CoreNet-ICMP6-LR-In', 'Core Networking - Multicast Listener Report (ICMPv6-In)', '', 'In', true, 'Any', 'ICMPv6', 'Any', 'Any', 'System', 'LocalSubnet6'],
    ['CoreNet-ICMP6-LR2-In', 'Core Networking - Multicast Listener Report v2 (ICMPv6-In)', '', 'In', true, 'Any', 'ICMPv6', 'Any', 'Any', 'System', 'LocalSubnet6'],
    ['CoreNet-ICMP6-LD-In', 'Core Networking - Multicast Listener Done (ICMPv6-In)', '', 'In', true, 'Any', 'ICMPv6', 'Any', 'Any', 'System', 'LocalSubnet6'],
    ['CoreNet-ICMP4-DUFRAG-In', 'Core Networking - Destination Unreachable Fragmentation Needed (ICMPv4-In)', '', 'In', true, 'Any', 'ICMPv4', 'Any', 'Any', 'System'],
    ['CoreNet-IGMP-In', 'Core Networking - Internet Group Management Protocol (IGMP-In)', '', 'In', true, 'Any', '2', 'Any', 'Any', 'System'],
    ['CoreNet-Teredo-Out', 'Core Networking - Teredo (UDP-Out)', '', 'Out', true, 'Any', 'UDP', 'Any', 'Any', SVCHOST],
    ['CoreNet-IPHTTPS-Out', 'Core Networking - IPHTTPS (TCP-Out)', '', 'Out', true, 'Any', 'TCP', 'Any', 'IPHTTPSOut', SVCHOST],
    ['CoreNet-IPv6-Out', 'Core Networking - IPv6 (IPv6-Out)', '', 'Out', true, 'Any', '41', 'Any', 'Any', 'System'],
    ['CoreNet-DHCP-Out', 'Core Networking - Dynamic Host Configuration Protocol (DHCP-Out)', '', 'Out', true, 'Any', 'UDP', '68', '67', SVCHOST],
    ['CoreNet-DHCPV6-Out', 'Core Networking - Dynamic Host Configuration Protocol for IPv6(DHCPV6-Out)', '', 'Out', true, 'Any', 'UDP', '546', '547', SVCHOST],
    ['CoreNet-DNS-Out-UDP', 'Core Networking - DNS (UDP-Out)', '', 'Out', true, 'Any', 'UDP', 'Any', '53', SVCHOST],
    ['CoreNet-GP-Out-TCP', 'Core Networking - Group Policy (TCP-Out)', '', 'Out', true, DOM, 'TCP', 'Any', 'Any', SVCHOST],
    ['CoreNet-GP-NP-Out-TCP', 'Core Networking - Group Policy (NP-Out)', '', 'Out', true, DOM, 'TCP', 'Any', '445', 'System'],
    ['CoreNet-GP-LSASS-Out-TCP', 'Core Networking - Group Policy (LSASS-Out)', '', 'Out', true, DOM, 'TCP', 'Any', 'Any', '%SystemRoot%\\system32\\lsass.exe'],
    ['CoreNet-ICMP6-PTB-Out', 'Core Networking - Packet Too Big (ICMPv6-Out)', '', 'Out', true, 'Any', 'ICMPv6', 'Any', 'Any', 'Any'],
    ['CoreNet-ICMP6-NDS-Out', 'Core Networking - Neighbor Discovery Solicitation (ICMPv6-Out)', '', 'Out', true, 'Any', 'ICMPv6', 'Any', 'Any', 'Any'],
    ['CoreNet-ICMP6-NDA-Out', 'Core Networking - Neighbor Discovery Advertisement (ICMPv6-Out)', '', 'Out', true, 'Any', 'ICMPv6', 'Any', 'Any', 'Any'],
    ['CoreNet-IGMP-Out', 'Core Networking - Internet Group Management Protocol (IGMP-Out)', '', 'Out', true, 'Any', '2', 'Any', 'Any', 'System'],
  ]],
  ['File and Printer Sharing', [
    ['FPS-NB_Session-In-TCP', 'File and Printer Sharing (NB-Session-In)', '', 'In', true, 'Any', 'TCP', '139', 'Any', 'System'],
    ['FPS-SMB-In-TCP', 'File and Printer Sharing (SMB-In)', '', 'In', true, 'Any', 'TCP', '445', 'Any', 'System'],
    ['FPS-NB_Name-In-UDP', 'File and Printer Sharing (NB-Name-In)', '', 'In', true, 'Any', 'UDP', '137', 'Any', 'System'],
    ['FPS-NB_Datagram-In-UDP', 'File and Printer Sharing (NB-Datagram-In)', '', 'In', true, 'Any', 'UDP', '138', 'Any', 'System'],
    ['FPS-SpoolSvc-In-TCP', 'File and Printer Sharing (Spooler Service - RPC)', '', 'In', false, 'Any', 'TCP', 'RPC', 'Any', '%SystemRoot%\\system32\\spoolsv.exe'],
    ['FPS-RPCSS-In-TCP', 'File and Printer Sharing (Spooler Service - RPC-EPMAP)', '', 'In', false, 'Any', 'TCP', 'RPCEPMap', 'Any', SVCHOST],
    ['FPS-ICMP4-ERQ-In', 'File and Printer Sharing (Echo Request - ICMPv4-In)', '', 'In', true, 'Any', 'ICMPv4', 'Any', 'Any', 'Any'],
    ['FPS-ICMP6-ERQ-In', 'File and Printer Sharing (Echo Request - ICMPv6-In)', '', 'In', true, 'Any', 'ICMPv6', 'Any', 'Any', 'Any'],
    ['FPS-LLMNR-In-UDP', 'File and Printer Sharing (LLMNR-UDP-In)', '', 'In', false, 'Any', 'UDP', '5355', 'Any', SVCHOST, 'LocalSubnet'],
    ['FPS-SMB-Out-TCP', 'File and Printer Sharing (SMB-Out)', '', 'Out', true, 'Any', 'TCP', 'Any', '445', 'System'],
    ['FPS-NB_Session-Out-TCP', 'File and Printer Sharing (NB-Session-Out)', '', 'Out', true, 'Any', 'TCP', 'Any', '139', 'System'],
    ['FPS-ICMP4-ERQ-Out', 'File and Printer Sharing (Echo Request - ICMPv4-Out)', '', 'Out', true, 'Any', 'ICMPv4', 'Any', 'Any', 'Any'],
  ]],
  ['Remote Desktop', [
    ['RemoteDesktop-UserMode-In-TCP', 'Remote Desktop - User Mode (TCP-In)', '', 'In', true, 'Any', 'TCP', '3389', 'Any', SVCHOST],
    ['RemoteDesktop-UserMode-In-UDP', 'Remote Desktop - User Mode (UDP-In)', '', 'In', true, 'Any', 'UDP', '3389', 'Any', SVCHOST],
    ['RemoteDesktop-Shadow-In-TCP', 'Remote Desktop - Shadow (TCP-In)', '', 'In', true, 'Any', 'TCP', 'Any', 'Any', '%SystemRoot%\\system32\\RdpSa.exe'],
  ]],
  ['Windows Remote Management', [
    ['WINRM-HTTP-In-TCP', 'Windows Remote Management (HTTP-In)', '', 'In', true, DP, 'TCP', '5985', 'Any', 'System'],
    ['WINRM-HTTP-In-TCP-PUBLIC', 'Windows Remote Management (HTTP-In)', '', 'In', true, PUB, 'TCP', '5985', 'Any', 'System', 'LocalSubnet'],
  ]],
  ['Windows Management Instrumentation (WMI)', [
    ['WMI-RPCSS-In-TCP', 'Windows Management Instrumentation (DCOM-In)', '', 'In', false, 'Any', 'TCP', '135', 'Any', SVCHOST],
    ['WMI-WINMGMT-In-TCP', 'Windows Management Instrumentation (WMI-In)', '', 'In', false, 'Any', 'TCP', 'Any', 'Any', SVCHOST],
    ['WMI-ASYNC-In-TCP', 'Windows Management Instrumentation (ASync-In)', '', 'In', false, 'Any', 'TCP', 'Any', 'Any', '%systemroot%\\system32\\wbem\\unsecapp.exe'],
    ['WMI-WINMGMT-Out-TCP', 'Windows Management Instrumentation (WMI-Out)', '', 'Out', false, 'Any', 'TCP', 'Any', 'Any', SVCHOST],
  ]],
  ['Remote Event Log Management', [
    ['RemoteEventLogSvc-In-TCP', 'Remote Event Log Management (RPC)', '', 'In', false, 'Any', 'TCP', 'RPC', 'Any', SVCHOST],
    ['RemoteEventLogSvc-NP-In-TCP', 'Remote Event Log Management (NP-In)', '', 'In', false, 'Any', 'TCP', '445', 'Any', 'System'],
    ['RemoteEventLogSvc-RPCSS-In-TCP', 'Remote Event Log Management (RPC-EPMAP)', '', 'In', false, 'Any', 'TCP', 'RPCEPMap', 'Any', SVCHOST],
  ]],
  ['Remote Service Management', [
    ['RemoteSvcAdmin-In-TCP', 'Remote Service Management (RPC)', '', 'In', false, 'Any', 'TCP', 'RPC', 'Any', '%SystemRoot%\\system32\\services.exe'],
    ['RemoteSvcAdmin-NP-In-TCP', 'Remote Service Management (NP-In)', '', 'In', false, 'Any', 'TCP', '445', 'Any', 'System'],
    ['RemoteSvcAdmin-RPCSS-In-TCP', 'Remote Service Management (RPC-EPMAP)', '', 'In', false, 'Any', 'TCP', 'RPCEPMap', 'Any', SVCHOST],
  ]],
  ['Windows Defender Firewall Remote Management', [
    ['RemoteFwAdmin-In-TCP', 'Windows Defender Firewall Remote Management (RPC)', '', 'In', false, 'Any', 'TCP', 'RPC', 'Any', SVCHOST],
    ['RemoteFwAdmin-RPCSS-In-TCP', 'Windows Defender Firewall Remote Management (RPC-EPMAP)', '', 'In', false, 'Any', 'TCP', 'RPCEPMap', 'Any', SVCHOST],
  ]],
  ['Remote Scheduled Tasks Management', [
    ['RemoteTask-In-TCP', 'Remote Scheduled Tasks Management (RPC)', '', 'In', false, 'Any', 'TCP', 'RPC', 'Any', SVCHOST],
    ['RemoteTask-RPCSS-In-TCP', 'Remote Scheduled Tasks Management (RPC-EPMAP)', '', 'In', false, 'Any', 'TCP', 'RPCEPMap', 'Any', SVCHOST],
  ]],
  ['Remote Volume Management', [
    ['RVM-VDS-In-TCP', 'Remote Volume Management - Virtual Disk Service (RPC)', '', 'In', false, 'Any', 'TCP', 'RPC', 'Any', '%SystemRoot%\\system32\\vds.exe'],
    ['RVM-VDSLDR-In-TCP', 'Remote Volume Management - Virtual Disk Service Loader (RPC)', '', 'In', false, 'Any', 'TCP', 'RPC', 'Any', '%SystemRoot%\\system32\\vdsldr.exe'],
    ['RVM-RPCSS-In-TCP', 'Remote Volume Management (RPC-EPMAP)', '', 'In', false, 'Any', 'TCP', 'RPCEPMap', 'Any', SVCHOST],
  ]],
  ['Performance Logs and Alerts', [
    ['PerfLogsAlerts-PLASrv-In-TCP', 'Performance Logs and Alerts (TCP-In)', '', 'In', false, 'Any', 'TCP', 'Any', 'Any', '%systemroot%\\system32\\plasrv.exe'],
    ['PerfLogsAlerts-DCOM-In-TCP', 'Performance Logs and Alerts (DCOM-In)', '', 'In', false, 'Any', 'TCP', '135', 'Any', SVCHOST],
  ]],
  ['Netlogon Service', [
    ['Netlogon-NamedPipe-In', 'Netlogon Service (NP-In)', '', 'In', false, 'Any', 'TCP', '445', 'Any', 'System'],
    ['Netlogon-TCP-RPC-In', 'Netlogon Service Authz (RPC)', '', 'In', false, 'Any', 'TCP', 'RPC', 'Any', '%SystemRoot%\\System32\\lsass.exe'],
  ]],
  ['Network Discovery', [
    ['NETDIS-SSDPSrv-In-UDP', 'Network Discovery (SSDP-In)', '', 'In', false, 'Any', 'UDP', '1900', 'Any', SVCHOST, 'LocalSubnet'],
    ['NETDIS-UPnPHost-In-TCP', 'Network Discovery (UPnP-In)', '', 'In', false, 'Any', 'TCP', '2869', 'Any', 'System', 'LocalSubnet'],
    ['NETDIS-FDPHOST-In-UDP', 'Network Discovery (Pub-WSD-In)', '', 'In', false, 'Any', 'UDP', '3702', 'Any', SVCHOST, 'LocalSubnet'],
    ['NETDIS-WSDEVNT-In-TCP', 'Network Discovery (WSD Events-In)', '', 'In', false, 'Any', 'TCP', '5357', 'Any', 'System', 'LocalSubnet'],
    ['NETDIS-LLMNR-In-UDP', 'Network Discovery (LLMNR-UDP-In)', '', 'In', false, 'Any', 'UDP', '5355', 'Any', SVCHOST, 'LocalSubnet'],
  ]],
  ['Routing and Remote Access', [
    ['RRAS-GRE-In', 'Routing and Remote Access (GRE-In)', '', 'In', false, 'Any', '47', 'Any', 'Any', 'System'],
    ['RRAS-L2TP-In-UDP', 'Routing and Remote Access (L2TP-In)', '', 'In', false, 'Any', 'UDP', '1701', 'Any', 'System'],
    ['RRAS-PPTP-In-TCP', 'Routing and Remote Access (PPTP-In)', '', 'In', false, 'Any', 'TCP', '1723', 'Any', 'System'],
  ]],
  ['Secure Socket Tunneling Protocol', [
    ['SSTP-IN-TCP', 'Secure Socket Tunneling Protocol (SSTP-In)', '', 'In', false, 'Any', 'TCP', '443', 'Any', 'System'],
  ]],
  ['Key Management Service', [
    ['SPPSVC-In-TCP', 'Key Management Service (TCP-In)', '', 'In', false, DP, 'TCP', '1688', 'Any', '%SystemRoot%\\system32\\sppextcomobj.exe'],
  ]],
  ['iSCSI Service', [
    ['MsiScsi-In-TCP', 'iSCSI Service (TCP-In)', '', 'In', false, 'Any', 'TCP', 'Any', 'Any', SVCHOST],
    ['MsiScsi-Out-TCP', 'iSCSI Service (TCP-Out)', '', 'Out', false, 'Any', 'TCP', 'Any', 'Any', SVCHOST],
  ]],
];

const HYPERV: readonly (readonly [string, readonly Tuple[]])[] = [
  ['Hyper-V', [
    ['VIRT-VMMS-RPC-In-TCP', 'Hyper-V (RPC)', '', 'In', true, 'Any', 'TCP', 'RPC', 'Any', '%systemroot%\\system32\\vmms.exe'],
    ['VIRT-VMMS-RPCSS-In-TCP', 'Hyper-V (RPC-EPMAP)', '', 'In', true, 'Any', 'TCP', 'RPCEPMap', 'Any', SVCHOST],
    ['VIRT-VMMS-WMI-DCOM-In-TCP', 'Hyper-V - WMI (DCOM-In)', '', 'In', true, 'Any', 'TCP', '135', 'Any', SVCHOST],
    ['VIRT-VMMS-WMI-In-TCP', 'Hyper-V - WMI (TCP-In)', '', 'In', true, 'Any', 'TCP', 'Any', 'Any', SVCHOST],
    ['VIRT-VMMS-WMI-Async-In-TCP', 'Hyper-V - WMI (Async-In)', '', 'In', true, 'Any', 'TCP', 'Any', 'Any', '%systemroot%\\system32\\wbem\\unsecapp.exe'],
    ['VIRT-VMMS-WMI-Out-TCP', 'Hyper-V - WMI (TCP-Out)', '', 'Out', true, 'Any', 'TCP', 'Any', 'Any', SVCHOST],
  ]],
  ['Hyper-V Replica HTTP', [
    ['VIRT-REPL-HTTP-Listener-In-TCP', 'Hyper-V Replica HTTP Listener (TCP-In)', '', 'In', false, 'Any', 'TCP', '80', 'Any', 'System'],
  ]],
  ['Hyper-V Replica HTTPS', [
    ['VIRT-REPL-HTTPS-Listener-In-TCP', 'Hyper-V Replica HTTPS Listener (TCP-In)', '', 'In', false, 'Any', 'TCP', '443', 'Any', 'System'],
  ]],
];

const DESKTOP: readonly (readonly [string, readonly Tuple[]])[] = [
  ['Delivery Optimization', [
    ['DeliveryOptimization-TCP-In', 'Delivery Optimization (TCP-In)', '', 'In', true, 'Any', 'TCP', '7680', 'Any', SVCHOST],
    ['DeliveryOptimization-UDP-In', 'Delivery Optimization (UDP-In)', '', 'In', true, 'Any', 'UDP', '7680', 'Any', SVCHOST],
  ]],
  ['Cast to Device functionality', [
    ['PlayTo-In-UDP-NoScope', 'Cast to Device functionality (qWave-UDP-In)', '', 'In', true, PUB, 'UDP', '2177', 'Any', SVCHOST, 'PlayToDevice'],
    ['PlayTo-HTTPSTR-In-TCP-NoScope', 'Cast to Device streaming server (HTTP-Streaming-In)', '', 'In', true, DOM, 'TCP', '10246', 'Any', 'System'],
    ['PlayTo-SSDP-Discovery-PlayToSvc', 'Cast to Device SSDP Discovery (UDP-In)', '', 'In', true, PUB, 'UDP', 'PlayToDiscovery', 'Any', SVCHOST],
  ]],
  ['AllJoyn Router', [
    ['AllJoyn-Router-In-TCP', 'AllJoyn Router (TCP-In)', '', 'In', true, DP, 'TCP', '9955', 'Any', SVCHOST],
    ['AllJoyn-Router-In-UDP', 'AllJoyn Router (UDP-In)', '', 'In', true, DP, 'UDP', 'Any', 'Any', SVCHOST],
  ]],
  ['mDNS', [
    ['MDNS-In-UDP-Private-Active', 'mDNS (UDP-In)', '', 'In', true, ['Private'], 'UDP', '5353', 'Any', SVCHOST],
    ['MDNS-In-UDP-Domain-Active', 'mDNS (UDP-In)', '', 'In', true, DOM, 'UDP', '5353', 'Any', SVCHOST],
    ['MDNS-In-UDP-Public-Active', 'mDNS (UDP-In)', '', 'In', true, PUB, 'UDP', '5353', 'Any', SVCHOST, 'LocalSubnet'],
  ]],
];

export interface BaselineRuleOptions {
  readonly hyperV: boolean;
  readonly desktop: boolean;
  /** Built-in rules whose Enabled differs from the default (an admin enabled WMI, say). */
  readonly enable?: readonly string[];
  readonly disable?: readonly string[];
}

/** The built-in rules of a Windows Server with the given roles, in the persistent store. */
export function builtInRules(o: BaselineRuleOptions): RuleDef[] {
  const sets = [...BASE, ...(o.hyperV ? HYPERV : []), ...(o.desktop ? DESKTOP : [])];
  return sets.flatMap(([displayGroup, tuples]) =>
    tuples.map(([name, displayName, , dir, enabled, profiles, protocol, localPort, remotePort, program, remoteAddress]) => ({
      name,
      displayName,
      group: GROUPS[displayGroup] ?? null,
      displayGroup,
      enabled: o.enable?.includes(name) ? true : o.disable?.includes(name) ? false : enabled,
      direction: dir === 'In' ? 'Inbound' : 'Outbound',
      action: 'Allow',
      profiles,
      policyStoreSource: 'PersistentStore',
      policyStoreSourceType: 'Local',
      protocol,
      localPort,
      remotePort,
      localAddress: 'Any',
      remoteAddress: remoteAddress ?? 'Any',
      program,
    })),
  );
}

/** A rule an administrator or a script added (New-NetFirewallRule): no group, persistent store, or a GPO. */
export function customRule(r: Partial<RuleDef> & Pick<RuleDef, 'name' | 'displayName' | 'protocol' | 'localPort'>): RuleDef {
  return {
    group: null,
    displayGroup: null,
    enabled: true,
    direction: 'Inbound',
    action: 'Allow',
    profiles: 'Any',
    policyStoreSource: 'PersistentStore',
    policyStoreSourceType: 'Local',
    remotePort: 'Any',
    localAddress: 'Any',
    remoteAddress: 'Any',
    program: 'Any',
    ...r,
  };
}

/**
 * The rules HNS adds for a nat network (DNS on its vEthernet, knowledge notes section 4), scoped to that
 * interface (InterfaceAlias, collected from bundle 1.1). They live in the dynamic (not persistent) store.
 */
export function hnsNetworkRules(networkGuid: string, vEthernet: string): RuleDef[] {
  const id = networkGuid.toUpperCase();
  const base = { group: null, displayGroup: null, policyStoreSource: 'Local', policyStoreSourceType: 'Dynamic' as const, remotePort: 'Any', localAddress: 'Any', remoteAddress: 'Any', program: 'Any', interfaceAlias: [vEthernet] };
  return [
    { ...base, name: `HNS Container Networking - DNS (UDP-In) - ${id} - 0`, displayName: `HNS Container Networking - DNS (UDP-In) - ${id} - 0`, enabled: true, direction: 'Inbound', action: 'Allow', profiles: 'Any', protocol: 'UDP', localPort: '53' },
    { ...base, name: `HNS Container Networking - ICS DNS (TCP-In) - ${id} - 0`, displayName: `HNS Container Networking - ICS DNS (TCP-In) - ${id} - 0`, enabled: true, direction: 'Inbound', action: 'Allow', profiles: 'Any', protocol: 'TCP', localPort: '53' },
  ];
}

/**
 * The rules created for one process-isolated container endpoint: inter-container traffic on its subnet, and an
 * allow for each published port's *internal* port (Windows-Containers#561). No public capture names these rules
 * (knowledge notes section 4): the names here are placeholders; readers must match by port and protocol.
 */
export function containerEndpointRules(endpointGuid: string, subnetMask: string, ports: readonly { readonly containerPort: number; readonly protocol: 'tcp' | 'udp' }[]): RuleDef[] {
  const id = endpointGuid.toUpperCase();
  const base = { group: null, displayGroup: null, policyStoreSource: 'Local', policyStoreSourceType: 'Dynamic' as const, enabled: true, direction: 'Inbound' as const, action: 'Allow' as const, profiles: 'Any' as const, remotePort: 'Any', localAddress: 'Any', program: 'Any' };
  return [
    { ...base, name: `Container Enable ICC - ${id}`, displayName: `Container Enable ICC - ${id}`, protocol: 'Any', localPort: 'Any', remoteAddress: [subnetMask] },
    ...ports.map((p) => ({
      ...base,
      name: `HNS Container Networking - Port ${p.containerPort} (${p.protocol.toUpperCase()}-In) - ${id} - 0`,
      displayName: `HNS Container Networking - Port ${p.containerPort} (${p.protocol.toUpperCase()}-In) - ${id} - 0`,
      protocol: p.protocol.toUpperCase(),
      localPort: String(p.containerPort),
      remoteAddress: 'Any',
    })),
  ];
}

const PROFILE_FLAGS: Readonly<Record<ProfileName, number>> = { Domain: 1, Private: 2, Public: 4 };

/** Windows PowerShell 5.1 without [string] casts: enums as their numbers (knowledge notes section 9). */
export function ruleAsNumbers(r: RuleDef): Json {
  return {
    Name: r.name,
    DisplayName: r.displayName,
    Description: r.description ?? null,
    Group: r.group,
    DisplayGroup: r.displayGroup,
    Enabled: r.enabled ? 1 : 2,
    Direction: r.direction === 'Inbound' ? 1 : 2,
    Action: r.action === 'Allow' ? 2 : 4,
    Profile: r.profiles === 'Any' ? 0 : r.profiles.reduce((sum, p) => sum + PROFILE_FLAGS[p], 0),
    EdgeTraversalPolicy: 0,
    PrimaryStatus: 1,
    PolicyStoreSource: r.policyStoreSource,
    PolicyStoreSourceType: r.policyStoreSourceType === 'Local' ? 0 : r.policyStoreSourceType === 'GroupPolicy' ? 1 : 2,
    Protocol: r.protocol,
    LocalPort: r.localPort,
    RemotePort: r.remotePort,
    LocalAddress: r.localAddress,
    RemoteAddress: r.remoteAddress,
    Program: r.program,
    InterfaceAlias: r.interfaceAlias ?? 'Any',
  };
}

/** The probe casting with [string]: enum names, Profile as "Domain, Private" or "Any". */
export function ruleAsNames(r: RuleDef): Json {
  return {
    Name: r.name,
    DisplayName: r.displayName,
    Group: r.group,
    DisplayGroup: r.displayGroup,
    Enabled: r.enabled ? 'True' : 'False',
    Direction: r.direction,
    Action: r.action,
    Profile: r.profiles === 'Any' ? 'Any' : r.profiles.join(', '),
    PolicyStoreSource: r.policyStoreSource,
    PolicyStoreSourceType: r.policyStoreSourceType,
    Protocol: r.protocol,
    LocalPort: r.localPort,
    RemotePort: r.remotePort,
    LocalAddress: r.localAddress,
    RemoteAddress: r.remoteAddress,
    Program: r.program,
    InterfaceAlias: r.interfaceAlias ?? 'Any',
  };
}

/** "172.24.80.0/20" -> "172.24.80.0/255.255.240.0", how NetFirewallAddressFilter prints a subnet. */
export function subnetWithMask(cidr: string): string {
  const [addr, len] = cidr.split('/') as [string, string];
  const bits = Number(len);
  const mask = [0, 1, 2, 3].map((i) => 256 - 2 ** (8 - Math.max(0, Math.min(8, bits - i * 8)))).map((v) => (v === 256 ? 0 : v));
  return `${addr}/${mask.join('.')}`;
}
