// Properties over generated hosts: explain never throws, the verdict follows the hops, every failing hop has a
// cause of its own kind, and every piece of evidence names a file the bundle holds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareIsolation,
  correlate,
  explain,
  explainOutbound,
  findings,
  fixText,
  inspect,
  outboundMatrix,
  reachabilityMatrix,
} from '../../../src/core/diagnosis';
import type { Evidence, Explanation, OutboundTarget, ReachSource } from '../../../src/shared/diagnosis';
import type { FirewallProfileName, HnsEndpoint, HostModel } from '../../../src/shared/model';
import { destructiveCommand } from '../../support/fix-safety';
import { expectEveryUnreachablePath } from '../../support/unreachable';
import {
  container,
  hostProcess,
  hnsEndpoint,
  HostBuilder,
  listen,
  mapping,
  natNetwork,
  profile,
  ports,
  rule,
  type ContainerSpec,
  type OptionalPart,
} from './model-builder';

/** Which causes may explain a failing hop. */
const HOP_CAUSES: Readonly<Record<string, readonly string[]>> = {
  'container-running': ['container-not-running'],
  'source-container': ['container-not-running', 'source-not-found'],
  'container-network': ['no-network'],
  'shared-network': ['no-shared-network'],
  'published-port': ['no-published-port', 'port-publish-refused'],
  'routing-mesh': ['routing-mesh-unsupported'],
  'nat-loopback': ['nat-loopback-unsupported'],
  'nat-mapping': ['nat-mapping-missing', 'nat-mapping-stale'],
  'host-port-free': ['host-port-conflict'],
  'host-firewall': ['firewall-blocked', 'firewall-local-rules-ignored'],
  'container-inbound': ['firewall-blocked', 'firewall-local-rules-ignored'],
  listening: ['not-listening-in-container'],
  // outbound (section 4)
  'egress-path': ['no-egress-path'],
  'host-address': ['nat-gateway-missing'],
  'host-listener': ['host-service-loopback-only', 'host-service-not-listening'],
  'host-firewall-from-container': ['host-firewall-blocks-container', 'firewall-local-rules-ignored'],
  'target-prefix': ['nat-prefix-overlap'],
  'host-alias': ['host-alias-missing'],
};

const PROFILES: readonly FirewallProfileName[] = ['domain', 'private', 'public'];
const OMITTABLE = [
  'host',
  'engine',
  'processes',
  'natMappings',
  'firewallRules',
  'firewallProfiles',
  'connectionProfiles',
  'tcp',
  'disks',
  'vhds',
  'hcs',
  'networks',
  'ipAddresses',
] as const;

const port = fc.constantFrom(80, 443, 3000, 8080, 8081, 9000);
const ip = fc.constantFrom('172.24.80.2', '172.24.80.3', '172.24.80.9', '10.0.0.50', '172.25.0.2');
// Names are hostile: quotes, control characters, markup, very long.
const name = fc.oneof(
  fc.constantFrom('web', 'api', 'db', "x'; rm", '<img src=x>', 'a\u001b[31mred', 'web.1.abc'),
  fc.string({ minLength: 1, maxLength: 40 }),
);

const containerSpec: fc.Arbitrary<ContainerSpec> = fc.record({
  name,
  state: fc.constantFrom('running', 'running', 'exited', 'paused'),
  isolation: fc.constantFrom('process', 'hyperv', 'default', '', null),
  networkMode: fc.constantFrom('nat', 'nat', 'none', 'frontend'),
  networks: fc.array(
    fc.record({ name: fc.constantFrom('nat', 'frontend', 'extnet'), ip: fc.option(ip, { nil: null }) }),
    { maxLength: 2 },
  ),
  ports: fc.array(fc.tuple(port, port, fc.constantFrom<'tcp' | 'udp'>('tcp', 'udp')), { maxLength: 3 }),
  hostIp: fc.constantFrom('0.0.0.0', '0.0.0.0', '127.0.0.1'),
  // `-p 8080-8090:80`, which Windows refuses (knowledge notes section 10).
  hostPortRange: fc.option(fc.constant([8080, 8090] as const), { nil: undefined }),
  top: fc.oneof(
    fc.constant(null),
    fc.constant('unknown' as const),
    fc.array(fc.constantFrom(4, 3632, 3700, 5000), { maxLength: 3 }),
  ),
  listeners: fc.oneof(
    fc.constant(null),
    fc.constant('unknown' as const),
    fc.array(
      fc.record({
        localPort: port,
        localAddress: fc.constantFrom('0.0.0.0', '127.0.0.1', '[::]'),
        protocol: fc.constantFrom<'tcp' | 'udp'>('tcp', 'udp'),
      }),
      { maxLength: 3 },
    ),
  ),
  env: fc.array(fc.constantFrom('PATH', 'DB_PASSWORD', 'API_TOKEN'), { maxLength: 2 }),
  graphDriverDir: fc.option(
    fc.constantFrom('C:\\ProgramData\\docker\\windowsfilter\\x', 'D:\\docker\\windowsfilter\\y'),
    { nil: null },
  ),
  memoryLimitBytes: fc.option(fc.integer({ min: 0, max: 8 * 1024 ** 3 }), { nil: null }),
});

