// Isolation walkthrough: two containers compared point by point, by default one of each isolation mode.

import { compareIsolation } from '../../core/diagnosis';
import { ok, type Result } from '../../shared/ipc';
import type { Container } from '../../shared/model';
import type { IsolationCandidate, IsolationView } from '../../shared/views';
import type { Analysis } from '../analysis';
import { resolveContainer } from '../resolve';

export function isolationView(
  analysis: Analysis,
  a: string | undefined,
  b: string | undefined,
): Result<IsolationView> {
  const candidates: IsolationCandidate[] = analysis.containers.map((c) => ({
    id: c.id,
    name: c.name,
    isolation: analysis.inspect(c.id).isolation,
    state: c.state,
  }));
  if (candidates.length < 2) {
    return ok({
      kind: 'not-enough',
      candidates,
      reason: 'A comparison needs two containers; this bundle has fewer.',
    });
  }
  const first =
    a === undefined ? ok(defaultPick(analysis, candidates, 'process', null)) : resolveContainer(analysis, a);
  if (!first.ok) return first;
  const second =
    b === undefined
      ? ok(defaultPick(analysis, candidates, 'hyperv', first.value.id))
      : resolveContainer(analysis, b);
  if (!second.ok) return second;
  return ok({
    kind: 'compared',
    candidates,
    comparison: compareIsolation(analysis.model, first.value, second.value, analysis.correlation),
  });
}

/** Prefers a running container of the wanted isolation; falls back to any other container. */
function defaultPick(
  analysis: Analysis,
  candidates: readonly IsolationCandidate[],
  isolation: 'process' | 'hyperv',
  exclude: string | null,
): Container {
  const open = candidates.filter((c) => c.id !== exclude);
  const pick =
    open.find((c) => c.isolation === isolation && c.state === 'running') ??
    open.find((c) => c.isolation === isolation) ??
    open.find((c) => c.state === 'running') ??
    open[0]!;
  return analysis.containerById.get(pick.id)!;
}
