import type { JSX } from 'react';
import type { Verdict } from '../../../shared/diagnosis';
import type { ReachPath } from '../../../shared/views';
import { VerdictBadge } from './chips';

/** Counts in words, failing first: "1 unreachable, 3 reachable" (issue 11). */
export function reachCountsText(counts: Readonly<Record<Verdict, number>>): string {
  const parts = (['unreachable', 'unknown', 'reachable'] as const)
    .filter((v) => counts[v] > 0)
    .map((v) => `${counts[v]} ${v}`);
  return parts.length === 0 ? 'no published port to check' : parts.join(', ');
}

/** Paths from every client, already ordered failing first, each with its verdict and first cause. */
export function ReachPathList({
  paths,
  container,
}: {
  paths: readonly (ReachPath & { readonly containerName?: string })[];
  container?: boolean;
}): JSX.Element {
  return (
    <ul className="reach-paths">
      {paths.map((p, i) => (
        <li key={`${p.containerName ?? ''}-${p.from}-${p.port}-${p.protocol}-${i}`}>
          <VerdictBadge verdict={p.verdict} />{' '}
          <span>
            {container && p.containerName ? <strong>{p.containerName}</strong> : null}
            {container && p.containerName ? ' ' : null}
            {p.port}/{p.protocol} from {p.fromLabel}
          </span>
          {p.reason && <span className="muted">: {p.reason}</span>}
        </li>
      ))}
    </ul>
  );
}
