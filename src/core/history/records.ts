// The history folder's index lines (one JSON object a line): each collection's summary and each engine event.
// The folder is on disk and may be edited or damaged, so every line is validated; a bad line is reported and
// skipped, never trusted. A file name must be a plain name inside the folder: retention deletes by it.

import { z } from 'zod';
import type { EngineEventMark, HistoryPoint } from '../../shared/history';

/** `<stamp>-<scope>.zip` as the history writes them, or any plain file name: never a path. */
export const HISTORY_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}\.zip$/;

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const isoTime = z.iso.datetime({ offset: true });
const name = z.string().min(1).max(512);

const summarySchema = z.strictObject({
  containers: count.nullable(),
  runningContainers: count.nullable(),
  natSessions: count.nullable(),
  natSessionsByContainer: z
    .array(z.strictObject({ container: name, sessions: count }))
    .max(16)
    .nullable(),
  findingsBySeverity: z
    .strictObject({ critical: count, high: count, medium: count, low: count, info: count })
    .nullable(),
  unreachablePaths: count.nullable(),
});

const pointSchema = z.strictObject({
  file: z.string().regex(HISTORY_FILE, 'a plain .zip file name inside the history folder'),
  collectedAt: isoTime,
  scope: z.enum(['fast', 'full']),
  computerName: z.string().max(256).nullable(),
  bytes: count,
  summary: summarySchema,
});

const eventSchema = z.strictObject({
  at: isoTime,
  kind: z.enum(['start', 'die', 'restart', 'connect', 'disconnect', 'health']),
  container: name,
  detail: z.string().max(512).nullable(),
});

export type RecordLine<T> =
  | { readonly kind: 'ok'; readonly line: number; readonly value: T }
  | { readonly kind: 'invalid'; readonly line: number; readonly reason: string };

function parseLines<T>(text: string, schema: z.ZodType<T>): RecordLine<T>[] {
  const out: RecordLine<T>[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      out.push({ kind: 'invalid', line: i + 1, reason: `not JSON: ${(error as Error).message}` });
      continue;
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) out.push({ kind: 'ok', line: i + 1, value: parsed.data });
    else
      out.push({
        kind: 'invalid',
        line: i + 1,
        reason: parsed.error.issues
          .slice(0, 3)
          .map((issue) => `${issue.path.join('.') || 'line'}: ${issue.message}`)
          .join('; '),
      });
  }
  return out;
}

export function parsePointLines(text: string): RecordLine<HistoryPoint>[] {
  return parseLines(text, pointSchema);
}

export function parseEventLines(text: string): RecordLine<EngineEventMark>[] {
  return parseLines(text, eventSchema);
}

export function recordLine(value: HistoryPoint | EngineEventMark): string {
  return `${JSON.stringify(value)}\n`;
}
