// What `hostscope collect` shows while it works and when it is done. Pure: state in, lines out; the command
// owns the terminal. Text from a host (errors naming containers) is stripped of control characters.
import type { ProbeStatus } from '../shared/model';
import type { ProbeProgress } from '../collect/types';
import type { HostResult } from '../collect/collect-host';
import { safeText, type Style } from './format/style';
import { ownSequence } from './terminal';

export interface ProbeLine {
  readonly target: string | null;
  readonly id: string;
  readonly state: 'running' | ProbeStatus;
  readonly startedAt: number;
  readonly durationMs: number | null;
  readonly error: string | null;
}

/** Probe lines in the order they first showed up. */
export type ProgressState = readonly ProbeLine[];

export interface RenderOptions {
  readonly style: Style;
  readonly columns: number;
  /** Prefix lines with the computer: when several are collected at once. */
  readonly showTarget: boolean;
  /** Beyond this many lines, finished `ok` probes fold into one count line so the block fits the screen. */
  readonly maxLines: number;
}

export function applyProgress(state: ProgressState, event: ProbeProgress, now: number): ProgressState {
  const target = event.target ?? null;
  const index = state.findIndex((l) => l.id === event.id && l.target === target);
  const line: ProbeLine =
    event.kind === 'started'
      ? { target, id: event.id, state: 'running', startedAt: now, durationMs: null, error: null }
      : {
          target,
          id: event.id,
          state: event.status,
          startedAt: index >= 0 ? state[index]!.startedAt : now - event.durationMs,
          durationMs: event.durationMs,
          error: event.error ?? null,
        };
  return index >= 0 ? state.map((l, i) => (i === index ? line : l)) : [...state, line];
}

/** The live block: one line per probe with its state and time, each cut to the terminal width. */
export function renderProgress(state: ProgressState, now: number, options: RenderOptions): string[] {
  let shown: readonly ProbeLine[] = state;
  const folded: string[] = [];
  if (state.length > options.maxLines) {
    shown = state.filter((l) => l.state !== 'ok');
    const ok = state.length - shown.length;
    if (ok > 0) folded.push(options.style.dim(`${ok} probes ok`));
    const room = Math.max(1, options.maxLines - folded.length - 1);
    if (shown.length > room) {
      // Keep what is still running and the latest troubles in view.
      const running = shown.filter((l) => l.state === 'running');
      const rest = shown.filter((l) => l.state !== 'running');
      const keep = [
        ...running,
        ...rest.slice(Math.max(0, rest.length - Math.max(0, room - running.length))),
      ].slice(0, room);
      folded.push(options.style.dim(`... and ${shown.length - keep.length} more`));
      shown = keep;
    }
  }
  const idWidth = Math.min(24, Math.max(0, ...shown.map((l) => l.id.length)));
  const targetWidth = options.showTarget
    ? Math.min(20, Math.max(0, ...shown.map((l) => (l.target ?? '').length)))
    : 0;
  return [...folded, ...shown.map((line) => probeLine(line, now, idWidth, targetWidth, options))];
}

function probeLine(
  line: ProbeLine,
  now: number,
  idWidth: number,
  targetWidth: number,
  options: RenderOptions,
): string {
  const elapsed = line.durationMs ?? Math.max(0, now - line.startedAt);
  const status = line.state.padEnd(12);
  const time = formatDuration(elapsed).padStart(8);
  const target = options.showTarget ? `${safeText(line.target ?? '').padEnd(targetWidth)}  ` : '';
  const tail = line.error === null ? '' : `  ${oneLine(line.error)}`;
  const plainRest = `${time}  ${target}${safeText(line.id).padEnd(idWidth)}${tail}`;
  const width = Math.max(20, options.columns - 1);
  const rest = fit(plainRest.trimEnd(), width - status.length);
  return `${colour(line.state, options.style)(status)}${rest}`;
}

/** One line per finished probe, for logs and pipes where a redrawn block would be noise. */
export function plainProgressLine(event: ProbeProgress, showTarget: boolean): string | null {
  if (event.kind !== 'finished') return null;
  const target = showTarget && event.target !== undefined ? `[${safeText(event.target)}] ` : '';
  const error = event.error === undefined ? '' : `: ${oneLine(event.error)}`;
  return `${target}${safeText(event.id)} ${event.status} ${formatDuration(event.durationMs)}${error}`;
}

/** Cursor movement that replaces the previous block of `previous` lines with `lines`. */
export function redraw(previous: number, lines: readonly string[]): string {
  const up = previous > 0 ? ownSequence(`\u001b[${previous}F`) : '';
  const eraseLine = ownSequence('\u001b[2K');
  return `${up}${lines.map((l) => `${eraseLine}${l}\n`).join('')}${ownSequence('\u001b[J')}`;
}

/** The end of a collection: counts by status and where each bundle is, then what went wrong. */
export function renderSummary(
  results: readonly HostResult[],
  elapsedMs: number,
  style: Style,
  columns: number,
): string {
  const out: string[] = [];
  for (const result of results) {
    const counts = new Map<ProbeStatus, number>();
    for (const run of result.runs) counts.set(run.status, (counts.get(run.status) ?? 0) + 1);
    const order: readonly ProbeStatus[] = ['ok', 'failed', 'timeout', 'unsupported', 'skipped'];
    const parts = order.filter((s) => counts.has(s)).map((s) => colour(s, style)(`${counts.get(s)} ${s}`));
    out.push(
      `${style.bold(safeText(result.computer))}: ${result.runs.length} probes in ${formatDuration(elapsedMs)}${parts.length ? ` - ${parts.join(', ')}` : ''}`,
    );
    if (result.kind === 'written')
      out.push(
        `  bundle: ${result.bundle.path} (${result.bundle.files} files, ${formatBytes(result.bundle.bytes)})`,
      );
    else out.push(`  ${style.red('no bundle')}: ${oneLine(result.error)}`);
    for (const run of result.runs) {
      if (run.status === 'failed' || run.status === 'timeout')
        out.push(fit(`  ${run.id} ${run.status}: ${oneLine(run.error ?? '')}`, Math.max(20, columns - 1)));
    }
  }
  return `${out.join('\n')}\n`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function colour(state: ProbeLine['state'], style: Style): (s: string) => string {
  switch (state) {
    case 'ok':
      return style.green;
    case 'failed':
    case 'timeout':
      return style.red;
    case 'unsupported':
      return style.yellow;
    case 'skipped':
      return style.dim;
    case 'running':
      return style.cyan;
  }
}

function oneLine(text: string): string {
  return safeText(text.replace(/\s*\r?\n\s*/g, ' ').trim());
}

function fit(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 3))}...`;
}
