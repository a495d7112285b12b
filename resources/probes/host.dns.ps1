# host.dns -> host/dns-servers.json: the DNS servers of each interface, which containers on a nat network
# reach through HNS's DNS proxy (../shared/knowledge/windows-containers.md section 10, "DNS").
# Contract: README.md.
$ErrorActionPreference = 'Stop'

# MSFT_DNSClientServerAddress declares AddressFamily as a plain uint16 (2 IPv4, 23 IPv6), so [string] alone
# would give "2": the names come from that value map.
$families = @{ '2' = 'IPv4'; '23' = 'IPv6' }
$rows = @(foreach ($entry in @(Get-DnsClientServerAddress)) {
    $family = [string]$entry.AddressFamily
    if ($families.ContainsKey($family)) { $family = $families[$family] }
    $servers = [string[]]@($entry.ServerAddresses | Where-Object { $null -ne $_ })
    [pscustomobject]@{
        InterfaceAlias  = $entry.InterfaceAlias
        InterfaceIndex  = $entry.InterfaceIndex
        AddressFamily   = $family
        ServerAddresses = $servers
    }
})
@{ Status = 'ok'; Files = @(@{ Path = 'host/dns-servers.json'; Text = ConvertTo-Json -InputObject $rows -Depth 3 }) }
