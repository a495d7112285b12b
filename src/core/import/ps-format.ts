// PowerShell's two console layouts, read back into records: the list view (`Name : value`, a blank line between
// objects, long values wrapped onto lines indented to the value column) and the table view (a header, a line
// of dashes under each column, columns padded to console cells). Also the docker CLI's tables, whose columns
// start where their upper-case titles do.
import { cellsOf, displayWidth, sliceCells } from './text';

export interface TextRecord {
  /** Property -> value as printed, in the order the console showed them (keys as printed). */
  readonly fields: ReadonlyMap<string, string>;
  /** Index of the record's first line within the block's lines. */
  readonly line: number;
}

const LIST_KEY = /^([A-Za-z_][\w.-]*)\s*:(?: (.*))?$/;

/**
 * The list view: one record per object. A new object starts after a blank line or where a property repeats
 * (a paste that lost its blank lines); properties may come in any order. Returns null where fewer than half of
 * the non-blank lines are `Name : value` lines.
 */
export function readListView(lines: readonly string[]): TextRecord[] | null {
  const records: TextRecord[] = [];
  let fields: Map<string, string> | null = null;
  let start = 0;
  let last: string | null = null;
  let keyLines = 0;
  let filled = 0;
  const close = (): void => {
    if (fields !== null && fields.size > 0) records.push({ fields, line: start });
    fields = null;
    last = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') {
      close();
      continue;
    }
    filled++;
    const key = LIST_KEY.exec(line);
    if (key) {
      keyLines++;
      if (fields?.has(key[1]!)) close();
      if (fields === null) {
        fields = new Map();
        start = i;
      }
      fields.set(key[1]!, (key[2] ?? '').trim());
      last = key[1]!;
    } else if (fields !== null && last !== null) {
      // Format-List wraps a long value at the window width onto lines indented to the value column.
      const previous = fields.get(last)!;
      const joint = /[,;]$/.test(previous) ? ' ' : '';
      fields.set(last, previous + joint + line.trim());
    }
  }
  close();
  if (records.length === 0 || keyLines * 2 < filled) return null;
  return records;
}

export interface TextTable {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Cells the console cut with `...` or `…` (they read as null). */
  readonly cutCells: number;
  /** The columns holding cut cells, for the warning. */
  readonly cutColumns: readonly string[];
}

const DASH_LINE = /^\s*-+(?:\s+-+)*\s*$/;
const CUT = /(?:\.\.\.|…)$|^(?:\.\.\.|…)/;

/** Runs of non-blank characters in a line, with their console cells [start, end). */
function segmentsOf(line: string): { text: string; start: number; end: number }[] {
  const segments: { text: string; start: number; end: number }[] = [];
  let cell = 0;
  let current: { text: string; start: number; end: number } | null = null;
  for (const char of line) {
    const width = cellsOf(char.codePointAt(0)!);
    if (char === ' ' || char === '\t') {
      if (current) segments.push(current);
      current = null;
    } else if (current) {
      current.text += char;
      current.end = cell + width;
    } else current = { text: char, start: cell, end: cell + width };
    cell += width;
  }
  if (current) segments.push(current);
  return segments;
}

/**
 * The table view: columns come from the runs of dashes under the header, measured in console cells (a CJK
 * character takes two, knowledge notes section 9). PowerShell 7 draws the dashes only as wide as the title,
 * left-aligned values may run past them and right-aligned ones end with them, so each word of a row goes to the
 * column whose dashes it overlaps, else to the nearest column starting before it. A cell the console cut with
 * `...` (5.1) or `…` (7) is not the value: it reads as ''.
 */
export function readTableView(lines: readonly string[]): TextTable | null {
  const dashAt = lines.findIndex((l) => DASH_LINE.test(l) && l.includes('--'));
  if (dashAt < 1) return null;
  const spans = segmentsOf(lines[dashAt]!).map((s) => [s.start, s.end] as const);
  const columnOf = (start: number, end: number): number => {
    const overlap = spans.findIndex(([a, b]) => start < b && end > a);
    if (overlap >= 0) return overlap;
    let before = 0;
    spans.forEach(([a], k) => {
      if (a <= start) before = k;
    });
    return before;
  };
  const split = (line: string): string[] => {
    const cells: string[][] = spans.map(() => []);
    for (const segment of segmentsOf(line)) cells[columnOf(segment.start, segment.end)]!.push(segment.text);
    return cells.map((words) => words.join(' '));
  };
  const headers = split(lines[dashAt - 1]!);
  return readRows(lines.slice(dashAt + 1), headers, split);
}

/**
 * The docker CLI's tables (`docker ps`, `docker network ls`): no dashes; each column starts where its title
 * does, titles being separated by two or more spaces. `required` is the first title, to recognise the header.
 */
export function readDockerTable(lines: readonly string[], required: string): TextTable | null {
  const headerAt = lines.findIndex((l) => l.trimStart().toUpperCase().startsWith(required));
  if (headerAt < 0) return null;
  const header = lines[headerAt]!;
  const starts: number[] = [];
  const headers: string[] = [];
  for (const title of header.matchAll(/\S+(?: \S+)*/g)) {
    starts.push(displayWidth(header.slice(0, title.index)));
    headers.push(title[0]);
  }
  const split = (line: string): string[] =>
    starts.map((start, i) =>
      sliceCells(line, start, i + 1 < starts.length ? starts[i + 1]! : Number.MAX_SAFE_INTEGER).trim(),
    );
  return readRows(lines.slice(headerAt + 1), headers, split);
}

function readRows(
  body: readonly string[],
  headers: readonly string[],
  split: (line: string) => readonly string[],
): TextTable {
  const rows: string[][] = [];
  const cutColumns = new Set<string>();
  let cutCells = 0;
  for (const line of body) {
    if (line.trim() === '') {
      if (rows.length > 0) break;
      continue;
    }
    const cells = split(line).map((cell, i) => {
      const h = headers[i] ?? '';
      if (!CUT.test(cell)) return cell;
      cutCells++;
      cutColumns.add(h);
      return '';
    });
    rows.push(cells);
  }
  return { headers, rows, cutCells, cutColumns: [...cutColumns] };
}