const hostArb = fc.record({
  build: fc.constantFrom(10586, 14393, 16299, 17134, 17763, 20348),
  defaultIsolation: fc.constantFrom<'process' | 'hyperv' | null>('process', 'hyperv', null),
  containers: fc.array(containerSpec, { minLength: 1, maxLength: 4 }),
  mappings: fc.array(fc.tuple(port, ip, port, fc.constantFrom<'tcp' | 'udp'>('tcp', 'udp')), {
    maxLength: 4,
  }),
  rules: fc.array(
    fc.record({
      action: fc.constantFrom<'allow' | 'block'>('allow', 'block'),
      enabled: fc.boolean(),
      protocol: fc.constantFrom('tcp', 'udp', 'any', '6', 'icmpv4'),
      ports: fc.oneof(
        fc.constant(null),
        fc.array(fc.tuple(port, fc.integer({ min: 0, max: 50 })), { minLength: 1, maxLength: 2 }),
      ),
      profiles: fc.subarray([...PROFILES], { minLength: 1 }),
      remote: fc.constantFrom<readonly string[]>([], ['LocalSubnet'], ['172.24.80.0/20'], ['192.0.2.7']),
      store: fc.constantFrom('PersistentStore', 'contoso.com\\GPO', null),
      program: fc.constantFrom(null, 'C:\\Program Files\\Docker\\dockerd.exe'),
    }),
    { maxLength: 6 },
  ),
  profiles: fc.array(
    fc.record({
      name: fc.constantFrom(...PROFILES),
      enabled: fc.option(fc.boolean(), { nil: null }),
      inbound: fc.constantFrom<'allow' | 'block' | null>('allow', 'block', null),
      alfr: fc.option(fc.boolean(), { nil: null }),
    }),
    { maxLength: 3 },
  ),
  connection: fc.constantFrom<FirewallProfileName>('domain', 'private', 'public'),
  listeners: fc.array(fc.tuple(port, fc.constantFrom(4, 3632, 4242)), { maxLength: 3 }),
  omit: fc.subarray([...OMITTABLE]),
});

type Generated<A> = A extends fc.Arbitrary<infer T> ? T : never;

function buildModel(h: Generated<typeof hostArb>): HostModel {
  const b = new HostBuilder()
    .os({ build: h.build })
    .engine({ defaultIsolation: h.defaultIsolation })
    .networks(
      natNetwork(),
      { ...natNetwork('frontend', '172.25.0.0/16'), id: 'frontend-id' },
      { ...natNetwork('extnet', '10.0.0.0/24', 'transparent'), id: 'ext-id' },
    )
    .processes(
      hostProcess(4, 'System', 0),
      hostProcess(3632, 'w3wp', 2),
      hostProcess(3700, 'CExecSvc', 2),
      hostProcess(4242, 'node', 1),
      hostProcess(5000, 'vmwp', 0, { commandLine: 'vmwp.exe 3f20fb44-3e6d-45c1-a4b7-ef27eca11900' }),
    )
    .connections({ interfaceAlias: 'Ethernet', interfaceIndex: 4, networkCategory: h.connection })
    .profiles(
      ...h.profiles.map((p) =>
        profile(p.name, {
          enabled: p.enabled,
          defaultInboundAction: p.inbound,
          allowLocalFirewallRules: p.alfr,
        }),
      ),
    )
    .natMappings(
      ...h.mappings.map(([ext, to, internal, protocol]) => mapping(ext, to, internal, { protocol })),
    )
    .tcp(...h.listeners.map(([p, pid]) => listen(p, pid)))
    .rules(
      ...h.rules.map((r, i) =>
        rule({
          name: `rule-${i}`,
          action: r.action,
          enabled: r.enabled,
          protocol: r.protocol,
          localPorts:
            r.ports === null
              ? { kind: 'any' }
              : {
                  kind: 'list',
                  ranges: r.ports.map(([p, span]) => [p, p + span] as const),
                  keywords: i % 2 ? ['RPC'] : [],
                },
          profiles: r.profiles,
          remoteAddresses: [...r.remote],
          policyStoreSource: r.store,
          program: r.program,
        }),
      ),
    )
    .containers(...h.containers.map((c) => container(c)));
  return b.without(...h.omit).build();
}

