# host.proxy -> host/proxy.json: the proxy the host and the engine use (WinHTTP, the machine's HTTP_PROXY,
# HTTPS_PROXY and NO_PROXY, the docker service's Environment); pulls and registry logins fail behind a proxy
# the engine does not know (../shared/knowledge/failure-catalogue.md). A user name and password inside any
# proxy URL become <redacted> here, before anything leaves the host (../shared/spec/bundle-v1.md, 1.1).
# Contract: README.md.
$ErrorActionPreference = 'Stop'

# scheme://user:password@host -> scheme://<redacted>@host, and user:password@host without a scheme (after
# a start, a space, '=' or a list separator), as in "HTTP_PROXY=user:pw@proxy:3128".
$userInfo = New-Object System.Text.RegularExpressions.Regex -ArgumentList '(?i)([a-z][a-z0-9+.-]*://|(?<=^|[\s=;,]))[^\s/@;,=]+@'
function Hide-HostscopeProxyUser {
    # Untyped: a [string] parameter would turn an absent value ($null) into "".
    param($Text)
    if ($null -eq $Text) { return $null }
    $userInfo.Replace([string]$Text, '$1<redacted>@')
}

# Keep stdout as the text and stderr for the error; under 'Stop', Windows PowerShell 5.1 would turn the
# first line of a redirected stderr into a terminating error.
$ErrorActionPreference = 'Continue'
$global:LASTEXITCODE = 0
$out = @(); $err = @()
foreach ($item in @(netsh winhttp show proxy 2>&1)) {
    if ($item -is [System.Management.Automation.ErrorRecord]) { $err += $item.ToString() } else { $out += [string]$item }
}
$code = $LASTEXITCODE
$ErrorActionPreference = 'Stop'
if ($code -ne 0) { throw "netsh winhttp show proxy exited with code ${code}: $(($err + $out) -join ' ')" }

# Machine-level variables live in the registry; [Environment]::GetEnvironmentVariable(..., 'Machine') reads
# the same values but would not see a remoting session's host any differently.
$environment = Get-ItemProperty -Path 'HKLM:\SYSTEM\CurrentControlSet\Control\Session Manager\Environment'
$machine = [ordered]@{}
foreach ($name in @('HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY')) {
    $value = $null
    if ($environment -and $environment.PSObject.Properties[$name]) { $value = [string]$environment.PSObject.Properties[$name].Value }
    $machine[$name] = Hide-HostscopeProxyUser $value
}

# The engine reads the proxy from its service's Environment (a multi-string of NAME=value); no docker
# service, or none set: null.
$serviceEnvironment = $null
$service = Get-ItemProperty -Path 'HKLM:\SYSTEM\CurrentControlSet\Services\docker' -ErrorAction SilentlyContinue
if ($service -and $service.PSObject.Properties['Environment']) {
    $serviceEnvironment = [string[]]@($service.Environment | ForEach-Object { Hide-HostscopeProxyUser ([string]$_) })
}

$row = [pscustomobject]@{
    WinHttp       = Hide-HostscopeProxyUser (($out -join "`r`n") + "`r`n")
    Machine       = [pscustomobject]$machine
    DockerService = $serviceEnvironment
}
@{ Status = 'ok'; Files = @(@{ Path = 'host/proxy.json'; Text = ConvertTo-Json -InputObject $row -Depth 3 }) }
