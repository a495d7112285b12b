// What the end-to-end tests share: a fresh renderer build, the app served in-process by the same code as
// `hostscope serve`, a real Chromium at 1280x800, and axe-core run inside the page.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { renderPdf } from '../../src/collect/pdf';
import { createHostscopeService, type ComposeOptions } from '../../src/service/compose';
import { startHttpServer, type RunningHttpServer } from '../../src/service/http-server';
import { rendererDir } from '../../src/service/paths';
import type { HostscopeService } from '../../src/service/service';
import type { BundleRef, ContainerRow } from '../../src/shared/views';
import { launchChromium } from '../support/chromium';

const require = createRequire(import.meta.url);

/** Where the e2e tests write their screenshots (made by useApp). */
export const SHOTS = join(process.cwd(), 'screenshots');

/** The smallest window the layout is made for (issue 11) and a common large one. */
export const WINDOW_SIZES = [
  { width: 1024, height: 700 },
  { width: 1920, height: 1080 },
] as const;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the app when out/renderer is missing or older than the renderer's sources, so the test sees this code. */
export function ensureRendererBuilt(): string {
  const dir = rendererDir();
  const index = join(dir, 'index.html');
  const sources = Math.max(
    newestMtime(join(process.cwd(), 'src', 'renderer')),
    newestMtime(join(process.cwd(), 'src', 'shared')),
  );
  if (!existsSync(index) || statSync(index).mtimeMs < sources) {
    execFileSync(
      process.execPath,
      [join(process.cwd(), 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
      { stdio: 'pipe', timeout: 180_000 },
    );
  }
  return dir;
}

export interface ServedApp {
  readonly service: HostscopeService;
  readonly server: RunningHttpServer;
  close(): Promise<void>;
}

/** `extra`: further shell parts a test needs (an imports folder). */
export async function serveApp(extra: ComposeOptions = {}): Promise<ServedApp> {
  const service = createHostscopeService(
    { kind: 'web' },
    { printPdf: (html, title, signal) => renderPdf(html, { title, signal }), ...extra },
  );
  const server = await startHttpServer({ service, rendererDir: ensureRendererBuilt(), port: 0 });
  return {
    service,
    server,
    close: async () => {
      await server.close();
      service.dispose();
    },
  };
}

export interface BrowserPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors, page errors and refused requests: each one fails the run. */
  readonly problems: string[];
  /** alert/confirm dialogs: a script from bundle data ran. */
  readonly dialogs: string[];
  close(): Promise<void>;
}

export async function openChromium(): Promise<BrowserPage> {
  const { context, page, dialogs, close } = await launchChromium({
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    acceptDownloads: true,
  });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`),
  );
  return { context, page, problems, dialogs, close };
}

/** Waits until the view has its heading and nothing is loading any more. */
export async function viewReady(page: Page): Promise<void> {
  await page.waitForSelector('main h1');
  await page.waitForFunction(() => document.querySelector('.state-loading') === null, undefined, {
    timeout: 20_000,
  });
  // Charts and diagrams measure their box once laid out.
  await page.waitForTimeout(150);
}

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: readonly string[];
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core run in the page (through the debugger, which the page's CSP does not govern): serious and critical only. */
export async function seriousViolations(page: Page): Promise<readonly AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Opens a bundle through the service, as the desktop menu or another tab would, and waits until the page has taken
 * its `bundle-opened` event. A route set before that would name the previous bundle's containers, and the page
 * leaves such routes when the event arrives (hooks/use-app-info.ts).
 */
export async function openInPage(
  service: HostscopeService,
  page: Page,
  what: { readonly sample: string } | { readonly path: string },
): Promise<BundleRef> {
  const opened =
    'sample' in what
      ? await service.call('bundle:openSample', { name: what.sample })
      : await service.call('bundle:open', { path: what.path });
  if (!opened.ok) throw new Error(opened.error.message);
  // A page not showing the app yet asks for the open bundle when it loads: no event to wait for.
  if ((await page.locator('.app').count()) > 0)
    await page.locator(`.app[data-bundle-id="${opened.value.id}"]`).waitFor({ state: 'attached' });
  return opened.value;
}

export interface UseAppOptions {
  /** The service's shell parts, asked for once the file's own beforeAll hooks ran (they make the folders). */
  readonly compose?: () => ComposeOptions;
  /** Permissions the app's origin holds in the browser (the clipboard). */
  readonly permissions?: readonly string[];
  /** Each test must end with no console problem and no dialog; a problem belongs to the test that caused it. */
  readonly cleanAfterEach?: boolean;
}

/** The served app and the browser it is open in, readable once useApp's beforeAll ran. */
export interface AppInBrowser {
  readonly service: HostscopeService;
  /** The server's address, without a route. */
  readonly url: string;
  readonly browser: BrowserPage;
  readonly page: Page;
  /** Goes to `#/route` and waits until the view is ready. */
  show(route: string): Promise<void>;
  /** The open bundle's container rows. */
  containers(): Promise<readonly ContainerRow[]>;
}

/**
 * The fixture every e2e file shares: the app served as `hostscope serve` serves it and a Chromium page, made in
 * beforeAll and closed in afterAll. Call it inside the describe that skips when a real part is missing, after the
 * hooks that make what `compose` names: vitest runs beforeAll hooks in order and afterAll hooks in reverse
 * (`sequence.hooks: 'stack'`, its default), so those folders outlive the app.
 */
export function useApp(options: UseAppOptions = {}): AppInBrowser {
  let served: ServedApp | undefined;
  let opened: BrowserPage | undefined;
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useApp: the app is read before its beforeAll ran');
    return value;
  };
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    served = await serveApp(options.compose?.() ?? {});
    opened = await openChromium();
    if (options.permissions)
      await opened.context.grantPermissions([...options.permissions], {
        origin: new URL(served.server.url).origin,
      });
  }, 240_000);
  afterAll(async () => {
    await opened?.close();
    await served?.close();
  });
  if (options.cleanAfterEach)
    afterEach(() => {
      const browser = started(opened);
      expect(browser.problems.splice(0)).toEqual([]);
      expect(browser.dialogs).toEqual([]);
    });
  const app: AppInBrowser = {
    get service() {
      return started(served).service;
    },
    get url() {
      return started(served).server.url;
    },
    get browser() {
      return started(opened);
    },
    get page() {
      return started(opened).page;
    },
    show: async (route) => {
      await app.page.goto(`${app.url}#/${route}`);
      await viewReady(app.page);
    },
    containers: async () => {
      const list = await app.service.call('containers:list', {});
      if (!list.ok || list.value.kind !== 'known') throw new Error('containers unknown');
      return list.value.rows;
    },
  };
  return app;
}
