# host.vhds -> host/vhds.json: Get-VHD gives the file behind each virtual disk where MSFT_Disk's Location
# is empty (../shared/knowledge/windows-containers.md section 2). Contract: README.md.
$ErrorActionPreference = 'Stop'

if (-not (Get-Command Get-VHD -ErrorAction SilentlyContinue)) {
    return @{ Status = 'unsupported'; Error = 'Get-VHD is not available: the Hyper-V PowerShell module is not installed (Install-WindowsFeature Hyper-V-PowerShell)' }
}

# Virtual disks are BusType "File Backed Virtual" (raw value 15).
$virtual = @(Get-Disk | Where-Object { @('File Backed Virtual', '15') -contains [string]$_.BusType } | ForEach-Object { [int]$_.Number })
$rows = @(foreach ($number in $virtual) {
    Get-VHD -DiskNumber $number | Select-Object DiskNumber, Path,
        @{ Name = 'VhdType'; Expression = { if ($null -ne $_.VhdType) { [string]$_.VhdType } } }, Attached
})
@{ Status = 'ok'; Files = @(@{ Path = 'host/vhds.json'; Text = ConvertTo-Json -InputObject $rows -Depth 3 }) }
