# host.processes -> host/processes.json: session ids tie a process-isolated container's processes to
# the host, vmwp/vmmem mark Hyper-V isolation (../shared/knowledge/windows-containers.md section 2).
# Contract: README.md.
$ErrorActionPreference = 'Stop'

# Get-Process lacks the parent and the command line; Win32_Process has them. Fetch it once, join by id.
$byId = @{}
if (Get-Command Get-CimInstance -ErrorAction SilentlyContinue) {
    foreach ($w in Get-CimInstance -ClassName Win32_Process -Property ProcessId, ParentProcessId, CommandLine) {
        $byId[[int]$w.ProcessId] = $w
    }
}

# The owner needs elevation (-IncludeUserName); unelevated, owners are left out rather than guessed, and the
# UserName property is then absent (an owner the host cannot resolve is written as null).
$withOwner = $true
try { $processes = @(Get-Process -IncludeUserName -ErrorAction Stop) }
catch { $withOwner = $false; $processes = @(Get-Process) }

# Select-Object first: it yields null for StartTime/Path where reading them is denied, instead of an error.
$rows = @(foreach ($p in $processes | Select-Object Id, ProcessName, SI, Path, StartTime, WorkingSet64, UserName) {
    $w = $byId[[int]$p.Id]
    $row = [ordered]@{
        Id              = $p.Id
        ProcessName     = $p.ProcessName
        SI              = $p.SI
        Path            = $p.Path
        StartTime       = if ($p.StartTime) { ([datetime]$p.StartTime).ToString('o') } else { $null }
        WorkingSet64    = $p.WorkingSet64
        ParentProcessId = if ($w) { $w.ParentProcessId } else { $null }
        CommandLine     = if ($w) { $w.CommandLine } else { $null }
    }
    if ($withOwner) { $row.UserName = if ($p.UserName) { [string]$p.UserName } else { $null } }
    [pscustomobject]$row
})
@{ Status = 'ok'; Files = @(@{ Path = 'host/processes.json'; Text = ConvertTo-Json -InputObject $rows -Depth 3 }) }
