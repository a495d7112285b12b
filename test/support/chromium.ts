// A real headless Chromium for tests that parse report HTML the way a browser does. Tests call
// `chromiumPart()` at the top (test/helpers/real.ts: skip with a reason, or fail under HOSTSCOPE_REQUIRE_REAL=1).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../src/collect/pdf';
import { realPart } from '../helpers/real';

export function chromiumPath(): string | null {
  const lookup = findChromium();
  return lookup.kind === 'found' ? lookup.path : null;
}

export function chromiumPart(): boolean {
  const lookup = findChromium();
  return realPart(
    'Chromium',
    lookup.kind === 'found' ? null : `none of ${lookup.searched.join(', ')} exists`,
  );
}

export interface Browser {
  readonly page: Page;
  /** Every request the page tried to make (none is let through). */
  readonly requests: string[];
  /** Dialogs (alert, confirm) the page opened: a script ran. */
  readonly dialogs: string[];
  readonly close: () => Promise<void>;
}

export interface ChromiumProfile {
  readonly context: BrowserContext;
  readonly page: Page;
  /** alert/confirm dialogs the page opened (each dismissed): a script ran. */
  readonly dialogs: string[];
  close(): Promise<void>;
}

/** Headless Chromium on a fresh profile, deleted on close. `options`: the viewport, colours and downloads a test needs. */
export async function launchChromium(options: BrowserContextOptions = {}): Promise<ChromiumProfile> {
  const executablePath = chromiumPath();
  if (executablePath === null) throw new Error('Chromium is not installed');
  const profile = mkdtempSync(join(tmpdir(), 'hostscope-test-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...options,
    executablePath,
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return {
    context,
    page,
    dialogs,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A page with JavaScript ON (so an injected script would run and be seen), all requests recorded and refused. */
export async function openBrowser(): Promise<Browser> {
  const { page, dialogs, close } = await launchChromium();
  const requests: string[] = [];
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith('data:') || url === 'about:blank') return route.continue();
    requests.push(url);
    return route.abort();
  });
  return { page, requests, dialogs, close };
}
