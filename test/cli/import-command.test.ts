// hostscope import through the real CLI, reader, writer and model: the bundle it writes opens in summary, explain
// and findings, keeps the originals under imported/, and names the collector `import` (issue 12).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../src/collect/bundle-reader';
import { runCli } from '../../src/cli/program';
import type { Explanation, Finding } from '../../src/shared/diagnosis';
import { cli } from '../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'hostscope-import-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PASTE = 'test/fixtures/import/server2019-broken-nat-paste.txt';
const SAMPLE = 'resources/samples/server2019-broken-nat';

describe('hostscope import', () => {
  it("writes a zip bundle that summary, explain and findings read; verdicts are the sample's or unknown", async () => {
    const out = join(dir, 'ticket.zip');
    const run = await cli('import', PASTE, '--out', out);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/wrote .*ticket\.zip: \d+ files/);
    expect(run.out).toContain('Computer: SRV2019-APP02 (from docker info)');

    const raw = await readBundle(out);
    const manifest = JSON.parse(new TextDecoder().decode(raw.files.get('manifest.json'))) as {
      collector: { name: string };
      probes: { id: string; status: string; partial?: string[] }[];
    };
    expect(manifest.collector.name).toBe('import');
    expect(manifest.probes.find((p) => p.id === 'host.firewall.rules')).toMatchObject({ status: 'skipped' });
    expect(manifest.probes.find((p) => p.id === 'host.processes')!.partial![0]).toMatch(/Path, StartTime/);
    const index = JSON.parse(new TextDecoder().decode(raw.files.get('imported/index.json'))) as {
      files: Record<string, string[]>;
    };
    expect(index.files['host/netnat-static.json']).toEqual(['b6']);
    expect(new TextDecoder().decode(raw.files.get('imported/b6.txt'))).toMatch(
      /^PS C:\\Users\\admin> Get-NetNatStaticMapping/,
    );

    const summary = await cli('summary', out);
    expect(summary.code).toBe(0);
    expect(summary.out).toContain('SRV2019-APP02');

    for (const [container, from, port] of [
      ['api', 'external', '8080'],
      ['worker', 'host', '8090'],
      ['reports', 'external', '8082'],
    ] as const) {
      const imported = JSON.parse(
        (await cli('explain', out, '--container', container, '--from', from, '--port', port, '--json')).out,
      ) as Explanation;
      const sample = JSON.parse(
        (await cli('explain', SAMPLE, '--container', container, '--from', from, '--port', port, '--json'))
          .out,
      ) as Explanation;
      expect([sample.verdict, 'unknown']).toContain(imported.verdict);
      for (const hop of imported.hops)
        if (hop.status === 'fail') expect(sample.hops.find((h) => h.id === hop.id)!.status).toBe('fail');
    }

    const findings = JSON.parse((await cli('findings', out, '--json')).out) as
      { findings: Finding[] } | Finding[];
    const list = Array.isArray(findings) ? findings : findings.findings;
    expect(list.map((f) => f.id)).toEqual(
      expect.arrayContaining(['nat-mapping-missing', 'host-port-conflict']),
    );
  });

  it('previews with --dry-run and writes nothing', async () => {
    const out = join(dir, 'never');
    const run = await cli(
      'import',
      'test/fixtures/import/natsession-zh-cn-dates.txt',
      '--dry-run',
      '--out',
      out,
    );
    expect(run.code).toBe(0);
    expect(run.out).toContain('b1  test/fixtures/import/natsession-zh-cn-dates.txt:1  > Get-NetNatSession');
    expect(run.out).toContain('Get-NetNatSession (list view): 1 row -> host/netnat-sessions.json');
    expect(run.out).toContain("! dates in a zh-CN format (read as the host's local time)");
    expect(run.out).toContain('Computer: unknown (nothing in the text names it; pass --computer NAME)');
    expect(() => readFileSync(out)).toThrow();
  });

  it('reads stdin and folders, leaves binary files out, and takes --computer', async () => {
    const folder = join(dir, 'saved');
    mkdirSync(folder);
    writeFileSync(
      join(folder, 'netstat.txt'),
      '\ufeffActive Connections\r\n\r\n  Proto  Local Address          Foreign Address        State           PID\r\n  TCP    0.0.0.0:8080           0.0.0.0:0              LISTENING       4\r\n',
    );
    writeFileSync(join(folder, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    const out = join(dir, 'from-stdin');
    let stdout = '';
    let stderr = '';
    const code = await runCli(['import', '-', folder, '--out', out, '--computer', 'SRV01'], {
      out: (t) => void (stdout += t),
      err: (t) => void (stderr += t),
      isTty: false,
      columns: 100,
      stdin: Readable.from([
        Buffer.from(readFileSync('test/fixtures/import/docker-info-flat-1809-pre-19.03.txt')),
      ]),
    });
    expect(code).toBe(0);
    expect(stderr).toContain('left out');
    expect(stderr).toContain('image.png: not text');
    const raw = await readBundle(out);
    expect([...raw.files.keys()]).toEqual(expect.arrayContaining(['docker/info.json', 'host/netstat.txt']));
    const manifest = JSON.parse(new TextDecoder().decode(raw.files.get('manifest.json'))) as {
      host: { computerName: string };
    };
    expect(manifest.host.computerName).toBe('SRV01');
    expect(stdout).toContain('Computer: SRV01 (from --computer)');
  });

  it('needs --out unless previewing, and never writes over something', async () => {
    expect((await cli('import', PASTE)).code).toBe(2);
    const existing = join(dir, 'exists');
    mkdirSync(existing);
    const run = await cli('import', PASTE, '--out', existing);
    expect(run.code).toBe(1);
    expect(run.err).toContain('already exists');
  });

  it('--into adds the import to a bundle of the same host as a new bundle, and refuses another host', async () => {
    const text = join(dir, 'netstat.txt');
    writeFileSync(
      text,
      'C:\\> netstat -ano\n\nActive Connections\n\n  Proto  Local Address          Foreign Address        State           PID\n  TCP    0.0.0.0:8081           0.0.0.0:0              LISTENING       4\n',
    );
    const out = join(dir, 'merged');
    const merged = await cli('import', text, '--into', SAMPLE, '--computer', 'SRV2019-APP02', '--out', out);
    expect(merged.err).toBe('');
    expect(merged.code).toBe(0);
    expect(merged.out).toContain('Added to the bundle: host/netstat.txt');
    expect(merged.out).toContain('The pasted text is kept in imported/add-1/.');
    const raw = await readBundle(out);
    const sample = await readBundle(SAMPLE);
    expect(new TextDecoder().decode(raw.files.get('host/netstat.txt'))).toContain('0.0.0.0:8081');
    expect(raw.files.get('docker/containers.json')).toEqual(sample.files.get('docker/containers.json'));
    expect(raw.files.has('imported/add-1/b1.txt')).toBe(true);

    const unnamed = await cli('import', text, '--into', SAMPLE, '--out', join(dir, 'unnamed'));
    expect(unnamed.code).toBe(1);
    expect(unnamed.err).toContain('--computer SRV2019-APP02');
    const other = await cli(
      'import',
      text,
      '--into',
      SAMPLE,
      '--computer',
      'OTHER01',
      '--out',
      join(dir, 'other'),
    );
    expect(other.code).toBe(1);
    expect(other.err).toMatch(/from OTHER01, the bundle from SRV2019-APP02/);
  });
});
