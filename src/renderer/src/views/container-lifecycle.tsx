// The container page's lifecycle panel (issue 13): how it last ended and what the exit code means, restarts,
// health, the host's last boot, and the last 200 log lines fetched from the live engine only on request.

import { useState, type JSX } from 'react';
import type { ApiError } from '../../../shared/ipc';
import type { ContainerDetail, ContainerLogs } from '../../../shared/views';
import { api } from '../api';
import { KeyValues } from '../components/data-table';
import { ErrorState, Loading } from '../components/states';
import { dash, formatDate } from '../format';

function exitText(detail: ContainerDetail): string {
  const l = detail.lifecycle;
  if (l.exitCode === null) return '—';
  if (detail.inspect.state === 'running') return `${l.exitCode} (running)`;
  return l.exitMeaning ? `${l.exitCode} (${l.exitMeaning.hex})` : String(l.exitCode);
}

function bootText(detail: ContainerDetail): string {
  const l = detail.lifecycle;
  if (l.hostBootedAt === null) return 'not collected (host/os.json has no LastBootUpTime)';
  const parts = [formatDate(l.hostBootedAt)];
  if (l.finishedBeforeBoot === true && detail.inspect.state !== 'running')
    parts.push('the container last stopped before this boot: it went down with the host');
  else if (l.startedAfterBoot === true) parts.push('the container was started after this boot');
  return parts.join('; ');
}

export function LifecyclePanel({ detail }: { detail: ContainerDetail }): JSX.Element {
  const l = detail.lifecycle;
  return (
    <section className="panel" aria-labelledby="cd-lifecycle">
      <h2 id="cd-lifecycle">Lifecycle</h2>
      <KeyValues
        items={[
          ['Exit code', exitText(detail)],
          ...(l.exitMeaning
            ? ([
                [
                  'Meaning',
                  <span>
                    {l.exitMeaning.meaning}
                    {l.exitMeaning.basis === 'observed' ? ' (as reported; not documented)' : ''}{' '}
                    <a href={l.exitMeaning.reference} target="_blank" rel="noreferrer noopener">
                      source
                    </a>
                  </span>,
                ],
              ] as const)
            : []),
          ...(l.error ? ([['Engine error', <span className="wrap">{l.error}</span>]] as const) : []),
          ...(l.oomKilled ? ([['Out of memory', 'killed for lack of memory']] as const) : []),
          ['Started', formatDate(detail.startedAt)],
          ['Finished', l.finishedAt === null ? 'never (or not reported)' : formatDate(l.finishedAt)],
          [
            'Restart policy',
            l.restartPolicy === null
              ? '—'
              : `${l.restartPolicy}${l.restartPolicy === 'on-failure' && l.maximumRetryCount ? ` (at most ${l.maximumRetryCount} tries)` : ''}`,
          ],
          ['Restarts by the policy', dash(l.restartCount)],
          [
            'Health',
            l.health === null
              ? 'no health check'
              : `${l.health.status}${l.health.failingStreak ? `, ${l.health.failingStreak} failed checks in a row` : ''}${l.health.lastCheckAt ? `; last check ${formatDate(l.health.lastCheckAt)} exited ${dash(l.health.lastExitCode)}` : ''}`,
          ],
          ['Host last booted', bootText(detail)],
        ]}
      />
      <ContainerLogView detail={detail} />
    </section>
  );
}

type LogState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'error'; readonly error: ApiError }
  | { readonly kind: 'ready'; readonly logs: ContainerLogs };

function ContainerLogView({ detail }: { detail: ContainerDetail }): JSX.Element {
  const [state, setState] = useState<LogState>({ kind: 'idle' });
  if (!detail.canFetchLogs)
    return (
      <p className="muted">
        The log is not in a bundle. On the host, <code>docker logs --tail 200 {detail.inspect.name}</code>{' '}
        shows its last lines.
      </p>
    );
  const fetchLogs = async (): Promise<void> => {
    setState({ kind: 'loading' });
    const result = await api.invoke('container:logs', { ref: detail.inspect.id });
    setState(result.ok ? { kind: 'ready', logs: result.value } : { kind: 'error', error: result.error });
  };
  return (
    <div className="container-logs">
      <p>
        <button
          type="button"
          className="button"
          onClick={() => void fetchLogs()}
          disabled={state.kind === 'loading'}
        >
          {state.kind === 'ready' ? 'Fetch the log again' : 'Fetch the last 200 log lines'}
        </button>{' '}
        <span className="muted">
          from this machine's Docker engine, as it is now; environment values are redacted.
        </span>
      </p>
      {state.kind === 'loading' && <Loading label="Asking the engine for the log" />}
      {state.kind === 'error' && <ErrorState error={state.error} onRetry={() => void fetchLogs()} />}
      {state.kind === 'ready' && (
        <>
          <p className="muted" role="status">
            {state.logs.lines.length} lines from {state.logs.endpoint} at {formatDate(state.logs.fetchedAt)}
            {state.logs.redactions > 0 ? `; ${state.logs.redactions} environment values redacted` : ''}
          </p>
          <pre
            className="log-lines"
            tabIndex={0}
            role="region"
            aria-label={`Log of ${state.logs.containerName}`}
          >
            {state.logs.lines.map((line, i) => (
              <span key={i} className={line.stream === 'stderr' ? 'log-stderr' : undefined}>
                {line.text}
                {'\n'}
              </span>
            ))}
          </pre>
        </>
      )}
    </div>
  );
}
