// The analysis views of the open bundle: overview, containers and their detail, explanations (inbound, outbound,
// ping), the matrix, isolation, findings, topology and sessions. Each is computed from the open bundle's analysis.

import { ok, type Result } from '../../shared/ipc';
import type { CheckAvailability } from '../../shared/views';
import { reachQuestion, resolveContainer } from '../resolve';
import { containerDetail } from '../views/container-detail';
import { containersView } from '../views/containers';
import { findingsView } from '../views/findings';
import { hostOverview } from '../views/host-overview';
import { isolationView } from '../views/isolation';
import { icmpView, outboundView, reachMatrix, reachView } from '../views/reachability';
import { sessionsView } from '../views/sessions';
import { topologyView } from '../views/topology';
import type { Testing } from './checks';
import type { AreaHandlers, ServiceContext } from './context';

export function viewHandlers(
  context: ServiceContext,
  { testability, plan }: Testing,
): AreaHandlers<
  | 'host:overview'
  | 'containers:list'
  | 'container:detail'
  | 'reach:explain'
  | 'reach:outbound'
  | 'reach:icmp'
  | 'reach:matrix'
  | 'isolation:compare'
  | 'findings:list'
  | 'topology:get'
  | 'sessions:get'
> {
  const { withBundle, view } = context;
  return {
    'host:overview': view(hostOverview),
    'containers:list': view(containersView),
    'container:detail': (r) =>
      withBundle((a) => {
        const container = resolveContainer(a, r.ref);
        return container.ok
          ? ok(containerDetail(a, container.value, context.options.logs !== undefined))
          : container;
      }),
    'reach:explain': (r) =>
      withBundle((a) => {
        const question = reachQuestion(a, r);
        if (!question.ok) return question;
        const test = testability(a);
        return reachView(
          a,
          question.value,
          test.kind === 'available' ? availability(plan(a, question.value)) : test,
        );
      }),
    'reach:outbound': (r) =>
      withBundle((a) => {
        const container = resolveContainer(a, r.container);
        return container.ok
          ? outboundView(a, {
              container: container.value,
              target: r.target,
              port: r.port,
              protocol: r.protocol,
            })
          : container;
      }),
    'reach:icmp': (r) =>
      withBundle((a) => {
        const container = resolveContainer(a, r.container);
        return container.ok ? icmpView(a, container.value, r.question) : container;
      }),
    'reach:matrix': view((a) => reachMatrix(a, testability(a))),
    'isolation:compare': (r) => withBundle((a) => isolationView(a, r.a, r.b, r.whatIf)),
    'findings:list': view(findingsView),
    'topology:get': view(topologyView),
    'sessions:get': view(sessionsView),
  };
}

/** Whether an explanation's checks could run: the reason they cannot, where planning them failed. */
function availability(plan: Result<unknown>): CheckAvailability {
  return plan.ok ? { kind: 'available' } : { kind: 'unavailable', reason: plan.error.message };
}
