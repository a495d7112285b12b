// The window's own input in Chromium on the served UI: Ctrl+1..9, Ctrl+O, Ctrl+E and Ctrl+/ in the browser shell;
// the desktop menu's commands and navigation as they arrive as events; a bundle opened elsewhere retitles the
// window and leaves a route of the old bundle; a dropped file, whose path a browser cannot tell, is refused
// with a notice.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { BundleRef } from '../../src/shared/views';
import { NAV } from '../../src/renderer/src/nav';
import { chromiumPart } from '../support/chromium';
import { openInPage, useApp, viewReady, type AppInBrowser } from './support';

const run = chromiumPart();

/** Opens a sample through the service, as the desktop menu or another window would, and waits for the page to know. */
async function openElsewhere(app: AppInBrowser, name: string): Promise<BundleRef> {
  const opened = await openInPage(app.service, app.page, { sample: name });
  await expect.poll(() => app.page.title()).toBe(`${opened.computerName ?? opened.label} - Hostscope`);
  return opened;
}

async function dialogOpens(page: Page, name: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name });
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
}

describe.skipIf(!run)('shortcuts, menu events and drops in Chromium', () => {
  const app = useApp({ cleanAfterEach: true });

  it('Ctrl+1..9 go to the sidebar views in order; Ctrl+O, Ctrl+E and Ctrl+/ open their dialogs', async () => {
    const { page } = app;
    await app.show('overview');
    await openElsewhere(app, 'server2019-broken-nat');
    for (const [index, item] of NAV.entries()) {
      await page.keyboard.press(`Control+${index + 1}`);
      await expect.poll(() => new URL(page.url()).hash).toBe(`#/${item.view}`);
      await viewReady(page);
      const current = page.locator('.sidebar [aria-current="page"]');
      expect((await current.textContent())?.trim()).toBe(item.label);
    }
    await page.keyboard.press('Control+o');
    await dialogOpens(page, 'Open a bundle');
    await page.keyboard.press('Control+e');
    await dialogOpens(page, 'Export report');
    await page.keyboard.press('Control+/');
    await dialogOpens(page, 'Keyboard shortcuts');
    // With Alt held the keys are the browser's or the system's, not the app's.
    await page.keyboard.press('Control+Alt+1');
    await page.waitForTimeout(200);
    expect(new URL(page.url()).hash).toBe(`#/${NAV.at(-1)!.view}`);
  });

  it('the desktop menu: a command opens its dialog, a view name navigates', async () => {
    const { page } = app;
    await app.show('overview');
    await openElsewhere(app, 'server2019-broken-nat');
    app.service.emit({ kind: 'command', command: 'collect-remote' });
    await dialogOpens(page, 'Collect from a remote host');
    app.service.emit({ kind: 'command', command: 'shortcuts' });
    await dialogOpens(page, 'Keyboard shortcuts');
    app.service.emit({ kind: 'navigate', view: 'findings' });
    await expect.poll(() => new URL(page.url()).hash).toBe('#/findings');
    await viewReady(page);
  });

  it('a bundle opened elsewhere retitles the window and leaves the old bundle’s container and question', async () => {
    const { page } = app;
    await app.show('overview');
    await openElsewhere(app, 'server2019-broken-nat');
    const [first] = await app.containers();
    await app.show(`containers/${first!.id}/overview`);
    const second = await openElsewhere(app, 'server2022-healthy');
    await expect.poll(() => new URL(page.url()).hash).toBe('#/containers');
    expect(await page.locator('.titlebar-bundle strong').textContent()).toBe(
      second.computerName ?? second.label,
    );
    await app.show('reachability?dir=out&to=internet');
    await openElsewhere(app, 'server2019-broken-nat');
    await expect.poll(() => new URL(page.url()).hash).toBe('#/reachability');
  });

  it('a dropped file is refused with a notice, since a browser cannot tell its path', async () => {
    const { page } = app;
    await app.show('overview');
    const transfer = await page.evaluateHandle(() => {
      const data = new DataTransfer();
      data.items.add(new File(['{}'], 'host01.zip'));
      return data;
    });
    await page.dispatchEvent('.app', 'dragover', { dataTransfer: transfer });
    await page.locator('.app.dragging').waitFor();
    await page.dispatchEvent('.app', 'drop', { dataTransfer: transfer });
    await page.locator('.app:not(.dragging)').waitFor();
    const notice = page
      .getByRole('alert')
      .filter({ hasText: 'A browser cannot tell where a dropped file lives' });
    await notice.waitFor();
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await notice.waitFor({ state: 'detached' });
  });
});
