// `hostscope isolation` for a person: one container point by point, or two side by side in turn.
import type { IsolationComparison, IsolationPoint, IsolationProfile } from '../../shared/diagnosis';
import { safeText, type Style } from './style';
import { wrap } from './wrap';

function pointLines(label: string, p: IsolationPoint, style: Style, width: number): string[] {
  const text = wrap(`${label}${p.observed}`, width, '    ', '      ');
  return p.observable ? text : text.map(style.dim);
}

export function formatIsolationProfile(p: IsolationProfile, style: Style, width = 100): string {
  const out = wrap(
    `${p.container.name}: ${p.isolation ?? 'unknown'} isolation, as seen from the host`,
    width,
    '',
    '  ',
  ).map(style.bold);
  for (const point of p.points) {
    out.push('', `  ${style.bold(point.title)}`);
    out.push(...pointLines('', point, style, width));
    out.push(...wrap(point.expectation, width, '    ', '    ').map(style.dim));
  }
  return `${out.join('\n')}\n`;
}

export function formatIsolationComparison(c: IsolationComparison, style: Style, width = 100): string {
  const a = safeText(c.a.container.name);
  const b = safeText(c.b.container.name);
  const out = wrap(
    `${a} (${c.a.isolation ?? 'unknown'}) compared with ${b} (${c.b.isolation ?? 'unknown'})`,
    width,
    '',
    '  ',
  ).map(style.bold);
  for (const row of c.rows) {
    out.push(
      '',
      `  ${style.bold(row.title)}${row.differs ? style.yellow('  (differs)') : style.dim('  (same)')}`,
    );
    out.push(...pointLines(`${a}: `, row.a, style, width));
    out.push(...pointLines(`${b}: `, row.b, style, width));
  }
  return `${out.join('\n')}\n`;
}
