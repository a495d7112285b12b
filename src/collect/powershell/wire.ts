// How values travel to the runner's PowerShell and answers come back (resources/runner-bridge.ps1).
// Values never become script text: each goes over as base64 of UTF-8 JSON, whose alphabet (A-Z a-z 0-9 + / =)
// holds no quote, `$`, backtick, semicolon or newline, so PowerShell parses it as one inert string literal.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function toBase64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** A JSON-able value as one single-quoted PowerShell argument that the bridge decodes. */
export function requestArgument(value: unknown): string {
  const encoded = toBase64(JSON.stringify(value));
  if (!BASE64.test(encoded)) throw new Error('base64 produced a character outside its alphabet');
  return `'${encoded}'`;
}

/** A string as a PowerShell expression, for the bootstrap line that runs before the bridge exists. */
export function stringExpression(value: string): string {
  return `([System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${toBase64(value)}')))`;
}

/** A marker no probe output can contain by chance: the answer line starts with it. */
export function newNonce(): string {
  return `HOSTSCOPE-${randomBytes(12).toString('hex')}:`;
}

/** The answer line's JSON, or null when the output holds no line with this nonce. */
export function readAnswer(stdout: string, nonce: string): unknown {
  for (const line of stdout.split(/\r?\n/).reverse()) {
    const at = line.indexOf(nonce);
    if (at === -1) continue;
    const encoded = line.slice(at + nonce.length).trim();
    if (!BASE64.test(encoded)) return null;
    try {
      return JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as unknown;
    } catch {
      return null;
    }
  }
  return null;
}

/** Windows PowerShell 5.1 may serialize an array wrapped in a PSObject as {"value": [...], "Count": n}. */
const psArray = <T extends z.ZodType>(item: T): z.ZodType<z.output<T>[]> =>
  z.preprocess((v) => {
    if (v === null || v === undefined) return [];
    if (Array.isArray(v)) return v;
    if (typeof v === 'object' && 'value' in v && Array.isArray((v as { value: unknown }).value))
      return (v as { value: unknown[] }).value;
    return [v];
  }, z.array(item)) as unknown as z.ZodType<z.output<T>[]>;

const optString = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

/** What Invoke-HostscopeProbe returns (resources/invoke-probe.ps1). */
export const probeAnswerSchema = z.object({
  Status: z.enum(['ok', 'failed', 'unsupported']),
  Error: optString,
  Files: psArray(z.object({ Path: z.string(), Text: optString, Base64: optString })),
});

/** What Initialize-HostscopeShell and Connect-HostscopeTarget return. */
export const stepAnswerSchema = z.object({
  Status: z.enum(['ok', 'failed']),
  Error: optString,
  PSVersion: optString,
  Edition: optString,
  ProcessId: z.number().int().positive().nullish(),
});

/** Base64 as the probe wrote it, checked before decoding (Buffer.from would skip bad characters silently). */
export function decodeBase64(text: string): Uint8Array | null {
  const compact = text.replace(/\s+/g, '');
  return BASE64.test(compact) && compact.length % 4 === 0
    ? new Uint8Array(Buffer.from(compact, 'base64'))
    : null;
}
