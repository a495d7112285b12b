// inspect, explain, findings and isolation through the real CLI, reader and model on the sample hosts.
import { describe, expect, it } from 'vitest';
import type {
  IsolationOverview,
  WhatIf,
  Explanation,
  Finding,
  InspectResult,
  IsolationComparison,
} from '../../src/shared/diagnosis';
import { cli, explain } from '../support/cli';

const S2016 = 'resources/samples/server2016-swarm-portainer';
const S2019 = 'resources/samples/server2019-broken-nat';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;

/** The widest line, apart from fix commands: those are printed whole on their own line (issue 11). */
function widest(text: string, commands: readonly string[] = []): number {
  return Math.max(
    ...text
      .split('\n')
      .filter((l) => !commands.includes(l.trim()))
      .map((l) => l.length),
  );
}

describe('hostscope explain', () => {
  it('answers per the contract with --json', async () => {
    const run = await explain(S2016, 'portainer', { from: 'host-localhost', port: '9000' }, '--json');
    expect(run.code).toBe(0);
    const e = JSON.parse(run.out) as Explanation;
    expect(e).toMatchObject({
      container: { name: 'portainer' },
      from: 'host-localhost',
      port: 9000,
      protocol: 'tcp',
      verdict: 'unreachable',
    });
    expect(e.container.id).toMatch(/^[0-9a-f]{64}$/);
    expect(e.causes.map((c) => c.id)).toEqual(['nat-loopback-unsupported']);
    for (const hop of e.hops)
      expect(Object.keys(hop)).toEqual(expect.arrayContaining(['id', 'title', 'status', 'evidence']));
  });

  it('reads like a short diagnosis: verdict first, ticks and crosses, then causes and fixes, within 100 columns and without colour off a terminal', async () => {
    const run = await explain(S2016, 'portainer', { from: 'host-localhost', port: '9000/tcp' });
    expect(run.code).toBe(0);
    const lines = run.out.split('\n');
    expect(lines[0]).toMatch(/^UNREACHABLE {2}portainer on 9000\/tcp from the host via localhost$/);
    expect(run.out).toContain('  ✓ Container portainer is running');
    expect(run.out).toContain('  ✗ WinNAT loops localhost back to the container');
    expect(run.out.indexOf('✗')).toBeLessThan(run.out.indexOf('Why, and how to fix it'));
    expect(run.out).toContain(
      'Fix: (one line; run it as is)\n       Test-NetConnection -ComputerName 172.24.80.2 -Port 9000\n',
    );
    expect(widest(run.out)).toBeLessThanOrEqual(100);
    expect(run.out).not.toMatch(ANSI);
  });

  it('exits 2 for a bad --from or --port, before reading the bundle', async () => {
    const from = await explain('no/such/bundle', 'x', { from: 'internet', port: '80' });
    expect(from.code).toBe(2);
    expect(from.err).toContain('--from "internet" is not a source');
    for (const port of ['0', '65536', '80/sctp', 'http']) {
      const run = await explain('no/such/bundle', 'x', { from: 'external', port });
      expect(run.code, port).toBe(2);
    }
  });

  it('exits 4 for an unknown container, naming close names, and for an unknown source container', async () => {
    const run = await explain(S2016, 'portaner', { from: 'external', port: '9000' });
    expect(run.code).toBe(4);
    expect(run.err).toContain('did you mean portainer?');
    const source = await explain(S2016, 'portainer', { from: 'container:nobody', port: '9000' });
    expect(source.code).toBe(4);
    expect(source.err).toContain('no source container "nobody"');
  });

  it('answers the outbound question with --to: the host through its vEthernet address, "direction": "outbound"', async () => {
    const run = await explain(S2016, 'portainer', { to: 'host', port: '2375' }, '--json');
    expect(run.code).toBe(0);
    const e = JSON.parse(run.out) as Explanation;
    expect(e).toMatchObject({ direction: 'outbound', from: 'container:portainer', to: 'host', port: 2375 });
    expect(e.hops.find((h) => h.id === 'host-address')!.note).toContain('172.24.80.1');
    const text = await explain(S2016, 'portainer', { to: 'host', port: '2375' });
    expect(text.out).toMatch(/^REACHABLE {2}portainer to a service on the host on 2375\/tcp/);
  });

  it('answers --port icmp with the correction icmp-not-evidence, never a verdict from ping', async () => {
    const run = await explain(S2016, 'portainer', { to: 'internet', port: 'icmp' }, '--json');
    expect(run.code).toBe(0);
    const e = JSON.parse(run.out) as Explanation;
    expect(e).toMatchObject({
      direction: 'outbound',
      to: 'internet',
      port: 0,
      protocol: 'icmp',
      verdict: 'unknown',
    });
    expect(e.causes.map((c) => c.id)).toEqual(['icmp-not-evidence']);
    const text = await explain(S2016, 'portainer', { from: 'external', port: 'ping' });
    expect(text.out).toMatch(/^UNKNOWN {2}portainer on ICMP \(ping\) from a client on the LAN/);
    expect(text.out).toContain('[icmp-not-evidence]');
  });

  it('exits 2 for both or neither of --from and --to, and for a target that is none', async () => {
    const both = await explain(S2016, 'portainer', { from: 'host', to: 'host', port: '80' });
    expect(both.code).toBe(2);
    expect(both.err).toContain('exactly one of --from');
    const neither = await explain(S2016, 'portainer', { port: '80' });
    expect(neither.code).toBe(2);
    const bad = await explain(S2016, 'portainer', { to: "a b'", port: '80' });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('is not a target');
  });

  it('exits 3 for a bundle that cannot be read', async () => {
    const run = await explain('.tmp/diag/no-such-bundle', 'x', { from: 'external', port: '80' });
    expect(run.code).toBe(3);
  });
});

