// Host overview: the host and its engine, what its build can do, what was collected, and where the problems are.

import { useState, type JSX } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { HostOverview, ProbeRow } from '../../../shared/views';
import { useQuery } from '../api/use-query';
import { useBundleKey } from '../app-context';
import { CapabilityChip, ProbeStatusChip } from '../components/chips';
import { DataTable, KeyValues } from '../components/data-table';
import { QueryView, UnknownNote } from '../components/states';
import { dash } from '../format';
import { href } from '../router';
import { useCssColors } from '../theme';
import { ReachPathList, reachCountsText } from '../components/reach-summary';

export function OverviewView(): JSX.Element {
  const query = useQuery('host:overview', {}, useBundleKey());
  return (
    <QueryView query={query} label="Reading the host">
      {(overview) => <Overview overview={overview} />}
    </QueryView>
  );
}

function Overview({ overview }: { overview: HostOverview }): JSX.Element {
  const host = overview.host.kind === 'known' ? overview.host.value : null;
  const engine = overview.engine.kind === 'known' ? overview.engine.value : null;
  return (
    <div className="view">
      <header className="view-header">
        <h1 tabIndex={-1}>{host?.computerName ?? overview.bundle.computerName ?? overview.bundle.label}</h1>
        <p className="muted">
          {host
            ? `${dash(host.caption)} · build ${dash(host.build)}${host.ubr === null ? '' : `.${host.ubr}`} · ${dash(host.installationType)}`
            : 'Operating system not collected'}
        </p>
      </header>

      <ul className="counts" aria-label="Counts">
        {overview.counts.map((c) => (
          <li key={c.label}>
            {c.view ? (
              <a className="count" href={href([c.view])}>
                <span className="count-value">{c.value === null ? '?' : c.value.toLocaleString()}</span>
                <span className="count-label">{c.label}</span>
              </a>
            ) : (
              <span className="count">
                <span className="count-value">{c.value === null ? '?' : c.value.toLocaleString()}</span>
                <span className="count-label">{c.label}</span>
              </span>
            )}
          </li>
        ))}
      </ul>

      <section className="panel" aria-labelledby="ov-reach">
        <h2 id="ov-reach">Reachability of published ports</h2>
        <p className="muted">
          {reachCountsText(overview.reach.counts)}
          {overview.reach.failing.length > 0 && ': the failing paths first'}
        </p>
        {overview.reach.failing.length > 0 && (
          <ReachPathList paths={overview.reach.failing.slice(0, 12)} container />
        )}
        {overview.reach.failing.length > 12 && (
          <a href={href(['reachability'])}>All {overview.reach.failing.length} failing paths</a>
        )}
      </section>

      <div className="grid-3">
        <section className="panel" aria-labelledby="ov-host">
          <h2 id="ov-host">Host</h2>
          {overview.host.kind === 'unknown' ? (
            <UnknownNote reason={`${overview.host.reason} (${overview.host.source.file})`} />
          ) : (
            <KeyValues
              items={[
                ['Operating system', dash(host!.caption)],
                ['Version', `${dash(host!.version)}${host!.ubr === null ? '' : ` (UBR ${host!.ubr})`}`],
                ['Edition', dash(host!.editionId)],
                ['Installation', dash(host!.installationType)],
                ['PowerShell', dash(host!.psVersion)],
                ['Features', <Features features={host!.features} />],
              ]}
            />
          )}
        </section>
        <section className="panel" aria-labelledby="ov-engine">
          <h2 id="ov-engine">Docker engine</h2>
          {overview.engine.kind === 'unknown' ? (
            <UnknownNote reason={`${overview.engine.reason} (${overview.engine.source.file})`} />
          ) : (
            <KeyValues
              items={[
                [
                  'Version',
                  `${dash(engine!.version)}${engine!.apiVersion ? ` (API ${engine!.apiVersion})` : ''}`,
                ],
                [
                  'Default isolation',
                  dash(engine!.defaultIsolation === 'hyperv' ? 'Hyper-V' : engine!.defaultIsolation),
                ],
                ['Root folder', <span className="mono">{dash(engine!.dockerRootDir)}</span>],
                ['Swarm', overview.swarmRole],
                ['Running containers', dash(engine!.containersRunning)],
              ]}
            />
          )}
        </section>
        <section className="panel" aria-labelledby="ov-build">
          <h2 id="ov-build">What this build can do</h2>
          <ul className="capabilities">
            {overview.capabilities.map((c) => (
              <li key={c.id}>
                <div className="capability-head">
                  <span>{c.title}</span>
                  <CapabilityChip status={c.status} />
                </div>
                <p className="muted">
                  {c.detail}.{' '}
                  <a href={c.reference} target="_blank" rel="noreferrer noopener">
                    Source
                  </a>
                </p>
              </li>
            ))}
          </ul>
        </section>
      </div>

      <div className="grid-2">
        <FindingsChart overview={overview} />
        <IsolationChart overview={overview} />
      </div>

      <ProbeTable probes={overview.probes} />
    </div>
  );
}

