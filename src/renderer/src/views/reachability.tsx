// Reachability: pick a container, where the client is, and a port; see the path, the failing hop, why, and the fix.
// The question lives in the URL, so every answer is a link (the matrix below and other views link here).

import { useEffect, useMemo, useRef, useState, type JSX, type MutableRefObject } from 'react';
import type { OutboundTarget, ReachSource, SourceKind, Verdict } from '../../../shared/diagnosis';
import type { RequestOf } from '../../../shared/ipc';
import type { ContainerRow, PortChoice, ReachMatrixRow, ReachView } from '../../../shared/views';
import { useQuery } from '../api/use-query';
import { useBundleKey } from '../app-context';
import { HopStatusIcon, VerdictBadge } from '../components/chips';
import { FixBlock } from '../components/copy-button';
import { DataTable } from '../components/data-table';
import { EvidenceList, References } from '../components/evidence';
import { EmptyState, QueryView, UnknownNote } from '../components/states';
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

/** Where an outbound question goes from the view: the host, the internet, or another container. */
type OutboundKind = 'host' | 'internet' | 'container';
const TARGETS: readonly { readonly kind: OutboundKind; readonly label: string }[] = [
  { kind: 'host', label: 'A service on the host' },
  { kind: 'internet', label: 'The internet' },
  { kind: 'container', label: 'Another container' },
];

interface Question {
  /** Inbound: who can reach this container. Outbound: what it can reach (diagnosis contract, section 4). */
  readonly direction: 'inbound' | 'outbound';
  readonly to: OutboundKind;
  readonly container: string | null;
  readonly from: SourceKind;
  readonly peer: string | null;
  readonly port: number | null;
  readonly protocol: 'tcp' | 'udp';
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
    port: Number.isInteger(port) && port > 0 && port < 65536 ? port : null,
    protocol: params.get('proto') === 'udp' ? 'udp' : 'tcp',
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
      port: q.port,
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
  const source = SOURCES.find((s) => s.kind === question.from)!;
  const outbound = question.direction === 'outbound';
  // Outbound, the port is the destination's: the container's own ports are no choices for it.
  const choices: readonly PortChoice[] =
    detail.status === 'ready' && !outbound
      ? source.ports === 'host'
        ? detail.value.reach.hostPorts
        : detail.value.reach.containerPorts
      : [];
  const peers = rows.filter((r) => r.id !== containerId);
  const wantsPeer = outbound ? question.to === 'container' : question.from === 'container';
  const peer = wantsPeer ? (question.peer ?? peers[0]?.id ?? null) : null;
  // The internet is asked about HTTPS unless a port is given: what a container most often needs out there.
  const port = question.port ?? choices[0]?.port ?? (outbound && question.to === 'internet' ? 443 : null);
  const protocol = question.port === null ? (choices[0]?.protocol ?? question.protocol) : question.protocol;
  const [otherPort, setOtherPort] = useState(false);
  // A typed port belongs to one container and one kind of client.
  useEffect(() => setOtherPort(false), [containerId, question.from]);
  const isChoice = port !== null && choices.some((c) => c.port === port && c.protocol === protocol);

  const unanswerable = port === null || (wantsPeer && peer === null);
  const request: RequestOf<'reach:explain'> | null =
    unanswerable || outbound
      ? null
      : { container: containerId, source: sourceOf(question.from, peer), port, protocol };
  const outboundRequest: RequestOf<'reach:outbound'> | null =
    unanswerable || !outbound
      ? null
      : { container: containerId, target: targetOf(question.to, peer), port, protocol };
  const inboundAnswer = useQuery('reach:explain', request, key);
  const outboundAnswer = useQuery('reach:outbound', outboundRequest, key);
  const explanation = outbound ? outboundAnswer : inboundAnswer;
  const current: Question = {
    direction: question.direction,
    to: question.to,
    container: containerId,
    from: question.from,
    peer,
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
          {outbound ? 'Destination port' : source.ports === 'host' ? 'Host port' : 'Container port'}
          {otherPort || (port !== null && !isChoice) || choices.length === 0 ? (
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
                onChange={(e) => ask({ ...current, protocol: e.target.value as 'tcp' | 'udp' })}
              >
                <option value="tcp">tcp</option>
                <option value="udp">udp</option>
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
            </select>
          )}
        </label>
      </form>

      {unanswerable ? (
        <p className="muted">
          {wantsPeer && peer === null
            ? `There is no other container to connect ${outbound ? 'to' : 'from'}.`
            : outbound
              ? 'Enter the port of the service to ask about.'
              : 'This container publishes no port for that client: enter a port to ask about.'}
        </p>
      ) : (
        <QueryView query={explanation} label="Following the path">
          {(view) => <Answer view={view} reveal={reveal} />}
        </QueryView>
      )}

      <Matrix onExplain={() => (reveal.current = true)} />
    </>
  );
}

