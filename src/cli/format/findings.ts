// `hostscope findings` for a person: counts by severity, then each finding with its detail and fix.
import { SEVERITIES, type Finding, type Severity } from '../../shared/diagnosis';
import { fixLines } from './fix';
import { subjectText } from '../../core/diagnosis/subjects';
import type { Style } from './style';
import { wrap } from './wrap';

function paintSeverity(severity: Severity, style: Style): (s: string) => string {
  switch (severity) {
    case 'critical':
    case 'high':
      return (s) => style.red(style.bold(s));
    case 'medium':
      return style.yellow;
    case 'low':
      return style.cyan;
    case 'info':
      return style.dim;
  }
}

export function formatFindings(list: readonly Finding[], style: Style, width = 100): string {
  if (list.length === 0) return `${style.green('No findings: nothing wrong was seen in this bundle.')}\n`;
  const counts = SEVERITIES.map((s) => [s, list.filter((f) => f.severity === s).length] as const).filter(
    ([, n]) => n > 0,
  );
  const out: string[] = [
    style.bold(
      `${list.length} finding${list.length === 1 ? '' : 's'}: ${counts.map(([s, n]) => `${n} ${s}`).join(', ')}`,
    ),
  ];
  for (const f of list) {
    out.push('');
    const tag = f.severity.toUpperCase().padEnd(8);
    out.push(
      ...wrap(`${f.title} [${f.id}]`, width, `${tag} `, ' '.repeat(9)).map((l, i) =>
        i === 0 ? paintSeverity(f.severity, style)(l.slice(0, 9)) + style.bold(l.slice(9)) : l,
      ),
    );
    out.push(...wrap(f.detail, width, ' '.repeat(9)));
    const subjects = f.subjects.map((s) =>
      s.kind === 'container' ? `container ${s.id.slice(0, 12)}` : subjectText(s),
    );
    out.push(
      ...wrap(`Subjects: ${subjects.join(', ')}`, width, ' '.repeat(9), ' '.repeat(11)).map(style.dim),
    );
    for (const e of f.evidence.slice(0, 4))
      out.push(...wrap(`${e.file}: ${e.detail}`, width, ' '.repeat(9), ' '.repeat(11)).map(style.dim));
    out.push(...fixLines(f.fix, style, width, ' '.repeat(9)));
  }
  return `${out.join('\n')}\n`;
}
