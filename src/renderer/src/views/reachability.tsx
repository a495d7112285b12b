// Reachability: pick a container, where the client is, and a port; see the path, the failing hop, why, and the fix.
// The question lives in the URL, so every answer is a link (the matrix below and other views link here).

import { useCallback, useEffect, useMemo, useRef, useState, type JSX, type MutableRefObject } from 'react';
import type {
  Observation,
  OutboundTarget,
  ReachSource,
  SourceKind,
  Verdict,
} from '../../../shared/diagnosis';
import type { RequestOf } from '../../../shared/ipc';
import type {
  CheckAvailability,
  ContainerRow,
  IcmpView,
  PortChoice,
  ReachMatrixRow,
  ReachView,
} from '../../../shared/views';
import { api } from '../api';
import { useQuery } from '../api/use-query';
import { useApp, useBundleKey } from '../app-context';
import { HopStatusIcon, VerdictBadge } from '../components/chips';
import { FixBlock } from '../components/copy-button';
import { DataTable } from '../components/data-table';
import { EvidenceList, References } from '../components/evidence';
import { EmptyState, QueryView, UnknownNote } from '../components/states';
import { LabeledSelect } from '../components/labeled-select';
import { href, navigate } from '../router';
import { PathDiagram } from './path-diagram';

const SOURCES: readonly {
  readonly kind: SourceKind;
  readonly label: string;
  readonly ports: 'host' | 'container';
}[] = [
  { kind: 'external', label: 'A client on the network (host address)', ports: 'host' },
  { kind: 'host-localhost', label: 'The host itself, via localhost', ports: 'host' },
  { kind: 'host', label: 'The host itself, to the container address', ports: 'container' },
  { kind: 'container', label: 'Another container', ports: 'container' },
];

/** Where an outbound question goes from the view: the host, the internet, another container, or any address or name. */
type OutboundKind = 'host' | 'internet' | 'container' | 'address';
const TARGETS: readonly { readonly kind: OutboundKind; readonly label: string }[] = [
  { kind: 'host', label: 'A service on the host' },
  { kind: 'internet', label: 'The internet' },
  { kind: 'container', label: 'Another container' },
  { kind: 'address', label: 'An address or name' },
];

/** tcp and udp get a verdict; icmp (ping) gets the correction that it is not evidence (failure catalogue 28). */
type Protocol = 'tcp' | 'udp' | 'icmp';

interface Question {
  /** Inbound: who can reach this container. Outbound: what it can reach (diagnosis contract, section 4). */
  readonly direction: 'inbound' | 'outbound';
  readonly to: OutboundKind;
  readonly container: string | null;
  readonly from: SourceKind;
  readonly peer: string | null;
  /** For an address or name target: what the user typed. */
  readonly address: string | null;
  readonly port: number | null;
  readonly protocol: Protocol;
}

function questionOf(params: URLSearchParams): Question {
  const from = SOURCES.find((s) => s.kind === params.get('from'))?.kind ?? 'external';
  const port = Number(params.get('port'));
  return {
    direction: params.get('dir') === 'out' ? 'outbound' : 'inbound',
    to: TARGETS.find((t) => t.kind === params.get('to'))?.kind ?? 'host',
    container: params.get('c'),
    from,
    peer: params.get('peer'),
    address: params.get('addr'),
    port: Number.isInteger(port) && port > 0 && port < 65536 ? port : null,
    protocol: params.get('proto') === 'udp' ? 'udp' : params.get('proto') === 'icmp' ? 'icmp' : 'tcp',
  };
}

function ask(q: Question): void {
  navigate(
    href(['reachability'], {
      dir: q.direction === 'outbound' ? 'out' : null,
      c: q.container,
      from: q.direction === 'outbound' ? null : q.from,
      to: q.direction === 'outbound' ? q.to : null,
      peer: (q.direction === 'outbound' ? q.to : q.from) === 'container' ? q.peer : null,
      addr: q.direction === 'outbound' && q.to === 'address' ? q.address : null,
      port: q.protocol === 'icmp' ? null : q.port,
      proto: q.protocol,
    }),
    true,
  );
}

