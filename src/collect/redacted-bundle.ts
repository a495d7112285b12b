// `hostscope redact`: a bundle rewritten with pseudonyms, written through the collector's bundle writer so it
// has the same layout, the same path checks and the same atomic write as a freshly collected one.
import { probeForFile, type RawBundle } from '../shared/bundle';
import { isCheckFile } from '../shared/checks';
import { decodeText } from '../core/bundle/decode';
import { BundleError } from '../core/bundle/errors';
import { parseManifest, type ParsedManifest } from '../core/bundle/manifest';
import {
  createRedactor,
  redactBundle,
  redactionKey,
  seedsFromBundle,
  type RedactedBundle,
  type RedactionKey,
} from '../core/redact';
import { COLLECTOR_NAME, writeBundle, type WrittenBundle } from './bundle-writer';
import { HOSTSCOPE_VERSION } from '../shared/version';
import type { ProbeFile, ProbeRun } from './types';

export interface RedactedBundleResult {
  readonly written: WrittenBundle;
  readonly redacted: RedactedBundle;
  /** Files no manifest probe lists and the catalogue does not know: left out rather than guessed at. */
  readonly unlisted: readonly string[];
  /** What the pseudonyms stand for: written beside the output, never into it. */
  readonly key: RedactionKey;
}

/**
 * The bundle's own manifest, read as every command reads it: a bundle without one (an empty zip, a zip with two
 * top-level folders) or with an unreadable one is refused with a BundleError (exit 3) instead of getting a manifest
 * made up from its files (issue 17, item 9).
 */
export function requireManifest(raw: RawBundle): ParsedManifest {
  const bytes = raw.files.get('manifest.json');
  if (bytes === undefined) {
    const tops = [...new Set([...raw.files.keys()].map((path) => path.split('/')[0]!))].sort();
    throw new BundleError(
      'not-a-bundle',
      `${raw.source} is not a Hostscope bundle: manifest.json is missing at its top level (${
        tops.length === 0
          ? 'it holds no files'
          : `it holds ${tops.slice(0, 5).join(', ')}${tops.length > 5 ? ' ...' : ''}`
      })`,
      { bundle: raw.source },
    );
  }
  return parseManifest(decodeText(bytes).text, raw.source);
}

/** The redacted files regrouped into the probe runs the writer expects, statuses and errors from the (redacted) manifest. */
export function runsFromRedacted(
  redacted: RedactedBundle,
  source: string,
): {
  runs: ProbeRun[];
  computerName: string;
  collectedAt: Date | null;
  collector: ParsedManifest['collector'];
  unlisted: string[];
  /** Files of no probe that the bundle format still carries (checks/*.json, issue 14). */
  extraFiles: ProbeFile[];
} {
  const manifestBytes = redacted.files.get('manifest.json');
  const manifest = manifestBytes ? parseManifest(decodeText(manifestBytes).text, source) : null;
  const runs = new Map<
    string,
    { id: string; status: ProbeRun['status']; files: ProbeFile[]; durationMs: number; error?: string }
  >();
  const owner = new Map<string, string>();
  for (const probe of manifest?.probes ?? []) {
    if (runs.has(probe.id)) continue;
    runs.set(probe.id, {
      id: probe.id,
      status: probe.status,
      files: [],
      durationMs: probe.durationMs ?? 0,
      ...(probe.error ? { error: probe.error } : {}),
    });
    for (const file of probe.files ?? []) if (!owner.has(file)) owner.set(file, probe.id);
  }
  const unlisted: string[] = [];
  const extraFiles: ProbeFile[] = [];
  for (const [path, bytes] of redacted.files) {
    if (path === 'manifest.json') continue;
    if (isCheckFile(path)) {
      extraFiles.push({ path, bytes });
      continue;
    }
    const id = owner.get(path) ?? probeForFile(path)?.spec.id ?? null;
    if (id === null) {
      unlisted.push(path);
      continue;
    }
    let run = runs.get(id);
    if (!run) runs.set(id, (run = { id, status: 'ok', files: [], durationMs: 0 }));
    run.files.push({ path, bytes });
  }
  const collectedAt = manifest?.collectedAt ? new Date(manifest.collectedAt) : null;
  return {
    runs: [...runs.values()],
    computerName: manifest?.computerName ?? 'unknown',
    collector: manifest?.collector ?? null,
    collectedAt: collectedAt && !Number.isNaN(collectedAt.getTime()) ? collectedAt : null,
    unlisted,
    extraFiles,
  };
}

/**
 * Redacts `raw` and writes it to `out` (a .zip, or a folder); `out` must not exist. The seeds come from the raw
 * files alone, as for a redacted report of the same bundle, so both use the same pseudonyms.
 */
export async function writeRedactedBundle(raw: RawBundle, out: string): Promise<RedactedBundleResult> {
  requireManifest(raw);
  const redactor = createRedactor(seedsFromBundle(raw));
  const redacted = redactBundle(raw, redactor);
  const { runs, computerName, collectedAt, collector, unlisted, extraFiles } = runsFromRedacted(
    redacted,
    raw.source,
  );
  const written = await writeBundle({
    out,
    computerName,
    collectedAt: collectedAt ?? new Date(),
    runs,
    extraFiles,
    // The data is the original collector's; the name says it was rewritten.
    collector: {
      name: `${collector?.name ?? 'unknown'} (redacted by ${COLLECTOR_NAME} ${HOSTSCOPE_VERSION})`,
      version: collector?.version ?? 'unknown',
    },
  });
  return { written, redacted, unlisted, key: redactionKey(raw.source, redactor.key()) };
}
