// scanJson skips strings with indexOf (issue 15); it must find exactly what reading one character at a time finds,
// escapes and unterminated strings included, or a depth or heap limit could be dodged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonArrayParts, scanJson, type JsonScan } from '../../src/core/bundle/json';

/** The definition: every character in order, a backslash inside a string taking the next one with it. */
function scanByCharacter(text: string, depthLimit: number): JsonScan {
  let depth = 0;
  let inString = false;
  let objects = 0;
  let arrays = 0;
  let strings = 0;
  let tooDeepAt: number | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      strings++;
    } else if (c === '{' || c === '[') {
      if (c === '{') objects++;
      else arrays++;
      if (++depth > depthLimit && tooDeepAt === null) tooDeepAt = i;
    } else if (c === '}' || c === ']') depth--;
  }
  return { heapBytes: objects * 64 + arrays * 40 + strings * 16, tooDeepAt };
}

describe('scanJson', () => {
  it('agrees with a character-at-a-time scan on any mix of quotes, escapes and brackets', () => {
    const jsonish = fc
      .array(fc.constantFrom('"', '\\', '\\\\', '\\"', '{', '}', '[', ']', 'a', ',', ':', ' ', '1'), {
        maxLength: 60,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(jsonish, fc.integer({ min: 0, max: 6 }), (text, limit) => {
        expect(scanJson(text, limit)).toEqual(scanByCharacter(text, limit));
      }),
      { numRuns: 20_000 },
    );
  });

  it('finds nesting past the limit after long strings full of escaped quotes', () => {
    const text = `[${`"${'\\"{['.repeat(1000)}",`.repeat(50)}[[[1]]]]`;
    expect(scanJson(text, 3)).toEqual(scanByCharacter(text, 3));
    expect(scanJson(text, 3).tooDeepAt).toBe(text.indexOf('[[[1') + 2);
  });
});

/** The elements of every part, or null if a part does not parse (the caller then parses the text whole). */
function parseParts(text: string, partChars: number): unknown[] | null {
  const parts = jsonArrayParts(text, scanJson(text, 64, partChars));
  if (parts === null) return null;
  const out: unknown[] = [];
  for (const part of parts) {
    try {
      out.push(...(JSON.parse(part) as unknown[]));
    } catch {
      return null;
    }
  }
  return out;
}

describe('jsonArrayParts', () => {
  it('gives the elements JSON.parse gives, and never accepts a text JSON.parse refuses', () => {
    const token = fc.constantFrom(
      '[',
      ']',
      '{',
      '}',
      ',',
      ',',
      ',',
      ':',
      '"a"',
      '"\\""',
      '"[,]"',
      '1',
      ' ',
      '\n',
      '\u00a0',
    );
    const jsonish = fc.array(token, { maxLength: 40 }).map((parts) => parts.join(''));
    const element = fc.jsonValue().map((v) => JSON.stringify(v, null, 1));
    const arrays = fc
      .tuple(fc.array(element, { minLength: 1, maxLength: 12 }), fc.constantFrom('', ' ', '\n', '\t', '\r\n'))
      .map(([items, space]) => `${space}[${items.join(`,${space}`)}]${space}`);
    fc.assert(
      fc.property(fc.oneof(jsonish, arrays), fc.integer({ min: 1, max: 30 }), (text, partChars) => {
        let whole: unknown;
        try {
          whole = JSON.parse(text);
        } catch {
          expect(parseParts(text, partChars)).toBeNull();
          return;
        }
        const parts = parseParts(text, partChars);
        if (parts !== null) expect(parts).toEqual(whole);
      }),
      { numRuns: 5_000 },
    );
  });

  it('cuts a large array, and refuses a stray comma, text after the array and anything but an array', () => {
    const items = Array.from({ length: 100 }, (_, i) => ({ n: i, s: `a,"[${i}` }));
    const text = JSON.stringify(items, null, 2);
    expect(jsonArrayParts(text, scanJson(text, 64, 200))?.length).toBeGreaterThan(10);
    expect(parseParts(text, 200)).toEqual(items);
    for (const bad of [
      `${text.slice(0, -1)},]`,
      `${text} x`,
      `${text}\u00a0`,
      `{"a":[${text}]}`,
      text.slice(0, -1),
    ])
      expect(parseParts(bad, 200)).toBeNull();
    // Every comma a cut: a stray one leaves an empty part.
    for (const bad of ['[1,]', '[1,2, \n]', '[,1]', '[1,,2]']) expect(parseParts(bad, 1)).toBeNull();
    expect(parseParts('[1, 2,3]', 1)).toEqual([1, 2, 3]);
  });
});