/** The features containers depend on first; the full list (often thirty names) folded away. */
function Features({ features }: { features: readonly string[] }): JSX.Element {
  if (features.length === 0) return <span>—</span>;
  const relevant = features.filter((f) => /^(containers|hyper-v)$/i.test(f));
  return (
    <>
      <span>{relevant.length ? relevant.join(', ') : 'no Containers feature'}</span>
      <details className="inline-details">
        <summary>all {features.length}</summary>
        <span className="wrap">{features.join(', ')}</span>
      </details>
    </>
  );
}

function FindingsChart({ overview }: { overview: HostOverview }): JSX.Element {
  const colors = useCssColors([
    'sev-critical',
    'sev-high',
    'sev-medium',
    'sev-low',
    'sev-info',
    'fg-muted',
    'border',
  ]);
  const total = overview.findingsBySeverity.reduce((sum, s) => sum + s.count, 0);
  return (
    <section className="panel" aria-labelledby="ov-findings">
      <h2 id="ov-findings">
        Findings by severity{' '}
        <a className="panel-link" href={href(['findings'])}>
          {total === 0 ? 'none' : `all ${total}`}
        </a>
      </h2>
      <figure
        className="chart"
        aria-label={`Findings by severity: ${overview.findingsBySeverity.map((s) => `${s.count} ${s.severity}`).join(', ')}`}
      >
        <ResponsiveContainer width="100%" height={180}>
          <BarChart
            data={[...overview.findingsBySeverity]}
            margin={{ top: 8, right: 8, bottom: 0, left: -20 }}
          >
            <CartesianGrid vertical={false} stroke={colors.border} />
            <XAxis
              dataKey="severity"
              tick={{ fill: colors['fg-muted'], fontSize: 12 }}
              stroke={colors.border}
            />
            <YAxis
              allowDecimals={false}
              tick={{ fill: colors['fg-muted'], fontSize: 12 }}
              stroke={colors.border}
            />
            <Tooltip cursor={{ fill: colors.border }} />
            <Bar dataKey="count" name="Findings" isAnimationActive={false}>
              {overview.findingsBySeverity.map((s) => (
                <Cell key={s.severity} fill={colors[`sev-${s.severity}`]} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </figure>
    </section>
  );
}

function IsolationChart({ overview }: { overview: HostOverview }): JSX.Element {
  const colors = useCssColors(['good', 'fg-muted', 'border', 'neutral-bar']);
  const data = overview.containersByIsolation.map((g) => ({
    ...g,
    label: g.isolation === 'hyperv' ? 'Hyper-V' : g.isolation === 'process' ? 'Process' : 'Unknown',
  }));
  return (
    <section className="panel" aria-labelledby="ov-isolation">
      <h2 id="ov-isolation">Containers by isolation and state</h2>
      <figure
        className="chart"
        aria-label={`Containers by isolation: ${data.map((d) => `${d.label} ${d.running} running, ${d.stopped} stopped`).join('; ')}`}
      >
        <ResponsiveContainer width="100%" height={180}>
          <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
            <CartesianGrid horizontal={false} stroke={colors.border} />
            <XAxis
              type="number"
              allowDecimals={false}
              tick={{ fill: colors['fg-muted'], fontSize: 12 }}
              stroke={colors.border}
            />
            <YAxis
              type="category"
              dataKey="label"
              width={70}
              tick={{ fill: colors['fg-muted'], fontSize: 12 }}
              stroke={colors.border}
            />
            <Tooltip cursor={{ fill: colors.border }} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="running" name="Running" stackId="s" fill={colors.good} isAnimationActive={false} />
            <Bar
              dataKey="stopped"
              name="Not running"
              stackId="s"
              fill={colors['neutral-bar']}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </figure>
    </section>
  );
}

function ProbeTable({ probes }: { probes: readonly ProbeRow[] }): JSX.Element {
  const [problemsOnly, setProblemsOnly] = useState(false);
  const problems = probes.filter((p) => p.status !== 'ok');
  const rows = problemsOnly ? problems : [...problems, ...probes.filter((p) => p.status === 'ok')];
  return (
    <section className="panel" aria-labelledby="ov-probes">
      <h2 id="ov-probes">
        Probes{' '}
        <span className="muted">
          {probes.length - problems.length} of {probes.length} ok
        </span>
        <label className="checkbox panel-link">
          <input type="checkbox" checked={problemsOnly} onChange={(e) => setProblemsOnly(e.target.checked)} />
          Problems only
        </label>
      </h2>
      <DataTable
        caption="Probe outcomes"
        rows={rows}
        rowKey={(p) => p.id}
        empty="Every probe gave its data."
        columns={[
          { header: 'Probe', cell: (p) => <span title={p.id}>{p.title}</span> },
          { header: 'Outcome', cell: (p) => <ProbeStatusChip status={p.status} />, className: 'col-narrow' },
          { header: 'Detail', cell: (p) => <span className="wrap">{p.detail}</span> },
          {
            header: 'Leaves unknown',
            cell: (p) =>
              p.leavesUnknown.length ? (
                <span className="text-warn">{p.leavesUnknown.join(', ')}</span>
              ) : (
                <span className="muted">—</span>
              ),
          },
        ]}
      />
    </section>
  );
}
