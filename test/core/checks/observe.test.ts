// The merge of active checks into explanations (issue 14): an `observed` hop beside the inferred ones, the verdict
// following the observation, and a contradiction said first, in both directions, with the facts the inference used.
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../../src/collect/bundle-reader';
import { observe, planChecks } from '../../../src/core/checks';
import { correlate, explain, findContainer, reachabilityMatrix } from '../../../src/core/diagnosis';
import { buildHostModel } from '../../../src/core/host-model';
import type { ActiveCheck, CheckOutcome, PlannedCheck } from '../../../src/shared/checks';
import type { Explanation, ReachSource } from '../../../src/shared/diagnosis';
import type { Container, HostModel } from '../../../src/shared/model';

async function sample(name: string): Promise<HostModel> {
  return buildHostModel(await readBundle(`resources/samples/${name}`));
}

function named(model: HostModel, name: string): Container {
  const found = findContainer(model, name);
  if (found.kind !== 'found') throw new Error(`${name}: ${found.kind}`);
  return found.container;
}

/** The record a run of `planned` would store, with the outcome the test needs. */
function checkOf(
  planned: PlannedCheck,
  outcome: CheckOutcome,
  n = 1,
  startedAt = '2026-12-07T09:00:00.000Z',
): ActiveCheck {
  return {
    file: `checks/20261207T090000Z-${n}.json`,
    from: planned.from.kind === 'host' ? 'host' : `container:${planned.from.id}`,
    to: planned.to,
    port: planned.port,
    protocol: planned.protocol,
    startedAt,
    durationMs: outcome === 'timeout' ? 3000 : 4,
    outcome,
    detail: outcome,
    command: '(test)',
    timeoutMs: 3000,
    tool: 'powershell',
    question: planned.question,
  };
}

function plannedFor(model: HostModel, c: Container, source: ReachSource, port: number): PlannedCheck[] {
  const plan = planChecks(model, { container: c, source, port, protocol: 'tcp' });
  if (plan.kind !== 'checks') throw new Error(plan.reason);
  return [...plan.checks];
}

