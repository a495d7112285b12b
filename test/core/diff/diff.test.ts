// `diff` on before/after pairs derived from the sample hosts (issue 13): each pair is the sample and a copy in
// which one thing happened, edited as the host would have written it. Expected verdicts and findings come from
// the diagnosis of each side, never typed in.

import { describe, expect, it } from 'vitest';
import { diagnose, diffHosts } from '../../../src/core/diff';
import { buildHostModel } from '../../../src/core/host-model';
import type { Change, HostDiff } from '../../../src/shared/diff';
import type { HostModel } from '../../../src/shared/model';
import { asRaw, editContainer, editJson, recreateContainer, sampleFiles } from '../../support/derived-bundle';

const SAMPLE = 'server2022-healthy';

function model(files: ReadonlyMap<string, Uint8Array>, source: string): HostModel {
  return buildHostModel(asRaw(files, source));
}

function diffOf(older: ReadonlyMap<string, Uint8Array>, newer: ReadonlyMap<string, Uint8Array>): HostDiff {
  const result = diffHosts(model(older, 'before'), model(newer, 'after'));
  if (result.kind !== 'diff') throw new Error(`not compared: ${result.message}`);
  return result.diff;
}

function only(diff: HostDiff, predicate: (c: Change) => boolean): Change {
  const found = diff.changes.filter(predicate);
  expect(
    found,
    JSON.stringify(diff.changes.map((c) => `${c.kind} ${c.subject} ${c.field ?? ''}`)),
  ).toHaveLength(1);
  return found[0]!;
}

/** Every change carries both sides' evidence, each naming a file the side's bundle holds. */
function expectEvidence(
  change: Change,
  older: ReadonlyMap<string, Uint8Array>,
  newer: ReadonlyMap<string, Uint8Array>,
): void {
  const olderFacts = change.evidence.filter((e) => e.detail.startsWith('older bundle:'));
  const newerFacts = change.evidence.filter((e) => e.detail.startsWith('newer bundle:'));
  expect(olderFacts.length).toBeGreaterThan(0);
  expect(newerFacts.length).toBeGreaterThan(0);
  for (const e of olderFacts) expect(older.has(e.file), e.file).toBe(true);
  for (const e of newerFacts) expect(newer.has(e.file), e.file).toBe(true);
}

