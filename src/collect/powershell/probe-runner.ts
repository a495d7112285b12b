// Runs the PowerShell probes of bundle v1 (resources/probes/<id>.ps1) in one long-lived shell, here or on a
// remote computer through PowerShell remoting, and gives every probe an honest outcome.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROBES, probeForFile, probeSpec, type ProbeId } from '../../shared/bundle';
import type { ProbeStatus } from '../../shared/model';
import { probesDir as defaultProbesDir, resourcesDir } from '../resources';
import type { ProbeFile, ProbeRun, ProgressListener } from '../types';
import { findPowerShell } from './executable';
import { ProbeShell, type RequestOutcome } from './probe-shell';
import { decodeBase64, probeAnswerSchema, requestArgument, stepAnswerSchema, stringExpression } from './wire';

export type RemotingTransport = 'winrm' | 'ssh';

export interface PowerShellProbeOptions {
  /** Probe ids to run, in order; default: every PowerShell probe of bundle v1. */
  readonly probeIds?: readonly string[];
  /** Per probe; a probe that takes longer is recorded as `timeout` and the shell is restarted. Default 60 s. */
  readonly timeoutMs?: number;
  readonly onProgress?: ProgressListener;
  /** The PowerShell to start; default: see findPowerShell. */
  readonly executable?: string;
  /** Folder of <probe id>.ps1 scripts; default: the repository's resources/probes. */
  readonly probesDir?: string;
  /** Run the probes on this computer through Invoke-Command; default: here. */
  readonly computer?: string;
  /** Remoting account; PowerShell asks for its password (Get-Credential). Never stored. */
  readonly credentialUser?: string;
  /** WinRM (default) or SSH (PowerShell 7 on both ends). */
  readonly transport?: RemotingTransport;
  /** Opening the remote session, including the password prompt. Default: 2 minutes, or timeoutMs if longer. */
  readonly connectTimeoutMs?: number;
  /** Modules (or .ps1 files) imported into each local shell before the probes run, e.g. an HNS module. */
  readonly importModules?: readonly string[];
  /** Environment of the PowerShell process; default: this process's. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal;
}

export const DEFAULT_PROBE_TIMEOUT_MS = 60_000;
const STARTUP_TIMEOUT_MS = 60_000;
const CLOSE_TIMEOUT_MS = 5_000;
/** What an active check's answer may take beyond its connect limit (a remote session's round trip). */
const CHECK_ANSWER_GRACE_MS = 10_000;

/** Every PowerShell probe id of bundle v1, in catalogue order. */
export const POWERSHELL_PROBES: readonly ProbeId[] = PROBES.filter((p) => p.kind === 'powershell').map(
  (p) => p.id,
);

interface Planned {
  readonly id: string;
  readonly script: string;
  readonly files: readonly string[];
}

/** Runs the probes one after another; never rejects: every failure becomes a probe outcome. */
export async function runPowerShellProbes(
  options: PowerShellProbeOptions = {},
): Promise<readonly ProbeRun[]> {
  const ids = options.probeIds ?? POWERSHELL_PROBES;
  const dir = options.probesDir ?? defaultProbesDir();
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const emit: ProgressListener = options.onProgress ?? (() => undefined);
  const target = options.computer;
  const runs: ProbeRun[] = [];
  const finish = (run: ProbeRun): void => {
    runs.push(run);
    emit({
      kind: 'finished',
      id: run.id,
      status: run.status,
      durationMs: run.durationMs,
      ...(run.error === undefined ? {} : { error: run.error }),
      ...(target === undefined ? {} : { target }),
    });
  };

  // Ids that cannot run fail at once, without a shell; the others run in the order given.
  const plan = ids.map((id): Planned | ProbeRun => {
    const spec = probeSpec(id);
    const script = join(dir, `${id}.ps1`);
    if (spec?.kind !== 'powershell')
      return outcome(id, 'failed', 0, `${id} is not a PowerShell probe of bundle v1`);
    if (!existsSync(script)) return outcome(id, 'failed', 0, `the probe script ${script} does not exist`);
    return { id, script, files: spec.files };
  });
  const runnable = plan.filter((p): p is Planned => 'script' in p);
  const start = runnable.length === 0 ? null : startShellSession(options);
  if (start?.kind === 'none') {
    for (const p of plan) finish('script' in p ? outcome(p.id, 'failed', 0, start.why) : p);
    return runs;
  }
  const session = start?.session ?? null;
  try {
    for (const p of plan) {
      if (!('script' in p)) finish(p);
      else if (options.signal?.aborted || session === null) finish(outcome(p.id, 'skipped', 0, 'cancelled'));
      else {
        // Starting (or restarting) PowerShell is not counted in the probe's duration.
        await session.prepare();
        emit({ kind: 'started', id: p.id, ...(target === undefined ? {} : { target }) });
        const started = performance.now();
        const result = await session.runProbe(p, timeoutMs);
        finish({ id: p.id, durationMs: Math.round(performance.now() - started), ...result });
      }
    }
  } finally {
    await session?.close();
  }
  return runs;
}

/** The shell a run shares (started on first use), or why there is none. */
export type SessionStart =
  | { readonly kind: 'ready'; readonly session: ShellSession }
  | { readonly kind: 'none'; readonly why: string };

/**
 * Finds PowerShell and prepares the one shell the probes (and the active checks of issue 14) share, here or on
 * `options.computer`. Nothing is spawned until the first request.
 */
export function startShellSession(options: PowerShellProbeOptions): SessionStart {
  const choice = findPowerShell({
    ...(options.executable === undefined ? {} : { executable: options.executable }),
    ...(options.env ? { env: options.env } : {}),
  });
  if (choice.kind === 'none')
    return {
      kind: 'none',
      why: `no PowerShell found (tried ${choice.tried.join(', ')}): install PowerShell 7 (pwsh) or set NODE_POWERSHELL`,
    };
  const target = options.computer;
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  return {
    kind: 'ready',
    session: new ShellSession({
      executable: choice.path,
      interactive: target !== undefined && options.credentialUser !== undefined,
      ...(options.env ? { env: options.env } : {}),
      modules: options.importModules ?? [],
      remote:
        target === undefined
          ? null
          : {
              computer: target,
              credentialUser: options.credentialUser ?? null,
              transport: options.transport ?? 'winrm',
            },
      connectTimeoutMs: options.connectTimeoutMs ?? Math.max(timeoutMs, 120_000),
      ...(options.signal ? { signal: options.signal } : {}),
    }),
  };
}

function outcome(id: string, status: ProbeStatus, durationMs: number, error: string): ProbeRun {
  return { id, status, files: [], durationMs, error };
}

type ProbeResult = Pick<ProbeRun, 'status' | 'files' | 'error'>;

interface SessionSettings {
  readonly executable: string;
  readonly interactive: boolean;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly modules: readonly string[];
  readonly remote: {
    readonly computer: string;
    readonly credentialUser: string | null;
    readonly transport: RemotingTransport;
  } | null;
  readonly connectTimeoutMs: number;
  readonly signal?: AbortSignal;
}

/**
 * The shell the probes share: started on first use, bootstrapped (bridge loaded, modules imported, remote
 * session opened), replaced after a time-out or a crash. A start that fails is not retried: PowerShell
 * missing or a refused connection would only fail the same way for every probe.
 */
export class ShellSession {
  private shell: ProbeShell | null = null;
  private fatal: string | null = null;

