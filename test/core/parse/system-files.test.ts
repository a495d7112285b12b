import { describe, expect, it } from 'vitest';
import { buildHostModel } from '../../../src/core/host-model';
import { errorCodesIn, validTime } from '../../../src/core/parse/system';
import type { Known } from '../../../src/shared/model';
import { fixture, rawBundle } from '../../support/raw-bundle';

function known<T>(k: Known<T>): T {
  if (k.kind !== 'known') throw new Error(`expected known, got unknown: ${k.reason}`);
  return k.value;
}

describe('host/services.json', () => {
  it('reads the state of each container service, a stopped hns with its exit code', () => {
    const model = buildHostModel(rawBundle({ 'host/services.json': fixture('services-hns-stopped.json') }));
    const hns = known(model.services).find((s) => s.name === 'hns');
    expect(hns).toEqual({ name: 'hns', state: 'Stopped', startMode: 'Manual', exitCode: 1067, processId: 0 });
    expect(known(model.services).map((s) => s.name)).toEqual([
      'docker',
      'hns',
      'vmcompute',
      'winnat',
      'SharedAccess',
    ]);
  });
});

describe('host/events.json', () => {
  it('extracts HRESULTs and Win32 codes from localised messages (German, Chinese), lower-case and without leading zeros', () => {
    const model = buildHostModel(
      rawBundle({ 'host/events.json': fixture('events-hresults-localised.json') }),
    );
    const events = known(model.events);
    expect(events.map((e) => e.errorCodes)).toEqual([
      ['0x803b0013'],
      ['0x803b002f'],
      ['0x80070490', '0x490', '0x6be'],
      [],
      [],
    ]);
    expect(events[0]).toMatchObject({
      id: 1007,
      level: 'error',
      logName: 'Microsoft-Windows-Host-Network-Service-Admin',
      timeCreated: new Date(1796000000000).toISOString(),
    });
    expect(events[3]).toMatchObject({ id: 7031, providerName: 'Service Control Manager' });
  });

  it('gives a time beyond what a date can hold null, not a thrown error or a made-up date', () => {
    const model = buildHostModel(
      rawBundle({ 'host/events.json': fixture('events-hresults-localised.json') }),
    );
    const last = known(model.events)[4]!;
    expect(last.timeCreated).toBeNull();
    expect(last.level).toBe('information');
  });

  it('reads PowerShell 7 ISO times with offsets, level names, ids as strings; 30 February is null', () => {
    const model = buildHostModel(
      rawBundle({ 'host/events.json': fixture('events-ps7-iso-and-invalid-date.json') }),
    );
    const [warning, invalid] = known(model.events);
    expect(warning).toEqual({
      timeCreated: '2026-12-06T20:15:02.123Z',
      logName: 'Microsoft-Windows-Host-Network-Service-Admin',
      providerName: 'Microsoft-Windows-Host-Network-Service',
      id: 1007,
      level: 'warning',
      message: null,
      errorCodes: [],
    });
    expect(invalid!.timeCreated).toBeNull();
    expect(invalid!.id).toBe(7034);
  });

  it('a truncated events file is invalid with a location; the other files of the bundle stay intact', () => {
    const events = new TextDecoder('utf-8')
      .decode(fixture('events-ps7-iso-and-invalid-date.json'))
      .slice(0, 180);
    const model = buildHostModel(
      rawBundle({
        'host/events.json': events,
        'host/services.json': fixture('services-hns-stopped.json'),
        'host/routes.json': fixture('routes-ps51-several-default-routes.json'),
      }),
    );
    expect(model.events.kind).toBe('unknown');
    const outcome = model.probes.find((p) => p.id === 'host.events')!;
    expect(outcome.status).toBe('invalid');
    expect(outcome.files[0]).toMatchObject({ kind: 'invalid', file: 'host/events.json' });
    expect((outcome.files[0] as { location?: string }).location).toMatch(/^line \d+, column \d+$/);
    expect(known(model.services)).toHaveLength(5);
    expect(known(model.routes)).toHaveLength(6);
    expect(model.probes.find((p) => p.id === 'host.routes')?.status).toBe('ok');
  });
});

