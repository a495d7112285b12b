// A stand-in Windows Server 2019 engine on a Unix socket: the recorded answers of
// test/fixtures/powershell/engine-2019 by path, and commands "run" in its containers as framed exec streams.
// Both collectors reach it: collect.ps1 over HTTP/1.0 (.NET's named-pipe client opens a Unix socket by
// absolute path), the Node collector through dockerode.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { STAND_INS } from './powershell/pwsh-test-kit';

const ENGINE = join(STAND_INS, 'engine-2019');
export const WEB = '4b5e57f6eb2f42b9039b3d1e13929295f231749c510cbe341cd68036d9af97e2';
export const LEGACY = 'c49fea7425fa7f8699897a97c159c6690267d9003bb78c53fafa8fc15c325d84';

/** What each command prints in a container of this host (the fixture file), by the command's first word. */
const OUTPUTS: Readonly<Record<string, string>> = {
  netstat: 'netstat-in-container.txt',
  ipconfig: 'ipconfig-in-container.txt',
  cmd: 'hosts-in-container.txt',
};

export interface WindowsEngineOptions {
  /** Every request, as `METHOD url HTTP/x.y[ body]`. */
  readonly requests?: string[];
  /** Running containers that the listing shows but that are gone by the time anyone asks about them. */
  readonly vanished?: readonly string[];
  /** Commands (first word) that a container's image lacks, by container id. */
  readonly missing?: Readonly<Record<string, readonly string[]>>;
}

const execId = (container: string, cmd: readonly string[]): string =>
  createHash('sha256')
    .update(`exec:${container}:${cmd.join(' ')}`)
    .digest('hex');

export function windowsEngine(options: WindowsEngineOptions = {}): Server {
  const vanished = options.vanished ?? [];
  const file = (name: string): Buffer | null =>
    existsSync(join(ENGINE, name)) ? readFileSync(join(ENGINE, name)) : null;
  const execs = new Map<string, { container: string; cmd: readonly string[] }>();
  return createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const raw = req.url ?? '';
    const url = new URL(raw, 'http://engine');
    let body = '';
    for await (const chunk of req) body += (chunk as Buffer).toString('utf8');
    options.requests?.push(`${req.method} ${raw} HTTP/${req.httpVersion}${body ? ` ${body}` : ''}`);
    const json = (status: number, answer: Buffer | string | null): void => {
      res.writeHead(answer === null ? 404 : status, { 'Content-Type': 'application/json' });
      res.end(answer ?? JSON.stringify({ message: `no such object: ${raw}` }));
    };
    const path = url.pathname.replace(/^\/v1\.\d+/, '');
    let m: RegExpExecArray | null;
    if (req.method === 'GET' && (m = /^\/(version|info|volumes|networks)$/.exec(path)))
      return json(200, file(`${m[1]}.json`));
    if (req.method === 'GET' && path === '/containers/json') {
      const all = ['1', 'true'].includes(url.searchParams.get('all') ?? '');
      const listed = JSON.parse(
        file(all ? 'containers-all.json' : 'containers-running.json')!.toString('utf8'),
      ) as unknown[];
      const gone = vanished.map((id) => ({ Id: id, Names: [`/gone-${id.slice(0, 4)}`], State: 'running' }));
      return json(200, JSON.stringify([...listed, ...gone]));
    }
    // A non-manager engine answers the swarm endpoints with 503 (moby daemon/cluster).
    if (req.method === 'GET' && /^\/(services|tasks|nodes)$/.test(path))
      return json(
        503,
        JSON.stringify({
          message:
            'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.',
        }),
      );
    if ((m = /^\/containers\/([0-9a-f]{64})\//.exec(path)) && vanished.includes(m[1]!))
      return json(404, JSON.stringify({ message: `No such container: ${m[1]}` }));
    if (req.method === 'GET' && (m = /^\/containers\/([0-9a-f]{64})\/(json|top)$/.exec(path)))
      return json(200, file(`${m[2] === 'json' ? 'container' : 'top'}-${m[1]}.json`));
    if (req.method === 'GET' && (m = /^\/networks\/([0-9a-f]{64})$/.exec(path)))
      return json(200, file(`network-${m[1]}.json`));
    if (req.method === 'GET' && path === '/images/json') return json(200, file('images.json'));
    if (req.method === 'GET' && (m = /^\/images\/sha256:([0-9a-f]{64})\/json$/.exec(path)))
      return json(200, file(`image-${m[1]}.json`));
    if (req.method === 'POST' && (m = /^\/containers\/([0-9a-f]{64})\/exec$/.exec(path))) {
      const cmd = (JSON.parse(body) as { Cmd: string[] }).Cmd;
      const id = execId(m[1]!, cmd);
      execs.set(id, { container: m[1]!, cmd });
      return json(201, JSON.stringify({ Id: id }));
    }
    m = /^\/exec\/([0-9a-f]{64})\/(start|json)$/.exec(path);
    const exec = m ? execs.get(m[1]!) : undefined;
    if (m && exec) {
      const lacks = (options.missing?.[exec.container] ?? []).includes(exec.cmd[0]!);
      // A command the image lacks: moby's exec start route writes the error into the stream it already
      // answered 200 for, and daemon/exec.go records exit code 126 (modelled on moby; unconfirmed on Windows).
      if (m[2] === 'json')
        return json(200, JSON.stringify({ ID: m[1], Running: false, ExitCode: lacks ? 126 : 0 }));
      const output = lacks
        ? Buffer.from(
            `container ${exec.container} encountered an error during hcsshim::System::CreateProcess: failure in a Windows system call: The system cannot find the file specified. (0x2)\r\n`,
          )
        : file(OUTPUTS[exec.cmd[0]!] ?? '');
      if (output === null)
        return json(500, JSON.stringify({ message: `stand-in engine runs no ${exec.cmd.join(' ')}` }));
      res.writeHead(200, { 'Content-Type': 'application/vnd.docker.raw-stream' });
      const frame = (stream: number, payload: Buffer): Buffer =>
        Buffer.concat([
          Buffer.from([stream, 0, 0, 0]),
          Buffer.from(new Uint32Array([payload.length]).buffer).reverse(),
          payload,
        ]);
      // Split across frames, with an empty stderr frame between, as a real stream may be.
      res.write(frame(1, output.subarray(0, 40)));
      res.write(frame(2, Buffer.alloc(0)));
      res.end(frame(1, output.subarray(40)));
      return;
    }
    json(404, null);
  });
}

/** Serves the engine on `socket` while `use` runs. */
export async function withWindowsEngine<T>(
  socket: string,
  options: WindowsEngineOptions,
  use: () => Promise<T>,
): Promise<T> {
  const engine = windowsEngine(options);
  await new Promise<void>((resolve) => engine.listen(socket, resolve));
  try {
    return await use();
  } finally {
    await new Promise((resolve) => engine.close(resolve));
  }
}