function sources(model: HostModel): ReachSource[] {
  const names = model.containers.kind === 'known' ? model.containers.value.map((c) => c.name) : [];
  return [
    { kind: 'external' },
    { kind: 'host' },
    { kind: 'host-localhost' },
    ...names.slice(0, 2).map((ref) => ({ kind: 'container' as const, ref })),
    { kind: 'container', ref: 'no-such' },
  ];
}

function targets(model: HostModel): OutboundTarget[] {
  const names = model.containers.kind === 'known' ? model.containers.value.map((c) => c.name) : [];
  return [
    { kind: 'host' },
    { kind: 'internet' },
    ...names.slice(0, 1).map((ref) => ({ kind: 'container' as const, ref })),
    { kind: 'container', ref: 'no-such' },
    { kind: 'address', address: '172.24.80.9' },
    { kind: 'address', address: '10.0.0.10' },
    { kind: 'name', name: 'host.docker.internal' },
  ];
}

function checkEvidence(model: HostModel, evidence: readonly Evidence[]): void {
  for (const e of evidence) expect(model.bundle.files, `evidence names ${e.file}`).toContain(e.file);
}

function checkExplanation(model: HostModel, e: Explanation): void {
  const failing = e.hops.filter((h) => h.status === 'fail');
  expect(e.verdict === 'unreachable').toBe(failing.length > 0);
  if (failing.length === 0)
    expect(e.verdict).toBe(e.hops.some((h) => h.status === 'unknown') ? 'unknown' : 'reachable');
  const causeIds = new Set<string>(e.causes.map((c) => c.id));
  for (const h of failing)
    expect(
      HOP_CAUSES[h.id]!.some((id) => causeIds.has(id)),
      `hop ${h.id} fails without its cause`,
    ).toBe(true);
  for (const h of e.hops) {
    checkEvidence(model, h.evidence);
    if (h.status === 'unknown' || h.status === 'skip') expect(h.note).toBeTruthy();
  }
  for (const c of e.causes) {
    expect(c.explanation.length).toBeGreaterThan(20);
    expect(fixText(c.fix).length).toBeGreaterThan(0);
    expect(destructiveCommand(c.fix), `${c.id} offers a destructive command`).toBeNull();
  }
}

