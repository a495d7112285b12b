// Paste or drop (issue 12) end to end in Chromium on the served UI: a multi-command paste previewed block by block,
// opened, landing on the overview of the host it names; hostile pastes refused or shown inert with a clear message.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPart } from '../support/chromium';
import { seriousViolations, SHOTS, useApp, viewReady } from './support';

const run = chromiumPart();
const fixture = (name: string): string =>
  readFileSync(join(import.meta.dirname, '../fixtures/import', name), 'utf8');

/** Sets the text area's value without typing it key by key (10 MB would take minutes), as a paste does. */
async function paste(dialog: Locator, text: string): Promise<void> {
  await dialog.getByLabel(/^Console output/).evaluate((area, value) => {
    const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
    setter.call(area, value);
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

async function openDialog(page: Page): Promise<Locator> {
  await page
    .getByRole('button', { name: /Paste or drop/ })
    .first()
    .click();
  const dialog = page.getByRole('dialog', { name: 'Paste or drop console output' });
  await dialog.waitFor();
  return dialog;
}

describe.skipIf(!run)('Paste or drop in Chromium', () => {
  let importsDir = '';
  beforeAll(() => {
    importsDir = mkdtempSync(join(tmpdir(), 'hostscope-e2e-imports-'));
  });
  afterAll(() => rmSync(importsDir, { recursive: true, force: true }));
  const app = useApp({ compose: () => ({ importsDir }), cleanAfterEach: true });

  it('previews a multi-command paste block by block, opens it and lands on the overview', async () => {
    const { page } = app;
    await page.goto(app.url);
    await page.getByRole('heading', { name: 'Open a host' }).waitFor();
    const dialog = await openDialog(page);
    // The text area has focus first: paste and go.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('import-text');
    await paste(dialog, fixture('server2019-broken-nat-paste.txt'));
    await dialog.getByRole('button', { name: 'Preview' }).click();
    const heading = dialog.getByRole('heading', { name: /What was recognised: \d+ blocks/ });
    await heading.waitFor();
    // Focus moves to the preview, so a screen reader reads what was found.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('import-preview-title');
    const blocks = dialog.locator('.import-block');
    expect(await blocks.count()).toBeGreaterThan(20);
    const first = (await blocks.first().innerText()).replace(/\s+/g, ' ');
    expect(first).toContain('> docker inspect api shop legacy reports db worker isolated old-api');
    expect(first).toMatch(/docker inspect: \d+ rows → docker\/containers\.json/);
    expect(first).toMatch(/shows only the containers it was given/);
    await expect
      .poll(() => dialog.locator('.import-preview').innerText())
      .toMatch(/Computer:\s*SRV2019-APP02/);
    await dialog.getByText(/What stays unknown/).click();
    expect(await dialog.locator('.import-unknown li').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'import-preview.png') });

    await dialog.getByRole('button', { name: 'Open', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await viewReady(page);
    expect(page.url()).toMatch(/#\/overview$/);
    await expect.poll(() => page.locator('.titlebar-bundle').textContent()).toContain('SRV2019-APP02');
    const info = await app.service.call('app:info', {});
    expect(info.ok && info.value.bundle?.source.startsWith(importsDir)).toBe(true);
    expect(info.ok && info.value.bundle?.collector).toMatch(/^import /);
    // The overview's probe list says what the paste lacked (the manifest's `partial`), where the probe is listed.
    const probes = page.locator('section.panel').filter({ has: page.locator('#ov-probes') });
    expect(await probes.locator('h2').innerText()).toMatch(/\d+ of \d+ ok, [1-9]\d* of them read in part/);
    await probes
      .getByText(/^Read in part, without the full container list: docker inspect shows only the containers/)
      .waitFor();
  });

  it('refuses 10 MB of one line in the dialog with the limit, before sending it', async () => {
    const { page } = app;
    const dialog = await openDialog(page);
    const requests: string[] = [];
    const onRequest = (r: { url(): string }): void => void requests.push(r.url());
    page.on('request', onRequest);
    // A real paste event: the dialog refuses it before the text reaches the text area or the server.
    await dialog.getByLabel(/^Console output/).evaluate((area) => {
      const data = new DataTransfer();
      data.setData('text/plain', 'A'.repeat(10 * 1024 * 1024));
      area.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    });
    expect(await dialog.getByLabel(/^Console output/).inputValue()).toBe('');
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(
      /The text is 10\.0 MiB; this dialog takes up to 8\.0 MiB; import bigger output with `hostscope import`/,
    );
    page.off('request', onRequest);
    expect(requests.filter((u) => u.includes('/api/import'))).toEqual([]);
    expect(await dialog.getByRole('button', { name: 'Open', exact: true }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('shows an HTML page and control characters as inert text, with why nothing was read', async () => {
    const { page } = app;
    const dialog = await openDialog(page);
    await paste(dialog, fixture('hostile-html-page.txt'));
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await dialog.getByRole('heading', { name: /What was recognised: 1 block$/ }).waitFor();
    const block = dialog.locator('.import-block');
    expect(await block.innerText()).toMatch(/not used[\s\S]*looks like an HTML page, not console text/);
    // Nothing from the page became markup.
    expect(
      await dialog.locator('.import-preview script, .import-preview img, .import-preview iframe').count(),
    ).toBe(0);

    await paste(
      dialog,
      'PS C:\\> docker\u001b[31m ps\u0007 -a\nCONTAINER ID   IMAGE   NAMES\n\u202eevil\u0000\n',
    );
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await dialog.getByRole('heading', { name: /What was recognised/ }).waitFor();
    const text = await dialog.locator('.import-preview').innerText();
    expect([...text].filter((ch) => ch.charCodeAt(0) < 0x20 && ch !== '\n' && ch !== '\t')).toEqual([]);
    expect(app.browser.dialogs).toEqual([]);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });
});
