// A container reference from a request (name, full id or unique id prefix) -> the container, or an error value
// that says what to do.

import { findContainer, type ReachQuestion } from '../core/diagnosis';
import type { ReachSource } from '../shared/diagnosis';
import { fail, ok, type Result } from '../shared/ipc';
import type { Container } from '../shared/model';
import type { Analysis } from './analysis';

export function resolveContainer(analysis: Analysis, ref: string): Result<Container> {
  const lookup = findContainer(analysis.model, ref);
  switch (lookup.kind) {
    case 'found':
      return ok(lookup.container);
    case 'ambiguous':
      return fail('ambiguous', ambiguousMessage(ref, lookup.candidates));
    case 'not-found':
      return fail('not-found', `No container "${ref}" in ${analysis.ref.label}.`);
  }
}

/** An inbound request (`reach:explain`, `checks:run`) as the question explain and planChecks answer. */
export function reachQuestion(
  analysis: Analysis,
  request: {
    readonly container: string;
    readonly source: ReachSource;
    readonly port: number;
    readonly protocol: 'tcp' | 'udp';
  },
): Result<ReachQuestion> {
  const container = resolveContainer(analysis, request.container);
  if (!container.ok) return container;
  const { source, port, protocol } = request;
  return ok({ container: container.value, source, port, protocol });
}

/** How many matches an ambiguous reference lists (the CLI too): 10,000 same-named containers made a 180 KB line. */
export const CANDIDATES_SHOWN = 5;

/** What to say when a reference matches several containers; the report export says the same. */
export function ambiguousMessage(ref: string, candidates: readonly { readonly name: string }[]): string {
  return `"${ref}" matches ${candidates.length} containers (${candidates
    .slice(0, CANDIDATES_SHOWN)
    .map((c) => c.name)
    .join(', ')}); give more of the id or the full name.`;
}
