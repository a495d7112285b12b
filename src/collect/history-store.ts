// The history folder of a watched host (issue 13, item 2): one bundle per collection (`<stamp>-<scope>.zip`),
// `points.jsonl` with each kept collection's summary (so the timeline never re-reads a bundle), `events.jsonl`
// with the engine events received while watching, and `watch.json` with the interval and retention settings.
// Appends are cheap; the index is rewritten (atomically, through a temporary file) only when retention removes
// collections. Every line read back is validated: the folder is on disk and may be edited or damaged.

import { appendFile, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write';
import { applyRetention, HISTORY_FILE, parseEventLines, parsePointLines, recordLine } from '../core/history';
import {
  DEFAULT_WATCH_SETTINGS,
  type CollectionScope,
  type EngineEventMark,
  type HistoryPoint,
  type WatchSettings,
} from '../shared/history';
import { watchSettingsSchema } from '../shared/ipc';

const POINTS = 'points.jsonl';
const EVENTS = 'events.jsonl';
const SETTINGS = 'watch.json';
/** Events kept at most, whatever the collections: a flapping container must not grow the file without end. */
const MAX_EVENTS = 100_000;

export interface HistoryContents {
  /** Oldest first. */
  readonly points: readonly HistoryPoint[];
  /** Oldest first. */
  readonly events: readonly EngineEventMark[];
  /** Lines or files that could not be used, each naming the file, the line and why. */
  readonly problems: readonly string[];
}

/** A bundle in the folder that no index line names: its collection ended (a crash) before it was indexed. */
interface Unindexed {
  readonly file: string;
  readonly bytes: number;
}

export class HistoryStore {
  #points: HistoryPoint[] | null = null;
  // Not shown (there is no summary to show), but on disk: retention counts them and removes them first.
  #unindexed: Unindexed[] = [];
  // A bundle written since this store was made may be a collection still running, not one a crash left.
  readonly #since = Date.now();
  #events: EngineEventMark[] = [];
  #problems: string[] = [];
  #settingsProblem: string | null = null;
  // Every change runs after the one before it: two collections ending together must not interleave rewrites.
  #queue: Promise<unknown> = Promise.resolve();

  constructor(readonly folder: string) {}

  /** A new bundle's path: the time it was collected, then its scope. */
  bundlePath(scope: CollectionScope, at: Date): string {
    const stamp = at.toISOString().replace(/[:.]/g, '-');
    return join(this.folder, `${stamp}-${scope}.zip`);
  }

  async contents(): Promise<HistoryContents> {
    await this.#load();
    const settings = this.#settingsProblem === null ? [] : [this.#settingsProblem];
    return { points: this.#points!, events: this.#events, problems: [...settings, ...this.#problems] };
  }

  /** Keeps a collection whose bundle is already in the folder; answers the collections retention removed. */
  add(point: HistoryPoint, settings: WatchSettings): Promise<readonly HistoryPoint[]> {
    return this.#serial(async () => {
      await this.#load();
      if (!HISTORY_FILE.test(point.file)) throw new Error(`${point.file} is not a history bundle name`);
      await mkdir(this.folder, { recursive: true });
      this.#unindexed = this.#unindexed.filter((u) => u.file !== point.file);
      this.#points!.push(point);
      this.#points!.sort(
        (a, b) => a.collectedAt.localeCompare(b.collectedAt) || a.file.localeCompare(b.file),
      );
      await appendFile(join(this.folder, POINTS), recordLine(point));
      return this.#retain(settings);
    });
  }

  addEvent(mark: EngineEventMark): Promise<void> {
    return this.#serial(async () => {
      await this.#load();
      await mkdir(this.folder, { recursive: true });
      this.#events.push(mark);
      await appendFile(join(this.folder, EVENTS), recordLine(mark));
      if (this.#events.length > MAX_EVENTS * 1.1) {
        this.#events = this.#events.slice(-MAX_EVENTS);
        await this.#rewrite(EVENTS, this.#events);
      }
    });
  }

  /** Applies new limits at once (a lower count removes collections now, not at the next one). */
  retain(settings: WatchSettings): Promise<readonly HistoryPoint[]> {
    return this.#serial(async () => {
      await this.#load();
      return this.#retain(settings);
    });
  }

  /** The saved settings; defaults when there are none or the file is damaged (noted in problems). */
  async settings(): Promise<WatchSettings> {
    let text: string;
    this.#settingsProblem = null;
    try {
      text = await readFile(join(this.folder, SETTINGS), 'utf8');
    } catch {
      return DEFAULT_WATCH_SETTINGS;
    }
    try {
      const parsed = watchSettingsSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
      const issue = parsed.error.issues[0];
      this.#settingsProblem = `${SETTINGS}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}; the defaults apply`;
    } catch (error) {
      this.#settingsProblem = `${SETTINGS}: not JSON (${(error as Error).message}); the defaults apply`;
    }
    return DEFAULT_WATCH_SETTINGS;
  }

  saveSettings(settings: WatchSettings): Promise<void> {
    return this.#serial(async () => {
      await mkdir(this.folder, { recursive: true });
      await this.#atomicWrite(SETTINGS, `${JSON.stringify(settings, null, 2)}\n`);
    });
  }

  async #retain(settings: WatchSettings): Promise<readonly HistoryPoint[]> {
    // Unindexed bundles count like any other and go first: nobody can open them from the timeline.
    const items = [
      ...this.#unindexed.map((u) => ({ ...u, point: null })),
      ...this.#points!.map((point) => ({ file: point.file, bytes: point.bytes, point })),
    ];
    const { keep, remove } = applyRetention(items, settings.retention);
    if (remove.length === 0) return [];
    const removed = remove.flatMap((item) => (item.point === null ? [] : [item.point]));
    this.#unindexed = keep.flatMap((item) =>
      item.point === null ? [{ file: item.file, bytes: item.bytes }] : [],
    );
    this.#points = keep.flatMap((item) => (item.point === null ? [] : [item.point]));
    // The index first: a crash between the two leaves unlisted files, never listed files that are gone.
    if (removed.length > 0) await this.#rewrite(POINTS, this.#points);
    for (const item of remove) await rm(join(this.folder, item.file), { force: true, recursive: true });
    const oldest = this.#points[0]?.collectedAt;
    if (oldest !== undefined && this.#events.length > 0 && this.#events[0]!.at < oldest) {
      this.#events = this.#events.filter((e) => e.at >= oldest);
      await this.#rewrite(EVENTS, this.#events);
    }
    return removed;
  }

  async #load(): Promise<void> {
    if (this.#points !== null) return;
    const points: HistoryPoint[] = [];
    const problems: string[] = [];
    // One listing of the folder rather than a stat per collection: a week of one-minute history is 10,000 files.
    const present = new Set(await readdir(this.folder).catch(() => [] as string[]));
    for (const line of parsePointLines(await readText(join(this.folder, POINTS)))) {
      if (line.kind === 'invalid') {
        problems.push(`${POINTS} line ${line.line}: ${line.reason}; left out`);
        continue;
      }
      // A listed bundle that is gone (deleted by hand) is left out rather than offered and failing to open.
      if (present.has(line.value.file)) points.push(line.value);
      else
        problems.push(`${POINTS} line ${line.line}: ${line.value.file} is no longer in the folder; left out`);
    }
    const listed = new Set(points.map((p) => p.file));
    const unindexed: Unindexed[] = [];
    for (const file of [...present].sort()) {
      if (!HISTORY_FILE.test(file) || listed.has(file)) continue;
      const info = await stat(join(this.folder, file)).catch(() => null);
      if (info?.isFile() && info.mtimeMs < this.#since) unindexed.push({ file, bytes: info.size });
    }
    if (unindexed.length > 0)
      problems.push(
        `${unindexed.length} bundle(s) in the folder have no line in ${POINTS} (a collection ended before it was indexed): not shown; retention counts them and removes them first`,
      );
    const events: EngineEventMark[] = [];
    for (const line of parseEventLines(await readText(join(this.folder, EVENTS)))) {
      if (line.kind === 'ok') events.push(line.value);
      else problems.push(`${EVENTS} line ${line.line}: ${line.reason}; left out`);
    }
    points.sort((a, b) => a.collectedAt.localeCompare(b.collectedAt) || a.file.localeCompare(b.file));
    events.sort((a, b) => a.at.localeCompare(b.at));
    this.#points = points;
    this.#unindexed = unindexed;
    this.#events = events.slice(-MAX_EVENTS);
    this.#problems = problems;
  }

  #rewrite(name: string, records: readonly (HistoryPoint | EngineEventMark)[]): Promise<void> {
    return this.#atomicWrite(name, records.map(recordLine).join(''));
  }

  #atomicWrite(name: string, text: string): Promise<void> {
    return writeFileAtomic(join(this.folder, name), text);
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => undefined);
    return next;
  }
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw new Error(`cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
}
