# host.portexclusions -> host/excludedports.txt: the port ranges Windows reserves (Hyper-V, WinNAT, http.sys)
# and the dynamic port range; a published port inside one cannot be bound, the number-two report of
# ../shared/knowledge/failure-catalogue.md (knowledge notes section 10, "Reserved ports"). Contract: README.md.
$ErrorActionPreference = 'Stop'

# The commands and the `### <command>` line before each, as ../shared/spec/bundle-v1.md (1.1) fixes them.
# The text stays as netsh printed it: its words are localised, the parser reads the numbers.
$commands = @(
    @('int', 'ipv4', 'show', 'excludedportrange', 'protocol=tcp'),
    @('int', 'ipv4', 'show', 'excludedportrange', 'protocol=udp'),
    @('int', 'ipv6', 'show', 'excludedportrange', 'protocol=tcp'),
    @('int', 'ipv4', 'show', 'dynamicport', 'tcp'),
    @('int', 'ipv4', 'show', 'dynamicport', 'udp')
)
if (-not (Get-Command netsh -ErrorAction SilentlyContinue)) {
    return @{ Status = 'unsupported'; Error = 'netsh is not available on this host (it comes with every Windows)' }
}

$sections = @(foreach ($arguments in $commands) {
    $line = 'netsh ' + ($arguments -join ' ')
    # Keep stdout as the text and stderr for the error; under 'Stop', Windows PowerShell 5.1 would turn the
    # first line of a redirected stderr into a terminating error.
    $ErrorActionPreference = 'Continue'
    $global:LASTEXITCODE = 0
    $out = @(); $err = @()
    foreach ($item in @(& netsh @arguments 2>&1)) {
        if ($item -is [System.Management.Automation.ErrorRecord]) { $err += $item.ToString() } else { $out += [string]$item }
    }
    $code = $LASTEXITCODE
    $ErrorActionPreference = 'Stop'
    if ($code -ne 0) { throw "$line exited with code ${code}: $(($err + $out) -join ' ')" }
    "### $line"
    $out
})
@{ Status = 'ok'; Files = @(@{ Path = 'host/excludedports.txt'; Text = ($sections -join "`r`n") + "`r`n" }) }
