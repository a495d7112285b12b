// Reachability: one question answered as a path (client -> hops -> process), and every published port from every
// source at a glance.

import { decisiveHop, explain, explainOutbound, findContainer, targetLabel } from '../../core/diagnosis';
import type { Explanation, OutboundTarget, ReachSource, Verdict } from '../../shared/diagnosis';
import { ok, type Result } from '../../shared/ipc';
import type { Container } from '../../shared/model';
import type { ReachMatrix, ReachMatrixRow, ReachView } from '../../shared/views';
import type { Analysis } from '../analysis';
import { resolveContainer } from '../resolve';

export function reachView(
  analysis: Analysis,
  container: Container,
  source: ReachSource,
  port: number,
  protocol: 'tcp' | 'udp',
): Result<ReachView> {
  let client: string;
  switch (source.kind) {
    case 'external':
      client = 'A client on the network';
      break;
    case 'host':
      client = 'The host, to the container address';
      break;
    case 'host-localhost':
      client = 'The host, to localhost';
      break;
    case 'container': {
      const peer = resolveContainer(analysis, source.ref);
      if (!peer.ok) return peer;
      client = `Container ${peer.value.name}`;
      break;
    }
  }
  const explanation = explain(analysis.model, container, source, port, protocol, analysis.correlation);
  return ok(answer(explanation, client, `${container.name}, ${port}/${protocol}`));
}

/** The outbound question (what can this container reach), through the same engine as `explain --to`. */
export function outboundView(
  analysis: Analysis,
  container: Container,
  target: OutboundTarget,
  port: number,
  protocol: 'tcp' | 'udp',
): Result<ReachView> {
  let label: string;
  if (target.kind === 'container') {
    const peer = resolveContainer(analysis, target.ref);
    if (!peer.ok) return peer;
    label = `Container ${peer.value.name}, ${port}/${protocol}`;
  } else
    label = `${target.kind === 'host' ? 'the host' : target.kind === 'internet' ? 'the internet' : targetLabel(target)}, ${port}/${protocol}`;
  const explanation = explainOutbound(
    analysis.model,
    container,
    target,
    port,
    protocol,
    analysis.correlation,
  );
  return ok(answer(explanation, `Container ${container.name}`, label));
}

function answer(explanation: Explanation, client: string, target: string): ReachView {
  const hop = decisiveHop(explanation);
  return { explanation, decisiveHop: hop === null ? null : explanation.hops.indexOf(hop), client, target };
}

export function reachMatrix(analysis: Analysis): ReachMatrix {
  const rows = analysis.matrix().map((e) => matrixRow(analysis, e));
  const counts: Record<Verdict, number> = { reachable: 0, unreachable: 0, unknown: 0 };
  for (const row of rows) counts[row.verdict]++;
  return { rows, counts };
}

function matrixRow(analysis: Analysis, e: Explanation): ReachMatrixRow {
  const failing = decisiveHop(e);
  const sourceKind = e.source.kind;
  const peer = e.source.kind === 'container' ? findContainer(analysis.model, e.source.ref) : null;
  const peerContainer = peer?.kind === 'found' ? peer.container : null;
  return {
    containerId: e.container.id,
    containerName: e.container.name,
    from: e.from,
    fromLabel: peerContainer ? `container ${peerContainer.name}` : e.from,
    peerId: peerContainer?.id ?? null,
    sourceKind,
    port: e.port,
    protocol: e.protocol,
    verdict: e.verdict,
    failingHop: failing?.title ?? null,
    causes: e.causes.map((c) => c.id),
  };
}
