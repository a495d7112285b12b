import { Command, CommanderError } from 'commander';
import { CliError, EXIT, type CliIo } from './context';
import { summaryCommand } from './commands/summary';
import { serveCommand } from './commands/serve';
import { collectCommand } from './commands/collect';
import { reportCommand } from './commands/report';
import { redactCommand } from './commands/redact';
import { importCommand } from './commands/import';
import { inspectCommand } from './commands/inspect';
import { explainCommand } from './commands/explain';
import { findingsCommand } from './commands/findings';
import { isolationCommand } from './commands/isolation';
import { diffCommand } from './commands/diff';
import { HOSTSCOPE_VERSION } from '../shared/version';
import { terminalIo } from './terminal';
import { errorMessage } from '../shared/error-message';

/** Messages are one line: a name from a bundle may carry line breaks. */
const oneLine = (text: string): string => text.replace(/\s*[\r\n]+\s*/g, ' ');

/** Each command is a function (io) => Command in src/cli/commands/<name>.ts, added here once. */
// In the order an admin meets them: look at a bundle, ask about a container, collect, share, serve the UI.
const COMMANDS: readonly ((io: CliIo) => Command)[] = [
  summaryCommand,
  inspectCommand,
  explainCommand,
  findingsCommand,
  isolationCommand,
  diffCommand,
  collectCommand,
  importCommand,
  reportCommand,
  redactCommand,
  serveCommand,
];

export function buildProgram(io: CliIo): Command {
  const program = new Command('hostscope')
    .description('Explains why a container on a Windows container host can or cannot be reached.')
    .version(HOSTSCOPE_VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();
  for (const make of COMMANDS)
    program.addCommand(make(io).exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err }));
  return program;
}

/** Runs the CLI and returns the exit code; never calls process.exit, so tests can call it in-process. */
export async function runCli(argv: readonly string[], terminal: CliIo): Promise<number> {
  // Every write, commander's help and errors included, goes through the one terminal path (issue 17).
  const io = terminalIo(terminal);
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliError) {
      io.err(`hostscope: ${oneLine(error.message)}\n`);
      return error.exitCode;
    }
    // A bug, not the user's doing: one line, and the stack only when asked for (it quotes no bundle, but it is
    // noise to an admin and was printed for every hostile input that reached a throw).
    const message = errorMessage(error);
    const stack = process.env.HOSTSCOPE_DEBUG && error instanceof Error ? `\n${error.stack ?? ''}` : '';
    io.err(`hostscope: internal error: ${oneLine(message)} (set HOSTSCOPE_DEBUG=1 for details)${stack}\n`);
    return EXIT.failed;
  }
}
