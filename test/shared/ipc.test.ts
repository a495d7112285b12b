import { describe, expect, it } from 'vitest';
import {
  CHANNELS,
  fail,
  isChannel,
  ok,
  parseRequest,
  REQUEST_SCHEMAS,
  type Channel,
} from '../../src/shared/ipc';

const rejects = (channel: Channel, request: unknown, field: string): void => {
  const result = parseRequest(channel, request);
  expect(result.ok, `${channel} ${JSON.stringify(request)} should be refused`).toBe(false);
  if (!result.ok) {
    expect(result.error.code).toBe('bad-request');
    expect(result.error.message).toContain(channel);
    expect(result.error.message).toContain(field);
  }
};

describe('the IPC contract', () => {
  it('has one request schema per channel and nothing else', () => {
    expect(Object.keys(REQUEST_SCHEMAS).sort()).toEqual([...CHANNELS].sort());
    expect(new Set(CHANNELS).size).toBe(CHANNELS.length);
    for (const channel of CHANNELS) expect(channel).toMatch(/^[a-z]+:[a-z][A-Za-z]*$/);
  });

  it('knows its channels and nothing else', () => {
    expect(isChannel('host:overview')).toBe(true);
    for (const other of ['host:Overview', 'eval', '', 'constructor', '__proto__', 42, null, undefined])
      expect(isChannel(other)).toBe(false);
  });

  it('accepts well-formed requests and leaves them as they were', () => {
    const cases: [Channel, unknown][] = [
      ['app:info', {}],
      ['app:info', undefined],
      ['bundle:open', { path: 'C:\\bundles\\host 01.zip', operationId: 'open-1' }],
      ['bundle:openSample', { name: 'server2019-broken-nat' }],
      ['container:detail', { ref: 'portainer' }],
      [
        'reach:explain',
        {
          container: 'web.1.abc',
          source: { kind: 'container', ref: 'portainer' },
          port: 80,
          protocol: 'tcp',
        },
      ],
      [
        'reach:explain',
        { container: 'a1b2', source: { kind: 'host-localhost' }, port: 65535, protocol: 'udp' },
      ],
      ['reach:outbound', { container: 'web', target: { kind: 'internet' }, port: 443, protocol: 'tcp' }],
      [
        'reach:outbound',
        {
          container: 'web',
          target: { kind: 'name', name: 'host.docker.internal' },
          port: 1433,
          protocol: 'tcp',
        },
      ],
      [
        'reach:outbound',
        { container: 'web', target: { kind: 'address', address: '172.24.80.1' }, port: 80, protocol: 'udp' },
      ],
      [
        'reach:icmp',
        {
          container: 'web',
          question: { direction: 'outbound', target: { kind: 'address', address: '10.0.0.5' } },
        },
      ],
      ['reach:icmp', { container: 'web', question: { direction: 'inbound', source: { kind: 'external' } } }],
      ['isolation:compare', {}],
      [
        'collect:start',
        {
          operationId: 'c1',
          target: { kind: 'remote', computer: 'host01.corp.example', dockerHost: 'tcp://host01:2376' },
        },
      ],
      ['report:export', { format: 'pdf', redact: true }],
    ];
    for (const [channel, request] of cases) {
      const result = parseRequest(channel, request);
      expect(result, `${channel} ${JSON.stringify(request)}`).toEqual(ok(request ?? {}));
    }
  });

  it('refuses malformed requests, naming the field', () => {
    rejects('bundle:open', {}, 'path');
    rejects('bundle:open', { path: 'C:\\x\u0000.zip' }, 'control characters');
    rejects('bundle:open', { path: 'x'.repeat(4097) }, 'path');
    rejects('bundle:open', { path: 'a', extra: true }, 'extra');
    rejects('bundle:open', { path: 'a', operationId: 'has space' }, 'operationId');
    rejects('bundle:openSample', { name: '../../etc' }, 'name');
    rejects('container:detail', { ref: '' }, 'ref');
    rejects('container:detail', { ref: 42 }, 'ref');
    rejects(
      'reach:explain',
      { container: 'a', source: { kind: 'external' }, port: 0, protocol: 'tcp' },
      'port',
    );
    rejects(
      'reach:explain',
      { container: 'a', source: { kind: 'external' }, port: 80.5, protocol: 'tcp' },
      'port',
    );
    rejects(
      'reach:explain',
      { container: 'a', source: { kind: 'external' }, port: 65536, protocol: 'tcp' },
      'port',
    );
    rejects(
      'reach:explain',
      { container: 'a', source: { kind: 'external' }, port: 80, protocol: 'icmp' },
      'protocol',
    );
    rejects(
      'reach:explain',
      { container: 'a', source: { kind: 'internet' }, port: 80, protocol: 'tcp' },
      'source',
    );
    rejects(
      'reach:outbound',
      { container: 'a', target: { kind: 'external' }, port: 80, protocol: 'tcp' },
      'target',
    );
    rejects(
      'reach:outbound',
      { container: 'a', target: { kind: 'name', name: "x'; rm" }, port: 80, protocol: 'tcp' },
      'target.name',
    );
    rejects(
      'reach:outbound',
      { container: 'a', target: { kind: 'address', address: '1.2.3.4; calc' }, port: 80, protocol: 'tcp' },
      'target.address',
    );
    rejects(
      'reach:explain',
      { container: 'a', source: { kind: 'container' }, port: 80, protocol: 'tcp' },
      'source.ref',
    );
    // A ping question asks one way: an inbound question names a source, never a target.
    rejects(
      'reach:icmp',
      { container: 'a', question: { direction: 'inbound', target: { kind: 'internet' } } },
      'question',
    );
    rejects(
      'collect:start',
      { operationId: 'c', target: { kind: 'remote', computer: '-oProxyCommand=x' } },
      'target.computer',
    );
    rejects(
      'collect:start',
      { operationId: 'c', target: { kind: 'remote', computer: 'h', dockerHost: 'http://h:2375' } },
      'target.dockerHost',
    );
    rejects('report:export', { format: 'exe', redact: true }, 'format');
    rejects('report:export', { format: 'html' }, 'redact');
    rejects('host:overview', { anything: 1 }, 'anything');
    rejects('host:overview', 'not an object', 'request');
    rejects('host:overview', null, 'request');
  });

  it('builds results as values', () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
    expect(fail('no-bundle', 'open one')).toEqual({
      ok: false,
      error: { code: 'no-bundle', message: 'open one' },
    });
  });
});
