// `hostscope report` and `hostscope redact` as a user runs them: real bundles, real files, real Chromium for
// the PDF, real poppler (pdftoppm, pdftotext) to look at what was printed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../src/collect/bundle-reader';
import { renderPdf } from '../../src/collect/pdf';
import { buildHostModel } from '../../src/core/host-model';
import type { ReportDocument } from '../../src/core/report';
import { realPart } from '../helpers/real';
import { chromiumPart } from '../support/chromium';
import { cli } from '../support/cli';
import { HOSTILE_NAME, HOSTILE_PATH, samplePath } from '../support/report-bundles';
import { leaks, sensitiveValues } from '../support/sensitive-values';

const SAMPLE = samplePath('server2019-broken-nat');
const manifestHost = (path: string): string =>
  (JSON.parse(readFileSync(join(path, 'manifest.json'), 'utf8')) as { host: { computerName: string } }).host
    .computerName;

/** Grey levels of a binary PGM (what `pdftoppm -gray` writes). */
function pgmPixels(file: string): Uint8Array {
  const bytes = readFileSync(file);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error(`${file} is not a binary PGM`);
  const [width, height] = [Number(header[1]), Number(header[2])];
  return new Uint8Array(bytes.subarray(header[0].length, header[0].length + width * height));
}

function variance(pixels: Uint8Array): number {
  let sum = 0;
  for (const p of pixels) sum += p;
  const mean = sum / pixels.length;
  let squares = 0;
  for (const p of pixels) squares += (p - mean) ** 2;
  return squares / pixels.length;
}

describe('hostscope report', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hostscope-report-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('redacts by default and says so in --help', async () => {
    const md = await cli('report', SAMPLE, '--format', 'md');
    expect(md.code).toBe(0);
    expect(md.out).toContain('Redaction summary');
    expect(md.out.toLowerCase()).not.toContain(manifestHost(SAMPLE).toLowerCase());
    const help = await cli('report', '--help');
    expect(help.out).toMatch(/Redaction is ON by default/);
    expect(help.out).toContain('--no-redact');
  });

  it('--no-redact keeps names, --container limits, a wrong name exits 4, pdf without --out exits 2', async () => {
    const plain = await cli('report', HOSTILE_PATH, '--format', 'json', '--no-redact', '--container', 'db');
    expect(plain.code).toBe(0);
    const doc = JSON.parse(plain.out) as ReportDocument;
    expect(doc.redaction).toBeNull();
    expect(doc.containers.items.map((c) => c.inspect.name)).toEqual(['db']);
    expect(doc.host.computerName).toBe(manifestHost(HOSTILE_PATH));
    const missing = await cli('report', HOSTILE_PATH, '--container', 'nope');
    expect(missing.code).toBe(4);
    expect(missing.err).toContain('No container "nope"');
    const noOut = await cli('report', HOSTILE_PATH, '--format', 'pdf');
    expect(noOut.code).toBe(2);
    const badFormat = await cli('report', HOSTILE_PATH, '--format', 'docx');
    expect(badFormat.code).toBe(2);
    const noBundle = await cli('report', join(dir, 'absent'));
    expect(noBundle.code).toBe(3);
    const noFolder = await cli('report', HOSTILE_PATH, '--out', join(dir, 'absent', 'r.html'));
    expect(noFolder.code).toBe(1);
    expect(noFolder.err).toContain('its folder does not exist');
  });

  it('writes --out and reports what it wrote', async () => {
    const out = join(dir, 'hostile.html');
    const run = await cli('report', HOSTILE_PATH, '--format', 'html', '--out', out);
    expect(run.code).toBe(0);
    expect(run.err).toMatch(
      /wrote .*hostile\.html: html, \d+ bytes, \d+ findings, \d+ reachability checks, redacted/,
    );
    const html = readFileSync(out, 'utf8');
    expect(leaks(html, sensitiveValues(await readBundle(HOSTILE_PATH)))).toEqual([]);
  });

  it('says clearly when no browser can print the PDF', async () => {
    const before = process.env.HOSTSCOPE_CHROMIUM;
    process.env.HOSTSCOPE_CHROMIUM = join(dir, 'no-such-chromium');
    try {
      const run = await cli('report', SAMPLE, '--format', 'pdf', '--out', join(dir, 'none.pdf'));
      expect(run.code).toBe(1);
      expect(run.err).toContain('no Chromium, Chrome or Edge found to print the PDF');
      expect(run.err).toContain('HOSTSCOPE_CHROMIUM');
      expect(existsSync(join(dir, 'none.pdf'))).toBe(false);
    } finally {
      if (before === undefined) delete process.env.HOSTSCOPE_CHROMIUM;
      else process.env.HOSTSCOPE_CHROMIUM = before;
    }
  });

  const runPdf =
    chromiumPart() &&
    realPart(
      'pdftoppm (Debian package poppler-utils)',
      existsSync('/usr/bin/pdftoppm') ? null : '/usr/bin/pdftoppm not found',
    );
  it.runIf(runPdf)(
    'prints a PDF through Chromium whose first pages are not blank and carry the findings',
    async () => {
      const pdf = join(dir, 'sample.pdf');
      const run = await cli('report', SAMPLE, '--format', 'pdf', '--out', pdf);
      expect(run.code, run.err).toBe(0);
      expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '2', pdf, join(dir, 'page')]);
      execFileSync('/usr/bin/pdftoppm', ['-gray', '-r', '50', '-f', '1', '-l', '2', pdf, join(dir, 'grey')]);
      const pngs = readdirSync(dir).filter((f) => /^page-\d+\.png$/.test(f));
      expect(pngs).toHaveLength(2);
      for (const f of pngs) expect(readFileSync(join(dir, f)).subarray(1, 4).toString('latin1')).toBe('PNG');
      for (const f of readdirSync(dir).filter((name) => /^grey-\d+\.pgm$/.test(name))) {
        const pixels = pgmPixels(join(dir, f));
        const dark = pixels.filter((p) => p < 128).length / pixels.length;
        // Measured at 50 dpi: a page with only the running header and footer has a variance near 3 and no dark
        // pixels; the report's pages have 100 and more, and ink.
        expect(variance(pixels), f).toBeGreaterThan(20);
        expect(dark, f).toBeGreaterThan(0.002);
      }
      // The same measure on a page with nothing but the running header and footer stays under both limits.
      const blank = join(dir, 'blank.pdf');
      writeFileSync(
        blank,
        await renderPdf('<!doctype html><title>t</title>', { title: 'Container host report: host-1' }),
      );
      execFileSync('/usr/bin/pdftoppm', [
        '-gray',
        '-r',
        '50',
        '-f',
        '1',
        '-l',
        '1',
        blank,
        join(dir, 'blank'),
      ]);
      const empty = pgmPixels(
        join(
          dir,
          readdirSync(dir).find((name) => /^blank-\d+\.pgm$/.test(name))!,
        ),
      );
      expect(variance(empty)).toBeLessThan(20);
      expect(empty.filter((p) => p < 128).length).toBe(0);
      const text = execFileSync('/usr/bin/pdftotext', ['-layout', pdf, '-']).toString();
      expect(text).toContain('Host summary');
      expect(text).toContain('Findings');
      expect(text).toContain('Redaction summary');
      expect(text.toLowerCase()).not.toContain(manifestHost(SAMPLE).toLowerCase());
    },
  );
});

