// A fix for the terminal (issue 11): a command on its own line, never wrapped, so that a copied line or a
// redirected file runs exactly what the engine wrote; prose (a note, steps) wraps like any other text.
import type { Fix } from '../../shared/diagnosis';
import { safeText, type Style } from './style';
import { wrap } from './wrap';

/** The fix's lines: `label` on the first line, the command unwrapped under it at `indent`, then its note. */
export function fixLines(fix: Fix, style: Style, width: number, indent: string, label = 'Fix:'): string[] {
  switch (fix.kind) {
    case 'command':
      return [
        `${indent}${label} (one line; run it as is)`,
        style.cyan(`${indent}  ${safeText(fix.command).replace(/\n/g, ' ')}`),
        ...(fix.note === undefined ? [] : wrap(fix.note, width, `${indent}  `)),
      ];
    case 'steps':
      return [
        `${indent}${label}`,
        ...fix.steps.flatMap((step) => wrap(step, width, `${indent}  - `, `${indent}    `)),
      ];
  }
}
