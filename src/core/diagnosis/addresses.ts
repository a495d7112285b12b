// IPv4 addresses as firewall address filters write them: single, CIDR, mask, or a from-to range.

/**
 * `a.b.c.d`, each part 1-3 digits up to 255, surrounding whitespace allowed; read by character codes rather than a
 * regular expression, since firewall filters and routes are parsed by the thousand.
 */
export function parseIpv4(text: string): number | null {
  const t = text.trim();
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < t.length; i++) {
    const code = t.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      if (++digits > 3) return null;
      octet = octet * 10 + (code - 48);
    } else if (code === 46 && digits > 0 && dots < 3 && octet <= 255) {
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else return null;
  }
  return dots === 3 && digits > 0 && octet <= 255 ? value * 256 + octet : null;
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
