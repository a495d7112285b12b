// Adding an import to a bundle of the same host (issue 12, item 2): the bundle's collected probes win, the import
// fills what the bundle lacks (failed probes, missing per-container files), and another host is refused.
import { describe, expect, it } from 'vitest';
import { MergeRefused, nextOriginalsDir, planMerge, sameHost } from '../../../src/core/import/merge';
import { planImport } from '../../../src/core/import/plan';
import type { RawBundle } from '../../../src/shared/bundle';
import { fixture, planBundle, planText } from './support';

const NETSTAT = [
  'C:\\> netstat -ano',
  '',
  'Active Connections',
  '',
  '  Proto  Local Address          Foreign Address        State           PID',
  '  TCP    0.0.0.0:8081           0.0.0.0:0              LISTENING       4',
  '',
].join('\n');

const text = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);

function withManifest(
  bundle: RawBundle,
  edit: (m: { probes: { id: string; status: string }[] }) => void,
): RawBundle {
  const files = new Map(bundle.files);
  const manifest = JSON.parse(text(files.get('manifest.json'))) as {
    probes: { id: string; status: string }[];
  };
  edit(manifest);
  files.set('manifest.json', new TextEncoder().encode(JSON.stringify(manifest)));
  return { source: '/home/admin/bundles/srv01', files };
}

describe('the same host', () => {
  it('matches on the first DNS label in any case, asks where the import names none, refuses another', () => {
    expect(sameHost('SRV01', 'srv01.contoso.com')).toEqual({ kind: 'same', computerName: 'SRV01' });
    expect(sameHost('SRV01', null)).toEqual({ kind: 'unnamed', computerName: 'SRV01' });
    expect(sameHost('SRV01', 'SRV02')).toMatchObject({
      kind: 'different',
      bundle: 'SRV01',
      imported: 'SRV02',
    });
    expect(sameHost(null, 'SRV02')).toMatchObject({ kind: 'different' });
  });
});

describe('planMerge', () => {
  const bundle = planBundle(
    planText(fixture('natmapping-markdown-fenced-bold.txt'), { computerName: 'SRV01' }),
  );

  it('keeps what the bundle collected, fills what it lacks, and puts the text beside the earlier one', () => {
    const dir = nextOriginalsDir(bundle);
    expect(dir).toBe('imported/add-1');
    const plan = planImport(
      [{ name: 'ticket.txt', text: `${NETSTAT}\n${fixture('natmapping-markdown-fenced-bold.txt')}` }],
      {
        computerName: 'srv01',
        originalsDir: dir,
      },
    );
    const merge = planMerge(bundle, plan, { confirmedSameHost: false });
    expect(merge.added).toEqual(['host/netstat.txt']);
    expect(merge.notUsed).toEqual([
      {
        file: 'host/netnat-static.json',
        reason: "the bundle's own host.natmappings (collected by the probe) is kept",
      },
    ]);
    const paths = merge.extraFiles.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'imported/index.json',
        'imported/b1.txt',
        'imported/add-1/index.json',
        'imported/add-1/merge.json',
      ]),
    );
    const note = JSON.parse(
      text(merge.extraFiles.find((f) => f.path === 'imported/add-1/merge.json')!.bytes),
    ) as { into: string };
    // The bundle's name only: where it lived on the admin's disk does not travel with it.
    expect(note.into).toBe('import');
    expect(merge.probes.find((p) => p.id === 'host.natmappings')!.files[0]!.bytes).toEqual(
      bundle.files.get('host/netnat-static.json'),
    );
    expect(merge.computerName).toBe('SRV01');
  });

  it('keeps a probe file the manifest does not list: readers find it by its path', () => {
    const files = new Map(bundle.files);
    files.set('host/udp.json', new TextEncoder().encode('[]'));
    const unlisted = { ...bundle, files };
    const plan = planImport([{ name: 't', text: NETSTAT }], {
      computerName: 'SRV01',
      originalsDir: nextOriginalsDir(unlisted),
    });
    const merge = planMerge(unlisted, plan, { confirmedSameHost: false });
    expect(merge.extraFiles.find((f) => f.path === 'host/udp.json')?.bytes).toEqual(
      files.get('host/udp.json'),
    );
  });

  it('replaces a probe whose run failed on the host', () => {
    const failed = withManifest(bundle, (m) => {
      for (const p of m.probes) if (p.id === 'host.natmappings') p.status = 'failed';
    });
    const plan = planImport([{ name: 't', text: fixture('natmapping-markdown-fenced-bold.txt') }], {
      computerName: 'SRV01',
      originalsDir: nextOriginalsDir(failed),
    });
    const merge = planMerge(failed, plan, { confirmedSameHost: false });
    // The failed run's file is still in the bundle: a file is never overwritten, so it is not taken.
    expect(merge.notUsed).toEqual([
      { file: 'host/netnat-static.json', reason: 'the bundle already has this file' },
    ]);
    const dropped = new Map(failed.files);
    dropped.delete('host/netnat-static.json');
    const merged = planMerge({ ...failed, files: dropped }, plan, { confirmedSameHost: false });
    expect(merged.added).toEqual(['host/netnat-static.json']);
    expect(merged.probes.find((p) => p.id === 'host.natmappings')).toMatchObject({ status: 'ok' });
  });

  it('adds a per-container file the bundle lacks to its own per-container probe', () => {
    const paste = fixture('server2019-broken-nat-paste.txt');
    const withoutShop = paste.replace(
      /PS C:\\Users\\admin> docker exec shop netstat -ano[\s\S]*?(?=PS C:\\Users\\admin> docker exec legacy)/,
      '',
    );
    expect(withoutShop.length).toBeLessThan(paste.length);
    const partial = planBundle(planText(withoutShop));
    const plan = planImport([{ name: 'ticket', text: paste }], { originalsDir: nextOriginalsDir(partial) });
    const merge = planMerge(partial, plan, { confirmedSameHost: false });
    expect(merge.added).toHaveLength(1);
    expect(merge.added[0]).toMatch(/^containers\/[0-9a-f]{64}\/netstat\.txt$/);
    const listeners = merge.probes.find((p) => p.id === 'container.listeners')!;
    expect(listeners.files.map((f) => f.path)).toContain(merge.added[0]);
    expect(listeners.files.length).toBe(
      plan.probes.find((p) => p.id === 'container.listeners')!.files.length,
    );
  });

  it('refuses another host, and an unnamed import until confirmed', () => {
    const other = planImport([{ name: 't', text: NETSTAT }], { computerName: 'SRV02' });
    expect(() => planMerge(bundle, other, { confirmedSameHost: true })).toThrow(MergeRefused);
    expect(() => planMerge(bundle, other, { confirmedSameHost: true })).toThrow(
      /from SRV02, the bundle from SRV01/,
    );
    const unnamed = planImport([{ name: 't', text: NETSTAT }]);
    expect(() => planMerge(bundle, unnamed, { confirmedSameHost: false })).toThrow(/names its computer/);
    expect(planMerge(bundle, unnamed, { confirmedSameHost: true }).added).toEqual(['host/netstat.txt']);
  });
});
