// The history folder on disk: appends, retention that deletes files and rewrites the index, and a damaged or
// hostile index read back without trusting it.
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryStore } from '../../src/collect/history-store';
import { DEFAULT_WATCH_SETTINGS, type HistoryPoint, type WatchSettings } from '../../src/shared/history';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hostscope-history-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function point(minute: number, bytes = 10): HistoryPoint {
  const file = `p${String(minute).padStart(3, '0')}-fast.zip`;
  writeFileSync(join(dir, file), 'x'.repeat(bytes));
  return {
    file,
    collectedAt: new Date(Date.UTC(2026, 11, 7, 9, minute)).toISOString(),
    scope: 'fast',
    computerName: 'H',
    bytes,
    summary: {
      containers: 1,
      runningContainers: 1,
      natSessions: null,
      natSessionsByContainer: null,
      findingsBySeverity: null,
      unreachablePaths: null,
    },
  };
}

const zips = (): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.zip'))
    .sort();

const keep = (maxCount: number, maxBytes = 1e9): WatchSettings => ({
  ...DEFAULT_WATCH_SETTINGS,
  retention: { maxCount, maxBytes },
});

describe('the history folder', () => {
  it('keeps collections across a restart of the app, oldest first', async () => {
    const store = new HistoryStore(dir);
    await store.add(point(2), keep(10));
    await store.add(point(1), keep(10));
    const again = await new HistoryStore(dir).contents();
    expect(again.points.map((p) => p.file)).toEqual(['p001-fast.zip', 'p002-fast.zip']);
    expect(again.problems).toEqual([]);
  });

  it('deletes the bundles retention removes and rewrites the index without them', async () => {
    const store = new HistoryStore(dir);
    for (const m of [1, 2, 3]) await store.add(point(m), keep(10));
    await store.addEvent({
      at: new Date(Date.UTC(2026, 11, 7, 9, 1, 30)).toISOString(),
      kind: 'die',
      container: 'web',
      detail: '0',
    });
    await store.addEvent({
      at: new Date(Date.UTC(2026, 11, 7, 9, 2, 30)).toISOString(),
      kind: 'start',
      container: 'web',
      detail: null,
    });
    const removed = await store.retain(keep(2));
    expect(removed.map((p) => p.file)).toEqual(['p001-fast.zip']);
    expect(existsSync(join(dir, 'p001-fast.zip'))).toBe(false);
    expect(existsSync(join(dir, 'p002-fast.zip'))).toBe(true);
    const reread = await new HistoryStore(dir).contents();
    expect(reread.points.map((p) => p.file)).toEqual(['p002-fast.zip', 'p003-fast.zip']);
    // The event before the oldest kept collection went with it.
    expect(reread.events.map((e) => e.kind)).toEqual(['start']);
  });

  it('counts bundles a crash left without an index line, and removes them first', async () => {
    const store = new HistoryStore(dir);
    for (const m of [1, 2, 3]) await store.add(point(m), keep(10));
    // Two collections whose index line was never written (the app ended between the zip and the append).
    const past = new Date(Date.now() - 3_600_000);
    for (const file of ['p004-full.zip', 'p005-fast.zip']) {
      writeFileSync(join(dir, file), 'x'.repeat(1000));
      utimesSync(join(dir, file), past, past);
    }
    const restarted = new HistoryStore(dir);
    const contents = await restarted.contents();
    expect(contents.points.map((p) => p.file)).toEqual(['p001-fast.zip', 'p002-fast.zip', 'p003-fast.zip']);
    expect(contents.problems).toEqual([
      expect.stringMatching(/^2 bundle\(s\) in the folder have no line in points\.jsonl/),
    ]);
    // Five bundles on disk, three allowed: the two unindexed go first, the indexed ones stay.
    expect(await restarted.retain(keep(3))).toEqual([]);
    expect(zips()).toEqual(['p001-fast.zip', 'p002-fast.zip', 'p003-fast.zip']);
    // Their bytes count as well: 2,000 bytes over a 1,500-byte limit remove one unindexed bundle, then no more.
    for (const file of ['p006-fast.zip', 'p007-fast.zip']) {
      writeFileSync(join(dir, file), 'x'.repeat(1000));
      utimesSync(join(dir, file), past, past);
    }
    const again = new HistoryStore(dir);
    expect(await again.retain(keep(10, 1_500))).toEqual([]);
    expect(zips()).toEqual(['p001-fast.zip', 'p002-fast.zip', 'p003-fast.zip', 'p007-fast.zip']);
    // A bundle written after the store was made may be a collection still running: never counted.
    const running = join(dir, 'p008-fast.zip');
    writeFileSync(running, 'x'.repeat(5000));
    const later = new Date(Date.now() + 3_600_000);
    utimesSync(running, later, later);
    expect(await new HistoryStore(dir).retain(keep(2))).toEqual([
      expect.objectContaining({ file: 'p001-fast.zip' }),
    ]);
    expect(zips()).toEqual(['p002-fast.zip', 'p003-fast.zip', 'p008-fast.zip']);
  });

  it('never deletes a file the index names outside the folder, and leaves out bundles that are gone', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'hostscope-outside-'));
    try {
      writeFileSync(join(outside, 'victim.zip'), 'keep me');
      const good = point(5);
      const gone = { ...point(4), file: 'p004-gone.zip' };
      const hostile = { ...point(3), file: `../${outside.split('/').pop()}/victim.zip` };
      // point() wrote p003/p004-fast.zip, which this index does not name: not what this test is about.
      for (const stray of ['p003-fast.zip', 'p004-fast.zip']) rmSync(join(dir, stray));
      writeFileSync(
        join(dir, 'points.jsonl'),
        [hostile, gone, good].map((p) => JSON.stringify(p)).join('\n') + '\nnot json\n',
      );
      const store = new HistoryStore(dir);
      const { points, problems } = await store.contents();
      expect(points.map((p) => p.file)).toEqual([good.file]);
      expect(problems).toHaveLength(3);
      expect(problems[0]).toMatch(/^points\.jsonl line 1: file: /);
      expect(problems[1]).toMatch(/p004-gone\.zip is no longer in the folder/);
      expect(problems[2]).toMatch(/^points\.jsonl line 4: not JSON/);
      await store.retain(keep(1));
      expect(readFileSync(join(outside, 'victim.zip'), 'utf8')).toBe('keep me');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('reads damaged settings as the defaults (intervals off), and says so', async () => {
    writeFileSync(
      join(dir, 'watch.json'),
      '{"fastSeconds": 1, "fullMinutes": null, "retention": {"maxCount": 5, "maxBytes": 2000000}}',
    );
    const store = new HistoryStore(dir);
    expect(await store.settings()).toEqual(DEFAULT_WATCH_SETTINGS);
    expect((await store.contents()).problems.join()).toMatch(/watch\.json: fastSeconds: at least 5 seconds/);
    await store.saveSettings(keep(7));
    expect(await new HistoryStore(dir).settings()).toEqual(keep(7));
  });
});
