# Runs one Hostscope probe script and reduces what it returned to a checked result (the contract is in
# probes/README.md). Shared by the Hostscope runner (one long-lived shell) and by collect.ps1.
# Windows PowerShell 5.1 and PowerShell 7: no syntax or parameters newer than 5.1.

function New-HostscopeProbeResult {
    param(
        [Parameter(Mandatory = $true)][ValidateSet('ok', 'failed', 'unsupported')][string]$Status,
        [object[]]$Files = @(),
        [string]$ErrorText
    )
    [pscustomobject]@{ Status = $Status; Files = @($Files); Error = $ErrorText }
}

# A probe's result may arrive as a hashtable (local) or as a deserialized object (remoting): read both.
function Get-HostscopeResultValue {
    param($Object, [string]$Name)
    if ($null -eq $Object) { return $null }
    if ($Object -is [System.Collections.IDictionary]) { return $Object[$Name] }
    $property = $Object.PSObject.Properties[$Name]
    if ($property) { return $property.Value }
    return $null
}

function Get-HostscopeErrorText {
    param([System.Management.Automation.ErrorRecord]$Record)
    $message = $Record.Exception.Message
    $command = $Record.InvocationInfo.MyCommand
    if ($command -and $command.Name -and $message -notlike "*$($command.Name)*") { $message = "$($command.Name): $message" }
    return $message.Trim()
}

# Checks the probe's last output against the contract; anything else is a `failed` result that says why.
function ConvertTo-HostscopeProbeResult {
    param([object[]]$Output)
    $Output = @($Output | Where-Object { $null -ne $_ })
    if ($Output.Count -eq 0) { return New-HostscopeProbeResult -Status failed -ErrorText 'the probe returned no result object' }
    $last = $Output[$Output.Count - 1]
    $status = [string](Get-HostscopeResultValue $last 'Status')
    $errorText = [string](Get-HostscopeResultValue $last 'Error')
    if ($status -eq 'unsupported') {
        if (-not $errorText) { $errorText = 'the probe reported unsupported without a reason' }
        return New-HostscopeProbeResult -Status unsupported -ErrorText $errorText
    }
    if ($status -ne 'ok') { return New-HostscopeProbeResult -Status failed -ErrorText "the probe returned status '$status', not ok or unsupported" }
    $files = @()
    foreach ($file in @(Get-HostscopeResultValue $last 'Files')) {
        if ($null -eq $file) { continue }
        $path = [string](Get-HostscopeResultValue $file 'Path')
        $text = Get-HostscopeResultValue $file 'Text'
        $base64 = Get-HostscopeResultValue $file 'Base64'
        if (-not $path -or (($null -eq $text) -eq ($null -eq $base64))) {
            return New-HostscopeProbeResult -Status failed -ErrorText 'the probe returned a file without a Path, or with neither or both of Text and Base64'
        }
        if ($null -ne $text) { $files += [pscustomobject]@{ Path = $path; Text = [string]$text; Base64 = $null } }
        else { $files += [pscustomobject]@{ Path = $path; Text = $null; Base64 = [string]$base64 } }
    }
    New-HostscopeProbeResult -Status ok -Files $files
}

<#
.SYNOPSIS
Runs the probe script at ScriptPath here, or in Session (Invoke-Command), and returns Status, Files, Error.
The script runs as a script block made from the file's text, so an execution policy that blocks
unsigned files does not stop it, and a remote run ships the same text.
#>
function Invoke-HostscopeProbe {
    param(
        [Parameter(Mandatory = $true)][string]$ScriptPath,
        [System.Management.Automation.Runspaces.PSSession]$Session
    )
    try {
        $block = [scriptblock]::Create([System.IO.File]::ReadAllText($ScriptPath))
        if ($Session) { $output = @(Invoke-Command -Session $Session -ScriptBlock $block -ErrorAction Stop) }
        else { $output = @(& $block) }
        ConvertTo-HostscopeProbeResult -Output $output
    } catch {
        # A command that does not exist here (module missing, client SKU, not Windows) is `unsupported`.
        if ($_.FullyQualifiedErrorId -like 'CommandNotFoundException*') {
            $name = $_.CategoryInfo.TargetName
            if (-not $name) { $name = 'a command the probe needs' }
            return New-HostscopeProbeResult -Status unsupported -ErrorText "$name is not available on this host (its module is not installed, or this is not Windows)"
        }
        New-HostscopeProbeResult -Status failed -ErrorText (Get-HostscopeErrorText $_)
    }
}
