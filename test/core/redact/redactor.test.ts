import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED_VALUE } from '../../../src/core/redact';

describe('createRedactor', () => {
  it('gives the same value the same pseudonym everywhere, whatever its case or spelling', () => {
    const r = createRedactor([{ kind: 'host', value: 'CONTAINERHOST01' }]);
    expect(r.text('CONTAINERHOST01 runs on containerhost01.')).toBe('host-1 runs on host-1.');
    expect(r.text('172.24.80.2 -> 172.24.80.2, 00-15-5D-01-02-03 = 00:15:5d:01:02:03')).toBe(
      'ip-1 -> ip-1, mac-1 = mac-1',
    );
    expect(r.text('10.0.0.9 then 172.24.80.2')).toBe('ip-2 then ip-1');
  });

  it('numbers seeds in the order given, so a report and a bundle from the same seeds agree', () => {
    const seeds = [
      { kind: 'ip', value: '10.1.1.1' },
      { kind: 'ip', value: '10.2.2.2' },
      { kind: 'container', value: 'web' },
    ] as const;
    const a = createRedactor(seeds);
    const b = createRedactor(seeds);
    expect(a.text('10.2.2.2 web')).toBe('ip-2 container-1');
    expect(b.text('web 10.1.1.1 10.2.2.2')).toBe('container-1 ip-1 ip-2');
  });

  it('replaces names as whole words only; host names also inside file names', () => {
    const r = createRedactor([
      { kind: 'container', value: 'web' },
      { kind: 'host', value: 'NODE1' },
      { kind: 'domain', value: 'corp.example' },
    ]);
    expect(r.text('web and webserver, web.1.abc, web-data')).toBe(
      'container-1 and webserver, container-1.1.abc, container-1-data',
    );
    expect(r.text('NODE1-bundle.zip node1.corp.example')).toBe('host-1-bundle.zip host-1.domain-1');
  });

  it('never re-reads a replacement: a container named like a pseudonym cannot chain', () => {
    const r = createRedactor([
      { kind: 'host', value: 'SRV' },
      { kind: 'container', value: 'host-1' },
    ]);
    expect(r.text('SRV and host-1')).toBe('host-1 and container-1');
  });

  it('removes environment values wherever they appear, even inside words, and counts them', () => {
    const r = createRedactor([
      { kind: 'env', value: 'hunter2-secret' },
      { kind: 'env', value: '1' },
    ]);
    expect(r.text('--password=hunter2-secret;x')).toBe(`--password=${REDACTED_VALUE};x`);
    expect(r.text('port 1 stays')).toBe('port 1 stays');
    r.countRemovedEnv(2);
    expect(r.summary().rows.find((row) => row.kind === 'env')).toEqual({
      kind: 'env',
      values: 3,
      occurrences: 3,
    });
  });

  it('summarises kinds with distinct values and occurrences', () => {
    const r = createRedactor([{ kind: 'user', value: 'jdoe' }]);
    r.text('C:\\Users\\jdoe\\x 10.0.0.1 10.0.0.1 10.0.0.2 JDOE');
    expect(r.summary()).toEqual({
      rows: [
        { kind: 'user', values: 1, occurrences: 2 },
        { kind: 'ip', values: 2, occurrences: 3 },
      ],
      totalOccurrences: 5,
    });
  });

  it('tells apart a thousand names with a shared prefix, and keeps Docker names case-sensitive', () => {
    const names = Array.from({ length: 1000 }, (_, i) => `app-${String(i).padStart(4, '0')}`);
    const r = createRedactor([
      ...names.map((value) => ({ kind: 'container' as const, value })),
      { kind: 'host', value: 'Node-A' },
    ]);
    expect(r.text('app-0999 app-0001 app-00010 APP-0001 node-a NODE-A')).toBe(
      'container-1000 container-2 app-00010 APP-0001 host-1 host-1',
    );
  });

  it('replaces names or addresses alone when asked (a model keeps its addresses, a report its words)', () => {
    const r = createRedactor([
      { kind: 'container', value: 'reports' },
      { kind: 'ip', value: '10.0.0.9' },
    ]);
    expect(r.text('reports at 10.0.0.9', 'names')).toBe('container-1 at 10.0.0.9');
    expect(r.text('Docker reports 10.0.0.9', 'addresses')).toBe('Docker reports ip-1');
  });

  it('replaces a name that is also a word of the layout only where a field holds exactly that name', () => {
    const r = createRedactor([
      { kind: 'container', value: 'docker' },
      { kind: 'container', value: 'host' },
      { kind: 'user', value: 'docker' },
    ]);
    expect(r.text('docker/info.json on the host')).toBe('docker/info.json on the host');
    expect(r.name('/docker')).toBe('/container-1');
    expect(r.name('host')).toBe('container-2');
    expect(r.name('docker', 'names', 'user')).toBe('user-1');
    expect(r.name('dockerd')).toBe('dockerd');
  });

  it('keeps the public path of an image and replaces its registry', () => {
    const r = createRedactor([
      { kind: 'registry', value: 'registry.contoso.com' },
      { kind: 'container', value: 'shop' },
      { kind: 'container', value: 'api' },
      { kind: 'domain', value: 'contoso' },
    ]);
    expect(r.image('registry.contoso.com/shop/api:2.3.1')).toBe('registry-1/shop/api:2.3.1');
    expect(r.image('registry.contoso.com:5000/contoso/api')).toBe('registry-1:5000/domain-1/api');
    expect(r.image('shop/api:1')).toBe('shop/api:1');
    expect(r.text('registry.contoso.com/shop/api')).toBe('registry-1/container-1/container-2');
  });

  it('finds a MAC seeded without separators in that spelling too, under the same pseudonym', () => {
    const r = createRedactor([{ kind: 'mac', value: '00155DAB12EF' }]);
    expect(r.text('--mac 00155dab12ef and 00-15-5D-AB-12-EF, id 00155dab12ef0')).toBe(
      '--mac mac-1 and mac-1, id 00155dab12ef0',
    );
  });

  it('keeps a key of every pseudonym with the value it stands for', () => {
    const r = createRedactor([
      { kind: 'host', value: 'SRV01' },
      { kind: 'container', value: 'web' },
    ]);
    r.text('srv01 web 10.1.1.1');
    expect(r.key()).toEqual([
      { pseudonym: 'host-1', kind: 'host', value: 'SRV01' },
      { pseudonym: 'container-1', kind: 'container', value: 'web' },
      { pseudonym: 'ip-1', kind: 'ip', value: '10.1.1.1' },
    ]);
  });
});
