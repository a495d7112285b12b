// Issue 17: one hostile field or file marks that file invalid and nothing else; memory stays bounded by the input.
import { describe, expect, it } from 'vitest';
import { JsonHeapBudget, parseJson, scanJson } from '../../src/core/bundle/json';
import { correlate, explain, findings, inspect } from '../../src/core/diagnosis';
import { plain } from '../../src/cli/format/style';
import { table } from '../../src/cli/format/table';
import { MAX_WRAPPED_LINES, wrap } from '../../src/cli/format/wrap';
import { buildHostModel } from '../../src/core/host-model';
import { markdownCode, markdownCodeBlock } from '../../src/core/report/escape';
import { array, dateOf, describeIssues, list, MAX_ISSUES, record, text } from '../../src/core/parse/values';
import { seedsFromBundle } from '../../src/core/redact';
import { emptyObjects } from '../support/hostile-bundles';
import { rawBundle } from '../support/raw-bundle';

const outcome = (model: ReturnType<typeof buildHostModel>, id: string) =>
  model.probes.find((p) => p.id === id)!;

const heapMB = (): number => process.memoryUsage().heapUsed / 1024 / 1024;

describe('defect 1: validation memory is bounded by the input, not by the number of errors', () => {
  it('keeps at most a few issues for a list of 350,000 bad entries and says checking stopped', () => {
    const entries = JSON.parse(emptyObjects(1024 * 1024)) as unknown[];
    expect(entries.length).toBeGreaterThan(300_000);
    const checked = list(text).safeParse(entries);
    expect(checked.success).toBe(false);
    if (checked.success) return;
    expect(checked.error.issues.length).toBeLessThanOrEqual(MAX_ISSUES + 1);
    expect(describeIssues(checked.error)).toBe(
      '[0]: expected text; [1]: expected text; [2]: expected text (and more; checking stopped at the first problems)',
    );
  });

  it('bounds nested arrays and records too, with the path of the bad entry', () => {
    const bad = [...Array(10_000).keys()].map(() => ({}));
    const nested = array(text).safeParse(['a', 'b', ...bad]);
    expect(nested.success).toBe(false);
    if (!nested.success) {
      expect(nested.error.issues.length).toBeLessThanOrEqual(MAX_ISSUES + 1);
      expect(nested.error.issues[0]!.path).toEqual([2]);
    }
    const keys = Object.fromEntries(bad.map((v, i) => [`k${i}`, v]));
    const rec = record(text).safeParse({ ok: 'x', ...keys });
    expect(rec.success).toBe(false);
    if (!rec.success) {
      expect(rec.error.issues.length).toBeLessThanOrEqual(MAX_ISSUES + 1);
      expect(rec.error.issues[0]!.path).toEqual(['k0']);
    }
    expect(array(text).safeParse('a').success).toBe(false);
    expect(record(text).safeParse({ __proto__: 'x' })).toMatchObject({ success: true });
  });

  it('marks host/processes.json with 1 MiB of {}, invalid, naming the first entries, and reads the rest', () => {
    const before = heapMB();
    const model = buildHostModel(
      rawBundle({
        'host/processes.json': emptyObjects(1024 * 1024),
        'host/netnat.json': '[]',
      }),
    );
    // Before the fix this cost 436 MB (two issues per entry); the issues now weigh nothing.
    expect(heapMB() - before).toBeLessThan(150);
    expect(outcome(model, 'host.processes')).toMatchObject({ status: 'invalid' });
    expect(outcome(model, 'host.processes').detail).toMatch(
      /^host\/processes\.json: does not match the expected shape: \[0\]\.Id: expected an integer; .*checking stopped/,
    );
    expect(model.nat).toMatchObject({ kind: 'known', value: [] });
  });

  it('refuses a file whose parse would exceed the bundle heap budget before JSON.parse builds it', () => {
    // 16 MiB of `{},` (a 38 KB zip) is about 340 MiB of objects: refused from the text alone.
    const sixteen = emptyObjects(16 * 1024 * 1024);
    expect(scanJson(sixteen, 64).heapBytes).toBeGreaterThan(256 * 1024 * 1024);
    const before = heapMB();
    const model = buildHostModel(rawBundle({ 'host/processes.json': sixteen, 'host/netnat.json': '[]' }));
    expect(heapMB() - before).toBeLessThan(100);
    expect(outcome(model, 'host.processes').detail).toMatch(
      /would take about 3\d\d MiB of memory once parsed, more than the 256 MiB left of the 256 MiB a bundle may use; refused \(limit: parsed JSON per bundle\)/,
    );
    expect(model.nat.kind).toBe('known');
  });

  it('charges the budget across the files of a bundle', () => {
    const budget = new JsonHeapBudget(1000);
    expect(parseJson('[{},{},{}]', 64, budget).kind).toBe('ok');
    expect(budget.remaining).toBe(1000 - 3 * 64 - 40);
    const second = parseJson(`[${'{},'.repeat(20)}{}]`, 64, budget);
    expect(second).toMatchObject({ kind: 'invalid' });
    expect(budget.remaining).toBe(1000 - 3 * 64 - 40);
    // Brackets and quotes inside strings are text, not values.
    expect(scanJson('["{[{[", "\\"{"]', 64).heapBytes).toBe(40 + 2 * 16);
  });
});

