// Host `ipconfig /all` in the languages Windows ships it in (issue 12, item 3): each fixture shows one quirk of
// its language, and every one reads back to the same adapters and addresses as the English output.
import { describe, expect, it } from 'vitest';
import { fixture, known, planModel, planText } from './support';

const natAdapter = ['vEthernet (nat)', 'Hyper-V Virtual Ethernet Adapter', '00-15-5D-21-09-42'];
const natAddresses = [
  ['vEthernet (nat)', 'fe80::a1b2:c3d4:e5f6:1234', 64, 'ipv6'],
  ['vEthernet (nat)', '172.20.176.1', 20, 'ipv4'],
];

function read(name: string): {
  readonly computer: string | null;
  readonly warnings: readonly string[];
  readonly adapters: readonly (readonly unknown[])[];
  readonly addresses: readonly (readonly unknown[])[];
} {
  const plan = planText(fixture(name));
  const model = planModel(plan);
  return {
    computer: plan.computerName,
    warnings: plan.blocks.flatMap((b) => b.warnings),
    adapters: known(model.adapters).map((a) => [a.name, a.description, a.macAddress, a.status]),
    addresses: known(model.ipAddresses).map((a) => [a.interfaceAlias, a.ipAddress, a.prefixLength, a.family]),
  };
}

describe('ipconfig /all in other languages', () => {
  it('German: names the host, reads an auto-configured address whose label ends in a parenthesis', () => {
    const r = read('ipconfig-german-labels-auto-ipv4-in-parentheses.txt');
    expect(r.computer).toBe('SRV-DE-01');
    expect(r.adapters.map((a) => a.slice(0, 3))).toEqual([
      natAdapter,
      ['Ethernet0', 'vmxnet3 Ethernet Adapter', '00-50-56-9A-3C-71'],
      ['WLAN', 'Intel(R) Wi-Fi 6 AX201 160MHz', '84-14-4D-0E-5E-B1'],
    ]);
    expect(r.adapters[2]![3]).toBe('Disconnected');
    expect(r.addresses).toEqual([...natAddresses, ['Ethernet0', '169.254.83.12', 16, 'ipv4']]);
    expect(r.warnings.filter((w) => /host name/.test(w))).toEqual([]);
  });

  it('French: a space before every colon and a disconnected adapter', () => {
    const r = read('ipconfig-french-labels-space-before-colon.txt');
    expect(r.computer).toBe('SRV-FR-01');
    expect(r.adapters.map((a) => a.slice(0, 3))).toEqual([
      natAdapter,
      ['Ethernet0', 'vmxnet3 Ethernet Adapter', '00-50-56-9A-3C-71'],
    ]);
    expect(r.adapters[1]![3]).toBe('Disconnected');
    expect(r.addresses).toEqual(natAddresses);
  });

  it('Spanish: the link-local label holds a colon of its own ("Vínculo: dirección IPv6 local")', () => {
    const r = read('ipconfig-spanish-labels-colon-inside-link-local-label.txt');
    expect(r.computer).toBe('SRV-ES-01');
    expect(r.adapters.map((a) => a.slice(0, 3))).toEqual([
      natAdapter,
      ['Ethernet0', 'vmxnet3 Ethernet Adapter', '00-50-56-9A-3C-71'],
    ]);
    expect(r.adapters[1]![3]).toBe('Disconnected');
    expect(r.addresses).toEqual(natAddresses);
  });

  it('Chinese (zh-CN): CJK labels; a temporary IPv6 address is left out as in English', () => {
    const r = read('ipconfig-chinese-labels-zh-cn.txt');
    expect(r.computer).toBe('SRV-CN-01');
    expect(r.adapters.map((a) => a.slice(0, 3))).toEqual([
      natAdapter,
      ['Ethernet0', 'vmxnet3 Ethernet Adapter', '00-50-56-9A-3C-71'],
    ]);
    expect(r.addresses).toEqual([...natAddresses, ['Ethernet0', '10.20.4.15', 24, 'ipv4']]);
  });

  it('Japanese: colons right after the dot leaders, media disconnected', () => {
    const r = read('ipconfig-japanese-labels-media-disconnected.txt');
    expect(r.computer).toBe('SRV-JP-01');
    expect(r.adapters.map((a) => a.slice(0, 3))).toEqual([
      natAdapter,
      ['Ethernet0', 'vmxnet3 Ethernet Adapter', '00-50-56-9A-3C-71'],
    ]);
    expect(r.adapters[1]![3]).toBe('Disconnected');
    expect(r.addresses).toEqual(natAddresses);
  });

  it('recognises an unlabelled localised block by its heading alone', () => {
    const text = fixture('ipconfig-japanese-labels-media-disconnected.txt').replace(/^PS .*\n/, '');
    const plan = planText(text);
    expect(plan.blocks[0]).toMatchObject({ kind: 'ipconfig', status: 'converted' });
  });
});

describe('an adapter heading of a type the tables do not know', () => {
  it('leaves its rows out instead of giving them to the adapter above', () => {
    const text = fixture('ipconfig-french-labels-space-before-colon.txt').replace(
      'Carte Ethernet Ethernet0 :',
      'Carte Tunnel Teredo Tunneling Pseudo-Interface :\n\n   Adresse IPv4. . . . . . . . . . . . . .: 10.99.0.1(préféré)\n\nCarte Ethernet Ethernet0 :',
    );
    const model = planModel(planText(text));
    expect(known(model.ipAddresses).map((a) => a.ipAddress)).not.toContain('10.99.0.1');
    expect(known(model.adapters).map((a) => a.name)).toEqual(['vEthernet (nat)', 'Ethernet0']);
  });
});
