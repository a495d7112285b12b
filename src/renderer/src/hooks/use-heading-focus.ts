// Focus moves to the new view's heading, so keyboard and screen-reader users land where the content is.
// A view that loads its data first (Enter on a container row) has no heading yet: focus it once it appears,
// rather than leaving focus on a row that is gone (issue 11).

import { useEffect, type RefObject } from 'react';

/** `section` and `item`: the route's first two segments; a change of either is a new view. */
export function useHeadingFocus(
  main: RefObject<HTMLElement | null>,
  section: string | undefined,
  item: string | undefined,
): void {
  useEffect(() => {
    const element = main.current;
    if (!element) return;
    const focusHeading = (): boolean => {
      const heading = element.querySelector<HTMLElement>('h1');
      heading?.focus({ preventScroll: true });
      return heading !== null;
    };
    if (focusHeading()) return;
    const observer = new MutationObserver(() => {
      if (focusHeading()) observer.disconnect();
    });
    observer.observe(element, { childList: true, subtree: true });
    return () => observer.disconnect();
    // section and item are what the effect reacts to, not what it reads: a new view wants its heading focused.
  }, [main, section, item]);
}
