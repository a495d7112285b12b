// A bundle with its secrets replaced, for support engineers who want the raw data (issue 6, item 4). The files
// stay raw probe output in the bundle-v1 layout, so any reader (and Hostscope) analyses them as before.
import type { RawBundle } from '../../shared/bundle';
import { decodeText } from '../bundle/decode';
import { JsonHeapBudget, parseJson } from '../bundle/json';
import { REDACTED_VALUE, type RedactionSummary, type Redactor } from './redactor';
import { ACCOUNT_KEYS, HOST_KEYS, bundleFileOrder, envValue, isBundleFile } from './seeds';

export interface RedactedBundle {
  /** Bundle-relative path -> UTF-8 bytes (bundle-v1 readers accept UTF-8 whatever the original encoding was). */
  readonly files: ReadonlyMap<string, Uint8Array>;
  /**
   * Files left out: no probe owns them (never read, issue 17 item 1), or they are neither JSON nor text, so
   * nothing can vouch they hold no secret.
   */
  readonly dropped: readonly string[];
  /** JSON files that did not parse and were redacted as text. */
  readonly redactedAsText: readonly string[];
  readonly summary: RedactionSummary;
}

const TEXT_EXTENSIONS = ['.json', '.txt', '.log', '.csv'];
const utf8 = new TextEncoder();

/** Where a JSON value sits: its file, its key and the keys of the two objects around it (lower case). */
interface JsonPlace {
  readonly file: string;
  readonly key: string | null;
  readonly parent: string | null;
  readonly grandparent: string | null;
}

// `Name` is a container's or a swarm service's name only in these places; elsewhere (the engine service `docker`,
// a network `nat`, a process) it is free text, where vocabulary words stay.
const isContainerOrServiceName = ({ file, key, parent, grandparent }: JsonPlace): boolean =>
  key === 'name' &&
  ((file === 'docker/containers.json' && parent === null) ||
    (file === 'docker/networks.json' && grandparent === 'containers') ||
    (file === 'docker/swarm/services.json' && parent === 'spec'));

function redactString(value: string, redactor: Redactor, place: JsonPlace): string {
  const k = place.key ?? '';
  if (k === 'image' || k === 'repotags') return redactor.image(value);
  if (HOST_KEYS.has(k) || isContainerOrServiceName(place)) return redactor.name(value, 'all');
  if (ACCOUNT_KEYS.has(k)) {
    const slash = value.lastIndexOf('\\');
    return slash === -1
      ? redactor.name(value, 'all', 'user')
      : `${redactor.text(value.slice(0, slash))}\\${redactor.name(value.slice(slash + 1), 'all', 'user')}`;
  }
  return redactor.text(value);
}

/**
 * A JSON key is the bundle's structure and stays (a container called `host` must not rename a field, issue 17
 * item 5), except where keys are data: label names, and keys that are addresses or registries (`IndexConfigs`).
 */
function redactKey(key: string, redactor: Redactor, parent: string | null): string {
  if (parent === 'labels') return redactor.text(key);
  return key.includes('.') || key.includes(':') ? redactor.text(key) : key;
}

function redactJson(value: unknown, redactor: Redactor, place: JsonPlace): unknown {
  if (typeof value === 'string') return redactString(value, redactor, place);
  if (Array.isArray(value)) {
    // Docker's environment lists (`Config.Env`, a service's `ContainerSpec.Env`): keep the names, drop every value.
    if (place.key === 'env') {
      let removed = 0;
      const entries = value.map((entry) => {
        if (typeof entry !== 'string') return redactJson(entry, redactor, { ...place, key: null });
        const current = envValue(entry);
        if (current === null) return redactor.text(entry);
        if (current !== REDACTED_VALUE) removed++;
        return `${redactor.text(entry.slice(0, entry.indexOf('=')))}=${REDACTED_VALUE}`;
      });
      redactor.countRemovedEnv(removed);
      return entries;
    }
    return value.map((item) => redactJson(item, redactor, place));
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, child] of Object.entries(value as Record<string, unknown>)) {
      out[redactKey(k, redactor, place.key)] = redactJson(child, redactor, {
        file: place.file,
        key: k.toLowerCase(),
        parent: place.key,
        grandparent: place.parent,
      });
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
    if (!isBundleFile(file) || !TEXT_EXTENSIONS.some((ext) => lower.endsWith(ext))) {
      dropped.push(file);
      continue;
    }
    const { text } = decodeText(raw.files.get(file)!);
    let out: string;
    const parsed = lower.endsWith('.json') ? parseJson(text, undefined, budget) : null;
    if (parsed?.kind === 'ok') {
      out = `${JSON.stringify(redactJson(parsed.value, redactor, { file, key: null, parent: null, grandparent: null }), null, 2)}\n`;
    } else {
      if (parsed) redactedAsText.push(file);
      out = redactor.text(parsed ? scrubEnvText(text, redactor) : text);
    }
    // Paths are the bundle's layout (probe files, container ids), never values: a container called `docker` must
    // not move docker/*.json (issue 17, item 5).
    files.set(file, utf8.encode(out));
  }
  return { files, dropped, redactedAsText, summary: redactor.summary() };
}
