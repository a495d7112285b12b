# host.hns.endpoints -> host/hns-endpoints.json: one HNS endpoint per container network attachment,
# whole and deep. Contract: README.md.
$ErrorActionPreference = 'Stop'

if (-not (Get-Command Get-HnsEndpoint -ErrorAction SilentlyContinue)) {
    return @{ Status = 'unsupported'; Error = 'Get-HnsEndpoint is not available: no HNS PowerShell module is loaded (for example hns.psm1 from github.com/microsoft/SDN, imported by hand)' }
}
$rows = @(Get-HnsEndpoint)
@{ Status = 'ok'; Files = @(@{ Path = 'host/hns-endpoints.json'; Text = ConvertTo-Json -InputObject $rows -Depth 10 }) }
