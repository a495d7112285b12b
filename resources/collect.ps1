<#
.SYNOPSIS
Collects a Hostscope diagnostic bundle on this Windows container host, without Node or Hostscope.

.DESCRIPTION
Runs the PowerShell probes (the .ps1 files in the probes folder beside this script) and reads the Docker
engine through its API on the named pipe, then writes one zip in the Hostscope bundle layout
(bundle-v1: manifest.json, host/*, docker/*, containers/*) and prints where it is. Open the zip in the
Hostscope app, or with `hostscope summary <zip>`.

Nothing is changed on the host. Every probe has a time-out; one that fails or hangs is recorded in the
manifest (failed, timeout, unsupported, skipped, with the reason) and the collection goes on. The values of
container environment variables (Config.Env, and the Env of swarm services and tasks) are replaced by
"<redacted>" unless -KeepEnv is given.

Copy this script, invoke-probe.ps1 and the probes folder together. Run it as an administrator (firewall,
NAT, HNS and disk state need it) in Windows PowerShell 5.1 or PowerShell 7. Where the execution policy
blocks unsigned scripts, start it with -ExecutionPolicy Bypass, as in the examples.

.PARAMETER OutputPath
Folder the zip is written to. Default: the current folder.

.PARAMETER KeepEnv
Keep the values of container environment variables. They often hold passwords and keys.

.PARAMETER NoDocker
Do not read the Docker engine; only the host probes run.

.PARAMETER TimeoutSeconds
Time-out of each probe, and of each container for the per-container probes. Default: 60.

.PARAMETER DockerPipe
The engine's named pipe. Default: the npipe:// of DOCKER_HOST, else \\.\pipe\docker_engine.

.PARAMETER ProbesPath
Folder of the probe scripts. Default: the probes folder beside this script.

.PARAMETER Module
Modules to import before each probe, in this order, where the probes need commands PowerShell does not
find by itself: typically an HNS module (hns.psm1) that is not installed in a module folder.

.EXAMPLE
powershell.exe -NoProfile -ExecutionPolicy Bypass -File .\collect.ps1
Collects into the current folder.

.EXAMPLE
powershell.exe -NoProfile -ExecutionPolicy Bypass -File .\collect.ps1 -OutputPath D:\support -TimeoutSeconds 120

.EXAMPLE
.\collect.ps1 -Module C:\tools\hns.psm1
Also collects the HNS networks and endpoints, through a hand-installed HNS module.

.EXAMPLE
.\collect.ps1 -NoDocker
Collects the host probes only, for a host whose engine is down.

.NOTES
The bundle is written to a temporary folder first; the zip appears in OutputPath only once complete.
Windows PowerShell 5.1 compatible.
#>
[CmdletBinding()]
param(
    [string]$OutputPath = (Get-Location).Path,
    [switch]$KeepEnv,
    [switch]$NoDocker,
    [ValidateRange(1, 3600)][int]$TimeoutSeconds = 60,
    [string]$DockerPipe,
    [string]$ProbesPath,
    [string[]]$Module = @()
)

$ErrorActionPreference = 'Stop'
$CollectorVersion = '1.1.0'
# The ids of bundle v1's Docker probes (../shared/spec/bundle-v1.md), in the catalogue's order.
$DockerProbeIds = @('docker.version', 'docker.info', 'docker.containers', 'docker.top', 'docker.networks', 'docker.volumes', 'docker.swarm', 'container.listeners', 'container.dns', 'docker.images')
# The files each host probe may write: some of them, never another probe's (the catalogue in
# src/shared/bundle.ts, which a test holds this table to; host.hns.endpoints writes the JSON or hnsdiag's text).
$HostProbeFiles = @{
    'host.os'                = @('host/os.json')
    'host.processes'         = @('host/processes.json')
    'host.netnat'            = @('host/netnat.json')
    'host.natmappings'       = @('host/netnat-static.json')
    'host.natsessions'       = @('host/netnat-sessions.json')
    'host.disks'             = @('host/disks.json')
    'host.vhds'              = @('host/vhds.json')
    'host.firewall.rules'    = @('host/firewall-rules.json')
    'host.firewall.profiles' = @('host/firewall-profiles.json')
    'host.connprofiles'      = @('host/connection-profiles.json')
    'host.tcp'               = @('host/tcp.json')
    'host.udp'               = @('host/udp.json')
    'host.netstat'           = @('host/netstat.txt')
    'host.ipaddresses'       = @('host/ip-addresses.json')
    'host.adapters'          = @('host/adapters.json')
    'host.hns.networks'      = @('host/hns-networks.json')
    'host.hns.endpoints'     = @('host/hns-endpoints.json', 'host/hnsdiag-endpoints.txt')
    'host.hcs'               = @('host/hcsdiag.txt')
    'host.docker.config'     = @('host/daemon.json')
    'host.docker.service'    = @('host/docker-service.json')
    'host.portexclusions'    = @('host/excludedports.txt')
    'host.routes'            = @('host/routes.json')
    'host.ipinterfaces'      = @('host/ip-interfaces.json')
    'host.dns'               = @('host/dns-servers.json')
    'host.vmswitches'        = @('host/vmswitches.json')
    'host.services'          = @('host/services.json')
    'host.events'            = @('host/events.json')
    'host.proxy'             = @('host/proxy.json')
    'host.hotfixes'          = @('host/hotfixes.json')
    'host.computer'          = @('host/computer.json')
}
# The per-container probes: their files, `{id}` standing for the container id, and for each exec'd file the
# command run inside the container (the same table as CONTAINER_COMMANDS in src/collect/docker/collect-docker.ts;
# nanoserver and servercore both have cmd.exe, whose `type` prints the hosts file).
$ContainerProbeFiles = @{
    'docker.top'          = @('docker/top/{id}.json')
    'container.listeners' = @('containers/{id}/netstat.txt')
    'container.dns'       = @('containers/{id}/ipconfig.txt', 'containers/{id}/hosts.txt')
}
$ContainerCommands = @{
    'containers/{id}/netstat.txt'  = @('netstat', '-ano')
    'containers/{id}/ipconfig.txt' = @('ipconfig', '/all')
    'containers/{id}/hosts.txt'    = @('cmd', '/c', 'type', 'C:\Windows\System32\drivers\etc\hosts')
}
# What one command run in a container may print, as the Node collector (MAX_EXEC_OUTPUT_BYTES).
$MaxExecOutputBytes = 32 * 1024 * 1024

. ([scriptblock]::Create([System.IO.File]::ReadAllText((Join-Path $PSScriptRoot 'invoke-probe.ps1'))))
if (-not $ProbesPath) { $ProbesPath = Join-Path $PSScriptRoot 'probes' }

# ---- Running with a time-out ---------------------------------------------------------------------

<#
Runs a script block in a runspace of its own, with Parameters bound as parameters (never as script text)
and the named functions of this script defined. Returns Completed, Output and Error. A run that misses the deadline is asked to stop and abandoned: a wedged cmdlet may never stop.
#>
function Invoke-HostscopeIsolated {
    param(
        [Parameter(Mandatory = $true)][scriptblock]$ScriptBlock,
        [hashtable]$Parameters = @{},
        [string[]]$Functions = @(),
        [Parameter(Mandatory = $true)][int]$TimeoutSeconds
    )
    $state = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
    foreach ($name in $Functions) {
        $definition = (Get-Item -LiteralPath "function:$name").Definition
        $state.Commands.Add((New-Object System.Management.Automation.Runspaces.SessionStateFunctionEntry -ArgumentList $name, $definition))
    }
    $shell = [powershell]::Create($state)
    $null = $shell.AddScript($ScriptBlock.ToString())
    foreach ($key in $Parameters.Keys) { $null = $shell.AddParameter($key, $Parameters[$key]) }
    $handle = $shell.BeginInvoke()
    if (-not $handle.AsyncWaitHandle.WaitOne($TimeoutSeconds * 1000)) {
        $null = $shell.BeginStop($null, $null)
        return [pscustomobject]@{ Completed = $false; Output = @(); Error = $null }
    }
    try {
        $output = @($shell.EndInvoke($handle))
        $errorText = $null
        if ($shell.Streams.Error.Count -gt 0) { $errorText = Get-HostscopeErrorText $shell.Streams.Error[0] }
        [pscustomobject]@{ Completed = $true; Output = $output; Error = $errorText }
    } catch {
        [pscustomobject]@{ Completed = $true; Output = @(); Error = $_.Exception.InnerException.Message }
    } finally {
        $shell.Dispose()
    }
}

# ---- The bundle folder -----------------------------------------------------------------------------

$utf8 = New-Object System.Text.UTF8Encoding -ArgumentList $false
$SafePath = '^[A-Za-z0-9_-]+(/[A-Za-z0-9_.-]+)+$'

# Writes a result's files under the bundle folder; paths are checked so no probe writes outside it. With
# -Allowed (a host probe's own files), any other file is refused, and so is one file twice.
function Save-HostscopeFiles {
    param([Parameter(Mandatory = $true)][string]$Root, [object[]]$Files, [string[]]$Allowed)
    foreach ($file in @($Files)) {
        if ($null -eq $file -or $null -eq $Allowed) { continue }
        $path = [string]$file.Path
        if ($Allowed -notcontains $path) {
            $owner = @($HostProbeFiles.Keys | Where-Object { $HostProbeFiles[$_] -contains $path })
            $why = "the probe returned a file named $(ConvertTo-Json -InputObject $path -Compress), which is not one of its bundle files ($($Allowed -join ', '))"
            if ($owner.Count -gt 0) { $why += ": it belongs to $($owner[0])" }
            throw $why
        }
        if (@($Files | Where-Object { $null -ne $_ -and [string]$_.Path -eq $path }).Count -gt 1) { throw "the probe returned $path twice" }
    }
    $written = @()
    foreach ($file in @($Files)) {
        if ($null -eq $file) { continue }
        $path = [string]$file.Path
        if ($path -notmatch $SafePath -or $path -match '(^|/)\.\.?(/|$)') { throw "refused to write '$path': not a bundle-relative path" }
        $target = Join-Path $Root ($path -replace '/', [System.IO.Path]::DirectorySeparatorChar)
        $null = New-Item -ItemType Directory -Force -Path (Split-Path -Parent $target)
        if ($null -ne $file.Text) { [System.IO.File]::WriteAllText($target, [string]$file.Text, $utf8) }
        else { [System.IO.File]::WriteAllBytes($target, [Convert]::FromBase64String([string]$file.Base64)) }
        $written += $path
    }
    , $written
}

function New-HostscopeManifestEntry {
    param([string]$Id, [string]$Status, [string[]]$Files = @(), [long]$DurationMs = 0, [string]$ErrorText)
    $entry = [ordered]@{ id = $Id; status = $Status; files = [string[]]@($Files); durationMs = $DurationMs }
    if ($Status -ne 'ok' -or $ErrorText) { $entry.error = $ErrorText }
    $entry
}

# Turns one isolated run into the probe's manifest entry, writing its files.
function Complete-HostscopeProbe {
    param([string]$Id, $Run, [System.Diagnostics.Stopwatch]$Clock, [string]$Root)
    $ms = [long]$Clock.ElapsedMilliseconds
    if (-not $Run.Completed) { return New-HostscopeManifestEntry -Id $Id -Status timeout -DurationMs $ms -ErrorText "no result within $TimeoutSeconds s" }
    $results = @($Run.Output | Where-Object { $null -ne $_ })
    if ($results.Count -eq 0) {
        $why = $Run.Error
        if (-not $why) { $why = 'no result' }
        return New-HostscopeManifestEntry -Id $Id -Status failed -DurationMs $ms -ErrorText $why
    }
    $result = $results[$results.Count - 1]
    try {
        $allowed = $null
        if ($Id -like 'host.*') {
            $allowed = [string[]]@()
            if ($HostProbeFiles.ContainsKey($Id)) { $allowed = [string[]]$HostProbeFiles[$Id] }
        }
        $files = Save-HostscopeFiles -Root $Root -Files @($result.Files) -Allowed $allowed
    } catch {
        return New-HostscopeManifestEntry -Id $Id -Status failed -DurationMs $ms -ErrorText $_.Exception.Message
    }
    New-HostscopeManifestEntry -Id $Id -Status ([string]$result.Status) -Files $files -DurationMs $ms -ErrorText ([string]$result.Error)
}

# ---- The Docker engine API over the named pipe ------------------------------------------------------

<#
One HTTP/1.0 request to the engine on a named pipe (\\.\pipe\docker_engine; on PowerShell 7 elsewhere, an
absolute path is a Unix socket). HTTP/1.0 makes the engine close the connection after the answer, so the
body is everything after the headers. Returns StatusCode and Body (bytes). With MaxBytes, an answer that
grows past it is cut and the request fails: a container is not trusted to stop talking.
#>
function Invoke-HostscopeEngine {
    param(
        [Parameter(Mandatory = $true)][string]$Pipe,
        [Parameter(Mandatory = $true)][string]$Method,
        [Parameter(Mandatory = $true)][string]$Path,
        [string]$Body,
        [long]$MaxBytes = 0
    )
    $server = '.'
    $name = $Pipe
    if ($Pipe -match '^\\\\([^\\]+)\\pipe\\(.+)$') { $server = $Matches[1]; $name = $Matches[2] }
    $client = New-Object System.IO.Pipes.NamedPipeClientStream -ArgumentList $server, $name, ([System.IO.Pipes.PipeDirection]::InOut)
    try {
        try { $client.Connect(5000) } catch { throw "cannot reach the Docker engine at ${Pipe}: $($_.Exception.InnerException.Message) Is the docker service running?" }
        $payload = New-Object byte[] 0
        $head = "$Method $Path HTTP/1.0`r`nHost: docker`r`nUser-Agent: hostscope-collect`r`n"
        if ($PSBoundParameters.ContainsKey('Body')) {
            $payload = [System.Text.Encoding]::UTF8.GetBytes($Body)
            $head += "Content-Type: application/json`r`nContent-Length: $($payload.Length)`r`n"
        }
        $request = [System.Text.Encoding]::ASCII.GetBytes($head + "`r`n") + $payload
        $client.Write([byte[]]$request, 0, $request.Length)
        $client.Flush()
        $buffer = New-Object System.IO.MemoryStream
        $chunk = New-Object byte[] 65536
        while (($count = $client.Read($chunk, 0, $chunk.Length)) -gt 0) {
            $buffer.Write($chunk, 0, $count)
            if ($MaxBytes -gt 0 -and $buffer.Length -gt $MaxBytes) { throw "the command printed more than $MaxBytes bytes; stopped reading" }
        }
        $bytes = $buffer.ToArray()
    } finally {
        $client.Dispose()
    }
    $end = -1
    for ($i = 0; $i -le $bytes.Length - 4; $i++) {
        if ($bytes[$i] -eq 13 -and $bytes[$i + 1] -eq 10 -and $bytes[$i + 2] -eq 13 -and $bytes[$i + 3] -eq 10) { $end = $i; break }
    }
    if ($end -lt 0) { throw "the Docker engine at $Pipe sent no HTTP answer to $Method $Path" }
    $headers = [System.Text.Encoding]::ASCII.GetString($bytes, 0, $end)
    if ($headers -notmatch '^HTTP/\d\.\d (\d{3})') { throw "the Docker engine at $Pipe sent no HTTP status line for $Method $Path" }
    $status = [int]$Matches[1]
    # Not $body: PowerShell names are case-insensitive, and $Body is the [string] parameter.
    $content = New-Object byte[] ($bytes.Length - $end - 4)
    [Array]::Copy($bytes, $end + 4, $content, 0, $content.Length)
    if ($headers -match '(?im)^Transfer-Encoding:\s*chunked') { $content = ConvertFrom-HostscopeChunked $content }
    [pscustomobject]@{ StatusCode = $status; Body = $content }
}

function ConvertFrom-HostscopeChunked {
    param([byte[]]$Bytes)
    $out = New-Object System.IO.MemoryStream
    $at = 0
    while ($at -lt $Bytes.Length) {
        $lineEnd = $at
        while ($lineEnd -lt $Bytes.Length - 1 -and -not ($Bytes[$lineEnd] -eq 13 -and $Bytes[$lineEnd + 1] -eq 10)) { $lineEnd++ }
        $size = [Convert]::ToInt32(([System.Text.Encoding]::ASCII.GetString($Bytes, $at, $lineEnd - $at) -split ';')[0].Trim(), 16)
        if ($size -eq 0) { break }
        $out.Write($Bytes, $lineEnd + 2, $size)
        $at = $lineEnd + 2 + $size + 2
    }
    $out.ToArray()
}

# GET a JSON document; anything but 2xx is an error that quotes the engine's message.
function Get-HostscopeEngineJson {
    param([string]$Pipe, [string]$Path)
    $answer = Invoke-HostscopeEngine -Pipe $Pipe -Method GET -Path $Path
    $text = [System.Text.Encoding]::UTF8.GetString($answer.Body)
    if ($answer.StatusCode -lt 200 -or $answer.StatusCode -gt 299) {
        $message = $text.Trim()
        try { $message = (ConvertFrom-Json -InputObject $text).message } catch { $message = $text.Trim() }
        $failure = New-Object System.Exception -ArgumentList "GET $Path answered $($answer.StatusCode): $message"
        $failure.Data['StatusCode'] = $answer.StatusCode
        throw $failure
    }
    [pscustomobject]@{ Text = $text; Bytes = $answer.Body }
}

# GET a document that may be gone by now (removed since the engine listed it): its text, or no output at
# all on 404 (not $null, which would become an empty element of a list).
function Get-HostscopeEngineJsonIfExists {
    param([string]$Pipe, [string]$Path)
    try { (Get-HostscopeEngineJson -Pipe $Pipe -Path $Path).Text }
    catch { if ($_.Exception.Data['StatusCode'] -ne 404) { throw } }
}

# Container ids become file names and URL paths: only the engine's 64 hex digits are accepted.
function Test-HostscopeContainerId {
    param([string]$Id)
    $Id -match '^[0-9a-f]{64}$'
}

# "NAME=value" -> "NAME=<redacted>" in every "Env": [...] list of an engine document (bundle-v1): a
# container's Config.Env, a swarm service's or task's ContainerSpec.Env (PreviousSpec too). The names stay,
# for the diagnosis. Done on the text, not on a parsed copy: ConvertFrom-Json refuses keys that differ only
# in case (labels may), and writing it back would change the engine's document.
function Remove-HostscopeEnvValues {
    param([Parameter(Mandatory = $true)][string]$Json)
    $list = New-Object System.Text.RegularExpressions.Regex -ArgumentList '"Env"\s*:\s*\[(?:[^\]"]|"(?:[^"\\]|\\.)*")*\]'
    $entry = New-Object System.Text.RegularExpressions.Regex -ArgumentList '"((?:[^"\\=]|\\.)*)=(?:[^"\\]|\\.)*"'
    $list.Replace($Json, [System.Text.RegularExpressions.MatchEvaluator] { param($match) $entry.Replace($match.Value, '"$1=<redacted>"') })
}

# The running containers: Id and Label (name and short id, for messages, as the Node collector words them);
# an entry whose id could not safely name a file comes with Refused.
function Get-HostscopeRunningContainers {
    param([string]$Pipe)
    $list = ConvertFrom-Json -InputObject (Get-HostscopeEngineJson -Pipe $Pipe -Path '/containers/json').Text
    foreach ($item in @($list)) {
        if (-not $item) { continue }
        $id = [string]$item.Id
        $name = ''
        if (@($item.Names).Count -gt 0) { $name = ([string]@($item.Names)[0]) -replace '^/', '' }
        if (-not (Test-HostscopeContainerId $id)) {
            [pscustomobject]@{ Id = $id; Label = 'container ' + (ConvertTo-Json -InputObject $id -Compress); Refused = $true }
            continue
        }
        $label = $id.Substring(0, 12)
        if ($name) { $label = (ConvertTo-Json -InputObject $name -Compress) + " ($label)" }
        [pscustomobject]@{ Id = $id; Label = $label; Refused = $false }
    }
}

# One engine-wide Docker probe -> @{ Status; Files; Error }, like a host probe's result.
function Invoke-HostscopeDockerProbe {
    param([string]$Id, [string]$Pipe, [bool]$KeepEnv)
    $ErrorActionPreference = 'Stop'
    $raw = { param($path, $apiPath) @{ Path = $path; Base64 = [Convert]::ToBase64String((Get-HostscopeEngineJson -Pipe $Pipe -Path $apiPath).Bytes) } }
    try {
        switch ($Id) {
            'docker.version' { return @{ Status = 'ok'; Files = @(& $raw 'docker/version.json' '/version') } }
            'docker.info' { return @{ Status = 'ok'; Files = @(& $raw 'docker/info.json' '/info') } }
            'docker.volumes' { return @{ Status = 'ok'; Files = @(& $raw 'docker/volumes.json' '/volumes') } }
            'docker.containers' {
                $list = ConvertFrom-Json -InputObject (Get-HostscopeEngineJson -Pipe $Pipe -Path '/containers/json?all=1').Text
                $items = @(foreach ($item in @($list)) {
                        if (-not $item) { continue }
                        if (-not (Test-HostscopeContainerId ([string]$item.Id))) { throw "the engine listed a container with an unexpected id: $($item.Id)" }
                        $json = Get-HostscopeEngineJsonIfExists -Pipe $Pipe -Path "/containers/$($item.Id)/json"
                        if ($null -eq $json) { continue }
                        if (-not $KeepEnv) { $json = Remove-HostscopeEnvValues -Json $json }
                        $json
                    })
                return @{ Status = 'ok'; Files = @(@{ Path = 'docker/containers.json'; Text = '[' + ($items -join ',') + ']' }) }
            }
            'docker.images' {
                # The images the containers use (issue 16), as the Node collector picks them: listed by the
                # engine and named by a container's ImageID; each inspected for Os, OsVersion, Architecture.
                $containers = ConvertFrom-Json -InputObject (Get-HostscopeEngineJson -Pipe $Pipe -Path '/containers/json?all=1').Text
                $used = @(foreach ($item in @($containers)) { if ($item -and ([string]$item.ImageID) -match '^(?:sha256:)?([0-9a-fA-F]{64})$') { $Matches[1].ToLowerInvariant() } })
                $images = ConvertFrom-Json -InputObject (Get-HostscopeEngineJson -Pipe $Pipe -Path '/images/json').Text
                $present = @(foreach ($item in @($images)) { if ($item -and ([string]$item.Id) -match '^(?:sha256:)?([0-9a-fA-F]{64})$') { $Matches[1].ToLowerInvariant() } })
                $items = @(foreach ($hex in @($used | Select-Object -Unique)) {
                        if ($present -notcontains $hex) { continue }
                        Get-HostscopeEngineJsonIfExists -Pipe $Pipe -Path "/images/sha256:$hex/json"
                    })
                return @{ Status = 'ok'; Files = @(@{ Path = 'docker/images.json'; Text = '[' + ($items -join ',') + ']' }) }
            }
            'docker.networks' {
                $list = ConvertFrom-Json -InputObject (Get-HostscopeEngineJson -Pipe $Pipe -Path '/networks').Text
                $items = @(foreach ($item in @($list)) {
                        if (-not $item) { continue }
                        if ([string]$item.Id -notmatch '^[0-9A-Za-z]+$') { throw "the engine listed a network with an unexpected id: $($item.Id)" }
                        Get-HostscopeEngineJsonIfExists -Pipe $Pipe -Path "/networks/$($item.Id)"
                    })
                return @{ Status = 'ok'; Files = @(@{ Path = 'docker/networks.json'; Text = '[' + ($items -join ',') + ']' }) }
            }
            'docker.swarm' {
                $info = ConvertFrom-Json -InputObject (Get-HostscopeEngineJson -Pipe $Pipe -Path '/info').Text
                if (-not ($info.Swarm -and $info.Swarm.ControlAvailable)) {
                    return @{ Status = 'unsupported'; Error = "this engine is not a swarm manager (Swarm.LocalNodeState: $($info.Swarm.LocalNodeState))" }
                }
                # Services and tasks carry the containers' environment.
                $files = @(foreach ($name in @('services', 'tasks', 'nodes')) {
                        if ($KeepEnv -or $name -eq 'nodes') { & $raw "docker/swarm/$name.json" "/$name" }
                        else { @{ Path = "docker/swarm/$name.json"; Text = Remove-HostscopeEnvValues -Json (Get-HostscopeEngineJson -Pipe $Pipe -Path "/$name").Text } }
                    })
                return @{ Status = 'ok'; Files = $files }
            }
            default { throw "unknown Docker probe $Id" }
        }
    } catch {
        # A manager that is not (yet) one answers 503.
        if ($Id -eq 'docker.swarm' -and $_.Exception.Data['StatusCode'] -eq 503) { return @{ Status = 'unsupported'; Error = $_.Exception.Message } }
        throw
    }
}

# Removed or stopped since the listing: nothing to report. Docker answers 404, or 409 "is not running"; Podman
# 500 "container state improper" (the same rule as vanished() in src/collect/docker/collect-docker.ts).
function Test-HostscopeVanished {
    param([int]$StatusCode, [string]$Message)
    $StatusCode -eq 404 -or (($StatusCode -eq 409 -or $StatusCode -eq 500) -and $Message -match '(?i)not running|state improper')
}

# A command the image does not have: a fact about the image, `unsupported`, not a fault (looksNotFound()).
function Test-HostscopeNotFound {
    param([string]$Text)
    $Text -match '(?i)executable file not found|not found in \$PATH|cannot find the file|is not recognized|no such file or directory'
}

# An exec request the engine refused -> the item's outcome.
function Get-HostscopeExecRefusal {
    param([int]$StatusCode, [byte[]]$Body, [string]$What, [string]$Line)
    $message = [System.Text.Encoding]::UTF8.GetString($Body).Trim()
    try { $parsed = (ConvertFrom-Json -InputObject $message).message; if ($parsed) { $message = [string]$parsed } } catch { $null = $_ }
    if (Test-HostscopeVanished -StatusCode $StatusCode -Message $message) { return @{ Kind = 'gone' } }
    $reason = "$What answered ${StatusCode}: $message"
    if (Test-HostscopeNotFound $message) { return @{ Kind = 'unsupported'; Reason = "$Line cannot run here: $reason" } }
    @{ Kind = 'failed'; Reason = $reason }
}

<#
One container's part of a per-container probe: its `top` (no Command), or one command run inside it whose
stdout becomes File. Returns Kind (ok, gone, failed, unsupported) with File or Reason, decided as the Node
collector decides (src/collect/docker/collect-docker.ts), so both collectors record the same outcome.
#>
function Invoke-HostscopeContainerItem {
    param([string]$Pipe, [string]$ContainerId, [string]$File, [string[]]$Command, [long]$MaxBytes)
    $ErrorActionPreference = 'Stop'
    if (-not $Command) {
        try { $top = Get-HostscopeEngineJson -Pipe $Pipe -Path "/containers/$ContainerId/top" }
        catch {
            $code = $_.Exception.Data['StatusCode']
            if ($null -ne $code -and (Test-HostscopeVanished -StatusCode $code -Message $_.Exception.Message)) { return @{ Kind = 'gone' } }
            throw
        }
        return @{ Kind = 'ok'; File = @{ Path = $File; Base64 = [Convert]::ToBase64String($top.Bytes) } }
    }
    $line = $Command -join ' '
    # The body is built by ConvertTo-Json: the command is data, never spliced into JSON text.
    $request = ConvertTo-Json -Compress -InputObject ([ordered]@{ AttachStdout = $true; AttachStderr = $true; Tty = $false; Cmd = [string[]]$Command })
    $create = Invoke-HostscopeEngine -Pipe $Pipe -Method POST -Path "/containers/$ContainerId/exec" -Body $request
    if ($create.StatusCode -ne 201) { return Get-HostscopeExecRefusal -StatusCode $create.StatusCode -Body $create.Body -What 'creating the exec' -Line $line }
    $execId = [string](ConvertFrom-Json -InputObject ([System.Text.Encoding]::UTF8.GetString($create.Body))).Id
    if ($execId -notmatch '^[0-9a-f]{64}$') { throw "the engine returned an unexpected exec id: $execId" }
    $start = Invoke-HostscopeEngine -Pipe $Pipe -Method POST -Path "/exec/$execId/start" -Body '{"Detach":false,"Tty":false}' -MaxBytes $MaxBytes
    if ($start.StatusCode -ne 200) { return Get-HostscopeExecRefusal -StatusCode $start.StatusCode -Body $start.Body -What 'starting the exec' -Line $line }
    # Without a TTY the stream is framed: 1 byte stream (1 stdout, 2 stderr), 3 zero bytes, 4 bytes big-endian size.
    $stdout = New-Object System.IO.MemoryStream
    $stderr = New-Object System.IO.MemoryStream
    $bytes = $start.Body
    $at = 0
    while ($at + 8 -le $bytes.Length) {
        $size = ([int]$bytes[$at + 4] -shl 24) -bor ([int]$bytes[$at + 5] -shl 16) -bor ([int]$bytes[$at + 6] -shl 8) -bor [int]$bytes[$at + 7]
        $count = [Math]::Min($size, $bytes.Length - $at - 8)
        if ($bytes[$at] -eq 2) { $stderr.Write($bytes, $at + 8, $count) } else { $stdout.Write($bytes, $at + 8, $count) }
        $at += 8 + $size
    }
    $exit = (ConvertFrom-Json -InputObject (Get-HostscopeEngineJson -Pipe $Pipe -Path "/exec/$execId/json").Text).ExitCode
    if ($exit -eq 0) { return @{ Kind = 'ok'; File = @{ Path = $File; Base64 = [Convert]::ToBase64String($stdout.ToArray()) } } }
    $said = ''
    foreach ($stream in @($stderr, $stdout)) {
        $first = @([System.Text.Encoding]::UTF8.GetString($stream.ToArray()) -split '\r?\n' | Where-Object { $_.Trim() -ne '' })
        if ($first.Count -gt 0) { $said = $first[0].Trim(); break }
    }
    $exitText = 'unknown'
    if ($null -ne $exit) { $exitText = [string]$exit }
    $reason = "$line exited with code $exitText"
    if ($said) { $reason += ": $said" }
    # 126/127: the shell's "cannot run" and "not found".
    if ($exit -eq 126 -or $exit -eq 127 -or (Test-HostscopeNotFound $said)) { return @{ Kind = 'unsupported'; Reason = $reason } }
    @{ Kind = 'failed'; Reason = $reason }
}

<#
A per-container probe's manifest entry from its items (one per container and file), writing their files: all
ok (or gone) is ok; otherwise the files collected stay and the status is the one the troubled items share, or
failed when they differ, the error naming each (aggregate() in src/collect/docker/collect-docker.ts).
#>
function Complete-HostscopeItems {
    param([string]$Id, [object[]]$Items, [System.Diagnostics.Stopwatch]$Clock, [string]$Root)
    $done = @($Items | Where-Object { $_.Kind -eq 'ok' })
    $troubled = @($Items | Where-Object { $_.Kind -ne 'ok' -and $_.Kind -ne 'gone' })
    $written = Save-HostscopeFiles -Root $Root -Files @($done | ForEach-Object { $_.File })
    if ($troubled.Count -eq 0) { return New-HostscopeManifestEntry -Id $Id -Status ok -Files $written -DurationMs $Clock.ElapsedMilliseconds }
    $kinds = @($troubled | ForEach-Object { [string]$_.Kind } | Sort-Object -Unique)
    $status = 'failed'
    if ($kinds.Count -eq 1) { $status = $kinds[0] }
    $why = "$($troubled.Count) of $($done.Count + $troubled.Count): " + (@($troubled | ForEach-Object { "$($_.Label): $($_.Reason)" }) -join '; ')
    New-HostscopeManifestEntry -Id $Id -Status $status -Files $written -DurationMs $Clock.ElapsedMilliseconds -ErrorText $why
}

$EngineFunctions = @('Invoke-HostscopeEngine', 'ConvertFrom-HostscopeChunked', 'Get-HostscopeEngineJson', 'Get-HostscopeEngineJsonIfExists', 'Test-HostscopeContainerId', 'Remove-HostscopeEnvValues', 'Get-HostscopeRunningContainers', 'Invoke-HostscopeDockerProbe', 'Test-HostscopeVanished', 'Test-HostscopeNotFound', 'Get-HostscopeExecRefusal', 'Invoke-HostscopeContainerItem', 'Get-HostscopeErrorText')
# Imports -Module in the order given (a later one overrides an earlier one's commands), then runs one probe.
$ProbeRunner = {
    param([string]$ScriptPath, [string[]]$Modules)
    foreach ($name in $Modules) { if ($name) { Import-Module -Name $name -DisableNameChecking -ErrorAction Stop } }
    Invoke-HostscopeProbe -ScriptPath $ScriptPath
}
$ProbeFunctions = @('New-HostscopeProbeResult', 'Get-HostscopeResultValue', 'Get-HostscopeErrorText', 'ConvertTo-HostscopeProbeResult', 'Invoke-HostscopeProbe')

function Resolve-HostscopeDockerPipe {
    if ($DockerPipe) { return $DockerPipe }
    if ($env:DOCKER_HOST -match '^npipe://(.+)$') { return ($Matches[1] -replace '/', '\') }
    '\\.\pipe\docker_engine'
}

# ---- The collection --------------------------------------------------------------------------------

$computer = $env:COMPUTERNAME
if (-not $computer) { $computer = [System.Environment]::MachineName }
$collectedAt = (Get-Date).ToUniversalTime()
# Dates are formatted in the invariant culture: th-TH would write the Buddhist year (2569), fi-FI 18.00.00.
$invariant = [System.Globalization.CultureInfo]::InvariantCulture
$bundleName = 'hostscope-' + ($computer -replace '[^A-Za-z0-9._-]', '_') + '-' + $collectedAt.ToString('yyyyMMdd-HHmmss', $invariant)
$stage = Join-Path ([System.IO.Path]::GetTempPath()) ('hostscope-' + [guid]::NewGuid().ToString('N'))
$root = Join-Path $stage $bundleName
$null = New-Item -ItemType Directory -Force -Path $root
$entries = New-Object System.Collections.ArrayList

try {
    $probeScripts = @(Get-ChildItem -LiteralPath $ProbesPath -Filter 'host.*.ps1' | Sort-Object Name)
    if ($probeScripts.Count -eq 0) { throw "no probe scripts (host.*.ps1) in ${ProbesPath}: copy the probes folder beside collect.ps1" }
    foreach ($script in $probeScripts) {
        $id = [System.IO.Path]::GetFileNameWithoutExtension($script.Name)
        Write-Host "  $id ..." -NoNewline
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $run = Invoke-HostscopeIsolated -ScriptBlock $ProbeRunner -Parameters @{ ScriptPath = $script.FullName; Modules = [string[]]$Module } -Functions $ProbeFunctions -TimeoutSeconds $TimeoutSeconds
        $entry = Complete-HostscopeProbe -Id $id -Run $run -Clock $clock -Root $root
        $null = $entries.Add($entry)
        Write-Host " $($entry.status) ($($entry.durationMs) ms)"
    }

    if ($NoDocker) {
        foreach ($id in $DockerProbeIds) { $null = $entries.Add((New-HostscopeManifestEntry -Id $id -Status skipped -ErrorText 'not collected: -NoDocker')) }
    } else {
        $pipe = Resolve-HostscopeDockerPipe
        Write-Host "  Docker engine at $pipe"
        foreach ($id in $DockerProbeIds) {
            Write-Host "  $id ..." -NoNewline
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            if ($ContainerProbeFiles.ContainsKey($id)) {
                $list = Invoke-HostscopeIsolated -ScriptBlock { param($Pipe) Get-HostscopeRunningContainers -Pipe $Pipe } -Parameters @{ Pipe = $pipe } -Functions $EngineFunctions -TimeoutSeconds $TimeoutSeconds
                $listed = @($list.Output | Where-Object { $null -ne $_ })
                if (-not $list.Completed) { $entry = New-HostscopeManifestEntry -Id $id -Status timeout -DurationMs $clock.ElapsedMilliseconds -ErrorText "listing running containers took over $TimeoutSeconds s" }
                elseif ($list.Error) { $entry = New-HostscopeManifestEntry -Id $id -Status failed -DurationMs $clock.ElapsedMilliseconds -ErrorText $list.Error }
                else {
                    # One container or command that fails does not cost the others their files; the error names it.
                    $items = @(foreach ($container in $listed) {
                            if ($container.Refused) { @{ Kind = 'failed'; Label = $container.Label; Reason = 'refused: not a plain container id' }; continue }
                            foreach ($template in $ContainerProbeFiles[$id]) {
                                $command = [string[]]@()
                                if ($ContainerCommands.ContainsKey($template)) { $command = [string[]]$ContainerCommands[$template] }
                                $parameters = @{ Pipe = $pipe; ContainerId = $container.Id; File = $template.Replace('{id}', $container.Id); Command = $command; MaxBytes = $MaxExecOutputBytes }
                                $one = Invoke-HostscopeIsolated -ScriptBlock { param($Pipe, $ContainerId, $File, $Command, $MaxBytes) Invoke-HostscopeContainerItem -Pipe $Pipe -ContainerId $ContainerId -File $File -Command $Command -MaxBytes $MaxBytes } -Parameters $parameters -Functions $EngineFunctions -TimeoutSeconds $TimeoutSeconds
                                $answer = @($one.Output | Where-Object { $null -ne $_ })
                                if (-not $one.Completed) { @{ Kind = 'timeout'; Label = $container.Label; Reason = "no result within $TimeoutSeconds s" } }
                                elseif ($answer.Count -eq 0) { @{ Kind = 'failed'; Label = $container.Label; Reason = $one.Error } }
                                else { $item = $answer[$answer.Count - 1]; $item.Label = $container.Label; $item }
                            }
                        })
                    $entry = Complete-HostscopeItems -Id $id -Items $items -Clock $clock -Root $root
                }
            } else {
                $run = Invoke-HostscopeIsolated -ScriptBlock { param($Id, $Pipe, $KeepEnv) Invoke-HostscopeDockerProbe -Id $Id -Pipe $Pipe -KeepEnv $KeepEnv } -Parameters @{ Id = $id; Pipe = $pipe; KeepEnv = [bool]$KeepEnv } -Functions $EngineFunctions -TimeoutSeconds $TimeoutSeconds
                $entry = Complete-HostscopeProbe -Id $id -Run $run -Clock $clock -Root $root
            }
            $null = $entries.Add($entry)
            Write-Host " $($entry.status) ($($entry.durationMs) ms)"
            # An engine that cannot be reached fails the same way for every probe: say so once and stop asking.
            if ($id -eq 'docker.version' -and $entry.status -ne 'ok') {
                foreach ($rest in $DockerProbeIds[1..($DockerProbeIds.Count - 1)]) {
                    $null = $entries.Add((New-HostscopeManifestEntry -Id $rest -Status failed -ErrorText "not run: docker.version failed ($($entry.error))"))
                }
                break
            }
        }
    }

    $manifest = [ordered]@{
        format      = 'hostscope-bundle'
        version     = 1
        collectedAt = $collectedAt.ToString('yyyy-MM-ddTHH:mm:ssZ', $invariant)
        collector   = [ordered]@{ name = 'collect.ps1'; version = $CollectorVersion }
        host        = [ordered]@{ computerName = $computer }
        probes      = $entries.ToArray()
    }
    [System.IO.File]::WriteAllText((Join-Path $root 'manifest.json'), (ConvertTo-Json -InputObject $manifest -Depth 5), $utf8)

    # Zip in the temporary folder, then move: OutputPath never holds a half-written bundle.
    $zipName = "$bundleName.zip"
    $staged = Join-Path $stage $zipName
    Compress-Archive -Path (Join-Path $root '*') -DestinationPath $staged
    $null = New-Item -ItemType Directory -Force -Path $OutputPath
    $destination = Join-Path (Resolve-Path -LiteralPath $OutputPath).ProviderPath $zipName
    Move-Item -LiteralPath $staged -Destination $destination -Force
    $counts = @($entries | Group-Object { $_.status } | ForEach-Object { "$($_.Count) $($_.Name)" }) -join ', '
    Write-Host ''
    Write-Host "Probes: $counts"
    Write-Host "Bundle written to: $destination"
    $destination
} finally {
    Remove-Item -LiteralPath $stage -Recurse -Force -ErrorAction SilentlyContinue
}
