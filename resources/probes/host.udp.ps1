# host.udp -> host/udp.json. Contract: README.md.
$ErrorActionPreference = 'Stop'

$rows = @(Get-NetUDPEndpoint | Select-Object LocalAddress, LocalPort, OwningProcess)
@{ Status = 'ok'; Files = @(@{ Path = 'host/udp.json'; Text = ConvertTo-Json -InputObject $rows -Depth 3 }) }
