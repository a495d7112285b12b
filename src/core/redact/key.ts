// The key of a redacted output: which value each pseudonym stands for. It is written beside the report or bundle
// (`<name>.key.json`), never inside, and stays with the admin: support answers "restart container-2", and
// `hostscope redact --reveal` turns that back into the real name (issue 11, item 3).
import { REDACTION_KINDS, type PseudonymKind, type RedactionKeyEntry } from './redactor';
import { errorMessage } from '../../shared/error-message';

export const REDACTION_KEY_SCHEMA = 'hostscope-redaction-key';
export const REDACTION_KEY_VERSION = 1;

export interface RedactionKey {
  readonly schema: typeof REDACTION_KEY_SCHEMA;
  readonly version: typeof REDACTION_KEY_VERSION;
  /** What was redacted (the bundle as given), so a key can be matched with its output. */
  readonly source: string;
  readonly entries: readonly RedactionKeyEntry[];
}

export function redactionKey(source: string, entries: readonly RedactionKeyEntry[]): RedactionKey {
  return { schema: REDACTION_KEY_SCHEMA, version: REDACTION_KEY_VERSION, source, entries };
}

export type ParsedKey =
  { readonly kind: 'ok'; readonly key: RedactionKey } | { readonly kind: 'invalid'; readonly reason: string };

const PSEUDONYM_KINDS: ReadonlySet<string> = new Set(REDACTION_KINDS.filter((k) => k !== 'env'));

/** Reads a key file's text; the reason names the field and what was expected. */
export function parseRedactionKey(text: string): ParsedKey {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      kind: 'invalid',
      reason: `not JSON (${errorMessage(error)})`,
    };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    return { kind: 'invalid', reason: 'expected an object with schema, version and entries' };
  const o = json as Record<string, unknown>;
  if (o.schema !== REDACTION_KEY_SCHEMA)
    return { kind: 'invalid', reason: `schema: expected "${REDACTION_KEY_SCHEMA}"` };
  if (o.version !== REDACTION_KEY_VERSION)
    return { kind: 'invalid', reason: `version: expected ${REDACTION_KEY_VERSION}` };
  if (!Array.isArray(o.entries)) return { kind: 'invalid', reason: 'entries: expected a list' };
  const entries: RedactionKeyEntry[] = [];
  for (const [i, entry] of o.entries.entries()) {
    const e = (entry ?? {}) as Record<string, unknown>;
    if (
      typeof e.pseudonym !== 'string' ||
      typeof e.value !== 'string' ||
      typeof e.kind !== 'string' ||
      !PSEUDONYM_KINDS.has(e.kind) ||
      !e.pseudonym.startsWith(`${e.kind}-`)
    )
      return {
        kind: 'invalid',
        reason: `entries[${i}]: expected { pseudonym: "<kind>-<n>", kind: one of ${[...PSEUDONYM_KINDS].join(', ')}, value: text }`,
      };
    entries.push({ pseudonym: e.pseudonym, kind: e.kind as PseudonymKind, value: e.value });
  }
  return {
    kind: 'ok',
    key: redactionKey(typeof o.source === 'string' ? o.source : 'unknown', entries),
  };
}

// A pseudonym as the redactor writes it, also where it replaced part of a name (`container-1-data`,
// `bundle-host-1`); `container-1` inside `container-12` or `xcontainer-1` is none.
const PSEUDONYM = new RegExp(`(?<![A-Za-z0-9_])(?:${[...PSEUDONYM_KINDS].join('|')})-\\d+(?![0-9])`, 'g');

/** The text with every pseudonym the key knows replaced by its value; unknown pseudonyms stay as they are. */
export function revealText(text: string, key: RedactionKey): string {
  const values = new Map(key.entries.map((e) => [e.pseudonym, e.value]));
  return text.replace(PSEUDONYM, (pseudonym) => values.get(pseudonym) ?? pseudonym);
}
