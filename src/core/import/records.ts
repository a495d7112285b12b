// Records read off the console -> objects with the property names and JSON types the probe writes
// (bundle-v1's table), so the existing parsers in src/core/parse read them unchanged.
import { psValueJson, readDate, readInteger, readNumber, readPsValue, type PsValue } from './values';

export type FieldType = 'text' | 'int' | 'bool' | 'date' | 'value';

export interface FieldSpec {
  /** The probe's property name. */
  readonly name: string;
  readonly type: FieldType;
  /** Other titles the console uses for it (table views abbreviate: `ifIndex`, `WS(K)`). */
  readonly aliases?: readonly string[];
  /** Scales a number read from the console to the probe's unit (`WS(K)` -> bytes). */
  readonly scale?: number;
}

export interface Mapped {
  readonly objects: readonly Record<string, unknown>[];
  readonly warnings: readonly string[];
  /** Probe properties no record carried: what the format lacks (the manifest's `partial`). */
  readonly missing: readonly string[];
}

/**
 * Maps records (property or column title -> value as printed) onto the probe's properties. Titles match
 * case-insensitively; properties the spec does not know are kept (generically typed) when `keepOthers`, the
 * way ConvertTo-Json would have kept them.
 */
export function mapRecords(
  records: readonly ReadonlyMap<string, string>[],
  specs: readonly FieldSpec[],
  keepOthers: boolean,
): Mapped {
  const byTitle = new Map<string, FieldSpec>();
  for (const spec of specs) {
    byTitle.set(spec.name.toLowerCase(), spec);
    for (const alias of spec.aliases ?? []) byTitle.set(alias.toLowerCase(), spec);
  }
  const warnings = new Set<string>();
  const seen = new Set<string>();
  const layouts = new Set<string>();
  const truncated = new Map<string, number>();
  const objects = records.map((record) => {
    const out: Record<string, unknown> = {};
    for (const [title, raw] of record) {
      const spec = byTitle.get(title.toLowerCase());
      if (spec === undefined) {
        if (keepOthers) out[title] = genericValue(raw, title, truncated);
        continue;
      }
      seen.add(spec.name);
      out[spec.name] = typedValue(raw, spec, warnings, layouts, truncated);
    }
    return out;
  });
  for (const layout of layouts) warnings.add(`dates in a ${layout} format (read as the host's local time)`);
  for (const [title, items] of truncated)
    warnings.add(
      `${title}: truncated by the console after ${items} items ($FormatEnumerationLimit); the rest is unknown`,
    );
  return { objects, warnings: [...warnings], missing: specs.map((s) => s.name).filter((n) => !seen.has(n)) };
}

function noteTruncation(value: PsValue, title: string, truncated: Map<string, number>): void {
  if (value.kind === 'list' && value.truncated) truncated.set(title, value.items.length);
}

function genericValue(raw: string, title: string, truncated: Map<string, number>): unknown {
  const value = readPsValue(raw);
  noteTruncation(value, title, truncated);
  return psValueJson(value);
}

function typedValue(
  raw: string,
  spec: FieldSpec,
  warnings: Set<string>,
  layouts: Set<string>,
  truncated: Map<string, number>,
): unknown {
  const text = raw.trim();
  if (text === '') return null;
  switch (spec.type) {
    case 'text':
      return text;
    case 'int': {
      const n = readInteger(text);
      if (n !== null) return spec.scale ? Math.round(n * spec.scale) : n;
      // A scaled column (`WS(M)` in PowerShell 7) may print a localised decimal.
      const decimal = spec.scale ? readNumber(text) : null;
      if (decimal !== null) return Math.round(decimal.value * spec.scale!);
      warnings.add(`${spec.name}: expected a number, got "${text.slice(0, 40)}" (left unknown)`);
      return null;
    }
    case 'bool':
      return text === 'True' ? true : text === 'False' ? false : text;
    case 'date': {
      const date = readDate(text);
      if (date === null) return text;
      layouts.add(date.layout);
      return date.iso;
    }
    case 'value': {
      const value = readPsValue(text);
      noteTruncation(value, spec.name, truncated);
      return psValueJson(value);
    }
  }
}
