// Everything a report prints from a bundle (container names, labels, paths, engine messages) is hostile until
// escaped here. Renderers never concatenate bundle text without one of these functions.

// C0/C1 controls (tab and newline aside) and bidirectional overrides, which can reorder what a reader sees
// (a name that displays as `exe.txt` but is `txt.exe`): shown as their code point instead.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Makes control and direction characters visible as `[U+202E]`. */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`);
}

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return showInvisible(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

// Inline Markdown (CommonMark + GFM): characters that open emphasis, code, links, raw HTML, entities, tables
// strikethrough, and `#`, which closes a heading at the end of its line. Backslash-escaping any ASCII punctuation is always allowed (CommonMark 2.4).
const MARKDOWN_INLINE = /[\\`*_[\]<>|~&!#]/g;
// At the start of a line these open a heading, list, quote or thematic break.
// (A backslash before a digit is no escape, so an ordered-list marker loses its `.` or `)` instead.)
const MARKDOWN_LINE_START = /^([#>+=-]|\d+[.)])/;

// GFM's autolink extension links bare URLs and e-mail addresses after escapes are resolved. An escaped `:` or
// `.` stops `http://` and `www.`; nothing stops an address but a zero-width space after its `@`.
const AUTOLINK_SCHEME = /:(?=\/\/)/g;
const AUTOLINK_WWW = /(www)\./gi;
const AUTOLINK_EMAIL = /@(?=\S)/g;

/**
 * Text for Markdown: one line, no construct can open inside it. `line-start` (the default, always safe) also
 * defuses what opens a block at the start of a line; `inline` is for text after other text on its line and in
 * table cells, where no block can open, and reads cleaner (`10.0.17763`, not `10\.0.17763`).
 */
export function escapeMarkdown(text: string, at: 'line-start' | 'inline' = 'line-start'): string {
  // Leading spaces or a tab would turn the line into an indented code block.
  const oneLine = showInvisible(text)
    .replace(/\r\n|\r|\n|\t/g, ' ')
    .trimStart();
  const inline = oneLine.replace(MARKDOWN_INLINE, '\\$&');
  const block =
    at === 'inline'
      ? inline
      : inline.replace(MARKDOWN_LINE_START, (marker: string) =>
          /^\d/.test(marker) ? `${marker.slice(0, -1)}\\${marker.slice(-1)}` : `\\${marker}`,
        );
  return block
    .replace(AUTOLINK_SCHEME, '\\$&')
    .replace(AUTOLINK_WWW, '$1\\.')
    .replace(AUTOLINK_EMAIL, '@\u200b');
}

/** The longest run of backticks, counted in one pass: spreading 150,000 runs into Math.max overflowed the stack. */
function longestBacktickRun(text: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    run = text.charCodeAt(i) === 0x60 /* ` */ ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/**
 * An inline code span around any text (CommonMark 6.1): a fence one backtick longer than the longest run inside,
 * so nothing in the text can close it; padded when the text starts or ends with a backtick. In a table cell,
 * `|` must still be escaped (GFM tables: the pipe is split before inline parsing).
 */
export function markdownCode(text: string, inTable = false): string {
  const oneLine = showInvisible(text).replace(/\r\n|\r|\n/g, ' ');
  const fence = '`'.repeat(longestBacktickRun(oneLine) + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') || oneLine.trim() === '' ? ' ' : '';
  const body = inTable ? oneLine.replace(/\|/g, '\\|') : oneLine;
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** A fenced code block (for commands): the fence is longer than any backtick run, so no line can close it. */
export function markdownCodeBlock(text: string, info = ''): string {
  const body = showInvisible(text.replace(/\r\n|\r/g, '\n'));
  const fence = '`'.repeat(Math.max(2, longestBacktickRun(body)) + 1);
  return `${fence}${info}\n${body}\n${fence}`;
}
