// The layering allow-lists (lint/layers.js, issue 15) run through ESLint with the project's own config: each
// fixture of test/fixtures/layering/<layer>/ is linted as if it were a file of src/<layer>/, so its relative
// imports resolve the way they would there. Every line of forbidden.ts must fail the rule; allowed.ts must not.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../lint/layers.js';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'test/fixtures/layering');
const RULE = 'layers/allowed-imports';
const eslint = new ESLint({ cwd: ROOT });

/** Where a fixture pretends to live: the renderer's sources sit one folder deeper, in src/renderer/src/. */
const pretendPath = (layer: string): string =>
  join(ROOT, 'src', layer, ...(layer === 'renderer' ? ['src'] : []), 'layering-fixture.ts');

/** The 1-based lines of a fixture that import something (its comments excluded). */
function importLines(text: string): number[] {
  return text
    .split('\n')
    .flatMap((line, index) => (/^(import|export)\b/.test(line) && /'[^']+'/.test(line) ? [index + 1] : []));
}

async function layeringErrors(layer: string, fixture: string): Promise<{ lines: number[]; text: string }> {
  const text = readFileSync(join(FIXTURES, layer, fixture), 'utf8');
  const [result] = await eslint.lintText(text, { filePath: pretendPath(layer) });
  const messages = result!.messages;
  // A parse error would hide every rule: the fixture itself must be valid TypeScript.
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return { lines: messages.filter((m) => m.ruleId === RULE).map((m) => m.line), text };
}

describe('layering allow-lists', () => {
  it('has an allow-list and fixtures for every folder of src/', () => {
    const folders = readdirSync(join(ROOT, 'src'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(Object.keys(LAYERS).sort()).toEqual(folders);
    expect(readdirSync(FIXTURES).sort()).toEqual(folders);
  });

  for (const layer of Object.keys(LAYERS)) {
    it(`fails every forbidden import of ${layer}/, one error per import`, async () => {
      const { lines, text } = await layeringErrors(layer, 'forbidden.ts');
      expect(importLines(text).length).toBeGreaterThan(10);
      expect(lines).toEqual(importLines(text));
    });

    it(`passes what ${layer}/ may import`, async () => {
      const { lines, text } = await layeringErrors(layer, 'allowed.ts');
      expect(importLines(text).length).toBeGreaterThan(0);
      expect(lines).toEqual([]);
    });
  }

  it('names the layer, the import and what is allowed', async () => {
    const [result] = await eslint.lintText("import '../service/operations';\n", {
      filePath: pretendPath('core'),
    });
    expect(result!.messages.find((m) => m.ruleId === RULE)?.message).toBe(
      'core/ may not import service/ ("../service/operations") (core/ is pure analysis: no I/O, no node, electron or DOM; it may import shared/, core/, zod).',
    );
  });
});
