// Issue 11: the findings name every unreachable path of the reachability matrix (samples and generated hosts).
import { expect } from 'vitest';
import { fromLabel } from '../../src/core/diagnosis';
import type { Explanation, Finding } from '../../src/shared/diagnosis';
import type { HostModel } from '../../src/shared/model';
import { subjectText } from '../../src/core/diagnosis/subjects';

/** Asserts the findings name every unreachable path of the matrix, and no container without one. */
export function expectEveryUnreachablePath(
  model: HostModel,
  matrix: readonly Explanation[],
  list: readonly Finding[],
): void {
  const nameOf = (id: string): string | undefined =>
    model.containers.kind === 'known' ? model.containers.value.find((c) => c.id === id)?.name : undefined;
  const unreachable = list.filter((f) => f.id === 'published-port-unreachable');
  for (const e of matrix) {
    const mine = unreachable.filter((f) =>
      f.subjects.map(subjectText).includes(`container:${e.container.id}`),
    );
    if (!matrix.some((x) => x.container.id === e.container.id && x.verdict === 'unreachable'))
      expect(mine, e.container.name).toEqual([]);
    if (e.verdict !== 'unreachable') continue;
    expect(mine, `${e.container.name} ${e.port} ${e.from}`).toHaveLength(1);
    expect(mine[0]!.detail).toContain(`${e.port}/${e.protocol} from ${fromLabel(e.source, nameOf)}`);
  }
}
