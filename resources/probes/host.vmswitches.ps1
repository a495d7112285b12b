# host.vmswitches -> host/vmswitches.json: the Hyper-V virtual switches behind container networks and their
# type (Internal for nat, External for transparent and l2bridge). Contract: README.md.
$ErrorActionPreference = 'Stop'

if (-not (Get-Command Get-VMSwitch -ErrorAction SilentlyContinue)) {
    return @{ Status = 'unsupported'; Error = 'Get-VMSwitch is not available: the Hyper-V PowerShell module is not installed (Install-WindowsFeature Hyper-V-PowerShell)' }
}
$rows = @(Get-VMSwitch | Select-Object Name,
    @{ Name = 'Id'; Expression = { [string]$_.Id } },
    @{ Name = 'SwitchType'; Expression = { [string]$_.SwitchType } },
    NetAdapterInterfaceDescription, AllowManagementOS)
@{ Status = 'ok'; Files = @(@{ Path = 'host/vmswitches.json'; Text = ConvertTo-Json -InputObject $rows -Depth 3 }) }
