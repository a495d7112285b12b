// A small typed door to the Docker Engine API on dockerode: GET as parsed JSON, exec with its output
// demultiplexed, every call abortable, and at most `maxSockets` connections open at once.
import Docker from 'dockerode';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import type { DockerEndpoint } from './endpoint';

export interface ExecResult {
  readonly exitCode: number | null;
  readonly stdout: Uint8Array;
  readonly stderr: Uint8Array;
}

export interface EngineClient {
  /** How the user knows this engine: `unix:///...`, `npipe:////./pipe/...`, `tcp://host:2376 (TLS)`. */
  readonly endpoint: string;
  /** `path` without a query string; the query goes in `query` (docker-modem builds it). */
  get(
    path: string,
    signal: AbortSignal,
    query?: Readonly<Record<string, string | boolean>>,
  ): Promise<unknown>;
  /**
   * The last `tail` lines of a container's log (GET /containers/{id}/logs, never followed), with timestamps;
   * `tty` says the container writes one raw stream rather than stdout and stderr apart.
   */
  logs(
    containerId: string,
    options: { readonly tail: number; readonly tty: boolean },
    signal: AbortSignal,
  ): Promise<{ readonly stdout: Uint8Array; readonly stderr: Uint8Array }>;
  /**
   * Runs a command in a running container with Tty off, so stdout and stderr arrive apart. `env` (NAME=value) is how
   * values reach a fixed script without becoming part of it (active checks, issue 14).
   */
  exec(
    containerId: string,
    cmd: readonly string[],
    signal: AbortSignal,
    env?: readonly string[],
  ): Promise<ExecResult>;
  /** A GET whose answer is a stream that stays open (`/events`); the signal ends it. */
  stream(path: string, signal: AbortSignal, query?: Readonly<Record<string, string>>): Promise<Readable>;
  close(): void;
}

/** An error from the engine with the HTTP status it answered, when it answered at all. */
export interface EngineErrorShape {
  readonly statusCode?: number;
  readonly code?: string;
  readonly message: string;
  readonly json?: unknown;
}

// Enough for a busy host, few enough that 300 containers never mean 300 sockets.
export const DEFAULT_MAX_SOCKETS = 8;

