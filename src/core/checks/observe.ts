// The merge of active checks into an explanation (issue 14, diagnosis.md section 5): the checks run for the same
// question become an `observed` hop beside the inferred ones, the verdict follows what was observed, and where the
// observation overturns the inference the explanation says so first and lists the facts the inference used.
import type { ActiveCheck, CheckOutcome, CheckQuestion } from '../../shared/checks';
import type { Contradiction, Evidence, Explanation, Hop, Observation } from '../../shared/diagnosis';

/** The hop id of what a real connection showed; never one the inference makes. */
export const OBSERVED_HOP = 'observed';
/** The facts a contradiction lists at most; the hops keep the rest. */
const MAX_FACTS = 30;

export function questionKey(q: CheckQuestion): string {
  return `${q.container.toLowerCase()}|${q.sourceKind}|${q.sourceContainer?.toLowerCase() ?? ''}|${q.port}|${q.protocol}`;
}

const byModelChecks = new WeakMap<readonly ActiveCheck[], ReadonlyMap<string, readonly ActiveCheck[]>>();

/** The checks run for one question, found through an index built once per bundle (the matrix asks many). */
export function checksFor(checks: readonly ActiveCheck[], question: CheckQuestion): readonly ActiveCheck[] {
  if (checks.length === 0) return [];
  let index = byModelChecks.get(checks);
  if (!index) {
    const built = new Map<string, ActiveCheck[]>();
    for (const check of checks) {
      const key = questionKey(check.question);
      const bucket = built.get(key);
      if (bucket) bucket.push(check);
      else built.set(key, [check]);
    }
    byModelChecks.set(checks, built);
    index = built;
  }
  return index.get(questionKey(question)) ?? [];
}

const DECISIVE: ReadonlySet<CheckOutcome> = new Set(['connected', 'refused', 'timeout']);

/** The newest check of each connection (from, to, port): testing again replaces what an earlier test saw. */
function latest(checks: readonly ActiveCheck[]): ActiveCheck[] {
  const newest = new Map<string, ActiveCheck>();
  for (const check of checks) {
    const key = `${check.from}|${check.to}|${check.port}|${check.protocol}`;
    const seen = newest.get(key);
    if (!seen || Date.parse(check.startedAt) >= Date.parse(seen.startedAt)) newest.set(key, check);
  }
  return [...newest.values()].sort((a, b) => (a.file < b.file ? -1 : 1));
}

function fromWords(from: string): string {
  return from === 'host'
    ? 'the host'
    : `container ${from.slice('container:'.length, 'container:'.length + 12)}`;
}

function outcomeWords(check: ActiveCheck): string {
  switch (check.outcome) {
    case 'connected':
      return 'connected';
    case 'refused':
      return 'was refused';
    case 'timeout':
      return `got no answer within ${Math.round(check.timeoutMs / 100) / 10} s`;
    case 'error':
    case 'no-tool':
      return `could not be tried: ${check.detail}`;
  }
}

export function checkSentence(check: ActiveCheck): string {
  return `${fromWords(check.from)} to ${check.to}:${check.port}/${check.protocol} ${outcomeWords(check)} (${check.durationMs} ms, ${check.startedAt})`;
}

/** The explanation with its observation; unchanged when no check answers its question. */
export function observe(explanation: Explanation, checks: readonly ActiveCheck[]): Explanation {
  if (checks.length === 0) return explanation;
  const used = latest(checks);
  const decisive = used.filter((c) => DECISIVE.has(c.outcome));
  const connected = decisive.find((c) => c.outcome === 'connected');
  const failed = connected ? undefined : decisive[0];
  const outcome: Observation['outcome'] = connected ? 'connected' : failed ? 'failed' : 'undecided';
  const inferred = explanation.verdict;
  const shown = connected ?? failed ?? used[0]!;
  const hop: Hop = {
    id: OBSERVED_HOP,
    title:
      outcome === 'connected'
        ? 'A real connection succeeded'
        : outcome === 'failed'
          ? `A real connection ${outcomeWords(shown)}`
          : 'A real connection was tried but decided nothing',
    status: outcome === 'connected' ? 'pass' : outcome === 'failed' ? 'fail' : 'unknown',
    evidence: used.map((c) => ({ file: c.file, detail: `${checkSentence(c)}; ${c.command}` })),
    ...(outcome === 'undecided'
      ? { note: 'an error or a missing tool is no evidence either way: the verdict stays inferred' }
      : {}),
  };
  const contradiction = contradictionOf(explanation, outcome, shown);
  const summary =
    contradiction?.message ??
    (outcome === 'undecided'
      ? `A real connection was tried but decided nothing: ${checkSentence(shown)}.`
      : inferred === 'unknown'
        ? `The snapshot could not decide this; a real connection from ${checkSentence(shown)}.`
        : `A real connection confirmed it: ${checkSentence(shown)}.`);
  const observation: Observation = { outcome, inferred, summary, contradiction };
  return {
    ...explanation,
    verdict: outcome === 'connected' ? 'reachable' : outcome === 'failed' ? 'unreachable' : inferred,
    hops: [...explanation.hops, hop],
    observation,
  };
}

function contradictionOf(
  explanation: Explanation,
  outcome: Observation['outcome'],
  shown: ActiveCheck,
): Contradiction | null {
  const expectedFail = explanation.verdict === 'unreachable' && outcome === 'connected';
  const expectedWork = explanation.verdict === 'reachable' && outcome === 'failed';
  if (!expectedFail && !expectedWork) return null;
  const failing = explanation.hops.find((h) => h.status === 'fail') ?? null;
  // The facts the inference stood on: every hop it decided, failing ones first.
  const decided = [
    ...explanation.hops.filter((h) => h.status === 'fail'),
    ...explanation.hops.filter((h) => h.status === 'pass'),
  ];
  const facts: Evidence[] = decided
    .flatMap((h) => h.evidence.map((e) => ({ file: e.file, detail: `${h.title}: ${e.detail}` })))
    .slice(0, MAX_FACTS);
  const message = expectedFail
    ? `Hostscope expected this to fail at "${failing?.title ?? 'an inferred hop'}", but a connection succeeded (${checkSentence(shown)}). The model of this host is wrong somewhere: the facts it used are listed below.`
    : `Hostscope expected this to work, but a real connection ${outcomeWords(shown)} (${checkSentence(shown)}). The model of this host is wrong somewhere: the facts it used are listed below.`;
  return { message, hop: failing ? { id: failing.id, title: failing.title } : null, facts };
}
