// Fix commands with the bundle's real names filled in. Names come from a hostile bundle: every value that is
// not plainly safe is quoted as a PowerShell literal, so a pasted fix can never run more than it says.
import type { Fix } from '../../shared/diagnosis';
import type { Container, NatStaticMapping } from '../../shared/model';

/** A fix an admin copies and runs as is: one PowerShell or docker line (issue 11). */
export function commandFix(command: string, note?: string): Fix {
  return note === undefined ? { kind: 'command', command } : { kind: 'command', command, note };
}

/** A fix in prose, with no copy button: what no single safe line can do. */
export function stepsFix(...steps: readonly string[]): Fix {
  return { kind: 'steps', steps };
}

/** The fix as one plain text (reports, tests, search); a command stays whole. */
export function fixText(fix: Fix): string {
  return fix.kind === 'command'
    ? fix.note === undefined
      ? fix.command
      : `${fix.command}\n${fix.note}`
    : fix.steps.join('\n');
}

const listed = (items: readonly string[]): string => (items.length === 0 ? 'none' : items.join(', '));

/**
 * Docker cannot change a container's ports or network mode in place: the only way is a new container. That is
 * never a copyable command (issue 11: `docker rm -f` + `docker run` dropped a second network, mounts, env,
 * restart policy and labels), but prose naming every setting the new container must carry over.
 */
export function recreateSteps(c: Container, change: string): Fix {
  const mounts = c.mounts.map((m) => `${m.source ?? m.type} -> ${m.destination}`);
  return stepsFix(
    `Docker cannot ${change} on an existing container: it takes a new container. Plan it as a change, not a quick fix.`,
    `Carry over every setting of ${c.name}: image ${c.image}; networks ${listed(c.networks.map((n) => n.name))}; mounts ${listed(mounts)}; environment ${listed(c.envNames)} (values from your deployment, not from this bundle); labels ${listed(c.labels.map((l) => l.name))}; restart policy (not in the bundle: docker inspect -f '{{json .HostConfig.RestartPolicy}}' ${arg(c.name)}).`,
    'Prefer recreating it from its compose file or deployment script, which holds all of these, over typing docker run by hand.',
  );
}

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
