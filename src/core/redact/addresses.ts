// Finding network addresses in free text (probe output, command lines, engine messages) so that none
// escapes redaction. Pure string scanning: core has no node:net.

/** One address found in a text: where it is, and the key that identifies it (normalised). */
export interface AddressMatch {
  readonly kind: 'ip' | 'mac';
  readonly start: number;
  readonly end: number;
  /** Lower-case, MACs with `-`, IPv6 without zone: the same host under two spellings gets one pseudonym. */
  readonly key: string;
}

// Leading zeros (`010.001.002.003`) are still an address to most tools, so they are matched too (issue 17, item 6).
const OCTET = '(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?)';
// Not part of a longer dotted number (a version such as 10.0.17763.1 is no address; its 17763 is no octet).
const IPV4 = new RegExp(`(?<![\\d.])${OCTET}(?:\\.${OCTET}){3}(?![\\d]|\\.\\d)`, 'g');
// A run of hex groups and colons, optionally ending in a dotted IPv4 (tried first, so `::1.2.3.4` is not cut at
// `::1`) and a zone; validated after matching.
// Not after `]` either: `[Type]::Add(` in a PowerShell command line is a static call, not an address.
const IPV6_CANDIDATE =
  /(?<![0-9A-Za-z:.\]])(?:[0-9A-Fa-f]{0,4}:){2,8}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{1,4})?(?:%[0-9A-Za-z]+)?(?![0-9A-Za-z:])/g;
const MAYBE_ADDRESS = /\d\.\d|:|[0-9A-Fa-f]{2}-[0-9A-Fa-f]{2}-|ip-\d/i;
const MAC = /(?<![0-9A-Fa-f:-])[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}(?![0-9A-Fa-f:-])/g;
// An address right after `word:` (`addr:fd00:abcd::7`, `mac:00:15:5d:01:02:03`) touches a colon, which the patterns
// above refuse to start after. A label with a letter beyond `f` cannot be an address group, so what follows its
// colon is tried on its own (issue 17, item 6). The label is matched from its first character only: linear time.
const LABEL_COLON = /(?<![0-9A-Za-z_-])[0-9A-Za-z_-]+:(?=[0-9A-Fa-f:])/g;
const MAC_AT = /[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}(?![0-9A-Fa-f:-])/y;
const IPV6_AT =
  /(?:[0-9A-Fa-f]{0,4}:){2,8}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{1,4})?(?:%[0-9A-Za-z]+)?(?![0-9A-Za-z:])/y;
// Cloud host names that spell an address (`ip-10-1-2-3`, EC2's default): the whole name stands for that address.
const DASHED_IPV4 = new RegExp(
  `(?<![0-9A-Za-z-])ip-(${OCTET})-(${OCTET})-(${OCTET})-(${OCTET})(?![0-9A-Za-z])`,
  'gi',
);

/** `010.001.002.003` and `10.1.2.3` are one address: octets without leading zeros. */
const ipv4Key = (text: string): string =>
  text
    .split(/[.-]/)
    .map((octet) => String(Number(octet)))
    .join('.');

/** Addresses that identify nothing and carry meaning a reader needs ("bound to all interfaces", loopback). */
export function isNonIdentifyingIp(key: string): boolean {
  return (
    key === '0.0.0.0' ||
    key === '255.255.255.255' ||
    key.startsWith('127.') ||
    key === '::' ||
    key === '::1' ||
    key === 'fe80::'
  );
}

const NON_IDENTIFYING_MACS = new Set(['00-00-00-00-00-00', 'ff-ff-ff-ff-ff-ff']);

/** Whether `text` (without zone) is a valid IPv6 address: eight groups, or fewer with exactly one `::`. */
export function isIpv6(text: string): boolean {
  let body = text;
  let groupsForV4 = 0;
  const lastColon = body.lastIndexOf(':');
  const tail = body.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`).test(tail)) return false;
    body = body.slice(0, lastColon + 1) + '0';
    groupsForV4 = 1; // the dotted tail stands for two groups; the '0' placeholder counts one
  }
  const halves = body.split('::');
  if (halves.length > 2) return false;
  const groups = (half: string): string[] | null => {
    if (half === '') return [];
    const parts = half.split(':');
    return parts.every((p) => /^[0-9A-Fa-f]{1,4}$/.test(p)) ? parts : null;
  };
  const left = groups(halves[0]!);
  const right = halves.length === 2 ? groups(halves[1]!) : [];
  if (left === null || right === null) return false;
  const count = left.length + right.length + groupsForV4;
  return halves.length === 2 ? count <= 7 : count === 8;
}

function pushMac(found: AddressMatch[], match: string, start: number): void {
  const key = match.toLowerCase().replaceAll(':', '-');
  if (!NON_IDENTIFYING_MACS.has(key)) found.push({ kind: 'mac', start, end: start + match.length, key });
}

function pushIpv6(found: AddressMatch[], match: string, start: number): void {
  const zone = match.indexOf('%');
  const address = zone === -1 ? match : match.slice(0, zone);
  if (!isIpv6(address)) return;
  const key = address.toLowerCase();
  // The zone (%12, an interface index) identifies nothing and stays.
  if (!isNonIdentifyingIp(key)) found.push({ kind: 'ip', start, end: start + address.length, key });
}

/** Every identifying IPv4, IPv6 and MAC address in `text`, in order, without overlaps. */
export function findAddresses(text: string): AddressMatch[] {
  const found: AddressMatch[] = [];
  // Most strings of a bundle (states, names, numbers, GUIDs) hold no address: one cheap test rules them out.
  if (!MAYBE_ADDRESS.test(text)) return found;
  const colon = text.includes(':');
  if (colon || text.includes('-')) for (const m of text.matchAll(MAC)) pushMac(found, m[0], m.index);
  if (colon) {
    for (const m of text.matchAll(IPV6_CANDIDATE)) pushIpv6(found, m[0], m.index);
    for (const m of text.matchAll(LABEL_COLON)) {
      if (!/[G-Zg-z_-]/.test(m[0].slice(0, -1))) continue; // all hex: the address patterns already tried it
      const at = m.index + m[0].length;
      MAC_AT.lastIndex = at;
      const macMatch = MAC_AT.exec(text);
      if (macMatch) {
        pushMac(found, macMatch[0], at);
        continue;
      }
      IPV6_AT.lastIndex = at;
      const v6 = IPV6_AT.exec(text);
      if (v6) pushIpv6(found, v6[0], at);
    }
  }
  if (text.includes('.'))
    for (const m of text.matchAll(IPV4)) {
      const key = ipv4Key(m[0]);
      if (!isNonIdentifyingIp(key))
        found.push({ kind: 'ip', start: m.index, end: m.index + m[0].length, key });
    }
  if (/ip-\d/i.test(text))
    for (const m of text.matchAll(DASHED_IPV4)) {
      const key = ipv4Key(m[0].slice(3));
      if (!isNonIdentifyingIp(key))
        found.push({ kind: 'ip', start: m.index, end: m.index + m[0].length, key });
    }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const result: AddressMatch[] = [];
  let reached = 0;
  for (const match of found) {
    if (match.start < reached) continue; // an IPv4 tail inside an IPv6 address already taken
    result.push(match);
    reached = match.end;
  }
  return result;
}
