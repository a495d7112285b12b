import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { renderPdf } from '../../collect/pdf';
import { createHostscopeService } from '../../service/compose';
import { startHttpServer } from '../../service/http-server';
import { defaultHistoryDir, rendererDir, samplesDir } from '../../service/paths';
import { defaultSample } from '../../service/samples';
import { errorMessage } from '../../shared/error-message';
import { CliError, EXIT, type CliIo } from '../context';
import { openBrowser } from '../open-browser';

export function serveCommand(io: CliIo): Command {
  return new Command('serve')
    .description(
      'Serve the Hostscope app on 127.0.0.1 for a browser (a Server Core host, a Linux workstation)',
    )
    .argument('[bundle]', 'bundle folder or .zip (default: a sample host)')
    .option('--port <n>', 'port on 127.0.0.1 (default: a free one)', parsePort, 0)
    .option('--no-open', 'do not open a browser, only print the URL')
    .option(
      '--history <dir>',
      'folder of this host\'s history ("Collect again", the interval, the timeline); default: under the user\'s data folder',
    )
    .addHelpText(
      'after',
      '\nThe URL carries a random token; only requests with it are answered. Stop with Ctrl+C.' +
        '\nExit codes: 0 stopped, 1 the renderer is not built or the port is taken, 2 usage, 3 unreadable bundle.' +
        '\nExample: hostscope serve resources/samples/server2019-broken-nat --no-open',
    )
    .action(
      async (bundle: string | undefined, options: { port: number; open: boolean; history?: string }) => {
        const dir = rendererDir();
        if (!existsSync(join(dir, 'index.html'))) {
          throw new CliError(
            `the app is not built (${dir} has no index.html): run \`npm run build\` first`,
            EXIT.failed,
          );
        }
        // Logs go through the terminal path too, one line each: a bundle's text can be in a message.
        const log = (line: string): void => io.err(`${line}\n`);
        // Imports from the browser go to a folder of this user's own (mkdtemp: 0700, never a guessed name); it
        // holds nothing worth keeping once serve stops, however it stops.
        const importsDir = await mkdtemp(join(tmpdir(), 'hostscope-imports-'));
        try {
          const service = createHostscopeService(
            { kind: 'web' },
            {
              collectionsDir: process.cwd(),
              historyDir: resolve(options.history ?? defaultHistoryDir()),
              importsDir,
              printPdf: (html, title, signal) => renderPdf(html, { title, signal }),
              logError: (message, error) => log(`${message}: ${errorMessage(error)}`),
            },
          );
          const sample = bundle === undefined ? defaultSample(samplesDir()) : null;
          if (bundle === undefined && sample === null) {
            throw new CliError(
              `no bundle given and no sample host in ${samplesDir()}: name a bundle folder or .zip`,
              EXIT.usage,
            );
          }
          const opened =
            bundle === undefined
              ? await service.call('bundle:openSample', { name: sample! })
              : await service.call('bundle:open', { path: bundle });
          if (!opened.ok) throw new CliError(opened.error.message, EXIT.unreadableBundle);

          const server = await startHttpServer({ service, rendererDir: dir, port: options.port, log }).catch(
            (error: unknown) => {
              throw new CliError(
                `cannot listen on 127.0.0.1:${options.port}: ${errorMessage(error)}`,
                EXIT.failed,
              );
            },
          );
          io.out(`Hostscope is showing ${opened.value.label} at\n\n  ${server.url}\n\n`);
          if (options.open && !openBrowser(server.url))
            io.out('No browser here: open the URL above in a browser on this machine.\n');
          io.out('Press Ctrl+C to stop.\n');
          await stopRequested();
          await server.close();
          service.dispose();
        } finally {
          await rm(importsDir, { recursive: true, force: true });
        }
      },
    );
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new InvalidArgumentError('a port number from 0 to 65535 (0 picks a free one)');
  return port;
}

function stopRequested(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
