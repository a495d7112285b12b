// Files other tools save, read as the commands that wrote them. microsoft/SDN's collectlogs.ps1
// (Kubernetes/windows/debug/collectlogs.ps1) redirects several commands into one file each, without prompt lines:
// network.txt and endpoint.txt hold a `Select` table and then `ConvertTo-Json -Depth 20`; excludedportrange.txt
// and dynamicportrange.txt the TCP then the UDP output of netsh; netadapter.txt, firewall.txt, hcsdiag.txt,
// docker.txt, winver.txt one command each. Windows PowerShell 5.1 writes them as UTF-16LE (decoded by the reader).
import type { ImportInput } from './blocks';

interface SavedFile {
  /** The commands in the order they wrote into the file, and where each one's output starts. */
  readonly parts: readonly { readonly command: string; readonly startsAt: (line: string) => boolean }[];
}

const FIRST = (): boolean => true;
const JSON_START = (line: string): boolean => /^\s*[[{]/.test(line);
const protocolHeader =
  (protocol: string) =>
  (line: string): boolean =>
    new RegExp(`\\bprotocol ${protocol}\\b`, 'i').test(line);

const COLLECTLOGS: Readonly<Record<string, SavedFile>> = {
  'network.txt': {
    parts: [
      { command: 'Get-HnsNetwork | Select Name, Type, Id, AddressPrefix', startsAt: FIRST },
      { command: 'Get-HnsNetwork | ConvertTo-Json -Depth 20', startsAt: JSON_START },
    ],
  },
  'networkdetailed.txt': {
    parts: [{ command: 'Get-HnsNetwork | ConvertTo-Json -Depth 20', startsAt: FIRST }],
  },
  'endpoint.txt': {
    parts: [
      { command: 'Get-HnsEndpoint | Select IpAddress, MacAddress, IsRemoteEndpoint, State', startsAt: FIRST },
      { command: 'Get-HnsEndpoint | ConvertTo-Json -Depth 20', startsAt: JSON_START },
    ],
  },
  'netadapter.txt': { parts: [{ command: 'Get-NetAdapter -IncludeHidden', startsAt: FIRST }] },
  'firewall.txt': { parts: [{ command: 'Get-NetFirewallRule -PolicyStore ActiveStore', startsAt: FIRST }] },
  'hcsdiag.txt': { parts: [{ command: 'hcsdiag list', startsAt: FIRST }] },
  'docker.txt': { parts: [{ command: 'docker ps -a', startsAt: FIRST }] },
  'excludedportrange.txt': {
    parts: [
      { command: 'netsh int ipv4 show excludedportrange protocol=tcp', startsAt: FIRST },
      { command: 'netsh int ipv4 show excludedportrange protocol=udp', startsAt: protocolHeader('udp') },
    ],
  },
  'dynamicportrange.txt': {
    parts: [
      { command: 'netsh int ipv4 show dynamicport tcp', startsAt: FIRST },
      { command: 'netsh int ipv4 show dynamicport udp', startsAt: protocolHeader('udp') },
    ],
  },
};

/**
 * A saved file as the inputs of the commands that wrote it, where its name is one collectlogs.ps1 writes and
 * it holds no prompt lines of its own; any other file as it is. A part whose start is not found is left in the
 * part before it (the later command then wrote nothing, or in another language: never guessed).
 */
export function expandSavedFile(input: ImportInput): ImportInput[] {
  const base = input.name.split(/[\\/]/).pop()!.toLowerCase();
  const saved = COLLECTLOGS[base];
  if (saved === undefined || input.command !== undefined || /^\s*PS [^>]*>/m.test(input.text)) return [input];
  const lines = input.text.split(/\r\n|\r|\n/);
  const out: ImportInput[] = [];
  let from = 0;
  let part = 0;
  for (let i = 0; i <= lines.length && part < saved.parts.length; i++) {
    const next = saved.parts[part + 1];
    if (i === lines.length || (next !== undefined && i > from && next.startsAt(lines[i]!))) {
      out.push({
        name: part === 0 ? input.name : `${input.name}#${part + 1}`,
        text: lines.slice(from, i).join('\n'),
        command: saved.parts[part]!.command,
      });
      from = i;
      part++;
    }
  }
  return out;
}
