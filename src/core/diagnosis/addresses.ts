// IPv4 addresses as firewall address filters write them: single, CIDR, mask, or a from-to range.

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function parseIpv4(text: string): number | null {
  const m = IPV4.exec(text.trim());
  if (!m) return null;
  let value = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

/** Strips a prefix length (`172.24.80.2/16`, as engines show container addresses) and lower-cases IPv6. */
export function bareAddress(text: string): string {
  // Most addresses are already bare: return them without allocating (NAT sessions run to hundreds of thousands).
  if (!/[/A-Z\s]/.test(text)) return text;
  const slash = text.indexOf('/');
  return (slash === -1 ? text : text.slice(0, slash)).trim().toLowerCase();
}

function maskBits(text: string): number | null {
  if (/^\d{1,2}$/.test(text)) {
    const bits = Number(text);
    return bits <= 32 ? bits : null;
  }
  const mask = parseIpv4(text);
  if (mask === null) return null;
  // A dotted mask must be contiguous ones.
  let bits = 0;
  while (bits < 32 && Math.floor(mask / 2 ** (31 - bits)) % 2 === 1) bits++;
  return mask === (bits === 0 ? 0 : 2 ** 32 - 2 ** (32 - bits)) ? bits : null;
}

/** The IPv4 range an entry or address covers (`a`, `a/24`, `a/255.255.255.0`, `a-b`); null for anything else. */
export function ipv4Range(text: string): readonly [number, number] | null {
  const t = text.trim();
  const dash = t.indexOf('-');
  if (dash > 0) {
    const from = parseIpv4(t.slice(0, dash));
    const to = parseIpv4(t.slice(dash + 1));
    return from === null || to === null || from > to ? null : [from, to];
  }
  const slash = t.indexOf('/');
  if (slash > 0) {
    const base = parseIpv4(t.slice(0, slash));
    const bits = maskBits(t.slice(slash + 1));
    if (base === null || bits === null) return null;
    const size = 2 ** (32 - bits);
    const lo = Math.floor(base / size) * size;
    return [lo, lo + size - 1];
  }
  const single = parseIpv4(t);
  return single === null ? null : [single, single];
}

/**
 * How a filter covers a source network: `all` (every address in it), `none` (no address), or null where it
 * cannot be told (keywords, IPv6, partial overlap).
 */
export function rangeCoverage(entries: readonly string[], source: string): 'all' | 'none' | null {
  const s = ipv4Range(source);
  if (s === null) return null;
  let undecided = false;
  for (const entry of entries) {
    const e = ipv4Range(entry);
    if (e === null) {
      undecided = true;
      continue;
    }
    if (e[0] <= s[0] && e[1] >= s[1]) return 'all';
    if (!(e[1] < s[0] || e[0] > s[1])) undecided = true;
  }
  return undecided ? null : 'none';
}

/**
 * Whether `address` falls in one filter entry: `true`/`false` where it can be told, `null` for keywords
 * (LocalSubnet, DNS, DefaultGateway ...) and IPv6 forms this reader does not evaluate.
 */
export function addressInEntry(address: string, entry: string): boolean | null {
  const ip = parseIpv4(bareAddress(address));
  const text = entry.trim();
  if (ip === null) return bareAddress(address) === text.toLowerCase() ? true : null;
  const dash = text.indexOf('-');
  if (dash > 0) {
    const from = parseIpv4(text.slice(0, dash));
    const to = parseIpv4(text.slice(dash + 1));
    return from === null || to === null ? null : ip >= from && ip <= to;
  }
  const slash = text.indexOf('/');
  if (slash > 0) {
    const base = parseIpv4(text.slice(0, slash));
    const bits = maskBits(text.slice(slash + 1));
    if (base === null || bits === null) return null;
    const size = 2 ** (32 - bits);
    return Math.floor(ip / size) === Math.floor(base / size);
  }
  const single = parseIpv4(text);
  return single === null ? null : single === ip;
}

/** An address list meaning "any": empty, `Any` or `*`. */
export function isAnyAddress(list: readonly string[]): boolean {
  return list.length === 0 || list.some((a) => /^(any|\*)$/i.test(a.trim()));
}
