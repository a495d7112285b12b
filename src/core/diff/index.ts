// What changed between two bundles of one host (../shared/spec/diagnosis.md section 6, issue 13). Pure: the
// caller reads the bundles; bundles of two different hosts are refused as a typed answer, not compared.

import type { ChangeArea, DiffResult, DiffSide, HostDiff } from '../../shared/diff';
import type { HostModel } from '../../shared/model';
import { correlate, findings, reachabilityMatrix } from '../diagnosis';
import { compareContainers } from './containers';
import { compareHostParts } from './host-parts';
import { findingChanges, idMapping, verdictChanges, type Diagnosed } from './verdicts';

export type { Diagnosed } from './verdicts';

/** The order a reader meets changes in: the host itself, its containers, then the network state under them. */
const AREA_ORDER: readonly ChangeArea[] = [
  'host',
  'container',
  'network',
  'hns-network',
  'hns-endpoint',
  'nat-mapping',
  'firewall-profile',
  'firewall-rule',
  'port-exclusion',
  'service',
  'hotfix',
];

function sideOf(model: HostModel): DiffSide {
  return {
    source: model.bundle.source,
    computerName: model.computerName,
    collectedAt: model.bundle.collectedAt,
    lastBootUpTime: model.host.kind === 'known' ? model.host.value.lastBootUpTime : null,
  };
}

/** Runs the one-bundle diagnosis (correlation, matrix, findings) on a model. */
export function diagnose(model: HostModel): Diagnosed {
  const correlation = correlate(model);
  const matrix = reachabilityMatrix(model, correlation);
  return { model, matrix, findings: findings(model, correlation, matrix) };
}

/** Compares two bundles' diagnoses; the caller may pass results it already holds (the app's open bundle). */
export function diffDiagnosed(older: Diagnosed, newer: Diagnosed): DiffResult {
  const before = sideOf(older.model);
  const after = sideOf(newer.model);
  const notes: string[] = [];
  if (before.computerName !== null && after.computerName !== null) {
    // Windows computer names are case-insensitive (NetBIOS and DNS alike).
    if (before.computerName.toLowerCase() !== after.computerName.toLowerCase())
      return {
        kind: 'different-hosts',
        older: before,
        newer: after,
        message: `These bundles are of two different hosts (${before.computerName} and ${after.computerName}): a diff compares two collections of one host. Compare each with an earlier bundle of the same host instead.`,
      };
  } else
    notes.push(
      'The computer name is missing from one bundle (no host/os.json and none in the manifest): it cannot be confirmed that both are of the same host.',
    );
  if (
    before.collectedAt !== null &&
    after.collectedAt !== null &&
    Date.parse(after.collectedAt) < Date.parse(before.collectedAt)
  )
    notes.push(
      `The newer bundle was collected before the older one (${after.collectedAt} < ${before.collectedAt}): "added" and "removed" read backwards.`,
    );
  const containers = compareContainers(older.model, newer.model);
  const hostParts = compareHostParts(older.model, newer.model);
  const newerIdOf = idMapping(containers.matches);
  const rank = (area: ChangeArea): number => AREA_ORDER.indexOf(area);
  const found = findingChanges(older, newer, newerIdOf);
  if (found.lostFiles.length > 0)
    notes.push(
      `The newer bundle lacks files the older one read (${found.lostFiles.slice(0, 5).join(', ')}${found.lostFiles.length > 5 ? ` and ${found.lostFiles.length - 5} more` : ''}): findings gone from it are listed as undetermined, not resolved.`,
    );
  const diff: HostDiff = {
    older: before,
    newer: after,
    changes: [...containers.changes, ...hostParts.changes]
      .map((change, index) => ({ change, index }))
      .sort((a, b) => rank(a.change.area) - rank(b.change.area) || a.index - b.index)
      .map(({ change }) => change),
    verdictChanges: verdictChanges(older, newer, newerIdOf),
    findingsAdded: found.added,
    findingsResolved: found.resolved,
    findingsUndetermined: found.undetermined,
    notCompared: [...containers.notCompared, ...hostParts.notCompared].sort(
      (a, b) => rank(a.area) - rank(b.area),
    ),
    notes,
  };
  return { kind: 'diff', diff };
}

/** What changed from `older` to `newer`, or the refusal where they are bundles of two different hosts. */
export function diffHosts(older: HostModel, newer: HostModel): DiffResult {
  return diffDiagnosed(diagnose(older), diagnose(newer));
}