describe('hostscope redact', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hostscope-redact-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a zip the reader opens, with nothing sensitive left and the same host inside', async () => {
    const zip = join(dir, 'hostile-redacted.zip');
    const run = await cli('redact', HOSTILE_PATH, '--out', zip);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/Environment values \(removed\): \d+ distinct, \d+ replaced/);
    expect(run.out).toContain('left out: extra/capture.etl');
    const original = await readBundle(HOSTILE_PATH);
    const redacted = await readBundle(zip);
    const values = sensitiveValues(original);
    const problems = [...redacted.files].flatMap(([path, bytes]) =>
      leaks(`${path}\n${new TextDecoder().decode(bytes)}`, values).map((l) => `${path}: ${l}`),
    );
    expect(problems).toEqual([]);
    const [before, after] = [buildHostModel(original), buildHostModel(redacted)];
    expect(after.bundle.collector?.name).toBe(
      `${before.bundle.collector?.name} (redacted by hostscope 0.1.0)`,
    );
    expect(Date.parse(after.bundle.collectedAt!)).toBe(Date.parse(before.bundle.collectedAt!));
    expect(after.probes.map((p) => [p.id, p.status])).toEqual(before.probes.map((p) => [p.id, p.status]));
    expect(after.containers.kind === 'known' && after.containers.value.length).toBe(
      before.containers.kind === 'known' && before.containers.value.length,
    );
  });

  it('uses the pseudonyms of the redacted report, so the two can be read side by side', async () => {
    const zip = join(dir, 'same-names.zip');
    expect((await cli('redact', HOSTILE_PATH, '--out', zip)).code).toBe(0);
    const fromOriginal = JSON.parse(
      (await cli('report', HOSTILE_PATH, '--format', 'json')).out,
    ) as ReportDocument;
    const fromRedacted = JSON.parse(
      (await cli('report', zip, '--format', 'json', '--no-redact')).out,
    ) as ReportDocument;
    const view = (d: ReportDocument): unknown => ({
      host: d.host.computerName,
      containers: d.containers.items.map((c) => [
        c.inspect.name,
        c.inspect.networks.map((n) => n.ip),
        c.inspect.image,
      ]),
      // Verdicts are not compared: an address turned into `ip-13/24` no longer falls in a firewall rule's
      // subnet, so a re-analysis of the redacted bundle can decide a firewall hop differently.
      checks: d.reachability.rows.map((r) => [r.explanation.container.name, r.explanation.from, r.portLabel]),
    });
    expect(view(fromRedacted)).toEqual(view(fromOriginal));
    expect(JSON.stringify(view(fromOriginal))).not.toContain(HOSTILE_NAME);
  });

  it('never writes over an existing file', async () => {
    const zip = join(dir, 'twice.zip');
    expect((await cli('redact', HOSTILE_PATH, '--out', zip)).code).toBe(0);
    const again = await cli('redact', HOSTILE_PATH, '--out', zip);
    expect(again.code).toBe(1);
    expect(again.err).toContain('already exists');
  });
});
