// host/excludedports.txt: `netsh int ipv4|ipv6 show excludedportrange protocol=tcp|udp` and `netsh int ipv4 show
// dynamicport tcp|udp`, each after a `### <command>` line (bundle-v1, 1.1). netsh localises every word (German
// "Startport", Chinese "开始端口"), so only the commands and the numbers are read (knowledge notes section 10).
import type {
  AddressFamily,
  DynamicPortRange,
  ExcludedPortRange,
  PortExclusions,
  PortListing,
} from '../../shared/model';
import type { TextParse } from './text';

/** Which listing a `### <command>` line announces, or why it is not one this reader knows. */
function listingOf(command: string): PortListing | string {
  const words = command.toLowerCase().split(/\s+/);
  const family: AddressFamily | null = words.includes('ipv4')
    ? 'ipv4'
    : words.includes('ipv6')
      ? 'ipv6'
      : null;
  const kind = words.some((w) => w.startsWith('excludedportrange'))
    ? 'excluded'
    : words.some((w) => w.startsWith('dynamicport'))
      ? 'dynamic'
      : null;
  const protocolWord = words.find((w) => w === 'tcp' || w === 'udp' || /^protocol=(tcp|udp)$/.test(w));
  const protocol = protocolWord === undefined ? null : protocolWord.endsWith('udp') ? 'udp' : 'tcp';
  if (family === null || kind === null || protocol === null)
    return `expected "### netsh int ipv4|ipv6 show excludedportrange protocol=tcp|udp" or "... show dynamicport tcp|udp"; got "### ${command}"`;
  return { kind, family, protocol };
}

const PORT_MAX = 65535;

/** A row of an exclusion table: start and end port, then `*` for an administered exclusion. */
const RANGE_ROW = /^(\d+)\s+(\d+)(?:\s+(\*))?$/;
/** A row that holds nothing but numbers and stars: a range row, or one cut short. */
const NUMBERS_ONLY = /^[\d\s*]+$/;
/** A `label : number` row of the dynamic port listing (full-width colon in Chinese output). */
const LABELLED_NUMBER = /[:：]\s*(\d+)\s*$/;

export function parseExcludedPorts(text: string): TextParse<PortExclusions> {
  const ranges: ExcludedPortRange[] = [];
  const dynamic: DynamicPortRange[] = [];
  const listings: PortListing[] = [];
  let current: PortListing | null = null;
  let numbers: number[] = [];
  let headerLine = 0;

  // A dynamic listing gives its start and its count as two labelled numbers.
  const closeDynamic = (): TextParse<null> => {
    if (current?.kind !== 'dynamic') return { kind: 'ok', value: null };
    const [start, count] = numbers;
    if (start === undefined || count === undefined)
      return {
        kind: 'invalid',
        reason: `the dynamic port listing of ${current.family} ${current.protocol} ends before its start port and number of ports`,
        location: `line ${headerLine}`,
      };
    if (start < 1 || start > PORT_MAX || count < 1 || start + count - 1 > PORT_MAX)
      return {
        kind: 'invalid',
        reason: `dynamic port range ${start} (+${count}) lies outside 1-${PORT_MAX}`,
        location: `line ${headerLine}`,
      };
    dynamic.push({ family: current.family, protocol: current.protocol, start, count });
    return { kind: 'ok', value: null };
  };

  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    const at = `line ${i + 1}`;
    if (line.startsWith('###')) {
      const closed = closeDynamic();
      if (closed.kind === 'invalid') return closed;
      const listing = listingOf(line.slice(3).trim());
      if (typeof listing === 'string') return { kind: 'invalid', reason: listing, location: at };
      current = listing;
      listings.push(listing);
      numbers = [];
      headerLine = i + 1;
      continue;
    }
    if (line === '' || current === null) continue;
    if (current.kind === 'dynamic') {
      const labelled = LABELLED_NUMBER.exec(line);
      if (labelled) numbers.push(Number(labelled[1]));
      continue;
    }
    if (!NUMBERS_ONLY.test(line) || !/\d/.test(line)) continue;
    const row = RANGE_ROW.exec(line);
    if (!row)
      return {
        kind: 'invalid',
        reason: `expected a start port, an end port and an optional "*"; got "${line}" (cut short?)`,
        location: at,
      };
    const start = Number(row[1]);
    const end = Number(row[2]);
    if (start > end || end > PORT_MAX)
      return {
        kind: 'invalid',
        reason: `port range ${start}-${end} is not a range within 0-${PORT_MAX}`,
        location: at,
      };
    ranges.push({
      family: current.family,
      protocol: current.protocol,
      start,
      end,
      administered: row[3] === '*',
    });
  }
  const closed = closeDynamic();
  if (closed.kind === 'invalid') return closed;
  if (listings.length === 0 && text.trim() !== '')
    return {
      kind: 'invalid',
      reason: 'expected "### <netsh command>" lines before each listing; found none',
      location: 'line 1',
    };
  return { kind: 'ok', value: { ranges, dynamic, listings } };
}
