// Runs the CLI in-process and captures what it prints.
import { runCli } from '../../src/cli/program';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function cli(...argv: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    isTty: false,
    columns: 100,
  });
  return { code, out, err };
}
