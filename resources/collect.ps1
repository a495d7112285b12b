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
$CollectorVersion = '1.0.0'
# The ids and files of bundle v1's Docker probes (../shared/spec/bundle-v1.md); the host probes name
# their own files.
$DockerProbeIds = @('docker.version', 'docker.info', 'docker.containers', 'docker.top', 'docker.networks', 'docker.volumes', 'docker.swarm', 'container.listeners')

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

# Writes a result's files under the bundle folder; paths are checked so no probe writes outside it.
function Save-HostscopeFiles {
    param([Parameter(Mandatory = $true)][string]$Root, [object[]]$Files)
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
        $files = Save-HostscopeFiles -Root $Root -Files @($result.Files)
    } catch {
        return New-HostscopeManifestEntry -Id $Id -Status failed -DurationMs $ms -ErrorText $_.Exception.Message
    }
    New-HostscopeManifestEntry -Id $Id -Status ([string]$result.Status) -Files $files -DurationMs $ms -ErrorText ([string]$result.Error)
}

# ---- The Docker engine API over the named pipe ------------------------------------------------------

<#
One HTTP/1.0 request to the engine on a named pipe (\\.\pipe\docker_engine; on PowerShell 7 elsewhere, an
absolute path is a Unix socket). HTTP/1.0 makes the engine close the connection after the answer, so the
body is everything after the headers. Returns StatusCode and Body (bytes).
#>
function Invoke-HostscopeEngine {
    param(
        [Parameter(Mandatory = $true)][string]$Pipe,
        [Parameter(Mandatory = $true)][string]$Method,
        [Parameter(Mandatory = $true)][string]$Path,
        [string]$Body
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
        $client.CopyTo($buffer)
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

function Get-HostscopeRunningContainers {
    param([string]$Pipe)
    $list = ConvertFrom-Json -InputObject (Get-HostscopeEngineJson -Pipe $Pipe -Path '/containers/json').Text
    , [string[]]@(foreach ($item in @($list)) { if ($item -and (Test-HostscopeContainerId ([string]$item.Id))) { [string]$item.Id } })
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

# One container's share of a per-container probe: its `top`, or `netstat -ano` run inside it.
function Invoke-HostscopeContainerProbe {
    param([string]$Id, [string]$Pipe, [string]$ContainerId)
    $ErrorActionPreference = 'Stop'
    if ($Id -eq 'docker.top') {
        $top = Get-HostscopeEngineJson -Pipe $Pipe -Path "/containers/$ContainerId/top"
        return @{ Path = "docker/top/$ContainerId.json"; Base64 = [Convert]::ToBase64String($top.Bytes) }
    }
    $create = Invoke-HostscopeEngine -Pipe $Pipe -Method POST -Path "/containers/$ContainerId/exec" -Body '{"AttachStdout":true,"AttachStderr":true,"Tty":false,"Cmd":["netstat","-ano"]}'
    if ($create.StatusCode -ne 201) { throw "creating the exec answered $($create.StatusCode): $([System.Text.Encoding]::UTF8.GetString($create.Body).Trim())" }
    $execId = [string](ConvertFrom-Json -InputObject ([System.Text.Encoding]::UTF8.GetString($create.Body))).Id
    if ($execId -notmatch '^[0-9a-f]{64}$') { throw "the engine returned an unexpected exec id: $execId" }
    $start = Invoke-HostscopeEngine -Pipe $Pipe -Method POST -Path "/exec/$execId/start" -Body '{"Detach":false,"Tty":false}'
    if ($start.StatusCode -ne 200) { throw "starting the exec answered $($start.StatusCode)" }
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
    if ($exit -ne 0) { throw "netstat -ano exited with $exit in the container: $([System.Text.Encoding]::UTF8.GetString($stderr.ToArray()).Trim())" }
    @{ Path = "containers/$ContainerId/netstat.txt"; Base64 = [Convert]::ToBase64String($stdout.ToArray()) }
}

$EngineFunctions = @('Invoke-HostscopeEngine', 'ConvertFrom-HostscopeChunked', 'Get-HostscopeEngineJson', 'Get-HostscopeEngineJsonIfExists', 'Test-HostscopeContainerId', 'Remove-HostscopeEnvValues', 'Get-HostscopeRunningContainers', 'Invoke-HostscopeDockerProbe', 'Invoke-HostscopeContainerProbe', 'Get-HostscopeErrorText')
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
            if ($id -eq 'docker.top' -or $id -eq 'container.listeners') {
                $list = Invoke-HostscopeIsolated -ScriptBlock { param($Pipe) Get-HostscopeRunningContainers -Pipe $Pipe } -Parameters @{ Pipe = $pipe } -Functions $EngineFunctions -TimeoutSeconds $TimeoutSeconds
                $ids = @($list.Output | Where-Object { $null -ne $_ } | ForEach-Object { $_ })
                if (-not $list.Completed) { $entry = New-HostscopeManifestEntry -Id $id -Status timeout -DurationMs $clock.ElapsedMilliseconds -ErrorText "listing running containers took over $TimeoutSeconds s" }
                elseif ($list.Error) { $entry = New-HostscopeManifestEntry -Id $id -Status failed -DurationMs $clock.ElapsedMilliseconds -ErrorText $list.Error }
                else {
                    # One container that fails does not cost the others their files; the error names it.
                    $files = @(); $problems = @()
                    foreach ($containerId in $ids) {
                        $one = Invoke-HostscopeIsolated -ScriptBlock { param($Id, $Pipe, $ContainerId) Invoke-HostscopeContainerProbe -Id $Id -Pipe $Pipe -ContainerId $ContainerId } -Parameters @{ Id = $id; Pipe = $pipe; ContainerId = $containerId } -Functions $EngineFunctions -TimeoutSeconds $TimeoutSeconds
                        $file = @($one.Output | Where-Object { $null -ne $_ })
                        if (-not $one.Completed) { $problems += "${containerId}: no result within $TimeoutSeconds s" }
                        elseif ($file.Count -eq 0) { $problems += "${containerId}: $($one.Error)" }
                        else { $files += $file[$file.Count - 1] }
                    }
                    $written = Save-HostscopeFiles -Root $root -Files $files
                    if ($problems.Count -gt 0) { $entry = New-HostscopeManifestEntry -Id $id -Status failed -Files $written -DurationMs $clock.ElapsedMilliseconds -ErrorText ("$($problems.Count) of $($ids.Count) containers failed: " + ($problems -join '; ')) }
                    else { $entry = New-HostscopeManifestEntry -Id $id -Status ok -Files $written -DurationMs $clock.ElapsedMilliseconds }
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
