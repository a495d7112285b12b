# host.hns.networks -> host/hns-networks.json: the Host Networking Service's view of each container
# network (type, subnets, policies), whole and deep. Contract: README.md.
$ErrorActionPreference = 'Stop'

if (-not (Get-Command Get-HnsNetwork -ErrorAction SilentlyContinue)) {
    return @{ Status = 'unsupported'; Error = 'Get-HnsNetwork is not available: no HNS PowerShell module is loaded (for example hns.psm1 from github.com/microsoft/SDN, imported by hand)' }
}
$rows = @(Get-HnsNetwork)
@{ Status = 'ok'; Files = @(@{ Path = 'host/hns-networks.json'; Text = ConvertTo-Json -InputObject $rows -Depth 10 }) }
