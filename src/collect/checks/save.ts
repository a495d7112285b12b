// Adds check records to a bundle as checks/<time>-<n>.json (issue 14; bundle-v1 1.1), so they are shown again when
// the bundle is reopened, exported or sent. A folder gains the files; a zip is rewritten beside itself and renamed
// over the original, so a failure leaves the bundle as it was.
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { checkFileName, CHECKS_FOLDER, type CheckRecord } from '../../shared/checks';
import { readBundle } from '../bundle-reader';
import { writeZip } from '../bundle-writer';
import type { ProbeFile } from '../types';

/** Writes the records; answers the bundle paths they got. */
export async function addChecksToBundle(bundle: string, records: readonly CheckRecord[]): Promise<string[]> {
  if (records.length === 0) return [];
  const folder = (await stat(bundle)).isDirectory();
  const existing = folder
    ? new Set(
        (await readdir(join(bundle, CHECKS_FOLDER)).catch(() => [] as string[])).map(
          (f) => `${CHECKS_FOLDER}/${f}`,
        ),
      )
    : null;
  const raw = folder ? null : await readBundle(bundle);
  const taken = existing ?? new Set(raw!.files.keys());
  const files: ProbeFile[] = [];
  let n = 1;
  for (const record of records) {
    let path = checkFileName(new Date(record.startedAt), n);
    while (taken.has(path)) path = checkFileName(new Date(record.startedAt), ++n);
    taken.add(path);
    n++;
    files.push({ path, bytes: new TextEncoder().encode(`${JSON.stringify(record, null, 2)}\n`) });
  }
  if (folder) {
    await mkdir(join(bundle, CHECKS_FOLDER), { recursive: true });
    for (const file of files)
      await writeFile(join(bundle, ...file.path.split('/')), file.bytes, { flag: 'wx' });
  } else {
    const all: ProbeFile[] = [...[...raw!.files].map(([path, bytes]) => ({ path, bytes })), ...files];
    const temp = join(dirname(bundle), `.${basename(bundle)}.checks-${randomUUID().slice(0, 8)}`);
    try {
      await writeZip(temp, all, new Date(), undefined);
      await rename(temp, bundle);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }
  return files.map((f) => f.path);
}
