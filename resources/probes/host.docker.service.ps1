# host.docker.service -> host/docker-service.json: the engine's service and its start-up parameters, which
# must not repeat an option set in daemon.json (../shared/knowledge/windows-containers.md section 5).
# Contract: README.md.
$ErrorActionPreference = 'Stop'

$service = Get-CimInstance -ClassName Win32_Service -Filter "Name='docker'" |
    Select-Object -First 1 Name, State, StartMode, PathName
if (-not $service) { throw 'no Windows service named docker: the engine is not installed as a service here, or under another name' }
@{ Status = 'ok'; Files = @(@{ Path = 'host/docker-service.json'; Text = ConvertTo-Json -InputObject $service -Depth 3 }) }
