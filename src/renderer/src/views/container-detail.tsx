// One container, tab by tab: overview, session and processes, disk, network, firewall, findings.

import type { JSX } from 'react';
import type { HnsNatPolicy } from '../../../shared/model';
import type { ContainerDetail, ContainerHnsView, MissingPart } from '../../../shared/views';
import { useQuery } from '../api/use-query';
import { useBundleKey } from '../app-context';
import { IsolationChip, StateChip } from '../components/chips';
import { CopyButton } from '../components/copy-button';
import { DataTable, KeyValues } from '../components/data-table';
import { Icon } from '../components/icons';
import { QueryView, UnknownNote } from '../components/states';
import { Tabs } from '../components/tabs';
import { dash, formatBytes, formatDate, shortId } from '../format';
import { href } from '../router';
import { LifecyclePanel } from './container-lifecycle';
import { FindingCard } from './findings';
import { ReachPathList, reachCountsText } from '../components/reach-summary';

const TABS = [
  { id: 'overview', label: 'Overview' },
  { id: 'session', label: 'Session and processes' },
  { id: 'disk', label: 'Disk' },
  { id: 'network', label: 'Network' },
  { id: 'firewall', label: 'Firewall' },
  { id: 'findings', label: 'Findings' },
] as const;

export function ContainerDetailView({
  containerRef,
  tab,
}: {
  containerRef: string;
  tab: string;
}): JSX.Element {
  const query = useQuery('container:detail', { ref: containerRef }, useBundleKey());
  return (
    <div className="view">
      <p className="breadcrumb">
        <a href={href(['containers'])}>
          <Icon name="chevron-left" size={12} /> Containers
        </a>
      </p>
      <QueryView query={query} label="Reading the container">
        {(detail) => <Detail detail={detail} tab={TABS.some((t) => t.id === tab) ? tab : 'overview'} />}
      </QueryView>
    </div>
  );
}

function Detail({ detail, tab }: { detail: ContainerDetail; tab: string }): JSX.Element {
  const c = detail.inspect;
  return (
    <>
      <header className="view-header">
        <h1 tabIndex={-1}>{c.name}</h1>
        <p className="header-meta">
          <StateChip state={c.state} />
          <IsolationChip isolation={c.isolation} />
          <span className="mono muted" title={c.id}>
            {shortId(c.id)}
          </span>
          <span className="muted">{c.image}</span>
          <a className="button button-small" href={href(['reachability'], { c: c.id })}>
            <Icon name="reach" size={14} /> Ask about reachability
          </a>
        </p>
      </header>
      <Tabs
        label="Container details"
        current={tab}
        items={TABS.map((t) => ({
          id: t.id,
          label: t.label,
          href: href(['containers', c.id, t.id]),
          ...(t.id === 'findings' ? { count: detail.findings.length } : {}),
        }))}
      />
      <section id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'overview' && <OverviewTab detail={detail} />}
        {tab === 'session' && <SessionTab detail={detail} />}
        {tab === 'disk' && <DiskTab detail={detail} />}
        {tab === 'network' && <NetworkTab detail={detail} />}
        {tab === 'firewall' && <FirewallTab detail={detail} />}
        {tab === 'findings' && <FindingsTab detail={detail} />}
      </section>
    </>
  );
}

