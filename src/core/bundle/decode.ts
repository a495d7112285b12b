import type { TextEncodingName } from '../../shared/model';

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncodingName;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf16le = new TextDecoder('utf-16le');
const utf16be = new TextDecoder('utf-16be');
const cp1252 = new TextDecoder('windows-1252');
// Node 20.18.3+ and 22.13.0+ decode windows-1252 as Latin-1 on a fast path (an English console's `’`, `€` became
// control characters, nodejs/node#60888); streaming skips it, and holds nothing back in a one-byte encoding.
const CP1252_STREAM = { stream: true } as const;

export interface TextDecoding {
  /**
   * The bytes as text when every one is ASCII, else null: a platform's fast copy (Node: src/collect/ascii-text.ts).
   * TextDecoder converts at about 300 MB/s on the test machine whether or not the bytes are ASCII (issue 15).
   */
  readonly asciiText?: (bytes: Uint8Array) => string | null;
}

/**
 * Decodes a bundle file by its byte-order mark. Windows PowerShell 5.1 writes UTF-16LE with BOM through
 * Out-File and `>`; other files are UTF-8 with or without BOM (bundle-v1). Bytes that are not UTF-8 are read as
 * Windows-1252, what console tools on an English host emit, rather than failing the file.
 */
export function decodeText(bytes: Uint8Array, options: TextDecoding = {}): DecodedText {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: utf16le.decode(bytes.subarray(2)), encoding: 'utf-16le-bom' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: utf16be.decode(bytes.subarray(2)), encoding: 'utf-16be-bom' };
  }
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  // ASCII is UTF-8 as it is: the platform's copy, where it has one, gives the text TextDecoder would.
  const ascii = options.asciiText?.(body);
  if (ascii != null) return { text: ascii, encoding: hasBom ? 'utf-8-bom' : 'utf-8' };
  try {
    return { text: utf8.decode(body), encoding: hasBom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    return { text: cp1252.decode(body, CP1252_STREAM), encoding: 'windows-1252' };
  }
}
