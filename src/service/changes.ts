// The `changes:compare` channel (issue 13): reads two bundles and answers what changed between them. A bundle the
// app already has open is not read again: its diagnosis is reused.

import { resolve } from 'node:path';
import { BundleError } from '../core/bundle/errors';
import { diagnose, diffDiagnosed, type Diagnosed } from '../core/diff';
import { buildHostModel } from '../core/host-model';
import type { RawBundle } from '../shared/bundle';
import type { DiffResult } from '../shared/diff';
import { fail, ok, type Result } from '../shared/ipc';
import type { Analysis } from './analysis';

async function diagnosedAt(
  path: string,
  which: 'older' | 'newer',
  read: (path: string) => Promise<RawBundle>,
  open: Analysis | null,
): Promise<Result<Diagnosed>> {
  if (open !== null && resolve(open.ref.source) === resolve(path))
    return ok({ model: open.model, matrix: open.matrix(), findings: open.findings() });
  try {
    return ok(diagnose(buildHostModel(await read(path))));
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
  const older = await diagnosedAt(request.older, 'older', read, open);
  if (!older.ok) return older;
  const newer = await diagnosedAt(request.newer, 'newer', read, open);
  if (!newer.ok) return newer;
  return ok(diffDiagnosed(older.value, newer.value));
}
