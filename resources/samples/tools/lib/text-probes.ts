// The two probes that only exist as console text: `netstat -ano` and `hcsdiag list`.

export interface NetstatRow {
  readonly proto: 'TCP' | 'UDP';
  readonly local: string;
  /** TCP only; listeners use 0.0.0.0:0 or [::]:0. */
  readonly remote?: string;
  readonly state?: 'LISTENING' | 'ESTABLISHED' | 'TIME_WAIT' | 'CLOSE_WAIT' | 'SYN_SENT';
  readonly pid: number;
}

export function listen(local: string, pid: number): NetstatRow {
  return { proto: 'TCP', local, remote: local.startsWith('[') ? '[::]:0' : '0.0.0.0:0', state: 'LISTENING', pid };
}

export function udp(local: string, pid: number): NetstatRow {
  return { proto: 'UDP', local, pid };
}

export function tcp(local: string, remote: string, state: NonNullable<NetstatRow['state']>, pid: number): NetstatRow {
  return { proto: 'TCP', local, remote, state, pid };
}

/** Both address families of a wildcard listener, as most Windows services open them. */
export function listenBoth(port: number, pid: number): NetstatRow[] {
  return [listen(`0.0.0.0:${port}`, pid), listen(`[::]:${port}`, pid)];
}

/**
 * `netstat -ano` as a Windows console writes it: CRLF, fixed header, TCP before UDP, IPv4 before IPv6, rows
 * ordered by local address and port. A column that outgrows its width pushes the rest right by one space.
 */
export function renderNetstat(rows: readonly NetstatRow[]): string {
  const cell = (text: string, width: number): string => (text.length >= width ? `${text} ` : text.padEnd(width));
  const sorted = [...rows].sort((a, b) => rank(a) - rank(b) || compareEndpoint(a.local, b.local) || compareEndpoint(a.remote ?? '', b.remote ?? ''));
  const lines = sorted.map((r) =>
    r.proto === 'TCP'
      ? `  ${cell('TCP', 7)}${cell(r.local, 23)}${cell(r.remote ?? '', 23)}${cell(r.state ?? '', 16)}${r.pid}`
      : `  ${cell('UDP', 7)}${cell(r.local, 23)}${cell('*:*', 23)}${' '.repeat(16)}${r.pid}`,
  );
  return ['', 'Active Connections', '', '  Proto  Local Address          Foreign Address        State           PID', ...lines, ''].join('\r\n');
}

function rank(row: NetstatRow): number {
  return (row.proto === 'TCP' ? 0 : 2) + (row.local.startsWith('[') ? 1 : 0);
}

function compareEndpoint(a: string, b: string): number {
  const split = (e: string): [string, number] => {
    const at = e.lastIndexOf(':');
    return [e.slice(0, at), Number(e.slice(at + 1)) || 0];
  };
  const [addrA, portA] = split(a);
  const [addrB, portB] = split(b);
  return compareAddress(addrA, addrB) || portA - portB;
}

function compareAddress(a: string, b: string): number {
  const key = (x: string): string =>
    /^\d+\.\d+\.\d+\.\d+$/.test(x) ? x.split('.').map((o) => o.padStart(3, '0')).join('.') : x;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

export interface HcsSystemRow {
  readonly id: string;
  readonly type: 'Container' | 'VM';
  readonly state: 'Running' | 'Stopped' | 'Paused';
  readonly guid: string;
  readonly owner: string;
}

/** `hcsdiag list`: the system id, then an indented `Type, State, GUID, Owner` line; a blank line between systems. */
export function renderHcsdiag(systems: readonly HcsSystemRow[]): string {
  const blocks = systems.map((s) => `${s.id}\r\n    ${`${s.type},`.padEnd(28)}${`${s.state},`.padEnd(9)}${s.guid.toLowerCase()}, ${s.owner}\r\n`);
  return blocks.join('\r\n');
}
