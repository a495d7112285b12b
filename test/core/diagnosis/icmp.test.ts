// icmp-not-evidence (failure catalogue 28): a question about ping gets the correction, never a verdict.
import { describe, expect, it } from 'vitest';
import { explainIcmp, isIcmpQuestion } from '../../../src/core/diagnosis';
import { formatExplanation } from '../../../src/cli/format/explanation';
import { plain } from '../../../src/cli/format/style';
import { commandOf } from './model-builder';
import { GATEWAY, healthy, withOverlayTask } from './scenario';

describe('isIcmpQuestion', () => {
  it('takes icmp and ping in any case, never a port', () => {
    for (const yes of ['icmp', 'ICMP', ' ping ', 'icmpv6']) expect(isIcmpQuestion(yes), yes).toBe(true);
    for (const no of ['80', '80/tcp', 'icmp/tcp', '', 'pingu']) expect(isIcmpQuestion(no), no).toBe(false);
  });
});

describe('icmp-not-evidence', () => {
  it('on overlay: verdict unknown, the correction names the driver and gives a TCP test', () => {
    const { b, task } = withOverlayTask();
    const out = explainIcmp(b.build(), task, { direction: 'outbound', target: { kind: 'internet' } });
    expect(out.verdict).toBe('unknown');
    expect(out.protocol).toBe('icmp');
    expect(out.to).toEqual({ kind: 'internet' });
    expect(out.hops.map((h) => `${h.id}:${h.status}`)).toEqual(['icmp-not-evidence:unknown']);
    expect(out.hops[0]!.evidence[0]!.detail).toContain('backend (driver overlay)');
    expect(out.causes.map((c) => c.id)).toEqual(['icmp-not-evidence']);
    expect(out.causes[0]!.explanation).toContain(
      '(overlay), where the virtual switch (VFP) does not translate ICMP',
    );
    expect(commandOf(out.causes[0]!.fix)).toContain('Test-NetConnection mcr.microsoft.com -Port 443');
  });

  it('on nat too, a ping is no verdict either way; the test goes to the gateway for the host', () => {
    const { b, web } = healthy();
    const model = b.build();
    const out = explainIcmp(model, web, { direction: 'outbound', target: { kind: 'host' } });
    expect(out.verdict).toBe('unknown');
    expect(out.causes[0]!.explanation).not.toContain('VFP');
    expect(commandOf(out.causes[0]!.fix)).toContain(`Test-NetConnection ${GATEWAY} -Port <port>`);
    const inbound = explainIcmp(model, web, { direction: 'inbound', source: { kind: 'host' } });
    expect(inbound.from).toBe('host');
    expect(inbound.to).toBeUndefined();
    expect(inbound.verdict).toBe('unknown');
    expect(commandOf(inbound.causes[0]!.fix)).toBe('Test-NetConnection 172.24.80.2 -Port <port>');
    expect(formatExplanation(inbound, plain)).toContain('web on ICMP (ping) from the host');
  });
});
