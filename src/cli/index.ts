import { runCli } from './program';

// `hostscope summary | head`: the reader went away, which is the end of the output, not a failure (issue 11).
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

const io = {
  out: (text: string): void => void process.stdout.write(text),
  err: (text: string): void => void process.stderr.write(text),
  isTty: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  columns: process.stdout.columns || 100,
};

process.exitCode = await runCli(process.argv.slice(2), io);
