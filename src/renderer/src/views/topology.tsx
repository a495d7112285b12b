// Topology: the host and its adapters, the WinNAT instances, and each Docker network with its containers, drawn
// left to right in the order traffic from outside would pass them.

import type { JSX } from 'react';
import type { TopologyContainer, TopologyNetwork, TopologyView as Topology } from '../../../shared/views';
import { useQuery } from '../api/use-query';
import { useBundleKey } from '../app-context';
import { ArrowMarker } from '../components/arrow-marker';
import { DataTable } from '../components/data-table';
import { QueryView, UnknownNote } from '../components/states';
import { dash } from '../format';
import { useElementWidth } from '../hooks/use-element-width';
import { href } from '../router';

const HOST_W = 220;
const NAT_X = 270;
const NAT_W = 170;
const NET_X = 480;
const CHIP_W = 156;
const CHIP_H = 38;
const CHIP_GAP = 8;
const LANE_HEAD = 46;
const LANE_GAP = 18;
const MAX_CHIPS = 120;

export function TopologyView(): JSX.Element {
  const query = useQuery('topology:get', {}, useBundleKey());
  return (
    <div className="view">
      <header className="view-header">
        <h1 tabIndex={-1}>Topology</h1>
        <p className="muted">The host, its NAT, the container networks and the containers on them.</p>
      </header>
      <QueryView query={query} label="Drawing the network">
        {(view) => <TopologyPicture view={view} />}
      </QueryView>
    </div>
  );
}

interface Lane {
  readonly network: TopologyNetwork | null;
  readonly title: string;
  readonly subtitle: string;
  readonly containers: readonly TopologyContainer[];
  readonly y: number;
  readonly height: number;
  readonly perRow: number;
}

