// Schema building blocks for what Windows PowerShell 5.1, PowerShell 7 and the Docker API emit.
// Knowledge notes section 9: property names in any case, enums as names or numbers, a single result as an
// object, dates as "\/Date(ms)\/" or ISO, numbers sometimes as strings.
import { z } from 'zod';

type Shape = Record<string, z.ZodType>;

/**
 * An object schema whose property names match case-insensitively. Unknown properties (CIM noise such as
 * CimClass) are dropped. Keys are rewritten only when one differs in case, so the common path allocates nothing.
 */
export function ciObject<S extends Shape>(shape: S): z.ZodType<z.output<z.ZodObject<S>>> {
  const canonical = new Map<string, string>();
  for (const key of Object.keys(shape)) canonical.set(key.toLowerCase(), key);
  return z.preprocess(
    (input) => canonicaliseKeys(input, shape, canonical),
    z.object(shape),
  ) as unknown as z.ZodType<z.output<z.ZodObject<S>>>;
}

/** Renames keys that differ from the shape's only in case; allocates only when one does. */
function canonicaliseKeys(input: unknown, shape: Shape, canonical: ReadonlyMap<string, string>): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
  const record = input as Record<string, unknown>;
  let renamed: Record<string, unknown> | null = null;
  for (const key in record) {
    if (key in shape) continue;
    const target = canonical.get(key.toLowerCase());
    if (target === undefined) continue;
    renamed ??= { ...record };
    if (renamed[target] === undefined) renamed[target] = record[key];
  }
  return renamed ?? input;
}

/**
 * Windows PowerShell 5.1 can serialise an array that went through a pipeline as {"value": [...], "Count": n}
 * (its extended type data on System.Array); unwrap that form.
 */
function unwrapPs51Array(input: object): unknown {
  const keys = Object.keys(input);
  if (keys.length !== 2) return input;
  const record = input as Record<string, unknown>;
  const valueKey = keys.find((k) => k.toLowerCase() === 'value');
  const countKey = keys.find((k) => k.toLowerCase() === 'count');
  if (valueKey && countKey && Array.isArray(record[valueKey]) && typeof record[countKey] === 'number')
    return record[valueKey];
  return input;
}

/** PowerShell's ConvertTo-Json writes one result as an object and none as nothing: accept all three. */
function asArray(input: unknown): unknown[] {
  if (input === null || input === undefined) return [];
  if (Array.isArray(input)) return input;
  const unwrapped = typeof input === 'object' ? unwrapPs51Array(input) : input;
  return Array.isArray(unwrapped) ? unwrapped : [unwrapped];
}

/** Problems kept per list: a file of a million bad entries must not cost a million issues (issue 17, defect 1). */
export const MAX_ISSUES = 5;
/** Entries checked per zod call: zod collects every issue of the array it is given, so it is given few. */
const CHUNK = 256;
/** Marks the issue that says checking stopped; describeIssues words it. */
const STOPPED = 'hostscope:stopped';

/** Adds a failed chunk's first issues to `ctx`, their paths shifted by `at`; says so when checking stopped. */
function reportChunk(
  ctx: z.core.$RefinementCtx,
  issues: readonly z.core.$ZodIssue[],
  at: (key: PropertyKey) => PropertyKey,
  stoppedEarly: boolean,
): void {
  for (const issue of issues.slice(0, MAX_ISSUES)) {
    const [first, ...rest] = issue.path;
    const path = first === undefined ? [] : [at(first), ...rest];
    ctx.addIssue({ code: 'custom', message: issue.message, path, input: undefined });
  }
  if (issues.length > MAX_ISSUES || stoppedEarly)
    ctx.addIssue({ code: 'custom', message: STOPPED, path: [], input: undefined });
}

/**
 * A list checked a chunk at a time, stopping at the first chunk with problems and keeping at most MAX_ISSUES of
 * them, so memory is bounded by the input rather than by the number of errors (issue 17, defect 1).
 */
