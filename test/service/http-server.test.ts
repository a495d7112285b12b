// `hostscope serve`'s HTTP server: loopback only, the token on every request, the contract over POST, events over
// server-sent events, and nothing but the renderer's own files.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/csp';
import { IMPORT_REQUEST_LIMITS } from '../../src/shared/ipc';
import { createHostscopeService } from '../../src/service/compose';
import { hostAllowed, startHttpServer, type RunningHttpServer } from '../../src/service/http-server';
import { samplesDir } from '../../src/service/paths';
import { listSamples } from '../../src/service/samples';
import type { HostscopeService } from '../../src/service/service';

let root: string;
let server: RunningHttpServer;
let service: HostscopeService;

beforeAll(async () => {
  // A renderer folder of our own, with a secret beside it that must never be served.
  root = mkdtempSync(join(tmpdir(), 'hostscope-serve-'));
  mkdirSync(join(root, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(root, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'renderer', '.env'), 'SECRET=1');
  writeFileSync(join(root, 'secret.txt'), 'outside');
  service = createHostscopeService({ kind: 'web' });
  server = await startHttpServer({ service, rendererDir: join(root, 'renderer'), port: 0 });
});

afterAll(async () => {
  await server.close();
  service.dispose();
  rmSync(root, { recursive: true, force: true });
});

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A raw request, so the Host header and paths go out exactly as written. */
function send(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: options.method ?? 'GET',
        headers: { Host: `127.0.0.1:${server.port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const post = (channel: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> =>
  send(`/${server.token}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('the serve HTTP server', () => {
  it('listens on the loopback address only, with a long random token in its URL', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/${server.token}/`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('is bound to 127.0.0.1 itself, not to every address: another loopback address gets no answer', async () => {
    // 127.0.0.2 reaches this machine too; a server on 0.0.0.0 would accept it.
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.2', port: server.port });
      socket.setTimeout(2000, () => {
        socket.destroy();
        resolve('timeout');
      });
      socket.on('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(outcome).not.toBe('connected');
  });

  it('refuses every request without the token', async () => {
    for (const path of [
      '/',
      '/index.html',
      '/api/app:info',
      // The last character changed (to another one: a random token may already end in x).
      `/${server.token.slice(0, -1)}${server.token.endsWith('x') ? 'y' : 'x'}/`,
      `/${server.token}x/`,
      '/favicon.ico',
    ]) {
      expect((await send(path)).status, path).toBe(403);
    }
    expect(
      (
        await send('/api/app:info', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBe(403);
  });

  it('refuses a Host header that is not the loopback address (DNS rebinding)', async () => {
    expect(
      (await send(`/${server.token}/`, { headers: { Host: `evil.example:${server.port}` } })).status,
    ).toBe(421);
    expect((await send(`/${server.token}/`, { headers: { Host: `localhost:${server.port}` } })).status).toBe(
      200,
    );
  });

  it('takes the Host a browser sends for port 80, which leaves the default port out', () => {
    expect(hostAllowed('127.0.0.1', 80)).toBe(true);
    expect(hostAllowed('localhost', 80)).toBe(true);
    expect(hostAllowed('127.0.0.1:80', 80)).toBe(true);
    expect(hostAllowed('127.0.0.1', 8080)).toBe(false);
    expect(hostAllowed('evil.example', 80)).toBe(false);
    expect(hostAllowed(undefined, 80)).toBe(false);
  });

  it('serves the renderer with its CSP, and nothing outside it', async () => {
    const index = await send(`/${server.token}/`);
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>app</title>');
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers['referrer-policy']).toBe('no-referrer');
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect((await send(`/${server.token}/assets/app.js`)).headers['content-type']).toMatch(
      /^text\/javascript/,
    );
    for (const path of [
      '../secret.txt',
      '..%2fsecret.txt',
      '%2e%2e/secret.txt',
      '.env',
      'assets/../../secret.txt',
      'assets/%00.js',
      'missing.js',
    ]) {
      // `..` either normalises away the token (403) or is refused inside it (404): never the file.
      const reply = await send(`/${server.token}/${path}`);
      expect([403, 404], path).toContain(reply.status);
      expect(reply.body).not.toMatch(/outside|SECRET/);
    }
    expect((await send(`/${server.token}`)).status).toBe(308);
    expect((await send(`/${server.token}/`, { method: 'DELETE' })).status).toBe(405);
  });

  it('answers the contract over POST, errors as values', async () => {
    const info = await post('app:info', {});
    expect(info.status).toBe(200);
    expect(JSON.parse(info.body)).toMatchObject({ ok: true, value: { shell: 'web', canPick: false } });
    expect(JSON.parse((await post('no:such', {})).body)).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
    // Malformed percent-encoding is an unknown channel too, not a server error.
    const malformed = await post('%E0', {});
    expect(malformed.status).toBe(200);
    expect(JSON.parse(malformed.body)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(JSON.parse((await post('container:detail', { ref: '' })).body)).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    expect(JSON.parse((await post('host:overview', {})).body)).toMatchObject({
      ok: false,
      error: { code: 'no-bundle' },
    });
  });

  it('refuses what a foreign page could send: form posts, other origins, bad JSON, huge bodies', async () => {
    const form = await send(`/${server.token}/api/app:info`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(form.status).toBe(415);
    expect((await post('app:info', {}, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await post('app:info', {}, { Origin: `http://127.0.0.1:${server.port}` })).status).toBe(200);
    const bad = await send(`/${server.token}/api/app:info`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{oops',
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const huge = await post('bundle:open', { path: 'x'.repeat(70 * 1024) });
    expect(huge.status).toBe(413);
    expect((await send(`/${server.token}/api/app:info`)).status).toBe(405);
  });

  it('takes pasted text over the usual cap on the import channels only, up to the import cap', async () => {
    const paste = { inputs: [{ name: 'pasted text', text: 'PS C:\\> docker ps\n'.padEnd(200 * 1024, 'x') }] };
    const preview = await post('import:preview', paste);
    expect(preview.status).toBe(200);
    expect(JSON.parse(preview.body)).toMatchObject({ ok: true });
    // Percent-encoded as the page sends it: the same channel, the same cap.
    const encoded = await send(`/${server.token}/api/${encodeURIComponent('import:preview')}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(paste),
    });
    expect(encoded.status).toBe(200);
    expect((await post('bundle:open', { path: 'x'.repeat(200 * 1024) })).status).toBe(413);
    const over = await post('import:preview', {
      inputs: [{ name: 'pasted text', text: 'x'.repeat(IMPORT_REQUEST_LIMITS.maxBodyBytes) }],
    });
    expect(over.status).toBe(413);
    expect(JSON.parse(over.body)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('streams events to the page: progress and the bundle opened', async () => {
    const events: unknown[] = [];
    const stream = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: server.port,
          path: `/${server.token}/api/events`,
          headers: { Host: `127.0.0.1:${server.port}` },
        },
        resolve,
      );
      req.on('error', reject);
      req.end();
    });
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
    let buffer = '';
    stream.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.startsWith('data: ')) events.push(JSON.parse(block.slice('data: '.length)));
      }
    });
    const sample = listSamples(samplesDir())[0]!.name;
    const opened = JSON.parse(
      (await post('bundle:openSample', { name: sample, operationId: 'sse-1' })).body,
    ) as { ok: boolean };
    expect(opened.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    stream.destroy();
    expect(events).toContainEqual(expect.objectContaining({ kind: 'progress', operationId: 'sse-1' }));
    expect(events).toContainEqual(expect.objectContaining({ kind: 'bundle-opened' }));
    expect(events).toContainEqual({
      kind: 'operation-ended',
      operationId: 'sse-1',
      operation: 'open',
      outcome: 'ok',
    });
  });
});
