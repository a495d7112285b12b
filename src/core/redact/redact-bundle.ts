// A bundle with its secrets replaced, for support engineers who want the raw data (issue 6, item 4). The files
// stay raw probe output in the bundle-v1 layout, so any reader (and Hostscope) analyses them as before.
import type { RawBundle } from '../../shared/bundle';
import { decodeText } from '../bundle/decode';
import { JsonHeapBudget, parseJson } from '../bundle/json';
import { REDACTED_VALUE, type RedactionSummary, type Redactor } from './redactor';
import { bundleFileOrder, envValue } from './seeds';

export interface RedactedBundle {
  /** Bundle-relative path -> UTF-8 bytes (bundle-v1 readers accept UTF-8 whatever the original encoding was). */
  readonly files: ReadonlyMap<string, Uint8Array>;
  /** Files left out because they are neither JSON nor text, so nothing can vouch they hold no secret. */
  readonly dropped: readonly string[];
  /** JSON files that did not parse and were redacted as text. */
  readonly redactedAsText: readonly string[];
  readonly summary: RedactionSummary;
}

const TEXT_EXTENSIONS = ['.json', '.txt', '.log', '.csv'];
const utf8 = new TextEncoder();

function redactJson(value: unknown, redactor: Redactor, key: string | null): unknown {
  if (typeof value === 'string') return redactor.text(value);
  if (Array.isArray(value)) {
    // Docker's environment lists (`Config.Env`, a service's `ContainerSpec.Env`): keep the names, drop every value.
    if (key?.toLowerCase() === 'env') {
      let removed = 0;
      const entries = value.map((entry) => {
        if (typeof entry !== 'string') return redactJson(entry, redactor, null);
        const current = envValue(entry);
        if (current === null) return redactor.text(entry);
        if (current !== REDACTED_VALUE) removed++;
        return `${redactor.text(entry.slice(0, entry.indexOf('=')))}=${REDACTED_VALUE}`;
      });
      redactor.countRemovedEnv(removed);
      return entries;
    }
    return value.map((item) => redactJson(item, redactor, key));
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, child] of Object.entries(value as Record<string, unknown>)) {
      // Keys carry data too: registry names in IndexConfigs, addresses in some HNS objects.
      out[redactor.text(k)] = redactJson(child, redactor, k);
    }
    return out;
  }
  return value;
}

// In JSON that does not parse (a truncated capture), an environment list is still found by its key: every
// `"NAME=value"` string from `"Env": [` to the closing bracket (or the end of the file) loses its value.
const ENV_LIST = /"Env"\s*:\s*\[(?:[^\]"]|"(?:[^"\\]|\\.)*(?:"|$))*/gi;
const ENV_ENTRY = /"((?:[^"\\=]|\\.)*)=(?:[^"\\]|\\.)*(?:"|$)/g;

function scrubEnvText(text: string, redactor: Redactor): string {
  return text.replace(ENV_LIST, (list: string) =>
    list.replace(ENV_ENTRY, (_entry: string, name: string) => {
      redactor.countRemovedEnv(1);
      return `"${name}=${REDACTED_VALUE}"`;
    }),
  );
}

/** Rewrites every JSON and text file of a bundle through `redactor`; the manifest included. */
export function redactBundle(raw: RawBundle, redactor: Redactor): RedactedBundle {
  const files = new Map<string, Uint8Array>();
  const dropped: string[] = [];
  const redactedAsText: string[] = [];
  // JSON is parsed under the bundle's heap budget; past it a file is redacted as text (issue 17, defect 1).
  const budget = new JsonHeapBudget();
  for (const file of bundleFileOrder(raw)) {
    const lower = file.toLowerCase();
    if (!TEXT_EXTENSIONS.some((ext) => lower.endsWith(ext))) {
      dropped.push(file);
      continue;
    }
    const { text } = decodeText(raw.files.get(file)!);
    let out: string;
    const parsed = lower.endsWith('.json') ? parseJson(text, undefined, budget) : null;
    if (parsed?.kind === 'ok') {
      out = `${JSON.stringify(redactJson(parsed.value, redactor, null), null, 2)}\n`;
    } else {
      if (parsed) redactedAsText.push(file);
      out = redactor.text(parsed ? scrubEnvText(text, redactor) : text);
    }
    // Paths hold container ids (docker/top/<id>.json), which are kept; a name in a path would still be replaced.
    files.set(redactor.text(file), utf8.encode(out));
  }
  return { files, dropped, redactedAsText, summary: redactor.summary() };
}
