# host.connprofiles -> host/connection-profiles.json: the firewall profile of each interface
# (../shared/knowledge/windows-containers.md section 4). Contract: README.md.
$ErrorActionPreference = 'Stop'

$rows = @(Get-NetConnectionProfile | Select-Object InterfaceAlias, InterfaceIndex,
    @{ Name = 'NetworkCategory'; Expression = { [string]$_.NetworkCategory } })
@{ Status = 'ok'; Files = @(@{ Path = 'host/connection-profiles.json'; Text = ConvertTo-Json -InputObject $rows -Depth 3 }) }
