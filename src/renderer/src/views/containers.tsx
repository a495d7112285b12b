// The container table: sortable, filterable, virtualised (only the visible rows are in the DOM, so 1,000
// containers scroll as smoothly as ten). One tab stop; arrow keys move the selection, Enter opens the container.

import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useMemo, useRef, useState, type JSX, type KeyboardEvent } from 'react';
import type { ContainerRow } from '../../../shared/views';
import { useQuery } from '../api/use-query';
import { useBundleKey } from '../app-context';
import { IsolationChip, SeverityBadge, StateChip } from '../components/chips';
import { Icon } from '../components/icons';
import { EmptyState, QueryView, UnknownNote } from '../components/states';
import { LabeledSelect } from '../components/labeled-select';
import { dash } from '../format';
import { href, navigate } from '../router';
import { severityRank } from '../severity';

const ROW_HEIGHT = 32;

interface ColumnSpec {
  readonly key: string;
  readonly label: string;
  readonly sortValue: (row: ContainerRow) => string | number;
  readonly cell: (row: ContainerRow) => JSX.Element | string;
  /** The whole text, for a cell too narrow to show it. */
  readonly title?: (row: ContainerRow) => string;
  readonly className?: string;
}

const COLUMNS: readonly ColumnSpec[] = [
  {
    key: 'name',
    label: 'Name',
    sortValue: (r) => r.name.toLowerCase(),
    cell: (r) => <span className="cell-strong">{r.name}</span>,
    title: (r) => r.name,
  },
  {
    key: 'image',
    label: 'Image',
    sortValue: (r) => r.image.toLowerCase(),
    cell: (r) => r.image,
    title: (r) => r.image,
  },
  { key: 'state', label: 'State', sortValue: (r) => r.state, cell: (r) => <StateChip state={r.state} /> },
  {
    key: 'isolation',
    label: 'Isolation',
    sortValue: (r) => r.isolation ?? 'zz',
    cell: (r) => <IsolationChip isolation={r.isolation} />,
  },
  {
    key: 'session',
    label: 'Session',
    sortValue: (r) => r.sessionId ?? Number.MAX_SAFE_INTEGER,
    cell: (r) => dash(r.sessionId),
    className: 'num',
  },
  {
    key: 'ips',
    label: 'IP addresses',
    sortValue: (r) => ipSortKey(r.ips[0]),
    cell: (r) => <span className="mono">{r.ips.join(', ') || '—'}</span>,
    title: (r) => r.ips.join(', '),
  },
  {
    key: 'ports',
    label: 'Published ports',
    sortValue: (r) => r.ports.join(','),
    cell: (r) => <span className="mono">{r.ports.join(', ') || '—'}</span>,
    title: (r) => r.ports.join(', '),
  },
  { key: 'disk', label: 'Disk', sortValue: (r) => r.disk ?? 'zz', cell: (r) => dash(r.disk) },
  {
    key: 'rules',
    label: 'Rules',
    sortValue: (r) => r.firewallRules,
    cell: (r) => String(r.firewallRules),
    className: 'num',
  },
  {
    key: 'reach',
    label: 'Reachability',
    // Most failing paths first when sorted ascending.
    sortValue: (r) => -r.reach.counts.unreachable * 1000 - r.reach.counts.unknown,
    cell: (r) => <ReachCell row={r} />,
    title: (r) =>
      r.reach.paths.map((p) => `${p.verdict}: ${p.port}/${p.protocol} from ${p.fromLabel}`).join('\n'),
  },
  {
    key: 'worst',
    label: 'Finding',
    sortValue: (r) => (r.worstSeverity === null ? 9 : severityRank(r.worstSeverity)),
    cell: (r) =>
      r.worstSeverity === null ? (
        <span className="muted">none</span>
      ) : (
        <SeverityBadge severity={r.worstSeverity} />
      ),
  },
];

