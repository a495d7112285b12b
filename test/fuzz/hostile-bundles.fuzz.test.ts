// Issue 17: a fuzz suite over the reader, every parser and the CLI commands on mutated samples. Each property is
// bounded in time (TIME_LIMIT_MS) and in runs, so the whole file stays well under a minute; fast-check prints the
// seed of a failing run, and `FUZZ_SEED=<n>` replays it.
//
// Asserted for every mutated bundle: only documented exit codes (README: 0, 1, 2, 3, 4), no stack trace on stdout
// or stderr, no control character from the data on the terminal, bounded memory; in-process, no exception other
// than BundleError from building the model, and every analysis and formatter runs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program';
import { BundleError } from '../../src/core/bundle/errors';
import { correlate, findings, inspect, reachabilityMatrix } from '../../src/core/diagnosis';
import { formatFindings } from '../../src/cli/format/findings';
import { plain } from '../../src/cli/format/style';
import { buildHostModel } from '../../src/core/host-model';
import { formatSummary } from '../../src/cli/format/summary';
import { summarize } from '../../src/core/summary';
import type { RawBundle } from '../../src/shared/bundle';
import { folderFiles } from '../support/hostile-bundles';
import { foreignControl } from '../support/terminal';
import { makeZip } from '../support/zip';

const TIME_LIMIT_MS = 12_000;
const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const settings = (numRuns: number): fc.Parameters<unknown> => ({
  numRuns,
  interruptAfterTimeLimit: TIME_LIMIT_MS,
  markInterruptAsFailure: false,
  ...(seed === undefined ? {} : { seed }),
});

const tmp = mkdtempSync(join(tmpdir(), 'hostscope-fuzz-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const SAMPLE_FILES = folderFiles();
const FILES = [...SAMPLE_FILES.keys()];
const JSON_FILES = FILES.filter((f) => f.endsWith('.json'));
const decoder = new TextDecoder();
const encoder = new TextEncoder();

// Values a red team writes: inherited keys, dates out of range, escape sequences, bidi, bad shapes, many items.
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    'constructor',
    '__proto__',
    'toString',
    1e16,
    -1e300,
    '/Date(99999999999999999)/',
    '\u001b]52;c;SGVsbG8=\u0007',
    '\u001b]0;pwned\u0007',
    '\u009b2J\u202eevil',
    '',
    null,
    {},
    [],
    true,
    { value: 1e16 },
    { __proto__: { polluted: 1 } },
  ),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.array(fc.constant({}), { maxLength: 3000 }),
  fc.dictionary(
    fc.constantFrom('constructor', '__proto__', 'Name', 'Id', 'value'),
    fc.string({ maxLength: 5 }),
  ),
);

/** Every path to a value in a parsed JSON document, in a stable order. */
function paths(root: unknown): (string | number)[][] {
  const out: (string | number)[][] = [[]];
  const walk = (node: unknown, at: (string | number)[]): void => {
    if (node === null || typeof node !== 'object') return;
    const children: [string | number, unknown][] = Array.isArray(node)
      ? node.map((child, i) => [i, child])
      : Object.entries(node);
    for (const [key, child] of children) {
      out.push([...at, key]);
      walk(child, [...at, key]);
    }
  };
  walk(root, []);
  return out;
}

function setAt(root: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  Object.defineProperty(node, path.at(-1)!, { value, enumerable: true, writable: true, configurable: true });
  return root;
}

type Mutation =
  | { readonly kind: 'value'; readonly file: string; readonly at: number; readonly value: unknown }
  | { readonly kind: 'truncate'; readonly file: string; readonly at: number }
  | { readonly kind: 'bytes'; readonly file: string; readonly at: number; readonly bytes: Uint8Array }
  | { readonly kind: 'rename'; readonly file: string; readonly name: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('value' as const),
      file: fc.constantFrom(...JSON_FILES),
      at: fc.nat(),
      value: hostileValue,
    }),
  },
  fc.record({ kind: fc.constant('truncate' as const), file: fc.constantFrom(...FILES), at: fc.nat() }),
  fc.record({
    kind: fc.constant('bytes' as const),
    file: fc.constantFrom(...FILES),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
  }),
  fc.record({
    kind: fc.constant('rename' as const),
    file: fc.constantFrom(...FILES),
    name: fc.constantFrom('\u001b]0;t\u0007.json', '../x', 'host/\u202eevil.txt', 'a\nb', '__proto__'),
  }),
);

