import { Command, InvalidArgumentError } from 'commander';
import {
  collectHost,
  localEnvironment,
  planCollection,
  type CollectEnvironment,
  type CollectOptions,
} from '../../collect/collect-host';
import type { ProbeProgress } from '../../collect/types';
import { CliError, EXIT, type CliIo } from '../context';
import { styleFor } from '../terminal';
import {
  applyProgress,
  plainProgressLine,
  redraw,
  renderProgress,
  renderSummary,
  type ProgressState,
} from '../collect-progress';

interface CollectFlags {
  readonly out?: string;
  readonly dockerHost?: string;
  readonly tlsCertDir?: string;
  readonly powershell: boolean;
  readonly docker: boolean;
  readonly timeout: number;
  readonly computer?: readonly string[];
  readonly credentialUser?: string;
  readonly keepEnv?: boolean;
  readonly ssh?: boolean;
}

// Redraws of the live block: often enough for a ticking clock, rarely enough to cost nothing.
const REDRAW_MS = 250;

/** `environment` is for tests; the real machine otherwise. */
export function collectCommand(io: CliIo, environment?: CollectEnvironment): Command {
  return new Command('collect')
    .description('Collect a bundle from this host (or remote hosts): PowerShell probes and the Docker engine')
    .option(
      '--out <path>',
      'bundle folder, or a file ending in .zip (default: hostscope-<computer>-<time>.zip here)',
    )
    .option(
      '--docker-host <url>',
      'engine address: npipe://, unix:// or tcp:// (default: DOCKER_HOST, else the local engine)',
    )
    .option(
      '--tls-cert-dir <dir>',
      'folder with ca.pem, cert.pem and key.pem for a TLS engine (default: DOCKER_CERT_PATH)',
    )
    .option('--no-powershell', 'skip the PowerShell probes')
    .option('--no-docker', 'skip the Docker engine')
    .option(
      '--timeout <seconds>',
      'limit per probe, per engine request and per command in a container',
      seconds,
      60,
    )
    .option(
      '--computer <name...>',
      'collect from these computers through PowerShell remoting, one bundle each',
    )
    .option('--credential-user <user>', 'account for PowerShell remoting (PowerShell asks for the password)')
    .option('--ssh', 'reach --computer hosts over SSH (PowerShell 7 remoting, -HostName) instead of WinRM')
    .option('--keep-env', 'keep the values of container environment variables (redacted by default)')
    .addHelpText(
      'after',
      [
        '',
        'Every probe gets an outcome (ok, failed, timeout, unsupported, skipped) in the bundle manifest;',
        'a probe that fails never stops the others. Exit codes: 0 bundle written, 1 no bundle, 2 usage.',
        'Examples:',
        '  hostscope collect --out host.zip',
        '  hostscope collect --computer node1 --computer node2 --credential-user CORP\\admin --tls-cert-dir certs',
      ].join('\n'),
    )
    .action(async (flags: CollectFlags) => {
      const env = environment ?? localEnvironment();
      const options: CollectOptions = {
        ...(flags.out === undefined ? {} : { out: flags.out }),
        ...(flags.dockerHost === undefined ? {} : { dockerHost: flags.dockerHost }),
        ...(flags.tlsCertDir === undefined ? {} : { tlsCertDir: flags.tlsCertDir }),
        noPowerShell: !flags.powershell,
        noDocker: !flags.docker,
        timeoutMs: flags.timeout * 1000,
        ...(flags.computer === undefined ? {} : { computers: flags.computer }),
        ...(flags.credentialUser === undefined ? {} : { credentialUser: flags.credentialUser }),
        keepEnv: flags.keepEnv === true,
        ...(flags.ssh === true ? { transport: 'ssh' as const } : {}),
      };
      if (flags.ssh === true && flags.computer === undefined) {
        throw new CliError(
          '--ssh chooses how --computer hosts are reached; name them with --computer',
          EXIT.usage,
        );
      }
      const plan = planCollection(options, env);
      if (plan.kind === 'invalid') throw new CliError(plan.message, EXIT.usage);
      const showTarget = plan.targets.length > 1;

      const controller = new AbortController();
      const onSigint = (): void => controller.abort(new Error('cancelled (Ctrl+C); nothing was written'));
      process.once('SIGINT', onSigint);
      // PowerShell may ask for the remoting password on this terminal: a redrawn block would hide the prompt.
      const live = io.isTty && options.credentialUser === undefined;
      const display = live
        ? liveDisplay(io, showTarget)
        : {
            onProgress: (e: ProbeProgress): void => void printPlain(io, e, showTarget),
            stop: (): void => undefined,
          };
      const started = performance.now();
      try {
        const results = await collectHost({ ...options, signal: controller.signal }, display.onProgress, env);
        display.stop();
        io.out(renderSummary(results, performance.now() - started, styleFor(io), io.columns));
        if (results.some((r) => r.kind === 'failed'))
          throw new CliError('not every bundle was written (see above)', EXIT.failed);
      } catch (error) {
        display.stop();
        if (controller.signal.aborted)
          throw new CliError(`collection ${(controller.signal.reason as Error).message}`, EXIT.failed);
        throw error;
      } finally {
        process.removeListener('SIGINT', onSigint);
      }
    });
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('a positive number of seconds');
  return n;
}

function printPlain(io: CliIo, event: ProbeProgress, showTarget: boolean): void {
  const line = plainProgressLine(event, showTarget);
  if (line !== null) io.out(`${line}\n`);
}

/** The redrawn block on a terminal, ticking while probes run. */
function liveDisplay(
  io: CliIo,
  showTarget: boolean,
): { onProgress: (event: ProbeProgress) => void; stop: () => void } {
  let state: ProgressState = [];
  let drawn = 0;
  const draw = (): void => {
    const lines = renderProgress(state, performance.now(), {
      style: styleFor(io),
      columns: io.columns,
      showTarget,
      maxLines: 30,
    });
    io.out(redraw(drawn, lines));
    drawn = lines.length;
  };
  const timer = setInterval(draw, REDRAW_MS);
  timer.unref();
  let stopped = false;
  return {
    onProgress: (event) => {
      state = applyProgress(state, event, performance.now());
      if (!stopped) draw();
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      if (state.length > 0) draw();
    },
  };
}
