// Property tests (fast-check): a generated model printed the way PowerShell prints it (list view, table view),
// then damaged the way pastes are (console wrapping, Markdown fences, a blank line after every line, an
// indent, bold prompts), imports to the same values where the form keeps them (issue 12).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NatStaticMapping } from '../../../src/shared/model';
import { known, planModel, planText } from './support';

interface Mapping {
  readonly natName: string;
  readonly externalPort: number;
  readonly internalIp: string;
  readonly internalPort: number;
  readonly protocol: 'tcp' | 'udp';
  readonly active: boolean;
}

const guid = fc.uuid().map((u) => u.toUpperCase());
const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.'));
const port = fc.integer({ min: 1, max: 65535 });
const mapping: fc.Arbitrary<Mapping> = fc.record({
  // Half the names run past 80 columns, so the console wrap cuts them (inside the GUID).
  natName: fc.tuple(guid, guid, fc.boolean()).map(([g, h, long]) => (long ? `NAT${g}-${h}` : `NAT${g}`)),
  externalPort: port,
  internalIp: ipv4,
  internalPort: port,
  protocol: fc.constantFrom('tcp' as const, 'udp' as const),
  active: fc.boolean(),
});

/** Format-List: names padded to the longest, properties in the given order, a blank line between objects. */
function listView(rows: readonly Mapping[], order: readonly number[]): string[] {
  const lines: string[] = [''];
  for (const m of rows) {
    const props: [string, string][] = [
      ['NatName', m.natName],
      ['Protocol', m.protocol.toUpperCase()],
      ['ExternalPort', String(m.externalPort)],
      ['InternalIPAddress', m.internalIp],
      ['InternalPort', String(m.internalPort)],
      ['Active', m.active ? 'True' : 'False'],
    ];
    const width = Math.max(...props.map(([k]) => k.length));
    for (const i of order) lines.push(`${props[i]![0].padEnd(width)} : ${props[i]![1]}`);
    lines.push('');
  }
  return lines;
}

/** The console window: every line cut at `width` columns, continuing on the next line. */
function consoleWrap(lines: readonly string[], width: number): string[] {
  return lines.flatMap((line) => {
    const out: string[] = [];
    let rest = line;
    while (rest.length > width) {
      out.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    out.push(rest);
    return out;
  });
}

type Damage = (lines: string[]) => string[];
const damages: Record<string, Damage> = {
  none: (l) => l,
  fenced: (l) => ['Here is the output:', '```', ...l, '```', 'thanks'],
  blankLined: (l) => l.flatMap((x) => [x, '']),
  indented: (l) => l.map((x) => (x === '' ? x : `    ${x}`)),
  wrapped80: (l) => consoleWrap(l, 80),
};

/** The fields a generated mapping and a parsed one both have. */
const comparable = (
  rows: readonly Pick<
    NatStaticMapping,
    'natName' | 'externalPort' | 'internalIp' | 'internalPort' | 'protocol' | 'active'
  >[],
) =>
  rows.map((m) => ({
    natName: m.natName,
    externalPort: m.externalPort,
    internalIp: m.internalIp,
    internalPort: m.internalPort,
    protocol: m.protocol,
    active: m.active,
  }));

describe('generated NAT mappings survive printing and damage', () => {
  it('list view in any property order', () => {
    fc.assert(
      fc.property(
        fc.array(mapping, { minLength: 1, maxLength: 6 }),
        fc.shuffledSubarray([0, 1, 2, 3, 4, 5], { minLength: 6, maxLength: 6 }),
        // The console wraps first; the poster then indents, doubles lines or fences, in any combination.
        fc.boolean(),
        fc.subarray(['indented', 'blankLined', 'fenced']),
        fc.boolean(),
        (rows, order, wrapped, posted, bold) => {
          const prompt = bold ? '**PS C:\\> Get-NetNatStaticMapping**' : 'PS C:\\> Get-NetNatStaticMapping';
          // The prompt is part of what the poster copied: damage applies to it too, except the fence wraps it.
          let lines = [prompt, ...listView(rows, order)];
          if (wrapped) lines = damages['wrapped80']!(lines);
          if (wrapped && rows.some((r) => r.natName.length > 60))
            expect(lines.some((l) => l.length === 80)).toBe(true);
          for (const damage of posted) lines = damages[damage]!(lines);
          const text = lines.join('\n');
          const parsed = comparable(known(planModel(planText(text)).natMappings));
          expect(parsed).toEqual(comparable(rows));
        },
      ),
      { numRuns: 150 },
    );
  });
});

interface Connection {
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly state: 'Listen' | 'Established' | 'TimeWait';
  readonly owningProcess: number;
}

const connection: fc.Arbitrary<Connection> = fc.record({
  localAddress: ipv4,
  localPort: port,
  remoteAddress: ipv4,
  remotePort: fc.nat(65535),
  state: fc.constantFrom('Listen' as const, 'Established' as const, 'TimeWait' as const),
  owningProcess: fc.nat(99999),
});

/** Format-Table as PowerShell 7 prints it: dashes as wide as the title, text left- and numbers right-aligned. */
function tableView(rows: readonly Connection[]): string[] {
  const columns: { title: string; right: boolean; cell: (c: Connection) => string }[] = [
    { title: 'LocalAddress', right: false, cell: (c) => c.localAddress },
    { title: 'LocalPort', right: true, cell: (c) => String(c.localPort) },
    { title: 'RemoteAddress', right: false, cell: (c) => c.remoteAddress },
    { title: 'RemotePort', right: true, cell: (c) => String(c.remotePort) },
    { title: 'State', right: false, cell: (c) => c.state },
    { title: 'OwningProcess', right: true, cell: (c) => String(c.owningProcess) },
  ];
  const widths = columns.map((col) => Math.max(col.title.length, ...rows.map((r) => col.cell(r).length)));
  const pad = (text: string, i: number, right: boolean): string =>
    right ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
  const line = (cells: string[]): string => cells.join(' ').trimEnd();
  return [
    '',
    line(columns.map((c, i) => pad(c.title, i, c.right))),
    line(columns.map((c, i) => pad('-'.repeat(c.title.length), i, c.right))),
    ...rows.map((r) => line(columns.map((c, i) => pad(c.cell(r), i, c.right)))),
  ];
}

describe('generated TCP connections survive the table view and damage', () => {
  it('table view', () => {
    fc.assert(
      fc.property(
        fc.array(connection, { minLength: 1, maxLength: 8 }),
        fc.constantFrom('none', 'fenced', 'blankLined', 'indented'),
        (rows, damage) => {
          const text = damages[damage]!(['PS C:\\> Get-NetTCPConnection', ...tableView(rows)]).join('\n');
          const parsed = known(planModel(planText(text)).tcp);
          expect(parsed).toEqual(rows.map((r) => ({ ...r })));
        },
      ),
      { numRuns: 150 },
    );
  });
});
