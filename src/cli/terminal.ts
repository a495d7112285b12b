// The one way text reaches the terminal (issue 17, defect 2): every write to stdout and stderr goes through
// `terminalIo`, which lets through only the escape sequences Hostscope itself emits and turns every other
// control character (an OSC 52 clipboard write or OSC 0 title from a bundle's probe id, a C1 control, a
// bidirectional override) into `?`. Our own sequences carry a random mark per process that no bundle can know.
import { randomBytes } from 'node:crypto';
import { ansiStyle, plain, type Style } from './format/style';
import type { CliIo } from './context';

// A supplementary private-use character and 64 random bits: removed on output, so it never reaches a reader.
const MARK = `\u{F0000}${randomBytes(8).toString('hex')}`;

/** An escape sequence of Hostscope's own (colour, the collect progress redraw), allowed through `terminalIo`. */
export function ownSequence(sequence: string): string {
  return MARK + sequence;
}

/** Colours on a terminal, nothing elsewhere; the colours are marked as Hostscope's own. */
export function styleFor(io: Pick<CliIo, 'isTty'>): Style {
  return io.isTty ? TERMINAL_STYLE : plain;
}

const TERMINAL_STYLE = ansiStyle(MARK);

// C0 (tab and newline aside), DEL, C1, and the bidirectional controls that reorder what a reader sees
// (the same set the report escapes: src/core/report/escape.ts).
const CONTROL =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- our own sequences: CSI with digits and one final letter
const OWN = /^\u001b\[[0-9;]*[A-Za-z]/;

/** Text as it may reach the terminal: Hostscope's marked sequences kept, every other control shown as `?`. */
export function terminalText(text: string): string {
  const parts = text.split(MARK);
  let out = parts[0]!.replace(CONTROL, '?');
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i]!;
    const own = OWN.exec(part)?.[0] ?? '';
    out += own + part.slice(own.length).replace(CONTROL, '?');
  }
  return out;
}

/** The same terminal with every write going through `terminalText`. */
export function terminalIo(io: CliIo): CliIo {
  return {
    ...io,
    out: (text) => io.out(terminalText(text)),
    err: (text) => io.err(terminalText(text)),
  };
}

// JSON.stringify escapes C0 but writes C1, bidirectional controls and the line separators as they are.
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]/g;

/** `--json` output: indented, with every control character escaped, so the data survives the terminal path intact. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}
