// One fact, one answer (issue 15): the CLI, the app's views and the report say the same swarm role, firewall rule
// count, isolation, port text, firewall port text, deciding hop and listening sockets on every sample. Each side
// is read through its own edge (CLI JSON, service channels, report JSON), never through the core functions.

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../src/core/report/document';
import type { SummaryJson } from '../../src/core/summary';
import { createHostscopeService } from '../../src/service/compose';
import { samplesDir } from '../../src/service/paths';
import type { HostscopeService } from '../../src/service/service';
import type { InspectResult } from '../../src/shared/diagnosis';
import type { Channel } from '../../src/shared/ipc-channels';
import type { RequestOf, ResponseOf } from '../../src/shared/ipc';
import type { ContainerRow, HostOverview } from '../../src/shared/views';
import { cli } from '../support/cli';
import { SAMPLE_HOSTS } from '../support/samples';

async function cliJson<T>(...argv: string[]): Promise<T> {
  const run = await cli(...argv);
  expect(run.err).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.out) as T;
}

async function call<C extends Channel>(
  s: HostscopeService,
  channel: C,
  request: RequestOf<C>,
): Promise<ResponseOf<C>> {
  const result = await s.call(channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value;
}

describe.each(SAMPLE_HOSTS)('the CLI, the app and the report agree on %s', (sample) => {
  const folder = join(samplesDir(), sample);
  let service: HostscopeService;
  let summary: SummaryJson;
  let report: ReportDocument;
  let overview: HostOverview;
  let rows: readonly ContainerRow[];

  beforeAll(async () => {
    service = createHostscopeService({ kind: 'web' });
    await call(service, 'bundle:openSample', { name: sample });
    summary = await cliJson<SummaryJson>('summary', folder, '--json');
    report = await cliJson<ReportDocument>('report', folder, '--format', 'json', '--no-redact');
    overview = await call(service, 'host:overview', {});
    const list = await call(service, 'containers:list', {});
    rows = list.kind === 'known' ? list.rows : [];
  });
  afterAll(() => service.dispose());

  it('says the same swarm role and enabled inbound firewall rule count', () => {
    expect(summary.engine.swarm).not.toBeNull();
    expect(overview.swarmRole).toBe(summary.engine.swarm);
    expect(report.host.engine?.swarm).toBe(summary.engine.swarm);
    const label = 'Enabled inbound firewall rules';
    expect(summary.counts.inboundFirewallRules).toEqual(expect.any(Number));
    expect(overview.counts.find((c) => c.label === label)?.value).toBe(summary.counts.inboundFirewallRules);
    expect(report.host.counts.find((c) => c.label === label)?.value).toBe(
      summary.counts.inboundFirewallRules,
    );
  });

  it('gives every container the same isolation and port text', () => {
    expect(rows.map((r) => r.id)).toEqual(summary.containers.map((c) => c.id));
    for (const c of summary.containers) {
      const row = rows.find((r) => r.id === c.id)!;
      expect(row.isolation, c.name).toBe(c.isolation);
      expect(row.ports, c.name).toEqual(c.publishedPorts);
      expect(report.containers.items.find((i) => i.inspect.id === c.id)?.inspect.isolation, c.name).toBe(
        c.isolation,
      );
    }
  });

  it('writes each container firewall rule port the same way', async () => {
    let compared = 0;
    for (const c of summary.containers) {
      const inspected = await cliJson<InspectResult>('inspect', folder, '--container', c.id, '--json');
      const detail = await call(service, 'container:detail', { ref: c.id });
      const reported = report.containers.items.find((i) => i.inspect.id === c.id)!.inspect;
      const cliRules = inspected.firewallRules.map((r) => [r.name, r.localPort]);
      expect(
        detail.firewall.rules.map((r) => [r.name, r.localPort]),
        c.name,
      ).toEqual(cliRules);
      expect(
        reported.firewallRules.map((r) => [r.name, r.localPort]),
        c.name,
      ).toEqual(cliRules);
      expect(detail.firewall.total).toBeGreaterThanOrEqual(detail.firewall.rules.length);
      compared += cliRules.length;
    }
    // The samples publish ports that host rules name: the comparison is not over empty lists.
    if (sample !== 'server2022-hns-nat') expect(compared).toBeGreaterThan(0);
  });

  it('names the same hop as the one that decided each path, in the matrix, the report and an answer', async () => {
    const matrix = await call(service, 'reach:matrix', {});
    const key = (containerId: string, from: string, port: number, protocol: string): string =>
      `${containerId} ${from} ${port}/${protocol}`;
    const fromReport = new Map(
      report.reachability.rows.map((r) => {
        const e = r.explanation;
        return [key(e.container.id, e.from, e.port, e.protocol), r.decisiveHop?.title ?? null] as const;
      }),
    );
    const inbound = matrix.rows.filter((r) => r.direction === 'inbound');
    expect(inbound.length).toBe(fromReport.size);
    for (const row of inbound)
      expect(row.failingHop).toBe(fromReport.get(key(row.containerId, row.from, row.port, row.protocol)));
    // Outbound rows (what each container reaches) against the report's outbound section.
    const outboundReported = new Map(
      report.outbound.rows.map((r) => {
        const e = r.explanation;
        return [key(e.container.id, r.toLabel, e.port, e.protocol), r.decisiveHop?.title ?? null] as const;
      }),
    );
    const outbound = matrix.rows.filter((r) => r.direction === 'outbound');
    expect(outbound.length).toBe(outboundReported.size);
    for (const row of outbound)
      expect(row.failingHop).toBe(
        outboundReported.get(key(row.containerId, row.to?.label ?? '', row.port, row.protocol)),
      );

    // The app's answer selects the same hop (the renderer shows view.decisiveHop first).
    const failing = inbound.find((r) => r.verdict !== 'reachable' && r.sourceKind !== 'container');
    if (!failing) return;
    const source = failing.sourceKind === 'container' ? null : { kind: failing.sourceKind };
    if (source === null) return;
    const view = await call(service, 'reach:explain', {
      container: failing.containerId,
      source,
      port: failing.port,
      protocol: failing.protocol,
    });
    expect(view.decisiveHop).not.toBeNull();
    expect(view.explanation.hops[view.decisiveHop!]!.title).toBe(failing.failingHop);
  });

  it('counts a container as listening where the listening hop passes, and not where it fails', async () => {
    for (const row of report.reachability.rows) {
      const e = row.explanation;
      if (e.from !== 'host') continue;
      const hop = e.hops.find((h) => h.id === 'listening');
      if (!hop || (hop.status !== 'pass' && hop.status !== 'fail')) continue;
      const detail = await call(service, 'container:detail', { ref: e.container.id });
      const listeners = detail.network.listeners;
      if (listeners?.kind !== 'known') throw new Error(`${e.container.name}: listeners not known`);
      const open = listeners.value.filter(
        (l) =>
          l.protocol === e.protocol && l.localPort === e.port && !/^(127\.|::1|\[::1\])/.test(l.localAddress),
      );
      expect(open.length > 0, `${e.container.name} ${e.port}/${e.protocol}`).toBe(hop.status === 'pass');
    }
  });
});
