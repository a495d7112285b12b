// Checks from inside a container (issue 14) through docker exec on the Podman-served engine: one container to
// another's listening port and to a closed port. The busybox test image has neither PowerShell nor curl.exe: the
// tools a Windows image would have are tried first and found missing for real (the "no tool" path), and busybox
// `nc -w N <ip> <port> -e true` stands in for them in this test only (its nc has no -z).
// The PowerShell tool's exact command line is run by the real pwsh of this machine, as an image with PowerShell would.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTAINER_TOOLS,
  connectFromContainer,
  powershellTool,
  type ContainerTool,
} from '../../../src/collect/checks/connect';
import { runChecks } from '../../../src/collect/checks/run-checks';
import type { EngineClient, ExecResult } from '../../../src/collect/docker/engine-client';
import { resolveDockerEndpoint } from '../../../src/collect/docker/endpoint';
import type { CheckRecord, PlannedCheck } from '../../../src/shared/checks';
import { hasPwsh, pwsh } from '../powershell/pwsh-test-kit';
import { findTestEngine, freePort, removeLabelled, runId, TEST_IMAGE } from '../docker/test-engine';

const engine = await findTestEngine();
const id = runId();
const label = `com.hostscope.test=${id}`;

/** The test's stand-in for PowerShell or curl.exe: busybox nc, which exits 0 once connected. */
const ncStandIn: ContainerTool = {
  tool: 'stand-in',
  name: 'busybox nc (test stand-in)',
  argv: (to, port, timeoutMs) => [
    'nc',
    '-w',
    String(Math.ceil(timeoutMs / 1000)),
    to,
    String(port),
    '-e',
    'true',
  ],
  env: () => [],
  read: (result) => {
    const said = new TextDecoder().decode(result.stderr);
    if (result.exitCode === 0) return { outcome: 'connected', detail: 'nc connected' };
    if (/refused/i.test(said)) return { outcome: 'refused', detail: said.trim() };
    if (/timed out/i.test(said)) return { outcome: 'timeout', detail: said.trim() };
    return { outcome: 'error', detail: said.trim() };
  },
};

const plan = (from: string, to: string, port: number, target: string): PlannedCheck => ({
  from: { kind: 'container', id: from },
  to,
  port,
  protocol: 'tcp',
  question: { container: target, sourceKind: 'container', sourceContainer: from, port, protocol: 'tcp' },
  label: `${from} to ${to}:${port}`,
});

describe.skipIf(engine === null)('checks from inside a container (Podman engine)', () => {
  let web = '';
  let client = '';
  let webIp = '';
  let records: readonly CheckRecord[] = [];
  let noTool: CheckRecord | undefined;

  beforeAll(async () => {
    const { docker } = engine!;
    const start = async (name: string, cmd: string[]): Promise<string> => {
      const c = await docker.createContainer({
        name: `${id}-${name}`,
        Image: TEST_IMAGE,
        Cmd: cmd,
        Labels: { 'com.hostscope.test': id },
      });
      await c.start();
      return c.id;
    };
    web = await start('web', ['httpd', '-f', '-p', '8080']);
    client = await start('client', ['sleep', '600']);
    const inspected = await docker.getContainer(web).inspect();
    webIp = Object.values(inspected.NetworkSettings.Networks)[0]!.IPAddress;
    const endpoint = resolveDockerEndpoint({
      dockerHost: engine!.host,
      env: {},
      platform: 'posix',
      homeDir: '/',
    });
    const closed = 8081;
    records = await runChecks([plan(client, webIp, 8080, web), plan(client, webIp, closed, web)], {
      timeoutMs: 3000,
      docker: endpoint,
      tools: [...CONTAINER_TOOLS, ncStandIn],
    });
    [noTool] = await runChecks([plan(client, webIp, 8080, web)], { timeoutMs: 3000, docker: endpoint });
  }, 120_000);

  afterAll(async () => {
    if (engine) await removeLabelled(engine.docker, label);
  });

  it("connects from one container to another one's listening port", () => {
    expect(records[0]).toMatchObject({
      from: `container:${client}`,
      to: webIp,
      port: 8080,
      outcome: 'connected',
      tool: 'stand-in',
    });
  });

  it('is refused on a port nothing listens on', () => {
    expect(records[1]).toMatchObject({ port: 8081, outcome: 'refused', tool: 'stand-in' });
    expect(records[1]!.detail).toMatch(/Connection refused/);
  });

  it('says "no tool in the image" where neither PowerShell nor curl.exe exists (no stand-in given)', () => {
    expect(noTool).toMatchObject({ outcome: 'no-tool', tool: null });
    expect(noTool!.detail).toBe(
      'no tool in the image to connect with (tried powershell (TcpClient), pwsh (TcpClient), curl.exe (telnet://))',
    );
  });
});

/** An engine whose exec runs the argv here with its env: how an image with PowerShell would run the tool's command. */
function localExec(): EngineClient {
  return {
    endpoint: 'local',
    get: () => Promise.reject(new Error('not used')),
    logs: () => Promise.reject(new Error('not used')),
    stream: () => Promise.reject(new Error('not used')),
    close: () => undefined,
    exec: (_id, cmd, signal, env) =>
      new Promise<ExecResult>((resolve, reject) => {
        const [exe, ...args] = cmd;
        const extra = Object.fromEntries(
          (env ?? []).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]),
        );
        const child = spawn(exe === 'pwsh' ? pwsh! : exe!, args, {
          env: { ...process.env, ...extra },
          signal,
        });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on('data', (b: Buffer) => out.push(b));
        child.stderr.on('data', (b: Buffer) => err.push(b));
        child.once('error', reject);
        child.once('close', (code) =>
          resolve({ exitCode: code, stdout: Buffer.concat(out), stderr: Buffer.concat(err) }),
        );
      }),
  };
}

describe.skipIf(!hasPwsh())('the in-container PowerShell command, run by real pwsh', () => {
  it('connects and is refused with the address and port passed in the environment only', async () => {
    const { createServer } = await import('node:net');
    const server = createServer((s) => s.end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const open = (server.address() as { port: number }).port;
    const closed = await freePort();
    const tool = powershellTool('pwsh');
    expect(tool.argv('127.0.0.1', open, 2000).join(' ')).not.toContain(String(open));
    try {
      const ok = await connectFromContainer(localExec(), 'local', '127.0.0.1', open, 2000, [tool]);
      const refused = await connectFromContainer(localExec(), 'local', '127.0.0.1', closed, 2000, [tool]);
      expect(ok).toMatchObject({ outcome: 'connected', tool: 'powershell' });
      expect(refused).toMatchObject({ outcome: 'refused', tool: 'powershell' });
    } finally {
      server.close();
    }
  }, 60_000);
});
