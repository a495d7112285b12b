// Values as a console shows them -> what the probe's JSON would hold. Localised numbers and dates (knowledge
// notes, section 9: `2021/9/6 18:14:45`, `1,713.33`, `1.713,33`), PowerShell's `{a, b...}` collections (cut by
// $FormatEnumerationLimit) and `@{k=v; ...}` objects (how a PSCustomObject prints inside another).

export type NumberFormat = 'plain' | 'point-decimal' | 'comma-decimal';

export interface ReadNumber {
  readonly value: number;
  readonly format: NumberFormat;
}

/**
 * A number as a localised console prints it: `1,713.33` (en), `1.713,33` (de), `1 713,33` (fr, with a (narrow)
 * no-break space). With one kind of separator, a group of exactly three digits after it is a thousands group,
 * anything else a decimal comma or point.
 */
export function readNumber(text: string): ReadNumber | null {
  const s = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  if (!/^-?[\d.,]+$/.test(s) || !/\d/.test(s)) return null;
  const lastComma = s.lastIndexOf(',');
  const lastPoint = s.lastIndexOf('.');
  let normal: string;
  let format: NumberFormat = 'plain';
  if (lastComma >= 0 && lastPoint >= 0) {
    const decimal = lastComma > lastPoint ? ',' : '.';
    const group = decimal === ',' ? '.' : ',';
    format = decimal === ',' ? 'comma-decimal' : 'point-decimal';
    normal = s.split(group).join('').replace(decimal, '.');
  } else if (lastComma >= 0 || lastPoint >= 0) {
    const sep = lastComma >= 0 ? ',' : '.';
    const parts = s.split(sep);
    const thousands = parts.length > 1 && parts.slice(1).every((p) => p.length === 3) && parts[0] !== '';
    if (thousands && (parts.length > 2 || sep === ',')) normal = parts.join('');
    else if (parts.length === 2) {
      normal = `${parts[0]}.${parts[1]}`;
      if (sep === ',') format = 'comma-decimal';
    } else return null;
  } else normal = s;
  const value = Number(normal);
  return Number.isFinite(value) ? { value, format } : null;
}

/** An integer as a console prints it (`8080`, `1,048,576`, `1.048.576`); null for anything else. */
export function readInteger(text: string): number | null {
  const read = readNumber(text);
  return read !== null && Number.isSafeInteger(read.value) ? read.value : null;
}

export interface ReadDate {
  /** ISO 8601 without an offset: the host's local time, as the console showed it. */
  readonly iso: string;
  /** The culture the layout points to, for the preview ("dates in a zh-CN format"). */
  readonly layout: string;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * A date as a localised console prints it. Layouts: year first (`2021/9/6`, `2021-09-06`: zh-CN, ja-JP,
 * sv-SE), month first with AM/PM (`9/6/2021 6:14:45 PM`: en-US), day first (`06.09.2021`: de-DE,
 * `06/09/2021 18:14`: en-GB, fr-FR). A day-first or month-first date that could be either stays unread.
 */
export function readDate(text: string): ReadDate | null {
  const m =
    /^\s*(\d{1,4})[/.\-年](\d{1,2})[/.\-月](\d{1,4})日?\.?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*([AaPp][Mm]|上午|下午|午前|午後)?)?\s*$/.exec(
      text,
    );
  if (!m) return null;
  const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const meridiem = m[7]?.toUpperCase() ?? null;
  let year: number;
  let month: number;
  let day: number;
  let layout: string;
  if (m[1]!.length === 4) {
    [year, month, day] = [a, b, c];
    layout = /[年]/.test(text) ? 'zh-CN/ja-JP (年月日)' : text.includes('/') ? 'zh-CN' : 'ISO (sv-SE)';
  } else if (m[3]!.length === 4) {
    year = c;
    const slash = text.includes('/');
    if (meridiem === 'AM' || meridiem === 'PM') {
      [month, day] = [a, b];
      layout = 'en-US';
    } else if (text.includes('.')) {
      [day, month] = [a, b];
      layout = 'de-DE';
    } else if (slash && a > 12) {
      [day, month] = [a, b];
      layout = 'en-GB/fr-FR';
    } else if (slash && b > 12) {
      [month, day] = [a, b];
      layout = 'en-US';
    } else if (slash) {
      // 06/09/2021 18:14 without AM/PM: en-US prints AM/PM, so day first is likely but not certain.
      return null;
    } else return null;
  } else return null;
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  let hour = m[4] === undefined ? 0 : Number(m[4]);
  if ((meridiem === 'PM' || meridiem === '下午' || meridiem === '午後') && hour < 12) hour += 12;
  if ((meridiem === 'AM' || meridiem === '上午' || meridiem === '午前') && hour === 12) hour = 0;
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (hour > 23 || minute > 59 || second > 59) return null;
  return {
    iso: `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}`,
    layout,
  };
}

