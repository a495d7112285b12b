// Stable pseudonyms for everything that identifies a host, its people or its network. One redactor serves a
// whole report (or a whole bundle), so `ip-3` names the same address everywhere and the reasoning still reads.
import { findAddresses } from './addresses';
import { createLiteralIndex, type Literal } from './literal-index';

/** What gets a pseudonym (`host-1`, `ip-2` ...). Environment values get none: they are removed. */
export type PseudonymKind = 'host' | 'domain' | 'user' | 'container' | 'service' | 'registry' | 'ip' | 'mac';
export type RedactionKind = PseudonymKind | 'env';

/** The order kinds are listed in, in summaries and when numbering. */
export const REDACTION_KINDS: readonly RedactionKind[] = [
  'host',
  'domain',
  'user',
  'container',
  'service',
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

/**
 * What `text` replaces: everything (a bundle's own files), names and secrets only (a host model, whose addresses
 * the diagnosis still has to compare), or addresses only (a report built from a model whose names are replaced
 * already: searching names again would replace the words of Hostscope's own sentences, issue 11 item 3).
 */
export type RedactionScope = 'all' | 'names' | 'addresses';

/** One line of the key that translates pseudonyms back (written beside a redacted output, never inside it). */
export interface RedactionKeyEntry {
  readonly pseudonym: string;
  readonly kind: PseudonymKind;
  /** The value as first met (Windows names compare in any case). */
  readonly value: string;
}

export interface Redactor {
  /** The text with every seed, IP and MAC address (or those of `scope`) replaced by its pseudonym. */
  readonly text: (input: string, scope?: RedactionScope) => string;
  /**
   * A field that holds one value (a container, host or service name): the whole value's pseudonym when it is a
   * seed, even a word such as `docker` that free text keeps; otherwise the names inside it, as `text` does.
   * `prefer` picks the kind where a value was seeded as two (an account `docker` and a container `docker`).
   */
  readonly name: (value: string, scope?: RedactionScope, prefer?: PseudonymKind) => string;
  /**
   * An image reference: the registry host is a value; the repository path is the image's public name, where only
   * domain, host and user names are replaced (`registry.contoso.com/shop/api` -> `registry-1/shop/api` even with
   * containers named `shop` and `api`).
   */
  readonly image: (reference: string, scope?: RedactionScope) => string;
  /** The pseudonym a value has or gets (for fields whose meaning is known, e.g. a container name). */
  readonly pseudonym: (kind: PseudonymKind, value: string) => string;
  /** Every pseudonym given so far with its value, by kind and number. */
  readonly key: () => readonly RedactionKeyEntry[];
  /** Counts an environment value removed structurally (not through `text`). */
  readonly countRemovedEnv: (count: number) => void;
  /** What was replaced so far, by kind. */
  readonly summary: () => RedactionSummary;
}

// Windows names (hosts, domains, users, registries) compare case-insensitively; Docker names and env values do not.
const CASE_INSENSITIVE: ReadonlySet<RedactionKind> = new Set(['host', 'domain', 'user', 'registry']);

// Names that are also words of the bundle's and the engine's own vocabulary: a container called `docker` or `host`,
// a service account `.\docker`. Searched in free text they would rewrite `docker/info.json`, a network driver, an
// isolation mode or a service name (issue 17, item 5). They are replaced where a field holds exactly that name.
const VOCABULARY_NAMES: ReadonlySet<string> = new Set([
  'docker',
  'dockerd',
  'host',
  'hosts',
  'nat',
  'none',
  'null',
  'default',
  'bridge',
  'transparent',
  'overlay',
  'l2bridge',
  'l2tunnel',
  'ics',
  'ingress',
  'process',
  'hyperv',
  'tcp',
  'udp',
  'any',
  'local',
  'global',
  'container',
  'containers',
  'windows',
  'system',
  'engine',
  'manifest',
]);

/** Whether a name is also a word of the vocabulary, and so replaced only where a field holds exactly that name. */
function isVocabularyName(value: string): boolean {
  return VOCABULARY_NAMES.has(value.trim().toLowerCase());
}
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

const macKey = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^0-9a-f]/g, '')
    .replace(/(..)(?!$)/g, '$1-');

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

  const originals = new Map<string, RedactionKeyEntry>();
  const keyOf = (kind: RedactionKind, value: string): string =>
    CASE_INSENSITIVE.has(kind) ? value.toLowerCase() : value;
  const pseudonym = (kind: PseudonymKind, value: string): string => {
    let table = numbers.get(kind);
    if (!table) numbers.set(kind, (table = new Map()));
    const key = keyOf(kind, value);
    let name = table.get(key);
    if (name === undefined) {
      table.set(key, (name = `${kind}-${table.size + 1}`));
      originals.set(name, { pseudonym: name, kind, value });
    }
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
  // Exact values of name fields, vocabulary words included: case-sensitive key first, then folded.
  const exactNames = new Map<string, PseudonymKind>();
  const exactByKind = new Set<string>();
  const literals: Literal<RedactionKind>[] = [];
  for (const seed of seeds) {
    if (!isUsableSeed(seed)) continue;
    const value = seed.value.trim();
    const key = keyOf(seed.kind, value);
    if (
      seed.kind !== 'env' &&
      seed.kind !== 'mac' &&
      seed.kind !== 'ip' &&
      !exactByKind.has(`${seed.kind}\u0000${key}`)
    ) {
      exactByKind.add(`${seed.kind}\u0000${key}`);
      pseudonym(seed.kind, value);
    }
    if (kindOfLiteral.has(`${seed.kind === 'env' ? 'env' : 'name'}:${key}`)) continue;
    kindOfLiteral.set(`${seed.kind === 'env' ? 'env' : 'name'}:${key}`, seed.kind);
    if (seed.kind === 'env') {
      literals.push({ value, kind: 'env', caseSensitive: true, wholeWord: false });
      continue;
    }
    if (seed.kind === 'mac') {
      // Addresses are found by pattern (any spelling); seeding them fixes their numbers. A MAC seeded from a
      // field that wrote it without separators (`00155D010203`) is also searched in that spelling.
      const key12 = macKey(value);
      pseudonym('mac', key12);
      literals.push({ value: key12.replaceAll('-', ''), kind: 'mac', caseSensitive: false, wholeWord: true });
      continue;
    }
    pseudonym(seed.kind, value);
    if (seed.kind === 'ip') continue;
    if (!exactNames.has(key)) exactNames.set(key, seed.kind);
    if (!isVocabularyName(value))
      literals.push({
        value,
        kind: seed.kind,
        caseSensitive: !CASE_INSENSITIVE.has(seed.kind),
        wholeWord: true,
      });
  }
  const findLiterals = createLiteralIndex(literals);
  // Container and service names in an image's repository path are path words, not the containers (issue 11).
  const findInImagePath = createLiteralIndex(
    literals.filter((l) => l.kind !== 'container' && l.kind !== 'service'),
  );

  const replace = (input: string, scope: RedactionScope, find: typeof findLiterals): string => {
    if (input === '') return input;
    const spans: Span[] = [];
    if (scope !== 'addresses')
      for (const { start, end, literal } of find(input)) {
        const original = input.slice(start, end);
        const replacement =
          literal.kind === 'env'
            ? REDACTED_VALUE
            : pseudonym(literal.kind, literal.kind === 'mac' ? macKey(original) : original);
        spans.push({ start, end, replacement, kind: literal.kind, original });
      }
    if (scope !== 'names')
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

  const text = (input: string, scope: RedactionScope = 'all'): string => replace(input, scope, findLiterals);

  const image = (reference: string, scope: RedactionScope = 'all'): string => {
    const slash = reference.indexOf('/');
    const first = slash > 0 ? reference.slice(0, slash) : '';
    // Docker's rule: the first component is a registry when it has a dot or a port, or is localhost.
    if (first === '' || !(first.includes('.') || first.includes(':') || first === 'localhost'))
      return replace(reference, scope, findInImagePath);
    return `${text(first, scope)}${replace(reference.slice(slash), scope, findInImagePath)}`;
  };

  const name = (value: string, scope: RedactionScope = 'names', prefer?: PseudonymKind): string => {
    // Docker writes a container's name with a leading `/` (inspect `Name`); the slash is no part of the name.
    const slash = value.startsWith('/') ? '/' : '';
    const bare = value.slice(slash.length).trim();
    const preferred =
      prefer !== undefined && exactByKind.has(`${prefer}\u0000${keyOf(prefer, bare)}`) ? prefer : undefined;
    const kind = preferred ?? exactNames.get(bare) ?? exactNames.get(bare.toLowerCase());
    if (kind === undefined || (!CASE_INSENSITIVE.has(kind) && exactNames.get(bare) === undefined))
      return text(value, scope);
    record(kind, bare);
    return `${slash}${pseudonym(kind, bare)}`;
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
    name,
    image,
    pseudonym,
    key: (): RedactionKeyEntry[] =>
      REDACTION_KINDS.flatMap((kind) =>
        [...(numbers.get(kind as PseudonymKind)?.values() ?? [])].map((p) => originals.get(p)!),
      ),
    countRemovedEnv: (count: number): void => {
      removedEnv += count;
    },
    summary,
  };
}
