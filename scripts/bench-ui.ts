// npm run bench:ui: the renderer with a 1,000-container host, in Chromium, against the same server as
// `hostscope serve`. Measures, inside the page, the time from pressing Open on the bundle to the container table
// showing its rows, then to the table answering its first filter keystroke (interactive), and the frame times
// while the table is scrolled from top to bottom. Prints one line per figure and a JSON summary line.
// Then the timeline (issue 13) over a week of one-minute history (10,080 collections, 2,000 engine events): the
// service's answer, the view drawn in the page, and the page's longest task while it redraws on an update.
// `--timeline-only` runs only that part.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { LARGEST, syntheticBundle } from '../test/support/synthetic-bundle';
import { createHostscopeService } from '../src/service/compose';
import { startHttpServer } from '../src/service/http-server';
import type { HistoryPoint } from '../src/shared/history';
import { ensureRendererBuilt, openChromium, serveApp } from '../test/e2e/support';

const SCROLL_STEP_PX = 96;

interface PageTimes {
  readonly rowsMs: number;
  readonly interactiveMs: number;
  readonly firstFilterMs: number;
  readonly rowsInDom: number;
}

async function main(): Promise<void> {
  if (!process.argv.includes('--timeline-only')) await containerTable();
  await timelineFigures();
}

const WEEK_OF_MINUTES = 7 * 24 * 60;
const EVENTS = 2_000;

/** What src/renderer/src/views/timeline.tsx asks for (MAX_BUCKETS); checked against the page's request below. */
const TIMELINE_SPANS = 300;

