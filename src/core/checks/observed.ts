// Every question the bundle's active checks answered, explained again with what they observed: for reports and the
// CLI (issue 14: "the report carries it"), whether or not the matrix asks the same question.
import type { Explanation, ReachSource } from '../../shared/diagnosis';
import type { HostModel } from '../../shared/model';
import { correlate, type Correlation } from '../diagnosis/correlate';
import { explain } from '../diagnosis/explain';
import { questionKey } from './observe';

/** One explanation per distinct question, contradictions first, then in the order the checks were made. */
export function observedExplanations(
  model: HostModel,
  correlation: Correlation = correlate(model),
): readonly Explanation[] {
  const seen = new Set<string>();
  const out: Explanation[] = [];
  for (const check of model.checks) {
    const key = questionKey(check.question);
    if (seen.has(key)) continue;
    seen.add(key);
    const q = check.question;
    const container = correlation.containerById.get(q.container.toLowerCase());
    if (!container) continue;
    if (q.sourceKind === 'container' && q.sourceContainer === null) continue;
    const source: ReachSource =
      q.sourceKind === 'container' ? { kind: 'container', ref: q.sourceContainer! } : { kind: q.sourceKind };
    out.push(explain(model, { container, source, port: q.port, protocol: q.protocol }, correlation));
  }
  const rank = (e: Explanation): number => (e.observation?.contradiction ? 0 : 1);
  return out
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i)
    .map(({ e }) => e);
}
