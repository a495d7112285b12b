// checks/*.json read back from a bundle (issue 14). A bundle is hostile input: every file is bounded in size and
// count, checked against the record's shape, and one broken file is reported alone while the others are used.
import { z } from 'zod';
import { isCheckFile, CHECK_OUTCOMES, type ActiveCheck, type CheckRecord } from '../../shared/checks';
import type { RawBundle } from '../../shared/bundle';
import type { FileOutcome, ProbeOutcome } from '../../shared/model';
import { decodeText } from '../bundle/decode';
import { parseJson } from '../bundle/json';
import { describeIssues } from '../parse/values';

/** A check record is a few hundred bytes; anything near this is not one. */
export const MAX_CHECK_BYTES = 64 * 1024;
/** Checks are user-started and bounded per run; a bundle holding more than this was not made by Hostscope. */
export const MAX_CHECK_FILES = 1000;

const DETAIL_CHARS = 2000;
// Addresses only, never names: a check connects to what the explanation's model holds (IPv4, IPv6 literals).
const ADDRESS = /^[0-9A-Fa-f:.]{2,64}$/;
// A redacted bundle holds the address's pseudonym instead (src/core/redact: `ip-3`).
const REDACTED_ADDRESS = /^ip-\d{1,9}$/;
const CONTAINER_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

const port = z.number().int().min(1).max(65535);
const protocol = z.enum(['tcp', 'udp']);
const isoTime = z
  .string()
  .max(40)
  .refine((v) => !Number.isNaN(Date.parse(v)), 'expected an ISO 8601 time');

const recordSchema: z.ZodType<CheckRecord> = z.object({
  from: z.union([z.literal('host'), z.string().regex(/^container:[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/)]),
  to: z.string().refine((v) => ADDRESS.test(v) || REDACTED_ADDRESS.test(v), 'an IP address'),
  port,
  protocol,
  startedAt: isoTime,
  durationMs: z.number().min(0).max(86_400_000),
  outcome: z.enum(CHECK_OUTCOMES as [CheckRecord['outcome'], ...CheckRecord['outcome'][]]),
  detail: z.string().max(DETAIL_CHARS),
  command: z.string().max(DETAIL_CHARS),
  timeoutMs: z.number().int().min(1).max(600_000),
  tool: z.enum(['powershell', 'curl', 'stand-in']).nullable(),
  question: z.object({
    container: z.string().regex(CONTAINER_ID),
    sourceKind: z.enum(['host', 'host-localhost', 'container']),
    sourceContainer: z.string().regex(CONTAINER_ID).nullable(),
    port,
    protocol,
  }),
});

export interface ReadChecks {
  readonly checks: readonly ActiveCheck[];
  /** Every check file with its outcome; empty when the bundle holds none. */
  readonly files: readonly FileOutcome[];
}

/** The bundle's checks, oldest first; a file that is too large, not JSON or not a check record is `invalid`. */
export function readChecks(raw: RawBundle): ReadChecks {
  const paths = [...raw.files.keys()].filter(isCheckFile).sort();
  const checks: ActiveCheck[] = [];
  const files: FileOutcome[] = [];
  paths.forEach((file, i) => {
    const bytes = raw.files.get(file)!;
    const invalid = (reason: string, location?: string): void => {
      files.push({ kind: 'invalid', file, reason, ...(location ? { location } : {}) });
    };
    if (i >= MAX_CHECK_FILES)
      return invalid(`more than ${MAX_CHECK_FILES} check files; left unread (limit: checks per bundle)`);
    if (bytes.length > MAX_CHECK_BYTES)
      return invalid(`${bytes.length} bytes, more than a check's ${MAX_CHECK_BYTES}; left unread`);
    const decoded = decodeText(bytes);
    const json = parseJson(decoded.text, 8);
    if (json.kind === 'invalid') return invalid(json.reason, json.location);
    const checked = recordSchema.safeParse(json.value);
    if (!checked.success) return invalid(`does not match a check record: ${describeIssues(checked.error)}`);
    checks.push({ ...checked.data, file });
    files.push({ kind: 'ok', file, encoding: decoded.encoding });
  });
  return { checks, files };
}

/** The outcome line for the probes list: the checks are no probe, but their files are read and can be broken. */
export function checksOutcome(read: ReadChecks): ProbeOutcome | null {
  if (read.files.length === 0) return null;
  const invalid = read.files.filter((f) => f.kind === 'invalid');
  const base = { id: 'checks', files: read.files, manifestStatus: null, durationMs: null } as const;
  if (invalid.length === 0)
    return {
      ...base,
      status: 'ok',
      detail: `${read.checks.length} active check${read.checks.length === 1 ? '' : 's'} read`,
    };
  const first = invalid[0]!;
  return {
    ...base,
    status: 'invalid',
    detail: `${first.file}: ${first.kind === 'invalid' ? first.reason : ''}${invalid.length > 1 ? ` (and ${invalid.length - 1} more files)` : ''}; ${read.checks.length} other checks read`,
  };
}

/** Addresses accepted as a check's target (the record's `to`), for the planner to refuse anything else. */
export function isCheckAddress(text: string): boolean {
  return ADDRESS.test(text);
}
