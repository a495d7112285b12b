# host.netnat -> host/netnat.json: the WinNAT instance behind Docker's nat network. Contract: README.md.
$ErrorActionPreference = 'Stop'

$rows = @(Get-NetNat | Select-Object Name, InternalIPInterfaceAddressPrefix, ExternalIPInterfaceAddressPrefix, Active)
@{ Status = 'ok'; Files = @(@{ Path = 'host/netnat.json'; Text = ConvertTo-Json -InputObject $rows -Depth 3 }) }
