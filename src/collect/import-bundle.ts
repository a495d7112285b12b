// `hostscope import`: reads pasted or saved console output (files, folders, stdin) under limits, turns it into
// bundle files with the pure planner (src/core/import) and writes them with the bundle writer. Nothing in an
// import is executed or fetched: it is only read as text.
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { decodeText } from '../core/bundle/decode';
import { nextOriginalsDir, planMerge, type MergePlan } from '../core/import/merge';
import { planImport, type ImportInput, type ImportPlan, type PlanOptions } from '../core/import/plan';
import type { RawBundle } from '../shared/bundle';
import { HOSTSCOPE_VERSION } from '../shared/version';
import { readBundle, type BundleLimits } from './bundle-reader';
import { writeBundle, type WrittenBundle } from './bundle-writer';
import type { ProbeRun } from './types';

/** The bundle reader's kind of limits, sized for text: a console paste is kilobytes, a log folder megabytes. */
export const IMPORT_LIMITS: BundleLimits = {
  maxEntries: 5_000,
  maxFileBytes: 64 * 1024 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
};

export const IMPORT_COLLECTOR = 'import';

export interface ReadInputs {
  readonly inputs: readonly ImportInput[];
  /** Files left out, with why (not text, a link, over a limit). */
  readonly skipped: readonly string[];
}

const MiB = (n: number): string =>
  n < 1024 * 1024 ? `${n} bytes` : `${Math.round((n / 1024 / 1024) * 10) / 10} MiB`;

class ImportBudget {
  private files = 0;
  private bytes = 0;
  constructor(private readonly limits: BundleLimits) {}

  take(name: string, size: number): void {
    if (++this.files > this.limits.maxEntries)
      throw new Error(`more than ${this.limits.maxEntries} files to import; refused at ${name}`);
    if (size > this.limits.maxFileBytes)
      throw new Error(
        `${name} is ${MiB(size)}, over the ${MiB(this.limits.maxFileBytes)} limit for one import file`,
      );
    this.bytes += size;
    if (this.bytes > this.limits.maxTotalBytes)
      throw new Error(`more than ${MiB(this.limits.maxTotalBytes)} to import in total; refused at ${name}`);
  }
}

/** Text, or why the bytes are not: a NUL in UTF-8 text means a binary file (UTF-16 is decoded by its BOM). */
function textOf(bytes: Uint8Array): string | null {
  const decoded = decodeText(bytes);
  return decoded.text.includes('\u0000') ? null : decoded.text;
}

/** Reads files, folders (recursively, links not followed) and `-` (stdin) as import inputs. */
export async function readImportInputs(
  paths: readonly string[],
  stdin: AsyncIterable<unknown>,
  limits: BundleLimits = IMPORT_LIMITS,
): Promise<ReadInputs> {
  const budget = new ImportBudget(limits);
  const inputs: ImportInput[] = [];
  const skipped: string[] = [];
  const addFile = async (path: string, name: string): Promise<void> => {
    const info = await lstat(path);
    if (info.isSymbolicLink()) {
      skipped.push(`${name}: a link (not followed)`);
      return;
    }
    if (!info.isFile()) {
      skipped.push(`${name}: not a regular file`);
      return;
    }
    budget.take(name, info.size);
    const text = textOf(await readFile(path));
    if (text === null) skipped.push(`${name}: not text (binary content)`);
    else inputs.push({ name, text });
  };
  for (const path of paths) {
    if (path === '-') {
      const bytes = await readCapped(stdin, limits.maxFileBytes);
      budget.take('stdin', bytes.length);
      const text = textOf(bytes);
      if (text === null) skipped.push('stdin: not text (binary content)');
      else inputs.push({ name: 'stdin', text });
      continue;
    }
    const info = await lstat(path).catch((error: NodeJS.ErrnoException) => {
      throw new Error(
        `cannot read ${path}: ${error.code === 'ENOENT' ? 'no such file or folder' : error.message}`,
      );
    });
    if (!info.isDirectory()) {
      await addFile(path, path);
      continue;
    }
    const root = resolve(path);
    const walk = async (dir: string): Promise<void> => {
      const entries = await readdir(dir, { withFileTypes: true });
      entries.sort((a, b) => a.name.localeCompare(b.name));
      for (const entry of entries) {
        const full = join(dir, entry.name);
        const name = `${path}/${relative(root, full).split(sep).join('/')}`;
        if (entry.isDirectory()) await walk(full);
        else await addFile(full, name);
      }
    };
    await walk(root);
  }
  return { inputs, skipped };
}