/** A PowerShell value as list or table output shows it. */
export type PsValue =
  | { readonly kind: 'empty' }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly PsValue[]; readonly truncated: boolean }
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, PsValue])[] }
  /** `System.Object[]`, `Microsoft.Management.Infrastructure.CimInstance[]`: a collection printed as its type. */
  | { readonly kind: 'type-name'; readonly name: string };

/** Deeper `@{` than this is not console output of any probe's objects: the rest stays text. */
export const MAX_NESTING = 8;

const TYPE_NAME = /^(?:System|Microsoft)\.[\w.`]+(?:\[\])?$/;

/**
 * Reads `{a, b, c...}`, `@{Type=NAT; ExternalPort=80}`, `{@{...}, @{...}}`, a type name or plain text. Nesting
 * is bounded by MAX_NESTING (a hostile paste of ten thousand `@{` stays text) and the scan is linear.
 */
export function readPsValue(raw: string, depth = 0): PsValue {
  const text = raw.trim();
  if (text === '') return { kind: 'empty' };
  if (TYPE_NAME.test(text)) return { kind: 'type-name', name: text };
  if (depth >= MAX_NESTING) return { kind: 'text', text };
  if (text.startsWith('@{') && text.endsWith('}')) {
    const entries: [string, PsValue][] = [];
    for (const part of splitTopLevel(text.slice(2, -1), ';')) {
      const at = part.indexOf('=');
      if (at <= 0) continue;
      entries.push([part.slice(0, at).trim(), readPsValue(part.slice(at + 1), depth + 1)]);
    }
    return { kind: 'object', entries };
  }
  if (text.startsWith('{') && (text.endsWith('}') || text.endsWith('...'))) {
    // `...}` or `…}`: $FormatEnumerationLimit (4 by default) cut the collection.
    const truncated = /(?:\.\.\.|…)\}?$/.test(text);
    const inner = text
      .replace(/^\{/, '')
      .replace(/\}$/, '')
      .replace(/(?:\.\.\.|…)$/, '');
    const items = splitTopLevel(inner, ',')
      .map((p) => p.trim())
      .filter((p) => p !== '')
      .map((p) => readPsValue(p, depth + 1));
    return { kind: 'list', items, truncated };
  }
  return { kind: 'text', text };
}

/** Splits on `sep` outside `{...}`; linear in the length of the text. */
function splitTopLevel(text: string, sep: string): string[] {
  const parts: string[] = [];
  let level = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') level++;
    else if (c === '}') level = Math.max(0, level - 1);
    else if (c === sep && level === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** A scalar as JSON: integers and booleans as such, everything else the text. */
export function scalarJson(text: string): string | number | boolean {
  if (/^-?\d+$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
  if (text === 'True') return true;
  if (text === 'False') return false;
  return text;
}

/** A PsValue as the JSON ConvertTo-Json would have written for it (type names become null: not known). */
export function psValueJson(value: PsValue): unknown {
  switch (value.kind) {
    case 'empty':
      return null;
    case 'type-name':
      return null;
    case 'text':
      return scalarJson(value.text);
    case 'list':
      return value.items.map(psValueJson);
    case 'object':
      return Object.fromEntries(value.entries.map(([k, v]) => [k, psValueJson(v)]));
  }
}
