// npm run bench:ui: the renderer with a 1,000-container host, in Chromium, against the same server as
// `hostscope serve`. Measures, inside the page, the time from pressing Open on the bundle to the container table
// showing its rows, then to the table answering its first filter keystroke (interactive), and the frame times
// while the table is scrolled from top to bottom. Prints one line per figure and a JSON summary line.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { LARGEST, syntheticBundle } from '../test/support/synthetic-bundle';
import { openChromium, serveApp } from '../test/e2e/support';

const SCROLL_STEP_PX = 96;

interface PageTimes {
  readonly rowsMs: number;
  readonly interactiveMs: number;
  readonly firstFilterMs: number;
  readonly rowsInDom: number;
}

async function main(): Promise<void> {
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
