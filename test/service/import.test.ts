// The Paste-or-drop dialog's channels (issue 12) on the real planner, writer, reader and model: a preview before
// anything is written, an import opened as a bundle of its own, and one added to the open bundle of the same host.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBundle } from '../../src/collect/bundle-reader';
import { buildHostModel } from '../../src/core/host-model';
import { decodeText } from '../../src/core/bundle/decode';
import { createService, type HostscopeService } from '../../src/service/service';
import { samplesDir } from '../../src/service/paths';
import { IMPORT_REQUEST_LIMITS, type AppEvent } from '../../src/shared/ipc';
import type { BundleRef, ImportPreview } from '../../src/shared/views';

const fixture = (name: string): string =>
  readFileSync(join(import.meta.dirname, '../fixtures/import', name), 'utf8');

const NETSTAT = [
  'PS C:\\Users\\admin> netstat -ano',
  '',
  'Active Connections',
  '',
  '  Proto  Local Address          Foreign Address        State           PID',
  '  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       900',
  '  TCP    0.0.0.0:8081           0.0.0.0:0              LISTENING       4',
  '',
].join('\n');

let importsDir: string;
let service: HostscopeService;
let events: AppEvent[];

beforeEach(() => {
  importsDir = mkdtempSync(join(tmpdir(), 'hostscope-import-test-'));
  service = createService({ shell: { kind: 'web' }, samplesDir: samplesDir(), importsDir });
  events = [];
  service.onEvent((e) => events.push(e));
});

afterEach(() => {
  service.dispose();
  rmSync(importsDir, { recursive: true, force: true });
});

async function preview(request: unknown): Promise<ImportPreview> {
  const answer = await service.handle('import:preview', request);
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value as ImportPreview;
}

describe('import:preview', () => {
  it('shows each block, its command, rows and warnings, and what stays unknown, writing nothing', async () => {
    const text = `${fixture('natmapping-markdown-fenced-bold.txt')}\n${fixture('natsession-zh-cn-dates.txt')}`;
    const p = await preview({ inputs: [{ name: 'pasted text', text }] });
    expect(p.blocks.map((b) => [b.command, b.status])).toEqual([
      ['Get-NetNatStaticMapping', 'converted'],
      [expect.stringMatching(/^Get-NetNatSession/), 'converted'],
    ]);
    expect(p.blocks[0]!.rows).toBe(1);
    expect(p.blocks[0]!.warnings).toContain('repaired: **bold** markers removed');
    expect(p.blocks[1]!.warnings.join('\n')).toMatch(/zh-CN/);
    expect(p.probes.map((x) => x.id)).toEqual(['host.natmappings', 'host.natsessions']);
    expect(p.unknown).toContain('Containers (inspect)');
    expect(p.unknown).not.toContain('WinNAT static mappings');
    expect(p.merge).toBeNull();
    expect(readdirSync(importsDir)).toEqual([]);
  });

  it('refuses 10 MB of text with a message naming the limit, and validates every field', async () => {
    const huge = await service.handle('import:preview', {
      inputs: [{ name: 'pasted text', text: 'x'.repeat(10 * 1024 * 1024) }],
    });
    expect(huge).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(!huge.ok && huge.error.message).toMatch(/inputs\.0\.text|8 MiB/);
    for (const bad of [
      { inputs: [] },
      { inputs: [{ name: 'a\u0000b', text: 'x' }] },
      { inputs: [{ name: 'a', text: 'x', path: '/etc/passwd' }] },
      { inputs: [{ name: 'a', text: 'x' }], computerName: 'a b' },
    ])
      expect(await service.handle('import:preview', bad)).toMatchObject({
        ok: false,
        error: { code: 'bad-request' },
      });
    // Many inputs that together pass the per-input cap are refused by the total.
    const parts = Array.from({ length: 3 }, () => ({ name: 'part', text: 'y'.repeat(3 * 1024 * 1024) }));
    const total = await service.handle('import:preview', { inputs: parts });
    expect(!total.ok && total.error.message).toMatch(
      new RegExp(`over ${IMPORT_REQUEST_LIMITS.maxTextBytes / 1024 / 1024} MiB in total`),
    );
  });

  it('keeps HTML and control characters inert and says why', async () => {
    const html = await preview({ inputs: [{ name: 'page.html', text: fixture('hostile-html-page.txt') }] });
    expect(html.blocks).toHaveLength(1);
    expect(html.blocks[0]).toMatchObject({ status: 'kept', files: [] });
    expect(html.blocks[0]!.reason).toMatch(/HTML page/);
    const controls = await preview({
      inputs: [{ name: 'controls.txt', text: 'PS C:\\> docker ps\u001b[2J\u0007\nnothing\n' }],
    });
    const controlCodes = (value: string): number[] =>
      [...value].map((ch) => ch.charCodeAt(0)).filter((code) => code < 0x20 && code !== 10 && code !== 9);
    for (const b of controls.blocks)
      for (const field of [b.command ?? '', b.title, b.reason ?? '', ...b.warnings])
        expect(controlCodes(field), field).toEqual([]);
    expect(controls.blocks[0]!.command).toMatch(/^docker ps/);
  });
});

