// The Changes view (issue 13) in Debian's Chromium, served as `hostscope serve` serves it: two bundles of one host
// on disk (a sample and a later collection derived from it), compared from a link and from the form typed with
// the keyboard alone; bundles of two hosts refused. axe stays clean at 1024x700 and 1920x1080.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editContainer, editJson, sampleFiles, samplesRoot, writeFolder } from '../support/derived-bundle';
import { chromiumPart } from '../support/chromium';
import { seriousViolations, SHOTS, useApp, viewReady, WINDOW_SIZES } from './support';

const run = chromiumPart();
const REMOVED_RULE =
  'HNS Container Networking - Port 8080 (TCP-In) - 62D7AF22-013C-4897-BAAA-247EB0048B3B - 0';

let dir = '';
let older = '';
let newer = '';

function changesRoute(a: string, b: string): string {
  return `changes?${new URLSearchParams({ older: a, newer: b }).toString()}`;
}

describe.skipIf(!run)('the Changes view (issue 13)', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hostscope-changes-'));
    const files = sampleFiles('server2022-healthy');
    older = writeFolder(files, join(dir, 'monday'));
    const later = new Map(files);
    // api restarted with a new address (its NAT mapping stays on the old one), and a firewall rule went away.
    editContainer(later, 'api', (c) => {
      (c.State as Record<string, unknown>).StartedAt = '2026-11-27T08:00:00Z';
      (c.NetworkSettings as { Networks: Record<string, Record<string, unknown>> }).Networks.nat!.IPAddress =
        '172.26.32.9';
    });
    editJson<Record<string, unknown>[]>(later, 'host/firewall-rules.json', (rules) =>
      rules.filter((r) => r.Name !== REMOVED_RULE),
    );
    newer = writeFolder(later, join(dir, 'tuesday'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const app = useApp();

  describe.each(WINDOW_SIZES)('at $width x $height', (size) => {
    const tag = `${size.width}x${size.height}`;

    it('lists each change with before and after, the verdicts it changed and the findings added', async () => {
      const { page } = app;
      await page.setViewportSize(size);
      await app.show(changesRoute(older, newer));
      await expect.poll(() => page.locator('.changes-counts').textContent()).toMatch(/\d+ changes/);
      const containers = page.locator('section[aria-labelledby="changes-container"]');
      const ipRow = containers.locator('tr', { hasText: 'ip nat' });
      await expect.poll(() => ipRow.count()).toBe(1);
      expect(await ipRow.textContent()).toContain('172.26.32.9');
      expect(await containers.locator('tr', { hasText: 'restarted' }).count()).toBe(1);
      const rules = page.locator('section[aria-labelledby="changes-firewall-rule"] tr', {
        hasText: 'removed',
      });
      expect(await rules.count()).toBe(1);
      const verdicts = page.locator('section[aria-labelledby="changes-verdicts"] tbody tr', {
        hasText: 'api',
      });
      expect(await verdicts.count()).toBeGreaterThan(0);
      expect(await verdicts.first().textContent()).toContain('Unreachable');
      expect(await page.locator('section[aria-labelledby="changes-findings-added"]').textContent()).toContain(
        'nat-mapping-stale',
      );
      // Evidence opens under each change: both bundles' facts.
      await ipRow.locator('summary').click();
      expect(await ipRow.locator('.evidence li').count()).toBe(2);
      await page.screenshot({ path: join(SHOTS, `changes-${tag}.png`), fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);
    });
  });

  it('keyboard only: the form takes two paths, Enter compares, focus lands on the heading', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1280, height: 800 });
    // From the welcome page (no bundle is open), the sidebar's Changes link, then into the form.
    await app.show('overview');
    let reached = false;
    for (let i = 0; i < 30 && !reached; i++) {
      await page.keyboard.press('Shift+Tab');
      reached = await page.evaluate(
        () =>
          document.activeElement?.closest('nav.sidebar') !== null &&
          (document.activeElement?.textContent ?? '').trim() === 'Changes',
      );
    }
    expect(reached, 'Shift+Tab reaches Changes in the sidebar').toBe(true);
    await page.keyboard.press('Enter');
    await viewReady(page);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName ?? '')).toBe('H1');
    expect(await page.locator('.changes-counts').count()).toBe(0);
    const olderInput = page.getByLabel('Older bundle');
    for (let i = 0; i < 10 && !(await olderInput.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press('Tab');
    expect(await olderInput.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(older);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(newer);
    await page.keyboard.press('Enter');
    await viewReady(page);
    await expect.poll(() => page.locator('.changes-counts').textContent()).toMatch(/\d+ changes/);
    expect(new URL(page.url()).hash).toBe(`#/${changesRoute(older, newer)}`);
    // A change's evidence opens from the keyboard too.
    const summary = page.locator('section[aria-labelledby="changes-container"] summary').first();
    await summary.focus();
    await page.keyboard.press('Enter');
    expect(await summary.evaluate((el) => (el.parentElement as HTMLDetailsElement).open)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('refuses bundles of two different hosts with a message naming both', async () => {
    const { page } = app;
    await app.show(changesRoute(older, join(samplesRoot, 'server2022-hns-nat')));
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('two different hosts');
    expect(await alert.textContent()).toContain('SRV2022-CTR03');
    expect(await alert.textContent()).toContain('SRV2022-WEB07');
    expect(await seriousViolations(page)).toEqual([]);
    expect(app.browser.problems).toEqual([]);
    expect(app.browser.dialogs).toEqual([]);
  });
});
