# host.docker.config -> host/daemon.json, verbatim; no file when the host has none
# (../shared/knowledge/windows-containers.md section 5). Contract: README.md.
$ErrorActionPreference = 'Stop'

if (-not $env:ProgramData) {
    return @{ Status = 'unsupported'; Error = 'not a Windows host: %ProgramData% is not set' }
}
$path = [System.IO.Path]::Combine($env:ProgramData, 'docker', 'config', 'daemon.json')
# --config-file in the service's command line moves the file (section 5).
if (Get-Command Get-CimInstance -ErrorAction SilentlyContinue) {
    $service = Get-CimInstance -ClassName Win32_Service -Filter "Name='docker'" | Select-Object -First 1 PathName
    if ($service -and [string]$service.PathName -match '--config-file(?:=|\s+)(?:"([^"]+)"|(\S+))') {
        $path = $Matches[1]
        if (-not $path) { $path = $Matches[2] }
    }
}
if (-not [System.IO.File]::Exists($path)) { return @{ Status = 'ok'; Files = @() } }
# Base64: the bytes as they are on disk, whatever their encoding.
@{ Status = 'ok'; Files = @(@{ Path = 'host/daemon.json'; Base64 = [Convert]::ToBase64String([System.IO.File]::ReadAllBytes($path)) }) }
