# host.hotfixes -> host/hotfixes.json: installed updates; some container networking faults are fixed or
# caused by one (KB4074588 moved the reserved port ranges, ../shared/knowledge/windows-containers.md
# section 10). Contract: README.md.
$ErrorActionPreference = 'Stop'

$rows = @(Get-HotFix | Select-Object HotFixID,
    @{ Name = 'InstalledOn'; Expression = { if ($_.InstalledOn) { ([datetime]$_.InstalledOn).ToString('o') } } })
@{ Status = 'ok'; Files = @(@{ Path = 'host/hotfixes.json'; Text = ConvertTo-Json -InputObject $rows -Depth 3 }) }
