// One collection: for each computer (this one, or each --computer), PowerShell probes and the Docker engine
// side by side, then one bundle per computer. Cancellable; no probe's failure stops the others.
import { hostname, homedir } from 'node:os';
import { resolve } from 'node:path';
import type { ProbeRun, ProgressListener } from './types';
import { writeBundle, type WrittenBundle } from './bundle-writer';
import { collectDocker, DOCKER_PROBE_IDS, NOT_IN_THIS_SET } from './docker/collect-docker';
import { remoteDockerHost, resolveDockerEndpoint, type EndpointResult } from './docker/endpoint';
import { POWERSHELL_PROBES, runPowerShellProbes } from './powershell/probe-runner';
import { errorMessage as errorText } from '../shared/error-message';
import { endpointPlatform } from './platform';

export interface CollectOptions {
  /** Bundle folder or `.zip`; with several computers, each gets `-<computer>` added to the name. */
  readonly out?: string;
  readonly dockerHost?: string;
  readonly tlsCertDir?: string;
  readonly noPowerShell?: boolean;
  readonly noDocker?: boolean;
  /** Per PowerShell probe, and per Docker request or in-container command. */
  readonly timeoutMs?: number;
  /** Remote computers; none means this one. */
  readonly computers?: readonly string[];
  /** User for PowerShell remoting; the password is asked by PowerShell, never stored. */
  readonly credentialUser?: string;
  /** How remote computers are reached: WinRM (Invoke-Command -ComputerName) or SSH (PowerShell 7, -HostName). */
  readonly transport?: 'winrm' | 'ssh';
  readonly keepEnv?: boolean;
  /** Only these probes run (a fast collection, issue 13); the others are recorded as `skipped`. Default: all. */
  readonly probeIds?: readonly string[];
  readonly signal?: AbortSignal;
}

/** What collectHost needs from the machine it runs on; tests pass their own. */
export interface CollectEnvironment {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: 'windows' | 'posix';
  readonly homeDir: string;
  readonly hostName: string;
  readonly cwd: string;
  readonly now: () => Date;
  readonly runPowerShell: PowerShellCollector;
  /** Commands run inside containers, replacing CONTAINER_COMMANDS by file template (tests on a Linux engine). */
  readonly containerCommands?: Readonly<Record<string, readonly string[]>>;
}

export interface PowerShellRequest {
  readonly probeIds: readonly string[];
  readonly timeoutMs: number;
  readonly onProgress: ProgressListener;
  readonly computer?: string;
  readonly credentialUser?: string;
  readonly transport?: 'winrm' | 'ssh';
  readonly signal?: AbortSignal;
}

export type PowerShellCollector = (request: PowerShellRequest) => Promise<readonly ProbeRun[]>;

export interface CollectTarget {
  readonly computer: string;
  readonly remote: boolean;
  /** Where its bundle goes (absolute). */
  readonly out: string;
  /** Null with --no-docker. */
  readonly docker: EndpointResult | null;
  readonly powershell: boolean;
}

export type CollectPlan =
  | { readonly kind: 'ok'; readonly targets: readonly CollectTarget[]; readonly timeoutMs: number }
  | { readonly kind: 'invalid'; readonly message: string };

export type HostResult =
  | {
      readonly kind: 'written';
      readonly computer: string;
      readonly bundle: WrittenBundle;
      readonly runs: readonly ProbeRun[];
    }
  | {
      readonly kind: 'failed';
      readonly computer: string;
      readonly runs: readonly ProbeRun[];
      readonly error: string;
    };

export const DEFAULT_TIMEOUT_MS = 60_000;

// Host names, FQDNs and IP literals: what WinRM and a tcp:// URL accept; nothing that could act as an option.
const COMPUTER_NAME = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,252}$/;

export function localEnvironment(): CollectEnvironment {
  return {
    env: process.env,
    platform: endpointPlatform,
    homeDir: homedir(),
    hostName: hostname(),
    cwd: process.cwd(),
    now: () => new Date(),
    runPowerShell: (request) => runPowerShellProbes(request),
  };
}

/** Decides what to collect from where and where each bundle goes, or says why the options do not fit together. */
export function planCollection(
  options: CollectOptions,
  environment: Omit<CollectEnvironment, 'runPowerShell'>,
): CollectPlan {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    return invalid(`the timeout must be a positive number of seconds`);
  if (options.noDocker && options.noPowerShell)
    return invalid('--no-docker with --no-powershell leaves nothing to collect');
  const seen = new Set<string>();
  const computers = (options.computers ?? []).filter(
    (c) => !seen.has(c.toLowerCase()) && seen.add(c.toLowerCase()),
  );
  const bad = computers.find((c) => !COMPUTER_NAME.test(c));
  if (bad !== undefined) return invalid(`${JSON.stringify(bad)} is not a computer name, FQDN or IP address`);
  if (options.credentialUser !== undefined && computers.length === 0)
    return invalid('--credential-user needs --computer: it is the account for PowerShell remoting');
  if (options.dockerHost !== undefined && computers.length > 1) {
    return invalid(
      '--docker-host goes with one --computer at most; with several, each engine is read at tcp://<computer>:2376 with TLS',
    );
  }
  const stamp = timestamp(environment.now());
  const many = computers.length > 1;
  const endpointFor = (computer: string | null): EndpointResult | null => {
    if (options.noDocker) return null;
    const common = {
      platform: environment.platform,
      homeDir: environment.homeDir,
      ...(options.tlsCertDir === undefined ? {} : { tlsCertDir: options.tlsCertDir }),
    };
    if (computer === null)
      return resolveDockerEndpoint({
        ...common,
        env: environment.env,
        ...(options.dockerHost === undefined ? {} : { dockerHost: options.dockerHost }),
      });
    // DOCKER_HOST names this machine's engine, never a remote one; the cert settings still apply.
    const { DOCKER_HOST: _local, ...env } = environment.env;
    return resolveDockerEndpoint({
      ...common,
      env,
      dockerHost: options.dockerHost ?? remoteDockerHost(computer),
    });
  };
  const targets: CollectTarget[] =
    computers.length === 0
      ? [
          {
            computer: environment.hostName,
            remote: false,
            out: outPath(options.out, environment.hostName, false, stamp, environment.cwd),
            docker: endpointFor(null),
            powershell: !options.noPowerShell,
          },
        ]
      : computers.map((computer) => ({
          computer,
          remote: true,
          out: outPath(options.out, computer, many, stamp, environment.cwd),
          docker: endpointFor(computer),
          powershell: !options.noPowerShell,
        }));
  return { kind: 'ok', targets, timeoutMs };
}

