// What a redacted output must not contain, collected from a bundle's raw files on its own terms (node:net for
// addresses, plain field lookups for names), independently of the redactor's seed code it checks.
import { isIP } from 'node:net';
import type { RawBundle } from '../../src/shared/bundle';
import { isSearchableEnvValue } from '../../src/core/redact';

export interface SensitiveValues {
  /** Searched as substrings. */
  readonly ips: readonly string[];
  readonly macs: readonly string[];
  readonly envValues: readonly string[];
  /** Searched as whole words, case-insensitively (Windows names). */
  readonly hostNames: readonly string[];
  readonly userNames: readonly string[];
  readonly domains: readonly string[];
  readonly registries: readonly string[];
  /** Searched as whole words, case-sensitively (Docker names). */
  readonly containerNames: readonly string[];
  /**
   * Repository paths of the images (`shop/api` of `registry.contoso.com/shop/api:2`): an image's public name, kept
   * by redaction, so a container name that is one of its segments is no leak there.
   */
  readonly imagePaths: readonly string[];
}

function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

function json(raw: RawBundle, path: string): unknown {
  const bytes = raw.files.get(path);
  if (!bytes) return undefined;
  try {
    return JSON.parse(decode(bytes));
  } catch {
    return undefined;
  }
}

const asArray = (v: unknown): Record<string, unknown>[] =>
  (Array.isArray(v) ? v : v && typeof v === 'object' ? [v] : []).filter(
    (x): x is Record<string, unknown> => Boolean(x) && typeof x === 'object',
  );
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

const NOT_SECRET_IPS = /^(0\.0\.0\.0|255\.255\.255\.255|127\.\d+\.\d+\.\d+|::|::1|fe80::)$/i;
const WELL_KNOWN =
  /^(system|localsystem|nt authority|nt service|nt virtual machine|builtin|containeradministrator|containeruser|public|default|administrator)$/i;

