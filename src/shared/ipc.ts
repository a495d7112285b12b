// The app's one typed contract: channel -> request (validated with zod wherever it is received: the renderer is
// untrusted) and response types. Electron main (IPC) and `hostscope serve` (HTTP) answer the same contract through
// the same service; errors travel as values, never as thrown exceptions across the boundary.

import { z } from 'zod';
import type { Channel } from './ipc-channels';
import type { DiffResult } from './diff';
import type {
  AppInfo,
  BundleRef,
  CheckMatrixOutcome,
  ContainerDetail,
  ContainerLogs,
  ContainersView,
  ExportOutcome,
  FindingsView,
  HostOverview,
  ImportPreview,
  IsolationView,
  IcmpView,
  ReachMatrix,
  ReachView,
  SessionsView,
  TopologyView,
  ViewName,
} from './views';
import { WATCH_LIMITS, type HistoryPoint, type TimelineView, type WatchSettings } from './history';

export { CHANNELS, EVENT_CHANNEL, isChannel, type Channel } from './ipc-channels';

/** Printable text without control characters (a NUL in a path is how file-API tricks start). */
const text = (max: number): z.ZodString =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((value) => !hasControlCharacter(value), 'must not contain control characters');

function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Chosen by the caller so it can follow progress events and cancel before the response arrives. */
const operationId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only (1-64)');
const containerRef = text(256);
const port = z.number().int().min(1).max(65535);
const protocol = z.enum(['tcp', 'udp']);
const noFields = z.strictObject({});

const reachSource = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('external') }),
  z.strictObject({ kind: z.literal('host') }),
  z.strictObject({ kind: z.literal('host-localhost') }),
  z.strictObject({ kind: z.literal('container'), ref: containerRef }),
]);

/** Where an outbound question goes (section 4 of the diagnosis contract), the same words as `explain --to`. */
const outboundTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('host') }),
  z.strictObject({ kind: z.literal('internet') }),
  z.strictObject({ kind: z.literal('container'), ref: containerRef }),
  z.strictObject({
    kind: z.literal('address'),
    address: z
      .string()
      .max(64)
      .regex(/^[0-9A-Fa-f:.]{2,64}$/, 'an IPv4 or IPv6 address'),
  }),
  z.strictObject({
    kind: z.literal('name'),
    name: z
      .string()
      .max(253)
      .regex(/^(?!-)[A-Za-z0-9-]{1,63}(\.(?!-)[A-Za-z0-9-]{1,63})*\.?$/, 'a DNS name'),
  }),
]);

/** A DNS name or an IP address: what a remote collection may be pointed at. */
const computerName = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9]([A-Za-z0-9.:-]*[A-Za-z0-9])?$/, 'a host name or an IP address');

const collectTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('local') }),
  z.strictObject({
    kind: z.literal('remote'),
    computer: computerName,
    /** The account for PowerShell remoting; PowerShell asks for the password, the app never sees it. */
    credentialUser: text(256).optional(),
    /** `tcp://host:2376`: the remote engine, reached with TLS. */
    dockerHost: z
      .string()
      .max(300)
      .regex(/^tcp:\/\/[A-Za-z0-9.:[\]-]+:\d{1,5}$/, 'tcp://<host>:<port>')
      .optional(),
  }),
]);

/**
 * One import from the Paste-or-drop dialog: a console paste is kilobytes, a saved log folder a few megabytes.
 * Bigger text goes through `hostscope import`, which reads files under the bundle-sized IMPORT_LIMITS. The body
 * cap leaves room for JSON escaping; the served UI's transport enforces it (src/service/http-server.ts).
 */
export const IMPORT_REQUEST_LIMITS = {
  /** UTF-8 bytes of all texts together. */
  maxTextBytes: 8 * 1024 * 1024,
  maxInputs: 1_000,
  maxBodyBytes: 2 * 8 * 1024 * 1024 + 64 * 1024,
} as const;

const utf8 = new TextEncoder();

/** Dropped files and the text area: names are printable (they come from the file list), texts may be anything. */
const importInputs = z
  .array(
    z.strictObject({
      name: text(1024),
      text: z
        .string()
        .max(
          IMPORT_REQUEST_LIMITS.maxTextBytes,
          `over ${IMPORT_REQUEST_LIMITS.maxTextBytes / 1024 / 1024} MiB; import bigger output with \`hostscope import\``,
        ),
    }),
  )
  .min(1)
  .max(IMPORT_REQUEST_LIMITS.maxInputs)
  .refine(
    (inputs) =>
      inputs.reduce((n, input) => n + utf8.encode(input.text).length, 0) <=
      IMPORT_REQUEST_LIMITS.maxTextBytes,
    `the text to import is over ${IMPORT_REQUEST_LIMITS.maxTextBytes / 1024 / 1024} MiB in total; import bigger files with \`hostscope import\``,
  );
