import { describe, expect, it } from 'vitest';
import { parseRedactionKey, redactionKey, revealText } from '../../../src/core/redact';

const KEY = redactionKey('host.zip', [
  { pseudonym: 'container-1', kind: 'container', value: 'shop' },
  { pseudonym: 'container-12', kind: 'container', value: 'billing' },
  { pseudonym: 'host-1', kind: 'host', value: 'SRV2019-APP02' },
  { pseudonym: 'ip-2', kind: 'ip', value: '172.30.10.4' },
]);

describe('redaction key', () => {
  it('translates every pseudonym it knows, whole, and leaves the rest of the answer alone', () => {
    expect(revealText('restart container-1, then container-12 on host-1 (ip-2:80)', KEY)).toBe(
      'restart shop, then billing on SRV2019-APP02 (172.30.10.4:80)',
    );
    expect(revealText('volume container-1-data; container-3 and host-10 unknown; xcontainer-1', KEY)).toBe(
      'volume shop-data; container-3 and host-10 unknown; xcontainer-1',
    );
  });

  it('round-trips through its JSON file', () => {
    const parsed = parseRedactionKey(JSON.stringify(KEY));
    expect(parsed).toEqual({ kind: 'ok', key: KEY });
  });

  it('names what is wrong with a file that is no key', () => {
    expect(parseRedactionKey('{')).toMatchObject({
      kind: 'invalid',
      reason: expect.stringMatching(/^not JSON/),
    });
    expect(parseRedactionKey('{"schema":"x"}')).toMatchObject({ reason: expect.stringMatching(/^schema/) });
    expect(
      parseRedactionKey(
        JSON.stringify({ ...KEY, entries: [{ pseudonym: 'ip-1', kind: 'container', value: 'x' }] }),
      ),
    ).toMatchObject({ reason: expect.stringMatching(/^entries\[0\]/) });
  });
});