describe('hostscope inspect', () => {
  it('gives the process footprint per the contract', async () => {
    const run = await cli('inspect', S2016, '--container', 'portainer', '--json');
    expect(run.code).toBe(0);
    const r = JSON.parse(run.out) as InspectResult;
    expect(r).toMatchObject({ name: 'portainer', isolation: 'process', sessionId: 2, utilityVm: null });
    expect(r.hostProcesses).toContainEqual({ pid: 3632, name: 'portainer' });
    expect(r.sandboxDisk?.location.toLowerCase()).toBe(
      `c:\\programdata\\docker\\windowsfilter\\${r.id}\\sandbox.vhdx`,
    );
    expect(r.publishedPorts).toEqual([
      { containerPort: 9000, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 9000, mode: 'nat' },
    ]);
    expect(r.natMappings).toEqual([
      expect.objectContaining({ externalPort: 9000, internalIp: '172.24.80.2', internalPort: 9000 }),
    ]);
  });

  it('gives the Hyper-V footprint: no session, processes or disk, the utility VM instead', async () => {
    const r = JSON.parse(
      (await cli('inspect', S2016, '--container', 'coreapp', '--json')).out,
    ) as InspectResult;
    expect(r).toMatchObject({ isolation: 'hyperv', sessionId: null, hostProcesses: [], sandboxDisk: null });
    expect(r.utilityVm?.pid).toEqual(expect.any(Number));
  });
});

describe('hostscope findings', () => {
  it('lists the findings per the contract, most severe first', async () => {
    const run = await cli('findings', S2019, '--json');
    expect(run.code).toBe(0);
    const list = JSON.parse(run.out) as Finding[];
    expect(list.length).toBeGreaterThan(0);
    for (const f of list)
      expect(Object.keys(f).sort()).toEqual([
        'detail',
        'evidence',
        'fix',
        'id',
        'references',
        'severity',
        'subjects',
        'title',
      ]);
    expect(list.some((f) => f.fix.kind === 'command' && f.fix.command.length > 100)).toBe(true);
    const human = await cli('findings', S2019);
    expect(human.out.split('\n')[0]).toMatch(/^\d+ findings: /);
    const commands = list.flatMap((f) => (f.fix.kind === 'command' ? [f.fix.command] : []));
    for (const command of commands) expect(human.out).toContain(`\n${' '.repeat(11)}${command}\n`);
    expect(widest(human.out, commands)).toBeLessThanOrEqual(100);
  });
});

