# host.hns.endpoints -> host/hns-endpoints.json: one HNS endpoint per container network attachment, whole and
# deep: its Policies hold the NAT policies that are Docker's published ports on 2019 and later
# (../shared/knowledge/windows-containers.md section 10). Where no HNS module is loaded, `hnsdiag list
# endpoints -d` -> host/hnsdiag-endpoints.txt is the stand-in (../shared/spec/bundle-v1.md, 1.1).
# Contract: README.md.
$ErrorActionPreference = 'Stop'

if (Get-Command Get-HnsEndpoint -ErrorAction SilentlyContinue) {
    $rows = @(Get-HnsEndpoint)
    return @{ Status = 'ok'; Files = @(@{ Path = 'host/hns-endpoints.json'; Text = ConvertTo-Json -InputObject $rows -Depth 10 }) }
}
if (-not (Get-Command hnsdiag -ErrorAction SilentlyContinue)) {
    return @{ Status = 'unsupported'; Error = 'neither Get-HnsEndpoint nor hnsdiag is available: no HNS PowerShell module is loaded (for example hns.psm1 from github.com/microsoft/SDN, imported by hand), and hnsdiag comes with the Windows container features' }
}
# Keep stdout as the file and stderr for the error; under 'Stop', Windows PowerShell 5.1 would turn the
# first line of a redirected stderr into a terminating error.
$ErrorActionPreference = 'Continue'
$global:LASTEXITCODE = 0
$out = @(); $err = @()
foreach ($item in @(hnsdiag list endpoints -d 2>&1)) {
    if ($item -is [System.Management.Automation.ErrorRecord]) { $err += $item.ToString() } else { $out += [string]$item }
}
$code = $LASTEXITCODE
$ErrorActionPreference = 'Stop'
if ($code -ne 0) { throw "hnsdiag list endpoints -d exited with code ${code}: $(($err + $out) -join ' ')" }
@{ Status = 'ok'; Files = @(@{ Path = 'host/hnsdiag-endpoints.txt'; Text = ($out -join "`r`n") + "`r`n" }) }
