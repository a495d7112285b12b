// Writes the sample bundles under resources/samples/<name>/, or with --check verifies that the committed files
// are exactly what this generator produces. Run: npx tsx resources/samples/tools/generate.ts [--check] [name...]
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encode } from './lib/bundle-writer';
import type { SampleFile } from './lib/bundle-writer';
import { SAMPLES } from './samples/index';

const samplesDir = join(dirname(fileURLToPath(import.meta.url)), '..');

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

/** What differs between the files on disk under `root` and what the generator writes. */
function differences(root: string, files: readonly SampleFile[]): string[] {
  const expected = new Map(files.map((f) => [f.path, Buffer.from(encode(f))]));
  const actual = (existsSync(root) ? listFiles(root) : []).map((f) => relative(root, f).split(sep).join('/'));
  const found = actual.filter((path) => !expected.has(path)).map((path) => `unexpected file ${path}`);
  for (const [path, bytes] of expected) {
    const onDisk = actual.includes(path) ? readFileSync(join(root, path)) : null;
    if (onDisk === null) found.push(`${path} is missing`);
    else if (!onDisk.equals(bytes)) found.push(`${path} differs from the generator's output`);
  }
  return found;
}

function main(argv: readonly string[]): number {
  const check = argv.includes('--check');
  const wanted = argv.filter((a) => !a.startsWith('--'));
  const chosen = SAMPLES.filter((s) => wanted.length === 0 || wanted.includes(s.NAME));
  let problems = 0;
  for (const sample of chosen) {
    const root = join(samplesDir, sample.NAME);
    const files = sample.build();
    if (check) {
      problems += differences(root, files).map((d) => console.error(`${sample.NAME}: ${d}`)).length;
      continue;
    }
    rmSync(root, { recursive: true, force: true });
    for (const f of files) {
      const target = join(root, ...f.path.split('/'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, encode(f));
    }
    console.log(`${sample.NAME}: ${files.length} files`);
  }
  if (check) console.log(problems === 0 ? `samples match the generator (${chosen.map((s) => s.NAME).join(', ')})` : `${problems} difference(s)`);
  return problems === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
