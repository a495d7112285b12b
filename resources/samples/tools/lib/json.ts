// The JSON dialects a bundle holds, written byte-for-byte as the real tools write them (knowledge notes, section 9).
import { When } from './when';

export type Json = null | boolean | number | string | When | readonly Json[] | { readonly [key: string]: Json | undefined };

type Entries = [string, Json][];

function entriesOf(value: { readonly [key: string]: Json | undefined }): Entries {
  return Object.entries(value).filter((e): e is [string, Json] => e[1] !== undefined);
}

/**
 * Windows PowerShell 5.1 `ConvertTo-Json`: CRLF, two spaces after the colon, nested values indented four columns
 * past where they open, empty arrays over two lines, `<>&'` escaped as JavaScriptSerializer does, dates as
 * "\/Date(ms)\/".
 */
export function ps51Json(value: Json): string {
  return render51(value, 0);
}

function render51(value: Json, column: number): string {
  const pad = (n: number): string => ' '.repeat(n);
  if (value instanceof When) return `"\\/Date(${value.utcMs})\\/"`;
  if (Array.isArray(value)) {
    const items = value as readonly Json[];
    if (items.length === 0) return `[\r\n\r\n${pad(column)}]`;
    return `[\r\n${items.map((v) => pad(column + 4) + render51(v, column + 4)).join(',\r\n')}\r\n${pad(column)}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = entriesOf(value as { readonly [key: string]: Json | undefined });
    if (entries.length === 0) return `{\r\n\r\n${pad(column)}}`;
    const lines = entries.map(([k, v]) => {
      const key = `${escape51(k)}:  `;
      return pad(column + 4) + key + render51(v, column + 4 + key.length);
    });
    return `{\r\n${lines.join(',\r\n')}\r\n${pad(column)}}`;
  }
  if (typeof value === 'string') return escape51(value);
  return JSON.stringify(value);
}

function escape51(text: string): string {
  return JSON.stringify(text).replace(/[<>&']/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** PowerShell 7 `ConvertTo-Json`: two-space indentation, CRLF, local ISO dates with offset, no HTML escaping. */
export function ps7Json(value: Json): string {
  return JSON.stringify(plain(value, (w) => w.local()), null, 2).replaceAll('\n', '\r\n');
}

/** `docker inspect` (Go json.MarshalIndent, four spaces, HTML characters escaped). */
export function dockerCliJson(value: Json): string {
  return `${escapeHtml(JSON.stringify(plain(value, (w) => w.dockerUtc()), null, 4))}\n`;
}

/** An Engine API body: compact, one trailing newline (moby writes JSON without HTML escaping). */
export function dockerApiJson(value: Json): string {
  return `${JSON.stringify(plain(value, (w) => w.dockerUtc()))}\n`;
}

/** Plain JSON in the style of hand-edited config files (daemon.json): two spaces, LF or CRLF as given. */
export function configJson(value: Json, newline: '\n' | '\r\n'): string {
  return `${JSON.stringify(plain(value, (w) => w.dockerUtc()), null, 2).replaceAll('\n', newline)}${newline}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function plain(value: Json, date: (w: When) => string): unknown {
  if (value instanceof When) return date(value);
  if (Array.isArray(value)) return (value as readonly Json[]).map((v) => plain(v, date));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(entriesOf(value as { readonly [key: string]: Json | undefined }).map(([k, v]) => [k, plain(v, date)]));
  }
  return value;
}
