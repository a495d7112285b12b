// Reachability: one question answered as a path (client -> hops -> process), and every published port from every
// source at a glance.

import {
  decisiveHop,
  explain,
  explainIcmp,
  explainOutbound,
  findContainer,
  type IcmpQuestion,
  type OutboundQuestion,
  type ReachQuestion,
  toLabel,
} from '../../core/diagnosis';
import { targetText } from '../../core/diagnosis/subjects';
import type { Explanation, OutboundTarget, ReachSource, Verdict } from '../../shared/diagnosis';
import { ok, type Result } from '../../shared/ipc';
import type { Container } from '../../shared/model';
import type { CheckAvailability, IcmpView, ReachMatrix, ReachMatrixRow, ReachView } from '../../shared/views';
import type { Analysis } from '../analysis';
import { resolveContainer } from '../resolve';

export function reachView(
  analysis: Analysis,
  question: ReachQuestion,
  test: CheckAvailability,
): Result<ReachView> {
  const { container, source, port, protocol } = question;
  const client = clientLabel(analysis, source);
  if (!client.ok) return client;
  const explanation = explain(analysis.model, question, analysis.correlation);
  return ok({ ...answer(explanation, client.value, `${container.name}, ${port}/${protocol}`), test });
}

/** The outbound question (what can this container reach), through the same engine as `explain --to`. */
export function outboundView(analysis: Analysis, question: OutboundQuestion): Result<ReachView> {
  const { container, target, port, protocol } = question;
  const label = targetWords(analysis, target);
  if (!label.ok) return label;
  const explanation = explainOutbound(analysis.model, question, analysis.correlation);
  // Issue 14 tests inbound questions only so far: an outbound check needs a target the model can name safely.
  return ok({
    ...answer(explanation, `Container ${container.name}`, `${label.value}, ${port}/${protocol}`),
    test: {
      kind: 'unavailable',
      reason: 'Testing is built for inbound questions only; outbound ones are not yet.',
    },
  });
}

/** The answer with the hop that decided it, chosen in core as the report and the matrix choose it. */
function answer(explanation: Explanation, client: string, target: string): Omit<ReachView, 'test'> {
  const hop = decisiveHop(explanation);
  return { explanation, decisiveHop: hop === null ? null : explanation.hops.indexOf(hop), client, target };
}

/** A ping question, either way: the correction that ICMP decides nothing, as `explain --port icmp` gives it. */
export function icmpView(analysis: Analysis, container: Container, question: IcmpQuestion): Result<IcmpView> {
  const ends =
    question.direction === 'inbound'
      ? { client: clientLabel(analysis, question.source), target: ok(container.name) }
      : { client: ok(`Container ${container.name}`), target: targetWords(analysis, question.target) };
  if (!ends.client.ok) return ends.client;
  if (!ends.target.ok) return ends.target;
  const explanation = explainIcmp(analysis.model, container, question, analysis.correlation);
  return ok({ explanation, client: ends.client.value, target: `${ends.target.value}, ping` });
}

function clientLabel(analysis: Analysis, source: ReachSource): Result<string> {
  switch (source.kind) {
    case 'external':
      return ok('A client on the network');
    case 'host':
      return ok('The host, to the container address');
    case 'host-localhost':
      return ok('The host, to localhost');
    case 'container': {
      const peer = resolveContainer(analysis, source.ref);
      return peer.ok ? ok(`Container ${peer.value.name}`) : peer;
    }
  }
}

function targetWords(analysis: Analysis, target: OutboundTarget): Result<string> {
  if (target.kind === 'container') {
    const peer = resolveContainer(analysis, target.ref);
    return peer.ok ? ok(`Container ${peer.value.name}`) : peer;
  }
  return ok(
    target.kind === 'host' ? 'the host' : target.kind === 'internet' ? 'the internet' : targetText(target),
  );
}

/** Inbound rows (every published port from every client), then outbound rows (what each container reaches). */
export function reachMatrix(analysis: Analysis, test: CheckAvailability): ReachMatrix {
  const rows = [
    ...analysis.matrix().map((e) => matrixRow(analysis, e)),
    ...analysis.outboundMatrix().map((e) => outboundRow(analysis, e)),
  ];
  const counts: Record<Verdict, number> = { reachable: 0, unreachable: 0, unknown: 0 };
  for (const row of rows) counts[row.verdict]++;
  return { rows, counts, test };
}

function outboundRow(analysis: Analysis, e: Explanation): ReachMatrixRow {
  const target = e.to;
  return {
    ...rowBasics(e),
    from: e.from,
    fromLabel: `container ${e.container.name}`,
    peerId: null,
    // The container asks: for the Explain link the sender is the container, the target is in `to`.
    sourceKind: 'container',
    ...(target
      ? { to: { target, label: toLabel(target, (id) => analysis.containerById.get(id)?.name) } }
      : {}),
  };
}

function matrixRow(analysis: Analysis, e: Explanation): ReachMatrixRow {
  const sourceKind = e.source.kind;
  const peer = e.source.kind === 'container' ? findContainer(analysis.model, e.source.ref) : null;
  const peerContainer = peer?.kind === 'found' ? peer.container : null;
  return {
    ...rowBasics(e),
    from: e.from,
    fromLabel: peerContainer ? `container ${peerContainer.name}` : e.from,
    peerId: peerContainer?.id ?? null,
    sourceKind,
  };
}

/** What every row says whatever its direction: the container, the port, the verdict and where it stops. */
function rowBasics(
  e: Explanation,
): Omit<ReachMatrixRow, 'from' | 'fromLabel' | 'peerId' | 'sourceKind' | 'to'> {
  return {
    direction: e.direction,
    containerId: e.container.id,
    containerName: e.container.name,
    port: e.port,
    protocol: e.protocol,
    verdict: e.verdict,
    failingHop: decisiveHop(e)?.title ?? null,
    causes: e.causes.map((c) => c.id),
  };
}
