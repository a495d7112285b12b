// What the host holds of a container (its session's or utility VM's processes, its writable layer), read from
// the footprint of the sample bundles.
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../../src/collect/bundle-reader';
import { correlate } from '../../../src/core/diagnosis/correlate';
import type { Footprint } from '../../../src/core/diagnosis/footprint';
import { diskFacts, sessionFacts } from '../../../src/core/diagnosis/session-disk';
import { buildHostModel } from '../../../src/core/host-model';

async function footprints(sample: string): Promise<ReadonlyMap<string, Footprint>> {
  const model = buildHostModel(await readBundle(`resources/samples/${sample}`));
  const correlation = correlate(model);
  return new Map([...correlation.footprints.values()].map((fp) => [fp.container.name, fp]));
}

describe('sessionFacts and diskFacts', () => {
  it('a Hyper-V container shows the host only its VM worker and memory, and no sandbox disk', async () => {
    const scheduler = (await footprints('server2022-healthy')).get('scheduler')!;
    const session = sessionFacts(scheduler);
    expect(session.kind).toBe('utility-vm');
    expect(session.processes.map((p) => p.name)).toEqual(['vmwp', 'vmmem']);
    expect(diskFacts(scheduler).sandboxSizeBytes).toBeNull();
  });

  it('a process-isolated container runs in one host session, its sandbox disk sized', async () => {
    const web = (await footprints('server2022-healthy')).get('web')!;
    const session = sessionFacts(web);
    if (session.kind !== 'host-session') throw new Error(session.kind);
    expect(session.sessionId).not.toBeNull();
    expect(session.processes.map((p) => p.name)).toContain('w3wp');
    expect(session.processes.every((p) => p.sessionId === session.sessionId)).toBe(true);
    const disk = diskFacts(web);
    expect(disk.sandboxSizeBytes).toBe(
      web.sandboxDisk.kind === 'found' ? web.sandboxDisk.value.disk.size : NaN,
    );
    expect(disk.layerDir).toBe(web.container.graphDriverDir);
    expect(disk.mounts).toBe(web.container.mounts.length);
  });

  it('an exited container has no session found and no processes', async () => {
    const old = (await footprints('server2019-broken-nat')).get('old-api')!;
    expect(sessionFacts(old)).toEqual({ kind: 'host-session', sessionId: null, processes: [] });
    expect(diskFacts(old).sandboxSizeBytes).toBeNull();
  });
});
