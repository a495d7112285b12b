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
import type { ProxySettings, ProxyVariables } from '../../../shared/model';
import type { HostOverview, HostStateView, ProbeRow } from '../../../shared/views';
import { useQuery } from '../api/use-query';
import { useBundleKey } from '../app-context';
import { CapabilityChip, ProbeStatusChip, ServiceStateChip } from '../components/chips';
import { DataTable, KeyValues } from '../components/data-table';
import { QueryView, UnknownNote } from '../components/states';
import { dash, formatDate, plural } from '../format';
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
                [
                  'Last boot',
                  host!.lastBootUpTime === null ? 'not collected' : formatDate(host!.lastBootUpTime),
                ],
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

      <HostState state={overview.hostState} />

      <div className="grid-2">
        <FindingsChart overview={overview} />
        <IsolationChart overview={overview} />
      </div>

      <ProbeTable probes={overview.probes} />
    </div>
  );
}

/** What each service does for containers, in the words of the knowledge notes. */
const SERVICE_ROLES: Readonly<Record<string, string>> = {
  docker: 'Docker engine',
  hns: 'Host Network Service: container networks, endpoints, port policies',
  vmcompute: 'Host Compute Service: starts containers and utility VMs',
  winnat: 'WinNAT driver',
  sharedaccess: 'Internet Connection Sharing (ICS NAT on newer builds)',
  nvagent: 'Network Virtualization Service',
};

/** The services containers cannot work without (diagnosis.md, hns-service-not-running). */
const ESSENTIAL_SERVICES: ReadonlySet<string> = new Set(['docker', 'hns', 'vmcompute', 'winnat']);

/** Services, reserved port ranges, proxy and the machine: bundle 1.1 state, where an admin looks first. */
function HostState({ state }: { state: HostStateView }): JSX.Element {
  return (
    <div className="grid-2">
      <section className="panel" aria-labelledby="ov-services">
        <h2 id="ov-services">Services containers depend on</h2>
        {state.services.kind === 'unknown' ? (
          <UnknownNote reason={`${state.services.reason} (${state.services.source.file})`} />
        ) : (
          <DataTable
            caption="Services"
            rows={state.services.value}
            rowKey={(s) => s.name}
            empty="The bundle lists none of these services."
            columns={[
              {
                header: 'Service',
                cell: (s) => (
                  <>
                    <span className="mono">{s.name}</span>
                    <div className="muted cell-note">{SERVICE_ROLES[s.name.toLowerCase()] ?? ''}</div>
                  </>
                ),
              },
              {
                header: 'State',
                cell: (s) => (
                  <ServiceStateChip
                    state={s.state}
                    essential={ESSENTIAL_SERVICES.has(s.name.toLowerCase())}
                  />
                ),
              },
              { header: 'Start', cell: (s) => dash(s.startMode) },
              { header: 'PID', cell: (s) => (s.processId ? s.processId : '—'), className: 'num' },
              { header: 'Exit code', cell: (s) => dash(s.exitCode), className: 'num' },
            ]}
          />
        )}
        {state.serviceFailures.kind === 'known' && state.serviceFailures.value.length > 0 && (
          <>
            <h3>Service failures in the collected events</h3>
            <DataTable
              caption="Service failures"
              rows={state.serviceFailures.value}
              rowKey={(e, i) => `${e.timeCreated ?? ''}-${e.id}-${i}`}
              empty=""
              columns={[
                { header: 'When', cell: (e) => formatDate(e.timeCreated) },
                { header: 'Event', cell: (e) => e.id, className: 'num' },
                { header: 'Message', cell: (e) => <span className="wrap">{dash(e.message)}</span> },
              ]}
            />
          </>
        )}
      </section>
      <section className="panel" aria-labelledby="ov-reserved">
        <h2 id="ov-reserved">Reserved port ranges</h2>
        {state.reservedPorts.kind === 'unknown' ? (
          <UnknownNote reason={`${state.reservedPorts.reason} (${state.reservedPorts.source.file})`} />
        ) : (
          <>
            <p className="muted">
              No program, Docker included, can bind a port inside an excluded range; an asterisk marks an
              administered (persistent) exclusion.{' '}
              {state.reservedPorts.value.dynamic
                .filter((d) => d.family === 'ipv4')
                .map((d) => `Dynamic ${d.protocol.toUpperCase()} ports: ${d.start}-${d.start + d.count - 1}.`)
                .join(' ')}
            </p>
            <DataTable
              caption="Excluded port ranges"
              rows={state.reservedPorts.value.ranges}
              rowKey={(r, i) => `${r.family}-${r.protocol}-${r.start}-${i}`}
              empty="No port is excluded."
              columns={[
                {
                  header: 'Range',
                  cell: (r) => (
                    <span className="mono">
                      {r.start === r.end ? r.start : `${r.start}-${r.end}`}
                      {r.administered ? ' *' : ''}
                    </span>
                  ),
                },
                {
                  header: 'Protocol',
                  cell: (r) => `${r.protocol.toUpperCase()} ${r.family === 'ipv4' ? 'IPv4' : 'IPv6'}`,
                },
                {
                  header: 'Published inside',
                  cell: (r) =>
                    r.publishedInside.length === 0 ? (
                      <span className="muted">—</span>
                    ) : (
                      <span className="text-bad">
                        {r.publishedInside.map((p, i) => (
                          <span key={`${p.containerId}-${p.port}`}>
                            {i > 0 ? ', ' : ''}
                            {p.port} (
                            <a href={href(['containers', p.containerId, 'network'])}>{p.containerName}</a>)
                          </span>
                        ))}
                      </span>
                    ),
                },
              ]}
            />
          </>
        )}
      </section>
      <section className="panel" aria-labelledby="ov-proxy">
        <h2 id="ov-proxy">Proxy</h2>
        {state.proxy.kind === 'unknown' ? (
          <UnknownNote reason={`${state.proxy.reason} (${state.proxy.source.file})`} />
        ) : (
          <KeyValues items={proxyItems(state.proxy.value)} />
        )}
      </section>
      <section className="panel" aria-labelledby="ov-machine">
        <h2 id="ov-machine">Machine and updates</h2>
        <KeyValues
          items={[
            [
              'Hardware',
              state.computer.kind === 'known'
                ? `${dash(state.computer.value.manufacturer)} ${dash(state.computer.value.model)}`
                : 'not collected',
            ],
            [
              'Hypervisor present',
              state.computer.kind === 'known' && state.computer.value.hypervisorPresent !== null
                ? state.computer.value.hypervisorPresent
                  ? 'yes'
                  : 'no'
                : '—',
            ],
            [
              'Domain',
              state.computer.kind === 'known'
                ? state.computer.value.partOfDomain
                  ? dash(state.computer.value.domain)
                  : 'not joined'
                : '—',
            ],
            [
              'Updates',
              state.hotfixes.kind === 'known'
                ? `${plural(state.hotfixes.value.length, 'installed update')}${state.hotfixes.value.length ? `: ${state.hotfixes.value.map((h) => h.id).join(', ')}` : ''}`
                : 'not collected',
            ],
          ]}
        />
      </section>
    </div>
  );
}

