// Verdicts and findings compared between two bundles: the reachability matrix and the findings are computed by
// the diagnosis as for one bundle (reachabilityMatrix, findings) and only matched here, never re-derived.

import type { Explanation, Finding } from '../../shared/diagnosis';
import type { PathState, VerdictChange } from '../../shared/diff';
import type { HostModel } from '../../shared/model';
import { decisiveHop, fromLabel } from '../diagnosis/reach-summary';
import { containerSubject, subjectText } from '../diagnosis/subjects';
import type { ContainerMatch } from './containers';

/** One bundle's diagnosis, as computed for it alone. */
export interface Diagnosed {
  readonly model: HostModel;
  readonly matrix: readonly Explanation[];
  readonly findings: readonly Finding[];
}

/** Older ids mapped to the newer id of the same container, so re-created containers keep their paths. */
export function idMapping(matches: readonly ContainerMatch[]): ReadonlyMap<string, string> {
  return new Map(matches.map((m) => [m.older.id, m.newer.id]));
}

/** The matrix's source without the peer's id: the peer container may itself be re-created in between. */
const sourceKind = (from: string): string => (from.startsWith('container:') ? 'container' : from);

function pathKey(e: Explanation, containerId: string): string {
  return `${containerId}\u0000${sourceKind(e.from)}\u0000${e.port}/${e.protocol}`;
}

function stateOf(e: Explanation): PathState {
  return { verdict: e.verdict, decisiveHop: decisiveHop(e), reason: e.causes[0]?.title ?? null };
}

function namesOf(model: HostModel): (id: string) => string | undefined {
  const names = new Map(
    (model.containers.kind === 'known' ? model.containers.value : []).map((c) => [c.id, c.name]),
  );
  return (id) => names.get(id);
}

/** Every path of the matrix whose verdict differs, or that exists in one bundle only. */
export function verdictChanges(
  older: Diagnosed,
  newer: Diagnosed,
  newerIdOf: ReadonlyMap<string, string>,
): VerdictChange[] {
  const before = new Map<string, Explanation>();
  for (const e of older.matrix) before.set(pathKey(e, newerIdOf.get(e.container.id) ?? e.container.id), e);
  const olderNames = namesOf(older.model);
  const newerNames = namesOf(newer.model);
  const out: VerdictChange[] = [];
  const seen = new Set<string>();
  const change = (
    e: Explanation,
    names: (id: string) => string | undefined,
    b: Explanation | undefined,
    a: Explanation | undefined,
  ): VerdictChange => ({
    container: e.container,
    from: sourceKind(e.from),
    fromLabel: fromLabel(e.source, names),
    port: e.port,
    protocol: e.protocol,
    before: b ? stateOf(b) : null,
    after: a ? stateOf(a) : null,
  });
  for (const e of newer.matrix) {
    const key = pathKey(e, e.container.id);
    seen.add(key);
    const old = before.get(key);
    if (old && old.verdict === e.verdict) continue;
    out.push(change(e, newerNames, old, e));
  }
  for (const [key, e] of before) if (!seen.has(key)) out.push(change(e, olderNames, e, undefined));
  return out;
}

/** A finding's identity across bundles: its id and its subjects, containers named by their newer id. */
function findingKey(f: Finding, newerIdOf: ReadonlyMap<string, string> | null): string {
  const subjects = f.subjects.map((s) =>
    s.kind === 'container' && newerIdOf !== null
      ? subjectText(containerSubject({ id: newerIdOf.get(s.id) ?? s.id }))
      : subjectText(s),
  );
  return `${f.id}\u0000${[...subjects].sort().join('\u0000')}`;
}

/** Files of a bundle by what became of them: read, or missing/invalid. */
function fileOutcomes(model: HostModel): {
  readonly ok: ReadonlySet<string>;
  readonly unusable: ReadonlySet<string>;
} {
  const ok = new Set<string>();
  const unusable = new Set<string>();
  for (const probe of model.probes)
    for (const file of probe.files) (file.kind === 'ok' ? ok : unusable).add(file.file);
  return { ok, unusable };
}

/**
 * Findings added and resolved. A finding of the older bundle that is gone from the newer one is resolved only
 * where the newer bundle could still have found it: if a file it rests on, or any file the older bundle read,
 * is missing or invalid in the newer one, it is undetermined (a missing file means not collected; bundle-v1).
 */
export function findingChanges(
  older: Diagnosed,
  newer: Diagnosed,
  newerIdOf: ReadonlyMap<string, string>,
): { added: Finding[]; resolved: Finding[]; undetermined: Finding[]; lostFiles: string[] } {
  const olderKeys = new Set(older.findings.map((f) => findingKey(f, newerIdOf)));
  const newerKeys = new Set(newer.findings.map((f) => findingKey(f, null)));
  const before = fileOutcomes(older.model);
  const after = fileOutcomes(newer.model);
  const lostFiles = [...after.unusable].filter((file) => before.ok.has(file)).sort();
  const resolved: Finding[] = [];
  const undetermined: Finding[] = [];
  for (const f of older.findings) {
    if (newerKeys.has(findingKey(f, newerIdOf))) continue;
    if (lostFiles.length > 0 || f.evidence.some((e) => after.unusable.has(e.file))) undetermined.push(f);
    else resolved.push(f);
  }
  return {
    added: newer.findings.filter((f) => !olderKeys.has(findingKey(f, null))),
    resolved,
    undetermined,
    lostFiles,
  };
}