async function timelineFigures(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'hostscope-bench-timeline-'));
  const start = Date.parse('2026-11-30T00:00:00.000Z');
  const lines: string[] = [];
  for (let m = 0; m < WEEK_OF_MINUTES; m++) {
    const full = m % 15 === 0;
    const file = `p${String(m).padStart(5, '0')}-${full ? 'full' : 'fast'}.zip`;
    // The store lists only collections whose bundle is in the folder.
    writeFileSync(join(folder, file), '');
    const point: HistoryPoint = {
      file,
      collectedAt: new Date(start + m * 60_000).toISOString(),
      scope: full ? 'full' : 'fast',
      computerName: 'CONTAINERHOST01',
      bytes: 40_000,
      summary: {
        containers: 50,
        runningContainers: 45 + (m % 6),
        natSessions: 200 + (m % 97),
        natSessionsByContainer: Array.from({ length: 5 }, (_, i) => ({
          container: `web-${i}`,
          sessions: 40 + ((m + i) % 20),
        })),
        findingsBySeverity: full ? { critical: 0, high: m % 3, medium: 2, low: 4, info: 1 } : null,
        unreachablePaths: full ? m % 5 : null,
      },
    };
    lines.push(JSON.stringify(point));
  }
  writeFileSync(join(folder, 'points.jsonl'), `${lines.join('\n')}\n`);
  const kinds = ['start', 'die', 'restart', 'connect', 'disconnect', 'health'] as const;
  writeFileSync(
    join(folder, 'events.jsonl'),
    Array.from({ length: EVENTS }, (_, i) =>
      JSON.stringify({
        at: new Date(start + Math.floor((i * WEEK_OF_MINUTES * 60_000) / EVENTS)).toISOString(),
        kind: kinds[i % kinds.length],
        container: `web-${i % 50}`,
        detail: null,
      }),
    ).join('\n') + '\n',
  );
  const service = createHostscopeService({ kind: 'web' }, { collectionsDir: folder, historyDir: folder });
  // The spans the page asks for, so the figures below are of the view as it draws (its MAX_BUCKETS).
  const askedSpans = new Set<unknown>();
  let timelineRequests = 0;
  const served: typeof service = {
    ...service,
    handle: (channel, request) => {
      if (channel === 'history:timeline') {
        timelineRequests++;
        askedSpans.add((request as { maxBuckets?: unknown }).maxBuckets);
      }
      return service.handle(channel, request);
    },
  };
  const server = await startHttpServer({ service: served, rendererDir: ensureRendererBuilt(), port: 0 });
  const browser = await openChromium();
  try {
    let t = performance.now();
    const first = await service.call('history:timeline', { maxBuckets: TIMELINE_SPANS });
    const serviceFirstMs = performance.now() - t;
    if (!first.ok) throw new Error(first.error.message);
    t = performance.now();
    await service.call('history:timeline', { maxBuckets: TIMELINE_SPANS });
    const serviceAgainMs = performance.now() - t;
    const answerBytes = JSON.stringify(first.value).length;

    const { page } = browser;
    await page.goto(`${server.url}#/welcome`);
    await page.evaluate('window.__name = (f) => f');
    t = performance.now();
    await page.evaluate(() => {
      window.location.hash = '#/timeline';
    });
    await page.waitForFunction(
      () =>
        document.querySelectorAll('figure.chart svg.time-chart').length >= 5 &&
        document.querySelector('tbody tr') !== null,
      undefined,
      { timeout: 120_000 },
    );
    const drawnMs = performance.now() - t;
    // An update while watching (a collection kept, an event received): the page refetches and redraws.
    await page.evaluate(() => {
      const longest = { ms: 0 };
      (window as unknown as { longest: typeof longest }).longest = longest;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longest.ms = Math.max(longest.ms, entry.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
    const requestsBefore = timelineRequests;
    service.emit({ kind: 'history-changed' });
    await page.waitForTimeout(4_000);
    // No refetch would mean no redraw was measured.
    if (timelineRequests === requestsBefore)
      throw new Error('the view did not refetch the timeline on the update');
    const longestTaskMs = await page.evaluate(
      () => (window as unknown as { longest: { ms: number } }).longest.ms,
    );
    if (askedSpans.size !== 1 || !askedSpans.has(TIMELINE_SPANS))
      throw new Error(
        `the view asked for ${[...askedSpans].join(', ')} spans, the bench measured ${TIMELINE_SPANS}`,
      );
    const figures = {
      collections: WEEK_OF_MINUTES,
      events: EVENTS,
      buckets: first.value.buckets.length,
      serviceFirstMs: round(serviceFirstMs),
      serviceAgainMs: round(serviceAgainMs),
      answerKiB: round(answerBytes / 1024),
      openToChartsMs: round(drawnMs),
      longestTaskOnUpdateMs: round(longestTaskMs),
    };
    console.log(
      `timeline, a week of one-minute history (${WEEK_OF_MINUTES} collections, ${EVENTS} events) drawn as ${figures.buckets} spans:`,
    );
    console.log(
      `  service answer: ${figures.serviceFirstMs} ms first (reads the index), ${figures.serviceAgainMs} ms again; ${figures.answerKiB} KiB`,
    );
    console.log(`  view -> five charts and the list drawn: ${figures.openToChartsMs} ms`);
    // Chromium reports only tasks over 50 ms as long tasks: 0 means none was.
    console.log(
      `  longest page task while redrawing on an update: ${figures.longestTaskOnUpdateMs === 0 ? 'none over 50 ms' : `${figures.longestTaskOnUpdateMs} ms`}`,
    );
    if (browser.problems.length > 0) console.log(`page problems: ${browser.problems.join('; ')}`);
    console.log(JSON.stringify(figures));
  } finally {
    await browser.close();
    await server.close();
    service.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
}

async function containerTable(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'hostscope-bench-ui-'));
  const generated = performance.now();
  const raw = syntheticBundle(LARGEST);
  let bytes = 0;
  for (const [path, content] of raw.files) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), content);
    bytes += content.length;
  }
  console.log(
    `bundle: ${LARGEST.containers} containers, ${LARGEST.processes} processes, ${LARGEST.firewallRules} rules, ${LARGEST.natSessions} NAT sessions, ${(bytes / 1e6).toFixed(1)} MB in ${raw.files.size} files (generated in ${Math.round(performance.now() - generated)} ms)`,
  );

  const app = await serveApp();
  const browser = await openChromium();
  // The server's side of the open, from the service's own events.
  const serverTimes = new Map<string, number>();
  app.service.onEvent((event) => {
    if (event.kind === 'progress' && event.done === 0) serverTimes.set('start', performance.now());
    if (event.kind === 'operation-ended') serverTimes.set('end', performance.now());
  });
  try {
    const { page } = browser;
    await page.goto(`${app.server.url}#/containers`);
    await page.locator('#welcome-path').waitFor();
    // tsx keeps function names with a `__name` helper that the page does not have.
    await page.evaluate('window.__name = (f) => f');
    const times = await openAndTime(page, folder);
    const server = (serverTimes.get('end') ?? NaN) - (serverTimes.get('start') ?? NaN);
    const frames = await scrollFrames(page);
    const problems = browser.problems.splice(0);

    const figures = {
      containers: LARGEST.containers,
      openToRowsMs: round(times.rowsMs),
      openToInteractiveMs: round(times.interactiveMs),
      firstFilterKeystrokeMs: round(times.firstFilterMs),
      serverOpenMs: round(server),
      rowsInDom: times.rowsInDom,
      scroll: frames,
    };
    console.log(
      `open -> table rows shown:        ${figures.openToRowsMs} ms (server side: read + model + correlate ${figures.serverOpenMs} ms)`,
    );
    console.log(
      `open -> table interactive:       ${figures.openToInteractiveMs} ms (first filter keystroke answered in ${figures.firstFilterKeystrokeMs} ms)`,
    );
    console.log(`rows in the DOM for ${LARGEST.containers} containers: ${times.rowsInDom} (virtualised)`);
    console.log(
      `scrolling ${frames.frames} frames: page work ${frames.workPerFrameMs} ms per frame; frame mean ${frames.meanMs} ms, p50 ${frames.p50Ms} ms, p95 ${frames.p95Ms} ms, p99 ${frames.p99Ms} ms, max ${frames.maxMs} ms; ${frames.over17Pct}% over 16.7 ms, ${frames.over33Pct}% over 33 ms`,
    );
    if (problems.length > 0) console.log(`page problems: ${problems.join('; ')}`);
    console.log(JSON.stringify(figures));
  } finally {
    await browser.close();
    await app.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Types the bundle path on the welcome page, presses Open and times, in the page, until rows show and respond. */
async function openAndTime(page: Page, folder: string): Promise<PageTimes> {
  await page.locator('#welcome-path').fill(folder);
  await page.evaluate(() => {
    const bench: Record<string, number> = {};
    (window as unknown as { bench: Record<string, number> }).bench = bench;
    document.addEventListener('click', () => (bench.click ??= performance.now()), {
      capture: true,
      once: true,
    });
    const observer = new MutationObserver(() => {
      if (bench.rows === undefined && document.querySelector('.vgrid-body [role="row"]')) {
        bench.rows = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document.body, { subtree: true, childList: true });
  });
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.waitForFunction(
    () => (window as unknown as { bench: Record<string, number> }).bench.rows !== undefined,
    undefined,
    { timeout: 120_000 },
  );

  // Interactive: the first keystroke in the filter changes the table.
  const timing = await page.evaluate(async () => {
    const bench = (window as unknown as { bench: Record<string, number> }).bench;
    const input = document.querySelector<HTMLInputElement>('#container-filter')!;
    const count = (): string => document.querySelector('.toolbar-count')?.textContent ?? '';
    const before = count();
    const start = performance.now();
    const changed = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        if (count() !== before) {
          observer.disconnect();
          resolve(performance.now());
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    // What React listens to for a typed character.
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    setter.call(input, '7');
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const answered = await changed;
    setter.call(input, '');
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    return {
      rowsMs: bench.rows! - bench.click!,
      interactiveMs: answered - bench.click!,
      firstFilterMs: answered - start,
      rowsInDom: document.querySelectorAll('.vgrid-body [role="row"]').length,
    };
  });
  return timing;
}

/** Scrolls the table top to bottom one step per animation frame and records every frame's duration. */
async function scrollFrames(page: Page): Promise<{
  frames: number;
  workPerFrameMs: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  over17Pct: number;
  over33Pct: number;
}> {
  const { deltas, scriptMs } = await page.evaluate(async (step) => {
    const body = document.querySelector<HTMLElement>('.vgrid-body')!;
    body.scrollTop = 0;
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    // The page's own work per frame: the virtualiser reads the scroll position and React renders the rows that came
    // into view (react-virtual flushes synchronously, so the dispatch below returns when that work is done).
    let script = 0;
    const out: number[] = [];
    let last = performance.now();
    const result = await new Promise<number[]>((resolve) => {
      const frame = (now: number): void => {
        out.push(now - last);
        last = now;
        if (body.scrollTop + body.clientHeight >= body.scrollHeight - 1) return resolve(out);
        const started = performance.now();
        body.scrollTop += step;
        body.dispatchEvent(new Event('scroll'));
        script += performance.now() - started;
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    return { deltas: result, scriptMs: script / result.length };
  }, SCROLL_STEP_PX);
  const sorted = [...deltas].sort((a, b) => a - b);
  const pct = (p: number): number =>
    round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!);
  return {
    frames: deltas.length,
    workPerFrameMs: round(scriptMs),
    meanMs: round(deltas.reduce((a, b) => a + b, 0) / deltas.length),
    p50Ms: pct(0.5),
    p95Ms: pct(0.95),
    p99Ms: pct(0.99),
    maxMs: round(sorted.at(-1)!),
    over17Pct: round((100 * deltas.filter((d) => d > 16.7 + 0.5).length) / deltas.length),
    over33Pct: round((100 * deltas.filter((d) => d > 33.4).length) / deltas.length),
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

await main();
