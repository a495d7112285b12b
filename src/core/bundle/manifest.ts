// manifest.json (bundle-v1): the one file a bundle cannot do without.
import { z } from 'zod';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type ManifestProbe } from '../../shared/bundle';
import { BundleError } from './errors';
import { parseJson } from './json';
import { array, ciObject, describeIssues, optInt, optText, text } from '../parse/values';

const probeSchema = ciObject({
  id: text,
  status: z.enum(['ok', 'failed', 'timeout', 'unsupported', 'skipped']),
  files: array(z.string()).nullish(),
  durationMs: z.number().nonnegative().nullish(),
  error: optText,
  partial: array(z.string()).nullish(),
});

const manifestSchema = ciObject({
  format: z.literal(BUNDLE_FORMAT, { error: `expected "${BUNDLE_FORMAT}"` }),
  version: z.number(),
  collectedAt: optText,
  collector: ciObject({ name: text, version: optText }).nullish(),
  host: ciObject({ computerName: optText }).nullish(),
  probes: z.array(z.unknown()).nullish(),
  durationMs: optInt,
});

export interface ParsedManifest {
  readonly collectedAt: string | null;
  readonly collector: { readonly name: string; readonly version: string | null } | null;
  readonly computerName: string | null;
  /** Well-formed probe entries; a malformed entry is reported as an invalid `manifest` probe entry. */
  readonly probes: readonly ManifestProbe[];
  readonly problems: readonly string[];
}

export function parseManifest(text: string, bundle: string): ParsedManifest {
  const where = { bundle, entry: 'manifest.json' };
  const json = parseJson(text);
  if (json.kind === 'invalid') {
    throw new BundleError(
      'not-a-bundle',
      `${bundle}: manifest.json is not readable: ${json.reason}${json.location ? ` (${json.location})` : ''}`,
      where,
    );
  }
  const parsed = manifestSchema.safeParse(json.value);
  if (!parsed.success) {
    throw new BundleError(
      'not-a-bundle',
      `${bundle}: manifest.json is not a Hostscope manifest: ${describeIssues(parsed.error)}`,
      where,
    );
  }
  const m = parsed.data;
  if (m.version !== BUNDLE_VERSION) {
    throw new BundleError(
      'unsupported-version',
      `${bundle}: manifest.json version is ${m.version}; this Hostscope reads bundle version ${BUNDLE_VERSION}`,
      where,
    );
  }
  const probes: ManifestProbe[] = [];
  const problems: string[] = [];
  (m.probes ?? []).forEach((entry, i) => {
    const probe = probeSchema.safeParse(entry);
    if (probe.success) {
      const p = probe.data;
      probes.push({
        id: p.id,
        status: p.status,
        ...(p.files ? { files: p.files } : {}),
        ...(p.durationMs !== null && p.durationMs !== undefined ? { durationMs: p.durationMs } : {}),
        ...(p.error ? { error: p.error } : {}),
        ...(p.partial && p.partial.length > 0 ? { partial: p.partial } : {}),
      });
    } else {
      problems.push(`manifest.json probes[${i}]: ${describeIssues(probe.error)}`);
    }
  });
  return {
    collectedAt: m.collectedAt,
    collector: m.collector ? { name: m.collector.name, version: m.collector.version } : null,
    computerName: m.host?.computerName ?? null,
    probes,
    problems,
  };
}
