// The renderer loads from app://hostscope/ rather than file://: a real origin for the CSP's 'self', and only the
// built renderer's files can be fetched through it.

import { readFile } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { mediaTypeOf, resolveStaticFile } from '../service/static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'hostscope';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** The response for one app:// request: a renderer file with the CSP, or 404. */
export async function appResponse(requestUrl: string, rendererDir: string): Promise<Response> {
  const url = new URL(requestUrl);
  const file = url.host === APP_HOST ? resolveStaticFile(rendererDir, url.pathname) : null;
  if (file === null) return new Response('Not found', { status: 404 });
  return new Response(await readFile(file), {
    headers: {
      'Content-Type': mediaTypeOf(file),
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(request.url, rendererDir));
}
