// npm run bench:report: the report on synthetic hosts of 125 to 1,000 containers (issue 11). One JSON line per
// size and scope: the time to build and render the HTML, its size, the PDF's time and page count, and the peak
// memory of this process (Chromium's own is not included). Targets on 1,000 containers: HTML of problems under
// 10 s, PDF under 60 s and 150 pages. Each size runs in a fresh process, so one size's peak is not the next's.
// `--no-pdf` skips printing (no Chromium needed); `--scope problems|all` picks the scope (problems by default);
// `--no-redact` measures the report without redaction (redaction is on by default, as in the app).
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { renderPdf } from '../src/collect/pdf';
import { buildHostModel } from '../src/core/host-model';
import { createReport, renderReportHtml, type ReportDetail } from '../src/core/report';
import { scaled, syntheticBundle } from '../test/support/synthetic-bundle';

const FACTORS = [0.125, 0.25, 0.5, 1];
const round = (n: number, digits = 1): number => Number(n.toFixed(digits));
/** Peak resident memory of this process so far, in MB (maxRSS is in kilobytes). */
const peakRssMB = (): number => round(process.resourceUsage().maxRSS / 1024);

async function measure(
  factor: number,
  detail: ReportDetail,
  pdf: boolean,
  redact: boolean,
): Promise<Record<string, unknown>> {
  const size = scaled(factor);
  const model = buildHostModel(syntheticBundle(size));
  const start = performance.now();
  const outcome = createReport(model, { generatedAt: new Date().toISOString(), redact, detail });
  if (outcome.kind !== 'ok') throw new Error(`report: ${outcome.kind}`);
  const html = renderReportHtml(outcome.document);
  const htmlMs = performance.now() - start;
  const line: Record<string, unknown> = {
    containers: size.containers,
    scope: detail,
    redacted: redact,
    htmlMs: round(htmlMs),
    htmlMB: round(Buffer.byteLength(html) / 1e6, 2),
    failingPaths: outcome.document.problems.failingPaths,
    reachRows: outcome.document.reachability.rows.length,
    findings: outcome.document.findings.items.length,
  };
  if (pdf) {
    const printStart = performance.now();
    const bytes = await renderPdf(html, { title: outcome.document.title });
    line.pdfMs = round(performance.now() - printStart);
    line.pdfMB = round(bytes.byteLength / 1e6, 2);
    // Each page object is `/Type /Page` (the tree's root is `/Type /Pages`).
    line.pdfPages = (
      Buffer.from(bytes)
        .toString('latin1')
        .match(/\/Type\s*\/Page(?![s\w])/g) ?? []
    ).length;
  }
  line.peakRssMB = peakRssMB();
  return line;
}

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
};
const detail: ReportDetail = arg('--scope') === 'all' ? 'all' : 'problems';
const pdf = !process.argv.includes('--no-pdf');
const redact = !process.argv.includes('--no-redact');
const one = arg('--one');
if (one !== undefined) {
  process.stdout.write(`${JSON.stringify(await measure(Number(one), detail, pdf, redact))}\n`);
} else {
  const script = fileURLToPath(import.meta.url);
  let failed = false;
  for (const factor of FACTORS) {
    const child = spawnSync(
      process.execPath,
      [
        ...process.execArgv,
        script,
        '--one',
        String(factor),
        '--scope',
        detail,
        ...(pdf ? [] : ['--no-pdf']),
        ...(redact ? [] : ['--no-redact']),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' },
    );
    if (child.status !== 0) {
      failed = true;
      console.error(`size ${factor} failed with exit code ${child.status}`);
      continue;
    }
    process.stdout.write(child.stdout);
  }
  process.exitCode = failed ? 1 : 0;
}
