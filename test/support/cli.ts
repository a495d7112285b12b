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

/** The question of `hostscope explain`: `from` (inbound) or `to` (outbound); both or neither to test the refusal. */
export interface ExplainQuestion {
  readonly from?: string;
  readonly to?: string;
  readonly port?: string;
}

/** `hostscope explain <bundle> --container <container> [--from] [--to] [--port]`, then `flags`. */
export function explain(
  bundle: string,
  container: string,
  question: ExplainQuestion,
  ...flags: string[]
): Promise<CliRun> {
  return cli(
    'explain',
    bundle,
    '--container',
    container,
    ...(question.from === undefined ? [] : ['--from', question.from]),
    ...(question.to === undefined ? [] : ['--to', question.to]),
    ...(question.port === undefined ? [] : ['--port', question.port]),
    ...flags,
  );
}
