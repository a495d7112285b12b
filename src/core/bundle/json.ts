// JSON from hosts we do not control: bounded nesting, errors that say where.

import { errorMessage } from '../../shared/error-message';
import type { Parsed } from '../parsed';

export const DEFAULT_MAX_JSON_DEPTH = 64;

export type JsonResult = Parsed<unknown>;

// What V8 allocates per value JSON.parse builds, measured on Node 20 (issue 17: 16 MiB of `{},` took 527 MB):
// an empty object 56 bytes plus its slot in the parent, an empty array 32 plus the slot, a string's header and
// slot (its characters are counted with the text). Real probe output costs less than its text; `{},` costs 22x.
const OBJECT_BYTES = 64;
const ARRAY_BYTES = 40;
const STRING_BYTES = 16;

export interface JsonScan {
  /** About how much heap the parsed value will take, from the counts above. */
  readonly heapBytes: number;
  /** Where arrays and objects first nest deeper than the limit (outside strings), or null. */
  readonly tooDeepAt: number | null;
}

/**
 * One linear pass over the text, before JSON.parse builds anything: nesting depth and the heap it will cost.
 * Strings are skipped with indexOf (native, and most of a probe's JSON is strings); only the short stretches
 * between them are read a character at a time (issue 15: the character loop took half of JSON.parse's time).
 */
export function scanJson(text: string, depthLimit: number): JsonScan {
  let depth = 0;
  let objects = 0;
  let arrays = 0;
  let strings = 0;
  let tooDeepAt: number | null = null;
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('"', i);
    const stop = open === -1 ? text.length : open;
    for (; i < stop; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
        if (c === 0x7b) objects++;
        else arrays++;
        if (++depth > depthLimit && tooDeepAt === null) tooDeepAt = i;
      } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
        depth--;
      }
    }
    if (open === -1) break;
    strings++;
    let close = text.indexOf('"', open + 1);
    while (close !== -1 && escapedAt(text, close)) close = text.indexOf('"', close + 1);
    // An unterminated string runs to the end, as JSON.parse will report.
    if (close === -1) break;
    i = close + 1;
  }
  return { heapBytes: objects * OBJECT_BYTES + arrays * ARRAY_BYTES + strings * STRING_BYTES, tooDeepAt };
}

/** Whether the quote at `at` is escaped: an odd run of backslashes before it (each run is counted once). */
function escapedAt(text: string, at: number): boolean {
  let backslashes = 0;
  for (let k = at - 1; text.charCodeAt(k) === 0x5c /* \ */; k--) backslashes++;
  return backslashes % 2 === 1;
}

/**
 * The heap the JSON of one bundle may cost once parsed (issue 17). The largest host the benchmark models
 * (LARGEST in test/support/synthetic-bundle.ts, 101 MB of JSON) is estimated at about 105 MB.
 */
export const DEFAULT_JSON_HEAP_BUDGET = 256 * 1024 * 1024;

/** What is left of a bundle's heap budget; each file's parse takes its share before JSON.parse runs. */
export class JsonHeapBudget {
  private used = 0;
  constructor(readonly limit: number = DEFAULT_JSON_HEAP_BUDGET) {}

  /** Takes `bytes` if they fit; false (and nothing taken) if they do not. */
  take(bytes: number): boolean {
    if (this.used + bytes > this.limit) return false;
    this.used += bytes;
    return true;
  }

  get remaining(): number {
    return this.limit - this.used;
  }
}

/** Line and column (1-based) of a character offset, for messages. */
export function lineColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

const MB = (bytes: number): string => `${Math.round(bytes / 1024 / 1024)} MiB`;

/**
 * JSON.parse under limits: nesting depth, and (with a budget) the heap its value may take, checked on the text
 * before anything is built, so a small file of `{},` cannot take the process down.
 */
export function parseJson(
  text: string,
  maxDepth: number = DEFAULT_MAX_JSON_DEPTH,
  budget?: JsonHeapBudget,
): JsonResult {
  if (text.trim() === '') return { kind: 'invalid', reason: 'the file is empty; expected JSON' };
  const scan = scanJson(text, maxDepth);
  if (budget && !budget.take(scan.heapBytes)) {
    return {
      kind: 'invalid',
      reason: `would take about ${MB(scan.heapBytes)} of memory once parsed, more than the ${MB(budget.remaining)} left of the ${MB(budget.limit)} a bundle may use; refused (limit: parsed JSON per bundle)`,
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    const message = errorMessage(error);
    const position = /position (\d+)/.exec(message);
    // V8 reports where it stopped; stopping at the very end means the file was cut short.
    const truncated =
      /Unexpected end of JSON input/.test(message) ||
      (position !== null && Number(position[1]) >= text.trimEnd().length);
    return {
      kind: 'invalid',
      reason: `${truncated ? 'truncated JSON' : 'not valid JSON'}: ${message.replace(/\s*\(line \d+ column \d+\)$/, '')}`,
      ...(position ? { location: lineColumn(text, Number(position[1])) } : {}),
    };
  }
  // Checked after JSON.parse so that broken JSON is reported as such; V8's parser is not recursive, and nothing
  // walks the value before this.
  if (scan.tooDeepAt !== null) {
    return {
      kind: 'invalid',
      reason: `JSON nests deeper than ${maxDepth} levels; refused (limit: JSON nesting depth)`,
      location: lineColumn(text, scan.tooDeepAt),
    };
  }
  return { kind: 'ok', value };
}
