# host.ipaddresses -> host/ip-addresses.json: the host's own addresses, among them the vEthernet address
# containers use to reach the host (../shared/knowledge/windows-containers.md section 3). Contract: README.md.
$ErrorActionPreference = 'Stop'

$rows = @(Get-NetIPAddress | Select-Object InterfaceAlias, InterfaceIndex, IPAddress, PrefixLength,
    @{ Name = 'AddressFamily'; Expression = { [string]$_.AddressFamily } })
@{ Status = 'ok'; Files = @(@{ Path = 'host/ip-addresses.json'; Text = ConvertTo-Json -InputObject $rows -Depth 3 }) }
