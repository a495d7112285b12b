// The human output of explain, inspect, findings and isolation: within the width, colour only through the
// style, and host-supplied text unable to move the cursor or colour the terminal.
import { describe, expect, it } from 'vitest';
import { compareIsolation, explain, findings, inspect } from '../../../src/core/diagnosis';
import { formatExplanation } from '../../../src/cli/format/explanation';
import { formatFindings } from '../../../src/cli/format/findings';
import { formatInspect } from '../../../src/cli/format/inspect';
import { formatIsolationComparison } from '../../../src/cli/format/isolation';
import { ansi, plain } from '../../../src/cli/format/style';
import { wrap } from '../../../src/cli/format/wrap';
import type { Fix } from '../../../src/shared/diagnosis';
import { apiContainer, healthy } from '../diagnosis/scenario';

// eslint-disable-next-line no-control-regex
const ESC = /\u001b/;
// eslint-disable-next-line no-control-regex
const ESC_ALL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const HOSTILE =
  'evil\u001b[2J\u001b]0;pwned\u0007-name-that-goes-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on-and-on';

/** Lines past the width, apart from URLs and the fix commands, which are never cut (issue 11). */
const widest = (text: string, width: number, commands: readonly string[] = []): string[] =>
  text
    .split('\n')
    .filter((l) => l.length > width && !/^\s*https?:\/\//.test(l) && !commands.includes(l.trim()));

const commandsOf = (fixes: readonly Fix[]): string[] =>
  fixes.flatMap((f) => (f.kind === 'command' ? [f.command.replace(ESC_ALL, '?')] : []));

describe('wrap', () => {
  it('keeps every line within the width, cuts words longer than a line, and indents continuations', () => {
    const lines = wrap(`short words then ${'x'.repeat(150)} and more`, 40, '  - ', '    ');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(40);
    expect(lines[0]!.startsWith('  - short')).toBe(true);
    expect(lines.slice(1).every((l) => l.startsWith('    '))).toBe(true);
    expect(lines.join('').replace(/\s/g, '')).toContain('x'.repeat(36));
  });
  it('replaces control characters', () => {
    expect(wrap('a\u001b[31mb', 80)).toEqual(['a?[31mb']);
  });
});

describe('formatters', () => {
  const { b, web } = healthy({ web: { name: HOSTILE, state: 'exited', env: ['DB_PASSWORD'] } });
  const model = b.containers(apiContainer()).build();
  const e = explain(model, { container: web, source: { kind: 'external' }, port: 8080, protocol: 'tcp' });

  it('explain: verdict first, then hops, then causes; within 100 columns; no escape from a hostile name', () => {
    const out = formatExplanation(e, plain, { width: 100 });
    expect(out.split('\n')[0]).toMatch(/^UNREACHABLE {2}evil\?\[2J\?\]0;pwned\?-name/);
    expect(out).toContain('  ✗ Container');
    expect(out).toContain('Why, and how to fix it');
    expect(out).not.toMatch(ESC);
    expect(widest(out, 100, commandsOf(e.causes.map((c) => c.fix)))).toEqual([]);
  });

  it('prints a fix command whole on a line of its own, even past the width, and wraps only prose', () => {
    const out = formatExplanation(e, plain, { width: 60 }).split('\n');
    const commands = commandsOf(e.causes.map((c) => c.fix));
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) {
      expect(command.length).toBeGreaterThan(60);
      expect(out.map((l) => l.trim())).toContain(command);
    }
    const all = findings(model);
    const text = formatFindings(all, plain, 60)
      .split('\n')
      .map((l) => l.trim());
    for (const command of commandsOf(all.map((f) => f.fix))) expect(text).toContain(command);
  });

  it('explain: colour only when the style brings it', () => {
    expect(formatExplanation(e, ansi)).toMatch(ESC);
    expect(formatExplanation(e, plain)).not.toMatch(ESC);
  });

  it('inspect, findings and the isolation comparison fit 80 columns and carry no escape of their own', () => {
    const outs = [
      formatInspect(inspect(model, web), plain, 80),
      formatFindings(findings(model), plain, 80),
      formatIsolationComparison(compareIsolation(model, web, apiContainer()), plain, 80),
    ];
    const commands = commandsOf(findings(model).map((f) => f.fix));
    for (const out of outs) {
      expect(out).not.toMatch(ESC);
      expect(widest(out, 80, commands)).toEqual([]);
    }
  });

  it('inspect cleans the container id too, on the line it paints', () => {
    const result = { ...inspect(model, web), id: 'abc\u001b[2Jdef' };
    expect(formatInspect(result, ansi)).not.toContain('\u001b[2J');
  });

  it('findings counts in the singular for one', () => {
    const one = findings(model).filter((f) => f.id === 'secrets-in-env');
    expect(one).toHaveLength(1);
    expect(formatFindings(one, plain).split('\n')[0]).toBe('1 finding: 1 medium');
    expect(formatFindings(findings(model), plain).split('\n')[0]).toMatch(/^\d+ findings: /);
  });

  it('findings says so when there is nothing', () => {
    expect(formatFindings([], plain)).toBe('No findings: nothing wrong was seen in this bundle.\n');
  });
});
