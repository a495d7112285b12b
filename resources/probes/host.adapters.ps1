# host.adapters -> host/adapters.json: -IncludeHidden shows the vEthernet adapters HNS creates. Contract: README.md.
$ErrorActionPreference = 'Stop'

$rows = @(Get-NetAdapter -IncludeHidden | Select-Object Name, InterfaceDescription, ifIndex,
    @{ Name = 'Status'; Expression = { [string]$_.Status } }, MacAddress)
@{ Status = 'ok'; Files = @(@{ Path = 'host/adapters.json'; Text = ConvertTo-Json -InputObject $rows -Depth 3 }) }
