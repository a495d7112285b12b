// "Test it" in Chromium (issue 14): on a bundle of this machine the button runs a real connection through the
// service (the collector's PowerShell runner, to a port this test listens on) and the answer shows the contradiction
// first, the verdict following the connection and the observed step in the path; on a sample the button's place
// says why testing is unavailable.
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPwsh } from '../collect/powershell/pwsh-test-kit';
import { acceptingListener, type AcceptingListener } from '../support/listener';
import { liveBundle } from '../support/live-bundle';
import { chromiumPart } from '../support/chromium';
import { openInPage, useApp } from './support';

const run = chromiumPart() && hasPwsh();

describe.skipIf(!run)('Test it in the app (Chromium, real PowerShell)', () => {
  let dir = '';
  let listener: AcceptingListener | null = null;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hostscope-e2e-checks-'));
    listener = await acceptingListener();
  });

  afterAll(() => {
    listener?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // Collecting is available here (a collections folder), so checks are too: the app's own composition.
  const app = useApp({ compose: () => ({ collectionsDir: dir }) });

  async function portainerId(): Promise<string> {
    return (await app.containers()).find((r) => r.name === 'portainer')!.id;
  }

  it('runs the check, shows the contradiction first and the observed step', async () => {
    const { page } = app;
    const { port } = listener!;
    await openInPage(app.service, page, { path: liveBundle(dir, hostname(), port) });
    await app.show(`reachability?c=${await portainerId()}&from=host-localhost&port=${port}&proto=tcp`);
    await page.locator('.verdict-banner').waitFor();
    expect(await page.locator('.verdict-banner').textContent()).toContain('Unreachable');
    await page.getByRole('button', { name: 'Test it' }).click();
    await page.locator('.observation-contradiction').waitFor({ timeout: 60_000 });
    expect(await page.locator('.observation-contradiction').textContent()).toMatch(
      /Hostscope expected this to fail at .*, but a connection succeeded/,
    );
    expect(await page.locator('.verdict-banner').textContent()).toContain('Reachable');
    // The diagram wraps a step's title over lines (SVG text without spaces between them).
    expect(await page.locator('.path-diagram').textContent()).toMatch(/A real connection\s*succeeded/);
    expect(app.browser.problems).toEqual([]);
  }, 120_000);

  it('says why testing is unavailable on a sample host, on the answer and on the matrix', async () => {
    const { page } = app;
    await openInPage(app.service, page, { sample: 'server2016-swarm-portainer' });
    await app.show(`reachability?c=${await portainerId()}&from=host-localhost&port=9000&proto=tcp`);
    await page.locator('.verdict-banner').waitFor();
    expect(await page.getByRole('button', { name: 'Test it' }).count()).toBe(0);
    expect(await page.locator('.test-it-unavailable').allTextContents()).toEqual([
      expect.stringContaining('This is a sample host, not a live one'),
      expect.stringContaining('This is a sample host, not a live one'),
    ]);
  }, 60_000);
});
