// What may reach a terminal from Hostscope: its own colours (SGR) and redraw sequences, tab and newline. Any
// other control character in the output came from the data (issue 17, defect 2).

// eslint-disable-next-line no-control-regex -- Hostscope's own sequences
const OWN = /\u001b\[(?:(?:1|2|22|31|32|33|36|39)m|2K|J|\d+F)/g;
// eslint-disable-next-line no-control-regex -- the controls are what is looked for
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** The first control character that is not part of one of Hostscope's own sequences, or null. */
export function foreignControl(text: string): string | null {
  const match = CONTROL.exec(text.replace(OWN, ''));
  return match === null
    ? null
    : `U+${match[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${match.index}`;
}