export function sensitiveValues(raw: RawBundle): SensitiveValues {
  const ips = new Set<string>();
  const macs = new Set<string>();
  const users = new Set<string>();
  const domains = new Set<string>();
  for (const [path, bytes] of raw.files) {
    if (!/\.(json|txt)$/i.test(path)) continue;
    const text = decode(bytes);
    for (const token of text.split(/[\s"',[\]()=;/\\|<>{}]+/)) {
      for (const candidate of [
        token,
        token.replace(/%\w+$/, ''),
        token.replace(/:\d+$/, ''),
        token.replace(/^\w+:\/\//, ''),
      ]) {
        const bare = candidate.replace(/%\w+$/, '');
        if (isIP(bare) && !NOT_SECRET_IPS.test(bare)) ips.add(bare);
      }
    }
    for (const m of text.matchAll(/\b[0-9A-Fa-f]{2}([-:])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}\b/g))
      macs.add(m[0]);
    for (const m of text.matchAll(/\\Users\\([^\\"]+)\\/gi)) if (!WELL_KNOWN.test(m[1]!)) users.add(m[1]!);
    for (const m of text.matchAll(/"(?:UserName|StartName|User|RegisteredUser)"\s*:\s*"([^"]*)"/gi)) {
      const [domain, user] = m[1]!.includes('\\\\') ? m[1]!.split('\\\\') : [null, m[1]!];
      if (domain && !WELL_KNOWN.test(domain)) domains.add(domain);
      // `NT VIRTUAL MACHINE\<vm guid>` is a utility VM's account, no one's name.
      if (user && !WELL_KNOWN.test(user) && !(domain && WELL_KNOWN.test(domain))) users.add(user);
    }
    for (const m of text.matchAll(/([\w.+-]+)@((?:[\w-]+\.)+[A-Za-z]{2,})/g)) {
      users.add(m[1]!);
      domains.add(m[2]!);
    }
  }
  const manifest = json(raw, 'manifest.json') as { host?: { computerName?: string } } | undefined;
  const os = asArray(json(raw, 'host/os.json'))[0];
  const info = asArray(json(raw, 'docker/info.json'))[0];
  const hostNames = [str(manifest?.host?.computerName), str(os?.ComputerName), str(info?.Name)].filter(
    (h): h is string => h !== null,
  );
  const domain = str(os?.Domain);
  if (domain) domains.add(domain);
  for (const profile of asArray(json(raw, 'host/connection-profiles.json'))) {
    const name = str(profile.Name);
    if (name) domains.add(name);
  }
  const containers = asArray(json(raw, 'docker/containers.json'));
  const containerNames = containers
    .map((c) => str(c.Name)?.replace(/^\//, ''))
    .filter((n): n is string => Boolean(n));
  const registries = new Set<string>();
  const envValues = new Set<string>();
  const imagePaths = new Set<string>();
  for (const c of containers) {
    const config = (c.Config ?? {}) as { Image?: string; Env?: string[] };
    const image = config.Image?.replace(/[@:][^/]*$/, '');
    if (image?.includes('/')) {
      const first = image.split('/')[0]!;
      imagePaths.add(/[.:]/.test(first) || first === 'localhost' ? image.slice(first.length + 1) : image);
    }
    const first = config.Image?.split('/')[0];
    if (
      first &&
      config.Image!.includes('/') &&
      /[.:]/.test(first) &&
      !/^(mcr\.microsoft\.com|docker\.io)$/.test(first)
    )
      registries.add(first.replace(/:\d+$/, ''));
    for (const entry of config.Env ?? []) {
      const value = entry.slice(entry.indexOf('=') + 1);
      if (entry.includes('=') && isSearchableEnvValue(value)) envValues.add(value);
    }
  }
  return {
    ips: [...ips],
    macs: [...macs],
    envValues: [...envValues],
    hostNames: [...new Set(hostNames)],
    userNames: [...users],
    domains: [...domains],
    registries: [...registries],
    containerNames,
    imagePaths: [...imagePaths],
  };
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every sensitive value still present in `output`, as `kind: value`; empty when redaction held. */
export function leaks(output: string, values: SensitiveValues): string[] {
  const found: string[] = [];
  const lower = output.toLowerCase();
  for (const ip of values.ips) if (lower.includes(ip.toLowerCase())) found.push(`ip: ${ip}`);
  for (const mac of values.macs) {
    const variants = [mac, mac.replaceAll('-', ':'), mac.replaceAll(':', '-')].map((v) => v.toLowerCase());
    if (variants.some((v) => lower.includes(v))) found.push(`mac: ${mac}`);
  }
  for (const env of values.envValues) if (output.includes(env)) found.push(`env: ${env}`);
  const word = (kind: string, names: readonly string[], flags: string): void => {
    for (const name of names)
      if (new RegExp(`(?<![A-Za-z0-9])${escapeRe(name)}(?![A-Za-z0-9])`, flags).test(output))
        found.push(`${kind}: ${name}`);
  };
  word('host', values.hostNames, 'i');
  word('user', values.userNames, 'i');
  word('domain', values.domains, 'i');
  word('registry', values.registries, 'i');
  // An image path may have a domain or user segment replaced (`acme/db` -> `domain-3/db`).
  const withoutImagePaths = values.imagePaths.reduce((text, path) => {
    const segments = path.split('/').map((s) => `(?:${escapeRe(s)}|(?:domain|host|user)-\\d+)`);
    return text.replace(new RegExp(`(?<![\\w.-])${segments.join('/')}(?![\\w-])`, 'g'), '<image>');
  }, output);
  for (const name of values.containerNames)
    if (new RegExp(`(?<![A-Za-z0-9])${escapeRe(name)}(?![A-Za-z0-9])`).test(withoutImagePaths))
      found.push(`container: ${name}`);
  return found;
}

/** A value planted in a bundle by `plantSensitiveValues`, and what kind of leak it stands for (issue 17, item 6). */
export interface PlantedValue {
  readonly kind: string;
  readonly value: string;
}

export const PLANTED_VALUES: readonly PlantedValue[] = [
  { kind: 'UNC server (mount source)', value: 'fileserver01' },
  { kind: 'FQDN other than the host', value: 'sql01.acme-internal.net' },
  { kind: 'DOMAIN\\user in a command line', value: 'svc-reporting' },
  { kind: 'user in C:/Users/<name>', value: 'bob' },
  { kind: 'user in /c/Users/<name>', value: 'dave' },
  { kind: 'IPv6 right after word:', value: 'fd00:abcd::7' },
  { kind: 'MAC without separators', value: '00155DAB12EF' },
  { kind: 'IPv4 with leading zeros', value: '010.001.002.003' },
  { kind: 'ip-a-b-c-d host name', value: 'ip-10-9-8-7' },
  { kind: 'swarm service name', value: 'payroll-api' },
];

function parseFile(raw: RawBundle, path: string): unknown {
  const value = json(raw, path);
  if (value === undefined) throw new Error(`${path} is not in the bundle or not JSON`);
  return value;
}

/**
 * The bundle (the hostile fixture) with every value of PLANTED_VALUES put where a real host has it: a container
 * of a swarm service with an SMB mount, a host process whose command line names accounts, hosts and addresses,
 * an adapter's MAC as Get-NetAdapter writes it without separators.
 */
export function plantSensitiveValues(raw: RawBundle): RawBundle {
  const files = new Map(raw.files);
  const put = (path: string, value: unknown): void =>
    void files.set(path, new TextEncoder().encode(JSON.stringify(value, null, 2)));
  const containers = parseFile(raw, 'docker/containers.json') as Record<string, unknown>[];
  const target = containers[2]!;
  const config = target.Config as Record<string, unknown>;
  const hostConfig = target.HostConfig as Record<string, unknown>;
  target.Name = '/payroll-api.1.x7k2m9q4w1e8r5t3y6u0i9o2p';
  config.Labels = {
    'com.docker.swarm.service.name': 'payroll-api',
    'com.docker.swarm.task.name': 'payroll-api.1',
  };
  hostConfig.Binds = ['\\\\fileserver01\\share:C:\\data'];
  target.Mounts = [
    { Type: 'bind', Source: '\\\\fileserver01\\share', Destination: 'c:\\data', Mode: '', RW: true },
  ];
  put('docker/containers.json', containers);
  const processes = parseFile(raw, 'host/processes.json') as Record<string, unknown>[];
  processes.push({
    Id: 7777,
    ProcessName: 'sqlcmd',
    SI: 0,
    Path: 'C:/Users/bob/tools/sqlcmd.exe',
    StartTime: '\\/Date(1764385200000)\\/',
    WorkingSet64: 4096,
    ParentProcessId: 4,
    CommandLine:
      'runas /user:ACME\\svc-reporting "sqlcmd -S sql01.acme-internal.net -i /c/Users/dave/q.sql --bind addr:fd00:abcd::7 --peer 010.001.002.003 --node ip-10-9-8-7 --mac 00155DAB12EF"',
  });
  put('host/processes.json', processes);
  const adapters = parseFile(raw, 'host/adapters.json') as Record<string, unknown>[];
  adapters.push({
    Name: 'Ethernet 2',
    InterfaceDescription: 'Intel(R) Ethernet',
    ifIndex: 7,
    Status: 'Up',
    MacAddress: '00155DAB12EF',
  });
  put('host/adapters.json', adapters);
  return { source: raw.source, files };
}

/** Every planted value still in `output` (whole words, any case), as `kind: value`. */
export function plantedLeaks(output: string): string[] {
  return PLANTED_VALUES.filter(({ value }) =>
    new RegExp(`(?<![A-Za-z0-9])${escapeRe(value)}(?![A-Za-z0-9])`, 'i').test(output),
  ).map(({ kind, value }) => `${kind}: ${value}`);
}
