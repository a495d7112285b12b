// The sample hosts through the real reader and model: the verdicts an admin would expect, as written in
// resources/samples/README.md.
import { describe, expect, it } from 'vitest';
import {
  compareIsolation,
  correlate,
  explain,
  explainOutbound,
  findings,
  inspect,
  outboundMatrix,
  parseSource,
  parseTarget,
  reachabilityMatrix,
} from '../../../src/core/diagnosis';
import { subjectText, targetText } from '../../../src/core/diagnosis/subjects';
import { sampleContainer, sampleModel } from '../../support/samples';

/** [container, from, port, verdict, causes]; causes `includes:<id>` where the README says "includes". */
type Row = readonly [string, string, number, 'reachable' | 'unreachable' | 'unknown', readonly string[]];

const EXPLAIN: Readonly<Record<string, readonly Row[]>> = {
  'server2016-swarm-portainer': [
    ['portainer', 'external', 9000, 'reachable', []],
    ['portainer', 'host-localhost', 9000, 'unreachable', ['nat-loopback-unsupported']],
    ['portainer', 'host', 9000, 'reachable', []],
    ['portainer', 'container:coreapp', 9000, 'reachable', []],
    ['web.1.25fcxs7bw5op8thzdqf8f517f', 'external', 80, 'unreachable', ['routing-mesh-unsupported']],
    ['web.2.u9bpre7yn5mw5caz5ohfsrrg0', 'external', 80, 'unreachable', ['routing-mesh-unsupported']],
  ],
  'server2019-broken-nat': [
    ['api', 'external', 8080, 'unreachable', ['nat-mapping-missing']],
    ['shop', 'external', 8081, 'unreachable', ['nat-mapping-stale']],
    ['legacy', 'external', 3000, 'unreachable', ['host-port-conflict']],
    ['legacy', 'host-localhost', 3000, 'unreachable', ['host-port-conflict']],
    ['reports', 'external', 8082, 'unreachable', ['firewall-blocked']],
    ['worker', 'external', 8090, 'unreachable', ['not-listening-in-container']],
    ['isolated', 'host', 80, 'unreachable', ['includes:no-network']],
    ['old-api', 'external', 8088, 'unreachable', ['container-not-running']],
    ['db', 'container:shop', 1433, 'unreachable', ['no-shared-network']],
    ['db', 'container:api', 1433, 'reachable', []],
  ],
  'server2022-healthy': [
    ['web', 'external', 80, 'reachable', []],
    ['web', 'host-localhost', 80, 'reachable', []],
    ['api', 'external', 8080, 'reachable', []],
    ['scheduler', 'external', 9090, 'reachable', []],
    ['queue', 'container:api', 5672, 'reachable', []],
    ['queue', 'host', 5672, 'reachable', []],
  ],
  'server2022-hns-nat': [
    ['proxy', 'external', 80, 'reachable', []],
    ['proxy', 'external', 443, 'reachable', []],
    ['proxy', 'host-localhost', 80, 'reachable', []],
    ['catalog', 'external', 8080, 'reachable', []],
    ['reporting', 'external', 9443, 'reachable', []],
    ['cache', 'container:catalog', 6379, 'reachable', []],
    ['cache', 'host', 6379, 'reachable', []],
  ],
  'server2022-hns-trouble': [
    ['web', 'external', 80, 'reachable', []],
    ['web', 'host-localhost', 80, 'reachable', []],
    ['grpc', 'external', 50051, 'unreachable', ['includes:port-reserved', 'includes:container-not-running']],
    ['admin', 'external', 9000, 'unreachable', ['includes:port-publish-refused']],
    ['agent', 'to:172.18.40.15', 443, 'unreachable', ['includes:nat-prefix-overlap']],
  ],
};

/**
 * The outbound rows of the matrix that do not pass, as `<container> to <target> <port> <cause ids>` (README, each
 * sample's "Outbound" line): every other outbound question of the sample is reachable.
 */
const OUTBOUND_FAILING: Readonly<Record<string, readonly string[]>> = {
  'server2016-swarm-portainer': [],
  'server2019-broken-nat': [
    ...['api', 'shop', 'legacy', 'reports', 'db', 'worker'].map(
      (name) => `${name} to host 3000 firewall-local-rules-ignored`,
    ),
    'legacy to container:worker 8090 not-listening-in-container',
  ],
  'server2022-healthy': [],
  'server2022-hns-nat': [],
  'server2022-hns-trouble': [],
};

/** Findings as id -> subject container names (`host` and `service:<name>` kept as they are). */
const FINDINGS: Readonly<
  Record<
    string,
    { readonly exactly: readonly (readonly [string, string])[]; readonly allowed?: readonly string[] }
  >
