// Active checks (issue 14, ../shared/spec/diagnosis.md section 5): a real connection attempt made on the live host
// at the user's request, stored in the bundle as checks/<time>-<n>.json and shown as an `observed` hop.

/**
 * `connected`, `refused`, `timeout`, `error` as in the contract, plus `no-tool` (an addition: the container has
 * neither PowerShell nor curl.exe to connect with). UDP is never tried: a connect decides nothing there (plan.ts).
 */
export type CheckOutcome = 'connected' | 'refused' | 'timeout' | 'error' | 'no-tool';

export const CHECK_OUTCOMES: readonly CheckOutcome[] = [
  'connected',
  'refused',
  'timeout',
  'error',
  'no-tool',
];

/** What made the connection: PowerShell's TcpClient, curl.exe (Windows images from 1803), or a test's stand-in. */
export type CheckTool = 'powershell' | 'curl' | 'stand-in';

/** The explanation a check was run for (an addition to the contract): matched when the bundle is read again. */
export interface CheckQuestion {
  /** Full id of the container the explanation is about. */
  readonly container: string;
  readonly sourceKind: 'host' | 'host-localhost' | 'container';
  /** Full id of the source container, for `container`; null otherwise. */
  readonly sourceContainer: string | null;
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
}

/** One checks/*.json file: the contract's fields, plus `timeoutMs`, `tool` and `question` (additions). */
export interface CheckRecord {
  /** `host`, or `container:<full id>` for a connection made inside a container (docker exec). */
  readonly from: string;
  /** The address connected to (an IP literal, never a name). */
  readonly to: string;
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
  readonly startedAt: string;
  readonly durationMs: number;
  readonly outcome: CheckOutcome;
  readonly detail: string;
  /** What ran, in words an admin can repeat by hand. */
  readonly command: string;
  readonly timeoutMs: number;
  readonly tool: CheckTool | null;
  readonly question: CheckQuestion;
}

/** A check as read back from a bundle: the record and the file it came from. */
export interface ActiveCheck extends CheckRecord {
  readonly file: string;
}

/** Every check's file lives here; the name is `<UTC time>-<n>.json`. */
export const CHECKS_FOLDER = 'checks';
const CHECK_FILE = /^checks\/[A-Za-z0-9._-]{1,100}\.json$/;

export function isCheckFile(path: string): boolean {
  return CHECK_FILE.test(path);
}

/** `checks/20261207T093000Z-1.json`: sortable by time, unique within one run by `n`. */
export function checkFileName(startedAt: Date, n: number): string {
  const stamp = startedAt
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '');
  return `${CHECKS_FOLDER}/${stamp}-${n}.json`;
}

/** Where a check is run from and to, built from a validated explanation (never from what a caller typed). */
export interface PlannedCheck {
  readonly from: { readonly kind: 'host' } | { readonly kind: 'container'; readonly id: string };
  readonly to: string;
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
  readonly question: CheckQuestion;
  /** What the connection stands for, e.g. "the host to 127.0.0.1:8080". */
  readonly label: string;
}

/** The checks that answer one explanation, or why it cannot be tested by a connection from this host. */
export type CheckPlan =
  | { readonly kind: 'checks'; readonly checks: readonly PlannedCheck[] }
  | { readonly kind: 'untestable'; readonly reason: string };