/** Opens a client; throws with a message naming the file when a TLS certificate cannot be read. */
export async function openEngineClient(
  endpoint: DockerEndpoint,
  maxSockets = DEFAULT_MAX_SOCKETS,
): Promise<EngineClient> {
  const common = { keepAlive: true, maxSockets, maxTotalSockets: maxSockets };
  // Every connection option is set, so docker-modem's own reading of DOCKER_HOST and DOCKER_CERT_PATH
  // never mixes in with what we resolved.
  let agent: HttpAgent;
  let options: Docker.DockerOptions & { agent: HttpAgent };
  if (endpoint.kind === 'socket') {
    agent = new HttpAgent(common);
    options = {
      socketPath: endpoint.path,
      host: undefined,
      port: undefined,
      protocol: 'http',
      ca: undefined,
      cert: undefined,
      key: undefined,
      agent,
    };
  } else if (endpoint.tls === null) {
    agent = new HttpAgent(common);
    options = {
      socketPath: undefined,
      host: endpoint.host,
      port: endpoint.port,
      protocol: 'http',
      ca: undefined,
      cert: undefined,
      key: undefined,
      agent,
    };
  } else {
    const { certDir, verify } = endpoint.tls;
    const ca = await readPem(certDir, 'ca.pem', verify);
    const cert = await readPem(certDir, 'cert.pem', false);
    const key = await readPem(certDir, 'key.pem', false);
    if ((cert === undefined) !== (key === undefined)) {
      throw new Error(`TLS client certificate in ${certDir} is incomplete: cert.pem and key.pem go together`);
    }
    agent = new HttpsAgent({ ...common, ca, cert, key, rejectUnauthorized: verify });
    options = {
      socketPath: undefined,
      host: endpoint.host,
      port: endpoint.port,
      protocol: 'https',
      ca: undefined,
      cert: undefined,
      key: undefined,
      agent,
    };
  }
  const docker = new Docker(options);

  return {
    endpoint: endpoint.url,
    get: (path, signal, query) =>
      new Promise<unknown>((resolve, reject) => {
        // docker-modem expects a trailing `?` when it is to append a query.
        const dial = query === undefined ? { path } : { path: `${path}?`, options: { ...query } };
        docker.modem.dial(
          { ...dial, method: 'GET', abortSignal: signal, statusCodes: { 200: true } },
          (error, result) => {
            if (error) reject(error);
            else resolve(Buffer.isBuffer(result) ? result.toString('utf8') : result);
          },
        );
      }),
    logs: async (containerId, { tail, tty }, signal) => {
      const output = (await docker.getContainer(containerId).logs({
        follow: false,
        stdout: true,
        stderr: true,
        timestamps: true,
        tail,
        abortSignal: signal,
      })) as unknown as Buffer;
      if (tty) return { stdout: new Uint8Array(output), stderr: new Uint8Array() };
      const stream = new PassThrough();
      const demuxed = demultiplex(docker, stream, signal);
      stream.end(output);
      return demuxed;
    },
    exec: async (containerId, cmd, signal, env) => {
      const exec = await docker.getContainer(containerId).exec({
        Cmd: [...cmd],
        ...(env === undefined ? {} : { Env: [...env] }),
        AttachStdout: true,
        AttachStderr: true,
        AttachStdin: false,
        Tty: false,
        abortSignal: signal,
      });
      const stream = (await exec.start({ Detach: false, Tty: false, abortSignal: signal })) as Readable;
      const { stdout, stderr } = await demultiplex(docker, stream, signal);
      const info = (await exec.inspect({ abortSignal: signal })) as { ExitCode?: unknown };
      return { exitCode: typeof info.ExitCode === 'number' ? info.ExitCode : null, stdout, stderr };
    },
    stream: (path, signal, query) =>
      new Promise<Readable>((resolve, reject) => {
        const dial = query === undefined ? { path } : { path: `${path}?`, options: { ...query } };
        docker.modem.dial(
          { ...dial, method: 'GET', isStream: true, abortSignal: signal, statusCodes: { 200: true } },
          (error, result) => {
            if (error) reject(error);
            else resolve(result as Readable);
          },
        );
      }),
    close: () => agent.destroy(),
  };
}

async function readPem(dir: string, name: string, required: boolean): Promise<Buffer | undefined> {
  try {
    return await readFile(join(dir, name));
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read TLS file ${join(dir, name)}: ${(error as Error).message}`, { cause: error });
  }
}

/** What one command run in a container may print: a netstat of a busy container is well under 1 MiB. */
export const MAX_EXEC_OUTPUT_BYTES = 32 * 1024 * 1024;

export function demultiplex(
  docker: Pick<Docker, 'modem'>,
  stream: Readable,
  signal: AbortSignal,
  maxBytes: number = MAX_EXEC_OUTPUT_BYTES,
): Promise<{ stdout: Uint8Array; stderr: Uint8Array }> {
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let total = 0;
    // A container is not trusted to stop talking: past the limit the stream is cut and the probe fails.
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) {
        stream.destroy();
        signal.removeEventListener('abort', onAbort);
        reject(new Error(`the command printed more than ${maxBytes} bytes; stopped reading`));
        return;
      }
      into.push(chunk);
    };
    const stdout = new PassThrough().on('data', collect(out));
    const stderr = new PassThrough().on('data', collect(err));
    const onAbort = (): void => {
      stream.destroy();
      reject(signal.reason);
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    docker.modem.demuxStream(stream, stdout, stderr);
    stream.once('error', (error) => {
      signal.removeEventListener('abort', onAbort);
      reject(error);
    });
    stream.once('end', () => {
      signal.removeEventListener('abort', onAbort);
      resolve({ stdout: Buffer.concat(out), stderr: Buffer.concat(err) });
    });
  });
}

/** Reads what an error from dockerode or node says, without trusting its shape. */
export function engineErrorShape(error: unknown): EngineErrorShape {
  if (typeof error !== 'object' || error === null) return { message: String(error) };
  const e = error as { statusCode?: unknown; code?: unknown; message?: unknown; json?: unknown };
  return {
    ...(typeof e.statusCode === 'number' ? { statusCode: e.statusCode } : {}),
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    message: typeof e.message === 'string' ? e.message.trim() : String(error),
    ...(e.json !== undefined ? { json: e.json } : {}),
  };
}
