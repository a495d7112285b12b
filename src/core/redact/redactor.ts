// Stable pseudonyms for everything that identifies a host, its people or its network. One redactor serves a
// whole report (or a whole bundle), so `ip-3` names the same address everywhere and the reasoning still reads.
import { findAddresses } from './addresses';
import { createLiteralIndex, type Literal } from './literal-index';

/** What gets a pseudonym (`host-1`, `ip-2` ...). Environment values get none: they are removed. */
export type PseudonymKind = 'host' | 'domain' | 'user' | 'container' | 'registry' | 'ip' | 'mac';
export type RedactionKind = PseudonymKind | 'env';

/** The order kinds are listed in, in summaries and when numbering. */
export const REDACTION_KINDS: readonly RedactionKind[] = [
  'host',
  'domain',
  'user',
  'container',
  'registry',
  'ip',
  'mac',
  'env',
];

/** A value known to be sensitive, found in a field whose meaning says so (a computer name, a user, an env value). */
export interface RedactionSeed {
  readonly kind: RedactionKind;
  readonly value: string;
}

export interface RedactionSummaryRow {
  readonly kind: RedactionKind;
  /** Distinct values replaced (for env: values removed from the environment plus others found in text). */
  readonly values: number;
  /** Places they were replaced in. */
  readonly occurrences: number;
}

export interface RedactionSummary {
  readonly rows: readonly RedactionSummaryRow[];
  readonly totalOccurrences: number;
}

/** Replaces an environment value wherever it appears; the bundle format uses the same word (bundle-v1). */
export const REDACTED_VALUE = '<redacted>';

export interface Redactor {
  /** The text with every seed, IP and MAC address replaced by its pseudonym. */
  readonly text: (input: string) => string;
  /** The pseudonym a value has or gets (for fields whose meaning is known, e.g. a container name). */
  readonly pseudonym: (kind: PseudonymKind, value: string) => string;
  /** Counts an environment value removed structurally (not through `text`). */
  readonly countRemovedEnv: (count: number) => void;
  /** What was replaced so far, by kind. */
  readonly summary: () => RedactionSummary;
}

// Windows names (hosts, domains, users, registries) compare case-insensitively; Docker names and env values do not.
const CASE_INSENSITIVE: ReadonlySet<RedactionKind> = new Set(['host', 'domain', 'user', 'registry']);
// A name is replaced only as a whole word: `web` inside `webserver` is left alone, while `.`, `-` and `_` end a
// word, so `node1.corp.example` becomes `host-1.domain-1` and the volume `web-data` an engine suggests becomes
// `container-1-data`. A name that starts or ends with punctuation (`<img ...>`) needs no boundary on that side.
// Secrets are replaced wherever they occur, even inside a word.

/**
 * Short or common environment values (`1`, `true`, `80`) cannot be searched for in other text without destroying
 * it; they are still removed from the environment itself. The same rule decides what tests must find absent.
 */
export function isSearchableEnvValue(value: string): boolean {
  return (
    value.length >= 4 &&
    !/^(?:\d+|true|false|yes|no|on|off|null|none)$/i.test(value) &&
    value !== REDACTED_VALUE
  );
}

function isUsableSeed(seed: RedactionSeed): boolean {
  const value = seed.value.trim();
  if (seed.kind === 'env') return isSearchableEnvValue(value);
  // One character matches too much text to be a name anyone could recognise.
  return value.length >= 2;
}

interface Span {
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
  readonly kind: RedactionKind;
  readonly original: string;
}

/**
 * Builds a redactor. Seeds of each kind are numbered in the order given, so the same seeds give the same
 * pseudonyms in a report and in the redacted bundle it came from; addresses met later are numbered as they come.
 */
export function createRedactor(seeds: readonly RedactionSeed[]): Redactor {
  const numbers = new Map<PseudonymKind, Map<string, string>>();
  const used = new Map<RedactionKind, Set<string>>();
  const occurrences = new Map<RedactionKind, number>();
  let removedEnv = 0;

  const keyOf = (kind: RedactionKind, value: string): string =>
    CASE_INSENSITIVE.has(kind) ? value.toLowerCase() : value;
  const pseudonym = (kind: PseudonymKind, value: string): string => {
    let table = numbers.get(kind);
    if (!table) numbers.set(kind, (table = new Map()));
    const key = keyOf(kind, value);
    let name = table.get(key);
    if (name === undefined) table.set(key, (name = `${kind}-${table.size + 1}`));
    return name;
  };
  const record = (kind: RedactionKind, original: string): void => {
    let set = used.get(kind);
    if (!set) used.set(kind, (set = new Set()));
    set.add(keyOf(kind, original));
    occurrences.set(kind, (occurrences.get(kind) ?? 0) + 1);
  };

  // Literal seeds. A value seeded twice keeps its first kind.
  const kindOfLiteral = new Map<string, RedactionKind>();
  const literals: Literal<RedactionKind>[] = [];
  for (const seed of seeds) {
    if (!isUsableSeed(seed)) continue;
    const value = seed.value.trim();
    const key = keyOf(seed.kind, value);
    if (kindOfLiteral.has(`${seed.kind === 'env' ? 'env' : 'name'}:${key}`)) continue;
    kindOfLiteral.set(`${seed.kind === 'env' ? 'env' : 'name'}:${key}`, seed.kind);
    if (seed.kind === 'env') {
      literals.push({ value, kind: 'env', caseSensitive: true, wholeWord: false });
      continue;
    }
    pseudonym(seed.kind, value);
    // Addresses are found by pattern (any spelling); seeding them only fixes their numbers.
    if (seed.kind !== 'ip' && seed.kind !== 'mac')
      literals.push({
        value,
        kind: seed.kind,
        caseSensitive: !CASE_INSENSITIVE.has(seed.kind),
        wholeWord: true,
      });
  }
  const findLiterals = createLiteralIndex(literals);

  const text = (input: string): string => {
    if (input === '') return input;
    const spans: Span[] = [];
    for (const { start, end, literal } of findLiterals(input)) {
      const original = input.slice(start, end);
      const replacement = literal.kind === 'env' ? REDACTED_VALUE : pseudonym(literal.kind, original);
      spans.push({ start, end, replacement, kind: literal.kind, original });
    }
    for (const a of findAddresses(input)) {
      spans.push({
        start: a.start,
        end: a.end,
        replacement: pseudonym(a.kind, a.key),
        kind: a.kind,
        original: a.key,
      });
    }
    if (spans.length === 0) return input;
    // One pass over the original: a replacement is never searched again, so a container named `host-1`
    // cannot turn a pseudonym into another one.
    spans.sort((a, b) => a.start - b.start || b.end - a.end);
    let out = '';
    let at = 0;
    for (const span of spans) {
      if (span.start < at) continue;
      out += input.slice(at, span.start) + span.replacement;
      at = span.end;
      record(span.kind, span.original);
    }
    return out + input.slice(at);
  };

  const summary = (): RedactionSummary => {
    const rows = REDACTION_KINDS.map((kind) => ({
      kind,
      values: kind === 'env' ? (used.get('env')?.size ?? 0) + removedEnv : (used.get(kind)?.size ?? 0),
      occurrences: (occurrences.get(kind) ?? 0) + (kind === 'env' ? removedEnv : 0),
    })).filter((row) => row.occurrences > 0);
    return { rows, totalOccurrences: rows.reduce((sum, row) => sum + row.occurrences, 0) };
  };

  return {
    text,
    pseudonym,
    countRemovedEnv: (count: number): void => {
      removedEnv += count;
    },
    summary,
  };
}
