// decodeText's Windows-1252 fallback: Node 20.18.3+ decodes 0x80-0x9F as Latin-1 (nodejs/node#60888).
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/core/bundle/decode';

describe('decodeText', () => {
  it('reads bytes that are not UTF-8 as Windows-1252, 0x80-0x9F included', () => {
    // "Port 80 – it’s € 5 ™" as an English console writes it, then the five bytes Windows-1252 leaves undefined.
    const bytes = Uint8Array.from([
      0x50, 0x6f, 0x72, 0x74, 0x20, 0x38, 0x30, 0x20, 0x96, 0x20, 0x69, 0x74, 0x92, 0x73, 0x20, 0x80, 0x20,
      0x35, 0x20, 0x99, 0x20, 0xe9, 0x81, 0x8d, 0x8f, 0x90, 0x9d,
    ]);
    expect(decodeText(bytes)).toEqual({
      text: 'Port 80 \u2013 it\u2019s \u20ac 5 \u2122 \u00e9\u0081\u008d\u008f\u0090\u009d',
      encoding: 'windows-1252',
    });
  });

  it('maps every byte from 0x80 to 0x9F as the WHATWG index does', () => {
    const text = decodeText(Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i)).text;
    expect([...text].map((c) => c.codePointAt(0))).toEqual([
      0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
      0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
      0x153, 0x9d, 0x17e, 0x178,
    ]);
  });

  it('keeps UTF-8 text as it is, C1 characters included', () => {
    expect(decodeText(new TextEncoder().encode('a\u0092b\u2019'))).toEqual({
      text: 'a\u0092b\u2019',
      encoding: 'utf-8',
    });
  });
});
