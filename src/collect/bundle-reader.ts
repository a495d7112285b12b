// Reads a bundle folder or .zip into memory (bundle-v1). Nothing is ever extracted to disk: entries are read
// straight into buffers, under limits, so a hostile archive cannot write anywhere or exhaust memory.
import { readFile as readFileCallback } from 'node:fs';
import { open as openFile, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import yauzl from 'yauzl';
import type { RawBundle } from '../shared/bundle';
import { BundleError } from '../core/bundle/errors';
import { errorMessage } from '../shared/error-message';

export interface BundleLimits {
  /** Files (zip entries, folder files) in one bundle. */
  readonly maxEntries: number;
  /** Uncompressed bytes of one file. */
  readonly maxFileBytes: number;
  /** Uncompressed bytes of the whole bundle. */
  readonly maxTotalBytes: number;
}

export const DEFAULT_LIMITS: BundleLimits = {
  maxEntries: 50_000,
  maxFileBytes: 512 * 1024 * 1024,
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
};

const MiB = (n: number): string => `${Math.round((n / 1024 / 1024) * 10) / 10} MiB`;

/** Reads a bundle from a folder, a .zip, or the path of a bundle's manifest.json. */
export async function readBundle(path: string, limits: BundleLimits = DEFAULT_LIMITS): Promise<RawBundle> {
  const where = { bundle: path };
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new BundleError(
      error.code === 'ENOENT' ? 'not-found' : 'io',
      `cannot open bundle ${path}: ${error.code === 'ENOENT' ? 'no such file or folder' : error.message}`,
      where,
    );
  });
  if (info.isDirectory()) return readFolder(path, limits);
  if (basename(path).toLowerCase() === 'manifest.json') return readFolder(dirname(path), limits);
  // Opening a FIFO waits for a writer that may never come; a device or socket is no bundle either.
  if (!info.isFile())
    throw new BundleError(
      'not-a-bundle',
      `${path} is neither a bundle folder nor a .zip (not a regular file)`,
      where,
    );
  if (!(await looksLikeZip(path))) {
    throw new BundleError(
      'not-a-bundle',
      `${path} is neither a bundle folder nor a .zip (no zip signature at its start)`,
      where,
    );
  }
  return readZip(path, limits);
}

async function looksLikeZip(path: string): Promise<boolean> {
  const handle = await openFile(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    // Local file header, or the end-of-central-directory record of an empty archive.
    return (
      bytesRead === 4 &&
      head[0] === 0x50 &&
      head[1] === 0x4b &&
      ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6))
    );
  } finally {
    await handle.close();
  }
}

/** Bundle-relative path checks shared by folders and zips: no absolute paths, no `..`, no drive letters. */
export function unsafeEntryReason(name: string): string | null {
  if (name.startsWith('/') || name.startsWith('\\')) return 'absolute path';
  if (/^[a-zA-Z]:/.test(name)) return 'drive-letter path';
  if (name.split(/[\\/]/).some((part) => part === '..')) return '".." escapes the bundle';
  if (name.includes('\0')) return 'NUL in the name';
  return null;
}

class Budget {
  private entries = 0;
  private total = 0;
  constructor(
    private readonly limits: BundleLimits,
    private readonly bundle: string,
  ) {}

  entry(name: string, size: number): void {
    const where = { bundle: this.bundle, entry: name };
    if (++this.entries > this.limits.maxEntries) {
      throw new BundleError(
        'limit-exceeded',
        `${this.bundle}: more than ${this.limits.maxEntries} files (limit: entry count); refused at "${name}"`,
        where,
      );
    }
    if (size > this.limits.maxFileBytes) {
      throw new BundleError(
        'limit-exceeded',
        `${this.bundle}: entry "${name}" is ${MiB(size)} uncompressed, over the ${MiB(this.limits.maxFileBytes)} per-file limit`,
        where,
      );
    }
    this.total += size;
    if (this.total > this.limits.maxTotalBytes) {
      throw new BundleError(
        'limit-exceeded',
        `${this.bundle}: more than ${MiB(this.limits.maxTotalBytes)} uncompressed in total (limit: total size); refused at "${name}"`,
        where,
      );
    }
  }
}