export function ReachabilityView({ params }: { params: URLSearchParams }): JSX.Element {
  const key = useBundleKey();
  const containers = useQuery('containers:list', {}, key);
  return (
    <div className="view">
      <header className="view-header">
        <h1 tabIndex={-1}>Reachability</h1>
        <p className="muted">
          Can a client reach a container on a port, or what can a container reach; if not, which step fails
          and why.
        </p>
      </header>
      <QueryView query={containers} label="Listing containers">
        {(view) =>
          view.kind === 'unknown' ? (
            <UnknownNote reason={view.reason} />
          ) : view.rows.length === 0 ? (
            <EmptyState title="No containers on this host" />
          ) : (
            <Reachability rows={view.rows} question={questionOf(params)} />
          )
        }
      </QueryView>
    </div>
  );
}

function Reachability({
  rows,
  question,
}: {
  rows: readonly ContainerRow[];
  question: Question;
}): JSX.Element {
  const key = useBundleKey();
  // Set by "Explain" in the matrix: the answer it changes is scrolled into view and focused (issue 11).
  const reveal = useRef(false);
  // Without a container in the URL, start on the first one that publishes a port: the common question.
  const containerId = question.container ?? (rows.find((r) => r.ports.length > 0) ?? rows[0]!).id;
  const detail = useQuery('container:detail', { ref: containerId }, key);
  const sourceChoice = SOURCES.find((s) => s.kind === question.from)!;
  const outbound = question.direction === 'outbound';
  // Outbound, the port is the destination's: the container's own ports are no choices for it.
  const choices: readonly PortChoice[] =
    detail.status === 'ready' && !outbound
      ? sourceChoice.ports === 'host'
        ? detail.value.reach.hostPorts
        : detail.value.reach.containerPorts
      : [];
  const peers = rows.filter((r) => r.id !== containerId);
  const wantsPeer = outbound ? question.to === 'container' : question.from === 'container';
  const peer = wantsPeer ? (question.peer ?? peers[0]?.id ?? null) : null;
  const wantsAddress = outbound && question.to === 'address';
  const address = wantsAddress ? question.address?.trim() || null : null;
  const icmp = question.protocol === 'icmp';
  // The internet is asked about HTTPS unless a port is given: what a container most often needs out there.
  const port = icmp
    ? null
    : (question.port ?? choices[0]?.port ?? (outbound && question.to === 'internet' ? 443 : null));
  const protocol: Protocol = icmp
    ? 'icmp'
    : question.port === null
      ? (choices[0]?.protocol ?? question.protocol)
      : question.protocol;
  // A typed port belongs to one container and one kind of client: choosing another pair drops it (adjusted while
  // rendering, as React advises, rather than in an effect that would render twice).
  const portOwner = `${containerId} ${question.from}`;
  const [otherPort, setOtherPort] = useState(false);
  const [otherPortOwner, setOtherPortOwner] = useState(portOwner);
  if (otherPortOwner !== portOwner) {
    setOtherPortOwner(portOwner);
    setOtherPort(false);
  }
  const isChoice = port !== null && choices.some((c) => c.port === port && c.protocol === protocol);

  const unanswerable =
    (!icmp && port === null) || (wantsPeer && peer === null) || (wantsAddress && address === null);
  const target = outbound ? targetOf(question.to, peer, address) : null;
  const source = outbound ? null : sourceOf(question.from, peer);
  const request: RequestOf<'reach:explain'> | null =
    unanswerable || !source || port === null || protocol === 'icmp'
      ? null
      : { container: containerId, source, port, protocol };
  const outboundRequest: RequestOf<'reach:outbound'> | null =
    unanswerable || !target || port === null || protocol === 'icmp'
      ? null
      : { container: containerId, target, port, protocol };
  const icmpQuestion: RequestOf<'reach:icmp'>['question'] | null = target
    ? { direction: 'outbound', target }
    : source
      ? { direction: 'inbound', source }
      : null;
  const icmpRequest: RequestOf<'reach:icmp'> | null =
    unanswerable || !icmp || !icmpQuestion ? null : { container: containerId, question: icmpQuestion };
  // Bumped after active checks ran (issue 14): the service read the bundle again, so the answers are asked again.
  const [tested, setTested] = useState(0);
  const inboundAnswer = useQuery('reach:explain', request, `${key}:${tested}`);
  const outboundAnswer = useQuery('reach:outbound', outboundRequest, key);
  const icmpAnswer = useQuery('reach:icmp', icmpRequest, key);
  const current: Question = {
    direction: question.direction,
    to: question.to,
    container: containerId,
    from: question.from,
    peer,
    address,
    port,
    protocol,
  };

  return (
    <>
      <form className="reach-form" onSubmit={(e) => e.preventDefault()} aria-label="Reachability question">
        <label htmlFor="reach-container">
          Container
          <select
            id="reach-container"
            className="select"
            value={containerId}
            onChange={(e) => ask({ ...current, container: e.target.value, port: null, peer: null })}
          >
            {rows.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor="reach-direction">
          Direction
          <select
            id="reach-direction"
            className="select"
            value={question.direction}
            onChange={(e) =>
              ask({
                ...current,
                direction: e.target.value === 'outbound' ? 'outbound' : 'inbound',
                port: null,
                peer: null,
              })
            }
          >
            <option value="inbound">Inbound: who can reach this container</option>
            <option value="outbound">Outbound: what this container can reach</option>
          </select>
        </label>
        {outbound ? (
          <label htmlFor="reach-to">
            To
            <select
              id="reach-to"
              className="select"
              value={question.to}
              onChange={(e) =>
                ask({ ...current, to: e.target.value as OutboundKind, port: null, peer: null })
              }
            >
              {TARGETS.map((t) => (
                <option key={t.kind} value={t.kind}>
                  {t.label}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label htmlFor="reach-from">
            From
            <select
              id="reach-from"
              className="select"
              value={question.from}
              onChange={(e) => ask({ ...current, from: e.target.value as SourceKind, port: null })}
            >
              {SOURCES.map((s) => (
                <option key={s.kind} value={s.kind}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
        )}
        {wantsAddress && (
          <label htmlFor="reach-address">
            Address or name
            <input
              id="reach-address"
              // A new question (from the URL) puts its own text in the field.
              key={question.address ?? ''}
              className="input"
              type="text"
              maxLength={253}
              placeholder="10.0.0.5 or db.contoso.com"
              defaultValue={question.address ?? ''}
              onKeyDown={(e) => {
                if (e.key === 'Enter') ask({ ...current, address: e.currentTarget.value.trim() || null });
              }}
              onBlur={(e) => {
                const typed = e.currentTarget.value.trim() || null;
                if (typed !== address) ask({ ...current, address: typed });
              }}
            />
          </label>
        )}
        {wantsPeer && (
          <label htmlFor="reach-peer">
            {outbound ? 'Target container' : 'Client container'}
            <select
              id="reach-peer"
              className="select"
              value={peer ?? ''}
              onChange={(e) => ask({ ...current, peer: e.target.value })}
            >
              {peers.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label htmlFor="reach-port">
          {icmp
            ? 'Protocol'
            : outbound
              ? 'Destination port'
              : sourceChoice.ports === 'host'
                ? 'Host port'
                : 'Container port'}
          {icmp ? (
            <select
              id="reach-port"
              className="select"
              value="icmp"
              onChange={(e) => ask({ ...current, protocol: e.target.value as Protocol, port: null })}
            >
              <option value="icmp">Ping (icmp)</option>
              <option value="tcp">A tcp port…</option>
              <option value="udp">A udp port…</option>
            </select>
          ) : otherPort || (port !== null && !isChoice) || choices.length === 0 ? (
            <span className="input-row">
              <input
                id="reach-port"
                className="input input-port"
                type="number"
                min={1}
                max={65535}
                value={port ?? ''}
                onChange={(e) => {
                  const value = Number(e.target.value);
                  if (Number.isInteger(value) && value > 0 && value < 65536) ask({ ...current, port: value });
                }}
              />
              <select
                className="select"
                aria-label="Protocol"
                value={protocol}
                onChange={(e) => ask({ ...current, protocol: e.target.value as Protocol })}
              >
                <option value="tcp">tcp</option>
                <option value="udp">udp</option>
                <option value="icmp">icmp (ping)</option>
              </select>
            </span>
          ) : (
            <select
              id="reach-port"
              className="select"
              value={`${port}/${protocol}`}
              onChange={(e) => {
                if (e.target.value === 'other') {
                  setOtherPort(true);
                  return;
                }
                if (e.target.value === 'icmp') {
                  ask({ ...current, protocol: 'icmp', port: null });
                  return;
                }
                const [p, proto] = e.target.value.split('/');
                ask({ ...current, port: Number(p), protocol: proto === 'udp' ? 'udp' : 'tcp' });
              }}
            >
              {choices.map((c) => (
                <option key={`${c.port}/${c.protocol}`} value={`${c.port}/${c.protocol}`}>
                  {c.label}
                </option>
              ))}
              <option value="other">Another port…</option>
              <option value="icmp">Ping (icmp)</option>
            </select>
          )}
        </label>
      </form>

      {unanswerable ? (
        <p className="muted">
          {wantsPeer && peer === null
            ? `There is no other container to connect ${outbound ? 'to' : 'from'}.`
            : wantsAddress && address === null
              ? 'Enter an address or a name to ask about.'
              : outbound
                ? 'Enter the port of the service to ask about.'
                : 'This container publishes no port for that client: enter a port to ask about.'}
        </p>
      ) : (
        <QueryView<ReachView | IcmpView>
          query={icmp ? icmpAnswer : outbound ? outboundAnswer : inboundAnswer}
          label="Following the path"
        >
          {(view) => (
            <Answer
              view={view}
              revealRef={reveal}
              request={request}
              onTested={() => setTested((n) => n + 1)}
            />
          )}
        </QueryView>
      )}

      <Matrix
        onExplain={() => (reveal.current = true)}
        generation={tested}
        onTested={() => setTested((n) => n + 1)}
      />
    </>
  );
}

function sourceOf(kind: SourceKind, peer: string | null): ReachSource | null {
  if (kind !== 'container') return { kind };
  return peer === null ? null : { kind, ref: peer };
}

function targetOf(kind: OutboundKind, peer: string | null, address: string | null): OutboundTarget | null {
  switch (kind) {
    case 'container':
      return peer === null ? null : { kind, ref: peer };
    case 'address':
      // An IPv4 or IPv6 address, else a name; the service validates either and says what is wrong.
      return address === null
        ? null
        : /^[0-9a-f:.]+$/i.test(address) && (address.includes(':') || /^[\d.]+$/.test(address))
          ? { kind: 'address', address }
          : { kind: 'name', name: address.toLowerCase() };
    default:
      return { kind };
  }
}

function Answer({
  view,
  revealRef,
  request,
  onTested,
}: {
  view: ReachView | IcmpView;
  revealRef: MutableRefObject<boolean>;
  request: RequestOf<'reach:explain'> | null;
  onTested: () => void;
}): JSX.Element {
  const e = view.explanation;
  const suggestion = 'didYouMean' in e ? e.didYouMean : undefined;
  const sectionRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!revealRef.current) return;
    revealRef.current = false;
    sectionRef.current?.scrollIntoView({ block: 'start' });
    sectionRef.current?.focus({ preventScroll: true });
  }, [view, revealRef]);
  // The hop that decided the verdict is chosen in core (decisiveHop), as the report and the matrix show it; a ping
  // answer decides nothing, so it opens on its first step in doubt. Another pick holds until the answer changes.
  const decided = 'decisiveHop' in view ? view.decisiveHop : e.hops.findIndex((h) => h.status !== 'pass');
  const [picked, setPicked] = useState<{
    readonly view: ReachView | IcmpView;
    readonly hop: number | null;
  } | null>(null);
  const selected = picked?.view === view ? picked.hop : decided === -1 ? null : decided;
  const setSelected = useCallback((hop: number | null) => setPicked({ view, hop }), [view]);
  const hop = selected === null ? null : e.hops[selected];
  return (
    <section className="answer" aria-label="Answer" ref={sectionRef} tabIndex={-1}>
      {suggestion && (
        <p className="did-you-mean" role="note">
          <strong>{suggestion.message}</strong>
        </p>
      )}
      {e.observation && <ObservationNote observation={e.observation} />}
      <div className={`verdict-banner verdict-banner-${e.verdict}`} role="status">
        <VerdictBadge verdict={e.verdict} />
        <span>{verdictSentence(e.verdict, view)}</span>
      </div>
      {'test' in view && e.direction === 'inbound' && (
        <TestIt view={view} request={request} onTested={onTested} />
      )}
      <PathDiagram
        client={view.client}
        target={e.direction === 'outbound' ? view.target : `Process in ${view.target}`}
        hops={e.hops}
        selected={selected}
        onSelect={setSelected}
      />
      {hop && (
        <div className={`hop-detail hop-detail-${hop.status}`} aria-live="polite">
          <h2>
            <HopStatusIcon status={hop.status} /> {hop.title}
          </h2>
          {hop.note && <p>{hop.note}</p>}
          <EvidenceList evidence={hop.evidence} />
        </div>
      )}
      {e.causes.length > 0 && (
        <section aria-labelledby="causes-title">
          <h2 id="causes-title">{e.verdict === 'unreachable' ? 'Why it fails' : 'What is in doubt'}</h2>
          {e.causes.map((cause) => (
            <article key={cause.id} className="cause" aria-labelledby={`cause-${cause.id}`}>
              <h3 id={`cause-${cause.id}`}>
                {cause.title}
                {cause.confidence === 'likely' && <span className="chip chip-warn">likely</span>}
              </h3>
              <p>{cause.explanation}</p>
              <FixBlock fix={cause.fix} />
              <References references={cause.references} />
            </article>
          ))}
        </section>
      )}
      <details className="all-hops">
        <summary>Every step ({e.hops.length})</summary>
        <ol className="hop-list">
          {e.hops.map((h, i) => (
            <li key={`${h.id}-${i}`}>
              <HopStatusIcon status={h.status} /> <strong>{h.title}</strong>
              {h.note && <span className="muted"> - {h.note}</span>}
              <EvidenceList evidence={h.evidence} />
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}

/** Issue 14: what a real connection observed, said first; a contradiction with the facts the inference used. */
function ObservationNote({ observation }: { observation: Observation }): JSX.Element {
  const { contradiction } = observation;
  return (
    <div
      className={`observation ${contradiction ? 'observation-contradiction' : ''}`}
      role={contradiction ? 'alert' : 'note'}
    >
      <p>
        <strong>{observation.summary}</strong>
      </p>
      {contradiction && (
        <details>
          <summary>The facts the inference used ({contradiction.facts.length})</summary>
          <EvidenceList evidence={contradiction.facts} />
        </details>
      )}
    </div>
  );
}

/**
 * "Test it" (issue 14): asks main to run the checks of this explanation on the live host. The request names the
 * explanation only; where testing is unavailable (a bundle from elsewhere, UDP, a LAN client) the reason is shown.
 */
function TestIt({
  view,
  request,
  onTested,
}: {
  view: ReachView;
  request: RequestOf<'reach:explain'> | null;
  onTested: () => void;
}): JSX.Element {
  const app = useApp();
  const [running, setRunning] = useState(false);
  if (view.test.kind === 'unavailable' || request === null)
    return (
      <p className="muted test-it-unavailable">
        Test it: {view.test.kind === 'unavailable' ? view.test.reason : 'no question to test.'}
      </p>
    );
  const run = async (): Promise<void> => {
    setRunning(true);
    const result = await api.invoke('checks:run', { ...request, operationId: app.newOperationId('check') });
    setRunning(false);
    if (!result.ok) {
      if (result.error.code !== 'cancelled') app.showError(result.error);
      return;
    }
    onTested();
  };
  return (
    <div className="toolbar test-it">
      <button type="button" className="button" disabled={running} onClick={() => void run()}>
        {running ? 'Testing…' : 'Test it'}
      </button>
      <span className="muted">
        Tries a real connection for this question on the live host (at most 3 s each) and keeps the result in
        the bundle.
      </span>
    </div>
  );
}

function verdictSentence(verdict: Verdict, view: ReachView | IcmpView): string {
  switch (verdict) {
    case 'reachable':
      return `${view.client} can reach ${view.target}: every step passes.`;
    case 'unreachable':
      return `${view.client} cannot reach ${view.target}.`;
    case 'unknown':
      return `Whether ${view.client.toLowerCase()} reaches ${view.target} cannot be told from this bundle.`;
  }
}

const MATRIX_LIMIT = 300;
const VERDICT_ORDER: Readonly<Record<Verdict, number>> = { unreachable: 0, unknown: 1, reachable: 2 };

type DirectionFilter = 'all' | 'inbound' | 'outbound';

function Matrix({
  onExplain,
  generation,
  onTested,
}: {
  onExplain: () => void;
  generation: number;
  onTested: () => void;
}): JSX.Element {
  const matrix = useQuery('reach:matrix', {}, `${useBundleKey()}:${generation}`);
  const [verdict, setVerdict] = useState<Verdict | 'all'>('all');
  const [direction, setDirection] = useState<DirectionFilter>('all');
  return (
    <section className="panel matrix" aria-labelledby="matrix-title">
      <h2 id="matrix-title">Every published port from every client, and what each container reaches</h2>
      <QueryView query={matrix} label="Checking every port">
        {(m) => (
          <>
            <TestEvery test={m.test} onTested={onTested} />
            <MatrixTable
              rows={m.rows}
              verdict={verdict}
              setVerdict={setVerdict}
              direction={direction}
              setDirection={setDirection}
              onExplain={onExplain}
            />
          </>
        )}
      </QueryView>
    </section>
  );
}

/** "Test every published port" (issue 14): every TCP path a connection from this host can answer, with progress. */
function TestEvery({ test, onTested }: { test: CheckAvailability; onTested: () => void }): JSX.Element {
  const app = useApp();
  const [running, setRunning] = useState(false);
  if (test.kind === 'unavailable') return <p className="muted test-it-unavailable">Testing: {test.reason}</p>;
  const run = async (): Promise<void> => {
    setRunning(true);
    const result = await api.invoke('checks:matrix', { operationId: app.newOperationId('check') });
    setRunning(false);
    if (!result.ok) {
      if (result.error.code !== 'cancelled') app.showError(result.error);
      return;
    }
    const { tested, leftOut } = result.value;
    app.notify(
      `Tested ${tested} connection${tested === 1 ? '' : 's'}${leftOut > 0 ? `; ${leftOut} more were left out by the limit per run` : ''}.`,
    );
    onTested();
  };
  return (
    <div className="toolbar">
      <button type="button" className="button" disabled={running} onClick={() => void run()}>
        {running ? 'Testing…' : 'Test every published port'}
      </button>
      <span className="muted">Progress and Cancel show at the bottom of the window.</span>
    </div>
  );
}

function MatrixTable({
  rows,
  verdict,
  setVerdict,
  direction,
  setDirection,
  onExplain,
}: {
  rows: readonly ReachMatrixRow[];
  verdict: Verdict | 'all';
  setVerdict: (v: Verdict | 'all') => void;
  direction: DirectionFilter;
  setDirection: (d: DirectionFilter) => void;
  onExplain: () => void;
}): JSX.Element {
  const inDirection = useMemo(
    () => rows.filter((r) => direction === 'all' || r.direction === direction),
    [rows, direction],
  );
  // Counts follow the direction chosen, so each verdict option says how many rows it shows.
  const counts = useMemo(() => {
    const out: Record<Verdict, number> = { reachable: 0, unreachable: 0, unknown: 0 };
    for (const r of inDirection) out[r.verdict]++;
    return out;
  }, [inDirection]);
  const outboundCount = useMemo(() => rows.filter((r) => r.direction === 'outbound').length, [rows]);
  const shown = useMemo(
    () =>
      inDirection
        .filter((r) => verdict === 'all' || r.verdict === verdict)
        .sort((a, b) => VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict]),
    [inDirection, verdict],
  );
  return (
    <>
      <div className="toolbar">
        <LabeledSelect
          label="Direction"
          id="matrix-direction"
          value={direction}
          onChange={setDirection}
          options={[
            { value: 'all', label: `Both (${rows.length})` },
            {
              value: 'inbound',
              label: `Inbound: who reaches each container (${rows.length - outboundCount})`,
            },
            { value: 'outbound', label: `Outbound: what each container reaches (${outboundCount})` },
          ]}
        />
        <LabeledSelect
          label="Show"
          id="matrix-verdict"
          value={verdict}
          onChange={setVerdict}
          options={[
            { value: 'all', label: `All (${inDirection.length})` },
            { value: 'unreachable', label: `Unreachable (${counts.unreachable})` },
            { value: 'unknown', label: `Unknown (${counts.unknown})` },
            { value: 'reachable', label: `Reachable (${counts.reachable})` },
          ]}
        />
        {shown.length > MATRIX_LIMIT && (
          <span className="muted">
            Showing the first {MATRIX_LIMIT} of {shown.length}.
          </span>
        )}
      </div>
      <DataTable
        caption="Reachability of every published port, and what each container reaches"
        rows={shown.slice(0, MATRIX_LIMIT)}
        rowKey={(r, i) =>
          `${r.direction}-${r.containerId}-${r.from}-${r.to?.label ?? ''}-${r.port}-${r.protocol}-${i}`
        }
        empty={
          direction === 'outbound' ? 'No running container on a network.' : 'No container publishes a port.'
        }
        columns={[
          { header: 'Container', cell: (r) => r.containerName },
          {
            header: 'From / to',
            cell: (r) => (r.to ? `to ${r.to.label}` : `from ${r.fromLabel}`),
          },
          { header: 'Port', cell: (r) => <span className="mono">{`${r.port}/${r.protocol}`}</span> },
          { header: 'Verdict', cell: (r) => <VerdictBadge verdict={r.verdict} /> },
          { header: 'Where it stops', cell: (r) => r.failingHop ?? '—' },
          {
            header: '',
            cell: (r) => (
              <a href={matrixLink(r)} onClick={onExplain}>
                Explain
              </a>
            ),
          },
        ]}
      />
    </>
  );
}

/** The question a matrix row answers, as a link: the same view asked about that row. */
function matrixLink(r: ReachMatrixRow): string {
  if (!r.to)
    return href(['reachability'], {
      c: r.containerId,
      from: r.sourceKind,
      peer: r.peerId,
      port: r.port,
      proto: r.protocol,
    });
  const t = r.to.target;
  return href(['reachability'], {
    dir: 'out',
    c: r.containerId,
    to: t.kind === 'name' ? 'address' : t.kind,
    peer: t.kind === 'container' ? t.ref : null,
    addr: t.kind === 'address' ? t.address : t.kind === 'name' ? t.name : null,
    port: r.port,
    proto: r.protocol,
  });
}
