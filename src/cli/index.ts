import { runCli } from './program';

const io = {
  out: (text: string): void => void process.stdout.write(text),
  err: (text: string): void => void process.stderr.write(text),
  isTty: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  columns: process.stdout.columns || 100,
};

process.exitCode = await runCli(process.argv.slice(2), io);
