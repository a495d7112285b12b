# host.tcp -> host/tcp.json: who listens on a host port a container wants to publish. Contract: README.md.
$ErrorActionPreference = 'Stop'

$rows = @(Get-NetTCPConnection | Select-Object LocalAddress, LocalPort, RemoteAddress, RemotePort,
    @{ Name = 'State'; Expression = { [string]$_.State } }, OwningProcess)
@{ Status = 'ok'; Files = @(@{ Path = 'host/tcp.json'; Text = ConvertTo-Json -InputObject $rows -Depth 3 }) }
