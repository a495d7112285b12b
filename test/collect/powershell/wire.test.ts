// How values reach PowerShell: whatever the string, the argument is one single-quoted literal of base64
// characters, so nothing in it can end the literal or start a statement; answers decode back exactly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeBase64,
  newNonce,
  probeAnswerSchema,
  readAnswer,
  requestArgument,
  stringExpression,
} from '../../../src/collect/powershell/wire';

describe('requestArgument and stringExpression', () => {
  it('turn any value into PowerShell text made of base64 characters inside single quotes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.jsonValue(), (text, json) => {
        const argument = requestArgument({ text, json });
        expect(argument).toMatch(/^'[A-Za-z0-9+/=]*'$/);
        expect(JSON.parse(Buffer.from(argument.slice(1, -1), 'base64').toString('utf8'))).toEqual(
          JSON.parse(JSON.stringify({ text, json })),
        );
        expect(stringExpression(text)).toMatch(
          /^\(\[System\.Text\.Encoding\]::UTF8\.GetString\(\[Convert\]::FromBase64String\('[A-Za-z0-9+/=]*'\)\)\)$/,
        );
      }),
    );
  });

  it('carry the literal hostile name of the issue unchanged', () => {
    const hostile = "x'; Remove-Item C:\\ -Recurse; '";
    const argument = requestArgument({ computer: hostile });
    expect(argument).not.toContain("'; ");
    expect(JSON.parse(Buffer.from(argument.slice(1, -1), 'base64').toString('utf8'))).toEqual({
      computer: hostile,
    });
  });
});

describe('readAnswer', () => {
  const answer = (nonce: string, value: unknown): string =>
    `${nonce}${Buffer.from(JSON.stringify(value)).toString('base64')}`;

  it('finds the line with this nonce among other output, and ignores lines with another nonce', () => {
    const nonce = newNonce();
    const other = newNonce();
    expect(nonce).not.toBe(other);
    const stdout = [
      'WARNING: something',
      answer(other, { Status: 'failed' }),
      `progress 50%\r`,
      answer(nonce, { Status: 'ok', Files: [] }),
      '',
    ].join('\r\n');
    expect(readAnswer(stdout, nonce)).toEqual({ Status: 'ok', Files: [] });
    expect(readAnswer('no answer here', nonce)).toBeNull();
    expect(readAnswer(`${nonce}not*base64`, nonce)).toBeNull();
  });

  it('accepts the probe result as Windows PowerShell 5.1 may write it, with a wrapped Files array', () => {
    const parsed = probeAnswerSchema.parse({
      Status: 'ok',
      Error: null,
      Files: { value: [{ Path: 'host/tcp.json', Text: '[]', Base64: null }], Count: 1 },
    });
    expect(parsed.Files).toEqual([{ Path: 'host/tcp.json', Text: '[]', Base64: null }]);
    expect(
      probeAnswerSchema.parse({ Status: 'ok', Files: { Path: 'host/os.json', Text: '{}' } }).Files,
    ).toHaveLength(1);
  });
});

describe('decodeBase64', () => {
  it('decodes valid base64 (line breaks allowed) and refuses anything else', () => {
    expect(Buffer.from(decodeBase64('aGVs\r\nbG8=')!).toString()).toBe('hello');
    expect(decodeBase64('not base64!')).toBeNull();
    expect(decodeBase64('abc')).toBeNull();
  });
});