describe('properties of the diagnosis over generated hosts', () => {
  it('explain never throws, its verdict follows the hops, failing hops have causes, evidence names bundle files', () => {
    fc.assert(
      fc.property(hostArb, (h) => {
        const model = buildModel(h);
        const correlation = correlate(model);
        const containers = model.containers.kind === 'known' ? model.containers.value : [];
        for (const c of containers) {
          const ports = [...new Set([...c.publishedPorts.map((p) => p.hostPort ?? 0), 80, 9000])];
          for (const source of sources(model)) {
            for (const p of ports) {
              for (const protocol of ['tcp', 'udp'] as const) {
                const e = explain(model, { container: c, source, port: p, protocol }, correlation);
                checkExplanation(model, e);
                // The correlation is an optimisation only: without it the answer is the same.
                expect(explain(model, { container: c, source, port: p, protocol })).toEqual(e);
              }
            }
          }
          // The outbound question for the first container only: it shares every hop with the others.
          for (const target of c === containers[0] ? targets(model) : []) {
            for (const p of [80, 9000]) {
              const e = explainOutbound(
                model,
                { container: c, target, port: p, protocol: 'tcp' },
                correlation,
              );
              expect(e.direction).toBe('outbound');
              checkExplanation(model, e);
              expect(explainOutbound(model, { container: c, target, port: p, protocol: 'tcp' })).toEqual(e);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('findings, inspect, the isolation comparison and the matrix never throw and cite only bundle files', () => {
    fc.assert(
      fc.property(hostArb, (h) => {
        const model = buildModel(h);
        const correlation = correlate(model);
        const matrix = reachabilityMatrix(model, correlation);
        const all = findings(model, correlation, matrix);
        expectEveryUnreachablePath(model, matrix, all);
        for (const f of all) {
          checkEvidence(model, f.evidence);
          expect(destructiveCommand(f.fix), `${f.id} offers a destructive command`).toBeNull();
        }
        const containers = model.containers.kind === 'known' ? model.containers.value : [];
        for (const c of containers) expect(inspect(model, c, correlation).id).toBe(c.id);
        if (containers.length > 0) {
          const cmp = compareIsolation(
            model,
            containers[0]!,
            containers[containers.length - 1]!,
            correlation,
          );
          for (const row of cmp.rows) {
            checkEvidence(model, row.a.evidence);
            checkEvidence(model, row.b.evidence);
            expect(row.a.observable || row.a.observed.startsWith('not observable in this bundle')).toBe(true);
          }
        }
        for (const e of reachabilityMatrix(model, correlation)) checkExplanation(model, e);
        for (const e of outboundMatrix(model, correlation)) checkExplanation(model, e);
      }),
      { numRuns: 150 },
    );
  });
});

// ---- a host generated healthy, whatever the build ------------------------------------------------

const healthyArb = fc.record({
  build: fc.constantFrom(14393, 16299, 17134, 17763, 19041, 20348, 26100),
  count: fc.integer({ min: 1, max: 4 }),
  hostPorts: fc.uniqueArray(fc.integer({ min: 1024, max: 40000 }), { minLength: 4, maxLength: 4 }),
  winNat: fc.boolean(),
  drop: fc.constantFrom<'none' | (typeof OMITTABLE)[number] | OptionalPart>(
    'none',
    ...OMITTABLE,
    'hnsEndpoints',
    'portExclusions',
    'services',
    'events',
  ),
});

/** Process-isolated containers on one nat network, each port published, mapped in HNS, allowed and listened on. */
function healthyModel(h: Generated<typeof healthyArb>, drop: string = h.drop): HostModel {
  const b = new HostBuilder()
    .os({ build: h.build })
    .networks({ ...natNetwork(), gateways: ['172.24.80.1'] })
    .ipAddresses(
      {
        interfaceAlias: 'Ethernet',
        interfaceIndex: 4,
        ipAddress: '10.0.0.10',
        prefixLength: 24,
        family: 'ipv4',
      },
      {
        interfaceAlias: 'vEthernet (nat)',
        interfaceIndex: 9,
        ipAddress: '172.24.80.1',
        prefixLength: 20,
        family: 'ipv4',
      },
    );
  const endpoints: HnsEndpoint[] = [];
  const portsInUse: number[] = [];
  for (let i = 0; i < h.count; i++) {
    const ip = `172.24.80.${i + 2}`;
    const hostPort = h.hostPorts[i]!;
    portsInUse.push(hostPort);
    b.containers(
      container({
        name: `app${i}`,
        isolation: 'process',
        networks: [{ name: 'nat', ip, gateway: '172.24.80.1', networkId: 'nat-id' }],
        ports: [[hostPort, 80]],
        listeners: [{ localPort: 80 }],
        mounts: [{ type: 'volume', name: `v${i}`, source: null, destination: 'C:\\data', readOnly: false }],
        top: null,
      }),
    );
    endpoints.push(hnsEndpoint(ip, [[hostPort, 80]]));
    if (h.winNat || h.build < 17763) b.natMappings(mapping(hostPort, ip, 80));
  }
  b.rules(rule({ name: 'hns-80', displayName: 'HNS Container Networking - 80', localPorts: ports(80) }));
  // A host service the containers use (catalogue 15), bound to every address and allowed from the nat subnet.
  b.processes(hostProcess(5150, 'sqlservr', 0))
    .tcp(listen(1433, 5150))
    .rules(
      rule({ name: 'sql-from-nat', localPorts: ports(1433), remoteAddresses: ['172.24.80.0/255.255.240.0'] }),
    );
  const parts: [OptionalPart, () => void][] = [
    ['hnsEndpoints', () => b.set('hnsEndpoints', endpoints)],
    [
      'portExclusions',
      () =>
        b.set('portExclusions', {
          ranges: [{ family: 'ipv4', protocol: 'tcp', start: 50000, end: 50059, administered: true }],
          dynamic: [],
          listings: [{ kind: 'excluded', family: 'ipv4', protocol: 'tcp' }],
        }),
    ],
    [
      'services',
      () =>
        b.set(
          'services',
          ['docker', 'hns', 'vmcompute', 'winnat'].map((name) => ({
            name,
            state: 'Running',
            startMode: 'Auto',
            exitCode: 0,
            processId: 100,
          })),
        ),
    ],
    ['events', () => b.set('events', [])],
  ];
  for (const [part, set] of parts) if (part !== drop) set();
  if ((OMITTABLE as readonly string[]).includes(drop)) b.without(drop as (typeof OMITTABLE)[number]);
  return b.build();
}

describe('a host generated healthy', () => {
  it('no cause fires from outside and no finding above info, whatever the build', () => {
    fc.assert(
      fc.property(healthyArb, (h) => {
        const model = healthyModel(h, 'none');
        const containers = model.containers.kind === 'known' ? model.containers.value : [];
        for (const c of containers) {
          const p = c.publishedPorts[0]!;
          const e = explain(model, {
            container: c,
            source: { kind: 'external' },
            port: p.hostPort!,
            protocol: 'tcp',
          });
          expect(e.causes, JSON.stringify(e.hops.filter((x) => x.status !== 'pass'))).toEqual([]);
          expect(e.verdict).toBe('reachable');
        }
        // Before 17763 WinNAT does not loop localhost back (knowledge notes section 1): on a healthy host that is the
        // one unreachable path, a medium finding (only the host's own paths fail), never one from outside.
        const noLoopback = h.build < 17763;
        const localhostOnly = (f: { id: string; severity: string; detail: string }): boolean =>
          noLoopback &&
          f.id === 'published-port-unreachable' &&
          f.severity === 'medium' &&
          f.detail.includes('via localhost');
        expect(findings(model).filter((f) => f.severity !== 'info' && !localhostOnly(f))).toEqual([]);
        // Outbound (issue 10): every running container reaches the internet, the host's SQL Server and its peers.
        const outbound = outboundMatrix(model);
        expect(outbound.filter((e) => e.to?.kind === 'host' && e.port === 1433)).toHaveLength(
          containers.length,
        );
        for (const e of outbound) {
          expect(
            e.causes,
            `${e.container.name} to ${JSON.stringify(e.to)} ${JSON.stringify(e.hops)}`,
          ).toEqual([]);
          expect(e.verdict).toBe('reachable');
        }
      }),
      { numRuns: 120 },
    );
  });

  it('removing any one probe file never turns a pass into a fail, only into unknown', () => {
    fc.assert(
      fc.property(healthyArb, (h) => {
        const full = healthyModel(h, 'none');
        const reduced = healthyModel(h);
        const containers = full.containers.kind === 'known' ? full.containers.value : [];
        const reducedContainers = reduced.containers.kind === 'known' ? reduced.containers.value : [];
        containers.forEach((c, i) => {
          const other = reducedContainers[i] ?? c;
          const p = c.publishedPorts[0]!;
          const sources: ReachSource[] = [{ kind: 'external' }, { kind: 'host' }, { kind: 'host-localhost' }];
          for (const source of sources) {
            const port = source.kind === 'host' ? p.containerPort : p.hostPort!;
            const before = explain(full, { container: c, source, port, protocol: 'tcp' });
            const after = explain(reduced, { container: other, source, port, protocol: 'tcp' });
            before.hops.forEach((hop) => {
              if (hop.status !== 'pass') return;
              const now = after.hops.find((x) => x.id === hop.id);
              expect(now?.status, `${hop.id} after dropping ${h.drop}`).not.toBe('fail');
            });
          }
        });
        // The same for every outbound question both models ask.
        const key = (e: Explanation): string => `${e.container.id}>${e.to}:${e.port}/${e.protocol}`;
        const afterOut = new Map(outboundMatrix(reduced).map((e) => [key(e), e]));
        for (const before of outboundMatrix(full)) {
          const after = afterOut.get(key(before));
          if (!after) continue;
          for (const hop of before.hops) {
            if (hop.status !== 'pass') continue;
            const now = after.hops.find((x) => x.id === hop.id);
            expect(now?.status, `outbound ${key(before)} ${hop.id} after dropping ${h.drop}`).not.toBe(
              'fail',
            );
          }
        }
      }),
      { numRuns: 120 },
    );
  });
});
