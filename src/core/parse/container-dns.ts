// containers/{id}/ipconfig.txt and hosts.txt (container.dns, bundle 1.1): what a container resolves with. ipconfig
// localises its labels ("DNS Servers", "DNS-Server", "DNS 服务器"), so rows are told apart by the token every
// language keeps (DNS, IPv4) and by the shape of the value, never by the whole label.
import type { ContainerIpConfig, HostsEntry } from '../../shared/model';
import type { TextParse } from './text';

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const IPV6 = /^[0-9a-f]*:[0-9a-f:.]*(%\w+)?$/i;

/** An address at the start of a value: `172.24.80.1`, `172.24.86.12(Preferred)`, `fe80::1%4(Bevorzugt)`. */
function leadingAddress(value: string): string | null {
  const token = value.trim().split(/[\s(]/, 1)[0] ?? '';
  const v4 = IPV4.exec(token);
  if (v4) return v4.slice(1).every((part) => Number(part) <= 255) ? token : null;
  return IPV6.test(token) && token.includes(':') ? token.toLowerCase() : null;
}

/** `   Label . . . . . : value`: the label with its dot leaders, then the value (full-width colon in Chinese). */
const LABELLED = /^\s+(.*?)[\s.]*[:：]\s*(.*)$/;

interface AdapterDraft {
  name: string;
  ipv4: string[];
  dnsServers: string[];
}

/**
 * `ipconfig /all`: an unindented line ending in a colon opens an adapter; indented `label : value` rows follow,
 * and an indented line holding only an address continues the row above it (further DNS servers).
 */
export function parseIpconfig(text: string): TextParse<ContainerIpConfig> {
  const adapters: AdapterDraft[] = [];
  let adapter: AdapterDraft | null = null;
  let field: 'dns' | 'ipv4' | 'other' = 'other';
  let sawLabel = false;
  for (const raw of text.split(/\r?\n/)) {
    if (raw.trim() === '') continue;
    if (!/^\s/.test(raw)) {
      field = 'other';
      const title = raw.trim();
      // The host block ("Windows IP Configuration") has no colon; adapters end with one.
      adapter = /[:：]$/.test(title) ? { name: title.slice(0, -1).trim(), ipv4: [], dnsServers: [] } : null;
      if (adapter) adapters.push(adapter);
      continue;
    }
    // A continuation row holds one address and nothing else (an IPv6 one has colons, but no label before them).
    const bare = raw.trim().replace(/\([^)]*\)$/, '');
    const continued = /\s/.test(bare) ? null : leadingAddress(bare);
    if (continued !== null) {
      if (adapter && field === 'dns') adapter.dnsServers.push(continued);
      else if (adapter && field === 'ipv4' && IPV4.test(continued)) adapter.ipv4.push(continued);
      continue;
    }
    const labelled = LABELLED.exec(raw);
    if (!labelled) continue;
    sawLabel = true;
    const label = labelled[1]!.toLowerCase();
    const address = leadingAddress(labelled[2] ?? '');
    field = 'other';
    if (!adapter || address === null) continue;
    // Only the server rows hold an address after a label with DNS in it (suffix rows hold names).
    if (label.includes('dns')) {
      field = 'dns';
      adapter.dnsServers.push(address);
    } else if (/ipv4/.test(label) && IPV4.test(address)) {
      field = 'ipv4';
      adapter.ipv4.push(address);
    }
  }
  if (!sawLabel && text.trim() !== '')
    return {
      kind: 'invalid',
      reason: 'expected `ipconfig /all` output: no "label . . . : value" rows',
      location: 'line 1',
    };
  const dnsServers = [...new Set(adapters.flatMap((a) => a.dnsServers))];
  return { kind: 'ok', value: { adapters, dnsServers } };
}

/** Hosts file: `address name [alias ...]`, `#` starts a comment. */
export function parseHostsFile(text: string): TextParse<HostsEntry[]> {
  const entries: HostsEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const content = lines[i]!.replace(/#.*$/, '').trim();
    if (content === '') continue;
    const [address = '', ...names] = content.split(/\s+/);
    if (leadingAddress(address) !== address.toLowerCase() || /[(]/.test(address))
      return {
        kind: 'invalid',
        reason: `expected an IP address at the start of the line; got "${address}"`,
        location: `line ${i + 1}`,
      };
    if (names.length === 0)
      return {
        kind: 'invalid',
        reason: `the address ${address} names no host (cut short?)`,
        location: `line ${i + 1}`,
      };
    entries.push({ address: address.toLowerCase(), names });
  }
  return { kind: 'ok', value: entries };
}