describe('observations merged into explanations', () => {
  it('overturns an inferred failure when a connection succeeds, says so first and lists the facts', async () => {
    const model = await sample('server2016-swarm-portainer');
    const portainer = named(model, 'portainer');
    const inferred = explain(model, {
      container: portainer,
      source: { kind: 'host-localhost' },
      port: 9000,
      protocol: 'tcp',
    });
    expect(inferred.verdict).toBe('unreachable');
    const [planned] = plannedFor(model, portainer, { kind: 'host-localhost' }, 9000);
    expect(planned).toMatchObject({ from: { kind: 'host' }, to: '127.0.0.1', port: 9000 });

    const withCheck: HostModel = { ...model, checks: [checkOf(planned!, 'connected')] };
    const observed = explain(withCheck, {
      container: portainer,
      source: { kind: 'host-localhost' },
      port: 9000,
      protocol: 'tcp',
    });
    const failing = inferred.hops.find((h) => h.status === 'fail')!;
    expect(observed.verdict).toBe('reachable');
    expect(observed.observation).toMatchObject({ outcome: 'connected', inferred: 'unreachable' });
    expect(observed.observation!.contradiction!.message).toMatch(
      new RegExp(`^Hostscope expected this to fail at "${failing.title}", but a connection succeeded`),
    );
    expect(observed.observation!.contradiction!.hop).toEqual({ id: failing.id, title: failing.title });
    // The facts are the evidence of the hops the inference decided, the failing one first.
    const facts = observed.observation!.contradiction!.facts;
    expect(facts[0]!.detail.startsWith(`${failing.title}: `)).toBe(true);
    expect(facts.map((f) => f.file)).toContain('host/os.json');
    // The observed hop stands beside the inferred ones, which are kept as they were.
    expect(observed.hops.slice(0, -1)).toEqual(inferred.hops);
    expect(observed.hops.at(-1)).toMatchObject({ id: 'observed', status: 'pass' });
    expect(observed.hops.at(-1)!.evidence[0]!.file).toBe('checks/20261207T090000Z-1.json');
  });

  it('overturns an inferred success when the connection is refused or times out', async () => {
    const model = await sample('server2022-healthy');
    const web = named(model, 'web');
    const inferred = explain(model, {
      container: web,
      source: { kind: 'host-localhost' },
      port: 80,
      protocol: 'tcp',
    });
    expect(inferred.verdict).toBe('reachable');
    const [planned] = plannedFor(model, web, { kind: 'host-localhost' }, 80);
    for (const outcome of ['refused', 'timeout'] as const) {
      const observed = explain(
        { ...model, checks: [checkOf(planned!, outcome)] },
        { container: web, source: { kind: 'host-localhost' }, port: 80, protocol: 'tcp' },
      );
      expect(observed.verdict).toBe('unreachable');
      expect(observed.observation!.contradiction!.message).toMatch(
        outcome === 'refused'
          ? /^Hostscope expected this to work, but a real connection was refused/
          : /^Hostscope expected this to work, but a real connection got no answer within 3 s/,
      );
      expect(observed.observation!.contradiction!.hop).toBeNull();
      expect(observed.observation!.contradiction!.facts.length).toBeGreaterThan(0);
      expect(observed.hops.at(-1)).toMatchObject({ id: 'observed', status: 'fail' });
    }
  });

  it('confirms without a contradiction, and a newer check replaces an older one of the same connection', async () => {
    const model = await sample('server2022-healthy');
    const web = named(model, 'web');
    const [planned] = plannedFor(model, web, { kind: 'host-localhost' }, 80);
    const older = checkOf(planned!, 'refused', 1, '2026-12-07T09:00:00.000Z');
    const newer = checkOf(planned!, 'connected', 2, '2026-12-07T09:05:00.000Z');
    const observed = explain(
      { ...model, checks: [newer, older] },
      { container: web, source: { kind: 'host-localhost' }, port: 80, protocol: 'tcp' },
    );
    expect(observed.verdict).toBe('reachable');
    expect(observed.observation).toMatchObject({ outcome: 'connected', contradiction: null });
    expect(observed.observation!.summary).toMatch(/^A real connection confirmed it/);
    expect(observed.hops.at(-1)!.evidence.map((e) => e.file)).toEqual(['checks/20261207T090000Z-2.json']);
  });

  it('keeps the inferred verdict when the check decided nothing (no tool, error)', async () => {
    const model = await sample('server2016-swarm-portainer');
    const portainer = named(model, 'portainer');
    const [planned] = plannedFor(model, portainer, { kind: 'host-localhost' }, 9000);
    const observed = explain(
      { ...model, checks: [checkOf(planned!, 'no-tool')] },
      { container: portainer, source: { kind: 'host-localhost' }, port: 9000, protocol: 'tcp' },
    );
    expect(observed.verdict).toBe('unreachable');
    expect(observed.observation).toMatchObject({ outcome: 'undecided', contradiction: null });
    expect(observed.hops.at(-1)).toMatchObject({ id: 'observed', status: 'unknown' });
  });

  it('follows the observation from an undecided verdict without calling it a contradiction', () => {
    const undecided: Explanation = {
      direction: 'inbound',
      container: { id: 'a'.repeat(64), name: 'web' },
      from: 'host',
      source: { kind: 'host' },
      port: 80,
      protocol: 'tcp',
      verdict: 'unknown',
      hops: [
        {
          id: 'listening',
          title: 'Something listens on 80',
          status: 'unknown',
          evidence: [],
          note: 'not collected',
        },
      ],
      causes: [],
    };
    const check: ActiveCheck = {
      ...checkOf(
        {
          from: { kind: 'host' },
          to: '172.24.80.2',
          port: 80,
          protocol: 'tcp',
          label: '',
          question: {
            container: 'a'.repeat(64),
            sourceKind: 'host',
            sourceContainer: null,
            port: 80,
            protocol: 'tcp',
          },
        },
        'connected',
      ),
    };
    const observed = observe(undecided, [check]);
    expect(observed.verdict).toBe('reachable');
    expect(observed.observation).toMatchObject({ inferred: 'unknown', contradiction: null });
    expect(observed.observation!.summary).toMatch(/^The snapshot could not decide this/);
  });

  it('matches checks to their own question only: another port or source keeps its inferred verdict', async () => {
    const model = await sample('server2016-swarm-portainer');
    const portainer = named(model, 'portainer');
    const [planned] = plannedFor(model, portainer, { kind: 'host-localhost' }, 9000);
    const withCheck: HostModel = { ...model, checks: [checkOf(planned!, 'connected')] };
    const correlation = correlate(withCheck);
    const others = reachabilityMatrix(withCheck, correlation).filter(
      (e) => !(e.container.id === portainer.id && e.from === 'host-localhost' && e.port === 9000),
    );
    expect(others.length).toBeGreaterThan(3);
    expect(others.every((e) => e.observation === undefined)).toBe(true);
    expect(
      explain(withCheck, { container: portainer, source: { kind: 'external' }, port: 9000, protocol: 'tcp' })
        .observation,
    ).toBeUndefined();
  });
});

describe('planning checks from an explanation', () => {
  it('connects from the host to the container address for `host`, and never plans UDP or a LAN client', async () => {
    const model = await sample('server2022-healthy');
    const web = named(model, 'web');
    const host = plannedFor(model, web, { kind: 'host' }, 80);
    const ips = web.networks.map((n) => n.ip).filter((ip) => ip !== null);
    expect(host.map((p) => p.to)).toEqual(ips.slice(0, 2));
    expect(
      planChecks(model, { container: web, source: { kind: 'host' }, port: 80, protocol: 'udp' }),
    ).toMatchObject({
      kind: 'untestable',
      reason: expect.stringMatching(/^UDP is not decidable by a connect/),
    });
    expect(
      planChecks(model, { container: web, source: { kind: 'external' }, port: 80, protocol: 'tcp' }),
    ).toMatchObject({
      kind: 'untestable',
      reason: expect.stringMatching(/Test-NetConnection/),
    });
  });
});
