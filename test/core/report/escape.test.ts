import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown, markdownCode, showInvisible } from '../../../src/core/report';
import { realPart } from '../../helpers/real';
import { chromiumPart, openBrowser, type Browser } from '../../support/chromium';

// Strings made of what breaks renderers: markup, Markdown punctuation, entities, controls, direction overrides.
const nasty = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '<',
        '>',
        '&',
        '"',
        "'",
        '`',
        '``',
        '*',
        '_',
        '[',
        ']',
        '(',
        ')',
        '|',
        '\\',
        '~',
        '!',
        '#',
        '-',
        '+',
        '=',
        '.',
        '1.',
        '> ',
        '\n',
        '\r\n',
        '\t',
      ),
      fc.constantFrom(
        '<img src=x onerror=alert(1)>',
        '<script>alert(1)</script>',
        '&lt;',
        '&#60;',
        '[a](javascript:alert(1))',
        '<http://x.test>',
        'https://x.test/a_b',
        'www.x.test',
        'ops@x.example',
        '\u202e',
        '\u0000',
        '\u0007',
        'é',
        '漢',
      ),
      fc.string({ maxLength: 4 }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

// Whitespace runs collapse in rendering; the zero-width space that stops e-mail autolinks is not text.
const squash = (s: string): string =>
  s
    .replace(/\u200b/g, '')
    .replace(/\s+/g, ' ')
    .trim();

describe('escapeHtml', () => {
  it('escapes markup characters and makes invisible ones visible', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe(
      '&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;',
    );
    expect(showInvisible('abc\u202eexe.txt\u0000')).toBe('abc[U+202E]exe.txt[U+0000]');
  });
});

describe('escapeMarkdown', () => {
  it('backslash-escapes what opens inline constructs and line-start blocks', () => {
    expect(escapeMarkdown('<img src=x onerror=alert(1)>')).toBe('\\<img src=x onerror=alert(1)\\>');
    expect(escapeMarkdown('# a | b\nc')).toBe('\\# a \\| b c');
    expect(escapeMarkdown('1. x')).toBe('1\\. x');
  });

  it('keeps GFM from turning URLs and e-mail addresses into links', () => {
    expect(escapeMarkdown('see http://x.test or www.x.test, mail a@b.example')).toBe(
      'see http\\://x.test or www\\.x.test, mail a@\u200bb.example',
    );
  });

  it('builds code spans no backtick inside can close', () => {
    expect(markdownCode('a``b')).toBe('```a``b```');
    expect(markdownCode('`x`')).toBe('`` `x` ``');
    expect(markdownCode('a|b', true)).toBe('`a\\|b`');
  });
});

describe('escaped text through real parsers', () => {
  let browser: Browser | undefined;
  const runChromium = chromiumPart();
  const runCmark = realPart(
    'cmark-gfm (Debian package cmark-gfm)',
    existsSync('/usr/bin/cmark-gfm') ? null : '/usr/bin/cmark-gfm not found',
  );
  beforeAll(async () => {
    if (runChromium) browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.runIf(runChromium)(
    'HTML: every string comes out as exactly its text, in content and in attributes',
    async () => {
      const samples = fc.sample(nasty, { numRuns: 300, seed: 6 });
      const html = samples
        .map((s, i) => `<p id="p${i}" title="${escapeHtml(s)}">${escapeHtml(s)}</p>`)
        .join('');
      await browser!.page.setContent(`<!doctype html><body>${html}</body>`);
      const seen = await browser!.page.evaluate(() =>
        [...document.querySelectorAll('p')].map((p) => ({
          text: p.textContent,
          title: p.getAttribute('title'),
          children: p.children.length,
        })),
      );
      expect(seen).toHaveLength(samples.length);
      seen.forEach((got, i) => {
        const expected = showInvisible(samples[i]!).replace(/\r\n?/g, '\n');
        expect(got).toEqual({ text: expected, title: expected, children: 0 });
      });
      expect(await browser!.page.evaluate(() => document.querySelectorAll('img,script').length)).toBe(0);
      expect(browser!.dialogs).toEqual([]);
    },
  );

  it.runIf(runChromium && runCmark)(
    'Markdown: GitHub-flavoured rendering (raw HTML allowed) gives back the text, in paragraphs, cells and code',
    async () => {
      const samples = fc.sample(nasty, { numRuns: 300, seed: 7 });
      const markdown = samples
        .map(
          (s) =>
            `${escapeMarkdown(s) || '.'}\n\n### h ${escapeMarkdown(s, 'inline')}\n\n| a | b |\n|---|---|\n| ${escapeMarkdown(s, 'inline')} | ${markdownCode(s, true)} |\n`,
        )
        .join('\n');
      // --unsafe keeps raw HTML, like renderers that allow it: escaping alone must keep names inert.
      const html = execFileSync(
        '/usr/bin/cmark-gfm',
        ['--unsafe', '-e', 'table', '-e', 'autolink', '-e', 'strikethrough', '-e', 'tagfilter'],
        { input: markdown },
      ).toString();
      await browser!.page.setContent(`<!doctype html><body>${html}</body>`);
      const seen = await browser!.page.evaluate(() => ({
        paragraphs: [...document.querySelectorAll('body > p')].map((p) => ({
          text: p.textContent,
          children: [...p.children].map((c) => c.tagName),
        })),
        headings: [...document.querySelectorAll('body > h3')].map((h) => ({
          text: h.textContent ?? '',
          children: h.children.length,
        })),
        cells: [...document.querySelectorAll('tbody tr')].map((tr) =>
          [...tr.querySelectorAll('td')].map((td) => ({
            text: td.textContent,
            children: [...td.children].map((c) => c.tagName),
          })),
        ),
        foreign: document.querySelectorAll(
          'img,script,a,em,strong,del,h1,h2,h4,h5,h6,blockquote,ul,ol,hr,pre',
        ).length,
      }));
      expect(seen.paragraphs).toHaveLength(samples.length);
      expect(seen.cells).toHaveLength(samples.length);
      samples.forEach((s, i) => {
        const text = squash(showInvisible(s));
        expect(squash(seen.paragraphs[i]!.text ?? '')).toBe(text || '.');
        expect(seen.paragraphs[i]!.children).toEqual([]);
        expect({ ...seen.headings[i], text: squash(seen.headings[i]!.text) }).toEqual({
          text: squash(`h ${text}`),
          children: 0,
        });
        expect(squash(seen.cells[i]![0]!.text ?? '')).toBe(text);
        expect(seen.cells[i]![0]!.children).toEqual([]);
        expect(squash(seen.cells[i]![1]!.text ?? '')).toBe(text);
        expect(seen.cells[i]![1]!.children).toEqual(['CODE']);
      });
      expect(seen.foreign).toBe(0);
      expect(browser!.dialogs).toEqual([]);
    },
  );
});
