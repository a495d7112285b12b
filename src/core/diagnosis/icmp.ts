// An ICMP question gets a correction, never a verdict: ping is not reachability evidence for Windows containers
// (failure catalogue 28, trap 4). VFP does not transpose ICMP on overlay and l2bridge, so ping to an outside
// destination never returns there, and images often drop inbound echo; a TCP or UDP test decides instead.

import type { Cause, Evidence, IcmpExplanation, OutboundTarget, ReachSource } from '../../shared/diagnosis';
import type { Container, HostModel } from '../../shared/model';
import { bareAddress } from './addresses';
import { arg, commandFix, psQuote } from './commands';
import { correlate, footprintOf, type Correlation } from './correlate';
import { sourceLabel, verdictOf } from './explain';
import * as hops from './hops';
import { attachedNetworks, type AttachedNetwork } from './networks';
import { targetText } from './subjects';
import { REF } from './references';

/** `icmp`, `ping` or `icmp/` spellings a user types instead of a port; the question is ICMP whatever the case. */
export function isIcmpQuestion(portText: string): boolean {
  return /^(icmp|icmpv4|icmpv6|ping)$/i.test(portText.trim());
}

export type IcmpQuestion =
  | { readonly direction: 'inbound'; readonly source: ReachSource }
  | { readonly direction: 'outbound'; readonly target: OutboundTarget };

/** Drivers where VFP drops the ICMP reply outright (catalogue 28); elsewhere a silent ping still decides nothing. */
const NO_ICMP_TRANSPOSE = new Set(['overlay', 'l2bridge']);

function icmpCause(container: Container, nets: readonly AttachedNetwork[], test: string): Cause {
  const dropped = nets.filter((n) => NO_ICMP_TRANSPOSE.has(n.driver)).map((n) => n.attachment.name);
  const why =
    dropped.length > 0
      ? `${container.name} is on ${dropped.join(', ')} (${[...new Set(nets.filter((n) => NO_ICMP_TRANSPOSE.has(n.driver)).map((n) => n.driver))].join(', ')}), where the virtual switch (VFP) does not translate ICMP: a ping through it never returns even when TCP and UDP work.`
      : `Many Windows images drop inbound echo requests, and a reply proves nothing about a TCP or UDP port either.`;
  return {
    id: 'icmp-not-evidence',
    title: 'A ping does not tell whether this path works',
    explanation: `${why} A failed or successful ping is therefore not evidence of reachability; ask about the TCP or UDP port the application uses (hostscope explain --port <n>) and test that port.`,
    fix: commandFix(test),
    references: [REF.icmpNotEvidence, REF.icmpNotEvidence2],
  };
}

/** The TCP test to run instead: from the container for an outbound question, from the host for an inbound one. */
function tcpTest(container: Container, question: IcmpQuestion, nets: readonly AttachedNetwork[]): string {
  if (question.direction === 'outbound') {
    const t = question.target;
    const gateway = nets.find((n) => n.driver === 'nat')?.attachment.gateway ?? null;
    const where =
      t.kind === 'host'
        ? (gateway ?? '<host address on the container network>')
        : t.kind === 'internet'
          ? 'mcr.microsoft.com'
          : // A reference typed by the user goes into a command only when it is a plain name.
            t.kind === 'container'
            ? /^[\w.-]+$/.test(t.ref)
              ? t.ref
              : '<container name>'
            : targetText(t);
    const port = t.kind === 'internet' ? '443' : '<port>';
    return `docker exec ${arg(container.name)} powershell -Command ${psQuote(`Test-NetConnection ${where} -Port ${port}`)}`;
  }
  const address = nets.find((n) => n.attachment.ip)?.attachment.ip ?? null;
  const where =
    question.source.kind === 'external'
      ? '<host address>'
      : address
        ? bareAddress(address)
        : '<container address>';
  return `Test-NetConnection ${where} -Port <port>`;
}

/** The answer to "can I ping it?": verdict `unknown` with the correction as its cause, whatever the network. */
export function explainIcmp(
  model: HostModel,
  container: Container,
  question: IcmpQuestion,
  correlation: Correlation = correlate(model),
): IcmpExplanation {
  const footprint = footprintOf(model, correlation, container);
  const nets = attachedNetworks(container, correlation);
  const evidence: Evidence[] = nets.map((n) => ({
    file: model.containers.source.file,
    detail: `${container.name}: ${n.attachment.name} (driver ${n.driver})${n.attachment.ip ? ` ${n.attachment.ip}` : ''}`,
  }));
  const cause = icmpCause(container, nets, tcpTest(container, question, nets));
  const hop = hops.unknown(
    'icmp-not-evidence',
    'ICMP does not decide reachability',
    `a ping answers for ICMP alone${footprint.running ? '' : ` (and ${container.name} is not running)`}; ask about a TCP or UDP port to get a verdict`,
    evidence,
    [cause],
  );
  const list = [hop.hop];
  return {
    direction: question.direction,
    container: { id: container.id, name: container.name },
    ...(question.direction === 'inbound'
      ? { source: question.source, from: sourceLabel(question.source) }
      : {
          source: { kind: 'container', ref: container.id },
          from: `container:${container.name}`,
          to: question.target,
        }),
    port: 0,
    protocol: 'icmp',
    verdict: verdictOf(list),
    hops: list,
    causes: hop.causes,
  };
}
