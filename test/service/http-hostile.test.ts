// Issue 17, defect 10: `hostscope serve` against hostile clients: a URL `new URL` cannot read, aborted and endless
// uploads, and more connections than a page ever opens. Each answers or closes without a stack trace in the log.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostscopeService } from '../../src/service/compose';
import { startHttpServer, type RunningHttpServer } from '../../src/service/http-server';
import type { HostscopeService } from '../../src/service/service';

let root: string;
let server: RunningHttpServer;
let service: HostscopeService;
const log: string[] = [];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'hostscope-serve-hostile-'));
  mkdirSync(join(root, 'renderer'));
  writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><title>app</title>');
  service = createHostscopeService({ kind: 'web' });
  server = await startHttpServer({
    service,
    rendererDir: join(root, 'renderer'),
    port: 0,
    log: (line) => log.push(line),
  });
});

afterAll(async () => {
  await server.close();
  service.dispose();
  rmSync(root, { recursive: true, force: true });
});

function open(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  });
}

/** Everything the server sends until it closes the connection (or `ms` pass). */
function received(socket: Socket, ms = 5000): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve) => {
    let text = '';
    const timer = setTimeout(() => resolve({ text, closed: false }), ms);
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closed: true });
    });
  });
}

const host = (): string => `Host: 127.0.0.1:${server.port}\r\n`;
const waitFor = (check: () => boolean, ms = 3000): Promise<boolean> =>
  new Promise((resolve) => {
    const start = Date.now();
    const tick = (): void => {
      if (check()) resolve(true);
      else if (Date.now() - start > ms) resolve(false);
      else setTimeout(tick, 20);
    };
    tick();
  });

describe('serve against hostile clients', () => {
  it('answers GET // and an absolute-form URL with the token check, not a 500, and logs nothing', async () => {
    for (const target of ['//', '//x/..', `http://[::1/${server.token}/`]) {
      const socket = await open();
      const reply = received(socket);
      socket.end(`GET ${target} HTTP/1.1\r\n${host()}Connection: close\r\n\r\n`);
      expect((await reply).text).toMatch(/^HTTP\/1\.1 403 /);
    }
    expect(log).toEqual([]);
  });

  it('logs one line, without a stack, for an upload the client aborts', async () => {
    log.length = 0;
    const socket = await open();
    socket.write(
      `POST /${server.token}/api/app:info HTTP/1.1\r\n${host()}Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":`,
    );
    await new Promise((r) => setTimeout(r, 100));
    socket.destroy();
    expect(await waitFor(() => log.length > 0)).toBe(true);
    expect(log).toEqual(['hostscope serve: a request to api/app:info was aborted by the client']);
  });

  it('answers 413 and closes an endless upload instead of draining it', async () => {
    const socket = await open();
    const reply = received(socket, 10_000);
    socket.write(
      `POST /${server.token}/api/app:info HTTP/1.1\r\n${host()}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
    );
    const chunk = 'x'.repeat(16 * 1024);
    let sent = 0;
    const pump = setInterval(() => {
      if (socket.destroyed) return;
      socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
      sent += chunk.length;
    }, 5);
    const { text, closed } = await reply;
    clearInterval(pump);
    socket.destroy();
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(closed).toBe(true);
    // Cut soon after the cap (64 KiB), not after minutes of uploading.
    expect(sent).toBeLessThan(16 * 1024 * 1024);
  });

  it('caps connections: past 64 at once, new ones are closed', async () => {
    const sockets = await Promise.all(Array.from({ length: 70 }, () => open()));
    const closed = sockets.map(() => false);
    sockets.forEach((s, i) => {
      s.on('error', () => undefined);
      s.on('close', () => (closed[i] = true));
    });
    expect(await waitFor(() => closed.filter(Boolean).length >= 6)).toBe(true);
    for (const s of sockets) s.destroy();
  });
});
