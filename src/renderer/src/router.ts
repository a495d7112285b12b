// Hash routes (#/containers/<id>/network?x=y): the app's place survives a reload and every view is a link.

import { useSyncExternalStore } from 'react';

export interface Route {
  readonly segments: readonly string[];
  readonly params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = raw.split('?', 2);
  return {
    segments: path
      .split('/')
      .filter((s) => s !== '')
      .map(safeDecode),
    params: new URLSearchParams(query),
  };
}

export function href(
  segments: readonly string[],
  params: Readonly<Record<string, string | number | undefined | null>> = {},
): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') query.set(name, String(value));
  const text = query.toString();
  return `#/${segments.map(encodeURIComponent).join('/')}${text ? `?${text}` : ''}`;
}

export function navigate(target: string, replace = false): void {
  if (replace) window.history.replaceState(null, '', target);
  else window.location.hash = target.slice(1);
  if (replace) window.dispatchEvent(new HashChangeEvent('hashchange'));
}

const subscribe = (notify: () => void): (() => void) => {
  window.addEventListener('hashchange', notify);
  return () => window.removeEventListener('hashchange', notify);
};

export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
