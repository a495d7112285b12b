// Chart colours come from the stylesheet's custom properties, re-read when the system theme changes, so light and
// dark are defined once (styles.css).

import { useSyncExternalStore } from 'react';

const query = typeof window === 'undefined' ? null : window.matchMedia('(prefers-color-scheme: dark)');

function subscribe(notify: () => void): () => void {
  query?.addEventListener('change', notify);
  return () => query?.removeEventListener('change', notify);
}

export function useDarkMode(): boolean {
  return useSyncExternalStore(subscribe, () => query?.matches ?? false);
}

/** Resolves `--name` custom properties to colours for SVG attributes (which cannot use var()). */
export function useCssColors<K extends string>(names: readonly K[]): Record<K, string> {
  const dark = useDarkMode();
  const style = getComputedStyle(document.documentElement);
  const colors = {} as Record<K, string>;
  for (const name of names)
    colors[name] = style.getPropertyValue(`--${name}`).trim() || (dark ? '#ccc' : '#333');
  return colors;
}
