// Where the built renderer and the sample hosts are for the CLI (`hostscope serve`), found from resources/
// (src/collect/resources.ts knows where that is, from the source and from the built CLI). Electron main finds the
// renderer beside its own bundle instead, which also holds inside a packaged app.

import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { resourcesDir } from '../collect/resources';

/** The built renderer (`npx electron-vite build` writes it): out/renderer beside resources/. */
export function rendererDir(): string {
  return resolve(resourcesDir(import.meta.url), '..', 'out', 'renderer');
}

export function samplesDir(): string {
  return join(resourcesDir(import.meta.url), 'samples');
}

/**
 * `hostscope serve`'s history folder when none is given: the user's data folder, as the desktop app keeps its
 * own under Electron's userData (%LOCALAPPDATA% on Windows, $XDG_DATA_HOME or ~/.local/share elsewhere).
 */
export function defaultHistoryDir(
  env: Readonly<Record<string, string | undefined>> = process.env,
  home: string = homedir(),
): string {
  const windowsData = env.LOCALAPPDATA;
  if (windowsData) return join(windowsData, 'Hostscope', 'history');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'hostscope', 'history');
}
