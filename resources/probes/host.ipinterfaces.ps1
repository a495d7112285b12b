# host.ipinterfaces -> host/ip-interfaces.json: MTU, metric, DHCP, forwarding and connection state of each IP
# interface (an MTU below 1500 on a vEthernet or VPN adapter, ../shared/knowledge/failure-catalogue.md).
# Contract: README.md.
$ErrorActionPreference = 'Stop'

$rows = @(Get-NetIPInterface | Select-Object InterfaceAlias, InterfaceIndex,
    @{ Name = 'AddressFamily'; Expression = { [string]$_.AddressFamily } }, NlMtu, InterfaceMetric,
    @{ Name = 'AutomaticMetric'; Expression = { [string]$_.AutomaticMetric } },
    @{ Name = 'Dhcp'; Expression = { [string]$_.Dhcp } },
    @{ Name = 'ConnectionState'; Expression = { [string]$_.ConnectionState } },
    @{ Name = 'Forwarding'; Expression = { [string]$_.Forwarding } })
@{ Status = 'ok'; Files = @(@{ Path = 'host/ip-interfaces.json'; Text = ConvertTo-Json -InputObject $rows -Depth 3 }) }
