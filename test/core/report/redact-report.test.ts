// A redacted report says exactly what the plain one says, with only the values replaced (issue 11, item 3). The
// reference is built independently of the report's redaction: the bundle's own files get the pseudonyms (every
// string of a bundle is a value), then the report is built from them as from any bundle, so Hostscope's sentences
// carry the pseudonyms exactly where the diagnosis put a value, and nowhere else.
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../src/core/bundle/decode';
import { buildHostModel } from '../../../src/core/host-model';
import {
  createRedactor,
  revealText,
  seedsFromBundle,
  type RedactionKey,
  type Redactor,
} from '../../../src/core/redact';
import {
  buildReport,
  createReport,
  redactReport,
  renderReportMarkdown,
  type ReportDocument,
} from '../../../src/core/report';
import type { RawBundle } from '../../../src/shared/bundle';
import { loadBundle, reportBundles, samplePath, type LoadedBundle } from '../../support/report-bundles';

const NOW = '2026-11-30T10:00:00.000Z';

/** Every string value of parsed JSON through `replace`; keys stay (they are the files' structure). */
function mapStrings(
  value: unknown,
  replace: (text: string, key: string | null) => string,
  key: string | null,
): unknown {
  if (typeof value === 'string') return replace(value, key);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, replace, key));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, mapStrings(v, replace, k)]),
    );
  return value;
}

/**
 * The bundle with every name replaced in its files (addresses stay, as they do for the diagnosis). Image
 * references (and image tags) keep their public path, as the redaction promises; everything else in a bundle is a value.
 */
function namesReplacedInFiles(raw: RawBundle, redactor: Redactor): RawBundle {
  const files = new Map<string, Uint8Array>();
  for (const [path, bytes] of raw.files) {
    const text = decodeText(bytes).text;
    let out: string;
    try {
      const json: unknown = JSON.parse(text);
      out = JSON.stringify(
        mapStrings(
          json,
          (s, key) =>
            // An image's tags (docker/images.json RepoTags, issue 16) are image references too.
            key?.toLowerCase() === 'image' || key?.toLowerCase() === 'repotags'
              ? redactor.image(s, 'names')
              : redactor.text(s, 'names'),
          null,
        ),
      );
    } catch {
      out = redactor.text(text, 'names');
    }
    files.set(path, new TextEncoder().encode(out));
  }
  return { source: redactor.text(raw.source, 'names'), files };
}

function reference(b: LoadedBundle): ReportDocument {
  const redactor = createRedactor(seedsFromBundle(b.raw));
  const outcome = buildReport(buildHostModel(namesReplacedInFiles(b.raw, redactor)), { generatedAt: NOW });
  if (outcome.kind !== 'ok') throw new Error(outcome.kind);
  return redactReport(outcome.document, redactor);
}

function redacted(b: LoadedBundle): { document: ReportDocument; key: RedactionKey } {
  const outcome = createReport(b.model, { generatedAt: NOW, redact: true, seeds: seedsFromBundle(b.raw) });
  if (outcome.kind !== 'ok' || outcome.key === null) throw new Error(outcome.kind);
  return { document: outcome.document, key: outcome.key };
}

function plain(b: LoadedBundle): ReportDocument {
  const outcome = createReport(b.model, { generatedAt: NOW, redact: false });
  if (outcome.kind !== 'ok') throw new Error(outcome.kind);
  return outcome.document;
}

/** Every string of a document with its path, in order (the redaction summary aside: it differs by design). */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .filter(([k]) => k !== 'redaction')
      .flatMap(([k, v]) => strings(v, `${path}.${k}`));
  return [];
}

describe.each(reportBundles())('redacted report of $name', ({ name, path }) => {
  let loaded: LoadedBundle | undefined;
  const bundle = async (): Promise<LoadedBundle> => (loaded ??= await loadBundle(name, path));

  it('says what the reference says: every sentence with only its values replaced', async () => {
    const b = await bundle();
    const [got, want] = [strings(redacted(b).document), strings(reference(b))];
    expect(got.map(([p]) => p)).toEqual(want.map(([p]) => p));
    const differing = got.flatMap(([p, text], i) => (text === want[i]![1] ? [] : [[p, text, want[i]![1]]]));
    expect(differing).toEqual([]);
  });

  it('reads back as the plain report through its key', async () => {
    const b = await bundle();
    const { document, key } = redacted(b);
    const before = strings(plain(b));
    const after = strings(document);
    expect(after.map(([p]) => p)).toEqual(before.map(([p]) => p));
    // Addresses come back in one spelling (lower case, MACs with dashes); Windows names in their first spelling;
    // a name the diagnosis quoted for the shell comes back bare (a pseudonym needs no quotes).
    const fold = (s: string): string =>
      s
        .toLowerCase()
        .replace(/\b([0-9a-f]{2}):(?=[0-9a-f]{2}\b)/g, '$1-')
        .replaceAll("'", '');
    const mismatches = after
      .map(([p, text], i) => [p, fold(revealText(text, key)), fold(before[i]![1])] as const)
      .filter(([, back, original]) => back !== original);
    expect(mismatches).toEqual([]);
  });
});

describe('redacted report of server2019-broken-nat', () => {
  it('keeps the words of explanations and the public path of images', async () => {
    const b = await loadBundle('server2019-broken-nat', samplePath('server2019-broken-nat'));
    const { document, key } = redacted(b);
    const md = renderReportMarkdown(document);
    const pseudonym = (value: string): string => key.entries.find((e) => e.value === value)!.pseudonym;
    expect(pseudonym('reports')).toMatch(/^container-\d+$/);
    expect(md).toContain(`Docker reports ${pseudonym('api')} publishing 8080/tcp`);
    expect(md).toContain(`points to an address held by ${pseudonym('reports')}, which does not publish`);
    expect(md).toContain(`${pseudonym('registry.contoso.com')}/shop/api:2.3.1`);
    expect(md).not.toMatch(/container-\d+ container-\d+ publishing/);
  });
});
