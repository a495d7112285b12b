// Isolation walkthrough: two containers compared point by point, by default one of each isolation mode.

import {
  compareIsolation,
  containerCompatibility,
  isolationOverview,
  whatIf as whatIfOf,
} from '../../core/diagnosis';
import { ok, type Result } from '../../shared/ipc';
import type { Container } from '../../shared/model';
import type { IsolationCandidate, IsolationLesson, IsolationView } from '../../shared/views';
import type { Analysis } from '../analysis';
import { resolveContainer } from '../resolve';

export function isolationView(
  analysis: Analysis,
  a: string | undefined,
  b: string | undefined,
  whatIf?: string,
): Result<IsolationView> {
  const candidates: IsolationCandidate[] = analysis.containers.map((c) => ({
    id: c.id,
    name: c.name,
    isolation: analysis.inspect(c.id).isolation,
    state: c.state,
  }));
  const asked = whatIf === undefined ? null : resolveContainer(analysis, whatIf);
  if (asked !== null && !asked.ok) return asked;
  if (candidates.length < 2) {
    const only = asked?.value ?? (candidates[0] ? analysis.containerById.get(candidates[0].id) : undefined);
    return ok({
      kind: 'not-enough',
      candidates,
      reason: 'A comparison needs two containers; this bundle has fewer.',
      ...lesson(analysis, only),
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
    ...lesson(analysis, asked?.value ?? first.value),
  });
}

/** The default mode, licensing, every container's image verdicts, and one container's what-if (issue 16). */
function lesson(analysis: Analysis, subject: Container | undefined): IsolationLesson {
  // The overview without what-ifs (an empty selection): one what-if is computed, for the container shown.
  const { containers: _none, ...overview } = isolationOverview(
    analysis.model,
    analysis.correlation,
    new Set(),
  );
  return {
    overview,
    compatibility: containerCompatibility(analysis.model, analysis.correlation),
    whatIf: subject ? whatIfOf(analysis.model, subject, undefined, analysis.correlation) : null,
  };
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