  constructor(private readonly settings: SessionSettings) {}

  /** Starts the shell if none runs; a failure is kept and reported by runProbe. */
  async prepare(): Promise<void> {
    await this.ready();
  }

  async runProbe(probe: Planned, timeoutMs: number): Promise<ProbeResult> {
    const shell = await this.ready();
    if (shell === null) {
      if (this.settings.signal?.aborted) return { status: 'skipped', files: [], error: 'cancelled' };
      return { status: 'failed', files: [], error: this.fatal ?? 'PowerShell did not start' };
    }
    const request = { script: probe.script, remote: this.settings.remote !== null };
    const answer = await shell.request(
      (nonce) => `Invoke-HostscopeProbeRequest ${requestArgument({ ...request, nonce })}`,
      timeoutMs,
      this.settings.signal,
    );
    switch (answer.kind) {
      case 'answer':
        return toProbeResult(probe, answer.value);
      case 'timeout':
        await this.replace(true);
        return {
          status: 'timeout',
          files: [],
          error: `no result within ${seconds(timeoutMs)}; the PowerShell process was ended and a new one runs the next probe`,
        };
      case 'cancelled':
        await this.replace(true);
        return { status: 'skipped', files: [], error: 'cancelled while running' };
      case 'failed':
        if (answer.exited) await this.replace();
        return {
          status: 'failed',
          files: [],
          error: answer.exited ? `PowerShell exited while running the probe: ${answer.error}` : answer.error,
        };
    }
  }

  /**
   * One TCP connect (resources/tcp-check.ps1) in this shell, or through it on the remote computer. PowerShell gets
   * the connect's own limit plus a grace to answer; past that the shell is replaced, as after a probe's time-out.
   */
  async tcpCheck(address: string, port: number, timeoutMs: number): Promise<RequestOutcome> {
    const shell = await this.ready();
    if (shell === null) {
      if (this.settings.signal?.aborted) return { kind: 'cancelled' };
      return { kind: 'failed', error: this.fatal ?? 'PowerShell did not start', exited: true };
    }
    const request = { address, port, timeoutMs, remote: this.settings.remote !== null };
    const answer = await shell.request(
      // tcp-check.ps1 comes with the request, so a plain collection's shells never load it.
      (nonce) =>
        `${loadResource('tcp-check.ps1')}; Invoke-HostscopeTcpCheckRequest ${requestArgument({ ...request, nonce })}`,
      timeoutMs + CHECK_ANSWER_GRACE_MS,
      this.settings.signal,
    );
    if (answer.kind === 'timeout' || answer.kind === 'cancelled') await this.replace(true);
    else if (answer.kind === 'failed' && answer.exited) await this.replace();
    return answer;
  }

