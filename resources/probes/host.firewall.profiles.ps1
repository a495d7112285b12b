# host.firewall.profiles -> host/firewall-profiles.json: the default inbound action, and whether local
# rules (the ones HNS creates) apply at all (../shared/knowledge/windows-containers.md section 4). Contract: README.md.
$ErrorActionPreference = 'Stop'

$rows = @(Get-NetFirewallProfile -PolicyStore ActiveStore | Select-Object Name,
    @{ Name = 'Enabled'; Expression = { [string]$_.Enabled } },
    @{ Name = 'DefaultInboundAction'; Expression = { [string]$_.DefaultInboundAction } },
    @{ Name = 'DefaultOutboundAction'; Expression = { [string]$_.DefaultOutboundAction } },
    @{ Name = 'AllowLocalFirewallRules'; Expression = { [string]$_.AllowLocalFirewallRules } })
@{ Status = 'ok'; Files = @(@{ Path = 'host/firewall-profiles.json'; Text = ConvertTo-Json -InputObject $rows -Depth 3 }) }
