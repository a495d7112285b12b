# host.natsessions -> host/netnat-sessions.json: live translations; the host's netstat does not show
# connections forwarded to a container (../shared/knowledge/windows-containers.md section 3). Contract: README.md.
$ErrorActionPreference = 'Stop'

$rows = @(Get-NetNatSession | Select-Object NatName,
    @{ Name = 'Protocol'; Expression = { if ($null -ne $_.Protocol) { [string]$_.Protocol } } },
    InternalSourceAddress, InternalSourcePort, InternalDestinationAddress, InternalDestinationPort,
    ExternalSourceAddress, ExternalSourcePort, ExternalDestinationAddress, ExternalDestinationPort,
    @{ Name = 'CreationTime'; Expression = {
            # ISO 8601, not Windows PowerShell's "\/Date(...)\/".
            if ($_.CreationTime -is [datetime]) { $_.CreationTime.ToString('o') }
            elseif ($null -ne $_.CreationTime) { [string]$_.CreationTime }
        }
    })
@{ Status = 'ok'; Files = @(@{ Path = 'host/netnat-sessions.json'; Text = ConvertTo-Json -InputObject $rows -Depth 3 }) }