/**
 * One entry of a bundle folder, in walk order: a file (its size, or why it could not be looked at), a file past
 * the entry limit not looked at yet, or a folder that could not be listed.
 */
type Listed =
  | {
      readonly kind: 'file';
      readonly path: string;
      readonly full: string;
      readonly size: number | { readonly error: unknown };
    }
  | { readonly kind: 'not-looked-at'; readonly path: string; readonly full: string }
  | { readonly kind: 'unlistable'; readonly path: string; readonly error: unknown };
/** An entry after the walk: every file has been looked at. */
type Sized = Exclude<Listed, { readonly kind: 'not-looked-at' }>;

async function readFolder(root: string, limits: BundleLimits): Promise<RawBundle> {
  const budget = new Budget(limits, root);
  const why = (error: unknown): string =>
    `cannot be read: ${(error as NodeJS.ErrnoException).code ?? errorMessage(error)}`;
  // Folders are listed and files looked at in parallel (one folder at a time took twice JSON.parse on the
  // benchmark's largest host, issue 15), then everything goes through the budget in name order, depth first,
  // before any byte is read. Past the entry limit files are not looked at: the budget refuses there anyway.
  let looked = 0;
  const list = async (dir: string, prefix: string): Promise<Listed[]> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      // The bundle's own folder unreadable is an unreadable bundle; a subfolder marks only what it holds.
      if (prefix === '')
        throw new BundleError('io', `cannot open bundle ${root}: the folder ${why(error)}`, { bundle: root });
      return [{ kind: 'unlistable', path: prefix, error }];
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    const parts = await Promise.all(
      entries.map(async (entry): Promise<readonly Listed[]> => {
        const full = join(dir, entry.name);
        // Links are not followed: a bundle folder holds files, and a link could point anywhere on this machine.
        if (entry.isFile()) {
          const path = prefix + entry.name;
          return [
            ++looked <= limits.maxEntries
              ? { kind: 'file', path, full, size: await sizeOf(full) }
              : { kind: 'not-looked-at', path, full },
          ];
        }
        return entry.isDirectory() ? list(full, `${prefix}${entry.name}/`) : [];
      }),
    );
    return parts.flat();
  };
  const listed: Sized[] = [];
  for (const entry of await list(resolve(root), '')) {
    // Past the limit a file is looked at only now, one at a time: the budget refuses it anyway.
    const sized: Sized =
      entry.kind === 'not-looked-at'
        ? { kind: 'file', path: entry.path, full: entry.full, size: await sizeOf(entry.full) }
        : entry;
    if (sized.kind === 'file' && typeof sized.size === 'number') budget.entry(sized.path, sized.size);
    listed.push(sized);
  }
  const readable = listed.filter(
    (e): e is Extract<Sized, { kind: 'file' }> => e.kind === 'file' && typeof e.size === 'number',
  );
  const read = new Map<Sized, Uint8Array | { error: unknown }>();
  let next = 0;
  const reader = async (): Promise<void> => {
    for (let entry = readable[next++]; entry !== undefined; entry = readable[next++]) {
      read.set(entry, await readFile(entry.full).catch((error: unknown) => ({ error })));
    }
  };
  await Promise.all(Array.from({ length: READ_BATCH }, reader));
  const files = new Map<string, Uint8Array>();
  const unreadable = new Map<string, string>();
  for (const entry of listed) {
    const bytes = entry.kind === 'file' ? (read.get(entry) ?? entry.size) : { error: entry.error };
    if (bytes !== null && typeof bytes === 'object' && 'error' in bytes)
      unreadable.set(entry.path, why(bytes.error));
    else if (bytes instanceof Uint8Array) files.set(entry.path, bytes);
  }
  const top = topFolder(files);
  return {
    source: root,
    files: stripTopFolder(files, top),
    ...(unreadable.size > 0 ? { unreadable: stripTopFolder(unreadable, top) } : {}),
  };
}

/** fs.readFile with a callback: a fifth faster than the promise form on the benchmark's many small files (Node 20). */
const readFile = promisify(readFileCallback);

/** Files read at once. */
const READ_BATCH = 32;

/** A file's size, or why it could not be looked at. */
async function sizeOf(path: string): Promise<number | { error: unknown }> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    return { error };
  }
}

