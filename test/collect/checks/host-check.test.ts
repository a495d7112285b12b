// The host-side active check (issue 14) through the collector's own PowerShell runner, against listeners this test
// starts on 127.0.0.1: one that accepts (connected), a closed port (refused), and one whose accept queue is full, so
// the kernel drops the connection's SYN and the connect runs into its limit (timeout, deterministic on Linux).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { createConnection, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChecks } from '../../../src/collect/checks/run-checks';
import type { CheckRecord, PlannedCheck } from '../../../src/shared/checks';
import { freePort } from '../docker/test-engine';
import { hasPwsh, pwsh } from '../powershell/pwsh-test-kit';

const run = hasPwsh();

const plan = (port: number, to = '127.0.0.1'): PlannedCheck => ({
  from: { kind: 'host' },
  to,
  port,
  protocol: 'tcp',
  question: {
    container: 'c'.repeat(64),
    sourceKind: 'host-localhost',
    sourceContainer: null,
    port,
    protocol: 'tcp',
  },
  label: `the host to ${to}:${port}`,
});

/** A listener that never accepts, with a backlog of 1, in a PowerShell process of its own; answers its port. */
function startFullListener(): Promise<{ child: ChildProcess; port: number }> {
  const script = [
    "$s = New-Object System.Net.Sockets.Socket('InterNetwork', 'Stream', 'Tcp')",
    '$s.Bind((New-Object System.Net.IPEndPoint([System.Net.IPAddress]::Loopback, 0)))',
    '$s.Listen(1)',
    '[Console]::Out.WriteLine("PORT " + $s.LocalEndPoint.Port)',
    '[Console]::In.ReadLine() | Out-Null',
  ].join('; ');
  const child = spawn(pwsh!, ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', script], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.once('exit', (code) => reject(new Error(`the listener exited with ${code}: ${out}`)));
  });
}

/** Connections that fill the accept queue: the kernel completes them without anyone accepting. */
async function fillQueue(port: number): Promise<Socket[]> {
  const sockets: Socket[] = [];
  let connected = 0;
  for (let i = 0; i < 4; i++) {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.on('error', () => undefined);
    socket.once('connect', () => connected++);
    sockets.push(socket);
  }
  // Backlog 1 queues two on Linux; the others wait in SYN_SENT like the check will.
  for (let waited = 0; connected < 2 && waited < 5000; waited += 50)
    await new Promise((r) => setTimeout(r, 50));
  if (connected < 2) throw new Error(`only ${connected} connections completed; the queue is not full`);
  return sockets;
}

describe.skipIf(!run)('the host-side check through the collector runner (real pwsh)', () => {
  let server: Server;
  let openPort = 0;
  let closedPort = 0;
  let full: { child: ChildProcess; port: number };
  let fillers: Socket[] = [];
  let records: readonly CheckRecord[] = [];
  const progress: string[] = [];

  beforeAll(async () => {
    server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    openPort = (server.address() as { port: number }).port;
    closedPort = await freePort();
    full = await startFullListener();
    fillers = await fillQueue(full.port);
    records = await runChecks([plan(openPort), plan(closedPort), plan(full.port)], {
      timeoutMs: 1500,
      powershell: { executable: pwsh! },
      onProgress: (done, total, label) => progress.push(`${done}/${total} ${label}`),
    });
  }, 120_000);

  afterAll(() => {
    for (const socket of fillers) socket.destroy();
    full?.child.stdin?.end();
    full?.child.kill();
    server?.close();
  });

  it('connects to a listening port', () => {
    expect(records[0]).toMatchObject({
      from: 'host',
      to: '127.0.0.1',
      port: openPort,
      outcome: 'connected',
      tool: 'powershell',
    });
    expect(records[0]!.detail).toMatch(/connected from 127\.0\.0\.1:\d+/);
  });

  it('is refused on a closed port', () => {
    expect(records[1]).toMatchObject({ port: closedPort, outcome: 'refused' });
  });

  it('times out where the SYN is dropped, after about its limit and not much longer', () => {
    expect(records[2]).toMatchObject({ port: full.port, outcome: 'timeout', timeoutMs: 1500 });
    expect(records[2]!.durationMs).toBeGreaterThanOrEqual(1400);
    expect(records[2]!.durationMs).toBeLessThan(10_000);
  });

  it('records what ran and reports progress per check', () => {
    for (const r of records)
      expect(r.command).toMatch(/TcpClient\).ConnectAsync\('127\.0\.0\.1', \d+\)\.Wait\(1500\)/);
    expect(progress).toEqual([
      `0/3 the host to 127.0.0.1:${openPort}`,
      `1/3 the host to 127.0.0.1:${closedPort}`,
      `2/3 the host to 127.0.0.1:${full.port}`,
      '3/3 done',
    ]);
  });

  it('never splices the address into script text: a hostile address is an error, not code', async () => {
    const [hostile] = await runChecks([plan(openPort, "127.0.0.1'); exit 7; ('")], {
      timeoutMs: 1000,
      powershell: { executable: pwsh! },
    });
    expect(hostile).toMatchObject({ outcome: 'error', detail: 'not an IP address and port' });
  }, 60_000);
});
