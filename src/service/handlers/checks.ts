// Active checks (issue 14): whether the open bundle can be tested from here, the checks of one explanation or of
// the whole matrix, run on this machine and saved into the bundle, which is then read again.

import { MAX_CHECKS_PER_RUN } from '../../collect/checks/run-checks';
import { planChecks } from '../../core/checks';
import type { ReachQuestion } from '../../core/diagnosis';
import type { PlannedCheck } from '../../shared/checks';
import { errorMessage } from '../../shared/error-message';
import { fail, ok, type Result } from '../../shared/ipc';
import type { CheckAvailability } from '../../shared/views';
import type { Analysis } from '../analysis';
import type { Operation } from '../operations';
import { reachQuestion, resolveContainer } from '../resolve';
import { reachMatrix, reachView } from '../views/reachability';
import type { AreaHandlers, ServiceContext } from './context';

/** Whether the open bundle's paths can be tested from here, and with which checks. */
export interface Testing {
  /** A check connects on the machine Hostscope runs on, so it answers only for a bundle of this machine. */
  readonly testability: (analysis: Analysis) => CheckAvailability;
  /**
   * The checks of one explanation: `unavailable` with the reason where it cannot be tested (UDP, a LAN client,
   * no address), the lookup's error where the source container is not in the bundle.
   */
  readonly plan: (analysis: Analysis, question: ReachQuestion) => Result<readonly PlannedCheck[]>;
}

export function testing(context: ServiceContext): Testing {
  return {
    testability: (analysis) => {
      const port = context.options.checks;
      if (!port)
        return unavailable(
          'Testing needs a live host: run the desktop app (or `hostscope serve`) on the container host itself.',
        );
      if (analysis.ref.sample !== null)
        return unavailable('This is a sample host, not a live one: there is nothing here to connect to.');
      const from = analysis.model.computerName;
      if (from === null)
        return unavailable(
          'The bundle does not say which computer it was collected on, so it cannot be tested from here.',
        );
      if (shortName(from) !== shortName(port.computerName))
        return unavailable(
          `This bundle was collected on ${from}, not on this computer (${port.computerName}): a check must run on the host it tests. Open it in Hostscope on ${from}, or run \`hostscope explain <bundle> ... --test --computer ${from}\`.`,
        );
      return { kind: 'available' };
    },
    plan: (analysis, question) => {
      let { source } = question;
      if (source.kind === 'container') {
        const peer = resolveContainer(analysis, source.ref);
        if (!peer.ok) return peer;
        source = { kind: 'container', ref: peer.value.id };
      }
      // The target comes from the model of this explanation, never from the request (issue 14, item 4).
      const plan = planChecks(analysis.model, { ...question, source }, analysis.correlation);
      return plan.kind === 'untestable' ? fail('unavailable', plan.reason) : ok(plan.checks);
    },
  };
}

export function checksHandlers(
  context: ServiceContext,
  { testability, plan }: Testing,
): AreaHandlers<'checks:run' | 'checks:matrix' | 'checks:cancel'> {
  /** The open bundle, where it can be tested from here. */
  const testable = (): Result<Analysis> => {
    const analysis = context.current();
    if (analysis === null) return fail('no-bundle', 'No bundle is open: there is nothing to test.');
    const test = testability(analysis);
    return test.kind === 'unavailable' ? fail('unavailable', test.reason) : ok(analysis);
  };

  const runChecksOn = async (
    analysis: Analysis,
    plans: readonly PlannedCheck[],
    operation: Operation,
  ): Promise<Result<Analysis>> => {
    const port = context.options.checks!;
    const records = await port.run(plans, operation.signal, operation.progress);
    if (operation.signal.aborted) return fail('cancelled', 'Testing was cancelled; nothing was saved.');
    try {
      await port.save(analysis.ref.source, records);
      return ok(await context.refresh(analysis));
    } catch (error) {
      return fail(
        'failed',
        `The checks ran but could not be saved into ${analysis.ref.source}: ${errorMessage(error)}`,
      );
    }
  };

  return {
    'checks:run': async (r) => {
      const open = testable();
      if (!open.ok) return open;
      const analysis = open.value;
      const question = reachQuestion(analysis, r);
      if (!question.ok) return question;
      const { container } = question.value;
      const plans = plan(analysis, question.value);
      if (!plans.ok) return plans;
      return context.running('check', r.operationId, async (op) => {
        const done = await runChecksOn(analysis, plans.value, op);
        if (!done.ok) return done;
        const again = done.value.containerById.get(container.id);
        if (!again) return fail('not-found', `${container.name} is no longer in the bundle.`);
        return reachView(done.value, { ...question.value, container: again }, testability(done.value));
      });
    },
    'checks:matrix': async (r) => {
      const open = testable();
      if (!open.ok) return open;
      const analysis = open.value;
      // Every tcp path of the matrix a connection from this host can answer, each connection once.
      const plans = new Map<string, PlannedCheck>();
      for (const e of analysis.matrix()) {
        if (e.source.kind === 'external' || e.protocol !== 'tcp') continue;
        const container = analysis.containerById.get(e.container.id);
        if (!container) continue;
        // The explanation's typed source, never its `from` text parsed back (issue 15).
        const plan = planChecks(
          analysis.model,
          { container, source: e.source, port: e.port, protocol: e.protocol },
          analysis.correlation,
        );
        if (plan.kind === 'untestable') continue;
        for (const p of plan.checks)
          plans.set(`${JSON.stringify(p.from)}|${p.to}|${p.port}|${JSON.stringify(p.question)}`, p);
      }
      const all = [...plans.values()];
      const todo = all.slice(0, MAX_CHECKS_PER_RUN);
      return context.running('check', r.operationId, async (op) => {
        const done = await runChecksOn(analysis, todo, op);
        if (!done.ok) return done;
        return ok({
          tested: todo.length,
          leftOut: all.length - todo.length,
          matrix: reachMatrix(done.value, testability(done.value)),
        });
      });
    },
    'checks:cancel': async (r) => ok({ cancelled: context.operations.cancel(r.operationId) }),
  };
}

function unavailable(reason: string): CheckAvailability {
  return { kind: 'unavailable', reason };
}

/** `HOST01.corp.example` and `host01` are one machine: compared by the first label, case-insensitively. */
function shortName(name: string): string {
  return name.split('.')[0]!.toLowerCase();
}