function readZip(path: string, limits: BundleLimits): Promise<RawBundle> {
  const where = { bundle: path };
  return new Promise((resolvePromise, reject) => {
    yauzl.open(
      path,
      { lazyEntries: true, autoClose: true, validateEntrySizes: true, decodeStrings: false },
      (openError, zip) => {
        if (openError || !zip) {
          reject(
            new BundleError(
              'corrupt-archive',
              `${path} is not a readable zip: ${openError?.message ?? 'unknown error'}`,
              where,
            ),
          );
          return;
        }
        if (zip.entryCount > limits.maxEntries) {
          zip.close();
          reject(
            new BundleError(
              'limit-exceeded',
              `${path}: ${zip.entryCount} entries, over the ${limits.maxEntries} entry limit`,
              where,
            ),
          );
          return;
        }
        const files = new Map<string, Uint8Array>();
        const budget = new Budget(limits, path);
        let failed = false;
        const fail = (error: unknown): void => {
          if (failed) return;
          failed = true;
          zip.close();
          reject(
            error instanceof BundleError
              ? error
              : new BundleError('corrupt-archive', `${path}: ${errorMessage(error)}`, where),
          );
        };
        zip.on('error', fail);
        zip.on('end', () => {
          if (!failed) resolvePromise({ source: path, files: stripTopFolder(files, topFolder(files)) });
        });
        zip.on('entry', (entry: yauzl.Entry) => {
          try {
            const raw = entry.fileName as unknown as Buffer;
            // Bit 11: UTF-8 names; otherwise CP437, which for the ASCII names of a bundle reads the same.
            const name = raw
              .toString((entry.generalPurposeBitFlag & 0x800) !== 0 ? 'utf8' : 'latin1')
              .replace(/\\/g, '/');
            const unsafe = unsafeEntryReason(name);
            if (unsafe)
              throw new BundleError('unsafe-entry', `${path}: entry "${name}" refused (${unsafe})`, {
                bundle: path,
                entry: name,
              });
            if (name.endsWith('/')) {
              zip.readEntry();
              return;
            }
            // Two entries under one name: which one a tool shows differs, so neither is trusted.
            if (files.has(name)) {
              throw new BundleError('unsafe-entry', `${path}: entry "${name}" appears twice in the zip`, {
                bundle: path,
                entry: name,
              });
            }
            budget.entry(name, entry.uncompressedSize);
            zip.openReadStream(entry, (streamError, stream) => {
              if (streamError || !stream) return fail(streamError ?? new Error(`cannot read "${name}"`));
              const chunks: Buffer[] = [];
              let size = 0;
              stream.on('data', (chunk: Buffer) => {
                size += chunk.length;
                // The header's size can lie; count what actually comes out.
                if (size > limits.maxFileBytes) {
                  stream.destroy();
                  fail(
                    new BundleError(
                      'limit-exceeded',
                      `${path}: entry "${name}" inflates past the ${MiB(limits.maxFileBytes)} per-file limit`,
                      { bundle: path, entry: name },
                    ),
                  );
                  return;
                }
                chunks.push(chunk);
              });
              stream.on('error', (error: Error) =>
                fail(
                  new BundleError(
                    'corrupt-archive',
                    `${path}: entry "${name}" cannot be read: ${error.message}`,
                    { bundle: path, entry: name },
                  ),
                ),
              );
              stream.on('end', () => {
                if (failed) return;
                files.set(name, Buffer.concat(chunks));
                zip.readEntry();
              });
            });
          } catch (error) {
            fail(error);
          }
        });
        zip.readEntry();
      },
    );
  });
}

/** A zip may hold the bundle at its root or under one top-level folder (bundle-v1): that folder, or null. */
function topFolder(files: ReadonlyMap<string, Uint8Array>): string | null {
  if (files.has('manifest.json')) return null;
  const tops = new Set([...files.keys()].map((name) => name.split('/')[0]));
  if (tops.size !== 1) return null;
  const [top] = tops;
  return files.has(`${top}/manifest.json`) ? top! : null;
}

function stripTopFolder<T>(entries: Map<string, T>, top: string | null): Map<string, T> {
  if (top === null) return entries;
  const stripped = new Map<string, T>();
  for (const [name, value] of entries)
    if (name.startsWith(`${top}/`)) stripped.set(name.slice(top.length + 1), value);
  return stripped;
}
