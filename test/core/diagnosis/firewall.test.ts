// Windows Firewall evaluation beyond the cause tables: filters that hold only some clients, settings that were
// not collected, and rules a hostile bundle makes huge.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { correlate, explain } from '../../../src/core/diagnosis';
import { indexFirewallRules } from '../../../src/core/diagnosis/firewall';
import type { Explanation } from '../../../src/shared/diagnosis';
import { ports, rule } from './model-builder';
import { healthy } from './scenario';

const hop = (e: Explanation, id: string) => e.hops.find((h) => h.id === id)!;

describe('RemotePort filters', () => {
  it('a block rule naming remote ports blocks only clients sending from them, not every client', () => {
    const { b, web } = healthy();
    const model = b
      .rules(rule({ name: 'deny-from-53', action: 'block', localPorts: ports(80), remotePorts: ports(53) }))
      .build();
    const out = explain(model, { container: web, source: { kind: 'external' }, port: 8080, protocol: 'tcp' });
    expect(hop(out, 'host-firewall').status).toBe('pass');
    expect(out.causes.map((c) => c.id)).not.toContain('firewall-blocked');
  });
  it('an allow rule naming remote ports does not let every client in', () => {
    const { b, web } = healthy({ rules: false });
    const model = b
      .rules(rule({ name: 'allow-from-53', localPorts: ports(80), remotePorts: ports(53) }))
      .build();
    expect(
      hop(
        explain(model, { container: web, source: { kind: 'external' }, port: 8080, protocol: 'tcp' }),
        'host-firewall',
      ).status,
    ).not.toBe('pass');
  });
});

describe('firewall profiles not collected', () => {
  it('a matching block rule is a likely cause, not a certain one: the profile may turn it off', () => {
    const { b, web } = healthy();
    const model = b
      .rules(rule({ name: 'deny-80', displayName: 'Deny 80', action: 'block', localPorts: ports(80) }))
      .without('firewallProfiles')
      .build();
    const out = explain(model, { container: web, source: { kind: 'external' }, port: 8080, protocol: 'tcp' });
    const h = hop(out, 'host-firewall');
    expect(h.status).toBe('unknown');
    expect(h.note).toContain('host.firewall.profiles');
    expect(
      h.evidence.some((e) => e.file === 'host/firewall-rules.json' && e.detail.includes('Deny 80')),
    ).toBe(true);
    expect(out.verdict).toBe('unknown');
    expect(out.causes.find((c) => c.id === 'firewall-blocked')?.confidence).toBe('likely');
  });
  it('still allows through an allow-all container default when no block rule matches', () => {
    const { b, web } = healthy({ rules: false });
    const model = b.without('firewallProfiles').build();
    expect(
      hop(
        explain(model, { container: web, source: { kind: 'host' }, port: 80, protocol: 'tcp' }),
        'container-inbound',
      ).status,
    ).toBe('pass');
  });
});

describe('hostile port ranges', () => {
  afterEach(() => vi.restoreAllMocks());
  it('index a range past 65535 by the ports that exist, not by billions of buckets', () => {
    const huge = rule({ name: 'huge', localPorts: ports([1, 2 ** 24]) });
    const sets = vi.spyOn(Map.prototype, 'set');
    const index = indexFirewallRules([huge]);
    const made = sets.mock.calls.length;
    vi.restoreAllMocks();
    expect(made).toBeLessThan(200);
    expect(index.rulesNaming('tcp', 80)).toEqual([huge]);
    expect(index.rulesNaming('tcp', 65535)).toEqual([huge]);
  });
});

describe('a source container that does not resolve', () => {
  it('leaves the container-inbound hop out rather than judging a packet from the host', () => {
    const { b, web } = healthy({ build: 14393, rules: false });
    const model = b.build();
    const correlation = correlate(model);
    // The host's own question fails on 14393 without a rule; an unknown source must not inherit that answer.
    expect(
      hop(
        explain(model, { container: web, source: { kind: 'host' }, port: 80, protocol: 'tcp' }, correlation),
        'container-inbound',
      ).status,
    ).toBe('fail');
    const out = explain(
      model,
      { container: web, source: { kind: 'container', ref: 'ghost' }, port: 80, protocol: 'tcp' },
      correlation,
    );
    expect(hop(out, 'container-inbound')).toMatchObject({
      status: 'skip',
      title: expect.stringContaining('ghost'),
    });
    expect(out.causes.map((c) => c.id)).toEqual(['source-not-found']);
  });
});
