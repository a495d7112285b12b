// Serving the built renderer (out/renderer) safely: a URL path maps to a file inside the root or to nothing.

import { existsSync, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/**
 * The file a request path names inside `root`, or null: no `..`, no hidden files, nothing outside the root,
 * only regular files of a known type. An empty path is index.html.
 */
export function resolveStaticFile(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const relative = decoded.replace(/^\/+/, '') || 'index.html';
  const segments = relative.split(/[\\/]/);
  if (segments.some((s) => s === '' || s === '..' || s.startsWith('.') || s.includes('\0'))) return null;
  const base = resolve(root);
  const file = resolve(base, ...segments);
  if (!file.startsWith(base + sep)) return null;
  if (!(extname(file).toLowerCase() in MEDIA_TYPES)) return null;
  if (!existsSync(file) || !statSync(file).isFile()) return null;
  return file;
}

export function mediaTypeOf(file: string): string {
  return MEDIA_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}
