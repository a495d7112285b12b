# host.netstat -> host/netstat.txt: `netstat -ano` as text, the fallback where Get-NetTCPConnection is
# missing. Contract: README.md.
$ErrorActionPreference = 'Stop'

# Keep stdout as the file and stderr for the error; under 'Stop', Windows PowerShell 5.1 would turn the
# first line of a redirected stderr into a terminating error.
$ErrorActionPreference = 'Continue'
$global:LASTEXITCODE = 0
$out = @(); $err = @()
foreach ($item in @(netstat -ano 2>&1)) {
    if ($item -is [System.Management.Automation.ErrorRecord]) { $err += $item.ToString() } else { $out += [string]$item }
}
$code = $LASTEXITCODE
$ErrorActionPreference = 'Stop'
if ($code -ne 0) { throw "netstat -ano exited with code ${code}: $(($err + $out) -join ' ')" }
@{ Status = 'ok'; Files = @(@{ Path = 'host/netstat.txt'; Text = ($out -join "`r`n") + "`r`n" }) }
