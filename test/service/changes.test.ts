// The changes:compare channel (issue 13) behind both shells: two bundle paths validated like bundle:open's, each
// unreadable side named, two hosts refused as a typed answer, the open bundle's diagnosis reused.

import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readBundle } from '../../src/collect/bundle-reader';
import { diffHosts } from '../../src/core/diff';
import { buildHostModel } from '../../src/core/host-model';
import type { RawBundle } from '../../src/shared/bundle';
import { createService, type HostscopeService } from '../../src/service/service';
import { editJson, samplesRoot, sampleFiles } from '../support/derived-bundle';

let service: HostscopeService | null = null;
afterEach(() => {
  service?.dispose();
  service = null;
});

const HEALTHY = join(samplesRoot, 'server2022-healthy');
const LATER = 'later-collection';

/** A later collection of the healthy sample: an update raised the UBR. */
function laterFiles(): Map<string, Uint8Array> {
  const later = sampleFiles('server2022-healthy');
  editJson<Record<string, unknown>>(later, 'host/os.json', (os) => {
    os.UBR = Number(os.UBR) + 1;
  });
  return later;
}

/** The real reader, and the later collection under its own name. */
function started(reads: string[] = []): HostscopeService {
  const later = laterFiles();
  service = createService({
    shell: { kind: 'web' },
    samplesDir: samplesRoot,
    read: async (path: string): Promise<RawBundle> => {
      reads.push(path);
      return path === LATER ? { source: LATER, files: later } : readBundle(path);
    },
  });
  return service;
}

describe('changes:compare', () => {
  it('answers the same diff as the core on the two bundles', async () => {
    const s = started();
    const answer = await s.call('changes:compare', { older: HEALTHY, newer: LATER });
    expect(answer.ok).toBe(true);
    if (!answer.ok || answer.value.kind !== 'diff') throw new Error('expected a diff');
    const expected = diffHosts(
      buildHostModel(await readBundle(HEALTHY)),
      buildHostModel({ source: LATER, files: laterFiles() }),
    );
    expect(answer.value).toEqual(expected);
    expect(answer.value.diff.changes.map((c) => c.kind)).toEqual(['host-updated']);
  });

  it('validates both paths like bundle:open, and names the side it cannot read', async () => {
    const s = started();
    expect(await s.handle('changes:compare', { older: HEALTHY })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    const control = await s.handle('changes:compare', { older: HEALTHY, newer: 'a\u0000b' });
    expect(control).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    if (!control.ok) expect(control.error.message).toContain('newer');
    expect(await s.handle('changes:compare', { older: HEALTHY, newer: LATER, extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    const missing = await s.call('changes:compare', { older: '/nonexistent/bundle', newer: LATER });
    expect(missing).toMatchObject({ ok: false, error: { code: 'unreadable-bundle' } });
    if (!missing.ok)
      expect(missing.error.message).toMatch(/^The older bundle cannot be read: .*\/nonexistent\/bundle/);
  });

  it('answers two different hosts as a typed refusal, not an error', async () => {
    const s = started();
    const answer = await s.call('changes:compare', {
      older: HEALTHY,
      newer: join(samplesRoot, 'server2019-broken-nat'),
    });
    expect(answer).toMatchObject({ ok: true, value: { kind: 'different-hosts' } });
  });

  it('reuses the open bundle rather than reading it again', async () => {
    const reads: string[] = [];
    const s = started(reads);
    expect((await s.call('bundle:open', { path: LATER })).ok).toBe(true);
    reads.length = 0;
    const answer = await s.call('changes:compare', { older: HEALTHY, newer: LATER });
    expect(answer.ok).toBe(true);
    expect(reads).toEqual([HEALTHY]);
  });
});