describe('hostscope isolation', () => {
  it('compares a process and a Hyper-V container point by point', async () => {
    const run = await cli('isolation', S2016, '--container', 'portainer', '--compare', 'coreapp', '--json');
    expect(run.code).toBe(0);
    const c = JSON.parse(run.out) as IsolationComparison;
    expect(c.rows.map((r) => r.id)).toEqual([
      'processes',
      'session',
      'user',
      'sandbox-disk',
      'firewall-rules',
      'reach-from-host',
      'reach-from-containers',
      'memory',
    ]);
    expect(c.rows.find((r) => r.id === 'processes')!.differs).toBe(true);
    expect(c.rows.find((r) => r.id === 'user')!.a.observed).toMatch(/^not observable in this bundle/);
    const human = await cli('isolation', S2016, '--container', 'portainer', '--compare', 'coreapp');
    expect(human.out).toContain('portainer (process) compared with coreapp (hyperv)');
    expect(widest(human.out)).toBeLessThanOrEqual(100);
  });
  it('exits 4 when the second container is unknown', async () => {
    expect((await cli('isolation', S2016, '--container', 'portainer', '--compare', 'nothing')).code).toBe(4);
  });

  it('--what-if: portainer in Hyper-V loses its session and port rule; the external row changes', async () => {
    const run = await cli('isolation', S2016, '--what-if', 'portainer', '--json');
    expect(run.code).toBe(0);
    const w = JSON.parse(run.out) as WhatIf;
    expect([w.from, w.to, w.start.verdict]).toEqual(['process', 'hyperv', 'runs']);
    expect(w.reachability.changed.map((r) => `${r.from} ${r.port} ${r.now}->${r.then}`)).toEqual([
      'external 9000 reachable->unknown',
    ]);
    const human = await cli('isolation', S2016, '--what-if', 'portainer');
    expect(human.out).toContain('What if portainer ran in Hyper-V isolation instead of process isolation?');
    expect(human.out).toContain('from external to 9000/tcp: reachable -> unknown');
    // Links stay whole on their own line.
    expect(human.out).toMatch(/\n {4}source: https:\/\/\S+network-isolation-security\n/);
    expect((await cli('isolation', S2016, '--what-if', 'nothing')).code).toBe(4);
  });

  it('without a container: every container with its image verdicts, the default mode and the licensing', async () => {
    const run = await cli('isolation', 'resources/samples/server2022-healthy', '--json');
    expect(run.code).toBe(0);
    const o = JSON.parse(run.out) as IsolationOverview;
    expect(o.defaultIsolation).toMatchObject({ mode: 'process', from: 'engine' });
    expect(o.licensing).toMatchObject({ edition: 'ServerDatacenter', hypervLimit: null, hypervRunning: 1 });
    const scheduler = o.containers.find((c) => c.compatibility.container.name === 'scheduler')!;
    expect(scheduler.compatibility.image).toMatchObject({
      imageVersion: '10.0.17763.6293',
      process: { verdict: 'fails' },
      hyperv: { verdict: 'runs' },
    });
    const human = await cli('isolation', 'resources/samples/server2022-healthy');
    expect(human.out.replace(/\s+/g, ' ')).toContain(
      'process isolation would not start, Hyper-V isolation runs',
    );
    expect(widest(human.out.replace(/^ *source: \S+$/gm, ''))).toBeLessThanOrEqual(100);
  });

  it('--compare without --container is a usage error', async () => {
    expect((await cli('isolation', S2016, '--compare', 'coreapp')).code).toBe(2);
  });
});
