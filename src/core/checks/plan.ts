// Which connections answer an explanation (issue 14): built from the validated model and explanation, never from
// an address a caller typed, and only to the explanation's own address and port (no scanning).
import type { CheckPlan, CheckQuestion, PlannedCheck } from '../../shared/checks';
import type { Container, HostModel } from '../../shared/model';
import { correlate, footprintOf, type Correlation } from '../diagnosis/correlate';
import type { ReachQuestion } from '../diagnosis/explain';
import { findContainer } from '../diagnosis/lookup';
import { isCheckAddress } from './read';

/** Addresses tried per explanation at most: a container on two networks gets both, never more. */
export const MAX_CHECKS_PER_EXPLANATION = 2;
/** Each connection's limit unless the user asks for another (diagnosis.md section 5: bounded in time). */
export const DEFAULT_CHECK_TIMEOUT_MS = 3000;

/** The checks that answer "can <source> reach <container> on <port>/<protocol>", or why none can. */
export function planChecks(
  model: HostModel,
  { container, source, port, protocol }: ReachQuestion,
  correlation: Correlation = correlate(model),
): CheckPlan {
  if (protocol === 'udp')
    return untestable(
      'UDP is not decidable by a connect: a UDP "connection" sends nothing and waits for no answer, so neither success nor failure says whether the container got the packet. Test with the application\'s own client.',
    );
  if (source.kind === 'external')
    // A connection from the host to its own address skips the inbound firewall rules a LAN client meets and takes
    // WinNAT's loopback path (knowledge notes, sections 4 and 10): it would not answer this question.
    return untestable(
      `A client on the network must be tested from that client: run Test-NetConnection <host address> -Port ${port} there. A connection from the host itself would skip the firewall rules a network client meets.`,
    );
  const checkQuestion = (sourceContainer: string | null): CheckQuestion => ({
    container: container.id,
    sourceKind: source.kind,
    sourceContainer,
    port,
    protocol,
  });
  if (source.kind === 'host-localhost')
    return planned([
      {
        from: { kind: 'host' },
        to: '127.0.0.1',
        port,
        protocol,
        question: checkQuestion(null),
        label: `the host to 127.0.0.1:${port}`,
      },
    ]);

  const target = footprintOf(model, correlation, container);
  if (source.kind === 'host') {
    const addresses = target.ips.filter(isIpv4Check).slice(0, MAX_CHECKS_PER_EXPLANATION);
    if (addresses.length === 0) return untestable(noAddress(container));
    return planned(
      addresses.map((to) => ({
        from: { kind: 'host' },
        to,
        port,
        protocol,
        question: checkQuestion(null),
        label: `the host to ${container.name} at ${to}:${port}`,
      })),
    );
  }

  const lookup = correlation.containerById.get(source.ref.toLowerCase());
  const found =
    lookup ??
    (() => {
      const r = findContainer(model, source.ref);
      return r.kind === 'found' ? r.container : null;
    })();
  if (found === null) return untestable(`There is no single container "${source.ref}" to connect from.`);
  // Addresses on a network both share first: that is the path the explanation follows.
  const sourceNetworks = new Set(found.networks.flatMap((n) => [n.networkId ?? '', n.name.toLowerCase()]));
  const shared = container.networks
    .filter(
      (n) =>
        (n.networkId !== null && sourceNetworks.has(n.networkId)) || sourceNetworks.has(n.name.toLowerCase()),
    )
    .flatMap((n) => (n.ip === null ? [] : [n.ip]));
  const addresses = [...new Set([...shared, ...target.ips])]
    .filter(isIpv4Check)
    .slice(0, MAX_CHECKS_PER_EXPLANATION);
  if (addresses.length === 0) return untestable(noAddress(container));
  return planned(
    addresses.map((to) => ({
      from: { kind: 'container', id: found.id },
      to,
      port,
      protocol,
      question: checkQuestion(found.id),
      label: `container ${found.name} to ${container.name} at ${to}:${port}`,
    })),
  );
}

// IPv4 only for now: the Windows drivers refuse IPv6 for containers (failure catalogue, ipv6-unsupported).
function isIpv4Check(address: string): boolean {
  return isCheckAddress(address) && /^\d{1,3}(\.\d{1,3}){3}$/.test(address);
}

function noAddress(container: Container): string {
  return `The bundle holds no IPv4 address of ${container.name} to connect to (it is stopped, or has no network).`;
}

function planned(checks: readonly PlannedCheck[]): CheckPlan {
  return { kind: 'checks', checks };
}

function untestable(reason: string): CheckPlan {
  return { kind: 'untestable', reason };
}