function sourceOf(kind: SourceKind, peer: string | null): ReachSource {
  return kind === 'container' ? { kind, ref: peer! } : { kind };
}

function targetOf(kind: OutboundKind, peer: string | null): OutboundTarget {
  return kind === 'container' ? { kind, ref: peer! } : { kind };
}

function Answer({ view, reveal }: { view: ReachView; reveal: MutableRefObject<boolean> }): JSX.Element {
  const e = view.explanation;
  const sectionRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!reveal.current) return;
    reveal.current = false;
    sectionRef.current?.scrollIntoView({ block: 'start' });
    sectionRef.current?.focus({ preventScroll: true });
  }, [view, reveal]);
  // The hop that decided the verdict is chosen in core (decisiveHop), as the report and the matrix show it.
  const [selected, setSelected] = useState<number | null>(view.decisiveHop);
  useEffect(() => setSelected(view.decisiveHop), [view]);
  const hop = selected === null ? null : e.hops[selected];
  return (
    <section className="answer" aria-label="Answer" ref={sectionRef} tabIndex={-1}>
      {e.didYouMean && (
        <p className="did-you-mean" role="note">
          <strong>{e.didYouMean.message}</strong>
        </p>
      )}
      <div className={`verdict-banner verdict-banner-${e.verdict}`} role="status">
        <VerdictBadge verdict={e.verdict} />
        <span>{verdictSentence(e.verdict, view)}</span>
      </div>
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

function verdictSentence(verdict: Verdict, view: ReachView): string {
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

function Matrix({ onExplain }: { onExplain: () => void }): JSX.Element {
  const matrix = useQuery('reach:matrix', {}, useBundleKey());
  const [verdict, setVerdict] = useState<Verdict | 'all'>('all');
  return (
    <section className="panel matrix" aria-labelledby="matrix-title">
      <h2 id="matrix-title">Every published port, from every client</h2>
      <QueryView query={matrix} label="Checking every port">
        {(m) => (
          <MatrixTable
            rows={m.rows}
            counts={m.counts}
            verdict={verdict}
            setVerdict={setVerdict}
            onExplain={onExplain}
          />
        )}
      </QueryView>
    </section>
  );
}

function MatrixTable({
  rows,
  counts,
  verdict,
  setVerdict,
  onExplain,
}: {
  rows: readonly ReachMatrixRow[];
  counts: Readonly<Record<Verdict, number>>;
  verdict: Verdict | 'all';
  setVerdict: (v: Verdict | 'all') => void;
  onExplain: () => void;
}): JSX.Element {
  const shown = useMemo(
    () =>
      rows
        .filter((r) => verdict === 'all' || r.verdict === verdict)
        .sort((a, b) => VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict]),
    [rows, verdict],
  );
  return (
    <>
      <div className="toolbar">
        <label className="select-label">
          Show
          <select
            className="select"
            value={verdict}
            onChange={(e) => setVerdict(e.target.value as Verdict | 'all')}
          >
            <option value="all">All ({rows.length})</option>
            <option value="unreachable">Unreachable ({counts.unreachable})</option>
            <option value="unknown">Unknown ({counts.unknown})</option>
            <option value="reachable">Reachable ({counts.reachable})</option>
          </select>
        </label>
        {shown.length > MATRIX_LIMIT && (
          <span className="muted">
            Showing the first {MATRIX_LIMIT} of {shown.length}.
          </span>
        )}
      </div>
      <DataTable
        caption="Reachability of every published port"
        rows={shown.slice(0, MATRIX_LIMIT)}
        rowKey={(r, i) => `${r.containerId}-${r.from}-${r.port}-${r.protocol}-${i}`}
        empty="No container publishes a port."
        columns={[
          { header: 'Container', cell: (r) => r.containerName },
          { header: 'From', cell: (r) => r.fromLabel },
          { header: 'Port', cell: (r) => <span className="mono">{`${r.port}/${r.protocol}`}</span> },
          { header: 'Verdict', cell: (r) => <VerdictBadge verdict={r.verdict} /> },
          { header: 'Where it stops', cell: (r) => r.failingHop ?? '—' },
          {
            header: '',
            cell: (r) => (
              <a
                href={href(['reachability'], {
                  c: r.containerId,
                  from: r.sourceKind,
                  peer: r.peerId,
                  port: r.port,
                  proto: r.protocol,
                })}
                onClick={onExplain}
              >
                Explain
              </a>
            ),
          },
        ]}
      />
    </>
  );
}
