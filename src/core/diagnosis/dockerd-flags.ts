// The docker service's command line (Win32_Service PathName): dockerd's flags and the daemon.json key each one
// sets, for the findings that compare the two (dockerd refuses an option given in both places).

/** Splits a Windows command line into arguments, honouring double quotes. */
export function splitCommandLine(line: string): string[] {
  const args: string[] = [];
  for (const m of line.matchAll(/"([^"]*)"|(\S+)/g)) args.push(m[1] ?? m[2] ?? '');
  return args;
}

export interface ServiceFlag {
  readonly flag: string;
  readonly value: string | null;
}

/** dockerd flags with their values, from the service's PathName (`-H tcp://...`, `--host=...`). */
export function serviceFlags(pathName: string): ServiceFlag[] {
  const args = splitCommandLine(pathName).slice(1);
  const flags: ServiceFlag[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-')) continue;
    const eq = a.indexOf('=');
    if (eq > 0) {
      flags.push({ flag: a.slice(0, eq), value: a.slice(eq + 1) });
      continue;
    }
    const next = args[i + 1];
    if (next !== undefined && !next.startsWith('-') && TAKES_VALUE.has(a)) {
      flags.push({ flag: a, value: next });
      i++;
    } else flags.push({ flag: a, value: null });
  }
  return flags;
}

const TAKES_VALUE = new Set([
  '-H',
  '--host',
  '-g',
  '--graph',
  '--data-root',
  '-l',
  '--log-level',
  '-G',
  '--group',
  '--dns',
  '--dns-search',
  '--dns-opt',
  '--exec-opt',
  '--storage-opt',
  '--label',
  '--insecure-registry',
  '--registry-mirror',
  '--log-opt',
  '--log-driver',
  '-s',
  '--storage-driver',
  '-b',
  '--bridge',
  '--fixed-cidr',
  '--mtu',
  '--tlscacert',
  '--tlscert',
  '--tlskey',
  '--config-file',
  '--service-name',
  '--exec-root',
  '--pidfile',
  '-p',
]);

/** The daemon.json key a dockerd flag sets; flags that only steer the Windows service map to nothing. */
const FLAG_KEYS: Readonly<Record<string, string | null>> = {
  '-H': 'hosts',
  '--host': 'hosts',
  '-g': 'graph',
  '--graph': 'graph',
  '-D': 'debug',
  '-l': 'log-level',
  '-G': 'group',
  '-s': 'storage-driver',
  '-b': 'bridge',
  '-p': 'pidfile',
  '--dns': 'dns',
  '--dns-search': 'dns-search',
  '--dns-opt': 'dns-opts',
  '--exec-opt': 'exec-opts',
  '--storage-opt': 'storage-opts',
  '--label': 'labels',
  '--insecure-registry': 'insecure-registries',
  '--registry-mirror': 'registry-mirrors',
  '--log-opt': 'log-opts',
  '--run-service': null,
  '--register-service': null,
  '--unregister-service': null,
  '--service-name': null,
  '--config-file': null,
};

export function flagKey(flag: string): string | null {
  // Own keys only: a flag read from the service's command line ("--constructor") must not resolve an inherited one.
  if (Object.hasOwn(FLAG_KEYS, flag)) return FLAG_KEYS[flag]!;
  return flag.startsWith('--') ? flag.slice(2) : null;
}
