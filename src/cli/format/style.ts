// Terminal styling as a parameter: the CLI passes colours on a TTY and `plain` elsewhere, so formatters stay pure.
export interface Style {
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly red: (s: string) => string;
  readonly green: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly cyan: (s: string) => string;
}

const same = (s: string): string => s;

export const plain: Style = { bold: same, dim: same, red: same, green: same, yellow: same, cyan: same };

/** SGR colours; `mark` precedes each sequence so the CLI's terminal path can tell them from a bundle's (src/cli/terminal.ts). */
export function ansiStyle(mark = ''): Style {
  const sgr =
    (open: number, close: number) =>
    (s: string): string =>
      `${mark}\u001b[${open}m${s}${mark}\u001b[${close}m`;
  return {
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    cyan: sgr(36, 39),
  };
}

export const ansi: Style = ansiStyle();

export { safeText } from '../../core/safe-text';
