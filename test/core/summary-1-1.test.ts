import { describe, expect, it } from 'vitest';
import { buildHostModel } from '../../src/core/host-model';
import { summarize } from '../../src/core/summary';
import { HOST_PROBES_1_1 } from '../support/probes-1-1';
import { fixture, rawBundle } from '../support/raw-bundle';

const NEW_PROBES = [...HOST_PROBES_1_1, 'container.dns'];

describe('summary --json on bundle 1.1 files', () => {
  it('lists every new probe with its outcome and carries services, reserved ranges, proxy, vSwitches and events', () => {
    const model = buildHostModel(
      rawBundle(
        {
          'host/services.json': fixture('services-hns-stopped.json'),
          'host/excludedports.txt': fixture('excludedports-german-utf16.txt'),
          'host/proxy.json': fixture('proxy-german-direct.json'),
          'host/vmswitches.json': fixture('vmswitches-type-name-or-number.json'),
          'host/events.json': fixture('events-hresults-localised.json'),
          'host/routes.json': '[{"DestinationPrefix": "0.0.0.0/0", "NextHop": "10.0.0.1"',
        },
        [{ id: 'host.hotfixes', status: 'timeout', error: 'Get-HotFix did not finish in 30 s' }],
      ),
    );
    const summary = summarize(model);
    const status = new Map(summary.probes.map((p) => [p.id, p.status]));
    expect(NEW_PROBES.map((id) => [id, status.get(id)])).toEqual([
      ['host.portexclusions', 'ok'],
      ['host.routes', 'invalid'],
      ['host.ipinterfaces', 'missing'],
      ['host.dns', 'missing'],
      ['host.vmswitches', 'ok'],
      ['host.services', 'ok'],
      ['host.events', 'ok'],
      ['host.proxy', 'ok'],
      ['host.hotfixes', 'timeout'],
      ['host.computer', 'missing'],
      ['container.dns', 'missing'],
    ]);
    expect(summary.hostState.services?.find((s) => s.name === 'hns')).toEqual({
      name: 'hns',
      state: 'Stopped',
      startMode: 'Manual',
      exitCode: 1067,
    });
    expect(summary.hostState.excludedPortRanges?.[0]).toEqual({
      family: 'ipv4',
      protocol: 'tcp',
      start: 2375,
      end: 2375,
      administered: true,
    });
    expect(summary.hostState.proxy?.winHttp?.direct).toBe(true);
    expect(summary.hostState.vmSwitches?.[0]).toEqual({ name: 'nat', switchType: 'internal' });
    expect(summary.hostState.events).toEqual({
      count: 4,
      errors: 4,
      errorCodes: ['0x803b0013', '0x803b002f', '0x80070490', '0x490', '0x6be'],
    });
    expect(summary.hostState.unknown).toEqual([]);
    // JSON-serialisable as the CLI prints it.
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });

  it('a 1.0 bundle still opens: the 1.1 parts are unknown because not collected', () => {
    const model = buildHostModel(
      rawBundle(
        {
          'host/os.json': fixture('os-ps51-version-object.json'),
          'host/hns-endpoints.json': '{"ID": "E1", "IPAddress": "172.24.80.2"}',
        },
        [{ id: 'host.os', status: 'ok', files: ['host/os.json'] }],
      ),
    );
    for (const part of [
      model.portExclusions,
      model.routes,
      model.ipInterfaces,
      model.dnsServers,
      model.vmSwitches,
      model.services,
      model.events,
      model.proxy,
      model.hotfixes,
      model.computer,
    ]) {
      expect(part.kind).toBe('unknown');
      expect(part.kind === 'unknown' && part.reason).toMatch(/not collected \(probe host\./);
    }
    expect(model.host.kind).toBe('known');
    const summary = summarize(model);
    expect(summary.probes.filter((p) => NEW_PROBES.includes(p.id)).map((p) => p.status)).toEqual(
      NEW_PROBES.map(() => 'missing'),
    );
    expect(summary.hostState).toMatchObject({
      services: null,
      excludedPortRanges: null,
      dynamicPortRanges: null,
      proxy: null,
      vmSwitches: null,
      events: null,
    });
    expect(summary.hostState.unknown).toHaveLength(5);
  });
});
