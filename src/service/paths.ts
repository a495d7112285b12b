// Where the built renderer and the sample hosts are for the CLI (`hostscope serve`), found from resources/
// (src/collect/resources.ts knows where that is, from the source and from the built CLI). Electron main finds the
// renderer beside its own bundle instead, which also holds inside a packaged app.

import { join, resolve } from 'node:path';
import { resourcesDir } from '../collect/resources';

/** The built renderer (`npx electron-vite build` writes it): out/renderer beside resources/. */
export function rendererDir(): string {
  return resolve(resourcesDir(import.meta.url), '..', 'out', 'renderer');
}

export function samplesDir(): string {
  return join(resourcesDir(import.meta.url), 'samples');
}