  /** Closes the remote session (best effort) and ends the process. */
  async close(): Promise<void> {
    const shell = this.shell;
    this.shell = null;
    if (shell === null) return;
    if (this.settings.remote !== null) await shell.request(() => 'Close-HostscopeShell', CLOSE_TIMEOUT_MS);
    await shell.dispose();
  }

  private async replace(hung = false): Promise<void> {
    const shell = this.shell;
    this.shell = null;
    await shell?.dispose(hung);
  }

  private async ready(): Promise<ProbeShell | null> {
    if (this.shell !== null) return this.shell;
    if (this.fatal !== null) return null;
    const { executable, env, interactive, modules, remote } = this.settings;
    const shell = ProbeShell.spawn({ executable, interactive, ...(env ? { env } : {}) });
    const init = await shell.request(
      (nonce) =>
        `${loadResource('invoke-probe.ps1')}; ${loadResource('runner-bridge.ps1')}; Initialize-HostscopeShell ${requestArgument({ nonce, modules })}`,
      STARTUP_TIMEOUT_MS,
      this.settings.signal,
    );
    if (init.kind === 'answer') {
      const pid = stepAnswerSchema.safeParse(init.value);
      if (pid.success && pid.data.ProcessId) shell.identify(pid.data.ProcessId);
    }
    let problem = stepProblem(init, `PowerShell (${executable}) did not start`);
    if (problem === null && remote !== null) {
      const connect = await shell.request(
        (nonce) => `Connect-HostscopeTarget ${requestArgument({ nonce, ...remote })}`,
        this.settings.connectTimeoutMs,
        this.settings.signal,
      );
      problem = stepProblem(connect, `could not connect to '${remote.computer}'`);
    }
    if (problem !== null) {
      this.fatal = problem;
      await shell.dispose(true);
      return null;
    }
    this.shell = shell;
    return shell;
  }
}

/** Dot-sources a resources/ script from its text, so an execution policy that blocks unsigned files cannot stop it. */
function loadResource(file: string): string {
  return `. ([scriptblock]::Create([System.IO.File]::ReadAllText(${stringExpression(join(resourcesDir(), file))})))`;
}

/** Null when the step answered ok; else what went wrong, in words an admin can act on. */
function stepProblem(outcome: RequestOutcome, context: string): string | null {
  switch (outcome.kind) {
    case 'answer': {
      const parsed = stepAnswerSchema.safeParse(outcome.value);
      if (!parsed.success) return `${context}: its answer was not understood`;
      return parsed.data.Status === 'ok' ? null : `${context}: ${parsed.data.Error ?? 'no reason given'}`;
    }
    case 'timeout':
      return `${context}: no answer in time`;
    case 'cancelled':
      return 'cancelled';
    case 'failed':
      if (outcome.code === 'ENOENT')
        return `${context}: the executable was not found (spawn ENOENT). Install PowerShell 7 (pwsh), or set NODE_POWERSHELL to its path`;
      return `${context}: ${outcome.error}`;
  }
}

/**
 * Checks the probe's answer and keeps only the files bundle v1 assigns to it. A probe may write some of its
 * files (host.hns.endpoints writes the JSON or hnsdiag's text, bundle-v1.md 1.1), each once, never a file of
 * another probe.
 */
function toProbeResult(probe: Planned, value: unknown): ProbeResult {
  const parsed = probeAnswerSchema.safeParse(value);
  if (!parsed.success)
    return {
      status: 'failed',
      files: [],
      error: 'the probe result did not follow the probe contract (resources/probes/README.md)',
    };
  const answer = parsed.data;
  if (answer.Status !== 'ok')
    return {
      status: answer.Status,
      files: [],
      error: answer.Error ?? `the probe reported ${answer.Status} without a reason`,
    };
  const files: ProbeFile[] = [];
  for (const file of answer.Files) {
    if (!probe.files.includes(file.Path)) {
      const owner = probeForFile(file.Path)?.spec.id;
      return {
        status: 'failed',
        files: [],
        error: `the probe returned a file named ${JSON.stringify(file.Path)}, which is not one of its bundle files (${probe.files.join(', ')})${owner === undefined ? '' : `: it belongs to ${owner}`}`,
      };
    }
    if (files.some((f) => f.path === file.Path))
      return { status: 'failed', files: [], error: `the probe returned ${file.Path} twice` };
    const bytes =
      file.Text !== null
        ? new Uint8Array(Buffer.from(file.Text, 'utf8'))
        : file.Base64 !== null
          ? decodeBase64(file.Base64)
          : null;
    if (bytes === null)
      return {
        status: 'failed',
        files: [],
        error: `the probe returned ${file.Path} without valid Text or Base64 content`,
      };
    files.push({ path: file.Path, bytes });
  }
  return { status: 'ok', files };
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
