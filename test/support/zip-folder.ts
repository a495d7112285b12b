// Zips a folder with yazl, optionally under one top-level folder, as an admin's zip tool would.
import { createWriteStream, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import yazl from 'yazl';

export async function zipFolder(folder: string, out: string, topFolder?: string): Promise<string> {
  const zip = new yazl.ZipFile();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else
        zip.addFile(path, (topFolder ? `${topFolder}/` : '') + relative(folder, path).split('\\').join('/'));
    }
  };
  walk(folder);
  zip.end();
  await new Promise<void>((resolve, reject) => {
    zip.outputStream.pipe(createWriteStream(out)).on('close', resolve).on('error', reject);
  });
  return out;
}
