// `hostscope explain` for a person: the verdict first, then each hop with a tick or a cross, then the
// causes with their fixes. Pure: colour comes in through the style.
import { targetText } from '../../core/diagnosis/subjects';
import type {
  Explanation,
  Hop,
  HopStatus,
  IcmpExplanation,
  OutboundTarget,
  Verdict,
} from '../../shared/diagnosis';
import { fixLines } from './fix';
import { safeText, type Style } from './style';
import { wrap } from './wrap';

export interface ExplainFormatOptions {
  readonly width?: number;
  /** Evidence for passing hops too, not only for failing and undecided ones. */
  readonly verbose?: boolean;
}

const MARK: Readonly<Record<HopStatus, string>> = { pass: '✓', fail: '✗', unknown: '?', skip: '-' };

export function verdictWord(verdict: Verdict, style: Style): string {
  switch (verdict) {
    case 'reachable':
      return style.green(style.bold('REACHABLE'));
    case 'unreachable':
      return style.red(style.bold('UNREACHABLE'));
    case 'unknown':
      return style.yellow(style.bold('UNKNOWN'));
  }
}

function paintMark(status: HopStatus, style: Style): string {
  const mark = MARK[status];
  return status === 'pass'
    ? style.green(mark)
    : status === 'fail'
      ? style.red(mark)
      : status === 'unknown'
        ? style.yellow(mark)
        : style.dim(mark);
}

function hopLines(hop: Hop, style: Style, width: number, verbose: boolean): string[] {
  const [head, ...more] = wrap(hop.title, width, '  x ', '    ');
  const lines = [`  ${paintMark(hop.status, style)} ${head!.slice(4)}`, ...more];
  if (hop.status === 'skip') {
    if (verbose && hop.note) lines.push(...wrap(`skipped: ${hop.note}`, width, '      '));
    return lines.map(style.dim);
  }
  if (hop.note)
    lines.push(
      ...wrap(hop.note, width, '      ').map((l) =>
        hop.status === 'unknown' ? style.yellow(l) : style.dim(l),
      ),
    );
  if (hop.status !== 'pass' || verbose) {
    for (const e of hop.evidence)
      lines.push(...wrap(`${e.file}: ${e.detail}`, width, '      ', '        ').map(style.dim));
  }
  return lines;
}

/**
 * References one per line and never broken, since a URL cut in two cannot be opened: indented where it fits,
 * on a line of its own where it does not (the one case where a line may pass the width).
 */
function referenceLines(references: readonly string[], width: number): string[] {
  return references.map((r, i) => {
    const url = safeText(r);
    const line = `${i === 0 ? '     See: ' : '          '}${url}`;
    return line.length <= width ? line : url.length <= width - 5 ? `     ${url}` : url;
  });
}

function outboundLabel(to: OutboundTarget | undefined): string {
  if (to === undefined) return '';
  switch (to.kind) {
    case 'host':
      return 'a service on the host';
    case 'internet':
      return 'the internet';
    case 'container':
      return `container ${to.ref}`;
    default:
      return targetText(to);
  }
}

export function formatExplanation(
  e: Explanation | IcmpExplanation,
  style: Style,
  options: ExplainFormatOptions = {},
): string {
  const width = options.width ?? 100;
  const verbose = options.verbose ?? false;
  const from = clientText(e);
  const out: string[] = [];
  // "Did you mean 8081?" comes before the verdict: the admin most likely asked the wrong port (issue 11).
  if ('didYouMean' in e && e.didYouMean)
    out.push(...wrap(e.didYouMean.message, width).map((l) => style.yellow(style.bold(l))), '');
  // Issue 14: what a real connection showed is said before the verdict, a contradiction loudest.
  if ('observation' in e && e.observation) {
    const o = e.observation;
    const paint = o.contradiction ? (l: string): string => style.yellow(style.bold(l)) : style.dim;
    out.push(...wrap(safeText(o.summary), width).map(paint));
    if (o.contradiction) {
      out.push(style.bold('The facts the inference used:'));
      for (const f of o.contradiction.facts)
        out.push(...wrap(`${f.file}: ${f.detail}`, width, '  - ', '    ').map(style.dim));
    }
    out.push('');
  }
  const on = e.protocol === 'icmp' ? 'ICMP (ping)' : `${e.port}/${e.protocol}`;
  const summary =
    e.direction === 'outbound'
      ? `${safeText(e.container.name)} to ${safeText(outboundLabel(e.to))} on ${on}`
      : `${safeText(e.container.name)} on ${on} from ${safeText(from)}`;
  const room = ' '.repeat(e.verdict.length + 2);
  out.push(
    ...wrap(summary, width, room, '  ').map((l, i) =>
      i === 0 ? `${verdictWord(e.verdict, style)}  ${l.slice(room.length)}` : l,
    ),
  );
  out.push('');
  for (const hop of e.hops) out.push(...hopLines(hop, style, width, verbose));
  if (e.causes.length > 0) {
    const heading =
      e.protocol === 'icmp'
        ? 'Why a ping decides nothing'
        : e.verdict === 'unreachable'
          ? 'Why, and how to fix it'
          : 'Likely causes';
    out.push('', style.bold(heading));
    e.causes.forEach((c, i) => {
      out.push('');
      const hint = c.confidence === 'likely' ? ' (likely, unconfirmed)' : '';
      out.push(
        ...wrap(`${c.title}${hint} [${c.id}]`, width, `  ${i + 1}. `, '     ').map((l, j) =>
          j === 0 ? style.bold(l) : l,
        ),
      );
      out.push(...wrap(c.explanation, width, '     '));
      out.push(...fixLines(c.fix, style, width, '     '));
      if (c.references.length > 0) out.push(...referenceLines(c.references, width).map(style.dim));
    });
  }
  return `${out.join('\n')}\n`;
}

/** The client as the sentence says it; an outbound question's client is the sender itself. */
function clientText(e: Explanation | IcmpExplanation): string {
  const source = e.source;
  switch (source.kind) {
    case 'external':
      return 'a client on the LAN';
    case 'host':
      return 'the host';
    case 'host-localhost':
      return 'the host via localhost';
    case 'container':
      return `container ${e.direction === 'outbound' ? e.container.name : source.ref}`;
  }
}