function proxyVariables(v: ProxyVariables | null): string {
  if (v === null) return 'not collected';
  const set = [
    ['HTTP_PROXY', v.httpProxy],
    ['HTTPS_PROXY', v.httpsProxy],
    ['NO_PROXY', v.noProxy],
  ].filter(([, value]) => value !== null && value !== '');
  return set.length === 0 ? 'none set' : set.map(([name, value]) => `${name}=${value}`).join('; ');
}

function proxyItems(p: ProxySettings): readonly (readonly [string, string])[] {
  const winHttp =
    p.winHttp === null
      ? 'not collected'
      : p.winHttp.direct === true
        ? 'direct (no proxy)'
        : p.winHttp.proxyServer
          ? `${p.winHttp.proxyServer}${p.winHttp.bypassList ? ` (bypass ${p.winHttp.bypassList})` : ''}`
          : 'could not be read';
  return [
    ['WinHTTP', winHttp],
    ['Machine environment', proxyVariables(p.machine)],
    ['Docker service environment', proxyVariables(p.dockerService)],
  ];
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

/** The manifest's `partial`: what the imported format lacked compared with the probe (bundle-v1, issue 12). */
function readInPart(probe: ProbeRow): boolean {
  return (probe.partial?.length ?? 0) > 0;
}

function ProbeTable({ probes }: { probes: readonly ProbeRow[] }): JSX.Element {
  const [problemsOnly, setProblemsOnly] = useState(false);
  const ok = probes.filter((p) => p.status === 'ok').length;
  // A probe read only in part (an import whose format lacked fields) gave data, but not all of it: a problem too.
  const inPart = probes.filter((p) => p.status === 'ok' && readInPart(p)).length;
  const problems = probes.filter((p) => p.status !== 'ok' || readInPart(p));
  const rows = problemsOnly ? problems : [...problems, ...probes.filter((p) => !problems.includes(p))];
  return (
    <section className="panel" aria-labelledby="ov-probes">
      <h2 id="ov-probes">
        Probes{' '}
        <span className="muted">
          {ok} of {probes.length} ok{inPart > 0 && `, ${inPart} of them read in part`}
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
          {
            header: 'Detail',
            cell: (p) => (
              <>
                <span className="wrap">{p.detail}</span>
                {p.partial?.map((lack) => (
                  <div key={lack} className="small text-warn wrap">
                    Read in part, without {lack}
                  </div>
                ))}
              </>
            ),
          },
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
