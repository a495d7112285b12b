import { describe, expect, it } from 'vitest';
import {
  applyProgress,
  formatDuration,
  plainProgressLine,
  redraw,
  renderProgress,
  renderSummary,
  type ProgressState,
} from '../../src/cli/collect-progress';
import { terminalText } from '../../src/cli/terminal';
import type { ProbeProgress } from '../../src/collect/types';
import type { HostResult } from '../../src/collect/collect-host';
import { ansi, plain } from '../../src/cli/format/style';

const options = { style: plain, columns: 100, showTarget: false, maxLines: 30 };

function play(events: readonly [number, ProbeProgress][]): ProgressState {
  return events.reduce<ProgressState>((state, [at, event]) => applyProgress(state, event, at), []);
}

describe('live progress', () => {
  it('shows one line per probe with its state and time, running ones ticking', () => {
    const state = play([
      [0, { kind: 'started', id: 'docker.version' }],
      [10, { kind: 'started', id: 'host.os' }],
      [50, { kind: 'finished', id: 'docker.version', status: 'ok', durationMs: 48 }],
      [
        60,
        {
          kind: 'finished',
          id: 'host.os',
          status: 'unsupported',
          durationMs: 50,
          error: 'Get-CimInstance is not available',
        },
      ],
      [70, { kind: 'started', id: 'docker.containers' }],
    ]);
    expect(renderProgress(state, 1570, options)).toEqual([
      'ok             48 ms  docker.version',
      'unsupported    50 ms  host.os            Get-CimInstance is not available',
      'running        1.5 s  docker.containers',
    ]);
  });

  it('keeps probes of different computers apart and names them when asked', () => {
    const state = play([
      [0, { kind: 'started', id: 'host.os', target: 'NODE1' }],
      [0, { kind: 'started', id: 'host.os', target: 'NODE2' }],
      [
        5,
        {
          kind: 'finished',
          id: 'host.os',
          status: 'timeout',
          durationMs: 5,
          target: 'NODE2',
          error: 'no answer within 1 s',
        },
      ],
    ]);
    expect(renderProgress(state, 5, { ...options, showTarget: true })).toEqual([
      'running         5 ms  NODE1  host.os',
      'timeout         5 ms  NODE2  host.os  no answer within 1 s',
    ]);
  });

  it('cuts lines to the terminal width so a redraw never wraps, and strips escape sequences from host text', () => {
    const state = play([
      [
        0,
        {
          kind: 'finished',
          id: 'container.listeners',
          status: 'failed',
          durationMs: 3,
          error: `"evil\u001b[2J\u001b]0;owned\u0007" (0123456789ab): ${'x'.repeat(200)}`,
        },
      ],
    ]);
    const [line] = renderProgress(state, 3, { ...options, columns: 60 });
    expect(line!.length).toBeLessThanOrEqual(59);
    expect(line).not.toContain('\u001b');
    expect(line).not.toContain('\u0007');
    expect(line!.endsWith('...')).toBe(true);
  });

  it('folds finished ok probes into a count when the block would not fit, keeping the troubles and what runs', () => {
    const events: [number, ProbeProgress][] = Array.from({ length: 40 }, (_, i) => [
      0,
      { kind: 'finished', id: `p${i}`, status: 'ok', durationMs: 1 },
    ]);
    events.push(
      [0, { kind: 'finished', id: 'bad', status: 'failed', durationMs: 1, error: 'boom' }],
      [0, { kind: 'started', id: 'slow' }],
    );
    const lines = renderProgress(play(events), 0, { ...options, maxLines: 10 });
    expect(lines[0]).toBe('40 probes ok');
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^failed +1 ms {2}bad +boom$/),
      expect.stringMatching(/^running +0 ms {2}slow$/),
    ]);
  });

  it('colours the state on a terminal only', () => {
    const state = play([
      [0, { kind: 'finished', id: 'host.os', status: 'failed', durationMs: 1, error: 'e' }],
    ]);
    expect(renderProgress(state, 0, { ...options, style: ansi })[0]).toContain('\u001b[31mfailed');
    expect(renderProgress(state, 0, options)[0]).not.toContain('\u001b');
  });

  it('redraws over the previous block and clears what is left below', () => {
    // The sequences are marked as Hostscope's own, so the terminal path lets exactly them through.
    expect(terminalText(redraw(0, ['a']))).toBe('\u001b[2Ka\n\u001b[J');
    expect(terminalText(redraw(2, ['a', 'b', 'c']))).toBe(
      '\u001b[2F\u001b[2Ka\n\u001b[2Kb\n\u001b[2Kc\n\u001b[J',
    );
    expect(terminalText(redraw(0, ['\u001b[2Kb']))).toBe('\u001b[2K?[2Kb\n\u001b[J');
  });
});

describe('plain progress lines', () => {
  it('prints finished probes only, one line each, with the computer when several are collected', () => {
    expect(plainProgressLine({ kind: 'started', id: 'host.os' }, false)).toBeNull();
    expect(
      plainProgressLine({ kind: 'finished', id: 'host.os', status: 'ok', durationMs: 1234 }, false),
    ).toBe('host.os ok 1.2 s');
    expect(
      plainProgressLine(
        {
          kind: 'finished',
          id: 'docker.info',
          status: 'failed',
          durationMs: 0,
          target: 'N1',
          error: 'line one\nline two',
        },
        true,
      ),
    ).toBe('[N1] docker.info failed 0 ms: line one line two');
  });
});

describe('summary', () => {
  it('counts outcomes by status, says where the bundle is, and lists what failed', () => {
    const results: HostResult[] = [
      {
        kind: 'written',
        computer: 'NODE1',
        bundle: { path: '/tmp/b.zip', format: 'zip', files: 3, bytes: 2048 },
        runs: [
          { id: 'host.os', status: 'ok', files: [], durationMs: 1 },
          {
            id: 'docker.info',
            status: 'failed',
            files: [],
            durationMs: 1,
            error: 'cannot reach the Docker engine at npipe:////./pipe/docker_engine',
          },
          { id: 'host.vhds', status: 'unsupported', files: [], durationMs: 1, error: 'no Hyper-V module' },
          { id: 'host.hcs', status: 'ok', files: [], durationMs: 1 },
        ],
      },
      {
        kind: 'failed',
        computer: 'NODE2',
        runs: [],
        error: 'the bundle for NODE2 was not written: disk full',
      },
    ];
    expect(renderSummary(results, 4200, plain, 120)).toBe(
      [
        'NODE1: 4 probes in 4.2 s - 2 ok, 1 failed, 1 unsupported',
        '  bundle: /tmp/b.zip (3 files, 2.0 KiB)',
        '  docker.info failed: cannot reach the Docker engine at npipe:////./pipe/docker_engine',
        'NODE2: 0 probes in 4.2 s',
        '  no bundle: the bundle for NODE2 was not written: disk full',
        '',
      ].join('\n'),
    );
  });

  it('formats durations for people', () => {
    expect([
      formatDuration(12.4),
      formatDuration(999),
      formatDuration(1500),
      formatDuration(125_000),
    ]).toEqual(['12 ms', '999 ms', '1.5 s', '2 min 5 s']);
  });
});
