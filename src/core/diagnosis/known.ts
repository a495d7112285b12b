// Reading `Known<T>` parts of the host model: a value, or why it is missing and which probe would give it.

import type { Evidence } from '../../shared/diagnosis';
import { PARTIAL_CONTAINER_LIST } from '../../shared/bundle';
import type { HostModel, Known, Source } from '../../shared/model';

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

/**
 * Why the container list may lack containers (an import of `docker inspect` without `docker ps -a`), or null where
 * it is whole. A mapping or endpoint no listed container holds is then not shown to be left over (issue 12, item 4).
 */
export function containerListPartial(model: HostModel): string | null {
  const probe = model.probes.find((p) => p.id === 'docker.containers');
  return probe?.partial?.find((p) => p.startsWith(PARTIAL_CONTAINER_LIST)) ?? null;
}