describe('diff of two collections of one host', () => {
  it('finds nothing between a bundle and itself', () => {
    const files = sampleFiles(SAMPLE);
    const diff = diffOf(files, files);
    expect(diff.changes).toEqual([]);
    expect(diff.verdictChanges).toEqual([]);
    expect(diff.findingsAdded).toEqual([]);
    expect(diff.findingsResolved).toEqual([]);
  });

  it('a restarted container with a new IP and the stale NAT mapping left behind', () => {
    const before = sampleFiles(SAMPLE);
    const after = new Map(before);
    let oldIp = '';
    editContainer(after, 'api', (c) => {
      const state = c.State as Record<string, unknown>;
      state.StartedAt = '2026-11-27T08:00:00.0000000Z';
      const nat = (c.NetworkSettings as { Networks: Record<string, Record<string, unknown>> }).Networks.nat!;
      oldIp = String(nat.IPAddress);
      nat.IPAddress = '172.26.32.9';
    });
    const diff = diffOf(before, after);

    const restarted = only(diff, (c) => c.kind === 'container-restarted');
    expect(restarted).toMatchObject({ subject: 'container:api', after: '2026-11-27T08:00:00.0000000Z' });
    expectEvidence(restarted, before, after);
    const ip = only(diff, (c) => c.kind === 'container-changed' && c.field === 'ip nat');
    expect(ip).toMatchObject({ subject: 'container:api', before: oldIp, after: '172.26.32.9' });
    expectEvidence(ip, before, after);
    // The mapping itself did not change: it still points at the old address, which is what makes it stale.
    expect(diff.changes.filter((c) => c.area === 'nat-mapping')).toEqual([]);

    const newerFindings = diagnose(model(after, 'after')).findings;
    const stale = newerFindings.find((f) => f.id === 'nat-mapping-stale');
    expect(stale, 'the diagnosis of the restarted host finds the stale mapping').toBeDefined();
    expect(diff.findingsAdded.map((f) => f.id)).toContain('nat-mapping-stale');
    expect(diff.findingsAdded.find((f) => f.id === 'nat-mapping-stale')!.evidence.length).toBeGreaterThan(0);

    // The external path to api 8080 changed verdict, and the deciding hop is the NAT mapping.
    const external = diff.verdictChanges.find(
      (v) => v.container.name === 'api' && v.from === 'external' && v.port === 8080,
    );
    expect(external?.before?.verdict).toBe('reachable');
    expect(external?.after?.verdict).not.toBe('reachable');
    expect(external?.after?.decisiveHop?.evidence.length).toBeGreaterThan(0);
  });

  it('a Windows update that changed the UBR, with the hotfix it installed', () => {
    const before = sampleFiles(SAMPLE);
    const after = new Map(before);
    let ubr = 0;
    editJson<Record<string, unknown>>(after, 'host/os.json', (os) => {
      ubr = Number(os.UBR);
      os.UBR = ubr + 149;
    });
    editJson<Record<string, unknown>[]>(after, 'host/hotfixes.json', (list) => [
      { HotFixID: 'KB5044281', InstalledOn: '2026-11-26T00:00:00.0000000+01:00' },
      ...list,
    ]);
    const diff = diffOf(before, after);
    const updated = only(diff, (c) => c.kind === 'host-updated');
    expect(updated).toMatchObject({ before: `20348.${ubr}`, after: `20348.${ubr + 149}` });
    expectEvidence(updated, before, after);
    expect(updated.evidence.every((e) => e.file === 'host/os.json')).toBe(true);
    const hotfix = only(diff, (c) => c.kind === 'hotfix-added');
    expect(hotfix).toMatchObject({ subject: 'hotfix:KB5044281', before: null });
    expect(hotfix.evidence.map((e) => e.file)).toEqual(['host/hotfixes.json', 'host/hotfixes.json']);
    expect(diff.verdictChanges).toEqual([]);
  });

  it('a firewall rule removed: the change, and the paths it decided', () => {
    const before = sampleFiles(SAMPLE);
    const after = new Map(before);
    const removed =
      'HNS Container Networking - Port 8080 (TCP-In) - 62D7AF22-013C-4897-BAAA-247EB0048B3B - 0';
    editJson<Record<string, unknown>[]>(after, 'host/firewall-rules.json', (rules) =>
      rules.filter((r) => r.Name !== removed),
    );
    const diff = diffOf(before, after);
    const change = only(diff, (c) => c.kind === 'firewall-rule-removed');
    expect(change.subject).toBe(`firewall-rule:${removed}`);
    expect(change.before).toContain('inbound allow tcp 8080');
    expect(change.after).toBeNull();
    expectEvidence(change, before, after);
    // Only paths from another machine cross the host firewall (knowledge notes section 4).
    const paths = diff.verdictChanges.filter((v) => v.container.name === 'api');
    expect(paths.map((v) => `${v.from} ${v.port}`)).toEqual(['external 8080']);
    expect(paths[0]!.before?.verdict).toBe('reachable');
    expect(paths[0]!.after?.verdict).toBe('unreachable');
    expect(paths[0]!.after?.decisiveHop?.evidence.some((e) => e.file === 'host/firewall-rules.json')).toBe(
      true,
    );
  });

  it('a container re-created under its name is "re-created", with what changed about it', () => {
    const before = sampleFiles(SAMPLE);
    const after = new Map(before);
    const newId = 'f'.repeat(64);
    const oldId = recreateContainer(after, 'web', newId);
    editContainer(after, 'web', (c) => {
      (c.Config as Record<string, unknown>).Image = 'mcr.microsoft.com/windows/servercore/iis:ltsc2022-2';
    });
    const diff = diffOf(before, after);
    const recreated = only(diff, (c) => c.kind === 'container-recreated');
    expect(recreated).toMatchObject({ subject: 'container:web', before: oldId, after: newId });
    expect(only(diff, (c) => c.subject === 'container:web' && c.field === 'image').after).toBe(
      'mcr.microsoft.com/windows/servercore/iis:ltsc2022-2',
    );
    expect(diff.changes.some((c) => c.kind === 'container-created' || c.kind === 'container-removed')).toBe(
      false,
    );
    // Its paths are matched through the new id: a re-created container is not a new one with new verdicts.
    expect(diff.verdictChanges.filter((v) => v.container.name === 'web')).toEqual([]);
  });

  it('a swarm task replaced in its slot (new id, new name) is re-created, not removed and created', () => {
    const before = sampleFiles('server2016-swarm-portainer');
    const after = new Map(before);
    const oldName = 'web.1.25fcxs7bw5op8thzdqf8f517f';
    recreateContainer(after, oldName, 'e'.repeat(64));
    editContainer(after, oldName, (c) => {
      c.Name = '/web.1.k3q9z7w2m5n8p1r4t6v0x2y4a';
    });
    const diff = diffOf(before, after);
    expect(only(diff, (c) => c.kind === 'container-recreated')).toMatchObject({
      field: 'swarm task',
      before: oldName,
      after: 'web.1.k3q9z7w2m5n8p1r4t6v0x2y4a',
    });
    expect(diff.changes.some((c) => c.kind === 'container-created' || c.kind === 'container-removed')).toBe(
      false,
    );
  });

  it('containers created and removed are told apart from re-created ones', () => {
    const before = sampleFiles(SAMPLE);
    const after = new Map(before);
    editJson<Record<string, unknown>[]>(after, 'docker/containers.json', (list) =>
      list.filter((c) => c.Name !== '/scheduler'),
    );
    const diff = diffOf(before, after);
    expect(only(diff, (c) => c.kind === 'container-removed').subject).toBe('container:scheduler');
    const reverse = diffOf(after, before);
    expect(only(reverse, (c) => c.kind === 'container-created').subject).toBe('container:scheduler');
    // The removed container's paths exist in one bundle only.
    expect(
      diff.verdictChanges.filter((v) => v.container.name === 'scheduler').every((v) => v.after === null),
    ).toBe(true);
  });

  it('a part missing from one bundle is not compared, never read as everything removed', () => {
    const before = sampleFiles(SAMPLE);
    const after = new Map(before);
    after.delete('host/firewall-rules.json');
    const diff = diffOf(before, after);
    expect(diff.changes.filter((c) => c.area === 'firewall-rule')).toEqual([]);
    expect(diff.notCompared.find((n) => n.area === 'firewall-rule')?.reason).toMatch(
      /^newer bundle: host\/firewall-rules\.json/,
    );
    expect(diff.notes.join(' ')).toContain('host/firewall-rules.json');
  });

  it('a finding gone from a newer bundle that lacks a file is undetermined, not resolved', () => {
    // On the 2019 sample, unreachable paths become unknown without the firewall rules: not a fix.
    const before = sampleFiles('server2019-broken-nat');
    const after = new Map(before);
    after.delete('host/firewall-rules.json');
    const diff = diffOf(before, after);
    expect(diff.findingsResolved).toEqual([]);
    expect(diff.findingsUndetermined.map((f) => f.id)).toContain('published-port-unreachable');
  });

  it('refuses bundles of two different hosts with a message naming both', () => {
    const a = sampleFiles(SAMPLE);
    const b = sampleFiles('server2022-hns-nat');
    const result = diffHosts(model(a, 'a'), model(b, 'b'));
    expect(result.kind).toBe('different-hosts');
    if (result.kind !== 'different-hosts') return;
    expect(result.message).toContain('SRV2022-CTR03');
    expect(result.message).toContain('SRV2022-WEB07');
  });

  it('takes one computer name for another only ignoring case (Windows names are case-insensitive)', () => {
    const before = sampleFiles(SAMPLE);
    const after = new Map(before);
    editJson<Record<string, unknown>>(after, 'host/os.json', (os) => {
      os.ComputerName = String(os.ComputerName).toLowerCase();
    });
    expect(diffHosts(model(before, 'a'), model(after, 'b')).kind).toBe('diff');
  });

  it('shows a host restart from LastBootUpTime', () => {
    const before = sampleFiles(SAMPLE);
    editJson<Record<string, unknown>>(before, 'host/os.json', (os) => {
      os.LastBootUpTime = '2026-11-19T01:02:03.0000000Z';
    });
    const after = new Map(before);
    editJson<Record<string, unknown>>(after, 'host/os.json', (os) => {
      os.LastBootUpTime = '2026-11-26T03:04:05.0000000Z';
    });
    const diff = diffOf(before, after);
    expect(only(diff, (c) => c.kind === 'host-restarted')).toMatchObject({
      before: '2026-11-19T01:02:03.0000000Z',
      after: '2026-11-26T03:04:05.0000000Z',
    });
    expect(diff.newer.lastBootUpTime).toBe('2026-11-26T03:04:05.0000000Z');
  });
});