describe('errorCodesIn', () => {
  it('takes codes of one to eight hex digits standing alone, not longer numbers or words that contain them', () => {
    expect(errorCodesIn('HRESULT 0x803B0013; hnsCall failed (0X00000490)')).toEqual(['0x803b0013', '0x490']);
    expect(errorCodesIn('not 0x1234567890 nor abc0x12 nor 0x12zz')).toEqual([]);
  });
});

describe('validTime', () => {
  it('reads /Date(ms)/, epoch numbers, ISO with offsets; keeps a time without offset as written', () => {
    expect(validTime('/Date(1510000000000)/')).toBe(new Date(1510000000000).toISOString());
    expect(validTime({ value: '/Date(1510000000000+0100)/', DateTime: 'Montag' })).toBe(
      new Date(1510000000000).toISOString(),
    );
    expect(validTime(1510000000000)).toBe(new Date(1510000000000).toISOString());
    expect(validTime('2026-11-29T18:00:00.5+01:00')).toBe('2026-11-29T17:00:00.500Z');
    expect(validTime('2026-11-29T18:00:00')).toBe('2026-11-29T18:00:00');
  });

  it('rejects what is no time: month 13, hour 25, out of range epochs, words', () => {
    expect(validTime('2026-13-01T00:00:00Z')).toBeNull();
    expect(validTime('2026-11-29T25:00:00Z')).toBeNull();
    expect(validTime('/Date(99999999999999999)/')).toBeNull();
    expect(validTime(Number.POSITIVE_INFINITY)).toBeNull();
    expect(validTime('/Date(abc)/')).toBeNull();
    expect(validTime('gestern')).toBeNull();
  });
});

describe('host/proxy.json', () => {
  it('reads the WinHTTP proxy text, the machine variables and only the proxy values of the docker service environment', () => {
    const model = buildHostModel(
      rawBundle({ 'host/proxy.json': fixture('proxy-winhttp-set-docker-env-without-proxy.json') }),
    );
    const proxy = known(model.proxy);
    expect(proxy.winHttp).toEqual({
      direct: false,
      proxyServer: 'http://proxy.corp.example:8080',
      bypassList: '<local>;*.corp.example',
    });
    expect(proxy.machine).toEqual({
      httpProxy: 'http://<redacted>@proxy.corp.example:8080',
      httpsProxy: 'http://proxy.corp.example:8080',
      noProxy: null,
    });
    // The docker service sets no HTTP(S)_PROXY; the value of its other variable is not kept.
    expect(proxy.dockerService).toEqual({
      httpProxy: null,
      httpsProxy: null,
      noProxy: 'localhost',
      names: ['DOCKER_FOO', 'no_proxy'],
    });
    expect(JSON.stringify(proxy)).not.toContain('secret-value');
  });

  it('reads German "direct access" text as no proxy, and a docker service without Environment as not collected', () => {
    const model = buildHostModel(rawBundle({ 'host/proxy.json': fixture('proxy-german-direct.json') }));
    expect(known(model.proxy)).toEqual({
      winHttp: { direct: true, proxyServer: null, bypassList: null },
      machine: { httpProxy: null, httpsProxy: null, noProxy: null },
      dockerService: null,
    });
  });
});

describe('host/hotfixes.json and host/computer.json', () => {
  it('reads 5.1 InstalledOn objects and null dates', () => {
    const model = buildHostModel(
      rawBundle({ 'host/hotfixes.json': fixture('hotfixes-ps51-date-object.json') }),
    );
    expect(known(model.hotfixes)).toEqual([
      { id: 'KB5041160', installedOn: new Date(1723507200000).toISOString() },
      { id: 'KB4074588', installedOn: null },
    ]);
  });

  it('reads a virtual machine in a domain', () => {
    const model = buildHostModel(rawBundle({ 'host/computer.json': fixture('computer-vm-domain.json') }));
    expect(known(model.computer)).toEqual({
      manufacturer: 'Microsoft Corporation',
      model: 'Virtual Machine',
      hypervisorPresent: true,
      partOfDomain: true,
      domain: 'corp.example',
    });
  });
});
