# host.services -> host/services.json: the services container networking stands on (docker, hns, vmcompute,
# winnat, SharedAccess for ICS NAT, nvagent); a stopped hns or winnat breaks every nat container
# (../shared/knowledge/failure-catalogue.md). A service absent from the host is absent from the file.
# Contract: README.md.
$ErrorActionPreference = 'Stop'

$names = @('docker', 'hns', 'vmcompute', 'winnat', 'SharedAccess', 'nvagent')
$filter = ($names | ForEach-Object { "Name='$_'" }) -join ' OR '
$rows = @(Get-CimInstance -ClassName Win32_Service -Filter $filter |
    Select-Object Name, State, StartMode, ExitCode, ProcessId)
@{ Status = 'ok'; Files = @(@{ Path = 'host/services.json'; Text = ConvertTo-Json -InputObject $rows -Depth 3 }) }
