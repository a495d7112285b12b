// The report's HTML printed to PDF by a locally installed Chromium (the CLI's path; the app prints through
// Electron). The page runs with JavaScript off and every request refused: the HTML needs neither.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapeHtml } from '../core/report';
import { errorMessage } from '../shared/error-message';
import { isMac, isWindows } from './platform';

/** Flags for a headless Chromium that talks to nothing but its own page (no update, sync or telemetry traffic). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where browsers usually are, per platform; HOSTSCOPE_CHROMIUM, when set, is the only place looked at. */
export function chromiumCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.HOSTSCOPE_CHROMIUM) return [env.HOSTSCOPE_CHROMIUM];
  if (isWindows) {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string =>
      Boolean(r),
    );
    return [
      ...roots.flatMap((r) => [
        join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'),
        join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
        join(r, 'Chromium', 'Application', 'chrome.exe'),
      ]),
    ];
  }
  if (isMac) {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/usr/bin/microsoft-edge',
    '/snap/bin/chromium',
  ];
}

export type ChromiumLookup =
  | { readonly kind: 'found'; readonly path: string }
  | { readonly kind: 'missing'; readonly searched: readonly string[] };

export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumLookup {
  const searched = chromiumCandidates(env);
  const path = searched.find((p) => existsSync(p));
  return path ? { kind: 'found', path } : { kind: 'missing', searched };
}

/** No browser to print with; the message says where we looked and what to do instead. */
export class ChromiumNotFoundError extends Error {
  constructor(readonly searched: readonly string[]) {
    super(
      `no Chromium, Chrome or Edge found to print the PDF (looked in: ${searched.join(', ')}). ` +
        'Install one, or point HOSTSCOPE_CHROMIUM at its executable, or export --format html and print that from a browser.',
    );
    this.name = 'ChromiumNotFoundError';
  }
}

export interface PdfOptions {
  /** Printed in the page header (escaped here). */
  readonly title: string;
  readonly executablePath?: string;
  readonly timeoutMs?: number;
  /** Ends the print: its Chromium is closed (killed if it does not close) before the promise rejects. */
  readonly signal?: AbortSignal | undefined;
}

/** Prints a self-contained HTML document to A4 PDF, with the title in the header and page numbers in the footer. */
export async function renderPdf(html: string, options: PdfOptions): Promise<Uint8Array> {
  let executablePath = options.executablePath;
  if (executablePath === undefined) {
    const lookup = findChromium();
    if (lookup.kind === 'missing') throw new ChromiumNotFoundError(lookup.searched);
    executablePath = lookup.path;
  }
  // Loaded here, not at start-up: every other command works where playwright-core is not installed.
  const { chromium } = await import('playwright-core').catch((error: unknown) => {
    throw new Error(
      `PDF export needs the playwright-core package, which could not be loaded (${errorMessage(error)}); export --format html and print that instead.`,
    );
  });
  const { signal } = options;
  const timeout = options.timeoutMs ?? 60_000;
  signal?.throwIfAborted();
  // A fresh profile each time: nothing from an earlier run (or the user's browser) leaks into the print.
  const profile = await mkdtemp(join(tmpdir(), 'hostscope-pdf-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS],
      javaScriptEnabled: false,
      offline: true,
      timeout,
    });
    // Closing a persistent context ends its browser process (Playwright kills it when it does not close in
    // time) and settles once the process has exited; the page's pending calls then reject.
    let closing: Promise<void> | null = null;
    const close = (): Promise<void> => (closing ??= context.close().catch(() => undefined));
    const onAbort = (): void => void close();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      signal?.throwIfAborted();
      const page = context.pages()[0] ?? (await context.newPage());
      await page.route('**/*', (route) =>
        route.request().url().startsWith('data:') ? route.continue() : route.abort('blockedbyclient'),
      );
      await page.setContent(html, { waitUntil: 'load', timeout });
      const pdf = await page.pdf({
        format: 'A4',
        // The report asks for landscape pages for its wide tables (CSS named pages).
        preferCSSPageSize: true,
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: `<div style="font-size:8px;width:100%;padding:0 10mm;color:#555;font-family:sans-serif">${escapeHtml(options.title)}</div>`,
        footerTemplate:
          '<div style="font-size:8px;width:100%;padding:0 10mm;color:#555;font-family:sans-serif;text-align:right">page <span class="pageNumber"></span> of <span class="totalPages"></span></div>',
        margin: { top: '16mm', bottom: '16mm', left: '10mm', right: '10mm' },
      });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } catch (error) {
      // A page call cut short by the close says "Target closed"; the caller asked for the abort's reason.
      throw signal?.aborted ? signal.reason : error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      await close();
    }
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