describe('import:open', () => {
  it('writes the paste as a bundle in the imports folder and opens it', async () => {
    const text = fixture('server2019-broken-nat-paste.txt');
    const opened = await service.handle('import:open', {
      inputs: [{ name: 'pasted text', text }],
      target: 'new',
    });
    expect(opened).toMatchObject({ ok: true, value: { computerName: 'SRV2019-APP02' } });
    const ref = (opened as { value: BundleRef }).value;
    expect(ref.source.startsWith(importsDir)).toBe(true);
    expect(events).toContainEqual({ kind: 'bundle-opened', bundle: ref });
    const raw = await readBundle(ref.source);
    expect(raw.files.has('imported/index.json')).toBe(true);
    const manifest = JSON.parse(decodeText(raw.files.get('manifest.json')!).text) as {
      collector: { name: string };
    };
    expect(manifest.collector.name).toBe('import');
    const overview = await service.handle('host:overview', {});
    expect(overview.ok).toBe(true);
  });

  it('adds an import to the open bundle of the same host: fills what it lacks, keeps what it collected', async () => {
    expect((await service.handle('bundle:openSample', { name: 'server2019-broken-nat' })).ok).toBe(true);
    const sample = await readBundle(join(samplesDir(), 'server2019-broken-nat'));
    const inputs = [
      { name: 'ticket.txt', text: `${NETSTAT}\n${fixture('natmapping-markdown-fenced-bold.txt')}` },
    ];
    const p = await preview({ inputs, computerName: 'srv2019-app02.contoso.com' });
    expect(p.merge).toEqual({ kind: 'same-host', computerName: 'SRV2019-APP02' });

    const merged = await service.handle('import:open', {
      inputs,
      computerName: 'srv2019-app02.contoso.com',
      target: 'open-bundle',
    });
    expect(merged).toMatchObject({ ok: true, value: { computerName: 'SRV2019-APP02' } });
    const raw = await readBundle((merged as { value: BundleRef }).value.source);
    // The sample's netstat probe was skipped: the paste fills it. Its NAT mappings were collected: kept as they were.
    expect(decodeText(raw.files.get('host/netstat.txt')!).text).toContain('0.0.0.0:8081');
    expect(raw.files.has('host/netnat-static.json')).toBe(true);
    for (const [path, bytes] of sample.files)
      if (path !== 'manifest.json')
        expect(Buffer.from(raw.files.get(path)!).equals(Buffer.from(bytes)), path).toBe(true);
    const mergeNote = JSON.parse(decodeText(raw.files.get('imported/add-1/merge.json')!).text) as {
      added: string[];
      notUsed: { file: string; reason: string }[];
    };
    expect(mergeNote.added).toEqual(['host/netstat.txt']);
    expect(mergeNote.notUsed).toEqual([
      expect.objectContaining({ reason: expect.stringMatching(/host\.natmappings .*is kept/) }),
    ]);
    expect(raw.files.has('imported/add-1/index.json')).toBe(true);
    const model = buildHostModel(raw);
    expect(model.computerName).toBe('SRV2019-APP02');
    expect(model.probes.find((x) => x.id === 'host.netstat')?.status).toBe('ok');
    expect(model.bundle.collector?.name).toBe('collect.ps1');
  });

  it('refuses another host with a message naming both, and an unnamed import until confirmed', async () => {
    expect((await service.handle('bundle:openSample', { name: 'server2019-broken-nat' })).ok).toBe(true);
    const inputs = [{ name: 'ticket.txt', text: NETSTAT }];
    const other = await service.handle('import:open', {
      inputs,
      computerName: 'OTHER01',
      target: 'open-bundle',
    });
    expect(other).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(!other.ok && other.error.message).toMatch(/OTHER01.*SRV2019-APP02.*same host/);
    const p = await preview({ inputs, computerName: 'OTHER01' });
    expect(p.merge).toMatchObject({ kind: 'different-host' });

    expect((await preview({ inputs })).merge).toEqual({ kind: 'unnamed', computerName: 'SRV2019-APP02' });
    const unconfirmed = await service.handle('import:open', { inputs, target: 'open-bundle' });
    expect(!unconfirmed.ok && unconfirmed.error.message).toMatch(/names its computer.*SRV2019-APP02/);
    const confirmed = await service.handle('import:open', {
      inputs,
      target: 'open-bundle',
      confirmSameHost: true,
    });
    expect(confirmed).toMatchObject({ ok: true, value: { computerName: 'SRV2019-APP02' } });
  });
});
