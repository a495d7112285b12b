// Text helpers for pasted console output: display width (CJK takes two console cells), and undoing the damage a
// paste picks up on its way from a console to a ticket (issue 12: control characters, Markdown, doubled lines,
// console wrapping at the window width).

/** Wide and fullwidth ranges of Unicode's East Asian Width (UAX #11): two console cells each. */
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x20000, 0x3fffd],
];

/** Console cells of one code point. */
export function cellsOf(code: number): number {
  // Everything below the combining marks is one cell: the common case, decided without the range table.
  if (code < 0x300) return 1;
  // Combining marks take no cell of their own.
  if (code >= 0x300 && code <= 0x36f) return 0;
  for (const [from, to] of WIDE_RANGES) if (code >= from && code <= to) return 2;
  return 1;
}

/** Console cells a string takes: what PowerShell pads table columns by (LengthInBufferCells). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += cellsOf(char.codePointAt(0)!);
  return width;
}

/** The characters of `line` that sit in console cells [from, to), by display width. */
export function sliceCells(line: string, from: number, to: number): string {
  let cell = 0;
  let out = '';
  for (const char of line) {
    const width = cellsOf(char.codePointAt(0)!);
    if (cell >= from && cell < to) out += char;
    cell += width;
    if (cell >= to) break;
  }
  return out;
}

// ANSI escape sequences (PowerShell 7.2+ colours table headers) and C0/C1 controls other than tab.
// eslint-disable-next-line no-control-regex -- these are exactly the characters removed
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b[@-_]/g;
// eslint-disable-next-line no-control-regex -- these are exactly the characters removed
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b\ufeff]/g;

export interface CleanedLines {
  readonly lines: readonly string[];
  /** What was undone, in words for the preview ("a blank line after every line"). */
  readonly damage: readonly string[];
}

/** Splits pasted text into lines and removes what is never console output: escape sequences and control characters. */
export function cleanLines(text: string): CleanedLines {
  const damage: string[] = [];
  let controls = false;
  const lines = text.split(/\r\n|\r|\n/).map((line) => {
    const cleaned = line.replace(ANSI, '').replace(CONTROLS, '');
    if (cleaned.length !== line.length) controls = true;
    // trimEnd, not /\s+$/: the regular expression retries every run of blanks and is slow on wide tables.
    return cleaned.trimEnd();
  });
  if (controls) damage.push('escape sequences or control characters removed');
  return { lines, damage };
}

/**
 * Where every line of a block is followed by a blank one (chat tools and some ticket systems double them), the
 * lines without the added blanks; null when the block is not doubled.
 */
export function undoubleBlankLines(lines: readonly string[]): string[] | null {
  let filled = 0;
  let adjacent = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === '') continue;
    filled++;
    if (i + 1 < lines.length && lines[i + 1] !== '') adjacent++;
  }
  if (filled < 3 || adjacent > 0) return null;
  // Runs of blanks: one alone was added; three were one original blank line plus the added ones.
  const keep: number[] = [];
  let blanks = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && lines[i] === '') {
      blanks++;
      continue;
    }
    for (let k = 0; k < Math.round((blanks - 1) / 2); k++) keep.push(i - blanks + k);
    blanks = 0;
    if (i < lines.length) keep.push(i);
  }
  return keep.map((i) => lines[i]!);
}

/** Markdown and chat decoration removed from one line: `**bold**`, a line quoted in backticks, a `> ` quote. */
export function undecorate(line: string): string {
  // The checks first: most lines carry no decoration, and a paste can hold hundreds of thousands of lines.
  let out = line.includes('**') ? line.replace(/\*\*(.+?)\*\*/g, '$1') : line;
  if (out.includes('__')) out = out.replace(/__(\S.*?)__/g, '$1');
  const quoted = out.includes('`') ? /^(\s*)`([^`]*)`\s*$/.exec(out) : null;
  if (quoted) out = quoted[1]! + quoted[2]!;
  return out;
}

/** Removes the indent every non-blank line shares (Markdown code blocks, quoted mail, a pasted list item). */
export function dedent(lines: readonly string[]): { readonly lines: string[]; readonly removed: number } {
  let common = Number.POSITIVE_INFINITY;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const indent = /^[ \t]*/.exec(line)![0].length;
    if (indent < common) common = indent;
  }
  if (!Number.isFinite(common) || common === 0) return { lines: [...lines], removed: 0 };
  return { lines: lines.map((l) => l.slice(Math.min(common, l.length))), removed: common };
}

/** Widths of consoles people paste from: conhost's 80 and 120, and the common others. */
const CONSOLE_WIDTHS = new Set([
  80, 100, 110, 119, 120, 128, 130, 132, 140, 150, 160, 180, 200, 210, 220, 240, 250,
]);

const DASHES = /^[\s-]+$/;
/**
 * An indented `Label . . . : value` row (ipconfig, netsh) starts a row of its own: the console continues a wrapped
 * line at column 0, so such a line after one exactly as wide as the window is no continuation. A CJK ipconfig row
 * reaches 80 cells by itself ("临时 IPv6 地址. . . : fd00:…(首选)").
 */
const LEADERED_ROW = /^\s{2,}\S[^:]*?(?:\. ){2,}\.?\s*[:：]/;

/**
 * Joins lines the console wrapped at the window width. The console breaks anywhere, also inside a GUID or a
 * number, so the continuation is appended as is. Only the usual console widths count as a window's: a table
 * whose rows happen to share a width must not be glued together. A table's dashes line and the header above
 * it are never joined.
 */
export function unwrapConsole(lines: readonly string[]): {
  readonly lines: string[];
  readonly width: number | null;
} {
  const widths = lines.map(displayWidth);
  // A loop, not Math.max(...widths): a paste of 200,000 lines would overflow the call stack.
  let max = 0;
  for (const width of widths) if (width > max) max = width;
  if (!CONSOLE_WIDTHS.has(max)) return { lines: [...lines], width: null };
  // A table as wide as the longest line: its rows reach that width themselves (PowerShell fits a table to the
  // window, so its rows are never wrapped).
  const dashes = lines.findIndex((l) => DASHES.test(l) && l.includes('--'));
  if (dashes > 0 && Math.max(widths[dashes]!, widths[dashes - 1]!) >= max)
    return { lines: [...lines], width: null };
  const out: string[] = [];
  let joined = 0;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    let width = widths[i]!;
    while (
      width === max &&
      i + 1 < lines.length &&
      lines[i + 1] !== '' &&
      !DASHES.test(line) &&
      !DASHES.test(lines[i + 1]!) &&
      !LEADERED_ROW.test(lines[i + 1]!) &&
      !(i + 2 < lines.length && DASHES.test(lines[i + 2]!) && lines[i + 2]!.includes('-'))
    ) {
      line += lines[i + 1]!;
      width = widths[i + 1]!;
      joined++;
      i++;
    }
    out.push(line);
  }
  return joined > 0 ? { lines: out, width: max } : { lines: [...lines], width: null };
}
