// `hostscope serve`: the app's API and the built renderer over HTTP, for a Server Core host or a Linux workstation.
// Loopback only; every request must carry the random token in its path (`/<token>/...`), so another local user or
// a web page cannot drive it; the Host header must name the loopback address (DNS rebinding).

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { fail, IMPORT_REQUEST_LIMITS, type AppEvent } from '../shared/ipc';
import type { HostscopeService } from './service';
import { mediaTypeOf, resolveStaticFile } from './static-files';
import { errorMessage } from '../shared/error-message';

export const LOOPBACK = '127.0.0.1';
const MAX_BODY_BYTES = 64 * 1024;
/** The channels that carry pasted or dropped text take the import cap instead; the same byte and time limits. */
const UPLOAD_BODY_BYTES: ReadonlyMap<string, number> = new Map([
  ['import:preview', IMPORT_REQUEST_LIMITS.maxBodyBytes],
  ['import:open', IMPORT_REQUEST_LIMITS.maxBodyBytes],
]);
const HEARTBEAT_MS = 15_000;
// Issue 17, defect 10: an endless upload was drained for up to 300 s and connections were uncapped. A request
// must arrive whole within these times; the page opens a handful of connections, and one event stream.
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;
const MAX_CONNECTIONS = 64;

export interface HttpServerOptions {
  readonly service: HostscopeService;
  /** The built renderer: out/renderer. */
  readonly rendererDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** A fixed token for tests; random otherwise. */
  readonly token?: string;
  /** One line per request that failed (`hostscope serve` prints it on stderr); console.error otherwise. */
  readonly log?: (line: string) => void;
}

export interface RunningHttpServer {
  /** The URL to open, token included. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const COMMON_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  // The token is in the URL: never send it elsewhere.
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
} as const;

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const expected = Buffer.from(token);
  const streams = new Set<ServerResponse>();
  let port = options.port;

  const log = options.log ?? ((line: string): void => console.error(line));
  const server: Server = createServer(
    { headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS },
    (req, res) => {
      handleRequest(req, res).catch((error: unknown) => {
        // One line, never the token (it is in the URL) and never a stack: this runs once per request.
        log(`hostscope serve: ${req.method ?? '?'} request failed: ${errorMessage(error)}`);
        if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error');
        else res.destroy();
      });
    },
  );
  server.maxConnections = MAX_CONNECTIONS;

  const forbidden = (res: ServerResponse): void =>
    send(res, 403, 'text/plain; charset=utf-8', 'Forbidden: open the URL that `hostscope serve` printed.');

  const handleRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!hostAllowed(req.headers.host, port))
      return send(res, 421, 'text/plain; charset=utf-8', 'Misdirected request');
    // The token is checked on the path as sent before anything parses it: `GET //` made `new URL` throw, which
    // answered 500 without a token check (issue 17, defect 10).
    const target = req.url ?? '/';
    if (!tokenMatches(target.split(/[?#]/, 1)[0]!.split('/')[1] ?? '', expected)) return forbidden(res);
    let url: URL;
    try {
      url = new URL(target, `http://${LOOPBACK}`);
    } catch {
      return send(res, 400, 'text/plain; charset=utf-8', 'Bad request: the URL cannot be read.');
    }
    // Checked again on the parsed path, which resolves `..` and percent-encoded dots.
    const [, first = '', ...rest] = url.pathname.split('/');
    if (!tokenMatches(first, expected)) return forbidden(res);
    const path = rest.join('/');
    if (path.startsWith('api/')) return api(req, res, path.slice('api/'.length));
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
    if (rest.length === 0) {
      // `/<token>` without the slash: relative asset URLs need the directory form.
      res.writeHead(308, { ...COMMON_HEADERS, Location: `/${token}/` }).end();
      return;
    }
    const file = resolveStaticFile(options.rendererDir, path);
    if (file === null) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    const body = await readFile(file);
    res.writeHead(200, {
      ...COMMON_HEADERS,
      'Content-Type': mediaTypeOf(file),
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Content-Length': body.length,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const api = async (req: IncomingMessage, res: ServerResponse, route: string): Promise<void> => {
    if (route === 'events') {
      if (req.method !== 'GET') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
      return events(req, res);
    }
    if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
    // A JSON content type cannot be sent cross-origin without a preflight, which this server never grants.
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      return sendJson(res, 415, fail('bad-request', 'Send the request as application/json.'));
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !hostAllowed(origin.replace(/^http:\/\//, ''), port)) {
      return sendJson(res, 403, fail('bad-request', 'Cross-origin requests are refused.'));
    }
    const limit = UPLOAD_BODY_BYTES.get(decodedOrAsIs(route)) ?? MAX_BODY_BYTES;
    const body = await readBody(req, limit);
    if (body.kind === 'aborted') {
      log(`hostscope serve: a request to api/${route.slice(0, 80)} was aborted by the client`);
      return;
    }
    if (body.kind === 'too-large') {
      // Answer and close: an endless upload is not drained (issue 17, defect 10).
      res.setHeader('Connection', 'close');
      sendJson(res, 413, fail('bad-request', `The request is larger than ${limit} bytes.`));
      res.once('finish', () => req.destroy());
      return;
    }
    let payload: unknown;
    try {
      payload = body.text.length === 0 ? {} : JSON.parse(body.text);
    } catch {
      return sendJson(res, 400, fail('bad-request', 'The request body is not valid JSON.'));
    }
    // Errors are values of the contract, so they travel with 200; HTTP codes are for transport problems.
    sendJson(res, 200, await options.service.handle(decodedOrAsIs(route), payload));
  };

  const events = (req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(200, {
      ...COMMON_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      Connection: 'keep-alive',
    });
    res.write(': hostscope events\n\n');
    streams.add(res);
    const write = (event: AppEvent): void => void res.write(`data: ${JSON.stringify(event)}\n\n`);
    const unsubscribe = options.service.onEvent(write);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    });
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${LOOPBACK}:${port}/${token}/`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function tokenMatches(candidate: string, expected: Buffer): boolean {
  const given = Buffer.from(candidate);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Exported for tests. A browser leaves the default port 80 out of Host and Origin, so `serve --port 80` needs it. */
export function hostAllowed(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const named = host.toLowerCase();
  return [LOOPBACK, 'localhost'].some(
    (name) => named === `${name}:${port}` || (port === 80 && named === name),
  );
}

/** Malformed percent-encoding (`%E0`) names no channel either: the service answers that as a value, not a 500. */
function decodedOrAsIs(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    return component;
  }
}

type Body =
  | { readonly kind: 'ok'; readonly text: string }
  | { readonly kind: 'too-large' }
  | { readonly kind: 'aborted' };

/** The request body up to `limit` bytes; past that it stops reading. A client that goes away is no error of ours. */
function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.pause();
      resolve({ kind: 'too-large' });
    };
    req.on('data', onData);
    req.on('end', () => resolve({ kind: 'ok', text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', () => resolve({ kind: 'aborted' }));
    req.on('close', () => {
      if (!req.complete) resolve({ kind: 'aborted' });
    });
  });
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': type }).end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}
