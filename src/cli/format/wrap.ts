// Word wrapping for terminal text: every line within the width, continuation lines indented, host-supplied
// text stripped of control characters first.
import { safeText } from './style';

/**
 * Lines one text may take on a terminal. Callers spread the lines into push(): a hostile 2 MB detail made 150,000
 * of them, past what a spread can take (issue 17, defect 8); nobody reads that far on a terminal (--json has all).
 */
export const MAX_WRAPPED_LINES = 1000;

/** Wraps `text` to `width` columns; the first line starts with `first`, the others with `rest` (both counted). */
export function wrap(text: string, width: number, first = '', rest = first): string[] {
  const words = safeText(text).replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const lines: string[] = [];
  let current = '';
  const prefix = (): string => (lines.length === 0 ? first : rest);
  const room = (): number => Math.max(10, width - prefix().length);
  const flush = (): void => {
    lines.push(prefix() + current);
    current = '';
  };
  for (let word of words) {
    if (current !== '' && current.length + 1 + word.length > room()) flush();
    // A word longer than a line (a path, a GUID list) is cut rather than overflowing.
    while (word.length > room()) {
      if (current !== '') flush();
      const cut = room();
      current = word.slice(0, cut);
      word = word.slice(cut);
      flush();
    }
    if (word !== '') current = current === '' ? word : `${current} ${word}`;
  }
  if (current !== '' || lines.length === 0) flush();
  if (lines.length <= MAX_WRAPPED_LINES) return lines;
  const left = lines.length - MAX_WRAPPED_LINES;
  return [...lines.slice(0, MAX_WRAPPED_LINES), `${rest}... (${left} more lines of this text left out)`];
}
