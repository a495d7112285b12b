// A multi-command paste of the sample host server2019-broken-nat's console output (formatted by real PowerShell
// from the sample's data: test/fixtures/import/make-server2019-paste.ps1) imports to the same model values as
// the probes' JSON, and to the same verdicts wherever the paste holds the evidence; elsewhere `unknown`, never
// `fail` (issue 12).
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../../src/collect/bundle-reader';
import { findings, reachabilityMatrix } from '../../../src/core/diagnosis';
import { buildHostModel } from '../../../src/core/host-model';
import type { HostModel } from '../../../src/shared/model';
import { fixture, known, planModel, planText } from './support';

const samplePath = join(import.meta.dirname, '../../../resources/samples/server2019-broken-nat');

let sample: HostModel;
let imported: HostModel;
let plan: ReturnType<typeof planText>;

beforeAll(async () => {
  sample = buildHostModel(await readBundle(samplePath));
  plan = planText(fixture('server2019-broken-nat-paste.txt'));
  imported = planModel(plan);
});

describe('server2019-broken-nat pasted from a console', () => {
  it('recognises every block', () => {
    expect(plan.blocks.filter((b) => b.kind === 'unrecognised')).toEqual([]);
    expect(plan.computerName).toBe('SRV2019-APP02');
  });

  // Each input kind: the console form reads to the same model values as the probe's JSON.
  it.each<[string, (m: HostModel) => unknown]>([
    // docker top and the in-container ipconfig and hosts file were not pasted: containers compare without them.
    [
      'docker inspect',
      (m: HostModel) => ({
        kind: 'known' as const,
        value: known(m.containers).map((c) => ({ ...c, top: null, ipConfig: null, hostsFile: null })),
      }),
    ],
    ['docker network inspect', (m: HostModel) => known(m.networks)],
    ['Get-NetNat (list)', (m: HostModel) => known(m.nat)],
    ['Get-NetNatStaticMapping (list)', (m: HostModel) => known(m.natMappings)],
    // The console shows a session's time in the local time of the console, without its offset.
    [
      'Get-NetNatSession (list)',
      (m: HostModel) => ({
        kind: 'known' as const,
        value: known(m.natSessions).map((s) => ({ ...s, creationTime: null })),
      }),
    ],
    ['Get-HnsNetwork (list, @{...} subnets)', (m: HostModel) => known(m.hnsNetworks)],
    ['Get-HnsEndpoint (list, @{...} policies)', (m: HostModel) => known(m.hnsEndpoints)],
    ['Get-NetFirewallProfile (list)', (m: HostModel) => known(m.firewallProfiles)],
    ['Get-NetConnectionProfile (list)', (m: HostModel) => known(m.connectionProfiles)],
    ['Get-NetIPAddress (list)', (m: HostModel) => known(m.ipAddresses)],
    ['Get-NetAdapter (table)', (m: HostModel) => known(m.adapters)],
    ['Get-NetTCPConnection (table)', (m: HostModel) => known(m.tcp)],
    ['hcsdiag list', (m: HostModel) => known(m.hcs)],
    ['daemon.json', (m: HostModel) => known(m.daemonConfig)],
  ])('%s', (_, part) => {
    expect(part(imported)).toEqual(part(sample));
  });

  it('a NAT session time is read as the wall-clock time the console showed', () => {
    expect(known(imported.natSessions)[0]!.creationTime).toBe('2026-11-25T14:05:11');
  });

  it('docker info (nested layout) and docker version', () => {
    const fields = (m: HostModel) => {
      const e = known(m.engine);
      return [
        e.version,
        e.os,
        e.kernelVersion,
        e.defaultIsolation,
        e.dockerRootDir,
        e.containersRunning,
        e.name,
        e.swarm.localNodeState,
      ];
    };
    expect(fields(imported)).toEqual(fields(sample));
    expect(known(imported.engineVersion)).toEqual(known(sample.engineVersion));
  });

  it('Get-Process (table with SI): ids, names, sessions and working sets to the KiB', () => {
    const rows = (m: HostModel) =>
      known(m.processes).map((p) => [p.pid, p.name, p.sessionId, Math.round((p.workingSet ?? 0) / 1024)]);
    expect(rows(imported)).toEqual(rows(sample));
  });

  it('netstat inside each container (docker exec) lands in that container by its full id', () => {
    const listeners = (m: HostModel) => known(m.containers).map((c) => [c.id, c.listeners]);
    expect(listeners(imported)).toEqual(listeners(sample));
  });

  it('Get-NetFirewallRule without ports is kept but not used, and the manifest says why', () => {
    expect(imported.firewallRules.kind).toBe('unknown');
    const probe = plan.probes.find((p) => p.id === 'host.firewall.rules')!;
    expect(probe.status).toBe('skipped');
    expect(probe.partial![0]).toMatch(/LocalPort/);
  });

  it('gives the sample verdicts where the paste holds the evidence, else unknown, never a new fail', () => {
    const key = (e: { container: { name: string }; from: string; port: number; protocol: string }) =>
      `${e.container.name}|${e.from}|${e.port}/${e.protocol}`;
    const original = new Map(reachabilityMatrix(sample).map((e) => [key(e), e]));
    const answers = reachabilityMatrix(imported);
    expect(answers.map(key).sort()).toEqual([...original.keys()].sort());
    let same = 0;
    for (const answer of answers) {
      const expected = original.get(key(answer))!;
      if (answer.verdict === expected.verdict) same++;
      else expect(answer.verdict, key(answer)).toBe('unknown');
      for (const hop of answer.hops) {
        const before = expected.hops.find((h) => h.id === hop.id)!;
        if (hop.status !== before.status) {
          expect(hop.status, `${key(answer)} ${hop.id}`).toBe('unknown');
          // Only hops whose evidence the paste lacks: the firewall rules (kept unused), host/os.json and the
          // reserved port ranges (netsh was not pasted).
          expect(['host-firewall', 'container-inbound', 'nat-loopback', 'port-reserved']).toContain(hop.id);
        }
      }
    }
    expect(same).toBeGreaterThan(answers.length / 2);
  });

  it("finds nothing the sample does not: its findings are the sample's, less those whose evidence was not pasted", () => {
    const key = (f: { id: string; subjects: readonly unknown[] }) => `${f.id} ${JSON.stringify(f.subjects)}`;
    const original = new Set(findings(sample).map(key));
    const found = findings(imported).map(key);
    for (const finding of found) expect(original, finding).toContain(finding);
    // daemon-config-conflict needs the docker service's command line (host/docker-service.json), not pasted; the
    // one container whose only failing path is the firewall's (reports: a group-policy block) is unknown without
    // the rules, so its published-port-unreachable finding goes too (never turned into another one). The paste
    // has docker inspect but no `docker ps -a`: a container it does not list may hold the stale mapping's address,
    // so nat-mapping-stale is unknown (issue 12, item 4; the test below adds `docker ps -a`).
    expect([...original].filter((f) => !found.includes(f))).toEqual([
      expect.stringMatching(/^daemon-config-conflict /),
      expect.stringMatching(/^published-port-unreachable /),
      expect.stringMatching(/^nat-mapping-stale /),
    ]);
  });

  it('says nat-mapping-stale only once `docker ps -a` shows the container list is whole', () => {
    // A mapping to a listed container that does not publish it stays a finding; one to an address no listed
    // container holds (left over, or an unlisted container's) does not.
    const staleFinding = (model: HostModel): string[] =>
      findings(model)
        .filter((f) => f.id === 'nat-mapping-stale')
        .map((f) => f.title);
    expect(staleFinding(sample)).toHaveLength(2);
    expect(staleFinding(imported)).toHaveLength(1);
    expect(imported.probes.find((p) => p.id === 'docker.containers')?.partial).toEqual([
      expect.stringMatching(
        /^the full container list: docker inspect shows only the containers it was given/,
      ),
    ]);
    // The mapping's own hop says unknown, never a stale-mapping failure, while the list may lack containers.
    const staleHops = (model: HostModel): string[] =>
      reachabilityMatrix(model)
        .filter((e) => e.causes.some((c) => c.id === 'nat-mapping-stale'))
        .map((e) => `${e.container.name} ${e.from} ${e.port} ${e.verdict}`);
    // shop's 8081 mapping points to a listed container that does not publish it: confident either way.
    expect(staleHops(imported)).toEqual(staleHops(sample));
    const header = 'CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES';
    const rows = known(imported.containers).map(
      (c) => `${c.id.slice(0, 12)}   image     "cmd"     1 day     Up 1 day            ${c.name}`,
    );
    const whole = planModel(
      planText(
        `${fixture('server2019-broken-nat-paste.txt')}\nPS C:\\> docker ps -a\n${header}\n${rows.join('\n')}\n`,
      ),
    );
    expect(whole.probes.find((p) => p.id === 'docker.containers')?.partial ?? []).toEqual([]);
    expect(staleFinding(whole)).toEqual(staleFinding(sample));
    expect(staleHops(whole).length).toBeGreaterThan(0);
    expect(staleHops(sample)).toEqual(staleHops(whole));
  });

  it("answers unknown, not a stale mapping, where the mapped address is no listed container's and the list is partial", () => {
    // The 8081 mapping moved to an address no container in the paste holds.
    const moved = fixture('server2019-broken-nat-paste.txt').replace(
      'InternalIPAddress             : 172.30.10.4\n',
      'InternalIPAddress             : 172.30.10.99\n',
    );
    const shop8081 = (model: HostModel): { verdict: string; causes: string[]; hop: string | undefined } => {
      const e = reachabilityMatrix(model).find(
        (x) => x.container.name === 'shop' && x.from === 'external' && x.port === 8081,
      )!;
      return {
        verdict: e.verdict,
        causes: e.causes.map((c) => c.id),
        hop: e.hops.find((h) => h.id === 'nat-mapping')?.status,
      };
    };
    const partial = planModel(planText(moved));
    expect(shop8081(partial)).toMatchObject({ hop: 'unknown', verdict: 'unknown' });
    expect(shop8081(partial).causes).not.toContain('nat-mapping-stale');
    expect(findings(partial).filter((f) => f.id === 'nat-mapping-stale')).toEqual([]);
    const header = 'CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES';
    const rows = known(partial.containers).map(
      (c) => `${c.id.slice(0, 12)}   image     "cmd"     1 day     Up 1 day            ${c.name}`,
    );
    const whole = planModel(planText(`${moved}\nPS C:\\> docker ps -a\n${header}\n${rows.join('\n')}\n`));
    expect(shop8081(whole)).toMatchObject({ hop: 'fail', verdict: 'unreachable' });
    expect(shop8081(whole).causes).toContain('nat-mapping-stale');
    expect(findings(whole).filter((f) => f.id === 'nat-mapping-stale')).toHaveLength(2);
  });
});
