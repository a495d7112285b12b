# host.computer -> host/computer.json: whether this host is itself a VM (nested virtualization for Hyper-V
# isolation) and its domain. Contract: README.md.
$ErrorActionPreference = 'Stop'

$row = Get-CimInstance -ClassName Win32_ComputerSystem |
    Select-Object -First 1 Manufacturer, Model, HypervisorPresent, PartOfDomain, Domain
if (-not $row) { throw 'Win32_ComputerSystem returned no instance' }
@{ Status = 'ok'; Files = @(@{ Path = 'host/computer.json'; Text = ConvertTo-Json -InputObject $row -Depth 3 }) }