function boundedList<T extends z.ZodType>(
  item: T,
  entriesOf: (input: unknown) => readonly unknown[] | null,
  prepare: (entry: unknown) => unknown = (entry) => entry,
): z.ZodType<z.output<T>[]> {
  const chunkSchema = z.array(item);
  return z.unknown().transform((input, ctx) => {
    const entries = entriesOf(input);
    if (entries === null) {
      ctx.addIssue({ code: 'custom', message: 'expected an array', input: undefined });
      return z.NEVER;
    }
    const out: z.output<T>[] = [];
    for (let start = 0; start < entries.length; start += CHUNK) {
      const checked = chunkSchema.safeParse(entries.slice(start, start + CHUNK).map(prepare));
      if (!checked.success) {
        const at = (key: PropertyKey): PropertyKey => (typeof key === 'number' ? start + key : key);
        reportChunk(ctx, checked.error.issues, at, start + CHUNK < entries.length);
        return z.NEVER;
      }
      for (const value of checked.data) out.push(value);
    }
    return out;
  });
}

/** PowerShell's list output: an array, one object, or nothing (asArray); bounded like every list here. */
export function list<T extends z.ZodType>(item: T): z.ZodType<z.output<T>[]> {
  return boundedList(item, asArray);
}

/** A JSON array (and nothing else), checked with bounded issues; use it instead of z.array for bundle data. */
export function array<T extends z.ZodType>(item: T): z.ZodType<z.output<T>[]> {
  return boundedList(item, (input) => (Array.isArray(input) ? input : null));
}

/** A JSON object of string keys, checked a chunk of keys at a time with bounded issues; instead of z.record. */
export function record<T extends z.ZodType>(value: T): z.ZodType<Record<string, z.output<T>>> {
  const chunkSchema = z.record(z.string(), value);
  return z.unknown().transform((input, ctx) => {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      ctx.addIssue({ code: 'custom', message: 'expected an object', input: undefined });
      return z.NEVER;
    }
    const entries = Object.entries(input);
    // Null prototype: a key such as "__proto__" from the bundle stays an ordinary key.
    const out = Object.create(null) as Record<string, z.output<T>>;
    for (let start = 0; start < entries.length; start += CHUNK) {
      const checked = chunkSchema.safeParse(Object.fromEntries(entries.slice(start, start + CHUNK)));
      if (!checked.success) {
        reportChunk(ctx, checked.error.issues, (key) => key, start + CHUNK < entries.length);
        return z.NEVER;
      }
      Object.assign(out, checked.data);
    }
    return out;
  });
}

/** What a converter returns for a value it does not accept; `expected` words it where the field's words do not. */
export class Rejected {
  constructor(readonly expected: string | null = null) {}
}

export const INVALID = new Rejected();

export type Converted<T> = T | Rejected;

/**
 * A field checked and converted in one step, failing with what was expected. zod's unions tried each form in
 * turn and allocated a result for each: 10,000 firewall rules cost several times the JSON.parse of 75 MB of NAT
 * sessions, and a value no form fitted was reported only as "Invalid input" (issue 15).
 */
export function converted<T>(convert: (v: unknown) => Converted<T>, expected: string): z.ZodType<T> {
  // A converter that accepts undefined makes its key optional in an object; otherwise an absent key fails.
  const input = convert(undefined) instanceof Rejected ? z.unknown() : z.unknown().optional();
  return input.transform((v, ctx) => {
    const out = convert(v);
    if (!(out instanceof Rejected)) return out;
    ctx.addIssue({ code: 'custom', message: out.expected ?? expected, input: undefined });
    return z.NEVER;
  });
}

const INTEGER_TEXT = /^-?\d+$/;

/** A safe integer, or a string of one integer's digits (surrounding spaces allowed). */
function intValue(v: unknown): Converted<number> {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : INVALID;
  if (typeof v !== 'string') return INVALID;
  const trimmed = v.trim();
  return INTEGER_TEXT.test(trimmed) ? Number(trimmed) : INVALID;
}

/** A string, or a number or boolean written where text was expected. */
export function textValue(v: unknown): Converted<string> {
  if (typeof v === 'string') return v;
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : INVALID;
}

/** An integer given as a number or a numeric string (docker top, netstat, some 5.1 output). */
export const int = converted(intValue, 'expected an integer');

export const optInt = converted(
  (v) => (v === undefined || v === null ? null : intValue(v)),
  'expected an integer or nothing',
);

