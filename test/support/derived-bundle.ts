// A later collection of a sample host, derived from its files: the tests of `diff` compare a sample with a copy
// in which one thing happened (a restart, an update, a rule removed), edited as the host would have written it.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawBundle } from '../../src/shared/bundle';
import { folderFiles } from './hostile-bundles';

export const samplesRoot = fileURLToPath(new URL('../../resources/samples/', import.meta.url));

export function sampleFiles(name: string): Map<string, Uint8Array> {
  return folderFiles(join(samplesRoot, name));
}

/** JSON of a bundle file (PowerShell writes a BOM). */
export function readJson(files: ReadonlyMap<string, Uint8Array>, path: string): unknown {
  const bytes = files.get(path);
  if (!bytes) throw new Error(`the sample has no ${path}`);
  return JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, '')) as unknown;
}

export function writeJson(files: Map<string, Uint8Array>, path: string, value: unknown): void {
  files.set(path, new TextEncoder().encode(JSON.stringify(value, null, 2)));
}

/** Edits one JSON file: the edit changes the value in place, or returns a replacement. */
export function editJson<T>(
  files: Map<string, Uint8Array>,
  path: string,
  edit: (value: T) => T | undefined,
): void {
  const value = readJson(files, path) as T;
  writeJson(files, path, edit(value) ?? value);
}

type Json = Record<string, unknown>;

/** The container named `name` in docker/containers.json, edited in place. */
export function editContainer(files: Map<string, Uint8Array>, name: string, edit: (c: Json) => void): void {
  editJson<Json[]>(files, 'docker/containers.json', (list) => {
    const c = list.find((x) => x.Name === `/${name}`);
    if (!c) throw new Error(`no container ${name} in the sample`);
    edit(c);
  });
}

/** Gives a container a new id (removed and created again), moving its per-container files with it. */
export function recreateContainer(files: Map<string, Uint8Array>, name: string, newId: string): string {
  let oldId = '';
  editContainer(files, name, (c) => {
    oldId = String(c.Id);
    c.Id = newId;
  });
  for (const path of [...files.keys()]) {
    if (!path.includes(oldId)) continue;
    files.set(path.split(oldId).join(newId), files.get(path)!);
    files.delete(path);
  }
  editJson<{ probes: { files?: string[] }[] }>(files, 'manifest.json', (m) => {
    for (const p of m.probes) if (p.files) p.files = p.files.map((f) => f.split(oldId).join(newId));
  });
  return oldId;
}

export function asRaw(files: ReadonlyMap<string, Uint8Array>, source: string): RawBundle {
  return { source, files: new Map(files) };
}

/** Writes the files as a bundle folder (for the CLI and the app, which read bundles from disk). */
export function writeFolder(files: ReadonlyMap<string, Uint8Array>, folder: string): string {
  for (const [path, bytes] of files) {
    const target = join(folder, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
  }
  return folder;
}