function OverviewTab({ detail }: { detail: ContainerDetail }): JSX.Element {
  const c = detail.inspect;
  return (
    <div className="grid-2">
      <section className="panel" aria-labelledby="cd-reach">
        <h2 id="cd-reach">Reachability from every client</h2>
        <p className="muted">{reachCountsText(detail.reachSummary.counts)}</p>
        <ReachPathList paths={detail.reachSummary.paths} />
      </section>
      <section className="panel" aria-labelledby="cd-facts">
        <h2 id="cd-facts">Container</h2>
        <KeyValues
          items={[
            [
              'Id',
              <span className="id-line">
                <span className="mono">{c.id}</span>
                <CopyButton text={c.id} label="Copy id" />
              </span>,
            ],
            ['Image', c.image],
            ['State', c.state],
            ['Created', formatDate(detail.created)],
            ['Started', formatDate(detail.startedAt)],
            [
              'Isolation',
              `${c.isolation === 'hyperv' ? 'Hyper-V' : dash(c.isolation)}${detail.isolationRequested ? ` (requested: ${detail.isolationRequested})` : ' (engine default)'}`,
            ],
            ['Network mode', detail.networkMode],
            ['Swarm service', dash(detail.service)],
            ['Memory limit', detail.memoryLimitBytes ? formatBytes(detail.memoryLimitBytes) : 'none'],
            ['Session', dash(c.sessionId)],
            [
              'Utility VM',
              c.utilityVm
                ? `vmwp.exe PID ${c.utilityVm.pid}${c.utilityVm.memoryPid ? `, vmmem PID ${c.utilityVm.memoryPid}` : ''}`
                : '—',
            ],
          ]}
        />
        {c.notes.length > 0 && (
          <ul className="notes">
            {c.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
      </section>
      <LifecyclePanel detail={detail} />
      <section className="panel" aria-labelledby="cd-isolation">
        <h2 id="cd-isolation">Seen from the host</h2>
        <ul className="points">
          {detail.isolation.points.map((p) => (
            <li key={p.id} className={p.observable ? '' : 'point-unobservable'}>
              <strong>{p.title}</strong>
              <span>{p.observed}</span>
            </li>
          ))}
        </ul>
        <p>
          <a href={href(['isolation'], { a: c.id })}>Compare with another container</a>
        </p>
      </section>
      <section className="panel" aria-labelledby="cd-labels">
        <h2 id="cd-labels">Labels</h2>
        <DataTable
          caption="Labels"
          rows={detail.labels}
          rowKey={(l) => l.name}
          empty="No labels."
          columns={[
            { header: 'Name', cell: (l) => <span className="mono">{l.name}</span> },
            { header: 'Value', cell: (l) => <span className="mono wrap">{l.value}</span> },
          ]}
        />
      </section>
      <section className="panel" aria-labelledby="cd-env">
        <h2 id="cd-env">Environment variables</h2>
        <p className="muted">Names only: the bundle never keeps the values.</p>
        {detail.envNames.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <p className="mono wrap">{detail.envNames.join('  ')}</p>
        )}
      </section>
    </div>
  );
}

function SessionTab({ detail }: { detail: ContainerDetail }): JSX.Element {
  const top = detail.session.top;
  return (
    <>
      <p className="callout">{detail.session.explanation}</p>
      <section className="panel" aria-labelledby="cd-host-processes">
        <h2 id="cd-host-processes">
          {detail.inspect.isolation === 'hyperv'
            ? 'Utility VM processes on the host'
            : 'Host processes in its session'}
        </h2>
        <DataTable
          caption="Host processes"
          rows={detail.session.processes}
          rowKey={(p) => String(p.pid)}
          empty="No host process could be tied to this container."
          columns={[
            { header: 'PID', cell: (p) => p.pid, className: 'num' },
            { header: 'Name', cell: (p) => p.name },
            { header: 'Session', cell: (p) => dash(p.sessionId), className: 'num' },
            { header: 'Memory', cell: (p) => formatBytes(p.workingSet), className: 'num' },
            { header: 'Started', cell: (p) => formatDate(p.startTime) },
            { header: 'Path', cell: (p) => <span className="mono wrap">{dash(p.path)}</span> },
          ]}
        />
      </section>
      <section className="panel" aria-labelledby="cd-top">
        <h2 id="cd-top">Processes reported by Docker (docker top)</h2>
        {top === null ? (
          <p className="muted">Not collected: docker top runs only for running containers.</p>
        ) : top.kind === 'unknown' ? (
          <UnknownNote reason={`${top.reason} (${top.source.file})`} />
        ) : (
          <DataTable
            caption="docker top"
            rows={top.value}
            rowKey={(r, i) => `${r.pid}-${i}`}
            empty="docker top listed no processes."
            columns={[
              { header: 'Name', cell: (r) => r.name },
              { header: 'PID', cell: (r) => dash(r.pid), className: 'num' },
              { header: 'CPU', cell: (r) => dash(r.cpu), className: 'num' },
              { header: 'Private working set', cell: (r) => dash(r.memory), className: 'num' },
            ]}
          />
        )}
        {detail.inspect.isolation === 'hyperv' && (
          <p className="muted">
            For a Hyper-V container these PIDs belong to the utility VM, not to the host.
          </p>
        )}
      </section>
    </>
  );
}

function DiskTab({ detail }: { detail: ContainerDetail }): JSX.Element {
  const disk = detail.inspect.sandboxDisk;
  return (
    <>
      <section className="panel" aria-labelledby="cd-sandbox">
        <h2 id="cd-sandbox">Sandbox disk</h2>
        {disk ? (
          <KeyValues
            items={[
              ['Disk number', disk.number],
              ['File', <span className="mono wrap">{disk.location}</span>],
              ['Size', formatBytes(detail.disk.sandboxSizeBytes)],
              ['Layer folder', <span className="mono wrap">{dash(detail.graphDriverDir)}</span>],
            ]}
          />
        ) : detail.inspect.isolation === 'hyperv' ? (
          <p>
            The sandbox disk is attached to the utility VM, so no disk of this container is mounted on the
            host.
          </p>
        ) : (
          <p className="muted">
            No host disk could be matched to this container
            {detail.graphDriverDir ? ` (layer folder ${detail.graphDriverDir})` : ''}.
          </p>
        )}
      </section>
      <p className="callout callout-warn">{detail.disk.lostOnRemoval}</p>
      <section className="panel" aria-labelledby="cd-mounts">
        <h2 id="cd-mounts">Mounts (kept when the container is removed)</h2>
        <DataTable
          caption="Mounts"
          rows={detail.disk.mounts}
          rowKey={(m, i) => `${m.destination}-${i}`}
          empty="No mounts."
          columns={[
            { header: 'Type', cell: (m) => m.type },
            {
              header: 'Source on the host',
              cell: (m) => <span className="mono wrap">{dash(m.source ?? m.name)}</span>,
            },
            {
              header: 'Path in the container',
              cell: (m) => <span className="mono wrap">{m.destination}</span>,
            },
            { header: 'Access', cell: (m) => (m.readOnly ? 'read-only' : 'read-write') },
          ]}
        />
      </section>
    </>
  );
}

function NetworkTab({ detail }: { detail: ContainerDetail }): JSX.Element {
  const listeners = detail.network.listeners;
  return (
    <>
      <section className="panel" aria-labelledby="cd-networks">
        <h2 id="cd-networks">Networks</h2>
        <DataTable
          caption="Networks"
          rows={detail.network.networks}
          rowKey={(n) => n.name}
          empty={`No network (network mode ${detail.networkMode}).`}
          columns={[
            { header: 'Network', cell: (n) => n.name },
            { header: 'Driver', cell: (n) => dash(n.driver) },
            { header: 'IP address', cell: (n) => <span className="mono">{dash(n.ip)}</span> },
            { header: 'Gateway', cell: (n) => <span className="mono">{dash(n.gateway)}</span> },
            { header: 'MAC', cell: (n) => <span className="mono">{dash(n.mac)}</span> },
          ]}
        />
      </section>
      <section className="panel" aria-labelledby="cd-ports">
        <h2 id="cd-ports">Published ports</h2>
        <DataTable
          caption="Published ports"
          rows={detail.network.publishedPorts}
          rowKey={(p, i) => `${p.containerPort}-${p.protocol}-${i}`}
          empty="No port is published: clients outside the host cannot reach this container."
          columns={[
            {
              header: 'Host',
              cell: (p) => (
                <span className="mono">
                  {p.hostPort === null ? 'not bound' : `${p.hostIp ?? '0.0.0.0'}:${p.hostPort}`}
                </span>
              ),
            },
            {
              header: 'Container',
              cell: (p) => <span className="mono">{`${p.containerPort}/${p.protocol}`}</span>,
            },
            {
              header: 'Reported by',
              cell: (p) =>
                p.origin === 'both'
                  ? 'live settings and bindings'
                  : p.origin === 'network-settings'
                    ? 'live settings'
                    : 'bindings only',
            },
            {
              header: '',
              cell: (p) =>
                p.hostPort === null ? null : (
                  <a
                    href={href(['reachability'], {
                      c: detail.inspect.id,
                      from: 'external',
                      port: p.hostPort,
                      proto: p.protocol,
                    })}
                  >
                    Explain reach
                  </a>
                ),
            },
          ]}
        />
      </section>
      <HnsEndpoints hns={detail.network.hns} />
      <section className="panel" aria-labelledby="cd-nat">
        <h2 id="cd-nat">WinNAT static mappings</h2>
        <DataTable
          caption="NAT mappings"
          rows={detail.inspect.natMappings}
          rowKey={(m, i) => `${m.externalPort}-${i}`}
          empty="No WinNAT mapping points to this container."
          columns={[
            { header: 'NAT', cell: (m) => <span className="mono">{m.natName}</span> },
            { header: 'Protocol', cell: (m) => m.protocol },
            { header: 'External port', cell: (m) => m.externalPort, className: 'num' },
            {
              header: 'Internal',
              cell: (m) => <span className="mono">{`${m.internalIp}:${m.internalPort}`}</span>,
            },
          ]}
        />
      </section>
      <section className="panel" aria-labelledby="cd-sessions">
        <h2 id="cd-sessions">Live NAT sessions</h2>
        <DataTable
          caption="NAT sessions"
          rows={detail.network.natSessions}
          rowKey={(s, i) => `${s.externalSourceAddress}-${s.externalSourcePort}-${i}`}
          empty="No live NAT session to this container when the bundle was collected."
          columns={[
            { header: 'Protocol', cell: (s) => s.protocol },
            {
              header: 'From',
              cell: (s) => (
                <span className="mono">{`${dash(s.externalSourceAddress)}:${dash(s.externalSourcePort)}`}</span>
              ),
            },
            {
              header: 'To (host)',
              cell: (s) => (
                <span className="mono">{`${dash(s.externalDestinationAddress)}:${dash(s.externalDestinationPort)}`}</span>
              ),
            },
            {
              header: 'To (container)',
              cell: (s) => (
                <span className="mono">{`${dash(s.internalDestinationAddress)}:${dash(s.internalDestinationPort)}`}</span>
              ),
            },
            { header: 'Since', cell: (s) => formatDate(s.creationTime) },
          ]}
        />
      </section>
      <section className="panel" aria-labelledby="cd-listeners">
        <h2 id="cd-listeners">Listening inside the container</h2>
        {listeners === null ? (
          <p className="muted">Not collected (netstat runs only inside running containers).</p>
        ) : listeners.kind === 'unknown' ? (
          <UnknownNote reason={`${listeners.reason} (${listeners.source.file})`} />
        ) : (
          <DataTable
            caption="Listeners"
            rows={listeners.value}
            rowKey={(l, i) => `${l.protocol}-${l.localAddress}-${l.localPort}-${i}`}
            empty="Nothing listens inside this container."
            columns={[
              { header: 'Protocol', cell: (l) => l.protocol },
              {
                header: 'Address',
                cell: (l) => <span className="mono">{`${l.localAddress}:${l.localPort}`}</span>,
              },
              { header: 'PID', cell: (l) => dash(l.pid), className: 'num' },
            ]}
          />
        )}
      </section>
      <ContainerDns hns={detail.network.hns} />
    </>
  );
}

/** A NAT policy of an HNS endpoint in one line: `host -> container/proto`. */
function policyText(p: HnsNatPolicy): string {
  return `${p.externalPort} -> ${p.internalPort}/${p.protocol}${p.reserved === true ? ' (host port reserved)' : ''}`;
}

/** Why a part is missing, in the muted voice the tables use for it. */
function Missing({ part }: { part: MissingPart }): JSX.Element {
  return <span className={part.kind === 'absent' ? 'text-warn' : 'muted'}>{part.reason}</span>;
}

/**
 * What HNS holds for each of the container's networks: the endpoint holding its address, the ports HNS publishes
 * (its NAT policies; on 2019 and later those, not WinNAT, carry a published port: knowledge notes section 10), and
 * the network's vSwitch. Beside Docker's ports above, so the two can be compared.
 */
function HnsEndpoints({ hns }: { hns: ContainerHnsView }): JSX.Element {
  return (
    <section className="panel" aria-labelledby="cd-hns">
      <h2 id="cd-hns">HNS endpoint and its policies</h2>
      <DataTable
        caption="HNS endpoints"
        rows={hns.attachments}
        rowKey={(a, i) => `${a.network}-${i}`}
        empty="The container is on no network."
        columns={[
          { header: 'Network', cell: (a) => a.network },
          { header: 'Address', cell: (a) => <span className="mono">{dash(a.ip)}</span> },
          {
            header: 'Endpoint',
            cell: (a) =>
              a.endpoint.kind === 'found' ? (
                <span className="mono" title={a.endpoint.id}>
                  {a.endpoint.id.slice(0, 8)}
                </span>
              ) : (
                <Missing part={a.endpoint} />
              ),
          },
          {
            header: 'Published by HNS (NAT policies)',
            cell: (a) =>
              a.endpoint.kind !== 'found' ? (
                '—'
              ) : a.endpoint.natPolicies.kind !== 'found' ? (
                <Missing part={a.endpoint.natPolicies} />
              ) : a.endpoint.natPolicies.value.length === 0 ? (
                <span className="muted">none</span>
              ) : (
                <ul className="plain-list mono">
                  {a.endpoint.natPolicies.value.map((p, i) => (
                    <li key={i}>{policyText(p)}</li>
                  ))}
                </ul>
              ),
          },
          {
            header: 'Other policies',
            cell: (a) =>
              a.endpoint.kind === 'found' && a.endpoint.otherPolicies?.length
                ? a.endpoint.otherPolicies.join(', ')
                : '—',
          },
          {
            header: 'vSwitch',
            cell: (a) =>
              a.vSwitch.kind === 'found' ? (
                <span title={a.vSwitch.note ?? undefined}>
                  {a.vSwitch.name} {a.vSwitch.type ? `(${a.vSwitch.type})` : ''}
                </span>
              ) : (
                <Missing part={a.vSwitch} />
              ),
          },
          {
            header: 'DNS servers',
            cell: (a) => (
              <span className="mono">
                {a.endpoint.kind === 'found' ? a.endpoint.dnsServers.join(', ') || '—' : '—'}
              </span>
            ),
          },
        ]}
      />
    </section>
  );
}

/** DNS servers from `ipconfig /all` inside the container, and its hosts file (container.dns, bundle 1.1). */
function ContainerDns({ hns }: { hns: ContainerHnsView }): JSX.Element {
  const { ipConfig, hostsFile } = hns;
  return (
    <section className="panel" aria-labelledby="cd-dns">
      <h2 id="cd-dns">DNS inside the container</h2>
      {ipConfig === null ? (
        <p className="muted">Not collected (ipconfig runs only inside running containers).</p>
      ) : ipConfig.kind === 'unknown' ? (
        <UnknownNote reason={`${ipConfig.reason} (${ipConfig.source.file})`} />
      ) : (
        <DataTable
          caption="Adapters inside the container"
          rows={ipConfig.value.adapters}
          rowKey={(a, i) => `${a.name}-${i}`}
          empty="ipconfig shows no adapter inside the container."
          columns={[
            { header: 'Adapter', cell: (a) => <span className="wrap">{a.name}</span> },
            { header: 'IPv4', cell: (a) => <span className="mono">{a.ipv4.join(', ') || '—'}</span> },
            {
              header: 'DNS servers',
              cell: (a) => <span className="mono">{a.dnsServers.join(', ') || '—'}</span>,
            },
          ]}
        />
      )}
      <h3>Hosts file</h3>
      {hostsFile === null ? (
        <p className="muted">Not collected (read only inside running containers).</p>
      ) : hostsFile.kind === 'unknown' ? (
        <UnknownNote reason={`${hostsFile.reason} (${hostsFile.source.file})`} />
      ) : (
        <DataTable
          caption="Hosts file entries"
          rows={hostsFile.value}
          rowKey={(h, i) => `${h.address}-${i}`}
          empty="No entry: only comments (names resolve through DNS)."
          columns={[
            { header: 'Address', cell: (h) => <span className="mono">{h.address}</span> },
            { header: 'Names', cell: (h) => <span className="mono wrap">{h.names.join(' ')}</span> },
          ]}
        />
      )}
    </section>
  );
}

function FirewallTab({ detail }: { detail: ContainerDetail }): JSX.Element {
  const profiles = detail.firewall.profiles;
  return (
    <>
      <p className="callout">{detail.firewall.note}</p>
      <section className="panel" aria-labelledby="cd-rules">
        <h2 id="cd-rules">Rules that concern this container</h2>
        {detail.firewall.total > detail.firewall.rules.length && (
          <p className="muted">
            The first {detail.firewall.rules.length} of {detail.firewall.total} rules naming its ports: rules
            match by port, so containers on the same port share them.
          </p>
        )}
        <DataTable
          caption="Firewall rules"
          rows={detail.firewall.rules}
          rowKey={(r, i) => `${r.name}-${i}`}
          empty="No host firewall rule matches this container's ports."
          columns={[
            {
              header: 'Rule',
              cell: (r) => (
                <span className="wrap" title={r.name}>
                  {r.displayName ?? r.name}
                </span>
              ),
            },
            { header: 'Enabled', cell: (r) => (r.enabled ? 'yes' : 'no') },
            {
              header: 'Action',
              cell: (r) => <span className={r.action === 'block' ? 'text-bad' : ''}>{r.action}</span>,
            },
            { header: 'Direction', cell: (r) => r.direction },
            {
              header: 'Port',
              cell: (r) => (
                <span className="mono">{`${r.localPort}${r.protocol ? `/${r.protocol}` : ''}`}</span>
              ),
            },
            {
              header: 'Profiles',
              cell: (r) => (r.profiles.length === 3 ? 'all' : r.profiles.join(', ') || '—'),
            },
            { header: 'Effect', cell: (r) => <span className="wrap">{r.effect}</span> },
          ]}
        />
      </section>
      <section className="panel" aria-labelledby="cd-profiles">
        <h2 id="cd-profiles">Firewall profiles</h2>
        {profiles.kind === 'unknown' ? (
          <UnknownNote reason={`${profiles.reason} (${profiles.source.file})`} />
        ) : (
          <DataTable
            caption="Firewall profiles"
            rows={profiles.value}
            rowKey={(p) => p.name}
            empty="No profiles."
            columns={[
              { header: 'Profile', cell: (p) => p.name },
              {
                header: 'Enabled',
                cell: (p) => (p.enabled === null ? 'not configured' : p.enabled ? 'yes' : 'no'),
              },
              { header: 'Default inbound', cell: (p) => p.defaultInboundAction ?? 'block (not configured)' },
              {
                header: 'Local rules apply',
                cell: (p) =>
                  p.allowLocalFirewallRules === false ? (
                    <span className="text-bad">no (group policy)</span>
                  ) : p.allowLocalFirewallRules ? (
                    'yes'
                  ) : (
                    'yes (not configured)'
                  ),
              },
            ]}
          />
        )}
      </section>
    </>
  );
}

function FindingsTab({ detail }: { detail: ContainerDetail }): JSX.Element {
  if (detail.findings.length === 0) return <p className="muted">No findings concern this container.</p>;
  return (
    <div className="finding-list">
      {detail.findings.map((f, i) => (
        <FindingCard key={`${f.id}-${i}`} finding={{ ...f, key: `${f.id}-${i}`, subjectLinks: [] }} />
      ))}
    </div>
  );
}
