// Processes by session: how many processes and how much memory each session holds, and which container owns it
// (a process-isolated container is a session of its own on the host; a Hyper-V one is a utility VM).

import { useState, type JSX } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SessionRow, UtilityVmRow } from '../../../shared/views';
import { useQuery } from '../api/use-query';
import { useBundleKey } from '../app-context';
import { DataTable } from '../components/data-table';
import { QueryView, UnknownNote } from '../components/states';
import { formatBytes } from '../format';
import { href } from '../router';
import { useCssColors } from '../theme';

const CHART_SESSIONS = 24;
const TABLE_PAGE = 200;

export function SessionsView(): JSX.Element {
  const query = useQuery('sessions:get', {}, useBundleKey());
  return (
    <div className="view">
      <header className="view-header">
        <h1 tabIndex={-1}>Processes by session</h1>
        <p className="muted">
          Each process-isolated container runs its processes in a session of its own on the host.
        </p>
      </header>
      <QueryView query={query} label="Counting processes">
        {(view) =>
          view.kind === 'unknown' ? (
            <UnknownNote reason={view.reason} />
          ) : (
            <>
              <SessionChart sessions={view.sessions} />
              <SessionTable sessions={view.sessions} />
              <UtilityVms vms={view.utilityVms} />
            </>
          )
        }
      </QueryView>
    </div>
  );
}

function SessionChart({ sessions }: { sessions: readonly SessionRow[] }): JSX.Element {
  const colors = useCssColors(['accent', 'chart-2', 'fg-muted', 'border']);
  const biggest = [...sessions]
    .sort((a, b) => b.workingSetBytes - a.workingSetBytes)
    .slice(0, CHART_SESSIONS)
    .sort((a, b) => a.sessionId - b.sessionId);
  const data = biggest.map((s) => ({
    name: `S${s.sessionId}${s.containers.length ? ` ${short(s.containers[0]!.name)}` : s.sessionId === 0 ? ' services' : ''}`,
    processes: s.processCount,
    memory: Math.round(s.workingSetBytes / (1024 * 1024)),
  }));
  return (
    <section className="panel" aria-labelledby="sessions-chart">
      <h2 id="sessions-chart">
        Process count and memory per session
        {sessions.length > CHART_SESSIONS && (
          <span className="muted">
            {' '}
            ({CHART_SESSIONS} largest of {sessions.length})
          </span>
        )}
      </h2>
      <figure
        className="chart"
        aria-label={`Sessions: ${data.map((d) => `${d.name}: ${d.processes} processes, ${d.memory} MB`).join('; ')}`}
      >
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 40, left: 0 }}>
            <CartesianGrid vertical={false} stroke={colors.border} />
            <XAxis
              dataKey="name"
              interval={0}
              angle={-25}
              textAnchor="end"
              height={50}
              tick={{ fill: colors['fg-muted'], fontSize: 11 }}
              stroke={colors.border}
            />
            <YAxis
              yAxisId="count"
              allowDecimals={false}
              tick={{ fill: colors['fg-muted'], fontSize: 12 }}
              stroke={colors.border}
              label={{
                value: 'processes',
                angle: -90,
                position: 'insideLeft',
                fill: colors['fg-muted'],
                fontSize: 12,
              }}
            />
            <YAxis
              yAxisId="memory"
              orientation="right"
              tick={{ fill: colors['fg-muted'], fontSize: 12 }}
              stroke={colors.border}
              label={{
                value: 'MB',
                angle: 90,
                position: 'insideRight',
                fill: colors['fg-muted'],
                fontSize: 12,
              }}
            />
            <Tooltip cursor={{ fill: colors.border }} />
            <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12 }} />
            <Bar
              yAxisId="count"
              dataKey="processes"
              name="Processes"
              fill={colors.accent}
              isAnimationActive={false}
            />
            <Bar
              yAxisId="memory"
              dataKey="memory"
              name="Memory (MB)"
              fill={colors['chart-2']}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </figure>
    </section>
  );
}

/** Axis labels stay short; the table below gives the whole name. */
function short(name: string): string {
  return name.length <= 16 ? name : `${name.slice(0, 15)}…`;
}

function SessionTable({ sessions }: { sessions: readonly SessionRow[] }): JSX.Element {
  const [all, setAll] = useState(false);
  const rows = all ? sessions : sessions.slice(0, TABLE_PAGE);
  return (
    <section className="panel" aria-labelledby="sessions-table">
      <h2 id="sessions-table">Sessions</h2>
      <DataTable
        caption="Sessions"
        rows={rows}
        rowKey={(s) => String(s.sessionId)}
        empty="No process reported a session."
        columns={[
          { header: 'Session', cell: (s) => s.sessionId, className: 'num' },
          {
            header: 'Belongs to',
            cell: (s) =>
              s.containers.length === 0 ? (
                s.label
              ) : (
                <span>
                  {s.containers.map((c, i) => (
                    <span key={c.id}>
                      {i > 0 && ', '}
                      <a href={href(['containers', c.id, 'session'])}>{c.name}</a>
                    </span>
                  ))}
                </span>
              ),
          },
          { header: 'Processes', cell: (s) => s.processCount.toLocaleString(), className: 'num' },
          { header: 'Memory', cell: (s) => formatBytes(s.workingSetBytes), className: 'num' },
          {
            header: 'Largest processes',
            cell: (s) => (
              <span className="wrap">{s.topProcesses.map((p) => `${p.name} (${p.pid})`).join(', ')}</span>
            ),
          },
        ]}
      />
      {sessions.length > TABLE_PAGE && !all && (
        <button type="button" className="button" onClick={() => setAll(true)}>
          Show all {sessions.length} sessions
        </button>
      )}
    </section>
  );
}

function UtilityVms({ vms }: { vms: readonly UtilityVmRow[] }): JSX.Element {
  return (
    <section className="panel" aria-labelledby="sessions-vms">
      <h2 id="sessions-vms">Hyper-V utility VMs</h2>
      <p className="muted">
        A Hyper-V isolated container shows on the host only as its VM worker (vmwp.exe) and VM memory (vmmem).
      </p>
      <DataTable
        caption="Utility VMs"
        rows={vms}
        rowKey={(v) => v.container.id}
        empty="No Hyper-V isolated container was tied to a utility VM in this bundle."
        columns={[
          {
            header: 'Container',
            cell: (v) => <a href={href(['containers', v.container.id, 'session'])}>{v.container.name}</a>,
          },
          { header: 'vmwp.exe PID', cell: (v) => v.workerPid, className: 'num' },
          { header: 'vmmem PID', cell: (v) => v.memoryPid ?? '—', className: 'num' },
          { header: 'Memory', cell: (v) => formatBytes(v.workingSetBytes), className: 'num' },
        ]}
      />
    </section>
  );
}
