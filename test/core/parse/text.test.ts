import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../src/core/bundle/decode';
import { parseHcsdiag, parseNetstat } from '../../../src/core/parse/text';
import { fixture } from '../../support/raw-bundle';

const text = (name: string): string => decodeText(fixture(name)).text;

describe('parseNetstat', () => {
  it('reads IPv4 and IPv6 rows, scoped link-local addresses and UDP rows without a state', () => {
    const result = parseNetstat(text('netstat-ipv6.txt'));
    if (result.kind !== 'ok') throw new Error(result.reason);
    expect(result.value).toContainEqual({
      protocol: 'tcp',
      localAddress: '172.24.80.2',
      localPort: 9000,
      remoteAddress: '172.24.80.1',
      remotePort: 50112,
      state: 'ESTABLISHED',
      pid: 3632,
    });
    expect(result.value).toContainEqual({
      protocol: 'tcp',
      localAddress: 'fe80::1c2d:3e4f:5a6b:7c8d%6',
      localPort: 49670,
      remoteAddress: 'fe80::1%6',
      remotePort: 445,
      state: 'TIME_WAIT',
      pid: 0,
    });
    expect(result.value).toContainEqual({
      protocol: 'udp',
      localAddress: '::',
      localPort: 500,
      remoteAddress: '*',
      remotePort: null,
      state: null,
      pid: 3080,
    });
    expect(result.value).toHaveLength(8);
  });

  it('recognises a listening socket on a German host by its remote any-address, whatever the state word', () => {
    const result = parseNetstat(text('netstat-german.txt'));
    if (result.kind !== 'ok') throw new Error(result.reason);
    expect(result.value.map((r) => r.state)).toEqual(['Listen', 'HERGESTELLT']);
  });

  it('reads the Linux form a Linux engine container gives (Recv-Q/Send-Q columns, no PID)', () => {
    const result = parseNetstat(text('netstat-linux-busybox.txt'));
    if (result.kind !== 'ok') throw new Error(result.reason);
    expect(result.value).toEqual([
      {
        protocol: 'tcp',
        localAddress: '0.0.0.0',
        localPort: 8080,
        remoteAddress: '0.0.0.0',
        remotePort: null,
        state: 'Listen',
        pid: null,
      },
      {
        protocol: 'udp',
        localAddress: '0.0.0.0',
        localPort: 68,
        remoteAddress: '0.0.0.0',
        remotePort: null,
        state: null,
        pid: null,
      },
    ]);
  });

  it('accepts a header with no rows (nothing listening) and refuses text that is not netstat', () => {
    expect(
      parseNetstat('Active Connections\r\n\r\n  Proto  Local Address  Foreign Address  State  PID\r\n'),
    ).toEqual({ kind: 'ok', value: [] });
    const garbage = parseNetstat(text('netstat-garbage.txt'));
    expect(garbage.kind).toBe('invalid');
  });

  it('names the line of a row whose address cannot be read', () => {
    const result = parseNetstat(
      '  Proto  Local Address\r\n  TCP    nonsense    0.0.0.0:0   LISTENING  4\r\n',
    );
    expect(result).toMatchObject({ kind: 'invalid', location: 'line 2' });
  });
});

describe('parseHcsdiag', () => {
  it('pairs each compute system id with its type, state, VM GUID and owner', () => {
    const result = parseHcsdiag(text('hcsdiag-list.txt'));
    if (result.kind !== 'ok') throw new Error('invalid');
    expect(result.value).toEqual([
      {
        id: '0f3c6a2b9d1e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a',
        type: 'VM',
        state: 'Running',
        vmGuid: '7a2f6c1e-9b3d-4e5f-8a1b-2c3d4e5f6a7b',
        owner: 'docker',
      },
      {
        id: '1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c',
        type: 'Container',
        state: 'Running',
        vmGuid: '1b2c3d4e-5f6a-7b8c-9d0e-1f2a3b4c5d6e',
        owner: 'docker',
      },
    ]);
  });

  it('keeps a system whose detail line is missing, with nothing guessed', () => {
    const result = parseHcsdiag('abc\r\n');
    expect(result).toEqual({
      kind: 'ok',
      value: [{ id: 'abc', type: null, state: null, vmGuid: null, owner: null }],
    });
  });
});
