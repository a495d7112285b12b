// Adding an import to a bundle of the same host (issue 12, item 2). Pure: the caller reads the bundle and writes
// the merged one (src/collect/import-bundle.ts); the bundle it started from is never changed.
//
// The rules, kept simple so an admin can predict them:
// - The host must be the same: the computer names match (the first DNS label, any case), or the import names
//   none and the user confirmed it. A different host is refused.
// - What the bundle already holds wins: a probe it collected (`ok`, with its files) is never replaced by pasted
//   text, which carries fewer fields. A probe the bundle lacks, or whose run failed, timed out, was unsupported or
//   skipped, or whose files are missing, is taken from the import (with the import's `partial`).
// - Per-container files go file by file: a container file the bundle lacks is added to the bundle's probe.
// - The import's originals go to `imported/add-<n>/` beside any earlier ones, with `merge.json` saying which
//   files were added and which were not used, and why.
import { parseManifest } from '../bundle/manifest';
import { decodeText } from '../bundle/decode';
import { probeSpec, type ManifestProbe, type RawBundle } from '../../shared/bundle';
import type { ImportPlan, PlannedFile } from './plan';

export type SameHost =
  | { readonly kind: 'same'; readonly computerName: string }
  /** The import names no computer: the user must confirm it is the bundle's. */
  | { readonly kind: 'unnamed'; readonly computerName: string | null }
  | { readonly kind: 'different'; readonly bundle: string | null; readonly imported: string };

const shortName = (name: string): string => name.trim().toLowerCase().split('.')[0] ?? '';

/** Whether an import names the bundle's host. A bundle without a name only matches an import without one. */
export function sameHost(bundleComputer: string | null, importComputer: string | null): SameHost {
  if (importComputer === null || importComputer.trim() === '')
    return { kind: 'unnamed', computerName: bundleComputer };
  if (bundleComputer !== null && shortName(bundleComputer) === shortName(importComputer))
    return { kind: 'same', computerName: bundleComputer };
  return { kind: 'different', bundle: bundleComputer, imported: importComputer };
}

/** A merge refused for the user to act on (another host, an unconfirmed unnamed import); not a failure. */
export class MergeRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MergeRefused';
  }
}

/** The message for a refused merge, naming both hosts. */
export function differentHostMessage(host: Extract<SameHost, { kind: 'different' }>): string {
  return `The import is from ${host.imported}, the bundle from ${host.bundle ?? 'a computer it does not name'}: an import is only added to a bundle of the same host. Open it as a bundle of its own instead.`;
}

export interface MergedProbe {
  readonly id: string;
  readonly status: ManifestProbe['status'];
  readonly files: readonly PlannedFile[];
  readonly durationMs: number;
  readonly error?: string;
  readonly partial?: readonly string[];
}

export interface MergePlan {
  readonly computerName: string;
  readonly collectedAt: string | null;
  readonly collector: { readonly name: string; readonly version: string } | null;
  readonly probes: readonly MergedProbe[];
  /** Files of no probe: the bundle's own (earlier imports) and this import's originals with merge.json. */
  readonly extraFiles: readonly PlannedFile[];
  /** Import files added to the bundle. */
  readonly added: readonly string[];
  /** Import files left out, with why. */
  readonly notUsed: readonly { readonly file: string; readonly reason: string }[];
  /** Where this import's originals are in the merged bundle. */
  readonly originalsDir: string;
}

/** The folder under imported/ this import's originals take: the first `add-<n>` the bundle does not have. */
export function nextOriginalsDir(bundle: RawBundle): string {
  let n = 1;
  const taken = (dir: string): boolean => [...bundle.files.keys()].some((f) => f.startsWith(`${dir}/`));
  while (taken(`imported/add-${n}`)) n++;
  return `imported/add-${n}`;
}

const encoder = new TextEncoder();

/** The bundle's folder or file name, without the path that would tell where it lived on the admin's disk. */
const bundleName = (source: string): string => source.split(/[\\/]/).filter(Boolean).pop() ?? source;

/**
 * Merges an import (planned with `originalsDir` from nextOriginalsDir) into a bundle. Throws the refusal when
 * the hosts differ or an unnamed import was not confirmed.
 */
export interface MergeOptions {
  /** The user confirmed that an import naming no computer is of the bundle's host (`--computer` in the CLI). */
  readonly confirmedSameHost: boolean;
}

