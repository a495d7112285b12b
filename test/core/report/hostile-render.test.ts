// A bundle whose container names and labels are markup: the HTML report and the Markdown report (rendered by
// GitHub's own cmark-gfm, raw HTML allowed) are parsed by a real Chromium with scripts on. Nothing a name holds
// may become an element, run, or fetch.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createReport,
  renderReportHtml,
  renderReportMarkdown,
  type ReportDocument,
} from '../../../src/core/report';
import { realPart } from '../../helpers/real';
import { chromiumPart, openBrowser, type Browser } from '../../support/chromium';
import { HOSTILE_NAME, HOSTILE_NAME_2, HOSTILE_PATH, loadBundle } from '../../support/report-bundles';

// Every element the HTML renderer writes; anything else in the parsed page came from data.
const RENDERER_TAGS = new Set(
  'html head meta title style body header h1 h2 h3 h4 p nav ol li a main section table colgroup col thead tbody tr th td div span strong code pre ul br svg rect text'.split(
    ' ',
  ),
);

async function documentOf(redact: boolean): Promise<ReportDocument> {
  const b = await loadBundle('hostile-host', HOSTILE_PATH);
  const outcome = createReport(b.model, { generatedAt: '2026-11-30T10:00:00.000Z', redact });
  if (outcome.kind !== 'ok') throw new Error(outcome.kind);
  return outcome.document;
}

interface PageFacts {
  readonly tags: readonly string[];
  readonly text: string;
  readonly hrefs: readonly string[];
  readonly handlers: number;
}

async function parse(browser: Browser, html: string): Promise<PageFacts> {
  await browser.page.setContent(html, { waitUntil: 'load' });
  return browser.page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    return {
      tags: [...new Set(all.map((e) => e.tagName.toLowerCase()))],
      text: document.body.innerText,
      hrefs: [...document.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? ''),
      handlers: all.filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
    };
  });
}

describe('hostile names in rendered reports', () => {
  const runChromium = chromiumPart();
  const runCmark = realPart(
    'cmark-gfm (Debian package cmark-gfm)',
    existsSync('/usr/bin/cmark-gfm') ? null : '/usr/bin/cmark-gfm not found',
  );
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (runChromium) browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.runIf(runChromium)(
    'HTML, not redacted: the names show as text; no element, handler, script or request comes from them',
    async () => {
      const doc = await documentOf(false);
      const facts = await parse(browser!, renderReportHtml(doc));
      expect(facts.tags.filter((t) => !RENDERER_TAGS.has(t))).toEqual([]);
      expect(facts.handlers).toBe(0);
      expect(facts.hrefs.filter((h) => !/^(#|https:\/\/)/.test(h))).toEqual([]);
      expect(facts.text).toContain(HOSTILE_NAME);
      expect(facts.text).toContain(HOSTILE_NAME_2);
      // The label's link and the firewall rule's markup stay text too.
      expect(facts.text).toContain('<b>Allow</b> payroll 8080 for [ops](http://evil.example)');
      expect(browser!.dialogs).toEqual([]);
      expect(browser!.requests).toEqual([]);
    },
  );

  it.runIf(runChromium)('HTML, redacted: pseudonyms in place of the names, still inert', async () => {
    const doc = await documentOf(true);
    const facts = await parse(browser!, renderReportHtml(doc));
    expect(facts.tags.filter((t) => !RENDERER_TAGS.has(t))).toEqual([]);
    expect(facts.text).not.toContain(HOSTILE_NAME);
    expect(facts.text).toMatch(/container-1/);
    expect(facts.text).toContain('Redaction summary');
    expect(browser!.dialogs).toEqual([]);
    expect(browser!.requests).toEqual([]);
  });

  it.runIf(runChromium && runCmark)(
    'Markdown through cmark-gfm with raw HTML on: no image, script or link from a name',
    async () => {
      const doc = await documentOf(false);
      const markdown = renderReportMarkdown(doc);
      const html = execFileSync(
        '/usr/bin/cmark-gfm',
        ['--unsafe', '-e', 'table', '-e', 'autolink', '-e', 'strikethrough'],
        { input: markdown },
      ).toString();
      const facts = await parse(
        browser!,
        `<!doctype html><html><head><title>md</title></head><body>${html}</body></html>`,
      );
      // What the Markdown renderer itself asks for: headings, lists (numbered for fix steps), tables, emphasis, code, line breaks.
      const allowed = new Set(
        'html head title body h1 h2 h3 p ul ol li table thead tbody tr th td strong em code pre br'.split(
          ' ',
        ),
      );
      expect(facts.tags.filter((t) => !allowed.has(t))).toEqual([]);
      expect(facts.handlers).toBe(0);
      expect(facts.hrefs).toEqual([]);
      expect(facts.text).toContain(HOSTILE_NAME);
      expect(facts.text).toContain(HOSTILE_NAME_2);
      expect(browser!.dialogs).toEqual([]);
      expect(browser!.requests).toEqual([]);
    },
  );
});
