import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findAddresses, isIpv6 } from '../../../src/core/redact';

const found = (text: string): string[] => findAddresses(text).map((m) => text.slice(m.start, m.end));

describe('findAddresses', () => {
  it('finds IPv4 addresses in probe text, with and without prefix lengths', () => {
    expect(found('TCP    172.24.80.2:9000   10.0.0.5:51234  ESTABLISHED')).toEqual([
      '172.24.80.2',
      '10.0.0.5',
    ]);
    expect(found('"Subnet": "172.24.80.0/20"')).toEqual(['172.24.80.0']);
  });

  it('leaves version numbers, build strings and longer dotted runs alone', () => {
    expect(
      found('Version 10.0.17763.1879, kernel 10.0 20348 (20348.1.amd64fre.fe_release.210507-1500)'),
    ).toEqual([]);
    expect(found('assembly 1.2.3.4.5 and 300.1.1.1')).toEqual([]);
  });

  it('finds IPv6 in every spelling Windows prints, keeping the zone index out of the match', () => {
    expect(found('fe80::1c2d:3e4f:5a6b:7c8d%12')).toEqual(['fe80::1c2d:3e4f:5a6b:7c8d']);
    expect(found('[2001:db8::2]:443 and 2001:0db8:0000:0000:0000:ff00:0042:8329')).toEqual([
      '2001:db8::2',
      '2001:0db8:0000:0000:0000:ff00:0042:8329',
    ]);
    expect(found('mapped ::ffff:192.168.1.5 here')).toEqual(['::ffff:192.168.1.5']);
  });

  it('does not take times, MACs or PowerShell static calls for IPv6', () => {
    expect(found('2026-11-29T18:00:00Z 18:00:00')).toEqual([]);
    expect(found('[Math]::Add(1) [System.Net.Dns]::GetHostName()')).toEqual([]);
    expect(findAddresses('00:15:5d:01:02:03').map((m) => m.kind)).toEqual(['mac']);
  });

  it('gives one key to a MAC written with dashes or colons, in any case', () => {
    const keys = findAddresses('00-15-5D-AB-02-03 00:15:5d:ab:02:03').map((m) => m.key);
    expect(keys).toEqual(['00-15-5d-ab-02-03', '00-15-5d-ab-02-03']);
  });

  it('keeps addresses that identify nothing: any, loopback, broadcast', () => {
    expect(found('0.0.0.0:80 127.0.0.1 ::1 :: 255.255.255.255 [::]:80')).toEqual([]);
  });

  it('finds every generated IPv4 and IPv6 address embedded in text', () => {
    const exempt = (ip: string): boolean =>
      ip === '0.0.0.0' || ip === '255.255.255.255' || ip.startsWith('127.') || /^[0:]*(:0*1?)?$/.test(ip);
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), fc.constantFrom(' ', '"', '(', ',', '='), (ip, sep) => {
        fc.pre(!exempt(ip));
        const text = `listen${sep}${ip}${sep}end`;
        expect(found(text)).toEqual([ip]);
      }),
      { numRuns: 2000 },
    );
  });

  it('validates IPv6 by group count', () => {
    expect(isIpv6('1:2:3:4:5:6:7:8')).toBe(true);
    expect(isIpv6('1:2:3:4:5:6:7')).toBe(false);
    expect(isIpv6('1::2::3')).toBe(false);
    expect(isIpv6('1:2:3:4:5:6:7::')).toBe(true);
    expect(isIpv6('::ffff:1.2.3.4')).toBe(true);
    expect(isIpv6('1:2:3:4:5:6:7:1.2.3.4')).toBe(false);
  });

  it('finds what the red team planted (issue 17, item 6): leading zeros, an address after `word:`, ip-a-b-c-d', () => {
    expect(findAddresses('peer 010.001.002.003 and 10.1.2.3').map((m) => m.key)).toEqual([
      '10.1.2.3',
      '10.1.2.3',
    ]);
    expect(found('inet6 addr:fd00:abcd::7/64 scope')).toEqual(['fd00:abcd::7']);
    expect(found('ether mac:00:15:5d:01:02:03 up')).toEqual(['00:15:5d:01:02:03']);
    expect(findAddresses('node ip-10-9-8-7.ec2.internal').map((m) => [m.kind, m.key])).toEqual([
      ['ip', '10.9.8.7'],
    ]);
    // A label that is all hex is an address group, not a word: `dead:beef::1` is one address, found once.
    expect(found('dead:beef::1')).toEqual(['dead:beef::1']);
    // Our own pseudonyms and times stay.
    expect(found('ip-3 talks to ip-12 at 10:15:00')).toEqual([]);
  });
});
