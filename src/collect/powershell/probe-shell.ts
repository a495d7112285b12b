// One long-lived PowerShell process (node-powershell) that runs probe requests one at a time, each with its
// own deadline. A request that misses it leaves the shell unusable: the caller disposes it and starts another.
import { PowerShell, ProcessError, type PowerShellOptions } from 'node-powershell';
import { endProcessTree } from './process-tree';
import { newNonce, readAnswer } from './wire';
import { errorMessage } from '../../shared/error-message';

export interface ShellStart {
  readonly executable: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** False adds -NonInteractive, so nothing can wait on a prompt; true lets Get-Credential ask for a password. */
  readonly interactive: boolean;
}

/** The outcome of one request: its decoded answer, no answer in time, or why there is none. */
export type RequestOutcome =
  | { readonly kind: 'answer'; readonly value: unknown }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'cancelled' }
  /** `exited`: the process is gone (or never started); the shell must be replaced. */
  | { readonly kind: 'failed'; readonly error: string; readonly exited: boolean; readonly code?: string };

/** node-powershell lets NODE_POWERSHELL override the executable it is given; here the given one wins. */
class ChosenPowerShell extends PowerShell {
  protected override setExecutable(options: { executable?: string }): string {
    return options.executable ?? 'pwsh';
  }
}

// Shells still alive when Node exits are killed, so no PowerShell outlives the collection.
const live = new Set<ProbeShell>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const shell of live) shell.killNow();
  });
}

const DISPOSE_GRACE_MS = 3000;

export class ProbeShell {
  private disposed = false;
  /** PowerShell's own $PID, once it has answered: with a launcher in between, not the spawned process. */
  private powershellPid: number | null = null;

  /** The spawned process (a launcher, or PowerShell itself): what is killed while $PID is not known yet. */
  private readonly spawnedPid: number | null;

  private constructor(private readonly ps: PowerShell) {
    live.add(this);
    // child-shell keeps its ChildProcess private; its pid is the only handle on a shell hung before it answered.
    const pid = (ps as unknown as { process?: { pid?: unknown } }).process?.pid;
    this.spawnedPid = typeof pid === 'number' ? pid : null;
  }

  /** Spawns the process. It is not known to work until the first request answers (ENOENT shows there). */
  static spawn(start: ShellStart): ProbeShell {
    installExitHook();
    const options: PowerShellOptions = {
      executable: start.executable,
      executableOptions: { '-NoLogo': true, '-NoProfile': true, '-NonInteractive': !start.interactive },
      spawnOptions: { env: { ...(start.env ?? process.env) } as NodeJS.ProcessEnv, windowsHide: true },
      throwOnInvocationError: false,
    };
    return new ProbeShell(new ChosenPowerShell(options));
  }

  /**
   * Sends one command line (built by the caller from requestArgument/stringExpression only) that writes
   * an answer line marked with `nonce`, and waits up to `timeoutMs` for it.
   */
  async request(
    command: (nonce: string) => string,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<RequestOutcome> {
    if (this.disposed)
      return { kind: 'failed', error: 'the PowerShell process was already disposed', exited: true };
    const nonce = newNonce();
    const invocation = this.ps.invoke(command(nonce)).then(
      (result) =>
        ({
          kind: 'done',
          stdout: result.stdout?.toString('utf8') ?? '',
          stderr: result.stderr?.toString('utf8') ?? '',
        }) as const,
      (error: unknown) => ({ kind: 'error', error }) as const,
    );
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    const deadline = new Promise<{ readonly kind: 'timeout' } | { readonly kind: 'cancelled' }>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
      onAbort = () => resolve({ kind: 'cancelled' });
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const first = await Promise.race([invocation, deadline]);
      if (first.kind === 'timeout' || first.kind === 'cancelled') return first;
      if (first.kind === 'error') return describeFailure(first.error);
      const value = readAnswer(first.stdout, nonce);
      if (value !== null) return { kind: 'answer', value };
      const said = (first.stderr || first.stdout).trim().slice(0, 2000);
      return { kind: 'failed', error: `PowerShell gave no answer${said ? `: ${said}` : ''}`, exited: false };
    } finally {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Records PowerShell's $PID (from its first answer), so that a hung shell can be killed with its children. */
  identify(pid: number): void {
    this.powershellPid = pid;
  }

  /**
   * Ends the process: SIGTERM, then SIGKILL if it has not exited within a grace period. `hung`: PowerShell
   * is busy and will not read the end of its input, so it and what it started are killed first. Never throws.
   */
  async dispose(hung = false): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    live.delete(this);
    const treeRoot = this.powershellPid ?? this.spawnedPid;
    if (hung && treeRoot !== null) endProcessTree(treeRoot);
    let timer: NodeJS.Timeout | undefined;
    const exited = this.ps.dispose().then(
      () => true,
      () => true,
    );
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), DISPOSE_GRACE_MS);
    });
    const inTime = await Promise.race([exited, late]);
    clearTimeout(timer);
    if (!inTime) await this.ps.dispose('SIGKILL').catch(() => undefined);
  }

  /** For the process 'exit' hook: kills synchronously, without waiting. */
  killNow(): void {
    this.disposed = true;
    live.delete(this);
    const treeRoot = this.powershellPid ?? this.spawnedPid;
    if (treeRoot !== null) endProcessTree(treeRoot);
    this.ps.dispose('SIGKILL').catch(() => undefined);
  }
}

/** node-powershell's errors: ProcessError (spawn failed or the process exited) or InvocationError. */
function describeFailure(error: unknown): RequestOutcome {
  if (error instanceof ProcessError) {
    const original = error.originalError as (Error & { code?: unknown }) | undefined;
    const code = typeof original?.code === 'string' ? original.code : undefined;
    const exit =
      error.exitCode !== null
        ? ` (exit code ${error.exitCode})`
        : error.signalCode
          ? ` (signal ${error.signalCode})`
          : '';
    const message = original?.message || `${error.message}${exit}`;
    return { kind: 'failed', error: message, exited: true, ...(code === undefined ? {} : { code }) };
  }
  return {
    kind: 'failed',
    error: errorMessage(error),
    exited: false,
  };
}
