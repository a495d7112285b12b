// The Paste-or-drop dialog's two requests (issue 12): a preview of what the text holds, and writing it as a
// bundle (or adding it to the open bundle of the same host) in the app's imports folder. The renderer sends the
// text itself, never a path to read: dropped files and folders are read in the page (File API).
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { writeImportBundle, writeMergedBundle } from '../collect/import-bundle';
import { safeText } from '../core/safe-text';
import { differentHostMessage, MergeRefused, sameHost } from '../core/import/merge';
import { ImportRefused, planImport, type ImportPlan } from '../core/import/plan';
import { PROBES, probeSpec, type RawBundle } from '../shared/bundle';
import { fail, ok, type RequestOf, type Result } from '../shared/ipc';
import type { ImportMergeCheck, ImportPreview } from '../shared/views';

/** Text from the paste shown as text: control characters (escape sequences, bidi tricks stay visible) become `?`. */
const shown = (s: string): string => safeText(s.length > 500 ? `${s.slice(0, 500)}…` : s);

function mergeCheck(bundleComputer: string | null | undefined, plan: ImportPlan): ImportMergeCheck | null {
  if (bundleComputer === undefined) return null;
  const host = sameHost(bundleComputer, plan.computerName);
  if (host.kind === 'same') return { kind: 'same-host', computerName: host.computerName };
  if (host.kind === 'unnamed') return { kind: 'unnamed', computerName: host.computerName };
  return { kind: 'different-host', message: differentHostMessage(host) };
}

function refusal(error: unknown): Result<never> {
  if (error instanceof ImportRefused)
    return fail('bad-request', `The text was not imported: ${error.message}`);
  throw error;
}

/**
 * What the text holds, block by block, and what stays unknown. `bundleComputer` is the open bundle's computer
 * (null when it names none), undefined when no bundle is open.
 */
export function importPreview(
  request: RequestOf<'import:preview'>,
  bundleComputer: string | null | undefined,
): Result<ImportPreview> {
  let plan: ImportPlan;
  try {
    plan = planImport(request.inputs, request.computerName ? { computerName: request.computerName } : {});
  } catch (error) {
    return refusal(error);
  }
  const given = new Set(plan.probes.filter((p) => p.status === 'ok').map((p) => p.id));
  return ok({
    blocks: plan.blocks.map((b) => ({
      id: b.id,
      input: shown(b.input),
      line: b.line,
      command: b.command === null ? null : shown(b.command),
      title: shown(b.title),
      rows: b.rows,
      status: b.status,
      reason: b.reason === null ? null : shown(b.reason),
      warnings: b.warnings.map(shown),
      files: b.files,
    })),
    probes: plan.probes
      .filter((p) => p.status === 'ok')
      .map((p) => ({
        id: p.id,
        title: probeSpec(p.id)?.title ?? p.id,
        files: p.files,
        partial: (p.partial ?? []).map(shown),
      })),
    unknown: PROBES.filter((p) => !given.has(p.id)).map((p) => p.title),
    computerName: plan.computerName === null ? null : shown(plan.computerName),
    computerNameFrom: plan.computerNameFrom,
    merge: mergeCheck(bundleComputer, plan),
  });
}

/** A new folder in the imports directory for each import: never written over, named so a person can sort them. */
function importFolder(importsDir: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return join(importsDir, `import-${stamp}-${randomUUID().slice(0, 8)}`);
}

/**
 * Writes the import as a bundle in `importsDir` and answers its path: a bundle of its own, or the open bundle
 * (read from `into`, never changed) with the import added. Refusals (a different host, an unconfirmed unnamed
 * import, text over the limits) are error values.
 */
export async function writeImport(
  request: RequestOf<'import:open'>,
  importsDir: string,
  into: string | null,
  read: (path: string) => Promise<RawBundle>,
): Promise<Result<string>> {
  const now = new Date();
  const out = importFolder(importsDir, now);
  const options = { out, now, ...(request.computerName ? { computerName: request.computerName } : {}) };
  try {
    if (request.target === 'new') return ok((await writeImportBundle(request.inputs, options)).written.path);
    if (into === null)
      return fail('no-bundle', 'No bundle is open to add the import to: open it as a new bundle.');
    const merged = await writeMergedBundle(request.inputs, {
      ...options,
      into,
      confirmSameHost: request.confirmSameHost === true,
      read,
    });
    return ok(merged.written.path);
  } catch (error) {
    if (error instanceof ImportRefused) return refusal(error);
    if (error instanceof MergeRefused) return fail('bad-request', error.message);
    return fail(
      'failed',
      `The import was not written: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