const rule = (protocol: string): Record<string, unknown> => ({
  Name: `r-${protocol}`,
  DisplayName: protocol,
  Enabled: 'True',
  Direction: 'Inbound',
  Action: 'Allow',
  Profile: 'Any',
  Protocol: protocol,
  LocalPort: '80',
});

describe('defect 3: names from a bundle resolve no inherited key', () => {
  const model = buildHostModel(
    rawBundle({
      'host/firewall-rules.json': JSON.stringify([rule('constructor'), rule('__proto__'), rule('toString')]),
      'host/netnat-sessions.json': JSON.stringify([
        { NatName: 'n', Protocol: 'constructor', InternalSourcePort: 1 },
        { NatName: 'n', Protocol: '__proto__', InternalSourcePort: 2 },
        { NatName: 'n', Protocol: 6, InternalSourcePort: 3 },
      ]),
      'host/tcp.json': JSON.stringify([
        { LocalAddress: '0.0.0.0', LocalPort: 80, State: 'constructor', OwningProcess: 4 },
      ]),
    }),
  );

  it('keeps "constructor" and "__proto__" as the protocol names they are written as', () => {
    expect(model.firewallRules).toMatchObject({ kind: 'known' });
    if (model.firewallRules.kind !== 'known') return;
    expect(model.firewallRules.value.map((r) => r.protocol)).toEqual([
      'constructor',
      '__proto__',
      'tostring',
    ]);
    if (model.natSessions.kind !== 'known') throw new Error('sessions not read');
    expect(model.natSessions.value.map((s) => s.protocol)).toEqual(['constructor', '__proto__', 'tcp']);
    expect(model.tcp).toMatchObject({ kind: 'known', value: [{ state: 'constructor' }] });
  });

  it('lets every analysis run (they threw "protocol.trim is not a function")', () => {
    const correlation = correlate(model);
    expect(() => findings(model, correlation)).not.toThrow();
  });
});

describe('defect 4: a date out of range marks its file invalid', () => {
  it('rejects StartTime 1e16 and a NAT session CreationTime /Date(1e16)/, and nothing else', () => {
    const model = buildHostModel(
      rawBundle({
        'host/processes.json': JSON.stringify([{ Id: 4, ProcessName: 'System', StartTime: 1e16 }]),
        'host/netnat-sessions.json': JSON.stringify([
          { NatName: 'n', Protocol: 6, CreationTime: '/Date(10000000000000000)/' },
        ]),
        'host/netnat.json': '[]',
      }),
    );
    expect(outcome(model, 'host.processes')).toMatchObject({
      status: 'invalid',
      detail:
        'host/processes.json: does not match the expected shape: [0].StartTime: expected a date (a number of milliseconds within the range of a date)',
    });
    expect(outcome(model, 'host.natsessions')).toMatchObject({ status: 'invalid' });
    expect(model.nat.kind).toBe('known');
    const correlation = correlate(model);
    expect(() => findings(model, correlation)).not.toThrow();
  });

  it('never throws converting a date, and keeps the largest valid time', () => {
    expect(dateOf(8.64e15)).toBe('+275760-09-13T00:00:00.000Z');
    expect(dateOf(8.64e15 + 1)).toBeNull();
    expect(dateOf({ value: -1e300 })).toBeNull();
    expect(dateOf('/Date(99999999999999999)/')).toBe('/Date(99999999999999999)/');
  });
});

