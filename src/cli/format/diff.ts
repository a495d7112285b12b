// `hostscope diff` for a person: the two collections, each change with its before and after, the paths whose
// verdict changed and the findings added and resolved. The JSON form (`--json`) carries the evidence in full.

import type { Finding } from '../../shared/diagnosis';
import type { Change, DiffResult, DiffSide, PathState } from '../../shared/diff';
import type { Style } from './style';
import { wrap } from './wrap';

const INDENT = '  ';

function sideLine(label: string, side: DiffSide): string {
  const boot = side.lastBootUpTime ? `, booted ${side.lastBootUpTime}` : '';
  return `${label} ${side.computerName ?? '(no computer name)'} collected ${side.collectedAt ?? '(unknown time)'}${boot}: ${side.source}`;
}

function changeLine(c: Change): string {
  const word = c.kind.startsWith(`${c.area}-`) ? c.kind.slice(c.area.length + 1) : c.kind;
  if (c.before === null) return `${c.label}: ${word}: ${c.after ?? ''}`;
  if (c.after === null) return `${c.label}: ${word}: was ${c.before}`;
  return `${c.label}: ${c.field ?? word} ${c.before} -> ${c.after}${word === 'changed' ? '' : ` (${word})`}`;
}

function pathText(state: PathState | null): string {
  if (state === null) return 'no such path';
  return `${state.verdict}${state.reason ? ` (${state.reason})` : ''}`;
}

function findingLines(title: string, list: readonly Finding[], style: Style, width: number): string[] {
  if (list.length === 0) return [];
  const out = ['', style.bold(`${title} (${list.length})`)];
  for (const f of list)
    out.push(...wrap(`${f.severity.toUpperCase()} ${f.title} [${f.id}]`, width, INDENT, INDENT + '  '));
  return out;
}

export function formatDiff(result: DiffResult, style: Style, width = 100): string {
  if (result.kind === 'different-hosts') return `${style.red(result.message)}\n`;
  const d = result.diff;
  const out: string[] = [sideLine('Older:', d.older), sideLine('Newer:', d.newer)].flatMap((l) =>
    wrap(l, width, '', INDENT),
  );
  for (const note of d.notes) out.push(...wrap(`Note: ${note}`, width, '', INDENT).map(style.yellow));
  out.push(
    '',
    style.bold(
      `${d.changes.length} change${d.changes.length === 1 ? '' : 's'}, ${d.verdictChanges.length} path${d.verdictChanges.length === 1 ? '' : 's'} with another verdict, ${d.findingsAdded.length} finding${d.findingsAdded.length === 1 ? '' : 's'} added, ${d.findingsResolved.length} resolved`,
    ),
  );
  let area = '';
  for (const c of d.changes) {
    if (c.area !== area) {
      area = c.area;
      out.push('', style.bold(area));
    }
    out.push(...wrap(changeLine(c), width, INDENT, INDENT + '  '));
    const fact = c.evidence[c.evidence.length - 1];
    if (fact) out.push(...wrap(`${fact.file}: ${fact.detail}`, width, INDENT + '  ').map(style.dim));
  }
  if (d.verdictChanges.length > 0) {
    out.push('', style.bold('reachability'));
    for (const v of d.verdictChanges) {
      const line = `${v.container.name} ${v.port}/${v.protocol} from ${v.fromLabel}: ${pathText(v.before)} -> ${pathText(v.after)}`;
      const worse = v.after?.verdict === 'unreachable';
      out.push(...wrap(line, width, INDENT, INDENT + '  ').map(worse ? style.red : (s: string) => s));
    }
  }
  out.push(
    ...findingLines('findings added', d.findingsAdded, style, width),
    ...findingLines('findings resolved', d.findingsResolved, style, width),
    ...findingLines('findings the newer bundle cannot decide', d.findingsUndetermined, style, width),
  );
  if (d.notCompared.length > 0) {
    out.push('', style.bold('not compared'));
    for (const n of d.notCompared)
      out.push(...wrap(`${n.area}: ${n.reason}`, width, INDENT, INDENT + '  ').map(style.dim));
  }
  return `${out.join('\n')}\n`;
}
