# host.firewall.rules -> host/firewall-rules.json: every active rule joined with its port, address,
# application and interface filters (../shared/knowledge/windows-containers.md section 4; InterfaceAlias since
# bundle 1.1: a rule scoped to interfaces applies only to traffic arriving on them). Contract: README.md.
$ErrorActionPreference = 'Stop'

# A host has thousands of rules: fetch each kind of filter once and join on the InstanceID each filter
# shares with its rule, instead of one Get-NetFirewall*Filter call per rule.
function Get-FilterIndex {
    param([object[]]$Filters)
    $index = @{}
    foreach ($filter in $Filters) { $index[[string]$filter.InstanceID] = $filter }
    $index
}
$ports = Get-FilterIndex @(Get-NetFirewallPortFilter -All -PolicyStore ActiveStore | Select-Object InstanceID, Protocol, LocalPort, RemotePort)
$addresses = Get-FilterIndex @(Get-NetFirewallAddressFilter -All -PolicyStore ActiveStore | Select-Object InstanceID, LocalAddress, RemoteAddress)
$programs = Get-FilterIndex @(Get-NetFirewallApplicationFilter -All -PolicyStore ActiveStore | Select-Object InstanceID, Program)
$interfaces = Get-FilterIndex @(Get-NetFirewallInterfaceFilter -All -PolicyStore ActiveStore | Select-Object InstanceID, InterfaceAlias)

$rules = Get-NetFirewallRule -PolicyStore ActiveStore |
    Select-Object InstanceID, Name, DisplayName, Group, Enabled, Direction, Action, Profile, PolicyStoreSource
# Lists are assigned as expressions: returned from a function or an `if`, a one-item array would
# unroll to a scalar, and Windows PowerShell 5.1 serializes a wrapped array as {"value":..,"Count":..}.
$rows = @(foreach ($rule in $rules) {
    $id = [string]$rule.InstanceID
    $port = $ports[$id]
    $address = $addresses[$id]
    $program = $programs[$id]
    $interface = $interfaces[$id]
    $protocol = $null; $localPort = $null; $remotePort = $null
    $localAddress = $null; $remoteAddress = $null; $path = $null; $interfaceAlias = $null
    if ($port) {
        if ($null -ne $port.Protocol) { $protocol = [string]$port.Protocol }
        if ($null -ne $port.LocalPort) { $localPort = [string[]]@($port.LocalPort) }
        if ($null -ne $port.RemotePort) { $remotePort = [string[]]@($port.RemotePort) }
    }
    if ($address) {
        if ($null -ne $address.LocalAddress) { $localAddress = [string[]]@($address.LocalAddress) }
        if ($null -ne $address.RemoteAddress) { $remoteAddress = [string[]]@($address.RemoteAddress) }
    }
    if ($program -and $null -ne $program.Program) { $path = [string]$program.Program }
    # "Any", or the aliases the rule is scoped to.
    if ($interface -and $null -ne $interface.InterfaceAlias) { $interfaceAlias = [string[]]@($interface.InterfaceAlias) }
    [pscustomobject]@{
        Name              = $rule.Name
        DisplayName       = $rule.DisplayName
        Group             = $rule.Group
        Enabled           = [string]$rule.Enabled
        Direction         = [string]$rule.Direction
        Action            = [string]$rule.Action
        Profile           = [string]$rule.Profile
        PolicyStoreSource = $rule.PolicyStoreSource
        Protocol          = $protocol
        LocalPort         = $localPort
        RemotePort        = $remotePort
        LocalAddress      = $localAddress
        RemoteAddress     = $remoteAddress
        Program           = $path
        InterfaceAlias    = $interfaceAlias
    }
})
@{ Status = 'ok'; Files = @(@{ Path = 'host/firewall-rules.json'; Text = ConvertTo-Json -InputObject $rows -Depth 3 }) }
