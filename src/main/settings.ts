// What the app remembers between runs: recent bundles, the last one, the window's place. One small JSON file in
// the user-data folder; a missing or damaged file means defaults, never a failed start.

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { errorMessage } from '../shared/error-message';

const MAX_RECENT = 8;

const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
  maximized: z.boolean(),
});

const settingsSchema = z.object({
  recent: z.array(z.string().min(1).max(4096)).max(MAX_RECENT).default([]),
  window: windowStateSchema.nullable().default(null),
});

export type WindowState = z.infer<typeof windowStateSchema>;
export type Settings = z.infer<typeof settingsSchema>;

export class SettingsStore {
  #settings: Settings;

  constructor(private readonly file: string) {
    this.#settings = SettingsStore.load(file);
  }

  static load(file: string): Settings {
    try {
      const parsed = settingsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // First run, or a damaged file: start from defaults.
    }
    return { recent: [], window: null };
  }

  get recent(): readonly string[] {
    return this.#settings.recent;
  }

  /** The bundle opened last: reopened on start. */
  get lastBundle(): string | null {
    return this.#settings.recent[0] ?? null;
  }

  get window(): WindowState | null {
    return this.#settings.window;
  }

  rememberBundle(path: string): void {
    this.#settings = {
      ...this.#settings,
      recent: [path, ...this.#settings.recent.filter((p) => p !== path)].slice(0, MAX_RECENT),
    };
    this.save();
  }

  forgetRecent(): void {
    this.#settings = { ...this.#settings, recent: [] };
    this.save();
  }

  rememberWindow(state: WindowState): void {
    this.#settings = { ...this.#settings, window: state };
    this.save();
  }

  /** The last save that failed, for the log; remembering is a convenience and never fails what the user did. */
  saveError: string | null = null;

  private save(): void {
    try {
      // Write then rename: a crash mid-write leaves the previous file whole.
      mkdirSync(dirname(this.file), { recursive: true });
      const temp = `${this.file}.tmp`;
      writeFileSync(temp, JSON.stringify(this.#settings, null, 2));
      renameSync(temp, this.file);
      this.saveError = null;
    } catch (error) {
      this.saveError = `cannot save settings to ${this.file}: ${errorMessage(error)}`;
      console.warn(`hostscope: ${this.saveError}`);
    }
  }
}
