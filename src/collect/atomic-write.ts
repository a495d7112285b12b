// Writing a file that is only ever there whole: a reader never meets half of it, and a failure or an abort
// (a cancelled export) leaves nothing at the destination.
import { randomUUID } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Writes to a temporary file in the same folder (so the rename stays on one file system), then renames it. */
export async function writeFileAtomic(
  path: string,
  data: Uint8Array | string,
  signal?: AbortSignal,
): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.partial-${randomUUID().slice(0, 8)}`);
  try {
    signal?.throwIfAborted();
    await writeFile(temp, data, signal ? { signal } : {});
    signal?.throwIfAborted();
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    // The write rejects with its own AbortError; the caller gets the reason it gave.
    throw signal?.aborted ? signal.reason : error;
  }
}
