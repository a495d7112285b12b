// Reading `Known<T>` parts of the host model: a value, or why it is missing and which probe would give it.

import type { Evidence } from '../../shared/diagnosis';
import type { Known, Source } from '../../shared/model';

/** The value of a known part, or null where the probe gave nothing usable. */
export function valueOf<T>(part: Known<T>): T | null {
  return part.kind === 'known' ? part.value : null;
}

/** The value of a list part, or an empty list where it is unknown (for indexes: absent data adds nothing). */
export function listOf<T>(part: Known<readonly T[]>): readonly T[] {
  return part.kind === 'known' ? part.value : [];
}

/** One line saying why a part is unknown and which probe would decide it. */
export function missingNote(part: { readonly reason: string; readonly source: Source }): string {
  return `${part.reason}; the probe ${part.source.probe} (${part.source.file}) would decide it`;
}

export function evidenceFrom(source: Source, detail: string): Evidence {
  return { file: source.file, detail };
}