const bounded = (limits: { readonly min: number; readonly max: number }, unit: string): z.ZodNumber =>
  z
    .number()
    .int(`a whole number of ${unit}`)
    .min(limits.min, `at least ${limits.min} ${unit}`)
    .max(limits.max, `at most ${limits.max} ${unit}`);

/** The interval and retention settings (issue 13, item 2), as received from the UI and as kept on disk. */
export const watchSettingsSchema = z.strictObject({
  fastSeconds: bounded(WATCH_LIMITS.fastSeconds, 'seconds').nullable(),
  fullMinutes: bounded(WATCH_LIMITS.fullMinutes, 'minutes').nullable(),
  retention: z.strictObject({
    maxCount: bounded(WATCH_LIMITS.maxCount, 'collections'),
    maxBytes: bounded(WATCH_LIMITS.maxBytes, 'bytes'),
  }),
});

/** Every channel's request schema; `satisfies` keeps it in step with CHANNELS. */
export const REQUEST_SCHEMAS = {
  'app:info': noFields,
  'bundle:open': z.strictObject({ path: text(4096), operationId: operationId.optional() }),
  'bundle:openSample': z.strictObject({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/),
    operationId: operationId.optional(),
  }),
  'bundle:pick': z.strictObject({ operationId: operationId.optional() }),
  'bundle:cancel': z.strictObject({ operationId }),
  'host:overview': noFields,
  'containers:list': noFields,
  'container:detail': z.strictObject({ ref: containerRef }),
  'reach:explain': z.strictObject({ container: containerRef, source: reachSource, port, protocol }),
  'reach:outbound': z.strictObject({ container: containerRef, target: outboundTarget, port, protocol }),
  /** A ping question (issue 10): answered with the correction that ICMP is not evidence, never a verdict. */
  'reach:icmp': z.strictObject({
    container: containerRef,
    question: z.discriminatedUnion('direction', [
      z.strictObject({ direction: z.literal('inbound'), source: reachSource }),
      z.strictObject({ direction: z.literal('outbound'), target: outboundTarget }),
    ]),
  }),
  'reach:matrix': noFields,
  'isolation:compare': z.strictObject({
    a: containerRef.optional(),
    b: containerRef.optional(),
    // Issue 16: the container whose what-if the walkthrough shows.
    whatIf: containerRef.optional(),
  }),
  'findings:list': noFields,
  'topology:get': noFields,
  'sessions:get': noFields,
  'collect:start': z.strictObject({ operationId, target: collectTarget }),
  'collect:cancel': z.strictObject({ operationId }),
  'report:export': z.strictObject({
    format: z.enum(['html', 'pdf', 'md', 'json']),
    redact: z.boolean(),
    /** `problems`: details only of what fails (issue 11); `all` when absent. */
    scope: z.enum(['problems', 'all']).optional(),
    operationId: operationId.optional(),
  }),
  'report:preview': z.strictObject({ redact: z.boolean(), scope: z.enum(['problems', 'all']).optional() }),
  'report:cancel': z.strictObject({ operationId }),
  'import:preview': z.strictObject({ inputs: importInputs, computerName: computerName.optional() }),
  'import:open': z.strictObject({
    inputs: importInputs,
    computerName: computerName.optional(),
    /** `new`: a bundle of its own; `open-bundle`: added to the open bundle of the same host. */
    target: z.enum(['new', 'open-bundle']),
    /** The user confirmed an import that names no computer is the open bundle's host. */
    confirmSameHost: z.boolean().optional(),
    operationId: operationId.optional(),
  }),
  /** `maxBuckets`: how many time spans the charts draw (the timeline is downsampled to it). */
  /** `listed`: how many of the newest collections the list holds (the charts always span the whole history). */
  'history:timeline': z.strictObject({
    maxBuckets: z.number().int().min(10).max(5_000).optional(),
    listed: z.number().int().min(1).max(100_000).optional(),
  }),
  /** Collect again into the history; `open` shows the new bundle when it is kept. */
  'history:collect': z.strictObject({ operationId, scope: z.enum(['fast', 'full']), open: z.boolean() }),
  'history:settings': z.strictObject({ settings: watchSettingsSchema }),
  /** Two bundle paths, validated like bundle:open's (issue 13). */
  'changes:compare': z.strictObject({ older: text(4096), newer: text(4096) }),
  /** The live engine's last 200 log lines of a container of the open bundle (issue 13). */
  'container:logs': z.strictObject({ ref: containerRef }),
  // Issue 14: the request names an explanation, never an address: main builds the target from the validated model.
  'checks:run': z.strictObject({ operationId, container: containerRef, source: reachSource, port, protocol }),
  'checks:matrix': z.strictObject({ operationId }),
  'checks:cancel': z.strictObject({ operationId }),
} as const satisfies Record<Channel, z.ZodType>;

