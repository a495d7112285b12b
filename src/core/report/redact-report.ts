// The last pass of a redacted report, built from a model whose names are pseudonyms already (redactModel): every
// string goes through the redactor for addresses only, so the same address reads the same in the summary, the
// tables and the causes. Names are not searched again: that would replace the words of Hostscope's own sentences
// ("Docker reports api" with a container named `reports`, issue 11 item 3). Vocabulary keys (statuses, verdicts,
// ids) are left alone entirely.
import type { Redactor } from '../redact';
import type { ReportDocument } from './document';

// Keys whose values come from fixed vocabularies or are ids the reasoning cites, never from the host's owner.
// `id` holds container ids (not secret) and cause, hop, finding and probe ids such as `firewall-blocked`.
const VOCABULARY_KEYS: ReadonlySet<string> = new Set([
  'schema',
  'id',
  'label',
  'kind',
  'status',
  'manifestStatus',
  'state',
  'verdict',
  'severity',
  'protocol',
  'isolation',
  'action',
  'direction',
  'mode',
  'generatedAt',
  'collectedAt',
  'references',
  'reference',
  'findingIds',
]);

function redactValue(value: unknown, redactor: Redactor, key: string | null, clean: Set<string>): unknown {
  // Only a word (or a list of words) is kept under these keys: an object there is redacted like any other.
  const vocabulary = key !== null && VOCABULARY_KEYS.has(key);
  if (typeof value === 'string') {
    if (vocabulary || clean.has(value)) return value;
    const out = redactor.text(value, 'addresses');
    // A report repeats its sentences (one per client and port): one without an address is searched once.
    if (out === value) clean.add(value);
    return out;
  }
  if (Array.isArray(value))
    return value.map((item) => redactValue(item, redactor, typeof item === 'string' ? key : null, clean));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, child] of Object.entries(value as Record<string, unknown>))
      out[k] = redactValue(child, redactor, k, clean);
    return out;
  }
  return value;
}

/** The document with its addresses replaced by pseudonyms and a summary of everything replaced. */
export function redactReport(document: ReportDocument, redactor: Redactor): ReportDocument {
  const redacted = redactValue({ ...document, redaction: null }, redactor, null, new Set()) as ReportDocument;
  return { ...redacted, redaction: redactor.summary() };
}
