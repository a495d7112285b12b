# host.disks -> host/disks.json: a process-isolated container's sandbox.vhdx is mounted on the host as a
# virtual disk without a drive letter (../shared/knowledge/windows-containers.md section 2). Contract: README.md.
$ErrorActionPreference = 'Stop'

# Drive letters live on partitions: fetch every partition once and group them by disk number.
$letters = @{}
foreach ($part in Get-Partition | Select-Object DiskNumber, DriveLetter) {
    if ($null -eq $part.DriveLetter -or -not [char]::IsLetter([char]$part.DriveLetter)) { continue }
    $key = [int]$part.DiskNumber
    if (-not $letters.ContainsKey($key)) { $letters[$key] = @() }
    $letters[$key] += [string]$part.DriveLetter
}

$rows = @(foreach ($disk in Get-Disk | Select-Object Number, FriendlyName, Location, Path, BusType, Size, IsOffline, OperationalStatus) {
    $driveLetters = $letters[[int]$disk.Number]
    if ($null -eq $driveLetters) { $driveLetters = @() }
    [pscustomobject]@{
        Number            = $disk.Number
        FriendlyName      = $disk.FriendlyName
        Location          = $disk.Location
        Path              = $disk.Path
        BusType           = if ($null -ne $disk.BusType) { [string]$disk.BusType } else { $null }
        Size              = $disk.Size
        IsOffline         = $disk.IsOffline
        # An array of states on MSFT_Disk; one readable string here.
        OperationalStatus = (@($disk.OperationalStatus) | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_ }) -join ', '
        DriveLetters      = [string[]]$driveLetters
    }
})
@{ Status = 'ok'; Files = @(@{ Path = 'host/disks.json'; Text = ConvertTo-Json -InputObject $rows -Depth 3 }) }