export function ContainersView(): JSX.Element {
  const query = useQuery('containers:list', {}, useBundleKey());
  return (
    <div className="view view-fill">
      <header className="view-header">
        <h1 tabIndex={-1}>Containers</h1>
      </header>
      <QueryView query={query} label="Listing containers">
        {(view) =>
          view.kind === 'unknown' ? (
            <UnknownNote reason={view.reason} />
          ) : view.rows.length === 0 ? (
            <EmptyState title="No containers on this host">
              <p className="muted">Docker reported no containers, running or stopped.</p>
            </EmptyState>
          ) : (
            <ContainerTable rows={view.rows} />
          )
        }
      </QueryView>
    </div>
  );
}

export function ContainerTable({ rows }: { rows: readonly ContainerRow[] }): JSX.Element {
  const [filter, setFilter] = useState('');
  const [stateFilter, setStateFilter] = useState<'all' | 'running' | 'stopped'>('all');
  const [isolationFilter, setIsolationFilter] = useState<'all' | 'process' | 'hyperv'>('all');
  const [sort, setSort] = useState<{ key: string; direction: 'asc' | 'desc' }>({
    key: 'name',
    direction: 'asc',
  });
  const [active, setActive] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);

  // The text each row is searched in, built once per list.
  const haystacks = useMemo(
    () =>
      new Map(
        rows.map((r) => [
          r.id,
          [r.name, r.image, r.id, r.service ?? '', ...r.ips, ...r.ports].join(' ').toLowerCase(),
        ]),
      ),
    [rows],
  );
  const visible = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const column = COLUMNS.find((c) => c.key === sort.key) ?? COLUMNS[0]!;
    const sign = sort.direction === 'asc' ? 1 : -1;
    return rows
      .filter(
        (r) =>
          (needle === '' || haystacks.get(r.id)!.includes(needle)) &&
          (stateFilter === 'all' || (stateFilter === 'running') === (r.state === 'running')) &&
          (isolationFilter === 'all' || r.isolation === isolationFilter),
      )
      .map((r) => ({ r, v: column.sortValue(r) }))
      .sort((a, b) => (a.v < b.v ? -sign : a.v > b.v ? sign : a.r.name.localeCompare(b.r.name)))
      .map(({ r }) => r);
  }, [rows, haystacks, filter, stateFilter, isolationFilter, sort]);

  // TanStack Virtual hands back functions the React Compiler cannot memoize; this app does not run the compiler,
  // so the warning (compilation skipped) has nothing to act on.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const activeIndex = Math.min(active, Math.max(visible.length - 1, 0));

  const move = (index: number): void => {
    const next = Math.max(0, Math.min(visible.length - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 320) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(activeIndex + 1),
      ArrowUp: () => move(activeIndex - 1),
      PageDown: () => move(activeIndex + page),
      PageUp: () => move(activeIndex - page),
      Home: () => move(0),
      End: () => move(visible.length - 1),
      Enter: () => {
        const row = visible[activeIndex];
        if (row) navigate(href(['containers', row.id]));
      },
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };
  const open = useCallback((index: number, id: string) => {
    setActive(index);
    navigate(href(['containers', id]));
  }, []);
  const toggleSort = (key: string): void =>
    setSort((s) =>
      s.key === key ? { key, direction: s.direction === 'asc' ? 'desc' : 'asc' } : { key, direction: 'asc' },
    );

  return (
    <>
      <div className="toolbar" role="search">
        <label className="visually-hidden" htmlFor="container-filter">
          Filter containers
        </label>
        <input
          id="container-filter"
          className="input input-search"
          type="search"
          placeholder="Filter by name, image, id, IP or port"
          value={filter}
          onChange={(e) => {
            setFilter(e.target.value);
            setActive(0);
          }}
          spellCheck={false}
        />
        <LabeledSelect
          label="State"
          value={stateFilter}
          onChange={setStateFilter}
          options={[
            { value: 'all', label: 'All' },
            { value: 'running', label: 'Running' },
            { value: 'stopped', label: 'Not running' },
          ]}
        />
        <LabeledSelect
          label="Isolation"
          value={isolationFilter}
          onChange={setIsolationFilter}
          options={[
            { value: 'all', label: 'All' },
            { value: 'process', label: 'Process' },
            { value: 'hyperv', label: 'Hyper-V' },
          ]}
        />
        <span className="muted toolbar-count" role="status" aria-live="polite">
          {visible.length === rows.length
            ? `${rows.length.toLocaleString()} containers`
            : `${visible.length.toLocaleString()} of ${rows.length.toLocaleString()}`}
        </span>
      </div>
      <div
        className="vgrid"
        role="grid"
        aria-label="Containers"
        aria-rowcount={visible.length + 1}
        aria-colcount={COLUMNS.length}
        aria-activedescendant={visible.length ? `container-row-${activeIndex}` : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <div role="rowgroup" className="vgrid-head">
          <div role="row" aria-rowindex={1} className="vgrid-row">
            {COLUMNS.map((c) => (
              <div
                key={c.key}
                role="columnheader"
                className={`vgrid-cell ${c.className ?? ''}`}
                aria-sort={
                  sort.key === c.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'
                }
              >
                <button type="button" className="sort-button" tabIndex={-1} onClick={() => toggleSort(c.key)}>
                  {c.label}
                  {sort.key === c.key && (
                    <Icon name={sort.direction === 'asc' ? 'sort-asc' : 'sort-desc'} size={12} />
                  )}
                </button>
              </div>
            ))}
          </div>
        </div>
        <div ref={scrollRef} className="vgrid-body" data-testid="container-scroll">
          {visible.length === 0 ? (
            <p className="muted vgrid-empty">No container matches the filter.</p>
          ) : (
            <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((item) => (
                <GridRow
                  key={visible[item.index]!.id}
                  row={visible[item.index]!}
                  index={item.index}
                  start={item.start}
                  active={item.index === activeIndex}
                  onOpen={open}
                />
              ))}
            </div>
          )}
        </div>
      </div>
    </>
  );
}