// inspect and explain ran into the same crashes through the model; keep them exercised on the hostile rule.
describe('defects 3 and 4 through inspect and explain', () => {
  it('answers for a container when a rule names protocol "constructor"', () => {
    const model = buildHostModel(
      rawBundle({
        'docker/containers.json': JSON.stringify([
          { Id: 'a'.repeat(64), Name: '/web', State: { Status: 'running' }, HostConfig: {}, Config: {} },
        ]),
        'host/firewall-rules.json': JSON.stringify([rule('constructor')]),
      }),
    );
    if (model.containers.kind !== 'known') throw new Error(JSON.stringify(model.containers));
    const web = model.containers.value[0]!;
    const correlation = correlate(model);
    expect(() => inspect(model, web)).not.toThrow();
    expect(() =>
      explain(
        model,
        { container: web, source: { kind: 'external' }, port: 80, protocol: 'tcp' },
        correlation,
      ),
    ).not.toThrow();
  });
});

describe('defect 1: redaction seeds parse only the files a probe owns', () => {
  // Only files a catalogue probe owns are parsed (the redacted bundle leaves the others out, so nothing of theirs
  // needs a pseudonym), even where the manifest lists them.
  it('leaves an unowned 64 MiB JSON unparsed, and still reads named fields of probe files', () => {
    const named = JSON.stringify({ ComputerName: 'PLANTED-HOST' });
    const raw = rawBundle(
      {
        'extra/unowned.json': emptyObjects(64 * 1024 * 1024),
        'extra/named.json': named,
        'host/future.json': named.replace('PLANTED', 'LISTED'),
        'host/os.json': named.replace('PLANTED', 'OWNED'),
      },
      [{ id: 'host.future-probe', status: 'ok', files: ['host/future.json'] }],
    );
    const before = heapMB();
    const seeds = seedsFromBundle(raw);
    // Parsing the unowned file alone would build about 1.4 GB of objects.
    expect(heapMB() - before).toBeLessThan(300);
    const values = seeds.map((s) => s.value);
    expect(values).toContain('OWNED-HOST');
    expect(values).not.toContain('PLANTED-HOST');
    expect(values).not.toContain('LISTED-HOST');
  });
});

describe('defect 8: no spread or recursion that overflows the stack on 150,000 items', () => {
  it('lays out a table of 150,000 rows', () => {
    const rows = Array.from({ length: 150_000 }, (_, i) => `container-${i}`);
    const out = table(rows, [{ header: 'NAME', value: (r: string) => r }], plain);
    expect(out.split('\n')).toHaveLength(150_001);
    expect(out.split('\n')[1]).toBe('container-0');
  });

  it('fences code around 150,000 backtick runs', () => {
    const text = '`a'.repeat(150_000) + '```';
    expect(markdownCode(text)).toBe(`\`\`\`\` ${text} \`\`\`\``);
    expect(markdownCodeBlock('``x'.repeat(150_000)).startsWith('```\n')).toBe(true);
  });

  it('wraps a 2 MB text into a bounded number of lines that callers can spread', () => {
    const lines = wrap('word '.repeat(400_000), 100, '  ');
    expect(lines).toHaveLength(MAX_WRAPPED_LINES + 1);
    expect(lines.at(-1)).toMatch(/^ {2}\.\.\. \(\d+ more lines of this text left out\)$/);
    const out: string[] = [];
    out.push(...lines);
    expect(out).toHaveLength(MAX_WRAPPED_LINES + 1);
  });
});