/** A string, accepting numbers and booleans written where text was expected. */
export const text = converted(textValue, 'expected text');

export const optText = converted((v): Converted<string | null> => {
  if (v === undefined || v === null || v === '') return null;
  return textValue(v);
}, 'expected text or nothing');

/** Strings, or one string, or nothing; null entries are left out. */
export function textListValue(v: unknown): Converted<string[]> {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    const one = textValue(v);
    return one instanceof Rejected ? one : [one];
  }
  const out: string[] = [];
  for (const entry of v as readonly unknown[]) {
    if (entry === null) continue;
    const item = textValue(entry);
    if (item instanceof Rejected) return item;
    out.push(item);
  }
  return out;
}

export const textList = converted(textListValue, 'expected text or a list of text');

// ECMAScript time values reach 8.64e15 ms either side of 1970; past that `new Date(ms).toISOString()` throws.
const MAX_TIME_MS = 8.64e15;

const isTime = (ms: number): boolean => Number.isFinite(ms) && Math.abs(ms) <= MAX_TIME_MS;
const epochIso = (ms: number): string | null => (isTime(ms) ? isoOf(ms) : null);

const DAY_MS = 86_400_000;
/** The first millisecond of year 10000: below it (and from 1970) an ISO time is "YYYY-MM-DDTHH:MM:SS.mmmZ". */
const YEAR_10000_MS = 253_402_300_800_000;
const ZERO = 0x30;
let isoDay = Number.NaN;
/** The character codes of "YYYY-MM-DDT" of isoDay, then room for the time of day. */
const isoCodes: number[] = [];

/**
 * Date#toISOString, its date part formatted once per day and the rest written as character codes: processes
 * and NAT sessions carry hundreds of thousands of times, mostly of a few days. toISOString took a tenth of
 * building the model, and a template literal three times that (its parts concatenated one by one; issue 15).
 */
function isoOf(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0 || ms >= YEAR_10000_MS) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY_MS);
  if (day !== isoDay) {
    isoDay = day;
    const prefix = new Date(day * DAY_MS).toISOString();
    for (let i = 0; i < 11; i++) isoCodes[i] = prefix.charCodeAt(i);
  }
  const inDay = ms - day * DAY_MS;
  const hours = Math.floor(inDay / 3_600_000);
  const minutes = Math.floor(inDay / 60_000) % 60;
  const seconds = Math.floor(inDay / 1000) % 60;
  const millis = inDay % 1000;
  isoCodes[11] = ZERO + Math.floor(hours / 10);
  isoCodes[12] = ZERO + (hours % 10);
  isoCodes[13] = 0x3a; // :
  isoCodes[14] = ZERO + Math.floor(minutes / 10);
  isoCodes[15] = ZERO + (minutes % 10);
  isoCodes[16] = 0x3a;
  isoCodes[17] = ZERO + Math.floor(seconds / 10);
  isoCodes[18] = ZERO + (seconds % 10);
  isoCodes[19] = 0x2e; // .
  isoCodes[20] = ZERO + Math.floor(millis / 100);
  isoCodes[21] = ZERO + (Math.floor(millis / 10) % 10);
  isoCodes[22] = ZERO + (millis % 10);
  isoCodes[23] = 0x5a; // Z
  return String.fromCharCode.apply(null, isoCodes);
}

/** PowerShell 5.1 writes a date as "\/Date(ms)\/" or as an object whose `value` holds that. */
const unwrapDate = (value: unknown): unknown =>
  typeof value === 'object' && value !== null ? (value as { value?: unknown }).value : value;

