// Issue 11, layout and input, at 1024x700 and 1920x1080 in Debian's Chromium: the containers grid scrolls to
// its Finding column, Enter on a row lands focus on the container's heading, "Explain" in the matrix brings the
// changed answer into view, the evidence of the isolation walkthrough keeps room for its detail, and every view
// is reached by keyboard alone. axe stays clean on each view. Screenshots in screenshots/layout-*.png.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumPart } from '../support/chromium';
import { openInPage, seriousViolations, SHOTS, useApp, viewReady, WINDOW_SIZES } from './support';

const run = chromiumPart();
/** The sidebar's views, starting after the overview the walk starts on and ending back on it. */
const NAV_LABELS = [
  'Containers',
  'Reachability',
  'Isolation',
  'Topology',
  'Processes by session',
  'Findings',
  'Host overview',
] as const;

describe.skipIf(!run)('layout and input (issue 11)', () => {
  const app = useApp();

  describe.each(WINDOW_SIZES)('at $width x $height', (size) => {
    const tag = `${size.width}x${size.height}`;

    it('the containers grid reaches its Finding column (scrolling sideways where narrow)', async () => {
      const { page } = app;
      await page.setViewportSize(size);
      await openInPage(app.service, page, { sample: 'server2019-broken-nat' });
      await app.show('containers');
      const grid = page.locator('.vgrid');
      await grid.evaluate((el) => (el.scrollLeft = el.scrollWidth));
      const gridBox = (await grid.boundingBox())!;
      const header = (await page.getByRole('columnheader', { name: 'Finding' }).boundingBox())!;
      expect(header.x).toBeGreaterThanOrEqual(gridBox.x - 1);
      expect(header.x + header.width).toBeLessThanOrEqual(gridBox.x + gridBox.width + 1);
      if (size.width === 1024)
        expect(await grid.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      await page.screenshot({ path: join(SHOTS, `layout-containers-${tag}.png`) });
      expect(await seriousViolations(page)).toEqual([]);
    });

    it('Enter on a grid row opens the container with focus on its heading', async () => {
      const { page } = app;
      await page.setViewportSize(size);
      await app.show('containers');
      await page.locator('.vgrid').focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await viewReady(page);
      await expect.poll(() => page.evaluate(() => document.activeElement?.tagName ?? '')).toBe('H1');
      expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
    });

    it('"Explain" in the matrix scrolls to the changed answer and focuses it', async () => {
      const { page } = app;
      await page.setViewportSize(size);
      await app.show('reachability');
      const explain = page.locator('.matrix').getByRole('link', { name: 'Explain' }).last();
      await explain.scrollIntoViewIfNeeded();
      await explain.click();
      await viewReady(page);
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.classList.contains('answer') ?? false))
        .toBe(true);
      const top = await page.locator('.answer').evaluate((el) => el.getBoundingClientRect().top);
      // Scrolled to the start up to sub-pixel rounding of a fractional layout (-0.375 px seen at 1024 x 700).
      expect(top).toBeGreaterThanOrEqual(-1);
      expect(top).toBeLessThan(size.height / 2);
      await page.screenshot({ path: join(SHOTS, `layout-explain-${tag}.png`) });
      expect(await seriousViolations(page)).toEqual([]);
    });

    it('the isolation walkthrough keeps room for evidence details beside a 64-hex file name', async () => {
      const { page } = app;
      await page.setViewportSize(size);
      await openInPage(app.service, page, { sample: 'server2016-swarm-portainer' });
      await app.show('isolation');
      for (const details of await page.locator('.iso-table details').all())
        await details.evaluate((d) => ((d as HTMLDetailsElement).open = true));
      const items = page.locator('.iso-table .evidence li');
      expect(await items.count()).toBeGreaterThan(0);
      const widths = await items.evaluateAll((lis) =>
        lis.map((li) => ({
          file: li.querySelector('.evidence-file')?.textContent ?? '',
          li: li.getBoundingClientRect().width,
          detail: li.querySelector('.evidence-detail')?.getBoundingClientRect().width ?? 0,
        })),
      );
      expect(widths.some((w) => /[0-9a-f]{64}/.test(w.file))).toBe(true);
      for (const w of widths) expect(w.detail, w.file).toBeGreaterThanOrEqual(w.li * 0.45);
      await page.screenshot({ path: join(SHOTS, `layout-isolation-${tag}.png`), fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);
    });

    it('keyboard only: every view is reached from the sidebar with Shift+Tab and Enter, focus on its heading, axe clean', async () => {
      const { page } = app;
      await page.setViewportSize(size);
      await openInPage(app.service, page, { sample: 'server2019-broken-nat' });
      await app.show('overview');
      for (const label of NAV_LABELS) {
        let reached = false;
        for (let i = 0; i < 30 && !reached; i++) {
          // Backwards: the sidebar comes before the view, so it is a few steps back from the view's heading.
          await page.keyboard.press('Shift+Tab');
          reached = await page.evaluate(
            (name) =>
              document.activeElement?.closest('nav.sidebar') !== null &&
              (document.activeElement?.textContent ?? '').trim() === name,
            label,
          );
        }
        expect(reached, `Tab reaches ${label}`).toBe(true);
        await page.keyboard.press('Enter');
        await viewReady(page);
        await expect
          .poll(() => page.evaluate(() => document.activeElement?.tagName ?? ''), { timeout: 10_000 })
          .toBe('H1');
        expect(await seriousViolations(page), label).toEqual([]);
      }
    }, 120_000);
  });
});
