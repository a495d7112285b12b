# host.events -> host/events.json: what HNS, the compute service, the engine and the service control manager
# logged in the last 7 days; localised messages carry the HRESULTs the diagnosis matches
# (../shared/knowledge/windows-containers.md section 10). Newest first, at most 500, each message cut to
# 2048 characters, so a noisy host cannot make the bundle unbounded. Contract: README.md.
$ErrorActionPreference = 'Stop'

$maxEvents = 500
$maxMessage = 2048
$since = (Get-Date).AddDays(-7)
# The services of host.services: the System log's service crash and start-failure events name them by
# display name (localised), so the names to match come from the host itself.
$serviceNames = @('docker', 'hns', 'vmcompute', 'winnat', 'SharedAccess', 'nvagent')
$filter = ($serviceNames | ForEach-Object { "Name='$_'" }) -join ' OR '
$watched = @{}
foreach ($name in $serviceNames) { $watched[$name.ToLowerInvariant()] = $true }
foreach ($service in @(Get-CimInstance -ClassName Win32_Service -Filter $filter | Select-Object Name, DisplayName)) {
    if ($service.DisplayName) { $watched[([string]$service.DisplayName).ToLowerInvariant()] = $true }
}

$queries = @(
    @{ LogName = 'Microsoft-Windows-Host-Network-Service-Admin'; StartTime = $since },
    @{ LogName = 'Microsoft-Windows-Hyper-V-Compute-Admin'; StartTime = $since },
    # One query per provider: a provider this host has not registered fails its query only.
    @{ LogName = 'Application'; ProviderName = 'docker'; StartTime = $since },
    @{ LogName = 'Application'; ProviderName = 'DockerService'; StartTime = $since },
    # 7023 service terminated with an error, 7024 with a service error, 7031 crashed, 7034 crashed repeatedly.
    @{ LogName = 'System'; Id = @(7023, 7024, 7031, 7034); StartTime = $since }
)
$records = @(foreach ($query in $queries) {
    try {
        $found = @(Get-WinEvent -FilterHashtable $query -MaxEvents $maxEvents -ErrorAction Stop)
    } catch {
        # No event in the window, or a log or provider this host does not have (no Hyper-V, no engine yet).
        if ([string]$_.FullyQualifiedErrorId -like 'NoMatching*') { continue }
        throw
    }
    if ($query.LogName -eq 'System') {
        $found = @($found | Where-Object { $_.Properties.Count -gt 0 -and $watched.ContainsKey(([string]$_.Properties[0].Value).ToLowerInvariant()) })
    }
    $found
})
$rows = @($records | Sort-Object -Property TimeCreated -Descending | Select-Object -First $maxEvents | ForEach-Object {
    $message = $_.Message
    $time = $null
    if ($null -ne $_.TimeCreated) { $time = ([datetime]$_.TimeCreated).ToUniversalTime().ToString('o') }
    if ($null -ne $message) {
        $message = [string]$message
        if ($message.Length -gt $maxMessage) { $message = $message.Substring(0, $maxMessage) + ' [cut]' }
    }
    [pscustomobject]@{
        TimeCreated  = $time
        LogName      = $_.LogName
        ProviderName = $_.ProviderName
        Id           = $_.Id
        Level        = $_.Level
        Message      = $message
    }
})
@{ Status = 'ok'; Files = @(@{ Path = 'host/events.json'; Text = ConvertTo-Json -InputObject $rows -Depth 3 }) }