/** The milliseconds of "/Date(1510000000000)/" or "/Date(1510000000000+0100)/" (UTC; the offset only a hint). */
function msDate(raw: string): number | null {
  // Read without a regular expression: processes and NAT sessions carry hundreds of thousands of these.
  if (!raw.startsWith('/Date(') || !raw.endsWith(')/')) return null;
  const ms = parseInt(raw.slice(6), 10);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * Whether a date field holds a time a date can represent: a number (or "/Date(ms)/") beyond 8.64e15 ms is no
 * time, and crashed every command when converted (issue 17, defect 4). Text dates are kept as written.
 */
export function isDateValue(value: unknown): boolean {
  const raw = unwrapDate(value);
  // Checked without formatting: processes and NAT sessions check hundreds of thousands of dates.
  if (typeof raw === 'number') return isTime(raw);
  if (typeof raw !== 'string') return true;
  const ms = msDate(raw);
  return ms === null || isTime(ms);
}

/** "\/Date(ms)\/" and epoch numbers -> ISO; ISO and localised forms ("2021/9/6 18:14:45") are kept as written. */
export function dateOf(value: unknown): string | null {
  const raw = unwrapDate(value);
  if (typeof raw === 'number') return epochIso(raw);
  if (typeof raw !== 'string' || raw === '') return null;
  const ms = msDate(raw);
  // A local time without an offset has nothing to apply: it stays as the host wrote it.
  return (ms === null ? null : epochIso(ms)) ?? raw;
}

const DATE_EXPECTED = 'expected a date (a number of milliseconds within the range of a date)';

/** Whether a value is a date as psDate reads it: nothing, text, a number or an object holding one, in range. */
const isDateInput = (v: unknown): boolean =>
  v === undefined ||
  v === null ||
  ((typeof v === 'string' || typeof v === 'number' || (typeof v === 'object' && !Array.isArray(v))) &&
    isDateValue(v));

/**
 * A date as Windows PowerShell 5.1 ("\/Date(ms)\/", or an object with `value`) or PowerShell 7 (ISO) writes it;
 * an object must hold `value`, as 5.1 writes a DateTime.
 */
export const psDate = converted(
  (v) => (isDateInput(v) && (typeof v !== 'object' || v === null || 'value' in v) ? dateOf(v) : INVALID),
  DATE_EXPECTED,
);

// ---- Check-only fields for the large lists ----------------------------------------------------
// NAT sessions, processes and TCP/UDP endpoints run to hundreds of thousands of entries. A zod transform per
// field costs about ten times the check itself, so these schemas only check, and their mappers convert once
// with the functions below.

export type Scalar = string | number | boolean;

const isText = (v: unknown): v is Scalar =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
const isInt = (v: unknown): v is number | string =>
  (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v));

/** The plain check behind each check-only field, so flatList can run it without zod on the common path. */
const fieldChecks = new WeakMap<z.ZodType, (v: unknown) => boolean>();

function checkField<T>(check: (v: unknown) => boolean, message: string): z.ZodType<T> {
  const schema = z.custom<T>(check, { message });
  fieldChecks.set(schema, check);
  return schema;
}

function optionalField<T>(field: z.ZodType<T>): z.ZodOptional<z.ZodType<T>> {
  const schema = field.optional();
  const check = fieldChecks.get(field);
  if (check) fieldChecks.set(schema, (v) => v === undefined || check(v));
  return schema;
}

export const textField = checkField<Scalar>(isText, 'expected text');
export const optTextField = optionalField(
  checkField<Scalar | null>((v) => v === null || isText(v), 'expected text or null'),
);
export const intField = checkField<number | string>(isInt, 'expected an integer');
export const optIntField = optionalField(
  checkField<number | string | null>((v) => v === null || isInt(v), 'expected an integer or null'),
);
export const optDateField = optionalField(checkField<unknown>(isDateInput, DATE_EXPECTED));

export function textOf(v: Scalar | null | undefined): string | null {
  return v === null || v === undefined || v === '' ? null : String(v);
}

export function intOf(v: number | string | null | undefined): number | null {
  return v === null || v === undefined ? null : Number(v);
}

/**
 * A list of flat objects whose names match case-insensitively, canonicalised as each chunk is checked (one zod
 * step per chunk rather than one per entry).
 */
