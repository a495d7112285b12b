// Builds in-memory bundles from raw fixture bytes, for tests of the pure core.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ManifestProbe, RawBundle } from '../../src/shared/bundle';

export function fixture(name: string): Uint8Array {
  return readFileSync(fileURLToPath(new URL(`../fixtures/parsers/${name}`, import.meta.url)));
}

export function manifestBytes(
  probes: readonly ManifestProbe[] = [],
  extra: Record<string, unknown> = {},
): Uint8Array {
  return new TextEncoder().encode(
    JSON.stringify({
      format: 'hostscope-bundle',
      version: 1,
      collectedAt: '2026-11-29T18:00:00Z',
      collector: { name: 'test', version: '0' },
      host: { computerName: 'TESTHOST' },
      probes,
      ...extra,
    }),
  );
}

/** A bundle holding a manifest and the given files (bytes, or text written as UTF-8). */
export function rawBundle(
  files: Record<string, Uint8Array | string>,
  probes: readonly ManifestProbe[] = [],
): RawBundle {
  const map = new Map<string, Uint8Array>([['manifest.json', manifestBytes(probes)]]);
  for (const [path, content] of Object.entries(files)) {
    map.set(path, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }
  return { source: 'test-bundle', files: map };
}