function TopologyPicture({ view }: { view: Topology }): JSX.Element {
  const [wrapRef, boxWidth] = useElementWidth<HTMLDivElement>(1000);
  const width = Math.max(820, boxWidth);

  const laneWidth = width - NET_X - 2;
  const perRow = Math.max(1, Math.floor((laneWidth - 2 * CHIP_GAP + CHIP_GAP) / (CHIP_W + CHIP_GAP)));
  let y = 0;
  const lanes: Lane[] = [];
  const addLane = (
    network: TopologyNetwork | null,
    title: string,
    subtitle: string,
    containers: readonly TopologyContainer[],
  ): void => {
    const shown = Math.min(containers.length, MAX_CHIPS) + (containers.length > MAX_CHIPS ? 1 : 0);
    const rows = Math.max(1, Math.ceil(shown / perRow));
    const height = LANE_HEAD + rows * (CHIP_H + CHIP_GAP) + CHIP_GAP;
    lanes.push({ network, title, subtitle, containers, y, height, perRow });
    y += height + LANE_GAP;
  };
  // Docker's built-in `none` network is drawn only when a container uses it.
  for (const n of view.networks.filter((n) => n.driver !== 'null' || n.containers.length > 0)) {
    addLane(n, n.name, [n.driver, ...n.subnets, ...switchWords(n)].join(' · '), n.containers);
  }
  if (view.detached.length > 0)
    addLane(null, 'No network', 'network mode none, or a network not in the bundle', view.detached);

  // Adapters with an address are drawn; the rest (hidden, disconnected) are counted.
  const adapters = view.host.adapters.filter((a) => a.addresses.length > 0);
  const unaddressed = view.host.adapters.length - adapters.length;
  const hostHeight = 52 + adapters.length * 46 + (unaddressed > 0 ? 24 : 0);
  /** The adapter row holding a network's gateway (the host's vEthernet on a nat network), where there is one. */
  const adapterY = (network: TopologyNetwork): number | null => {
    const index = adapters.findIndex((a) =>
      a.addresses.some((address) => network.gateways.includes(address.split('/')[0]!)),
    );
    return index === -1 ? null : 52 + index * 46 + 20;
  };
  const height = Math.max(y - LANE_GAP, hostHeight, 120) + 2;
  const natY = (name: string): number => {
    const lane = lanes.find((l) => l.network?.nat === name);
    return lane ? lane.y + LANE_HEAD / 2 - 22 : 0;
  };
  const usedNats = view.nats.filter((n) => lanes.some((l) => l.network?.nat === n.name));
  const looseNats = view.nats.filter((n) => !usedNats.includes(n));

  return (
    <>
      <div className="legend" aria-hidden="true">
        <span className="legend-item">
          <span className="swatch swatch-running" /> running
        </span>
        <span className="legend-item">
          <span className="swatch swatch-stopped" /> not running
        </span>
        <span className="legend-item">
          <span className="hv-tag">HV</span> Hyper-V isolated
        </span>
      </div>
      <div ref={wrapRef} className="topology">
        <svg
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          role="group"
          aria-label={describe(view)}
        >
          <defs>
            <ArrowMarker id="topo-arrow" size={6} orient="auto" className="topo-arrowhead" />
            {/* In each chip's own coordinates: long names are clipped, not cut, so their text stays whole. */}
            <clipPath id="chip-clip">
              <rect width={CHIP_W - 8} height={CHIP_H} />
            </clipPath>
            <clipPath id="chip-clip-hv">
              <rect width={CHIP_W - 34} height={CHIP_H} />
            </clipPath>
          </defs>
          {/* Edges first, so the boxes sit on top of them. */}
          {lanes.map((lane) => {
            // Network mode none (driver "null" on Windows) has no path to the host: draw no edge.
            if (lane.network === null || lane.network.driver === 'null' || lane.network.driver === 'none')
              return null;
            const laneMid = lane.y + LANE_HEAD / 2;
            const from = adapterY(lane.network) ?? 26;
            if (lane.network.nat !== null) {
              const ny = natY(lane.network.nat) + 22;
              return (
                <g key={`edge-${lane.network.id}`}>
                  <path
                    d={`M${HOST_W} ${from} C${HOST_W + 30} ${from} ${NAT_X - 30} ${ny} ${NAT_X - 2} ${ny}`}
                    className="topo-edge"
                    markerEnd="url(#topo-arrow)"
                  />
                  <path
                    d={`M${NAT_X + NAT_W} ${ny} C${NAT_X + NAT_W + 30} ${ny} ${NET_X - 30} ${laneMid} ${NET_X - 2} ${laneMid}`}
                    className="topo-edge"
                    markerEnd="url(#topo-arrow)"
                  />
                </g>
              );
            }
            return (
              <path
                key={`edge-${lane.network.id}`}
                d={`M${HOST_W} ${from} C${HOST_W + 120} ${from} ${NET_X - 120} ${laneMid} ${NET_X - 2} ${laneMid}`}
                className="topo-edge topo-edge-direct"
                markerEnd="url(#topo-arrow)"
              />
            );
          })}

          <g className="topo-host">
            <rect width={HOST_W} height={hostHeight} rx={8} className="topo-box" />
            <text x={12} y={22} className="topo-title">
              {view.host.name}
            </text>
            <text x={12} y={40} className="topo-sub">
              host · {view.host.adapters.length} adapters
            </text>
            {unaddressed > 0 && (
              <text x={12} y={hostHeight - 10} className="topo-sub">
                + {unaddressed} without an address
              </text>
            )}
            {adapters.map((a, i) => (
              <g key={`${a.name}-${i}`} transform={`translate(8 ${52 + i * 46})`}>
                <rect
                  width={HOST_W - 16}
                  height={40}
                  rx={5}
                  className={
                    a.status?.toLowerCase() === 'up' ? 'topo-adapter' : 'topo-adapter topo-adapter-down'
                  }
                />
                <text x={8} y={16} className="topo-label">
                  {truncate(a.name, 26)}
                </text>
                <text x={8} y={32} className="topo-mono">
                  {truncate(a.addresses.find((x) => !x.includes(':')) ?? a.addresses[0] ?? 'no address', 22)}
                  {a.category ? ` · ${a.category}` : ''}
                </text>
              </g>
            ))}
          </g>

          {usedNats.map((n) => (
            <g key={n.name} transform={`translate(${NAT_X} ${natY(n.name)})`} className="topo-nat">
              <rect width={NAT_W} height={44} rx={6} className="topo-box topo-nat-box" />
              <text x={10} y={18} className="topo-label">
                WinNAT {truncate(n.name, 16)}
              </text>
              <text x={10} y={34} className="topo-mono">
                {truncate(n.internalPrefix ?? 'prefix unknown', 24)}
              </text>
            </g>
          ))}

          {lanes.map((lane) => (
            <g key={lane.network?.id ?? 'detached'} transform={`translate(${NET_X} ${lane.y})`}>
              <rect
                width={laneWidth}
                height={lane.height}
                rx={8}
                className={lane.network ? 'topo-lane' : 'topo-lane topo-lane-detached'}
              />
              <text x={12} y={20} className="topo-title">
                {truncate(lane.title, 40)}
              </text>
              <text x={12} y={37} className="topo-sub">
                {truncate(lane.subtitle, 80)} · {lane.containers.length} container
                {lane.containers.length === 1 ? '' : 's'}
              </text>
              {lane.containers.slice(0, MAX_CHIPS).map((c, i) => (
                <ContainerChip
                  key={c.id}
                  container={c}
                  x={CHIP_GAP + (i % lane.perRow) * (CHIP_W + CHIP_GAP)}
                  y={LANE_HEAD + Math.floor(i / lane.perRow) * (CHIP_H + CHIP_GAP)}
                />
              ))}
              {lane.containers.length > MAX_CHIPS && (
                <g
                  transform={`translate(${CHIP_GAP + (MAX_CHIPS % lane.perRow) * (CHIP_W + CHIP_GAP)} ${LANE_HEAD + Math.floor(MAX_CHIPS / lane.perRow) * (CHIP_H + CHIP_GAP)})`}
                >
                  <a href={href(['containers'])}>
                    <desc>Opens the container table with every container.</desc>
                    <rect width={CHIP_W} height={CHIP_H} rx={5} className="topo-chip topo-chip-more" />
                    <text x={10} y={24} className="topo-label">
                      +{lane.containers.length - MAX_CHIPS} more
                    </text>
                  </a>
                </g>
              )}
            </g>
          ))}
        </svg>
      </div>
      <NetworkRoutes networks={view.networks} />
      {looseNats.length > 0 && (
        <p className="muted">
          WinNAT instances with no matching network:{' '}
          {looseNats.map((n) => `${n.name} (${n.internalPrefix ?? 'no prefix'})`).join(', ')}.
        </p>
      )}
      {view.unknowns.map((u) => (
        <UnknownNote key={u} reason={u} />
      ))}
    </>
  );
}

