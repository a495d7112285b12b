// Reachability: pick a container, where the client is, and a port; see the path, the failing hop, why, and the fix.
// The question lives in the URL, so every answer is a link (the matrix below and other views link here).

import { useEffect, useMemo, useState, type JSX } from 'react';
import type { ReachSource, SourceKind, Verdict } from '../../../shared/diagnosis';
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

interface Question {
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
      c: q.container,
      from: q.from,
      peer: q.from === 'container' ? q.peer : null,
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
          Can a client reach a container on a port, and if not, which step fails and why.
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
  // Without a container in the URL, start on the first one that publishes a port: the common question.
  const containerId = question.container ?? (rows.find((r) => r.ports.length > 0) ?? rows[0]!).id;
  const detail = useQuery('container:detail', { ref: containerId }, key);
  const source = SOURCES.find((s) => s.kind === question.from)!;
  const choices: readonly PortChoice[] =
    detail.status === 'ready'
      ? source.ports === 'host'
        ? detail.value.reach.hostPorts
        : detail.value.reach.containerPorts
      : [];
  const peers = rows.filter((r) => r.id !== containerId);
  const peer = question.from === 'container' ? (question.peer ?? peers[0]?.id ?? null) : null;
  const port = question.port ?? choices[0]?.port ?? null;
  const protocol = question.port === null ? (choices[0]?.protocol ?? question.protocol) : question.protocol;
  const [otherPort, setOtherPort] = useState(false);
  // A typed port belongs to one container and one kind of client.
  useEffect(() => setOtherPort(false), [containerId, question.from]);
  const isChoice = port !== null && choices.some((c) => c.port === port && c.protocol === protocol);

  const request: RequestOf<'reach:explain'> | null =
    port === null || (question.from === 'container' && peer === null)
      ? null
      : { container: containerId, source: sourceOf(question.from, peer), port, protocol };
  const explanation = useQuery('reach:explain', request, key);
  const current: Question = { container: containerId, from: question.from, peer, port, protocol };

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
        {question.from === 'container' && (
          <label htmlFor="reach-peer">
            Client container
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
          {source.ports === 'host' ? 'Host port' : 'Container port'}
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

      {request === null ? (
        <p className="muted">
          {question.from === 'container' && peer === null
            ? 'There is no other container to connect from.'
            : 'This container publishes no port for that client: enter a port to ask about.'}
        </p>
      ) : (
        <QueryView query={explanation} label="Following the path">
          {(view) => <Answer view={view} />}
        </QueryView>
      )}

      <Matrix />
    </>
  );
}

function sourceOf(kind: SourceKind, peer: string | null): ReachSource {
  return kind === 'container' ? { kind, ref: peer! } : { kind };
}

function Answer({ view }: { view: ReachView }): JSX.Element {
  const e = view.explanation;
  const firstFail = e.hops.findIndex((h) => h.status === 'fail');
  const firstUnknown = e.hops.findIndex((h) => h.status === 'unknown');
  const [selected, setSelected] = useState<number | null>(
    firstFail !== -1 ? firstFail : firstUnknown !== -1 ? firstUnknown : null,
  );
  useEffect(
    () => setSelected(firstFail !== -1 ? firstFail : firstUnknown !== -1 ? firstUnknown : null),
    [firstFail, firstUnknown, view],
  );
  const hop = selected === null ? null : e.hops[selected];
  return (
    <section className="answer" aria-label="Answer">
      <div className={`verdict-banner verdict-banner-${e.verdict}`} role="status">
        <VerdictBadge verdict={e.verdict} />
        <span>{verdictSentence(e.verdict, view)}</span>
      </div>
      <PathDiagram
        client={view.client}
        target={view.target}
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

function Matrix(): JSX.Element {
  const matrix = useQuery('reach:matrix', {}, useBundleKey());
  const [verdict, setVerdict] = useState<Verdict | 'all'>('all');
  return (
    <section className="panel matrix" aria-labelledby="matrix-title">
      <h2 id="matrix-title">Every published port, from every client</h2>
      <QueryView query={matrix} label="Checking every port">
        {(m) => <MatrixTable rows={m.rows} counts={m.counts} verdict={verdict} setVerdict={setVerdict} />}
      </QueryView>
    </section>
  );
}

function MatrixTable({
  rows,
  counts,
  verdict,
  setVerdict,
}: {
  rows: readonly ReachMatrixRow[];
  counts: Readonly<Record<Verdict, number>>;
  verdict: Verdict | 'all';
  setVerdict: (v: Verdict | 'all') => void;
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
