// `hostscope summary` as text: the core host summary in tables, wrapped to the terminal width.
import type { SummaryJson } from '../../core/summary';
import { safeText, type Style } from './style';
import { table } from './table';
import { wrap } from './wrap';

const STATUS_PAINT: Record<string, keyof Style> = {
  ok: 'green',
  missing: 'dim',
  skipped: 'dim',
  unsupported: 'yellow',
  invalid: 'red',
  failed: 'red',
  timeout: 'red',
};

export function formatSummary(s: SummaryJson, style: Style, width = 100): string {
  const out: string[] = [];
  const h = s.host;
  const title = h.computerName ?? '(unknown host)';
  const os = [
    h.caption,
    h.build !== null ? `build ${h.build}${h.ubr !== null ? `.${h.ubr}` : ''}` : null,
    h.installationType,
  ]
    .filter(Boolean)
    .join(', ');
  // Every line is wrapped to the width: names and paths come from the host and can be long.
  const lines = (text: string, paint: (line: string) => string = (l) => l, rest = '  '): string[] =>
    wrap(text, width, '', rest).map(paint);
  const [first = '', ...more] = lines(`${title}${os ? `: ${os}` : ''}`);
  out.push(first.replace(safeText(title), style.bold(safeText(title))), ...more);
  if (h.unknown) out.push(...lines(`  host details unknown: ${h.unknown}`, style.yellow, '    '));
  const e = s.engine;
  out.push(
    ...lines(
      `Docker ${e.version ?? '?'} (API ${e.apiVersion ?? '?'}), default isolation ${e.defaultIsolation ?? 'unknown'}, swarm ${e.swarm ?? 'unknown'}` +
        (e.dockerRootDir ? `, root ${e.dockerRootDir}` : ''),
    ),
  );
  if (e.unknown) out.push(...lines(`  engine details unknown: ${e.unknown}`, style.yellow, '    '));
  out.push(
    ...lines(
      `Bundle ${s.bundle.source}${s.bundle.collectedAt ? `, collected ${s.bundle.collectedAt}` : ''}`,
      style.dim,
    ),
  );
  out.push('');
  out.push(style.bold(`Containers (${s.containers.length})`));
  if (s.containersUnknown) out.push(...lines(`  unknown: ${s.containersUnknown}`, style.yellow, '    '));
  else if (s.containers.length === 0) out.push('  none');
  else
    out.push(
      table(
        s.containers,
        [
          { header: 'NAME', value: (c) => c.name, min: 12 },
          { header: 'ID', value: (c) => c.id.slice(0, 12), min: 12 },
          {
            header: 'STATE',
            value: (c) => c.state,
            paint: (c, st) => (c.state === 'running' ? st.green : st.dim),
          },
          { header: 'ISOLATION', value: (c) => c.isolation ?? 'unknown' },
          {
            header: 'NETWORKS',
            value: (c) => c.networks.map((n) => (n.ip ? `${n.name} ${n.ip}` : n.name)).join(', ') || '-',
          },
          { header: 'PORTS', value: (c) => c.publishedPorts.join(', ') || '-' },
        ],
        style,
        width,
      ),
    );
  out.push('');
  out.push(style.bold('Probes'));
  out.push(
    table(
      s.probes,
      [
        { header: 'PROBE', value: (p) => p.id, min: 22 },
        {
          header: 'STATUS',
          value: (p) => p.status,
          paint: (p, st) => st[STATUS_PAINT[p.status] ?? 'dim'],
          min: 11,
        },
        { header: 'DETAIL', value: (p) => p.detail },
      ],
      style,
      width,
    ),
  );
  const problems = s.probes.filter((p) => p.status !== 'ok' && p.status !== 'missing');
  if (problems.length > 0) {
    out.push('');
    out.push(style.bold('What went wrong'));
    for (const p of problems) {
      const paint = style[STATUS_PAINT[p.status] ?? 'dim'];
      const [first = '', ...rest] = wrap(p.detail, width, `  ${p.id}: `, '    ');
      out.push(first.replace(p.id, paint(p.id)), ...rest);
    }
  }
  const missing = s.probes.filter((p) => p.status === 'missing').length;
  if (missing > 0)
    out.push(
      style.dim(
        `${missing} probe${missing === 1 ? '' : 's'} not collected: what depends on them is reported as unknown.`,
      ),
    );
  return out.join('\n') + '\n';
}
