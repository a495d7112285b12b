// Bundle 1.1 system state (host/services.json, events.json, proxy.json, hotfixes.json, computer.json) -> model
// parts.
import { z } from 'zod';
import type {
  ComputerSystem,
  EventLevel,
  HostEvent,
  HostService,
  Hotfix,
  ProxySettings,
  ProxyVariables,
} from '../../shared/model';
import {
  ciObject,
  flatList,
  intField,
  list,
  optDateField,
  optInt,
  optText,
  optTextField,
  psBool,
  text,
  textOf,
} from './values';

// ---- times ----------------------------------------------------------------------------------

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

/** An epoch-milliseconds value as ISO, or null where it is no representable time. */
function fromEpoch(ms: number): string | null {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * A time as Windows PowerShell 5.1 (`/Date(ms)/`, or an object with `value`) or PowerShell 7 (ISO) writes it ->
 * ISO; a time with no offset stays as written (there is nothing to apply). Anything that is not a valid time
 * (month 13, 25 o'clock, a date past JavaScript's range) is null rather than a guess.
 */
export function validTime(value: unknown): string | null {
  const raw = typeof value === 'object' && value !== null ? (value as { value?: unknown }).value : value;
  if (typeof raw === 'number') return Number.isFinite(raw) ? fromEpoch(raw) : null;
  if (typeof raw !== 'string') return null;
  const written = raw.trim();
  if (written.startsWith('/Date(') && written.endsWith(')/')) {
    const digits = /^-?\d+/.exec(written.slice(6));
    return digits ? fromEpoch(Number(digits[0])) : null;
  }
  const iso = ISO_TIME.exec(written);
  if (!iso) return null;
  const [, y, mo, d, h, mi, s = '0', offset] = iso;
  // Date.parse rolls 30 February over to March: check that the written fields survive the round trip.
  const asUtc = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  if (
    Number.isNaN(asUtc.getTime()) ||
    asUtc.getUTCFullYear() !== Number(y) ||
    asUtc.getUTCMonth() !== Number(mo) - 1 ||
    asUtc.getUTCDate() !== Number(d) ||
    asUtc.getUTCHours() !== Number(h) ||
    asUtc.getUTCMinutes() !== Number(mi) ||
    asUtc.getUTCSeconds() !== Number(s)
  )
    return null;
  if (offset === undefined) return written;
  const parsed = Date.parse(written);
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString();
}

// ---- host/services.json ---------------------------------------------------------------------

const serviceSchema = ciObject({
  Name: text,
  State: optText,
  StartMode: optText,
  ExitCode: optInt,
  ProcessId: optInt,
});

export const servicesSchema = list(serviceSchema);

export function toService(raw: z.output<typeof serviceSchema>): HostService {
  return {
    name: raw.Name,
    state: raw.State,
    startMode: raw.StartMode,
    exitCode: raw.ExitCode,
    processId: raw.ProcessId,
  };
}

// ---- host/events.json -----------------------------------------------------------------------

/** EventRecord.Level (a byte): 0 LogAlways, 1 Critical, 2 Error, 3 Warning, 4 Information, 5 Verbose. */
const EVENT_LEVELS = new Map<string, EventLevel>([
  ['0', 'information'],
  ['1', 'critical'],
  ['2', 'error'],
  ['3', 'warning'],
  ['4', 'information'],
  ['5', 'verbose'],
  ['logalways', 'information'],
  ['critical', 'critical'],
  ['error', 'error'],
  ['warning', 'warning'],
  ['information', 'information'],
  ['verbose', 'verbose'],
]);

// Up to 500 events a host (bundle-v1); checked here, converted once in toEvent.
export const eventsSchema = flatList({
  TimeCreated: optDateField,
  LogName: optTextField,
  ProviderName: optTextField,
  Id: intField,
  Level: optTextField,
  Message: optTextField,
});

/**
 * HRESULTs and Win32 error codes in a message (`0x803b0013`, `0x490`): the sentence around them is localised,
 * the code is not (knowledge notes section 10). Lower-case, without leading zeros, each once.
 */
export function errorCodesIn(message: string): string[] {
  const codes = new Set<string>();
  for (const match of message.matchAll(/(?<![0-9a-z])0x([0-9a-f]{1,8})(?![0-9a-z])/gi))
    codes.add(`0x${parseInt(match[1]!, 16).toString(16)}`);
  return [...codes];
}

export function toEvent(raw: z.output<typeof eventsSchema>[number]): HostEvent {
  const message = textOf(raw.Message);
  const level = textOf(raw.Level)?.trim().toLowerCase();
  return {
    timeCreated: validTime(raw.TimeCreated),
    logName: textOf(raw.LogName),
    providerName: textOf(raw.ProviderName),
    id: Number(raw.Id),
    level: (level === undefined ? undefined : EVENT_LEVELS.get(level)) ?? null,
    message,
    errorCodes: message === null ? [] : errorCodesIn(message),
  };
}

// ---- host/proxy.json ------------------------------------------------------------------------

const proxyVariablesSchema = ciObject({ HTTP_PROXY: optText, HTTPS_PROXY: optText, NO_PROXY: optText });

/** Lines of text, or one string; absent or null where the part was not collected. */
const lines = z
  .union([z.array(text.nullable()), text])
  .nullish()
  .transform((v): string[] | null =>
    v === null || v === undefined ? null : Array.isArray(v) ? v.filter((x): x is string => x !== null) : [v],
  );

export const proxySchema = ciObject({
  WinHttp: lines,
  Machine: proxyVariablesSchema.nullish(),
  // A REG_MULTI_SZ: one string per NAME=value, or one string where it holds one.
  DockerService: lines,
});

/**
 * `netsh winhttp show proxy`, in whatever language the host speaks: a header line, then either one sentence
 * (direct access) or `label : value` lines, proxy server first, bypass list second. Only the shape is read.
 */
export function readWinHttp(lines: readonly string[]): NonNullable<ProxySettings['winHttp']> {
  const body = lines
    .flatMap((l) => l.split(/\r?\n/))
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const values: string[] = [];
  for (const line of body.slice(1)) {
    // The label holds no colon; the value may (`http://proxy:8080`). Chinese output uses a full-width colon.
    const pair = /^[^:：]+?\s*[:：]\s+(\S.*)$/.exec(line);
    if (pair) values.push(pair[1]!.trim());
  }
  if (values.length > 0) return { direct: false, proxyServer: values[0]!, bypassList: values[1] ?? null };
  return { direct: body.length >= 2 ? true : null, proxyServer: null, bypassList: null };
}

const PROXY_NAMES = new Map<string, keyof ProxyVariables>([
  ['http_proxy', 'httpProxy'],
  ['https_proxy', 'httpsProxy'],
  ['no_proxy', 'noProxy'],
]);

/** NAME=value strings -> the proxy variables and every name; other values are dropped (they may be secrets). */
function readEnvironment(entries: readonly string[]): NonNullable<ProxySettings['dockerService']> {
  const found: { -readonly [K in keyof ProxyVariables]: string | null } = {
    httpProxy: null,
    httpsProxy: null,
    noProxy: null,
  };
  const names: string[] = [];
  for (const entry of entries) {
    const cut = entry.indexOf('=');
    const name = (cut === -1 ? entry : entry.slice(0, cut)).trim();
    if (name === '') continue;
    names.push(name);
    const key = PROXY_NAMES.get(name.toLowerCase());
    if (key !== undefined && cut !== -1) found[key] = entry.slice(cut + 1).trim() || null;
  }
  return { ...found, names };
}

export function toProxy(raw: z.output<typeof proxySchema>): ProxySettings {
  const machine = raw.Machine;
  return {
    winHttp: raw.WinHttp === null ? null : readWinHttp(raw.WinHttp),
    machine:
      machine === null || machine === undefined
        ? null
        : { httpProxy: machine.HTTP_PROXY, httpsProxy: machine.HTTPS_PROXY, noProxy: machine.NO_PROXY },
    dockerService: raw.DockerService === null ? null : readEnvironment(raw.DockerService),
  };
}

// ---- host/hotfixes.json ---------------------------------------------------------------------

const hotfixSchema = ciObject({
  HotFixID: text,
  InstalledOn: z.unknown().optional(),
});

export const hotfixesSchema = list(hotfixSchema);

export function toHotfix(raw: z.output<typeof hotfixSchema>): Hotfix {
  return { id: raw.HotFixID.trim(), installedOn: validTime(raw.InstalledOn) };
}

// ---- host/computer.json ---------------------------------------------------------------------

export const computerSchema = ciObject({
  Manufacturer: optText,
  Model: optText,
  HypervisorPresent: psBool,
  PartOfDomain: psBool,
  Domain: optText,
});

export function toComputer(raw: z.output<typeof computerSchema>): ComputerSystem {
  return {
    manufacturer: raw.Manufacturer,
    model: raw.Model,
    hypervisorPresent: raw.HypervisorPresent,
    partOfDomain: raw.PartOfDomain,
    domain: raw.Domain,
  };
}
