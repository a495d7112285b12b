# host.natmappings -> host/netnat-static.json: one static mapping per published port on a nat network
# (../shared/knowledge/windows-containers.md section 3). Contract: README.md.
$ErrorActionPreference = 'Stop'

$rows = @(Get-NetNatStaticMapping | Select-Object StaticMappingID, NatName,
    @{ Name = 'Protocol'; Expression = { if ($null -ne $_.Protocol) { [string]$_.Protocol } } },
    RemoteExternalIPAddressPrefix, ExternalIPAddress, ExternalPort, InternalIPAddress, InternalPort, Active)
@{ Status = 'ok'; Files = @(@{ Path = 'host/netnat-static.json'; Text = ConvertTo-Json -InputObject $rows -Depth 3 }) }
