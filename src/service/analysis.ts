// One opened bundle: its model, the correlation computed once at open, and the diagnosis results views share,
// each computed on first use (a 1,000-container host should not pay for views nobody opened).

import {
  byContainer,
  correlate,
  findings,
  inspect,
  outboundMatrix,
  reachabilityMatrix,
  reachSummary,
  type Correlation,
} from '../core/diagnosis';
import type { Explanation, Finding, InspectResult } from '../shared/diagnosis';
import type { Container, HostModel } from '../shared/model';
import type { BundleRef, ReachSummary } from '../shared/views';
import { lazy, memoByKey } from './lazy';

export interface Analysis {
  readonly ref: BundleRef;
  readonly model: HostModel;
  readonly correlation: Correlation;
  /** Every container of the bundle, empty when docker/containers.json was not usable. */
  readonly containers: readonly Container[];
  readonly containerById: ReadonlyMap<string, Container>;
  /** Every published port from every source (the reachability matrix), computed once. */
  readonly matrix: () => readonly Explanation[];
  /** What every running container can reach (issue 10): outbound rows of the matrix, computed once. */
  readonly outboundMatrix: () => readonly Explanation[];
  /** The matrix per container id, failing paths first. */
  readonly reachByContainer: () => ReadonlyMap<string, ReachSummary>;
  readonly findings: () => readonly Finding[];
  /** Findings whose subjects include `container:<id>`, by container id. */
  readonly findingsByContainer: () => ReadonlyMap<string, readonly Finding[]>;
  readonly inspect: (containerId: string) => InspectResult;
}

export function analyse(ref: BundleRef, model: HostModel): Analysis {
  const correlation = correlate(model);
  const containers = model.containers.kind === 'known' ? model.containers.value : [];
  const containerById = new Map(containers.map((c) => [c.id, c]));
  const matrix = lazy(() => reachabilityMatrix(model, correlation));
  const allFindings = lazy(() => findings(model, correlation, matrix()));
  const nameOf = (id: string): string | undefined => containerById.get(id)?.name;
  return {
    ref,
    model,
    correlation,
    containers,
    containerById,
    matrix,
    outboundMatrix: lazy(() => outboundMatrix(model, correlation, matrix())),
    reachByContainer: lazy(
      () =>
        new Map([...byContainer(matrix())].map(([id, paths]) => [id, reachSummary(paths, nameOf)] as const)),
    ),
    findings: allFindings,
    findingsByContainer: lazy(() => groupBySubjectContainer(allFindings())),
    inspect: memoByKey((id: string) => inspect(model, containerById.get(id)!, correlation)),
  };
}

function groupBySubjectContainer(list: readonly Finding[]): ReadonlyMap<string, readonly Finding[]> {
  const byContainer = new Map<string, Finding[]>();
  for (const finding of list) {
    for (const subject of finding.subjects) {
      if (subject.kind !== 'container') continue;
      const id = subject.id;
      const bucket = byContainer.get(id);
      if (bucket) bucket.push(finding);
      else byContainer.set(id, [finding]);
    }
  }
  return byContainer;
}
