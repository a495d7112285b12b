// How one active check connects (issue 14, diagnosis.md section 5): from the host through the collector's
// long-lived PowerShell shell, or from inside a container through docker exec with whatever the image has.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { CheckOutcome, CheckTool } from '../../shared/checks';
import { looksNotFound } from '../docker/collect-docker';
import type { EngineClient, ExecResult } from '../docker/engine-client';
import type { ShellSession } from '../powershell/probe-runner';
import { resourcesDir } from '../resources';

export interface Connection {
  readonly outcome: CheckOutcome;
  readonly detail: string;
  readonly durationMs: number;
  readonly command: string;
  readonly tool: CheckTool | null;
}

/** What Test-HostscopeTcpConnection (resources/tcp-check.ps1) answers. */
const tcpAnswerSchema = z.object({
  Outcome: z.enum(['connected', 'refused', 'timeout', 'error']),
  Detail: z
    .string()
    .nullish()
    .transform((v) => v ?? ''),
  DurationMs: z.number().nullish(),
});

const DETAIL_CHARS = 500;

function powershellCommand(to: string, port: number, timeoutMs: number): string {
  return `(New-Object System.Net.Sockets.TcpClient).ConnectAsync('${to}', ${port}).Wait(${timeoutMs})`;
}

/** One TCP connect from the host (or the remote computer the session is connected to). */
export async function connectFromHost(
  session: ShellSession,
  to: string,
  port: number,
  timeoutMs: number,
): Promise<Connection> {
  const started = performance.now();
  const command = `${powershellCommand(to, port, timeoutMs)} (PowerShell on the host)`;
  const answer = await session.tcpCheck(to, port, timeoutMs);
  const elapsed = Math.round(performance.now() - started);
  switch (answer.kind) {
    case 'answer': {
      const parsed = tcpAnswerSchema.safeParse(answer.value);
      if (!parsed.success)
        return {
          outcome: 'error',
          detail: 'PowerShell answered something that is not a check result',
          durationMs: elapsed,
          command,
          tool: 'powershell',
        };
      return {
        outcome: parsed.data.Outcome,
        detail: parsed.data.Detail.slice(0, DETAIL_CHARS),
        durationMs: Math.round(parsed.data.DurationMs ?? elapsed),
        command,
        tool: 'powershell',
      };
    }
    case 'timeout':
      return {
        outcome: 'error',
        detail: 'PowerShell did not answer in time; the shell was replaced',
        durationMs: elapsed,
        command,
        tool: 'powershell',
      };
    case 'cancelled':
      return { outcome: 'error', detail: 'cancelled', durationMs: elapsed, command, tool: 'powershell' };
    case 'failed':
      return {
        outcome: 'error',
        detail: answer.error.slice(0, DETAIL_CHARS),
        durationMs: elapsed,
        command,
        tool: 'powershell',
      };
  }
}

/**
 * A way to connect from inside a container: the command to exec (values in `env`, never in the command where a
 * shell would parse them) and how to read its result; `read` answers null when the tool is not in the image.
 */
export interface ContainerTool {
  readonly tool: CheckTool;
  readonly name: string;
  argv(to: string, port: number, timeoutMs: number): readonly string[];
  env(to: string, port: number, timeoutMs: number): readonly string[];
  read(result: ExecResult): Omit<Connection, 'command' | 'tool' | 'durationMs'> | null;
}

const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

function missing(result: ExecResult): boolean {
  return (
    result.exitCode === 126 ||
    result.exitCode === 127 ||
    looksNotFound(decode(result.stderr)) ||
    looksNotFound(decode(result.stdout))
  );
}

let checkScript: string | null = null;
/** tcp-check.ps1 plus one line that reads its parameters from the environment docker exec sets. */
function containerScript(): string {
  checkScript ??= `${readFileSync(join(resourcesDir(), 'tcp-check.ps1'), 'utf8')}
$ProgressPreference = 'SilentlyContinue'
$answer = Test-HostscopeTcpConnection -Address ([string]$env:HOSTSCOPE_CHECK_ADDRESS) -Port ([int]$env:HOSTSCOPE_CHECK_PORT) -TimeoutMs ([int]$env:HOSTSCOPE_CHECK_TIMEOUT_MS)
[Console]::Out.WriteLine((ConvertTo-Json -InputObject $answer -Compress))
`;
  return checkScript;
}

const checkEnv = (to: string, port: number, timeoutMs: number): readonly string[] => [
  `HOSTSCOPE_CHECK_ADDRESS=${to}`,
  `HOSTSCOPE_CHECK_PORT=${port}`,
  `HOSTSCOPE_CHECK_TIMEOUT_MS=${timeoutMs}`,
];

