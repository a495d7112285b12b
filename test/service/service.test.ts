// The service behind both shells, on the real reader, host model and diagnosis, over the shipped sample hosts.
// Expected values come from the model and the diagnosis computed beside it, never typed in.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readBundle } from '../../src/collect/bundle-reader';
import { correlate, explain, findings, findContainer, reachabilityMatrix } from '../../src/core/diagnosis';
import { buildHostModel } from '../../src/core/host-model';
import type { AppEvent } from '../../src/shared/ipc';
import type { HostModel } from '../../src/shared/model';
import { createHostscopeService } from '../../src/service/compose';
import { samplesDir } from '../../src/service/paths';
import { listSamples } from '../../src/service/samples';
import type { HostscopeService } from '../../src/service/service';
import { subjectText } from '../../src/core/diagnosis/subjects';

const samples = listSamples(samplesDir());
let service: HostscopeService | null = null;

afterEach(() => {
  service?.dispose();
  service = null;
});

function started(): HostscopeService {
  service = createHostscopeService({ kind: 'web' });
  return service;
}

async function modelOf(name: string): Promise<HostModel> {
  return buildHostModel(await readBundle(join(samplesDir(), name)));
}

describe('the service', () => {
  it('finds the sample hosts', () => {
    expect(samples.length).toBeGreaterThanOrEqual(1);
    expect(samples.map((s) => s.name)).toContain('server2016-swarm-portainer');
  });

  it('answers errors as values: unknown channel, bad request, no bundle', async () => {
    const s = started();
    expect(await s.handle('shell:exec', { cmd: 'calc' })).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
    expect(await s.handle('toString', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(await s.handle('container:detail', { ref: 7 })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    for (const channel of [
      'host:overview',
      'containers:list',
      'findings:list',
      'topology:get',
      'sessions:get',
      'reach:matrix',
    ] as const) {
      expect(await s.handle(channel, {})).toMatchObject({ ok: false, error: { code: 'no-bundle' } });
    }
    expect(await s.call('report:export', { format: 'html', redact: true })).toMatchObject({
      ok: false,
      error: { code: 'no-bundle' },
    });
    expect(await s.call('collect:start', { operationId: 'x', target: { kind: 'local' } })).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
  });

  it('says which bundle it cannot read and keeps the one it had', async () => {
    const s = started();
    const opened = await s.call('bundle:openSample', { name: samples[0]!.name });
    expect(opened.ok).toBe(true);
    const missing = join(samplesDir(), 'no-such-host');
    const result = await s.call('bundle:open', { path: missing });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('unreadable-bundle');
      expect(result.error.message).toContain(missing);
    }
    expect(await s.call('bundle:openSample', { name: 'no-such-sample' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    const info = await s.call('app:info', {});
    expect(info.ok && info.value.bundle?.id).toBe(opened.ok && opened.value.id);
  });

  it('reports progress and the end of an open, then the bundle it opened', async () => {
    const s = started();
    const events: AppEvent[] = [];
    s.onEvent((e) => events.push(e));
    const result = await s.call('bundle:openSample', { name: samples[0]!.name, operationId: 'open-1' });
    expect(result.ok).toBe(true);
    const progress = events.filter((e) => e.kind === 'progress');
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(
      progress.every((e) => e.kind === 'progress' && e.operationId === 'open-1' && e.operation === 'open'),
    ).toBe(true);
    expect(progress.map((e) => (e.kind === 'progress' ? e.done : -1))).toEqual(
      [...progress.map((e) => (e.kind === 'progress' ? e.done : -1))].sort(),
    );
    expect(
      events.some((e) => e.kind === 'bundle-opened' && result.ok && e.bundle.id === result.value.id),
    ).toBe(true);
    expect(events.at(-1)).toEqual({
      kind: 'operation-ended',
      operationId: 'open-1',
      operation: 'open',
      outcome: 'ok',
    });
  });

  it('cancels an open in flight and keeps nothing of it', async () => {
    const s = started();
    const events: AppEvent[] = [];
    s.onEvent((e) => {
      events.push(e);
      // Cancel as soon as reading starts: the real reader is still at work.
      if (e.kind === 'progress' && e.done === 0)
        void s.handle('bundle:cancel', { operationId: e.operationId });
    });
    const result = await s.call('bundle:openSample', { name: samples[0]!.name, operationId: 'slow' });
    expect(result).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(events.some((e) => e.kind === 'bundle-opened')).toBe(false);
    expect(events.at(-1)).toMatchObject({
      kind: 'operation-ended',
      operationId: 'slow',
      outcome: 'cancelled',
    });
    expect(await s.call('host:overview', {})).toMatchObject({ ok: false, error: { code: 'no-bundle' } });
    expect(await s.call('bundle:cancel', { operationId: 'slow' })).toEqual({
      ok: true,
      value: { cancelled: false },
    });
  });

  it('shows the bundle asked for last when two opens overlap, whichever finishes first', async () => {
    const s = started();
    const [first, second] = [samples[0]!.name, samples[1]!.name];
    const earlier = s.call('bundle:openSample', { name: first, operationId: 'earlier' });
    const later = s.call('bundle:openSample', { name: second, operationId: 'later' });
    const [a, b] = await Promise.all([earlier, later]);
    expect(b).toMatchObject({ ok: true, value: { sample: second } });
    expect(a).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    const overview = await s.call('host:overview', {});
    expect(overview.ok && overview.value).toMatchObject({ bundle: { sample: second } });
  });

  it('previews the report as Markdown text, redacted when asked, before anything is exported', async () => {
    const s = started();
    expect(await s.call('report:preview', { redact: true })).toMatchObject({
      ok: false,
      error: { code: 'no-bundle' },
    });
    const opened = await s.call('bundle:openSample', { name: samples[0]!.name });
    if (!opened.ok) throw new Error(opened.error.message);
    const name = opened.value.computerName!;
    const redacted = await s.call('report:preview', { redact: true });
    const plain = await s.call('report:preview', { redact: false });
    if (!redacted.ok || !plain.ok) throw new Error('preview failed');
    expect(redacted.value.markdown).toContain('host-1');
    expect(redacted.value.markdown).not.toContain(name);
    expect(plain.value.markdown).toContain(name);
    expect(await s.handle('report:preview', { redact: 'yes' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
  });

  it('refuses a second operation under the same id', async () => {
    const s = started();
    const [a, b] = await Promise.all([
      s.call('bundle:openSample', { name: samples[0]!.name, operationId: 'same' }),
      s.call('bundle:openSample', { name: samples[0]!.name, operationId: 'same' }),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect([a, b].find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  describe.each(samples.map((s) => s.name))('on %s', (name) => {
    it('shows every container, with the findings and isolation the diagnosis gives', async () => {
      const model = await modelOf(name);
      const correlation = correlate(model);
      const expectedFindings = findings(model, correlation);
      const s = started();
      expect((await s.call('bundle:openSample', { name })).ok).toBe(true);

      const overview = await s.call('host:overview', {});
      if (!overview.ok) throw new Error(overview.error.message);
      expect(overview.value.probes.map((p) => p.id)).toEqual(model.probes.map((p) => p.id));
      expect(overview.value.findingsBySeverity.reduce((n, s) => n + s.count, 0)).toBe(
        expectedFindings.length,
      );
      expect(overview.value.capabilities.map((c) => c.id).sort()).toEqual([
        'nat-loopback',
        'routing-mesh',
        'supported-build',
      ]);
      for (const probe of overview.value.probes) {
        // A probe that is ok leaves nothing unknown; what it leaves unknown is a model part that says so.
        if (probe.status === 'ok') expect(probe.leavesUnknown).toEqual([]);
      }

      const list = await s.call('containers:list', {});
      if (!list.ok || list.value.kind !== 'known') throw new Error('containers unknown');
      const containers = model.containers.kind === 'known' ? model.containers.value : [];
      expect(list.value.rows.map((r) => r.id).sort()).toEqual(containers.map((c) => c.id).sort());
      const withFindings = new Set(
        expectedFindings
          .flatMap((f) => f.subjects.map(subjectText))
          .filter((x) => x.startsWith('container:')),
      );
      for (const row of list.value.rows) {
        expect(row.findingCount > 0).toBe(withFindings.has(`container:${row.id}`));
        expect(
          overview.value.containersByIsolation.some((g) => g.isolation === (row.isolation ?? 'unknown')),
        ).toBe(true);
      }
      const byIsolation = overview.value.containersByIsolation.reduce((n, g) => n + g.running + g.stopped, 0);
      expect(byIsolation).toBe(containers.length);

      const found = await s.call('findings:list', {});
      expect(found.ok && found.value.findings.map((f) => f.id)).toEqual(expectedFindings.map((f) => f.id));
    });

    it('opens each container by name and by id prefix, and explains every published port as the engine does', async () => {
      const model = await modelOf(name);
      const correlation = correlate(model);
      const s = started();
      await s.call('bundle:openSample', { name });
      const containers = model.containers.kind === 'known' ? model.containers.value : [];
      for (const container of containers) {
        const byName = await s.call('container:detail', { ref: container.name });
        if (!byName.ok) throw new Error(byName.error.message);
        expect(byName.value.inspect.id).toBe(container.id);
        const prefix = container.id.slice(0, 12);
        if (findContainer(model, prefix).kind === 'found') {
          const byPrefix = await s.call('container:detail', { ref: prefix });
          expect(byPrefix.ok && byPrefix.value.inspect.id).toBe(container.id);
        }
        for (const choice of byName.value.reach.hostPorts) {
          const answer = await s.call('reach:explain', {
            container: container.id,
            source: { kind: 'external' },
            port: choice.port,
            protocol: choice.protocol,
          });
          if (!answer.ok) throw new Error(answer.error.message);
          expect(answer.value.explanation).toEqual(
            explain(
              model,
              { container, source: { kind: 'external' }, port: choice.port, protocol: choice.protocol },
              correlation,
            ),
          );
        }
      }
      expect(await s.call('container:detail', { ref: 'no-such-container' })).toMatchObject({
        ok: false,
        error: { code: 'not-found' },
      });
      expect(
        await s.call('reach:explain', {
          container: containers[0]!.id,
          source: { kind: 'container', ref: 'no-such-peer' },
          port: 80,
          protocol: 'tcp',
        }),
      ).toMatchObject({ ok: false, error: { code: 'not-found' } });
    });

    it('draws every container in the topology and every running process in a session', async () => {
      const model = await modelOf(name);
      const s = started();
      await s.call('bundle:openSample', { name });
      const topology = await s.call('topology:get', {});
      if (!topology.ok) throw new Error(topology.error.message);
      const drawn = new Set([
        ...topology.value.networks.flatMap((n) => n.containers.map((c) => c.id)),
        ...topology.value.detached.map((c) => c.id),
      ]);
      const containers = model.containers.kind === 'known' ? model.containers.value : [];
      expect([...drawn].sort()).toEqual(containers.map((c) => c.id).sort());

      const sessions = await s.call('sessions:get', {});
      if (!sessions.ok) throw new Error(sessions.error.message);
      if (model.processes.kind === 'known' && sessions.value.kind === 'known') {
        const inSessions = model.processes.value.filter((p) => p.sessionId !== null).length;
        expect(sessions.value.sessions.reduce((n, r) => n + r.processCount, 0)).toBe(inSessions);
      }
      const matrix = await s.call('reach:matrix', {});
      if (!matrix.ok) throw new Error(matrix.error.message);
      expect(
        matrix.value.counts.reachable + matrix.value.counts.unreachable + matrix.value.counts.unknown,
      ).toBe(matrix.value.rows.length);
    });

    it('compares a process-isolated and a Hyper-V container by default where both exist', async () => {
      const s = started();
      await s.call('bundle:openSample', { name });
      const view = await s.call('isolation:compare', {});
      if (!view.ok) throw new Error(view.error.message);
      if (view.value.kind !== 'compared') return;
      const modes = new Set(view.value.candidates.map((c) => c.isolation));
      if (modes.has('process') && modes.has('hyperv')) {
        expect(view.value.comparison.a.isolation).toBe('process');
        expect(view.value.comparison.b.isolation).toBe('hyperv');
        expect(view.value.comparison.rows.some((r) => r.differs)).toBe(true);
      }
      expect(view.value.comparison.a.container.id).not.toBe(view.value.comparison.b.container.id);
    });

    it('exports a report of the open bundle as a download, redacted when asked', async () => {
      const model = await modelOf(name);
      const s = started();
      await s.call('bundle:openSample', { name });
      const result = await s.call('report:export', { format: 'md', redact: true });
      if (!result.ok) throw new Error(result.error.message);
      if (result.value.kind !== 'download') throw new Error(`expected a download, got ${result.value.kind}`);
      expect(result.value.fileName).toMatch(/\.md$/);
      const text = Buffer.from(result.value.base64, 'base64').toString('utf8');
      expect(text.length).toBeGreaterThan(100);
      if (model.computerName) expect(text).not.toContain(model.computerName);
    });
  });

  it('the matrix holds outbound rows beside the inbound ones, each the answer reach:outbound gives (issue 10)', async () => {
    const name = 'server2019-broken-nat';
    const model = await modelOf(name);
    const s = started();
    await s.call('bundle:openSample', { name });
    const matrix = await s.call('reach:matrix', {});
    if (!matrix.ok) throw new Error(matrix.error.message);
    const inbound = matrix.value.rows.filter((r) => r.direction === 'inbound');
    const outbound = matrix.value.rows.filter((r) => r.direction === 'outbound');
    // Inbound rows are all still there: one per explanation of the inbound matrix.
    expect(inbound).toHaveLength(reachabilityMatrix(model).length);
    expect(outbound.every((r) => r.to !== undefined)).toBe(true);
    const kinds = new Set(outbound.map((r) => r.to!.target.kind));
    for (const kind of ['internet', 'host', 'container']) expect(kinds).toContain(kind);
    // network mode none: no outbound row for isolated.
    expect(outbound.some((r) => r.containerName === 'isolated')).toBe(false);
    for (const row of outbound) {
      const answer = await s.call('reach:outbound', {
        container: row.containerId,
        target: row.to!.target,
        port: row.port,
        protocol: row.protocol,
      });
      if (!answer.ok) throw new Error(answer.error.message);
      expect([row.verdict, row.causes]).toEqual([
        answer.value.explanation.verdict,
        answer.value.explanation.causes.map((c) => c.id),
      ]);
    }
    const blocked = outbound.find((r) => r.containerName === 'api' && r.to!.target.kind === 'host')!;
    expect(blocked).toMatchObject({ port: 3000, verdict: 'unreachable', to: { label: 'the host' } });
  });

  it('answers a ping question with the correction, never a verdict, and refuses a hostile target', async () => {
    const s = started();
    await s.call('bundle:openSample', { name: 'server2022-hns-trouble' });
    for (const question of [
      { direction: 'outbound', target: { kind: 'internet' } },
      { direction: 'outbound', target: { kind: 'name', name: 'artifacts.fabrikam.com' } },
      { direction: 'inbound', source: { kind: 'external' } },
    ] as const) {
      const answer = await s.call('reach:icmp', { container: 'agent', question });
      if (!answer.ok) throw new Error(answer.error.message);
      expect(answer.value.explanation).toMatchObject({ verdict: 'unknown', protocol: 'icmp', port: 0 });
      expect(answer.value.explanation.causes.map((c) => c.id)).toEqual(['icmp-not-evidence']);
    }
    expect(
      await s.handle('reach:icmp', {
        container: 'agent',
        question: { direction: 'outbound', target: { kind: 'address', address: '1.2.3.4; calc' } },
      }),
    ).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('saves a report through the shell when it can, and says when the user cancelled', async () => {
    const saved: { name: string; size: number }[] = [];
    let answer: string | null = '/reports/out.html';
    service = createHostscopeService({
      kind: 'desktop',
      saveFile: async (name, bytes) => {
        saved.push({ name, size: bytes.length });
        return answer;
      },
    });
    await service.call('bundle:openSample', { name: samples[0]!.name });
    expect(await service.call('report:export', { format: 'html', redact: false })).toEqual({
      ok: true,
      value: { kind: 'saved', path: '/reports/out.html' },
    });
    answer = null;
    expect(await service.call('report:export', { format: 'html', redact: false })).toEqual({
      ok: true,
      value: { kind: 'cancelled' },
    });
    expect(saved).toHaveLength(2);
    expect(saved[0]!.name).toMatch(/^hostscope-report-.*\.html$/);
    expect(saved[0]!.size).toBeGreaterThan(1000);
  });

  it('saves the key of a redacted report beside it, and none for a plain one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostscope-export-'));
    try {
      let target = join(dir, 'redacted.md');
      service = createHostscopeService({
        kind: 'desktop',
        saveFile: async (_name, bytes) => {
          writeFileSync(target, bytes);
          return target;
        },
      });
      await service.call('bundle:openSample', { name: samples[0]!.name });
      expect((await service.call('report:export', { format: 'md', redact: true })).ok).toBe(true);
      const key = JSON.parse(readFileSync(join(dir, 'redacted.key.json'), 'utf8')) as {
        entries: { pseudonym: string }[];
      };
      expect(key.entries.map((e) => e.pseudonym)).toContain('host-1');
      expect(readFileSync(target, 'utf8')).not.toContain('hostscope-redaction-key');
      target = join(dir, 'plain.md');
      expect((await service.call('report:export', { format: 'md', redact: false })).ok).toBe(true);
      expect(() => readFileSync(join(dir, 'plain.key.json'))).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
