// Reachability of each container from every client, failing paths first, and the findings that make every
// unreachable path of the matrix visible (issue 11: `reports`, `worker` and `old-api` on the 2019 sample were
// unreachable yet no finding and no row of the containers table said so).

import type {
  Evidence,
  Explanation,
  Finding,
  Hop,
  OutboundTarget,
  ReachSource,
  Verdict,
} from '../../shared/diagnosis';
import type { ReachPath, ReachSummary } from '../../shared/views';
import { fixText, stepsFix } from './commands';
import { containerSubject } from './subjects';

const VERDICT_RANK: Readonly<Record<Verdict, number>> = { unreachable: 0, unknown: 1, reachable: 2 };

/** The first hop that failed, or the first undecided one for an `unknown` verdict; null when all passed. */
export function decisiveHop(explanation: Explanation): Hop | null {
  // A real connection decided it (issue 14): that is what the verdict rests on.
  if (explanation.observation && explanation.observation.outcome !== 'undecided')
    return explanation.hops.find((h) => h.id === 'observed') ?? null;
  return (
    explanation.hops.find((h) => h.status === 'fail') ??
    explanation.hops.find((h) => h.status === 'unknown') ??
    null
  );
}

/** A client as a reader says it, another container by name where `nameOf` knows its id. */
export function fromLabel(source: ReachSource, nameOf: (id: string) => string | undefined): string {
  switch (source.kind) {
    case 'external':
      return 'another machine (external)';
    case 'host':
      return 'the host, to the container IP';
    case 'host-localhost':
      return 'the host, via localhost';
    case 'container':
      return `container ${nameOf(source.ref) ?? source.ref}`;
  }
}

/** An outbound question's target as a reader says it, another container by name where `nameOf` knows its id. */
export function toLabel(to: OutboundTarget | undefined, nameOf: (id: string) => string | undefined): string {
  switch (to?.kind) {
    case undefined:
      return 'unknown';
    case 'internet':
      return 'the internet';
    case 'host':
      return 'the host';
    case 'container':
      return `container ${nameOf(to.ref) ?? to.ref}`;
    case 'address':
      return to.address;
    case 'name':
      return to.name;
  }
}

function pathOf(e: Explanation, nameOf: (id: string) => string | undefined): ReachPath {
  const hop = decisiveHop(e);
  return {
    from: e.from,
    fromLabel: fromLabel(e.source, nameOf),
    port: e.port,
    protocol: e.protocol,
    verdict: e.verdict,
    reason: e.causes[0]?.title ?? (hop ? `${hop.title}: ${hop.status}` : null),
  };
}

/** One container's paths (from the matrix), unreachable first, then unknown, then reachable. */
export function reachSummary(
  explanations: readonly Explanation[],
  nameOf: (id: string) => string | undefined,
): ReachSummary {
  const paths = explanations
    .map((e, index) => ({ path: pathOf(e, nameOf), index }))
    .sort((a, b) => VERDICT_RANK[a.path.verdict] - VERDICT_RANK[b.path.verdict] || a.index - b.index)
    .map(({ path }) => path);
  const counts: Record<Verdict, number> = { reachable: 0, unreachable: 0, unknown: 0 };
  for (const p of paths) counts[p.verdict]++;
  return { counts, paths };
}

/** The matrix grouped by container id, in the matrix's order. */
export function byContainer(matrix: readonly Explanation[]): ReadonlyMap<string, readonly Explanation[]> {
  const out = new Map<string, Explanation[]>();
  for (const e of matrix) {
    const list = out.get(e.container.id);
    if (list) list.push(e);
    else out.set(e.container.id, [e]);
  }
  return out;
}

/**
 * One `published-port-unreachable` finding per container with an unreachable path: every path, its first
 * cause, and the fix stated once per distinct cause. High when a client elsewhere cannot connect, medium when
 * only paths from the host or other containers fail.
 */
export function unreachableFindings(
  matrix: readonly Explanation[],
  nameOf: (id: string) => string | undefined,
): Finding[] {
  const out: Finding[] = [];
  for (const [id, explanations] of byContainer(matrix)) {
    const failing = explanations.filter((e) => e.verdict === 'unreachable');
    if (failing.length === 0) continue;
    const name = failing[0]!.container.name;
    const paths = failing.map((e) => `${e.port}/${e.protocol} from ${fromLabel(e.source, nameOf)}`);
    // Repeated causes are stated once, with the paths they explain.
    const causes = new Map<string, { title: string; fix: Finding['fix']; paths: string[] }>();
    failing.forEach((e, i) => {
      const cause = e.causes[0];
      if (!cause) return;
      const key = `${cause.id}\u0000${cause.title}`;
      const entry = causes.get(key) ?? { title: cause.title, fix: cause.fix, paths: [] };
      entry.paths.push(paths[i]!);
      causes.set(key, entry);
    });
    const grouped = [...causes.values()];
    const evidence = new Map<string, Evidence>();
    for (const e of failing)
      for (const item of decisiveHop(e)?.evidence.slice(0, 1) ?? [])
        evidence.set(`${item.file}\u0000${item.detail}`, item);
    out.push({
      id: 'published-port-unreachable',
      severity: failing.some((e) => e.source.kind === 'external') ? 'high' : 'medium',
      title: `${name}: ${failing.length} of ${explanations.length} paths unreachable`,
      detail: `Unreachable: ${paths.join('; ')}. ${
        grouped.length === 1
          ? `${grouped[0]!.title}.`
          : grouped.map((g) => `${g.title} (${g.paths.join(', ')}).`).join(' ')
      }`,
      subjects: [containerSubject({ id })],
      evidence: [...evidence.values()],
      fix:
        grouped.length === 1
          ? grouped[0]!.fix
          : stepsFix(...grouped.map((g) => `${g.title} (${g.paths.join(', ')}): ${fixText(g.fix)}`)),
      references: [...new Set(failing.flatMap((e) => e.causes.flatMap((c) => c.references)))].slice(0, 4),
    });
  }
  return out;
}