/**
 * One table row. Memoised: while scrolling only the rows that come into view render; the ones already there keep
 * their DOM untouched except for their position.
 */
const GridRow = memo(function GridRow({
  row,
  index,
  start,
  active,
  onOpen,
}: {
  row: ContainerRow;
  index: number;
  start: number;
  active: boolean;
  onOpen: (index: number, id: string) => void;
}): JSX.Element {
  return (
    <div
      id={`container-row-${index}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={active}
      className={active ? 'vgrid-row vgrid-active' : 'vgrid-row'}
      style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT }}
      onClick={() => onOpen(index, row.id)}
    >
      {COLUMNS.map((c) => (
        <div
          key={c.key}
          role="gridcell"
          className={`vgrid-cell ${c.className ?? ''}`}
          title={c.title?.(row) || undefined}
        >
          {c.cell(row)}
        </div>
      ))}
    </div>
  );
});

/** The worst verdict first: "2 of 4 unreachable", or every path reachable. */
function ReachCell({ row }: { row: ContainerRow }): JSX.Element {
  const { counts, paths } = row.reach;
  if (paths.length === 0) return <span className="muted">no port</span>;
  const worst = counts.unreachable > 0 ? 'unreachable' : counts.unknown > 0 ? 'unknown' : 'reachable';
  return (
    <span className={`reach-cell verdict-${worst}`}>
      {worst === 'reachable'
        ? `all ${paths.length} reachable`
        : `${counts[worst]} of ${paths.length} ${worst}`}
    </span>
  );
}

/** IPv4 addresses sort numerically; anything else after them, as text. */
function ipSortKey(ip: string | undefined): string {
  if (ip === undefined) return '~';
  const parts = ip.split('.');
  return parts.length === 4 ? parts.map((p) => p.padStart(3, '0')).join('.') : `~${ip}`;
}
