# host.os -> host/os.json: the Windows build and edition decide NAT loopback, routing mesh and default
# firewall policy (../shared/knowledge/windows-containers.md section 1). Contract: README.md.
$ErrorActionPreference = 'Stop'

$os = Get-CimInstance -ClassName Win32_OperatingSystem | Select-Object CSName, Caption, Version, BuildNumber, LastBootUpTime
# UBR, EditionID and InstallationType exist only in the registry (UBR from 14393 on).
$current = Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion' |
    Select-Object UBR, EditionID, InstallationType

# Get-WindowsFeature exists on Server only; client Windows lists optional features (needs elevation).
$features = $null
$featuresError = $null
try {
    if (Get-Command Get-WindowsFeature -ErrorAction SilentlyContinue) {
        $features = @(Get-WindowsFeature | Where-Object { $_.Installed } | ForEach-Object { [string]$_.Name })
    } elseif (Get-Command Get-WindowsOptionalFeature -ErrorAction SilentlyContinue) {
        $features = @(Get-WindowsOptionalFeature -Online | Where-Object { [string]$_.State -eq 'Enabled' } | ForEach-Object { [string]$_.FeatureName })
    } else {
        $featuresError = 'neither Get-WindowsFeature nor Get-WindowsOptionalFeature is available'
    }
} catch {
    $featuresError = $_.Exception.Message
}

# The last boot tells "it worked until the restart" apart from a change made on a running host (issue 13).
# ISO 8601 in UTC: Windows PowerShell 5.1 would write a DateTime as \/Date(ms)\/.
$lastBoot = $null
if ($os.LastBootUpTime -is [datetime]) { $lastBoot = $os.LastBootUpTime.ToUniversalTime().ToString('o') }

$computerName = $os.CSName
if (-not $computerName) { $computerName = $env:COMPUTERNAME }
$row = [pscustomobject]@{
    ComputerName     = $computerName
    Caption          = $os.Caption
    Version          = $os.Version
    BuildNumber      = $os.BuildNumber
    UBR              = $current.UBR
    EditionID        = $current.EditionID
    InstallationType = $current.InstallationType
    PSVersion        = $PSVersionTable.PSVersion.ToString()
    Features         = $features
    FeaturesError    = $featuresError
    LastBootUpTime   = $lastBoot
}
@{ Status = 'ok'; Files = @(@{ Path = 'host/os.json'; Text = ConvertTo-Json -InputObject $row -Depth 3 }) }
