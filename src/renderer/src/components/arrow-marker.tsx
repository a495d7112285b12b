// The arrowhead the drawings put at the end of an edge: an SVG <marker>, which an edge names in its markerEnd.

import type { JSX } from 'react';

export function ArrowMarker({
  id,
  size,
  orient,
  className,
}: {
  id: string;
  /** Its width and height in the edge's stroke widths. */
  size: number;
  orient: 'auto' | 'auto-start-reverse';
  className: string;
}): JSX.Element {
  return (
    <marker
      id={id}
      viewBox="0 0 10 10"
      refX="9"
      refY="5"
      markerWidth={size}
      markerHeight={size}
      orient={orient}
    >
      <path d="M0 0 10 5 0 10z" className={className} />
    </marker>
  );
}
