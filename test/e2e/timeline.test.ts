// The timeline in Chromium (issue 13): "Collect again" twice on a live host (the real collector with the pwsh
// stand-ins of a Windows Server 2019 host and the Podman-served engine), a container started between the two;
// the timeline lists both collections, and "Compare" from it opens the Changes view with the container created.
// Keyboard only: the Collect again button and a row's Compare are reached with Tab and pressed with Enter; axe clean.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTestEngine, removeLabelled, runId, startSleeper } from '../collect/docker/test-engine';
import { hasPwsh, pwsh } from '../collect/powershell/pwsh-test-kit';
import { standInHost } from '../support/watched-host';
import { chromiumPart } from '../support/chromium';
import { seriousViolations, useApp, viewReady } from './support';

const engine = await findTestEngine();
const run = engine !== null && hasPwsh() && chromiumPart();
const id = runId();
let dir = '';

/** Tabs forward until the focused element is the button named `name`, then presses Enter. */
async function tabTo(page: Page, name: string | RegExp): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => {
      const el = document.activeElement;
      return el?.tagName === 'BUTTON' ? (el.getAttribute('aria-label') ?? el.textContent ?? '').trim() : '';
    });
    if (typeof name === 'string' ? label === name : name.test(label)) {
      await page.keyboard.press('Enter');
      return;
    }
  }
  throw new Error(`Tab never reached the button ${String(name)}`);
}

describe.runIf(run)('the timeline in Chromium', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hostscope-e2e-timeline-'));
  });

  afterAll(async () => {
    if (engine) await removeLabelled(engine.docker, `com.hostscope.test=${id}`);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const app = useApp({
    compose: () => ({
      collectionsDir: join(dir, 'collections'),
      historyDir: join(dir, 'history'),
      collectEnvironment: standInHost(dir, engine!.host, pwsh!),
    }),
  });

  it('collects again twice, shows both collections, and compares them in the Changes view', async () => {
    const { page } = app;
    await app.show('timeline');
    expect(await seriousViolations(page)).toEqual([]);

    await page.locator('main h1').focus();
    await tabTo(page, 'Collect again');
    await expect.poll(() => page.locator('tbody tr').count(), { timeout: 240_000 }).toBe(1);

    const name = `${id}-late`;
    await startSleeper(engine!.docker, name, id);
    await page.locator('main h1').focus();
    await tabTo(page, 'Collect again');
    await expect.poll(() => page.locator('tbody tr').count(), { timeout: 240_000 }).toBe(2);
    // The second collection is the open one: its own Open is disabled, the older row offers Compare.
    await expect
      .poll(() => page.locator('tbody tr[aria-current="true"]').count(), { timeout: 30_000 })
      .toBe(1);
    const charts = await page.locator('figure.chart svg.time-chart').count();
    expect(charts).toBeGreaterThanOrEqual(5);
    // Each chart is named with its latest value; the readout tells a span's values from the keyboard too.
    const running = page.locator('figure.chart[aria-label^="Running containers: latest "]');
    expect(await running.count()).toBe(1);
    expect(await page.locator('figure.chart[aria-label^="Engine events: "]').count()).toBe(1);
    await running.focus();
    await page.keyboard.press('ArrowLeft');
    await expect
      .poll(() => running.locator('.chart-readout').innerText())
      .toMatch(/: .+ (\d+|\d+–\d+|unknown)/);
    expect(await seriousViolations(page)).toEqual([]);

    await page.locator('main h1').focus();
    await tabTo(page, /^Compare the collection of .* with the open one$/);
    await page.waitForURL(/#\/changes\?/);
    await viewReady(page);
    await expect.poll(() => page.locator('main').innerText(), { timeout: 120_000 }).toContain(name);
    expect(await seriousViolations(page)).toEqual([]);
    expect(app.browser.problems).toEqual([]);
  }, 600_000);
});
