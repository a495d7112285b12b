// A drawing that lays itself out to the width it is given: the width of its box, followed as the window resizes.

import { useEffect, useRef, useState, type RefObject } from 'react';

/** `initial`: the width assumed until the box is first measured. */
export function useElementWidth<T extends HTMLElement>(initial: number): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => entry && setWidth(entry.contentRect.width));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
