// Where the repository's resources/ folder (probe scripts, the standalone collector, samples) is at run time.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const found = new Map<string, string>();

/**
 * The resources/ folder, found by walking up from the module that asks: the source (src/collect/*.ts), the
 * built CLI (out/main/cli.js or a chunk under out/main/chunks/) and a packaged app (resources/ copied beside
 * the app by electron-builder's extraResources) all have it above them. HOSTSCOPE_RESOURCES overrides.
 */
export function resourcesDir(moduleUrl: string = import.meta.url): string {
  const override = process.env.HOSTSCOPE_RESOURCES;
  if (override) return resolve(override);
  const start = dirname(fileURLToPath(moduleUrl));
  const cached = found.get(start);
  if (cached) return cached;
  for (let dir = start, i = 0; i < 8; i++, dir = dirname(dir)) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'probes')) || existsSync(join(candidate, 'samples'))) {
      found.set(start, candidate);
      return candidate;
    }
    if (dirname(dir) === dir) break;
  }
  // Packaged Electron: process.resourcesPath holds the extraResources.
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  const fallback = packaged ? join(packaged, 'resources') : resolve(start, '..', '..', 'resources');
  found.set(start, fallback);
  return fallback;
}

/** resources/probes: one script per PowerShell probe id (resources/probes/README.md). */
export function probesDir(moduleUrl?: string): string {
  return resolve(resourcesDir(moduleUrl), 'probes');
}
