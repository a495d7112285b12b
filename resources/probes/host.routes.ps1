# host.routes -> host/routes.json: the routing table, for a nat prefix that overlaps a VPN or corporate route
# and for several default routes (../shared/knowledge/failure-catalogue.md). Contract: README.md.
$ErrorActionPreference = 'Stop'

$rows = @(Get-NetRoute | Select-Object DestinationPrefix, NextHop, InterfaceAlias, InterfaceIndex, RouteMetric,
    @{ Name = 'AddressFamily'; Expression = { [string]$_.AddressFamily } },
    @{ Name = 'Protocol'; Expression = { [string]$_.Protocol } })
@{ Status = 'ok'; Files = @(@{ Path = 'host/routes.json'; Text = ConvertTo-Json -InputObject $rows -Depth 3 }) }
