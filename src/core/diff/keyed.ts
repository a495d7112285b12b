// One way to compare a list part of two host models: match entries by a key, then report entries added, removed
// and each field that changed, with the files both sides were read from. A part unknown on either side is not
// compared (a missing probe file is "not collected", never "everything removed"; bundle-v1).

import type { Evidence } from '../../shared/diagnosis';
import type { Change, ChangeArea, ChangeKind, NotCompared } from '../../shared/diff';
import type { Known, Source } from '../../shared/model';

/** A field compared between the two sides, written as text (null where the entry has no value). */
export interface Field<T> {
  readonly name: string;
  readonly value: (entry: T) => string | null;
}

export interface ListSpec<T> {
  readonly area: Exclude<ChangeArea, 'container' | 'host'>;
  /** What identifies one entry on both sides (a rule's name, a mapping's ports). */
  readonly key: (entry: T) => string;
  /** The entry as a reader knows it, e.g. `firewall rule "Web 8080"`. */
  readonly label: (entry: T) => string;
  /** One line describing the whole entry, for added and removed. */
  readonly describe: (entry: T) => string;
  readonly fields: readonly Field<T>[];
}

export interface Compared {
  readonly changes: readonly Change[];
  readonly notCompared: readonly NotCompared[];
}

/** `older: <detail>` read from a file, as evidence of one side. */
export function sideEvidence(side: 'older' | 'newer', source: Source, detail: string): Evidence {
  return { file: source.file, detail: `${side} bundle: ${detail}` };
}

/** Why a part cannot be compared: the unknown side's own reason. */
export function unknownReason<T>(older: Known<T>, newer: Known<T>): string | null {
  if (older.kind === 'unknown') return `older bundle: ${older.reason}`;
  if (newer.kind === 'unknown') return `newer bundle: ${newer.reason}`;
  return null;
}

/** Every field whose text differs between two matched entries, as `<area>-changed` changes. */
export function fieldChanges<T>(
  spec: {
    readonly area: ChangeArea;
    readonly kind: ChangeKind;
    readonly subject: string;
    readonly label: string;
    readonly fields: readonly Field<T>[];
  },
  older: { readonly entry: T; readonly source: Source },
  newer: { readonly entry: T; readonly source: Source },
): Change[] {
  const out: Change[] = [];
  for (const field of spec.fields) {
    const before = field.value(older.entry);
    const after = field.value(newer.entry);
    if (before === after) continue;
    out.push({
      kind: spec.kind,
      area: spec.area,
      subject: spec.subject,
      label: spec.label,
      field: field.name,
      before,
      after,
      evidence: [
        sideEvidence('older', older.source, `${spec.label} ${field.name} ${before ?? '(none)'}`),
        sideEvidence('newer', newer.source, `${spec.label} ${field.name} ${after ?? '(none)'}`),
      ],
    });
  }
  return out;
}

/** Entries added, removed and changed between two lists of one part. */
export function compareList<T>(
  spec: ListSpec<T>,
  older: Known<readonly T[]>,
  newer: Known<readonly T[]>,
): Compared {
  const reason = unknownReason(older, newer);
  if (reason !== null || older.kind !== 'known' || newer.kind !== 'known')
    return { changes: [], notCompared: [{ area: spec.area, reason: reason ?? '' }] };
  // First entry wins on a repeated key: a bundle may hold duplicates, and a Map never resolves inherited keys.
  const index = (list: readonly T[]): Map<string, T> => {
    const map = new Map<string, T>();
    for (const entry of list) {
      const key = spec.key(entry);
      if (!map.has(key)) map.set(key, entry);
    }
    return map;
  };
  const before = index(older.value);
  const after = index(newer.value);
  const changes: Change[] = [];
  const subjectOf = (key: string): string => `${spec.area}:${key}`;
  for (const [key, entry] of before) {
    const match = after.get(key);
    if (match === undefined) {
      changes.push({
        kind: `${spec.area}-removed`,
        area: spec.area,
        subject: subjectOf(key),
        label: spec.label(entry),
        before: spec.describe(entry),
        after: null,
        evidence: [
          sideEvidence('older', older.source, spec.describe(entry)),
          { file: newer.source.file, detail: `newer bundle: no ${spec.label(entry)}` },
        ],
      });
      continue;
    }
    changes.push(
      ...fieldChanges(
        {
          area: spec.area,
          kind: `${spec.area}-changed`,
          subject: subjectOf(key),
          label: spec.label(match),
          fields: spec.fields,
        },
        { entry, source: older.source },
        { entry: match, source: newer.source },
      ),
    );
  }
  for (const [key, entry] of after) {
    if (before.has(key)) continue;
    changes.push({
      kind: `${spec.area}-added`,
      area: spec.area,
      subject: subjectOf(key),
      label: spec.label(entry),
      before: null,
      after: spec.describe(entry),
      evidence: [
        { file: older.source.file, detail: `older bundle: no ${spec.label(entry)}` },
        sideEvidence('newer', newer.source, spec.describe(entry)),
      ],
    });
  }
  return { changes, notCompared: [] };
}

/** A list written as one sorted line, so two orders of the same set compare equal. */
export function setText(values: readonly string[]): string | null {
  return values.length === 0 ? null : [...new Set(values)].sort().join(', ');
}