export function planMerge(bundle: RawBundle, plan: ImportPlan, options: MergeOptions): MergePlan {
  const manifestBytes = bundle.files.get('manifest.json');
  if (manifestBytes === undefined)
    throw new Error(`${bundle.source} has no manifest.json: an import is added only to a Hostscope bundle`);
  const manifest = parseManifest(decodeText(manifestBytes).text, bundle.source);
  const host = sameHost(manifest.computerName, plan.computerName);
  if (host.kind === 'different') throw new MergeRefused(differentHostMessage(host));
  if (host.kind === 'unnamed' && !options.confirmedSameHost)
    throw new MergeRefused(
      `Nothing in the import names its computer: confirm it is ${manifest.computerName ?? 'the bundle'}'s output to add it (hostscope import: --computer ${manifest.computerName ?? 'NAME'}).`,
    );

  const importBytes = new Map(plan.files.map((f) => [f.path, f.bytes]));
  const byId = new Map(manifest.probes.map((p) => [p.id, p]));
  const has = (file: string): boolean => bundle.files.has(file);
  const collected = (p: ManifestProbe): boolean =>
    p.status === 'ok' && (p.files ?? []).length > 0 && (p.files ?? []).some(has);
  const added: string[] = [];
  const notUsed: { file: string; reason: string }[] = [];
  const merged = new Map<string, MergedProbe>();
  const owned = new Set<string>();

  for (const entry of manifest.probes) {
    const files = (entry.files ?? []).filter(has).map((path) => ({ path, bytes: bundle.files.get(path)! }));
    for (const f of files) owned.add(f.path);
    merged.set(entry.id, {
      id: entry.id,
      status: entry.status,
      files,
      durationMs: entry.durationMs ?? 0,
      ...(entry.error !== undefined ? { error: entry.error } : {}),
      ...(entry.partial !== undefined ? { partial: entry.partial } : {}),
    });
  }

  for (const probe of plan.probes) {
    if (probe.status !== 'ok') continue;
    const own = byId.get(probe.id);
    const perContainer = (probeSpec(probe.id)?.perContainer ?? []).length > 0;
    if (!perContainer && own !== undefined && collected(own)) {
      for (const file of probe.files)
        notUsed.push({ file, reason: `the bundle's own ${probe.id} (collected by the probe) is kept` });
      continue;
    }
    const before = merged.get(probe.id);
    const keep = perContainer && before !== undefined && before.status === 'ok' ? [...before.files] : [];
    const take: PlannedFile[] = [];
    for (const file of probe.files) {
      if (has(file)) {
        notUsed.push({ file, reason: 'the bundle already has this file' });
        continue;
      }
      take.push({ path: file, bytes: importBytes.get(file)! });
      added.push(file);
      owned.add(file);
    }
    if (take.length === 0) continue;
    merged.set(probe.id, {
      id: probe.id,
      status: 'ok',
      files: [...keep, ...take],
      durationMs: before?.durationMs ?? 0,
      ...(probe.partial !== undefined ? { partial: [...(before?.partial ?? []), ...probe.partial] } : {}),
    });
  }

  const originalsDir = plan.originals[0]?.path.split('/').slice(0, -1).join('/') ?? 'imported';
  const extraFiles: PlannedFile[] = [
    // Every other file of the bundle stays as it is: earlier imports' originals, and probe files its manifest
    // does not list (readers find them by their catalogue path all the same).
    ...[...bundle.files]
      .filter(([path]) => path !== 'manifest.json' && !owned.has(path))
      .map(([path, bytes]) => ({ path, bytes })),
    ...plan.originals,
    {
      path: `${originalsDir}/merge.json`,
      bytes: encoder.encode(
        `${JSON.stringify({ format: 'hostscope-import-merge', version: 1, into: bundleName(bundle.source), added, notUsed }, null, 2)}\n`,
      ),
    },
  ];
  return {
    computerName: manifest.computerName ?? plan.computerName ?? 'unknown',
    collectedAt: manifest.collectedAt,
    collector: manifest.collector
      ? { name: manifest.collector.name, version: manifest.collector.version ?? '' }
      : null,
    probes: [...merged.values()],
    extraFiles,
    added,
    notUsed,
    originalsDir,
  };
}
