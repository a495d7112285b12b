// Writes what the collectors gathered as a bundle (bundle-v1.md): a folder, or a .zip when the target ends in
// .zip. Atomic: everything goes into a hidden sibling first and is renamed into place only when complete, and
// manifest.json is written last, so an interrupted collection never leaves something that reads as a bundle.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { lstat, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { BUNDLE_FORMAT, BUNDLE_VERSION, PROBES, type Manifest, type ManifestProbe } from '../shared/bundle';
import { HOSTSCOPE_VERSION } from '../shared/version';
import { unsafeEntryReason } from './bundle-reader';
import type { ProbeFile, ProbeRun } from './types';

export interface WriteBundleOptions {
  /** A folder to create, or a file ending in `.zip`. Must not exist yet. */
  readonly out: string;
  readonly computerName: string;
  readonly collectedAt: Date;
  readonly runs: readonly ProbeRun[];
  /** Who collected it; defaults to this Hostscope. A rewritten bundle (redaction) keeps the original collector. */
  readonly collector?: { readonly name: string; readonly version: string };
  /** Aborting removes everything written so far; the promise then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Files of no probe (an import's originals under imported/); checked like probe files. */
  readonly extraFiles?: readonly ProbeFile[];
}

export interface WrittenBundle {
  /** Absolute path of the bundle. */
  readonly path: string;
  readonly format: 'folder' | 'zip';
  readonly files: number;
  readonly bytes: number;
}

export const COLLECTOR_NAME = 'hostscope';

/** A bundle file path a reader accepts everywhere: relative, forward slashes, no `..`, not the manifest. */
export function bundlePathProblem(path: string): string | null {
  const unsafe = unsafeEntryReason(path);
  if (unsafe !== null) return unsafe;
  if (path.includes('\\')) return 'backslash in the path';
  if (path.split('/').some((part) => part === '' || part === '.')) return 'empty or "." segment';
  if (path === 'manifest.json') return 'reserved for the manifest';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f<>:"|?*]/.test(path)) return 'a character Windows cannot store in a file name';
  return null;
}

export function bundleFormatFor(out: string): 'folder' | 'zip' {
  return out.toLowerCase().endsWith('.zip') ? 'zip' : 'folder';
}

/** The manifest for these runs: catalogue order first, then ids the catalogue does not know. */
export function buildManifest(
  computerName: string,
  collectedAt: Date,
  runs: readonly ProbeRun[],
  collector: Manifest['collector'] = { name: COLLECTOR_NAME, version: HOSTSCOPE_VERSION },
): Manifest {
  const order = new Map<string, number>(PROBES.map((p, i) => [p.id, i]));
  const rank = (id: string): number => order.get(id) ?? PROBES.length;
  const probes: ManifestProbe[] = [...runs]
    .sort((a, b) => rank(a.id) - rank(b.id))
    .map((run) => ({
      id: run.id,
      status: run.status,
      ...(run.files.length > 0 ? { files: run.files.map((f) => f.path) } : {}),
      durationMs: Math.max(0, Math.round(run.durationMs)),
      ...(run.error !== undefined && run.error !== '' ? { error: run.error } : {}),
      ...(run.partial !== undefined && run.partial.length > 0 ? { partial: run.partial } : {}),
    }));
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    collectedAt: collectedAt.toISOString(),
    collector,
    host: { computerName },
    probes,
  };
}

/** Writes the bundle; throws before touching the disk when a path is unsafe, a file is listed twice, or `out` exists. */
export async function writeBundle(options: WriteBundleOptions): Promise<WrittenBundle> {
  const files = collectFiles([
    ...options.runs,
    ...(options.extraFiles
      ? [{ id: 'extra files', status: 'ok' as const, files: options.extraFiles, durationMs: 0 }]
      : []),
  ]);
  const manifest = buildManifest(options.computerName, options.collectedAt, options.runs, options.collector);
  const all: ProbeFile[] = [
    ...files,
    { path: 'manifest.json', bytes: new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`) },
  ];

  const target = resolve(options.out);
  const format = bundleFormatFor(target);
  await refuseExisting(target);
  await mkdir(dirname(target), { recursive: true });
  const temp = join(dirname(target), `.${basename(target)}.partial-${randomUUID().slice(0, 8)}`);
  try {
    if (format === 'zip') await writeZip(temp, all, options.collectedAt, options.signal);
    else await writeFolder(temp, all, options.signal);
    options.signal?.throwIfAborted();
    // Checked again: someone may have created it while we collected.
    await refuseExisting(target);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    // Streams reject with their own AbortError; the caller gets the reason it gave.
    throw options.signal?.aborted ? options.signal.reason : error;
  }
  return { path: target, format, files: all.length, bytes: all.reduce((n, f) => n + f.bytes.length, 0) };
}

function collectFiles(runs: readonly ProbeRun[]): ProbeFile[] {
  const seen = new Map<string, string>();
  const files: ProbeFile[] = [];
  for (const run of runs) {
    for (const file of run.files) {
      const problem = bundlePathProblem(file.path);
      if (problem !== null)
        throw new Error(
          `probe ${run.id} gave the file path ${JSON.stringify(file.path)}, refused: ${problem}`,
        );
      // Case-insensitively: a bundle copied to Windows must not lose a file to its twin.
      const key = file.path.toLowerCase();
      const other = seen.get(key);
      if (other !== undefined) throw new Error(`probes ${other} and ${run.id} both write ${file.path}`);
      seen.set(key, run.id);
      files.push(file);
    }
  }
  return files;
}

async function refuseExisting(target: string): Promise<void> {
  const exists = await lstat(target).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
  if (exists)
    throw new Error(
      `${target} already exists; choose another --out (a bundle is never written over something)`,
    );
}

async function writeFolder(
  temp: string,
  files: readonly ProbeFile[],
  signal: AbortSignal | undefined,
): Promise<void> {
  await mkdir(temp);
  const made = new Set<string>();
  for (const file of files) {
    signal?.throwIfAborted();
    const path = join(temp, ...file.path.split('/'));
    const dir = dirname(path);
    if (!made.has(dir)) {
      await mkdir(dir, { recursive: true });
      made.add(dir);
    }
    await writeFile(path, file.bytes, { flag: 'wx', ...(signal ? { signal } : {}) });
  }
}

/** Writes `files` as a new zip at `temp` (which must not exist). */
export async function writeZip(
  temp: string,
  files: readonly ProbeFile[],
  mtime: Date,
  signal: AbortSignal | undefined,
): Promise<void> {
  signal?.throwIfAborted();
  const zip = new ZipFile();
  for (const file of files)
    zip.addBuffer(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength), file.path, {
      mtime,
      mode: 0o100644,
    });
  zip.end();
  const output = createWriteStream(temp, { flags: 'wx' });
  await (signal ? pipeline(zip.outputStream, output, { signal }) : pipeline(zip.outputStream, output));
}
