// `hostscope isolation` for a person: one container point by point, or two side by side in turn.
import type {
  CompatibilityVerdict,
  IsolationComparison,
  IsolationOverview,
  IsolationPoint,
  IsolationProfile,
  WhatIf,
} from '../../shared/diagnosis';
import type { Isolation } from '../../shared/model';
import { whatIfLine } from '../../core/diagnosis';
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

const MODE: Readonly<Record<Isolation, string>> = {
  process: 'process isolation',
  hyperv: 'Hyper-V isolation',
};
const VERDICT: Readonly<Record<CompatibilityVerdict, string>> = {
  runs: 'runs',
  fails: 'would not start',
  unknown: 'unknown',
};

/** `hostscope isolation --what-if`: what would change in the other mode (issue 16). */
export function formatWhatIf(w: WhatIf, style: Style, width = 100): string {
  const name = safeText(w.container.name);
  const out = wrap(
    `What if ${name} ran in ${MODE[w.to]} instead of ${w.from ? MODE[w.from] : 'an unknown mode'}?`,
    width,
    '',
    '  ',
  ).map(style.bold);
  const start =
    w.start.verdict === 'fails'
      ? style.red(`It would not start: ${w.start.reason}`)
      : w.start.verdict === 'runs'
        ? `It would start: ${w.start.reason}`
        : style.yellow(`Whether it would start is unknown: ${w.start.reason}`);
  // Links are never wrapped: a broken URL cannot be opened.
  out.push(...wrap(start, width, '  ', '    '), style.dim(`  source: ${w.start.reference}`));
  for (const p of w.points) {
    out.push(
      '',
      `  ${style.bold(p.title)}${p.changes ? style.yellow('  (changes)') : style.dim('  (same)')}`,
    );
    out.push(...wrap(`now:  ${safeText(p.now)}`, width, '    ', '          '));
    out.push(...wrap(`then: ${safeText(p.then)}`, width, '    ', '          '));
    if (p.reference) out.push(style.dim(`    source: ${p.reference}`));
  }
  out.push('', `  ${style.bold('Reachability')}`);
  if (w.reachability.changed.length === 0)
    out.push(`    no row of the matrix would change (${w.reachability.unchanged} stay the same)`);
  for (const r of w.reachability.changed)
    out.push(
      ...wrap(
        `from ${r.from} to ${r.port}/${r.protocol}: ${r.now} -> ${r.then}${r.thenWhy ? ` (${safeText(r.thenWhy)})` : ''}`,
        width,
        '    ',
        '      ',
      ),
    );
  if (w.reachability.changed.length > 0) out.push(`    ${w.reachability.unchanged} other rows stay the same`);
  return `${out.join('\n')}\n`;
}

/** `hostscope isolation` without a container: every container's image verdicts and what the other mode changes. */
export function formatIsolationOverview(o: IsolationOverview, style: Style, width = 100): string {
  const out = [
    style.bold(
      `Isolation on this host: ${o.hostKind === 'client' ? 'client Windows' : o.hostKind === 'server' ? 'Windows Server' : 'Windows'} ${o.hostVersion ?? '(build unknown)'}`,
    ),
    ...wrap(
      `Default mode for a container that asks for none: ${o.defaultIsolation.mode ? MODE[o.defaultIsolation.mode] : 'unknown'}${o.defaultIsolation.from === 'host-type' ? ' (from the host type; the engine does not say)' : ''}`,
      width,
      '  ',
      '    ',
    ),
    ...wrap(`Licensing: ${o.licensing.text}`, width, '  ', '    '),
    style.dim(`    source: ${o.licensing.reference}`),
  ];
  for (const { compatibility: c, whatIf: w } of o.containers) {
    const image = c.image;
    out.push(
      '',
      style.bold(
        `  ${safeText(c.container.name)} (${c.container.state}, ${c.isolation ? MODE[c.isolation] : 'isolation unknown'})`,
      ),
      ...wrap(
        `image ${safeText(image.image)}, build ${image.imageVersion ?? 'unknown'}: process isolation ${VERDICT[image.process.verdict]}, Hyper-V isolation ${VERDICT[image.hyperv.verdict]}`,
        width,
        '    ',
        '      ',
      ),
    );
    if (c.failedWithMismatch.length > 0)
      out.push(
        `    ${style.red('it already failed to start: the image does not match the host (0xc0370101)')}`,
      );
    out.push(...wrap(whatIfLine(w, c.container.name), width, '    ', '      ').map(style.dim));
  }
  return `${out.join('\n')}\n`;
}
