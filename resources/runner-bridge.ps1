# The PowerShell side of Hostscope's runner (src/collect/powershell/): loaded once into each long-lived
# shell, beside invoke-probe.ps1. Every value arrives as one base64 argument holding UTF-8 JSON, so no
# value is ever parsed as script; every answer leaves as one line, "<nonce><base64 of UTF-8 JSON>", which
# no console code page, progress bar or stray output can corrupt or be mistaken for.
# Windows PowerShell 5.1 and PowerShell 7.

function ConvertFrom-HostscopeRequest {
    param([Parameter(Mandatory = $true)][string]$Request)
    ConvertFrom-Json -InputObject ([System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($Request)))
}

function Write-HostscopeAnswer {
    param([Parameter(Mandatory = $true)][string]$Nonce, [Parameter(Mandatory = $true)]$Value)
    $json = ConvertTo-Json -InputObject $Value -Depth 5 -Compress
    [Console]::Out.WriteLine($Nonce + [Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes($json)))
}

# Request: { nonce, modules: [paths] }. Imports modules (or .ps1 files, as modules) into the global session so
# that every probe sees them: for example hns.psm1, which is usually imported by hand, or test stand-ins.
function Initialize-HostscopeShell {
    param([Parameter(Mandatory = $true)][string]$Request)
    $r = ConvertFrom-HostscopeRequest $Request
    $global:ProgressPreference = 'SilentlyContinue'
    $global:HostscopeSession = $null
    try {
        foreach ($module in @($r.modules)) {
            if (-not $module) { continue }
            if ([System.IO.Path]::GetExtension($module) -eq '.ps1') {
                # Import-Module on a .ps1 keeps its functions out of the global scope even with -Global;
                # as a dynamic module they reach every probe.
                $block = [scriptblock]::Create([System.IO.File]::ReadAllText($module))
                New-Module -Name ([System.IO.Path]::GetFileNameWithoutExtension($module)) -ScriptBlock $block |
                    Import-Module -Global -Force -DisableNameChecking -ErrorAction Stop
            } else {
                Import-Module -Name $module -Global -Force -DisableNameChecking -ErrorAction Stop
            }
        }
        $answer = @{ Status = 'ok'; PSVersion = $PSVersionTable.PSVersion.ToString(); Edition = [string]$PSVersionTable.PSEdition; ProcessId = $PID }
    } catch {
        $answer = @{ Status = 'failed'; Error = "could not import a module: $($_.Exception.Message)" }
    }
    Write-HostscopeAnswer -Nonce $r.nonce -Value $answer
}

# Request: { nonce, computer, credentialUser, transport: winrm | ssh }. Opens the one session every
# probe of this shell reuses. The password is asked by Get-Credential and lives only in this process.
function Connect-HostscopeTarget {
    param([Parameter(Mandatory = $true)][string]$Request)
    $r = ConvertFrom-HostscopeRequest $Request
    try {
        if ($r.transport -eq 'ssh') {
            if ($PSVersionTable.PSVersion.Major -lt 6) {
                throw 'remoting over SSH needs PowerShell 7 on this machine (pwsh); Windows PowerShell 5.1 has no -HostName'
            }
            $options = @{ HostName = [string]$r.computer; ErrorAction = 'Stop' }
            # SSH authenticates with keys here: the shell has no terminal to type a password into.
            if ($r.credentialUser) { $options.UserName = [string]$r.credentialUser }
            $global:HostscopeSession = New-PSSession @options
        } else {
            $options = @{ ComputerName = [string]$r.computer; ErrorAction = 'Stop' }
            if ($r.credentialUser) {
                # Windows PowerShell shows a password dialog; PowerShell 7 would read the password from
                # standard input, which here carries Hostscope's commands.
                if ($PSVersionTable.PSEdition -ne 'Desktop' -and [Console]::IsInputRedirected) {
                    throw "cannot ask for the password of '$($r.credentialUser)': PowerShell 7 prompts on a console this shell does not have. Run Hostscope on Windows (it uses Windows PowerShell, which shows a dialog), or leave out the user to sign in as yourself"
                }
                $options.Credential = Get-Credential -UserName ([string]$r.credentialUser) -Message "Hostscope: password for $($r.computer)"
                if (-not $options.Credential) { throw 'no credential was entered' }
            }
            $global:HostscopeSession = New-PSSession @options
        }
        $answer = @{ Status = 'ok' }
    } catch {
        $answer = @{ Status = 'failed'; Error = "could not connect to '$($r.computer)' over $($r.transport): $($_.Exception.Message)" }
    }
    Write-HostscopeAnswer -Nonce $r.nonce -Value $answer
}

# Request: { nonce, script, remote }. Runs one probe here or in the session and answers with its result.
function Invoke-HostscopeProbeRequest {
    param([Parameter(Mandatory = $true)][string]$Request)
    $r = ConvertFrom-HostscopeRequest $Request
    if ($r.remote -and -not $global:HostscopeSession) {
        $result = New-HostscopeProbeResult -Status failed -ErrorText 'no remote session: the connection step did not succeed'
    } elseif ($r.remote) {
        $result = Invoke-HostscopeProbe -ScriptPath ([string]$r.script) -Session $global:HostscopeSession
    } else {
        $result = Invoke-HostscopeProbe -ScriptPath ([string]$r.script)
    }
    Write-HostscopeAnswer -Nonce $r.nonce -Value $result
}

# Closes the remote session before the shell exits, so the remote host frees it at once.
function Close-HostscopeShell {
    if ($global:HostscopeSession) { Remove-PSSession -Session $global:HostscopeSession -ErrorAction SilentlyContinue }
    $global:HostscopeSession = $null
}

# Request: { nonce, address, port, timeoutMs, remote }. One TCP connect (tcp-check.ps1) here or, through the
# session, on the remote host; the values travel as arguments, never as script text.
function Invoke-HostscopeTcpCheckRequest {
    param([Parameter(Mandatory = $true)][string]$Request)
    $r = ConvertFrom-HostscopeRequest $Request
    try {
        if ($r.remote) {
            if (-not $global:HostscopeSession) { throw 'no remote session: the connection step did not succeed' }
            $answer = Invoke-Command -Session $global:HostscopeSession -ScriptBlock ${function:Test-HostscopeTcpConnection} -ArgumentList ([string]$r.address), ([int]$r.port), ([int]$r.timeoutMs) -ErrorAction Stop
        } else {
            $answer = Test-HostscopeTcpConnection -Address ([string]$r.address) -Port ([int]$r.port) -TimeoutMs ([int]$r.timeoutMs)
        }
    } catch {
        $answer = @{ Outcome = 'error'; Detail = $_.Exception.Message; DurationMs = 0 }
    }
    Write-HostscopeAnswer -Nonce $r.nonce -Value $answer
}
