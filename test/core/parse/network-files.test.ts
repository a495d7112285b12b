import { describe, expect, it } from 'vitest';
import { buildHostModel } from '../../../src/core/host-model';
import type { Known } from '../../../src/shared/model';
import { fixture, rawBundle } from '../../support/raw-bundle';

function known<T>(k: Known<T>): T {
  if (k.kind !== 'known') throw new Error(`expected known, got unknown: ${k.reason}`);
  return k.value;
}

describe('host/excludedports.txt', () => {
  it('reads English netsh output: ranges with the * administered marker, IPv4 and IPv6, an empty UDP list, the dynamic ranges', () => {
    const model = buildHostModel(
      rawBundle({ 'host/excludedports.txt': fixture('excludedports-english-empty-udp.txt') }),
    );
    const value = known(model.portExclusions);
    expect(value.ranges).toEqual([
      { family: 'ipv4', protocol: 'tcp', start: 1462, end: 1462, administered: false },
      { family: 'ipv4', protocol: 'tcp', start: 5357, end: 5357, administered: false },
      { family: 'ipv4', protocol: 'tcp', start: 49177, end: 49276, administered: false },
      { family: 'ipv4', protocol: 'tcp', start: 50000, end: 50059, administered: true },
      { family: 'ipv6', protocol: 'tcp', start: 2869, end: 2869, administered: true },
    ]);
    // The UDP listing is there and empty: checked, nothing reserved (not the same as not collected).
    expect(value.listings).toContainEqual({ kind: 'excluded', family: 'ipv4', protocol: 'udp' });
    expect(value.ranges.filter((r) => r.protocol === 'udp')).toEqual([]);
    expect(value.dynamic).toEqual([
      { family: 'ipv4', protocol: 'tcp', start: 49152, count: 16384 },
      { family: 'ipv4', protocol: 'udp', start: 49152, count: 16384 },
    ]);
  });

  it('reads German output written as UTF-16LE (Startport, Anzahl Ports) by its numbers', () => {
    const model = buildHostModel(
      rawBundle({ 'host/excludedports.txt': fixture('excludedports-german-utf16.txt') }),
    );
    const value = known(model.portExclusions);
    expect(value.ranges.map((r) => [r.protocol, r.start, r.end, r.administered])).toEqual([
      ['tcp', 2375, 2375, true],
      ['tcp', 49709, 49808, false],
      ['tcp', 49809, 49908, false],
      ['udp', 50000, 50099, false],
    ]);
    // A dynamic range moved to 1025 (KB4074588, failure catalogue #2).
    expect(value.dynamic[0]).toEqual({ family: 'ipv4', protocol: 'tcp', start: 1025, count: 64511 });
    expect(model.probes.find((p) => p.id === 'host.portexclusions')?.files[0]).toMatchObject({
      kind: 'ok',
      encoding: 'utf-16le-bom',
    });
  });

  it('reads Chinese output, the full-width words around the numbers ignored', () => {
    const model = buildHostModel(
      rawBundle({ 'host/excludedports.txt': fixture('excludedports-chinese.txt') }),
    );
    const value = known(model.portExclusions);
    expect(value.ranges.map((r) => [r.start, r.end, r.administered])).toEqual([
      [7946, 7946, false],
      [50000, 50059, true],
    ]);
    expect(value.dynamic).toEqual([{ family: 'ipv4', protocol: 'tcp', start: 49152, count: 16384 }]);
    expect(value.listings).toHaveLength(2);
  });

  it('gives a truncated file an invalid outcome with its line', () => {
    const model = buildHostModel(
      rawBundle({ 'host/excludedports.txt': fixture('excludedports-truncated.txt') }),
    );
    expect(model.portExclusions.kind).toBe('unknown');
    const outcome = model.probes.find((p) => p.id === 'host.portexclusions')!;
    expect(outcome.status).toBe('invalid');
    expect(outcome.files[0]).toMatchObject({ kind: 'invalid', location: 'line 8' });
    expect(outcome.detail).toContain('49177-49');
  });

  it('refuses output without the ### command lines: which listing a number belongs to is unknown', () => {
    const model = buildHostModel(
      rawBundle({ 'host/excludedports.txt': fixture('excludedports-no-headers.txt') }),
    );
    expect(model.portExclusions).toMatchObject({ kind: 'unknown' });
    expect(model.probes.find((p) => p.id === 'host.portexclusions')?.files[0]).toMatchObject({
      kind: 'invalid',
      location: 'line 1',
    });
  });
});