function ContainerChip({
  container,
  x,
  y,
}: {
  container: TopologyContainer;
  x: number;
  y: number;
}): JSX.Element {
  const running = container.state === 'running';
  const hyperv = container.isolation === 'hyperv';
  return (
    <g transform={`translate(${x} ${y})`}>
      <a href={href(['containers', container.id, 'network'])} className="topo-chip-link">
        {/* Named by its visible words; <desc> says what the outline and the tag mean. */}
        <desc>{`${container.state}, ${hyperv ? 'Hyper-V isolated' : 'process isolated'}`}</desc>
        <rect
          width={CHIP_W}
          height={CHIP_H}
          rx={5}
          className={running ? 'topo-chip topo-chip-running' : 'topo-chip topo-chip-stopped'}
        />
        <g clipPath={hyperv ? 'url(#chip-clip-hv)' : 'url(#chip-clip)'}>
          <text x={10} y={16} className="topo-label">
            {container.name}
          </text>
        </g>
        <text x={10} y={31} className="topo-mono">
          {container.ip ?? 'no address'}
        </text>
        {hyperv && (
          <g transform={`translate(${CHIP_W - 30} 6)`}>
            <rect width={24} height={14} rx={3} className="topo-hv" />
            <text x={12} y={11} textAnchor="middle" className="topo-hv-text">
              HV
            </text>
          </g>
        )}
      </a>
    </g>
  );
}

/** The vSwitch behind a network and the NAT HNS names, for the lane's second line. */
function switchWords(n: TopologyNetwork): string[] {
  const words: string[] = [];
  if (n.vSwitch) words.push(`vSwitch ${n.vSwitch.name}${n.vSwitch.type ? ` (${n.vSwitch.type})` : ''}`);
  if (n.nat === null && n.hnsNatName !== null) words.push('NAT by HNS, not in Get-NetNat');
  return words;
}

/**
 * The host routes over each network's prefix: its own (on its vEthernet) and any other, such as a VPN's, that
 * takes traffic for the containers elsewhere (failure catalogue #7, #11).
 */
function NetworkRoutes({ networks }: { networks: readonly TopologyNetwork[] }): JSX.Element | null {
  const shown = networks.filter((n) => n.routes.length > 0 || n.vSwitch !== null);
  if (shown.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="topo-routes">
      <h2 id="topo-routes">Switches and routes of the container networks</h2>
      {shown.map((n) => (
        <div key={n.id} className="topo-network-routes">
          <h3>
            {n.name} <span className="muted">{[...n.subnets, ...switchWords(n)].join(' · ')}</span>
          </h3>
          <DataTable
            caption={`Routes over ${n.name}`}
            rows={n.routes}
            rowKey={(r, i) => `${r.destinationPrefix}-${r.interfaceAlias ?? ''}-${i}`}
            empty="No host route covers this network's prefix."
            columns={[
              { header: 'Destination', cell: (r) => <span className="mono">{r.destinationPrefix}</span> },
              { header: 'Next hop', cell: (r) => <span className="mono">{r.nextHop ?? 'on-link'}</span> },
              { header: 'Interface', cell: (r) => dash(r.interfaceAlias) },
              { header: 'Metric', cell: (r) => dash(r.routeMetric), className: 'num' },
              {
                header: 'Whose',
                cell: (r) =>
                  r.own === true ? (
                    'this network (its vEthernet)'
                  ) : r.own === false ? (
                    <span className="text-bad">another interface: overlaps the network</span>
                  ) : (
                    <span className="muted">unknown</span>
                  ),
              },
            ]}
          />
        </div>
      ))}
    </section>
  );
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function describe(view: Topology): string {
  return `Host ${view.host.name} with ${view.host.adapters.length} adapters; ${view.networks
    .map(
      (n) =>
        `network ${n.name} (${[n.driver, ...(n.nat ? [`behind WinNAT ${n.nat}`] : []), ...switchWords(n)].join(', ')}) with ${n.containers.length} containers`,
    )
    .join('; ')}${view.detached.length ? `; ${view.detached.length} containers on no network` : ''}.`;
}