function mutate(files: Map<string, Uint8Array>, m: Mutation): void {
  const bytes = files.get(m.file);
  // An earlier mutation may have renamed the file or broken its JSON: then this one has nothing to change.
  if (bytes === undefined) return;
  switch (m.kind) {
    case 'value': {
      let root: unknown;
      try {
        root = JSON.parse(decoder.decode(bytes)) as unknown;
      } catch {
        return;
      }
      const all = paths(root);
      files.set(m.file, encoder.encode(JSON.stringify(setAt(root, all[m.at % all.length]!, m.value))));
      return;
    }
    case 'truncate':
      files.set(m.file, bytes.slice(0, m.at % (bytes.length + 1)));
      return;
    case 'bytes': {
      const at = m.at % (bytes.length + 1);
      files.set(m.file, new Uint8Array([...bytes.slice(0, at), ...m.bytes, ...bytes.slice(at)]));
      return;
    }
    case 'rename':
      files.delete(m.file);
      files.set(m.name, bytes);
  }
}

const mutatedFiles = (mutations: readonly Mutation[]): Map<string, Uint8Array> => {
  const files = new Map(SAMPLE_FILES);
  for (const m of mutations) mutate(files, m);
  return files;
};

const STACK = /^\s+at .+:\d+:\d+\)?$/m;
const EXIT_CODES = [0, 1, 2, 3, 4];
const heapMB = (): number => process.memoryUsage().heapUsed / 1024 / 1024;

describe('fuzz: the reader and every parser on mutated samples (in-process)', () => {
  it('builds a model or refuses with a BundleError, and every analysis and formatter runs', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const files = mutatedFiles(mutations);
        files.delete('../x'); // the reader refuses such names before a parser sees them
        const raw: RawBundle = { source: 'fuzz', files };
        let model;
        try {
          model = buildHostModel(raw);
        } catch (error) {
          expect(error).toBeInstanceOf(BundleError);
          return;
        }
        const correlation = correlate(model);
        formatFindings(findings(model, correlation), plain, 100);
        formatSummary(summarize(model), plain, 100);
        reachabilityMatrix(model, correlation);
        if (model.containers.kind === 'known')
          for (const container of model.containers.value.slice(0, 3)) inspect(model, container);
      }),
      settings(300),
    );
  });
});

const COMMANDS: readonly (readonly string[])[] = [
  ['summary'],
  ['summary', '--json'],
  ['findings'],
  ['inspect', '--container', 'api'],
  ['explain', '--container', 'api', '--from', 'external', '--port', '80'],
  ['isolation', '--container', 'api', '--json'],
];

describe('fuzz: the CLI commands on mutated bundles (zips through the reader)', () => {
  let n = 0;
  it('exits with a documented code, prints no stack trace and no control sequence from the data', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...COMMANDS),
        fc.boolean(),
        async (mutations, command, isTty) => {
          const zip = join(tmp, `fuzz-${n++}.zip`);
          writeFileSync(zip, makeZip([...mutatedFiles(mutations)].map(([name, data]) => ({ name, data }))));
          let out = '';
          let err = '';
          const before = heapMB();
          const code = await runCli([command[0]!, zip, ...command.slice(1)], {
            out: (t) => void (out += t),
            err: (t) => void (err += t),
            isTty,
            columns: 100,
          });
          rmSync(zip);
          expect(EXIT_CODES).toContain(code);
          expect(out + err).not.toMatch(STACK);
          expect(foreignControl(out + err)).toBeNull();
          if (code !== 0) expect(err.trimEnd().split('\n')).toHaveLength(1);
          expect(heapMB() - before).toBeLessThan(500);
        },
      ),
      settings(60),
    );
  });
});