/** PowerShell's TcpClient inside the image (servercore has powershell.exe, PowerShell images pwsh). */
export function powershellTool(executable: 'powershell' | 'pwsh'): ContainerTool {
  return {
    tool: 'powershell',
    name: `${executable} (TcpClient)`,
    // -EncodedCommand: the fixed script as UTF-16LE base64, which PowerShell documents for exactly this use.
    argv: () => [
      executable,
      '-NoLogo',
      '-NoProfile',
      '-NonInteractive',
      '-EncodedCommand',
      Buffer.from(containerScript(), 'utf16le').toString('base64'),
    ],
    env: checkEnv,
    read: (result) => {
      if (missing(result)) return null;
      const line = decode(result.stdout)
        .split(/\r?\n/)
        .reverse()
        .find((l) => l.trim().startsWith('{'));
      const parsed = tcpAnswerSchema.safeParse(parseLine(line));
      if (!parsed.success)
        return {
          outcome: 'error',
          detail: `${executable} gave no check result (exit code ${result.exitCode ?? 'unknown'}): ${firstLine(result)}`,
        };
      return { outcome: parsed.data.Outcome, detail: parsed.data.Detail.slice(0, DETAIL_CHARS) };
    },
  };
}

/**
 * curl.exe, which Windows images carry from 1803 on (build 17063, "Tar and Curl Come to Windows", Microsoft's
 * command-line blog, Dec 2017). telnet:// opens a bare TCP connection and sends nothing. Exit 7 is "failed to
 * connect", 28 "timed out" (https://everything.curl.dev/cmdline/exitcode); -v prints "Connected to" once the
 * connection is made, so a telnet session that then runs into --max-time still counts as connected.
 */
export const curlTool: ContainerTool = {
  tool: 'curl',
  name: 'curl.exe (telnet://)',
  argv: (to, port, timeoutMs) => {
    const seconds = String(Math.max(1, Math.round(timeoutMs / 100) / 10));
    return ['curl.exe', '-v', '--connect-timeout', seconds, '--max-time', seconds, `telnet://${to}:${port}`];
  },
  env: () => [],
  read: (result) => {
    if (missing(result)) return null;
    const said = `${decode(result.stderr)}\n${decode(result.stdout)}`;
    if (/\bConnected to\b/i.test(said)) return { outcome: 'connected', detail: 'curl.exe connected' };
    if (result.exitCode === 7 && /refused/i.test(said))
      return { outcome: 'refused', detail: firstLine(result) };
    if (result.exitCode === 28) return { outcome: 'timeout', detail: firstLine(result) };
    return {
      outcome: 'error',
      detail: `curl.exe exited with code ${result.exitCode ?? 'unknown'}: ${firstLine(result)}`,
    };
  },
};

/** What a Windows image may have, in the order tried: PowerShell first, then curl.exe. */
export const CONTAINER_TOOLS: readonly ContainerTool[] = [
  powershellTool('powershell'),
  powershellTool('pwsh'),
  curlTool,
];

/**
 * One TCP connect from inside a running container: each tool in turn until one exists in the image; none is
 * "no tool in the image". The exec is bounded by the connect's limit plus a grace.
 */
export async function connectFromContainer(
  client: EngineClient,
  containerId: string,
  to: string,
  port: number,
  timeoutMs: number,
  tools: readonly ContainerTool[],
  signal?: AbortSignal,
): Promise<Connection> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const tried: string[] = [];
  for (const tool of tools) {
    const argv = tool.argv(to, port, timeoutMs);
    const command = `docker exec ${containerId.slice(0, 12)} ${tool.tool === 'powershell' ? `${argv[0]} -EncodedCommand <tcp-check.ps1> with HOSTSCOPE_CHECK_ADDRESS=${to} HOSTSCOPE_CHECK_PORT=${port}` : argv.join(' ')}`;
    const limit = AbortSignal.timeout(timeoutMs + EXEC_GRACE_MS);
    let result: ExecResult;
    try {
      result = await client.exec(
        containerId,
        argv,
        signal ? AbortSignal.any([signal, limit]) : limit,
        tool.env(to, port, timeoutMs),
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (looksNotFound(message)) {
        tried.push(tool.name);
        continue;
      }
      const why = signal?.aborted
        ? 'cancelled'
        : limit.aborted
          ? `docker exec gave no answer within ${timeoutMs + EXEC_GRACE_MS} ms`
          : message;
      return {
        outcome: 'error',
        detail: why.slice(0, DETAIL_CHARS),
        durationMs: elapsed(),
        command,
        tool: tool.tool,
      };
    }
    const read = tool.read(result);
    if (read === null) {
      tried.push(tool.name);
      continue;
    }
    return { ...read, durationMs: elapsed(), command, tool: tool.tool };
  }
  return {
    outcome: 'no-tool',
    detail: `no tool in the image to connect with (tried ${tried.join(', ')})`,
    durationMs: elapsed(),
    command: `docker exec ${containerId.slice(0, 12)} (no tool)`,
    tool: null,
  };
}

/** docker exec's own start-up and the engine's round trip, beyond the connect's limit. */
const EXEC_GRACE_MS = 15_000;

/** The container's answer line as JSON, or null: what a container prints is not trusted to be JSON. */
function parseLine(line: string | undefined): unknown {
  if (line === undefined) return null;
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return null;
  }
}

function firstLine(result: ExecResult): string {
  const text = `${decode(result.stderr)}\n${decode(result.stdout)}`;
  return (
    text
      .split(/\r?\n/)
      .find((l) => l.trim() !== '')
      ?.trim() ?? ''
  ).slice(0, DETAIL_CHARS);
}
