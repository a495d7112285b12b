import type { TextEncodingName } from '../../shared/model';

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncodingName;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf16le = new TextDecoder('utf-16le');
const utf16be = new TextDecoder('utf-16be');
const cp1252 = new TextDecoder('windows-1252');

/**
 * What Windows-1252 means by bytes 0x80-0x9F (WHATWG encoding index; 0x81, 0x8D, 0x8F, 0x90, 0x9D stay as they
 * are). Node 20.18.3 and later decode those bytes as Latin-1 (nodejs/node#60888), so an English console's `’`
 * or `€` came out as control characters; mapping them afterwards gives the same text on every Node.
 */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const C1_CONTROLS = /[\u0080-\u009f]/g;

function decodeCp1252(bytes: Uint8Array): string {
  return cp1252.decode(bytes).replace(C1_CONTROLS, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/**
 * Decodes a bundle file by its byte-order mark. Windows PowerShell 5.1 writes UTF-16LE with BOM through
 * Out-File and `>`; other files are UTF-8 with or without BOM (bundle-v1). Bytes that are not UTF-8 are read as
 * Windows-1252, what console tools on an English host emit, rather than failing the file.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: utf16le.decode(bytes.subarray(2)), encoding: 'utf-16le-bom' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: utf16be.decode(bytes.subarray(2)), encoding: 'utf-16be-bom' };
  }
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    return { text: utf8.decode(body), encoding: hasBom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    return { text: decodeCp1252(body), encoding: 'windows-1252' };
  }
}
