// Issue 16 in Debian's Chromium: the isolation walkthrough on each sample host, its eight steps, every glossary word
// reachable by keyboard with its definition as the accessible description, sources as titled links, no layout
// overflow at 1024x700, and axe clean as the other views (test/e2e/layout.test.ts).

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_HOSTS } from '../support/samples';
import { chromiumPart } from '../support/chromium';
import { openInPage, seriousViolations, SHOTS, useApp, viewReady } from './support';

const run = chromiumPart();

describe.skipIf(!run)('isolation walkthrough (issue 16)', () => {
  const app = useApp();

  /** Every test reads the walkthrough of one sample host at 1024x700. */
  async function showIsolation(sample: string): Promise<void> {
    await app.page.setViewportSize({ width: 1024, height: 700 });
    await openInPage(app.service, app.page, { sample });
    await app.show('isolation');
  }

  it.each(SAMPLE_HOSTS)(
    '%s: the steps, titled links, no overflow at 1024x700, axe clean',
    async (sample) => {
      const { page } = app;
      await showIsolation(sample);
      const headings = await page.locator('.iso-step h2').allTextContents();
      // Every sample has at least two containers: all eight steps.
      expect(headings.map((h) => h.replace(/^Step \d+\s*/, ''))).toEqual([
        'The kernel and the security boundary',
        'What the host sees',
        'Networking',
        'Storage',
        'Which images run in which mode here',
        'Cost: memory and start-up',
        'Licensing',
        'What if it ran in the other mode?',
      ]);
      // No reference shows as a bare issue number or an address: each link has a title in words.
      const links = await page.locator('.iso-steps a[target="_blank"]').allTextContents();
      expect(links.length).toBeGreaterThan(3);
      for (const text of links) {
        expect(text).not.toMatch(/^https?:|^[\w.-]+#\d+$|github\.com/);
        expect(text).toMatch(/[A-Za-z]{3,} [A-Za-z]{3,}/);
      }
      expect(await page.locator('.iso-steps').textContent()).not.toMatch(/knowledge notes|hcsshim#|#\d{3}\b/);
      // The compatibility table has a row per container, each with a verdict per mode.
      const rows = page.locator('.iso-compat tbody tr');
      expect(await rows.count()).toBeGreaterThan(1);
      // Nothing is wider than the window.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(SHOTS, `isolation-walkthrough-${sample}.png`), fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);
    },
    120_000,
  );

  it('2022: the port asked about is the application port, never RPC 135', async () => {
    const { page } = app;
    await showIsolation('server2022-healthy');
    const reach = await page.locator('.iso-table tr', { hasText: 'Reach from the host' }).textContent();
    expect(reach).toMatch(/on (5672|80|8080|9090)\/tcp/);
    expect(reach).not.toMatch(/\b135\/tcp/);
  });

  it('every glossary word is reached with Tab and shows its definition, also named by aria-describedby', async () => {
    const { page } = app;
    await showIsolation('server2016-swarm-portainer');
    const wanted = ['utility VM', 'vmwp', 'vmmem', 'CExecSvc', 'session', 'sandbox.vhdx', 'HNS', 'WinNAT'];
    const reached = new Map<string, string>();
    await page.locator('h1').focus();
    for (let i = 0; i < 400 && reached.size < wanted.length; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el?.classList.contains('term-word')) return null;
        const tip = document.getElementById(el.getAttribute('aria-describedby') ?? '');
        return {
          word: (el.textContent ?? '').trim(),
          tip: tip?.textContent ?? '',
          visible: tip !== null && getComputedStyle(tip).display !== 'none',
          inside: tip !== null && tip.getBoundingClientRect().right <= window.innerWidth + 1,
        };
      });
      if (!focused) continue;
      expect(focused.visible, focused.word).toBe(true);
      expect(focused.inside, focused.word).toBe(true);
      const key = wanted.find((w) => focused.word.toLowerCase().startsWith(w.toLowerCase()));
      if (key && !reached.has(key)) reached.set(key, focused.tip);
    }
    expect([...reached.keys()].sort()).toEqual([...wanted].sort());
    for (const [word, tip] of reached) expect(tip.length, word).toBeGreaterThan(40);
    // Hover shows it too.
    const first = page.locator('.term').first();
    await page.mouse.move(0, 0);
    await page.locator('h1').focus();
    await first.locator('.term-word').hover();
    expect(await first.locator('.term-tip').isVisible()).toBe(true);
  }, 120_000);

  it('the what-if: portainer in Hyper-V loses its session and its 9000 rule; the external answer changes', async () => {
    const { page } = app;
    await showIsolation('server2016-swarm-portainer');
    const select = page.locator('#iso-whatif-title').locator('xpath=..').locator('select');
    const portainer = await select.locator('option', { hasText: 'portainer' }).getAttribute('value');
    await select.selectOption(portainer!);
    await viewReady(page);
    await expect.poll(() => page.locator('.iso-whatif').innerText()).toMatch(/no session of its own/);
    expect(await page.locator('.iso-whatif').innerText()).toMatch(/would not create its 1 port rule/);
    expect(await page.locator('#iso-whatif-title').locator('xpath=..').innerText()).toMatch(
      /From external to 9000\/tcp/,
    );
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);
});