> = {
  'server2016-swarm-portainer': {
    exactly: [
      ['docker-api-unencrypted', 'host'],
      ['routing-mesh-unsupported', 'service:web'],
      ['swarm-ports-blocked', 'host'],
      ['hyperv-no-host-firewall-rules', 'coreapp'],
      ['container-data-not-persisted', 'coreapp'],
      // Every unreachable path of the matrix, per container (issue 11).
      ['published-port-unreachable', 'web.1.25fcxs7bw5op8thzdqf8f517f'],
      ['published-port-unreachable', 'web.2.u9bpre7yn5mw5caz5ohfsrrg0'],
      ['published-port-unreachable', 'portainer'],
      ['published-port-unreachable', 'coreapp'],
    ],
  },
  'server2019-broken-nat': {
    exactly: [
      ['daemon-config-conflict', 'host'],
      ['firewall-local-rules-ignored', 'host'],
      ['nat-mapping-missing', 'api'],
      ['nat-mapping-stale', 'host'],
      ['host-port-conflict', 'legacy'],
      ['secrets-in-env', 'db'],
      ['container-data-not-persisted', 'isolated'],
      ...['api', 'shop', 'legacy', 'reports', 'worker', 'old-api'].map(
        (name) => ['published-port-unreachable', name] as const,
      ),
    ],
    // The 8081 mapping points at a container, just not the one publishing 8081 (README: not required absent).
    allowed: ['nat-mapping-stale'],
  },
  'server2022-healthy': { exactly: [['hyperv-no-host-firewall-rules', 'scheduler']] },
  'server2022-hns-nat': { exactly: [['hyperv-no-host-firewall-rules', 'reporting']] },
  'server2022-hns-trouble': {
    exactly: [
      ['port-reserved', 'grpc'],
      ['port-publish-refused', 'admin'],
      ['hns-endpoint-orphan', 'host'],
      ['nat-prefix-overlap', 'host'],
      ['hns-service-not-running', 'service:hns'],
      ['hns-errors-recent', 'host'],
      ['host-nic-apipa', 'host'],
      // Issue 11: every unreachable published port is a finding too.
      ['published-port-unreachable', 'grpc'],
      ['published-port-unreachable', 'admin'],
    ],
  },
};

describe.each(Object.keys(EXPLAIN))('sample %s', (name) => {
  it.each(EXPLAIN[name]!.map((row) => [`${row[0]} from ${row[1]} on ${row[2]}`, row] as const))(
    'explain %s',
    async (_, [ref, from, port, verdict, causes]) => {
      const model = await sampleModel(name);
      // `to:<target>` rows are the outbound question (explain --to).
      const e = from.startsWith('to:')
        ? explainOutbound(model, {
            container: sampleContainer(model, ref),
            target: parseTarget(from.slice('to:'.length))!,
            port,
            protocol: 'tcp',
          })
        : explain(model, {
            container: sampleContainer(model, ref),
            source: parseSource(from)!,
            port,
            protocol: 'tcp',
          });
      expect(e.verdict, JSON.stringify(e.hops.filter((h) => h.status !== 'pass'))).toBe(verdict);
      const ids = e.causes.map((c) => c.id);
      const includes = causes
        .filter((c) => c.startsWith('includes:'))
        .map((c) => c.slice('includes:'.length));
      if (includes.length > 0) expect(ids).toEqual(expect.arrayContaining(includes));
      else expect(ids).toEqual(causes);
    },
  );

  it('gives exactly the findings of the README', async () => {
    const model = await sampleModel(name);
    const byId = new Map(
      (model.containers.kind === 'known' ? model.containers.value : []).map((c) => [
        `container:${c.id}`,
        c.name,
      ]),
    );
    const got = findings(model).map(
      (f) => [f.id, f.subjects.map(subjectText).map((s) => byId.get(s) ?? s)] as const,
    );
    const expected = FINDINGS[name]!;
    for (const [id, subject] of expected.exactly) {
      expect(
        got.some(([gid, subjects]) => gid === id && subjects.includes(subject)),
        `${id} on ${subject}`,
      ).toBe(true);
    }
    const extra = got.filter(
      ([gid, subjects]) =>
        !expected.exactly.some(([id, subject]) => id === gid && subjects.includes(subject)) &&
        !(expected.allowed ?? []).includes(gid),
    );
    expect(extra).toEqual([]);
  });

  it("asks every running container on a network what it reaches; only the README's outbound rows fail", async () => {
    const model = await sampleModel(name);
    const rows = outboundMatrix(model);
    const nameOf = (id: string): string =>
      (model.containers.kind === 'known' ? model.containers.value : []).find((c) => c.id === id)?.name ?? id;
    const running = (model.containers.kind === 'known' ? model.containers.value : []).filter(
      (c) => c.state === 'running' && c.networkMode !== 'none',
    );
    for (const c of running)
      expect(rows.some((e) => e.container.id === c.id && e.to?.kind === 'internet')).toBe(true);
    const failing = rows
      .filter((e) => e.verdict !== 'reachable')
      .map((e) => {
        const to = e.to!.kind === 'container' ? `container:${nameOf(e.to!.ref)}` : targetText(e.to!);
        return `${e.container.name} to ${to} ${e.port} ${e.causes.map((c) => c.id).join(' ')}`;
      });
    expect(failing.sort()).toEqual([...OUTBOUND_FAILING[name]!].sort());
  });

  it('explains every published port from every source without a contradiction, citing only bundle files', async () => {
    const model = await sampleModel(name);
    const files = new Set(model.bundle.files);
    for (const e of reachabilityMatrix(model, correlate(model))) {
      expect(e.verdict === 'unreachable').toBe(e.hops.some((h) => h.status === 'fail'));
      for (const h of e.hops) for (const ev of h.evidence) expect(files.has(ev.file), ev.file).toBe(true);
    }
  });
});

