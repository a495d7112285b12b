// scanJson skips strings with indexOf (issue 15); it must find exactly what reading one character at a time finds,
// escapes and unterminated strings included, or a depth or heap limit could be dodged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanJson, type JsonScan } from '../../src/core/bundle/json';

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
