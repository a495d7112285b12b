// What a command needs from the terminal; tests pass their own.
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Colour and live progress only on a terminal. */
  readonly isTty: boolean;
  readonly columns: number;
  /** Where `-` reads from (`hostscope import -`); process.stdin when absent. */
  readonly stdin?: AsyncIterable<unknown>;
}

/** Exit codes: 0 ok, 1 the operation failed, 2 usage, 3 unreadable bundle, 4 a named container or service is not in the bundle. */
export const EXIT = { ok: 0, failed: 1, usage: 2, unreadableBundle: 3, notFound: 4 } as const;

/** An error that ends the command with a given exit code and a message for stderr. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