async function readCapped(stream: AsyncIterable<unknown>, max: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    if (size > max) throw new Error(`stdin holds more than ${MiB(max)}, over the limit for one import`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export interface ImportOptions extends PlanOptions {
  readonly out: string;
  readonly now?: Date;
}

/** Plans the import and writes it as a bundle; the manifest names the collector `import`. */
export async function writeImportBundle(
  inputs: readonly ImportInput[],
  options: ImportOptions,
): Promise<{ readonly plan: ImportPlan; readonly written: WrittenBundle }> {
  const plan = planImport(inputs, options);
  const bytesOf = new Map(plan.files.map((f) => [f.path, f.bytes]));
  const runs: ProbeRun[] = plan.probes.map((probe) => ({
    id: probe.id,
    status: probe.status,
    files: probe.files.map((path) => ({ path, bytes: bytesOf.get(path)! })),
    durationMs: 0,
    ...(probe.error !== undefined ? { error: probe.error } : {}),
    ...(probe.partial !== undefined ? { partial: probe.partial } : {}),
  }));
  const written = await writeBundle({
    out: options.out,
    computerName: plan.computerName ?? 'unknown',
    collectedAt: options.now ?? new Date(),
    runs,
    collector: { name: IMPORT_COLLECTOR, version: HOSTSCOPE_VERSION },
    extraFiles: plan.originals,
  });
  return { plan, written };
}

export interface MergeOptions extends ImportOptions {
  /** The bundle (folder or .zip) the import is added to; it is read, never changed. */
  readonly into: string;
  /** The user confirmed an import that names no computer is of the bundle's host. */
  readonly confirmSameHost: boolean;
  /** Reads the bundle; the real reader unless the caller has its own. */
  readonly read?: (path: string) => Promise<RawBundle>;
}

/**
 * Adds an import to a bundle of the same host and writes the result as a new bundle at `out` (rules in
 * src/core/import/merge.ts). Throws the refusal of a different host or an unconfirmed unnamed import.
 */
export async function writeMergedBundle(
  inputs: readonly ImportInput[],
  options: MergeOptions,
): Promise<{ readonly plan: ImportPlan; readonly merge: MergePlan; readonly written: WrittenBundle }> {
  const bundle = await (options.read ?? readBundle)(options.into);
  const plan = planImport(inputs, { ...options, originalsDir: nextOriginalsDir(bundle) });
  const merge = planMerge(bundle, plan, { confirmedSameHost: options.confirmSameHost });
  const collectedAt = merge.collectedAt !== null ? new Date(merge.collectedAt) : null;
  const written = await writeBundle({
    out: options.out,
    computerName: merge.computerName,
    collectedAt:
      collectedAt !== null && !Number.isNaN(collectedAt.getTime())
        ? collectedAt
        : (options.now ?? new Date()),
    runs: merge.probes.map((p) => ({
      id: p.id,
      status: p.status,
      files: p.files,
      durationMs: p.durationMs,
      ...(p.error !== undefined ? { error: p.error } : {}),
      ...(p.partial !== undefined ? { partial: p.partial } : {}),
    })),
    collector: merge.collector ?? { name: IMPORT_COLLECTOR, version: HOSTSCOPE_VERSION },
    extraFiles: merge.extraFiles,
  });
  return { plan, merge, written };
}
