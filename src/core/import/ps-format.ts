// PowerShell's two console layouts, read back into records: the list view (`Name : value`, a blank line between
// objects, long values wrapped onto lines indented to the value column) and the table view (a header, a line
// of dashes under each column, columns padded to console cells). Also the docker CLI's tables, whose columns
// start where their upper-case titles do.
import { displayWidth, sliceCells } from './text';

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

/**
 * The table view: columns come from the runs of dashes under the header, measured in console cells (a CJK
 * character takes two, knowledge notes section 9), so a value is read from where its column is whatever its
 * width. A cell the console cut with `...` (5.1) or `…` (7) is not the value: it reads as ''.
 */
export function readTableView(lines: readonly string[]): TextTable | null {
  const dashAt = lines.findIndex((l) => DASH_LINE.test(l) && l.includes('--'));
  if (dashAt < 1) return null;
  const spans: [number, number][] = [];
  for (const run of lines[dashAt]!.matchAll(/-+/g)) {
    const start = displayWidth(lines[dashAt]!.slice(0, run.index));
    spans.push([start, start + run[0].length]);
  }
  const header = lines[dashAt - 1]!;
  const cellAt = (line: string, i: number): string =>
    sliceCells(line, i === 0 ? 0 : spans[i - 1]![1], i + 1 < spans.length ? spans[i]![1] : Number.MAX_SAFE_INTEGER).trim();
  const headers = spans.map((_, i) => cellAt(header, i));
  return readRows(lines.slice(dashAt + 1), headers, cellAt);
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
  const cellAt = (line: string, i: number): string =>
    sliceCells(line, starts[i]!, i + 1 < starts.length ? starts[i + 1]! : Number.MAX_SAFE_INTEGER).trim();
  return readRows(lines.slice(headerAt + 1), headers, cellAt);
}

function readRows(
  body: readonly string[],
  headers: readonly string[],
  cellAt: (line: string, i: number) => string,
): TextTable {
  const rows: string[][] = [];
  const cutColumns = new Set<string>();
  let cutCells = 0;
  for (const line of body) {
    if (line.trim() === '') {
      if (rows.length > 0) break;
      continue;
    }
    const cells = headers.map((h, i) => {
      const cell = cellAt(line, i);
      if (!CUT.test(cell)) return cell;
      cutCells++;
      cutColumns.add(h);
      return '';
    });
    rows.push(cells);
  }
  return { headers, rows, cutCells, cutColumns: [...cutColumns] };
}
