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
  options: { readonly keepOthers: boolean },
): Mapped {
  const { keepOthers } = options;
  const byTitle = new Map<string, FieldSpec>();
  for (const spec of specs) {
    byTitle.set(spec.name.toLowerCase(), spec);
    for (const alias of spec.aliases ?? []) byTitle.set(alias.toLowerCase(), spec);
  }
  const warnings = new Set<string>();
  const seen = new Set<string>();
  const layouts = new Set<string>();
  const notes: ValueNotes = { cut: new Map(), typeNamed: new Set() };
  const objects = records.map((record) => {
    const out: Record<string, unknown> = {};
    for (const [title, raw] of record) {
      const spec = byTitle.get(title.toLowerCase());
      if (spec === undefined) {
        if (keepOthers) out[title] = genericValue(raw, title, notes);
        continue;
      }
      seen.add(spec.name);
      out[spec.name] = typedValue(raw, spec, warnings, layouts, notes);
    }
    return out;
  });
  for (const layout of layouts) warnings.add(`dates in a ${layout} format (read as the host's local time)`);
  for (const [title, items] of notes.cut)
    warnings.add(
      `${title}: truncated by the console after ${items} items ($FormatEnumerationLimit); the rest is unknown`,
    );
  for (const title of notes.typeNamed)
    warnings.add(`${title}: nested values printed as a type name (System.Object[] ...) are unknown`);
  const names = [...new Set(specs.map((s) => s.name))];
  return { objects, warnings: [...warnings], missing: names.filter((n) => !seen.has(n)) };
}

/** Per property: collections the console cut ($FormatEnumerationLimit), and values it printed as a type name. */
interface ValueNotes {
  readonly cut: Map<string, number>;
  readonly typeNamed: Set<string>;
}

function noteValue(value: PsValue, title: string, notes: ValueNotes): void {
  if (value.kind === 'list' && value.truncated) notes.cut.set(title, value.items.length);
  if (holdsTypeName(value)) notes.typeNamed.add(title);
}

/** Whether a type name stands anywhere in the value for what was nested (bounded by readPsValue's nesting). */
function holdsTypeName(value: PsValue): boolean {
  if (value.kind === 'type-name') return true;
  if (value.kind === 'list') return value.items.some(holdsTypeName);
  if (value.kind === 'object') return value.entries.some(([, v]) => holdsTypeName(v));
  return false;
}

function genericValue(raw: string, title: string, notes: ValueNotes): unknown {
  const value = readPsValue(raw);
  noteValue(value, title, notes);
  return psValueJson(value);
}

function typedValue(
  raw: string,
  spec: FieldSpec,
  warnings: Set<string>,
  layouts: Set<string>,
  notes: ValueNotes,
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
      noteValue(value, spec.name, notes);
      return psValueJson(value);
    }
  }
}
