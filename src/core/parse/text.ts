// Text probe output: `netstat -ano` and `hcsdiag list`. No fixed widths (columns shift with localisation and
// PowerShell version, knowledge notes section 9): rows are split on runs of white space.
import type { HcsSystem, Listener } from '../../shared/model';
import type { Parsed } from '../parsed';

/** A text parser's outcome: the one `Parsed` of core (core/parsed.ts). */
export type TextParse<T> = Parsed<T>;

/** "0.0.0.0:135", "[::]:135", "[fe80::1%4]:546", "*:*" -> address and port. */
function splitEndpoint(value: string): { address: string; port: number | null } | null {
  const bracket = /^\[([^\]]+)\]:(\d+|\*)$/.exec(value);
  if (bracket) return { address: bracket[1]!, port: bracket[2] === '*' ? null : Number(bracket[2]) };
  const at = value.lastIndexOf(':');
  if (at <= 0) return null;
  const port = value.slice(at + 1);
  if (port !== '*' && !/^\d+$/.test(port)) return null;
  return { address: value.slice(0, at), port: port === '*' ? null : Number(port) };
}

const ANY_REMOTE = /^(0\.0\.0\.0|::|\*|\[::\])$/;

/**
 * Windows `netstat -ano` rows (`TCP 0.0.0.0:80 0.0.0.0:0 LISTENING 4`, `UDP [::]:500 *:* 3080`), and the Linux
 * form (`tcp 0 0 0.0.0.0:80 0.0.0.0:* LISTEN`) that a Linux engine's containers give. Localised state names are
 * kept; a TCP socket whose remote end is the any-address with port 0 is listening whatever the language.
 */
export function parseNetstat(text: string): TextParse<Listener[]> {
  const rows: Listener[] = [];
  let sawHeader = false;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const tokens = lines[i]!.trim().split(/\s+/);
    const proto = tokens[0]?.toLowerCase() ?? '';
    if (proto === 'proto') {
      sawHeader = true;
      continue;
    }
    const isTcp = proto === 'tcp' || proto === 'tcp6';
    const isUdp = proto === 'udp' || proto === 'udp6';
    if (!isTcp && !isUdp) continue;
    // Linux netstat puts Recv-Q and Send-Q before the addresses.
    const linux = tokens.length >= 5 && /^\d+$/.test(tokens[1] ?? '') && /^\d+$/.test(tokens[2] ?? '');
    const cells = linux ? [tokens[0]!, ...tokens.slice(3)] : tokens;
    const local = splitEndpoint(cells[1] ?? '');
    const remote = splitEndpoint(cells[2] ?? '');
    if (!local || local.port === null) {
      return {
        kind: 'invalid',
        reason: `expected a local address:port in the second column; got "${cells[1] ?? ''}"`,
        location: `line ${i + 1}`,
      };
    }
    // TCP rows carry a state column before the PID; UDP rows do not.
    const pidCell = cells[isTcp ? 4 : 3];
    const pid = pidCell !== undefined && /^\d+$/.test(pidCell) ? Number(pidCell) : null;
    let state: string | null = null;
    if (isTcp) {
      state = cells[3] ?? null;
      const listening = state?.toUpperCase() === 'LISTENING' || state?.toUpperCase() === 'LISTEN';
      if (
        listening ||
        (remote && ANY_REMOTE.test(remote.address) && (remote.port === 0 || remote.port === null) && !linux)
      )
        state = 'Listen';
    }
    rows.push({
      protocol: isTcp ? 'tcp' : 'udp',
      localAddress: local.address,
      localPort: local.port,
      remoteAddress: remote ? remote.address : null,
      remotePort: remote ? remote.port : null,
      state,
      pid,
    });
  }
  if (rows.length === 0 && !sawHeader) {
    return {
      kind: 'invalid',
      reason: 'expected `netstat -ano` output: no "Proto" header and no TCP or UDP rows',
    };
  }
  return { kind: 'ok', value: rows };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `hcsdiag list`: each compute system as its id on one line, then an indented `Type, State, <GUID>, Owner`
 * line (knowledge notes section 2; the exact lines for Docker containers are unconfirmed, so fields that do
 * not look as expected are left null rather than guessed).
 */
export function parseHcsdiag(text: string): TextParse<HcsSystem[]> {
  const systems: HcsSystem[] = [];
  let current: { id: string } | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    if (!/^\s/.test(line)) {
      if (current) systems.push({ id: current.id, type: null, state: null, vmGuid: null, owner: null });
      current = { id: line.trim().toLowerCase() };
      continue;
    }
    if (!current) continue;
    const fields = line.split(',').map((f) => f.trim());
    const guid = fields.find((f) => GUID.test(f)) ?? null;
    systems.push({
      id: current.id,
      type: fields[0] || null,
      state: fields[1] || null,
      vmGuid: guid ? guid.toLowerCase() : null,
      owner: fields.length > 3 ? fields.slice(3).join(', ') || null : null,
    });
    current = null;
  }
  if (current) systems.push({ id: current.id, type: null, state: null, vmGuid: null, owner: null });
  return { kind: 'ok', value: systems };
}

/**
 * `Label . . . . : value` (ipconfig, netsh, hnsdiag): split at the first colon (full-width in Chinese output), the
 * label without its dot leaders. Found with indexOf rather than a regular expression, so a hostile line of
 * dots and spaces costs linear time. Null where the line has no colon.
 */
export function labelledValue(line: string): { readonly label: string; readonly value: string } | null {
  const ascii = line.indexOf(':');
  const wide = line.indexOf('：');
  const cut = ascii === -1 ? wide : wide === -1 ? ascii : Math.min(ascii, wide);
  if (cut === -1) return null;
  let end = cut;
  while (end > 0 && (line[end - 1] === '.' || line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  return { label: line.slice(0, end).trim(), value: line.slice(cut + 1).trim() };
}
