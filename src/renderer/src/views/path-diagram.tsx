// The path of one reachability question as a picture: client -> each hop -> the process in the container. Hops are
// green (passes), red (fails) or grey (unknown, or does not apply); the row wraps to the width available.

import type { JSX, KeyboardEvent } from 'react';
import type { Hop, HopStatus } from '../../../shared/diagnosis';
import { ArrowMarker } from '../components/arrow-marker';
import { useElementWidth } from '../hooks/use-element-width';

const NODE_W = 164;
const LINE_H = 14;
const TITLE_LINES = 6;
const GAP = 34;
const ROW_GAP = 40;
const PAD = 8;
const STATUS_WORD: Readonly<Record<HopStatus, string>> = {
  pass: 'passes',
  fail: 'fails',
  unknown: 'unknown',
  skip: 'does not apply',
};

interface Node {
  readonly key: string;
  readonly title: string;
  readonly kind: 'end' | HopStatus;
  readonly hopIndex: number | null;
}

export function PathDiagram({
  client,
  target,
  hops,
  selected,
  onSelect,
}: {
  client: string;
  target: string;
  hops: readonly Hop[];
  selected: number | null;
  onSelect: (index: number) => void;
}): JSX.Element {
  const [wrapRef, width] = useElementWidth<HTMLDivElement>(900);

  const nodes: Node[] = [
    { key: 'client', title: client, kind: 'end', hopIndex: null },
    ...hops.map((h, i): Node => ({ key: `${h.id}-${i}`, title: h.title, kind: h.status, hopIndex: i })),
    { key: 'target', title: target, kind: 'end', hopIndex: null },
  ];
  // Titles are shown whole (wrapped, never cut), so every box is as tall as the longest title needs.
  const titles = nodes.map((n) => wrap(n.title, 21, TITLE_LINES));
  const nodeH = 36 + Math.max(...titles.map((t) => t.length)) * LINE_H;
  const perRow = Math.max(2, Math.floor((width - 2 * PAD + GAP) / (NODE_W + GAP)));
  const rows = Math.ceil(nodes.length / perRow);
  const svgWidth = Math.min(nodes.length, perRow) * (NODE_W + GAP) - GAP + 2 * PAD;
  const svgHeight = rows * (nodeH + ROW_GAP) - ROW_GAP + 2 * PAD;
  const place = (i: number): { x: number; y: number } => ({
    x: PAD + (i % perRow) * (NODE_W + GAP),
    y: PAD + Math.floor(i / perRow) * (nodeH + ROW_GAP),
  });
  const firstFail = hops.findIndex((h) => h.status === 'fail');

  const onKey = (event: KeyboardEvent<SVGGElement>, index: number | null): void => {
    if (index !== null && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      onSelect(index);
    }
  };

  return (
    <div ref={wrapRef} className="path-diagram">
      <svg
        width={svgWidth}
        height={svgHeight}
        viewBox={`0 0 ${svgWidth} ${svgHeight}`}
        role="group"
        aria-label={`Path from ${client} to ${target}: ${hops.map((h) => `${h.title} ${STATUS_WORD[h.status]}`).join('; ')}`}
      >
        <defs>
          <ArrowMarker id="path-arrow" size={7} orient="auto-start-reverse" className="path-arrowhead" />
        </defs>
        {nodes.slice(1).map((node, i) => {
          const a = place(i);
          const b = place(i + 1);
          const broken = firstFail !== -1 && node.hopIndex !== null && node.hopIndex > firstFail;
          const d =
            a.y === b.y
              ? `M${a.x + NODE_W} ${a.y + nodeH / 2} H${b.x - 2}`
              : `M${a.x + NODE_W / 2} ${a.y + nodeH} V${a.y + nodeH + ROW_GAP / 2} H${b.x + NODE_W / 2} V${b.y - 2}`;
          return (
            <path
              key={`edge-${node.key}`}
              d={d}
              className={broken ? 'path-edge path-edge-after-fail' : 'path-edge'}
              markerEnd="url(#path-arrow)"
            />
          );
        })}
        {nodes.map((node, i) => {
          const { x, y } = place(i);
          const lines = titles[i]!;
          const kindWord =
            node.kind === 'end' ? (i === 0 ? 'FROM' : 'TO') : STATUS_WORD[node.kind].toUpperCase();
          const interactive = node.hopIndex !== null;
          const isSelected = interactive && node.hopIndex === selected;
          return (
            <g
              key={node.key}
              transform={`translate(${x} ${y})`}
              className={`path-node path-${node.kind}${isSelected ? ' path-selected' : ''}${interactive ? ' path-interactive' : ''}`}
              {...(interactive
                ? {
                    role: 'button',
                    tabIndex: 0,
                    'aria-pressed': isSelected,
                    onClick: () => onSelect(node.hopIndex!),
                    onKeyDown: (e: KeyboardEvent<SVGGElement>) => onKey(e, node.hopIndex),
                  }
                : { 'aria-hidden': true })}
            >
              {/* The name is the box's own words (what is seen is what is spoken); <desc> adds what a press does. */}
              {interactive && <desc>Shows the evidence for this step.</desc>}
              <rect width={NODE_W} height={nodeH} rx={6} className="path-box" />
              {node.kind !== 'end' && (
                <g transform="translate(12 14)" aria-hidden="true">
                  <circle r={8} className="path-badge" />
                  <path d={STATUS_GLYPH[node.kind]} className="path-glyph" />
                </g>
              )}
              <text x={node.kind === 'end' ? 10 : 26} y={18} className="path-kind">
                {kindWord}
              </text>
              {lines.map((line, l) => (
                <text key={l} x={10} y={38 + l * LINE_H} className="path-title">
                  {line}
                </text>
              ))}
            </g>
          );
        })}
      </svg>
    </div>
  );
}

const STATUS_GLYPH: Readonly<Record<HopStatus, string>> = {
  pass: 'M-4 0 -1 3 4 -3',
  fail: 'M-3 -3 3 3M3 -3 -3 3',
  unknown: 'M-2 -2.5a2 2 0 1 1 2 2v1M0 3.5v.2',
  skip: 'M-3.5 0H3.5',
};

/**
 * Splits a title into at most `maxLines` lines of about `width` characters; a word longer than a line is broken
 * across lines, and the last line ends with … only when the text does not fit at all.
 */
export function wrap(text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    let rest = word;
    while (rest.length > width) {
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    line = rest;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]!.slice(0, width - 1)}…`;
  return kept;
}
