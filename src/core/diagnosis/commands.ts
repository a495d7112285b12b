// Fix commands with the bundle's real names filled in. Names come from a hostile bundle: every value that is
// not plainly safe is quoted as a PowerShell literal, so a pasted fix can never run more than it says.
import type { NatStaticMapping } from '../../shared/model';

/** A single-quoted PowerShell literal; PowerShell also closes single quotes on the typographic forms. */
export function psQuote(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}

const PLAIN = /^[A-Za-z0-9][A-Za-z0-9_.\-:/@]*$/;

/** A docker argument: as is when it is a plain name, quoted otherwise. */
export function arg(value: string): string {
  return PLAIN.test(value) ? value : psQuote(value);
}

/** PowerShell's spelling of a protocol for New-NetFirewallRule and friends. */
export function psProtocol(protocol: 'tcp' | 'udp'): string {
  return protocol.toUpperCase();
}

export function psProfile(profile: string): string {
  return profile.charAt(0).toUpperCase() + profile.slice(1);
}

/** What holds a host port: Get-NetTCPConnection knows only TCP, UDP endpoints have a cmdlet of their own. */
export function listenersCommand(port: number, protocol: 'tcp' | 'udp'): string {
  return protocol === 'tcp'
    ? `Get-NetTCPConnection -LocalPort ${port} -State Listen`
    : `Get-NetUDPEndpoint -LocalPort ${port}`;
}

/**
 * Removes one WinNAT static mapping: by its id where the bundle has it, else by the external port and the
 * address it points to, so that no other mapping on that port goes with it.
 */
export function removeMappingCommand(m: NatStaticMapping): string {
  return m.id === null
    ? `Get-NetNatStaticMapping -NatName ${psQuote(m.natName)} | Where-Object { $_.ExternalPort -eq ${m.externalPort} -and $_.InternalIPAddress -eq ${psQuote(m.internalIp)} } | Remove-NetNatStaticMapping -Confirm:$false`
    : `Remove-NetNatStaticMapping -NatName ${psQuote(m.natName)} -StaticMappingID ${m.id} -Confirm:$false`;
}
