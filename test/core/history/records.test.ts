import { describe, expect, it } from 'vitest';
import { parseEventLines, parsePointLines, recordLine } from '../../../src/core/history';
import type { HistoryPoint } from '../../../src/shared/history';

const point: HistoryPoint = {
  file: '2026-12-07T09-00-00-000Z-fast.zip',
  collectedAt: '2026-12-07T09:00:00.000Z',
  scope: 'fast',
  computerName: 'CONTAINERHOST01',
  bytes: 1234,
  summary: {
    containers: 3,
    runningContainers: 2,
    natSessions: 7,
    natSessionsByContainer: [{ container: 'web', sessions: 7 }],
    findingsBySeverity: null,
    unreachablePaths: null,
  },
};

describe('history index lines', () => {
  it('read back what they wrote', () => {
    const lines = parsePointLines(recordLine(point) + recordLine({ ...point, file: 'b.zip' }));
    expect(lines).toEqual([
      { kind: 'ok', line: 1, value: point },
      { kind: 'ok', line: 2, value: { ...point, file: 'b.zip' } },
    ]);
  });

  it('refuse a file name that leaves the folder (retention deletes by it), naming the line and field', () => {
    for (const file of [
      '../../etc/passwd.zip',
      '/tmp/x.zip',
      'a/b.zip',
      'C:\\x.zip',
      '.hidden.zip',
      'x.txt',
    ]) {
      const [line] = parsePointLines(`\n${JSON.stringify({ ...point, file })}\n`);
      expect(line?.kind, file).toBe('invalid');
      if (line?.kind === 'invalid') {
        expect(line.line).toBe(2);
        expect(line.reason).toMatch(/^file: /);
      }
    }
  });

  it('skip a damaged line and keep the others', () => {
    const text = `${recordLine(point)}{"file": "x.zip", "collectedAt": \n${recordLine(point)}`;
    const lines = parsePointLines(text);
    expect(lines.map((l) => l.kind)).toEqual(['ok', 'invalid', 'ok']);
    expect(lines[1]).toMatchObject({ kind: 'invalid', line: 2, reason: expect.stringMatching(/^not JSON/) });
  });

  it('refuse unknown fields, negative counts and unknown event kinds', () => {
    expect(parsePointLines(JSON.stringify({ ...point, extra: 1 }))[0]?.kind).toBe('invalid');
    expect(
      parsePointLines(JSON.stringify({ ...point, summary: { ...point.summary, containers: -1 } }))[0]?.kind,
    ).toBe('invalid');
    const event = { at: '2026-12-07T09:00:00.000Z', kind: 'start', container: 'web', detail: null };
    expect(parseEventLines(JSON.stringify(event))[0]).toEqual({ kind: 'ok', line: 1, value: event });
    expect(parseEventLines(JSON.stringify({ ...event, kind: 'exec_start' }))[0]?.kind).toBe('invalid');
  });
});