describe('the 1.1 samples: evidence named as the README tells it', () => {
  it('hns-nat: the nat-mapping hop passes on the HNS policy with WinNAT empty, naming host/hns-endpoints.json', async () => {
    const model = await sampleModel('server2022-hns-nat');
    const e = explain(model, {
      container: sampleContainer(model, 'proxy'),
      source: { kind: 'external' },
      port: 443,
      protocol: 'tcp',
    });
    const hop = e.hops.find((h) => h.id === 'nat-mapping')!;
    expect(hop.status).toBe('pass');
    expect(hop.evidence.map((x) => x.file)).toContain('host/hns-endpoints.json');
    expect(e.hops.find((h) => h.id === 'port-reserved')!.status).toBe('pass');
  });
  it('hns-trouble: the HRESULT in the admin words with its count, the crashes counted, the reserved range named', async () => {
    const model = await sampleModel('server2022-hns-trouble');
    const all = findings(model);
    const errors = all.find((f) => f.id === 'hns-errors-recent')!;
    expect(errors.title).toBe('HNS says the port already exists: 3 times');
    expect(errors.detail).toContain('0x803b0013');
    expect(all.find((f) => f.id === 'hns-service-not-running')!.title).toContain('2 times');
    const reserved = all.find((f) => f.id === 'port-reserved')!;
    expect(reserved.evidence.map((x) => x.detail).join(' ')).toContain('49985-50084');
    expect(reserved.references.length).toBeGreaterThan(0);
  });
});

describe('inspect on the samples', () => {
  it('2016 portainer: session 2, ten host processes, disk 1 by Location, lower-case mount source', async () => {
    const model = await sampleModel('server2016-swarm-portainer');
    const r = inspect(model, sampleContainer(model, 'portainer'));
    expect(r).toMatchObject({ sessionId: 2, isolation: 'process', utilityVm: null });
    expect(r.hostProcesses).toHaveLength(10);
    expect(r.hostProcesses).toContainEqual({ pid: 3632, name: 'portainer' });
    expect(r.sandboxDisk).toEqual({
      number: 1,
      location: `C:\\ProgramData\\docker\\windowsfilter\\${r.id}\\sandbox.vhdx`,
    });
    expect(r.mounts[0]!.source).toBe('c:\\programdata\\containers\\portainer');
  });
  it('2016 coreapp: the utility VM, and none of its top PIDs taken for host processes', async () => {
    const model = await sampleModel('server2016-swarm-portainer');
    const r = inspect(model, sampleContainer(model, 'coreapp'));
    expect(r).toMatchObject({
      isolation: 'hyperv',
      sessionId: null,
      hostProcesses: [],
      sandboxDisk: null,
      utilityVm: { pid: 1752, memoryPid: 1828 },
    });
  });
  it('2019 api: session 2, 15 processes, disk 2 through host/vhds.json under D:\\docker', async () => {
    const model = await sampleModel('server2019-broken-nat');
    const r = inspect(model, sampleContainer(model, 'api'));
    expect(r.sessionId).toBe(2);
    expect(r.hostProcesses).toHaveLength(15);
    expect(r.sandboxDisk).toEqual({
      number: 2,
      location: expect.stringMatching(/^D:\\docker\\windowsfilter\\[0-9a-f]{64}\\sandbox\.vhdx$/i),
    });
    expect(r.networks.map((n) => n.name).sort()).toEqual(['backend', 'nat']);
  });
  it('2022 scheduler: vmwp 4300 and vmmem 4404', async () => {
    const model = await sampleModel('server2022-healthy');
    expect(inspect(model, sampleContainer(model, 'scheduler')).utilityVm).toEqual({
      pid: 4300,
      memoryPid: 4404,
    });
  });
});

describe('isolation walkthrough on the samples', () => {
  it('2016: portainer and coreapp differ on processes, session, disk and memory, each point with evidence or "not observable"', async () => {
    const model = await sampleModel('server2016-swarm-portainer');
    const cmp = compareIsolation(
      model,
      sampleContainer(model, 'portainer'),
      sampleContainer(model, 'coreapp'),
    );
    const differs = cmp.rows.filter((r) => r.differs).map((r) => r.id);
    expect(differs).toEqual(expect.arrayContaining(['processes', 'session', 'sandbox-disk', 'memory']));
    for (const row of cmp.rows) {
      for (const p of [row.a, row.b])
        expect(
          p.observable ? p.evidence.length > 0 : p.observed.startsWith('not observable in this bundle'),
        ).toBe(true);
    }
    const memory = cmp.rows.find((r) => r.id === 'memory')!.b.observed;
    expect(memory).toMatch(/utility VM is given \d+ MB/);
  });
});
