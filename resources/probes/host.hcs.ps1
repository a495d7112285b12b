# host.hcs -> host/hcsdiag.txt: `hcsdiag list`, the compute systems behind containers and utility VMs
# (../shared/knowledge/windows-containers.md section 2). Contract: README.md.
$ErrorActionPreference = 'Stop'

if (-not (Get-Command hcsdiag -ErrorAction SilentlyContinue)) {
    return @{ Status = 'unsupported'; Error = 'hcsdiag is not available on this host (it comes with the Windows container features)' }
}
# Keep stdout as the file and stderr for the error; under 'Stop', Windows PowerShell 5.1 would turn the
# first line of a redirected stderr into a terminating error.
$ErrorActionPreference = 'Continue'
$global:LASTEXITCODE = 0
$out = @(); $err = @()
foreach ($item in @(hcsdiag list 2>&1)) {
    if ($item -is [System.Management.Automation.ErrorRecord]) { $err += $item.ToString() } else { $out += [string]$item }
}
$code = $LASTEXITCODE
$ErrorActionPreference = 'Stop'
if ($code -ne 0) { throw "hcsdiag list exited with code ${code}: $(($err + $out) -join ' ')" }
@{ Status = 'ok'; Files = @(@{ Path = 'host/hcsdiag.txt'; Text = ($out -join "`r`n") + "`r`n" }) }
