// Node's ASCII fast path for the core decoder (issue 15): the same text as TextDecoder, or no answer at all.
import { describe, expect, it } from 'vitest';
import { asciiText, NODE_MODEL_OPTIONS } from '../../src/collect/ascii-text';
import { readBundle } from '../../src/collect/bundle-reader';
import { decodeText } from '../../src/core/bundle/decode';
import { buildHostModel } from '../../src/core/host-model';
import { SAMPLE_HOSTS } from '../support/samples';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('asciiText', () => {
  it('reads ASCII bytes as TextDecoder does, from a view into a larger buffer too', () => {
    const all = utf8('xx{"Name": "web-1", "Port": 8080}\r\n\tyy');
    const view = all.subarray(2, all.length - 2);
    expect(asciiText(view)).toBe(new TextDecoder().decode(view));
    expect(asciiText(new Uint8Array(0))).toBe('');
  });

  it('gives no answer for a byte above 0x7F, wherever it is', () => {
    expect(asciiText(utf8('caf\u00e9'))).toBeNull();
    expect(asciiText(Uint8Array.from([0x80, 0x41]))).toBeNull();
  });
});

describe('decodeText with the ASCII fast path', () => {
  const decode = (bytes: Uint8Array): ReturnType<typeof decodeText> => decodeText(bytes, NODE_MODEL_OPTIONS);

  it('answers as without it for ASCII, UTF-8, a UTF-8 BOM, UTF-16 and Windows-1252 bytes', () => {
    const cases = [
      utf8('[{"Id": 4}]'),
      utf8('\ufeff[{"Id": 4}]'),
      utf8('{"Name": "Ethernet \u2013 vEthernet (nat)"}'),
      Uint8Array.from([0xff, 0xfe, 0x41, 0x00, 0x42, 0x00]),
      Uint8Array.from([0xfe, 0xff, 0x00, 0x41]),
      Uint8Array.from([0x50, 0x96, 0x20, 0x80]),
    ];
    for (const bytes of cases) expect(decode(bytes)).toEqual(decodeText(bytes));
    expect(decode(utf8('\ufeff{}'))).toEqual({ text: '{}', encoding: 'utf-8-bom' });
  });

  it.each(SAMPLE_HOSTS)('builds the same model of %s as the plain decoder', async (name) => {
    const raw = await readBundle(`resources/samples/${name}`);
    expect(JSON.stringify(buildHostModel(raw, NODE_MODEL_OPTIONS))).toBe(JSON.stringify(buildHostModel(raw)));
  });
});