describe('host/routes.json', () => {
  it('keeps several default routes (Ethernet and a VPN), maps AddressFamily and Protocol numbers, on-link next hops null', () => {
    const model = buildHostModel(
      rawBundle({ 'host/routes.json': fixture('routes-ps51-several-default-routes.json') }),
    );
    const routes = known(model.routes);
    const defaults = routes.filter((r) => r.destinationPrefix === '0.0.0.0/0');
    expect(defaults.map((r) => [r.interfaceAlias, r.nextHop, r.routeMetric])).toEqual([
      ['Ethernet', '10.0.0.1', 0],
      ['Cisco AnyConnect', '10.8.0.1', 1],
    ]);
    expect(routes.find((r) => r.destinationPrefix === '172.24.80.0/20')).toMatchObject({
      nextHop: null,
      protocol: 'Local',
      family: 'ipv4',
    });
    expect(routes.find((r) => r.destinationPrefix === '::/0')).toMatchObject({
      family: 'ipv6',
      protocol: 'Dhcp',
    });
  });

  it('reads PowerShell 7 enum names, lower-case keys and numbers as strings', () => {
    const model = buildHostModel(rawBundle({ 'host/routes.json': fixture('routes-ps7-enum-names.json') }));
    expect(known(model.routes)).toEqual([
      {
        destinationPrefix: '0.0.0.0/0',
        nextHop: '192.168.1.1',
        interfaceAlias: 'Ethernet 2',
        interfaceIndex: 12,
        routeMetric: 25,
        family: 'ipv4',
        protocol: 'NetMgmt',
      },
    ]);
  });
});

describe('host/ip-interfaces.json', () => {
  it('reads NlMtu below 1500 and the enabled/connected flags as numbers or names', () => {
    const model = buildHostModel(
      rawBundle({ 'host/ip-interfaces.json': fixture('ip-interfaces-mtu-below-1500.json') }),
    );
    const [ethernet, nat, disconnected] = known(model.ipInterfaces);
    expect(ethernet).toEqual({
      interfaceAlias: 'Ethernet',
      interfaceIndex: 6,
      family: 'ipv4',
      mtu: 1460,
      interfaceMetric: 15,
      automaticMetric: true,
      dhcp: true,
      connected: true,
      forwarding: false,
    });
    expect(nat).toMatchObject({ mtu: 1500, forwarding: true, dhcp: false });
    expect(disconnected).toMatchObject({
      family: 'ipv6',
      connected: false,
      dhcp: false,
      automaticMetric: true,
    });
  });
});

describe('host/dns-servers.json', () => {
  it('reads ServerAddresses as an array, a single string, empty or null, inside 5.1 {value, Count} in UTF-16LE', () => {
    const model = buildHostModel(
      rawBundle({ 'host/dns-servers.json': fixture('dns-servers-array-or-single-string.json') }),
    );
    expect(known(model.dnsServers).map((d) => [d.interfaceAlias, d.family, d.serverAddresses])).toEqual([
      ['Ethernet', 'ipv4', ['10.0.0.2', '10.0.0.3']],
      ['vEthernet (nat)', 'ipv4', ['172.24.80.1']],
      ['Ethernet', 'ipv6', []],
      ['Loopback Pseudo-Interface 1', 'ipv6', []],
    ]);
  });
});

describe('host/vmswitches.json', () => {
  it('reads SwitchType as a number or a name; an unknown number is null, not a guess', () => {
    const model = buildHostModel(
      rawBundle({ 'host/vmswitches.json': fixture('vmswitches-type-name-or-number.json') }),
    );
    expect(known(model.vmSwitches).map((s) => [s.name, s.switchType, s.id])).toEqual([
      ['nat', 'internal', '8c1b7f0e-2a43-4f5a-9d8e-3b0c6a1d2e4f'],
      ['External LAN', 'external', '3f2504e0-4f89-11d3-9a0c-0305e82c3301'],
      ['lab', 'private', '1b4e28ba-2fa1-11d2-883f-0016d3cca427'],
      ['odd', null, null],
    ]);
    expect(known(model.vmSwitches)[1]!.netAdapterInterfaceDescription).toBe(
      'Intel(R) Ethernet Connection I217-LM',
    );
  });
});

describe('host/firewall-rules.json InterfaceAlias (1.1)', () => {
  it('keeps the interfaces a rule is scoped to, Any as ["Any"], and null where a 1.0 rule does not carry it', () => {
    const model = buildHostModel(
      rawBundle({ 'host/firewall-rules.json': fixture('firewall-rules-interface-alias.json') }),
    );
    expect(known(model.firewallRules).map((r) => r.interfaceAliases)).toEqual([
      ['vEthernet (nat)', 'Ethernet'],
      ['Any'],
      null,
    ]);
  });
});
