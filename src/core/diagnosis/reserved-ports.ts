// Reserved ports (failure catalogue 2; knowledge notes section 10): `netsh int ipv4 show excludedportrange` lists
// ranges no process can bind, Hyper-V/WinNAT's 100-port blocks and administered (`*`) exclusions alike. A
// published port, or the engine's own port, inside one cannot be bound: the container does not start.

import type { Evidence } from '../../shared/diagnosis';
import type { ExcludedPortRange, HostModel } from '../../shared/model';
import { evidenceFrom, missingNote } from './known';

export type Reservation =
  | { readonly kind: 'reserved'; readonly range: ExcludedPortRange; readonly evidence: Evidence }
  | { readonly kind: 'free'; readonly evidence: Evidence }
  | { readonly kind: 'unknown'; readonly note: string };

export const rangeText = (r: ExcludedPortRange): string =>
  `${r.start}-${r.end}${r.administered ? ' *' : ''} (${r.family} ${r.protocol})`;

/** Whether an IPv4 port of this protocol lies in an excluded range; unknown where that listing was not collected. */
export function reservation(model: HostModel, protocol: 'tcp' | 'udp', port: number): Reservation {
  const known = model.portExclusions;
  if (known.kind === 'unknown') return { kind: 'unknown', note: missingNote(known) };
  const listed = known.value.listings.some(
    (l) => l.kind === 'excluded' && l.family === 'ipv4' && l.protocol === protocol,
  );
  if (!listed)
    return {
      kind: 'unknown',
      note: `${known.source.file} holds no ipv4 ${protocol} exclusion listing (netsh int ipv4 show excludedportrange protocol=${protocol})`,
    };
  const range = known.value.ranges.find(
    (r) => r.family === 'ipv4' && r.protocol === protocol && r.start <= port && port <= r.end,
  );
  if (range)
    return {
      kind: 'reserved',
      range,
      evidence: evidenceFrom(known.source, `excluded ${rangeText(range)} holds ${port}/${protocol}`),
    };
  const count = known.value.ranges.filter((r) => r.family === 'ipv4' && r.protocol === protocol).length;
  return {
    kind: 'free',
    evidence: evidenceFrom(
      known.source,
      `${port}/${protocol} is in none of ${count} excluded ipv4 ${protocol} ranges`,
    ),
  };
}

/**
 * The catalogue's fix: stop winnat (it drops its dynamic reservations), reserve the port for yourself, start winnat
 * (docker/for-win#3171). An administered range is someone's persistent exclusion: it has to be deleted first.
 */
export function reservedPortCommand(range: ExcludedPortRange, port: number): string {
  const family = range.family === 'ipv6' ? 'ipv6' : 'ipv4';
  const drop = range.administered
    ? `netsh int ${family} delete excludedportrange protocol=${range.protocol} startport=${range.start} numberofports=${range.end - range.start + 1}; `
    : '';
  return `net stop winnat; ${drop}netsh int ${family} add excludedportrange protocol=${range.protocol} startport=${port} numberofports=1 store=persistent; net start winnat`;
}
