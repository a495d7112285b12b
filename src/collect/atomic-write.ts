// Writing a file that is only ever there whole: a reader never meets half of it, and a failure or an abort
// (a cancelled export) leaves nothing at the destination.
import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, link, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /** Ends the write: nothing is left at the destination, and the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** The new file's permissions (a redaction key's 0o600), set when the temporary file is made. */
  readonly mode?: number;
  /** Refuses (EEXIST) to replace a file already at the destination, which stays as it was. */
  readonly exclusive?: boolean;
}

/**
 * Writes to a temporary file in the same folder (so the rename stays on one file system), then renames it there;
 * an exclusive write links it there instead, which fails rather than replace what exists.
 */
export async function writeFileAtomic(
  path: string,
  data: Uint8Array | string,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const { signal, mode, exclusive } = options;
  const temp = join(dirname(path), `.${basename(path)}.partial-${randomUUID().slice(0, 8)}`);
  try {
    signal?.throwIfAborted();
    await writeFile(temp, data, { ...(signal ? { signal } : {}), ...(mode === undefined ? {} : { mode }) });
    signal?.throwIfAborted();
    if (exclusive) await linkExclusive(temp, path);
    else await rename(temp, path);
  } catch (error) {
    // The write rejects with its own AbortError; the caller gets the reason it gave.
    throw signal?.aborted ? signal.reason : error;
  } finally {
    // After a rename there is nothing left to remove; after a link, the temporary name of the same file.
    await rm(temp, { force: true });
  }
}

/** A file system without hard links (FAT32, exFAT: a USB stick) gets an exclusive copy, whole once it returns. */
async function linkExclusive(temp: string, path: string): Promise<void> {
  try {
    await link(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw error;
    await copyFile(temp, path, constants.COPYFILE_EXCL);
  }
}
