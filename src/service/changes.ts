// The `changes:compare` channel (issue 13): reads two bundles and answers what changed between them. A bundle the
// app already has open is not read again: its diagnosis is reused.

import { resolve } from 'node:path';
import { BundleError } from '../core/bundle/errors';
import { diagnose, diffDiagnosed, differentHosts, type Diagnosed } from '../core/diff';
import { buildHostModel } from '../core/host-model';
import { NODE_MODEL_OPTIONS } from '../collect/ascii-text';
import type { RawBundle } from '../shared/bundle';
import type { HostModel } from '../shared/model';
import type { DiffResult } from '../shared/diff';
import { fail, ok, type Result } from '../shared/ipc';
import type { Analysis } from './analysis';

/** One side: the open bundle's analysis where it is that bundle, else the model read now, diagnosed on demand. */
async function sideAt(
  path: string,
  which: 'older' | 'newer',
  read: (path: string) => Promise<RawBundle>,
  open: Analysis | null,
): Promise<Result<{ readonly model: HostModel; readonly diagnosed: () => Diagnosed }>> {
  if (open !== null && resolve(open.ref.source) === resolve(path))
    return ok({
      model: open.model,
      diagnosed: () => ({ model: open.model, matrix: open.matrix(), findings: open.findings() }),
    });
  try {
    const model = buildHostModel(await read(path), NODE_MODEL_OPTIONS);
    return ok({ model, diagnosed: () => diagnose(model) });
  } catch (error) {
    // The reader's errors name the bundle, the entry and the limit; say which side of the comparison it was.
    const message = error instanceof Error ? error.message : String(error);
    return fail(
      'unreadable-bundle',
      error instanceof BundleError
        ? `The ${which} bundle cannot be read: ${message}`
        : `Cannot read the ${which} bundle ${path}: ${message}`,
    );
  }
}

export async function compareBundles(
  request: { readonly older: string; readonly newer: string },
  read: (path: string) => Promise<RawBundle>,
  open: Analysis | null,
): Promise<Result<DiffResult>> {
  const older = await sideAt(request.older, 'older', read, open);
  if (!older.ok) return older;
  const newer = await sideAt(request.newer, 'newer', read, open);
  if (!newer.ok) return newer;
  // Two hosts are refused before either is diagnosed.
  return ok(
    differentHosts(older.value.model, newer.value.model) ??
      diffDiagnosed(older.value.diagnosed(), newer.value.diagnosed()),
  );
}