export function flatList<S extends Shape>(shape: S): z.ZodType<z.output<z.ZodObject<S>>[]> {
  const canonical = new Map<string, string>();
  for (const key of Object.keys(shape)) canonical.set(key.toLowerCase(), key);
  const prepare = (item: unknown): unknown => canonicaliseKeys(item, shape, canonical);
  const checked = boundedList(z.object(shape), asArray, prepare);
  const keys = Object.keys(shape);
  const checks = keys.map((key) => fieldChecks.get(shape[key]!));
  if (checks.some((check) => check === undefined)) return checked;
  const fieldCount = keys.length;
  // The common path checks every field with its plain predicate and keeps the entries as they are (the mappers
  // read only the shape's fields); any problem reruns zod on the list, so the issues are zod's, word for word.
  // zod took three times JSON.parse on the largest benchmark host (issue 15).
  return z.unknown().transform((input, ctx) => {
    const entries = asArray(input);
    const out = new Array<z.output<z.ZodObject<S>>>(entries.length);
    for (let i = 0; i < entries.length; i++) {
      const entry = prepare(entries[i]);
      if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return slow(input, ctx);
      const record = entry as Record<string, unknown>;
      for (let f = 0; f < fieldCount; f++) if (!checks[f]!(record[keys[f]!])) return slow(input, ctx);
      out[i] = record as z.output<z.ZodObject<S>>;
    }
    return out;
  });

  function slow(input: unknown, ctx: z.core.$RefinementCtx): z.output<z.ZodObject<S>>[] {
    const result = checked.safeParse(input);
    if (result.success) return result.data;
    // boundedList's issues are all custom ones (reportChunk), so they carry over as they are.
    for (const issue of result.error.issues)
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path, input: undefined });
    return z.NEVER;
  }
}

/**
 * A CIM enum written as a name or as its number -> its name. Unknown numbers are kept as `#<n>` so nothing is
 * silently turned into a valid-looking name; unknown names are kept as written.
 */
export function enumNames<N extends string>(
  names: Readonly<Record<number, N>>,
): (v: number | string) => string {
  // Maps, never the object literal: a name read from a bundle must not resolve an inherited key (issue 17).
  const byNumber = new Map<number, N>();
  const byName = new Map<string, N>();
  for (const [number, name] of Object.entries(names)) {
    byNumber.set(Number(number), name);
    byName.set(name.toLowerCase(), name);
  }
  return (v) => {
    if (typeof v === 'number' || /^\d+$/.test(v)) return byNumber.get(Number(v)) ?? `#${Number(v)}`;
    return byName.get(v.trim().toLowerCase()) ?? v;
  };
}

export function psEnum<N extends string>(
  names: Readonly<Record<number, N>>,
): z.ZodType<N | `#${number}` | string> {
  const nameOf = enumNames(names);
  return converted(
    (v) =>
      (typeof v === 'number' && Number.isSafeInteger(v)) || (typeof v === 'string' && v.trim() !== '')
        ? nameOf(v)
        : INVALID,
    `expected one of ${Object.values(names).join(', ')} (or its number)`,
  );
}

/**
 * Check-only form of psEnum, for the large lists: convert with enumNames in the mapper. A check-only field, so
 * flatList keeps TCP endpoints (100,000 on the largest benchmark host) on its plain path (issue 15).
 */
export const enumField = checkField<number | string>(
  (v) => (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && v.trim() !== ''),
  'expected an enum name or number',
);

/** true/false as JSON booleans, "True"/"False", or 0/1; null for nothing or a word that says neither. */
export const psBool = converted((v): Converted<boolean | null> => {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true' || s === '1' || s === 'yes') return true;
    if (s === 'false' || s === '0' || s === 'no') return false;
    return null;
  }
  return v === undefined || v === null ? null : INVALID;
}, 'expected true or false');

/** A readable path for a zod issue: `[12].Action`. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path)
    out += typeof part === 'number' ? `[${part}]` : `${out === '' ? '' : '.'}${String(part)}`;
  return out === '' ? '(top level)' : out;
}

/** The first few problems of a failed parse, each naming the field and what was expected. */
export function describeIssues(error: z.ZodError, max = 3): string {
  const issues = error.issues.filter((issue) => issue.message !== STOPPED);
  const stopped = issues.length < error.issues.length;
  const parts = issues.slice(0, max).map((issue) => `${issuePath(issue.path)}: ${issue.message}`);
  const more =
    issues.length > max || stopped
      ? ` (and ${stopped ? 'more; checking stopped at the first problems' : `${issues.length - max} more`})`
      : '';
  return parts.join('; ') + more;
}
