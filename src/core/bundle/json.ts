// JSON from hosts we do not control: bounded nesting, errors that say where.

export const DEFAULT_MAX_JSON_DEPTH = 64;

export type JsonResult =
  | { readonly kind: 'ok'; readonly value: unknown }
  | { readonly kind: 'invalid'; readonly reason: string; readonly location?: string };

/**
 * Where in the text arrays and objects first nest deeper than `limit` (outside strings). Linear; used only to
 * say where a file that failed the depth check goes too deep.
 */
export function exceedsDepth(text: string, limit: number): { readonly offset: number } | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > limit) return { offset: i };
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
  return null;
}

/** Line and column (1-based) of a character offset, for messages. */
export function lineColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

/** Whether parsed JSON nests deeper than `limit`; iterative, and it looks only at arrays and objects. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const nodes: unknown[] = [value];
  const depths: number[] = [1];
  while (nodes.length > 0) {
    const node = nodes.pop();
    const depth = depths.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > limit) return true;
    if (Array.isArray(node)) {
      for (const child of node) {
        if (child !== null && typeof child === 'object') {
          nodes.push(child);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const key in node) {
        const child = (node as Record<string, unknown>)[key];
        if (child !== null && typeof child === 'object') {
          nodes.push(child);
          depths.push(depth + 1);
        }
      }
    }
  }
  return false;
}

export function parseJson(text: string, maxDepth: number = DEFAULT_MAX_JSON_DEPTH): JsonResult {
  if (text.trim() === '') return { kind: 'invalid', reason: 'the file is empty; expected JSON' };
  let value: unknown;
  try {
    // V8's JSON.parse is not recursive, so hostile nesting cannot overflow the stack here; the depth is
    // checked right after, before anything else walks the value.
    value = JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    // V8 reports where it stopped; stopping at the very end means the file was cut short.
    const truncated =
      /Unexpected end of JSON input/.test(message) ||
      (position !== null && Number(position[1]) >= text.trimEnd().length);
    return {
      kind: 'invalid',
      reason: `${truncated ? 'truncated JSON' : 'not valid JSON'}: ${message.replace(/\s*\(line \d+ column \d+\)$/, '')}`,
      ...(position ? { location: lineColumn(text, Number(position[1])) } : {}),
    };
  }
  if (nestsDeeperThan(value, maxDepth)) {
    const deep = exceedsDepth(text, maxDepth);
    return {
      kind: 'invalid',
      reason: `JSON nests deeper than ${maxDepth} levels; refused (limit: JSON nesting depth)`,
      ...(deep ? { location: lineColumn(text, deep.offset) } : {}),
    };
  }
  return { kind: 'ok', value };
}