/** Collects every target in parallel, one bundle each. Rejects only when cancelled, after cleaning up. */
export async function collectHost(
  options: CollectOptions,
  onProgress: ProgressListener = () => undefined,
  environment: CollectEnvironment = localEnvironment(),
): Promise<readonly HostResult[]> {
  const plan = planCollection(options, environment);
  if (plan.kind === 'invalid') throw new Error(plan.message);
  const settled = await Promise.allSettled(
    plan.targets.map((target) => collectTarget(target, plan.timeoutMs, options, onProgress, environment)),
  );
  options.signal?.throwIfAborted();
  return settled.map((s, i) =>
    s.status === 'fulfilled'
      ? s.value
      : { kind: 'failed', computer: plan.targets[i]!.computer, runs: [], error: errorText(s.reason) },
  );
}

async function collectTarget(
  target: CollectTarget,
  timeoutMs: number,
  options: CollectOptions,
  onProgress: ProgressListener,
  environment: CollectEnvironment,
): Promise<HostResult> {
  const collectedAt = environment.now();
  const { signal } = options;
  const [powershell, docker] = await Promise.all([
    target.powershell
      ? powerShellRuns(target, timeoutMs, options, onProgress, environment)
      : skipped(POWERSHELL_PROBES, 'not collected: --no-powershell'),
    target.docker === null
      ? skipped(DOCKER_PROBE_IDS, 'not collected: --no-docker')
      : collectDocker({
          endpoint: target.docker,
          keepEnv: options.keepEnv === true,
          timeoutMs,
          onProgress,
          target: target.computer,
          ...(signal ? { signal } : {}),
          ...(environment.containerCommands ? { containerCommands: environment.containerCommands } : {}),
          ...(options.probeIds ? { probeIds: options.probeIds } : {}),
        }),
  ]);
  const runs = [...docker, ...powershell];
  signal?.throwIfAborted();
  try {
    const bundle = await writeBundle({
      out: target.out,
      computerName: target.computer,
      collectedAt,
      runs,
      ...(signal ? { signal } : {}),
    });
    return { kind: 'written', computer: target.computer, bundle, runs };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    return {
      kind: 'failed',
      computer: target.computer,
      runs,
      error: `the bundle for ${target.computer} was not written: ${errorText(error)}`,
    };
  }
}

async function powerShellRuns(
  target: CollectTarget,
  timeoutMs: number,
  options: CollectOptions,
  onProgress: ProgressListener,
  environment: CollectEnvironment,
): Promise<readonly ProbeRun[]> {
  const withTarget: ProgressListener = (event) => onProgress({ ...event, target: target.computer });
  const only = options.probeIds;
  const wanted = only === undefined ? POWERSHELL_PROBES : POWERSHELL_PROBES.filter((id) => only.includes(id));
  const left = await skipped(
    POWERSHELL_PROBES.filter((id) => !wanted.includes(id)),
    NOT_IN_THIS_SET,
  );
  try {
    return [
      ...(await environment.runPowerShell({
        probeIds: wanted,
        timeoutMs,
        onProgress: withTarget,
        ...(target.remote ? { computer: target.computer, transport: options.transport ?? 'winrm' } : {}),
        ...(options.credentialUser === undefined ? {} : { credentialUser: options.credentialUser }),
        ...(options.signal ? { signal: options.signal } : {}),
      })),
      ...left,
    ];
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    // The runner reports its own outcomes; this is the runner itself breaking. Docker's work still counts.
    const message = `PowerShell probes did not run: ${errorText(error)}`;
    return [
      ...left,
      ...wanted.map((id) => ({
        id,
        status: 'failed' as const,
        files: [],
        durationMs: 0,
        error: message,
      })),
    ];
  }
}

function skipped(ids: readonly string[], error: string): Promise<readonly ProbeRun[]> {
  return Promise.resolve(
    ids.map((id) => ({ id, status: 'skipped' as const, files: [], durationMs: 0, error })),
  );
}

/** `out` as given; else `hostscope-<computer>-<stamp>.zip` here. Several computers: `-<computer>` before `.zip`. */
export function outPath(
  out: string | undefined,
  computer: string,
  many: boolean,
  stamp: string,
  cwd: string,
): string {
  const safe = computer.replace(/[^A-Za-z0-9._-]/g, '_');
  if (out === undefined || out === '') return resolve(cwd, `hostscope-${safe}-${stamp}.zip`);
  if (!many) return resolve(cwd, out);
  const trimmed = out.replace(/[\\/]+$/, '');
  const zip = /\.zip$/i.exec(trimmed);
  return resolve(cwd, zip ? `${trimmed.slice(0, zip.index)}-${safe}${zip[0]}` : `${trimmed}-${safe}`);
}

function timestamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '')
    .replace('T', '-');
}

function invalid(message: string): CollectPlan {
  return { kind: 'invalid', message };
}