export type RequestOf<C extends Channel> = z.output<(typeof REQUEST_SCHEMAS)[C]>;

export interface ResponseMap {
  'app:info': AppInfo;
  'bundle:open': BundleRef;
  'bundle:openSample': BundleRef;
  /** Null when the user closed the picker. */
  'bundle:pick': BundleRef | null;
  'bundle:cancel': { readonly cancelled: boolean };
  'host:overview': HostOverview;
  'containers:list': ContainersView;
  'container:detail': ContainerDetail;
  'reach:explain': ReachView;
  'reach:outbound': ReachView;
  'reach:icmp': IcmpView;
  'reach:matrix': ReachMatrix;
  'isolation:compare': IsolationView;
  'findings:list': FindingsView;
  'topology:get': TopologyView;
  'sessions:get': SessionsView;
  'collect:start': BundleRef;
  'collect:cancel': { readonly cancelled: boolean };
  'report:export': ExportOutcome;
  /** The report as Markdown text, shown as text (never as HTML) before exporting; cut on very large hosts. */
  'report:preview': { readonly markdown: string; readonly truncated: boolean };
  'report:cancel': { readonly cancelled: boolean };
  /** What the text holds, before anything is written. */
  'import:preview': ImportPreview;
  /** The bundle written from the import (or the merged one), opened like any other. */
  'import:open': BundleRef;
  'history:timeline': TimelineView;
  /** The kept collection, and the bundle opened when `open` was asked. */
  'history:collect': { readonly point: HistoryPoint; readonly bundle: BundleRef | null };
  'history:settings': WatchSettings;
  /** What changed between the two bundles, or why they were not compared (two different hosts). */
  'changes:compare': DiffResult;
  'container:logs': ContainerLogs;
  /** The explanation again, with what the real connections observed. */
  'checks:run': ReachView;
  'checks:matrix': CheckMatrixOutcome;
  'checks:cancel': { readonly cancelled: boolean };
}

export type ResponseOf<C extends Channel> = ResponseMap[C];

export type ErrorCode =
  | 'bad-request'
  | 'unknown-channel'
  | 'no-bundle'
  | 'not-found'
  | 'ambiguous'
  | 'unreadable-bundle'
  | 'cancelled'
  | 'unavailable'
  | 'failed'
  | 'internal';

export interface ApiError {
  readonly code: ErrorCode;
  /** What failed, on which input, and what to do: shown to the user as is. */
  readonly message: string;
}

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}

export type OperationKind = 'open' | 'collect' | 'export' | 'check';

export type MenuCommand = 'open-path' | 'collect-remote' | 'export-report' | 'shortcuts' | 'import-paste';

/** Pushed from the service or the shell to the renderer. */
export type AppEvent =
  | {
      readonly kind: 'progress';
      readonly operationId: string;
      readonly operation: OperationKind;
      readonly message: string;
      readonly done: number;
      readonly total: number | null;
    }
  | {
      readonly kind: 'operation-ended';
      readonly operationId: string;
      readonly operation: OperationKind;
      readonly outcome: 'ok' | 'failed' | 'cancelled';
    }
  | { readonly kind: 'bundle-opened'; readonly bundle: BundleRef }
  | { readonly kind: 'command'; readonly command: MenuCommand }
  | { readonly kind: 'navigate'; readonly view: ViewName }
  /** A collection was kept or removed, an engine event arrived, or the settings changed: the timeline refetches. */
  | { readonly kind: 'history-changed' };

/** A DOM `File` as shared/ sees it: shared/ is typed without the DOM (tsconfig.core.json). */
export interface DroppedFile {
  readonly name: string;
}

/** `window.api`: the same shape from the Electron preload (IPC) and from the web build (HTTP). */
export interface HostscopeApi {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  /** Returns the function that unsubscribes. */
  onEvent(listener: (event: AppEvent) => void): () => void;
  /** The file-system path of a dropped file or folder (a DOM File); only the desktop shell can tell. */
  readonly pathForFile?: (file: DroppedFile) => string;
}

/** Validates an untrusted request; the message names each offending field. */
export function parseRequest<C extends Channel>(channel: C, raw: unknown): Result<RequestOf<C>> {
  const parsed = REQUEST_SCHEMAS[channel].safeParse(raw === undefined ? {} : raw);
  if (parsed.success) return ok(parsed.data as RequestOf<C>);
  const problems = parsed.error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'request'}: ${issue.message}`)
    .join('; ');
  return fail('bad-request', `Invalid request on ${channel}: ${problems}`);
}
