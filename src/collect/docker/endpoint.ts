// Where the Docker engine is and how to talk to it, decided from flags and the environment the way the
// docker CLI does (DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_TLS, DOCKER_CERT_PATH). Pure: no I/O.

export interface TlsSettings {
  /** Folder holding ca.pem, cert.pem and key.pem. */
  readonly certDir: string;
  /** Check the engine's certificate against ca.pem. */
  readonly verify: boolean;
}

export type DockerEndpoint =
  /** A unix socket path, or a Windows named pipe in the `//./pipe/<name>` form node accepts. */
  | { readonly kind: 'socket'; readonly path: string; readonly url: string }
  | {
      readonly kind: 'tcp';
      readonly host: string;
      readonly port: number;
      readonly tls: TlsSettings | null;
      readonly url: string;
    };

export type EndpointResult =
  | { readonly kind: 'ok'; readonly endpoint: DockerEndpoint }
  | { readonly kind: 'invalid'; readonly message: string };

export interface EndpointInput {
  /** `--docker-host`; wins over DOCKER_HOST. */
  readonly dockerHost?: string;
  /** `--tls-cert-dir`: turns TLS on with verification, and wins over DOCKER_CERT_PATH. */
  readonly tlsCertDir?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The engine's default endpoint differs: the named pipe on Windows, /var/run/docker.sock elsewhere. */
  readonly platform: 'windows' | 'posix';
  /** Where ~/.docker lives: the docker CLI's default cert folder. */
  readonly homeDir: string;
}

export const WINDOWS_PIPE = '//./pipe/docker_engine';
const POSIX_SOCKET = '/var/run/docker.sock';
// Docker's registered ports: 2375 plain, 2376 TLS (windows-containers.md section 4).
const PLAIN_PORT = 2375;
const TLS_PORT = 2376;

const set = (value: string | undefined): value is string => value !== undefined && value !== '';

/** Resolves the engine endpoint; an address it cannot use is `invalid` with a message naming it. */
export function resolveDockerEndpoint(input: EndpointInput): EndpointResult {
  const raw = (set(input.dockerHost) ? input.dockerHost : input.env.DOCKER_HOST)?.trim();
  if (!set(raw)) {
    return input.platform === 'windows' ? ok(pipeEndpoint(WINDOWS_PIPE)) : ok(socketEndpoint(POSIX_SOCKET));
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw)?.[1]?.toLowerCase();
  const rest = scheme === undefined ? raw : raw.slice(scheme.length + 3);
  switch (scheme) {
    case 'unix': {
      const path = rest === '' ? POSIX_SOCKET : rest;
      if (!path.startsWith('/'))
        return invalid(raw, 'a unix socket needs an absolute path, e.g. unix:///var/run/docker.sock');
      return ok(socketEndpoint(path));
    }
    case 'npipe': {
      const path = rest === '' ? WINDOWS_PIPE : rest.replace(/\\/g, '/');
      if (!/^\/\/[^/]+\/pipe\/[^/]+$/i.test(path))
        return invalid(raw, 'a named pipe looks like npipe:////./pipe/docker_engine');
      return ok(pipeEndpoint(path));
    }
    case undefined:
    case 'tcp':
    case 'http':
    case 'https':
      return tcpEndpoint(raw, rest, scheme === 'https', input);
    default:
      return invalid(raw, `the scheme ${scheme}:// is not supported; use unix://, npipe:// or tcp://`);
  }
}

function tcpEndpoint(raw: string, rest: string, httpsScheme: boolean, input: EndpointInput): EndpointResult {
  // Brackets around IPv6 literals; a trailing slash is tolerated as the docker CLI does.
  const match = /^(\[[0-9a-f:.%]+\]|[^:/[\]\s]+)(?::(\d{1,5}))?\/?$/i.exec(rest);
  if (!match) return invalid(raw, 'expected tcp://<host>:<port>');
  const host = match[1]!.replace(/^\[|\]$/g, '');
  const { env } = input;
  // As in the docker CLI: DOCKER_TLS_VERIFY set to anything turns verification on; DOCKER_TLS alone gives
  // TLS without it. Port 2376 is TLS by convention, and an explicit cert folder means the user wants TLS.
  const verifyFromEnv = set(env.DOCKER_TLS_VERIFY);
  const portGiven = match[2] === undefined ? null : Number(match[2]);
  const tlsWanted =
    set(input.tlsCertDir) || verifyFromEnv || set(env.DOCKER_TLS) || httpsScheme || portGiven === TLS_PORT;
  const port = portGiven ?? (tlsWanted ? TLS_PORT : PLAIN_PORT);
  if (port < 1 || port > 65535) return invalid(raw, `port ${port} is out of range`);
  const tls: TlsSettings | null = tlsWanted
    ? {
        certDir: set(input.tlsCertDir)
          ? input.tlsCertDir
          : set(env.DOCKER_CERT_PATH)
            ? env.DOCKER_CERT_PATH
            : joinHome(input),
        verify: set(input.tlsCertDir) || verifyFromEnv || !set(env.DOCKER_TLS),
      }
    : null;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return ok({
    kind: 'tcp',
    host,
    port,
    tls,
    url: `tcp://${shownHost}:${port}${tls ? (tls.verify ? ' (TLS)' : ' (TLS, not verified)') : ''}`,
  });
}

/** The endpoint for a remote computer: its TLS port, as `--computer` collects (issue 3, part 7). */
export function remoteDockerHost(computer: string): string {
  const host = computer.includes(':') ? `[${computer}]` : computer;
  return `tcp://${host}:${TLS_PORT}`;
}

function joinHome(input: EndpointInput): string {
  const sep = input.platform === 'windows' ? '\\' : '/';
  return `${input.homeDir.replace(/[\\/]+$/, '')}${sep}.docker`;
}

function socketEndpoint(path: string): DockerEndpoint {
  return { kind: 'socket', path, url: `unix://${path}` };
}

function pipeEndpoint(path: string): DockerEndpoint {
  return { kind: 'socket', path, url: `npipe://${path}` };
}

function ok(endpoint: DockerEndpoint): EndpointResult {
  return { kind: 'ok', endpoint };
}

function invalid(raw: string, why: string): EndpointResult {
  return { kind: 'invalid', message: `Docker host "${raw}" is not usable: ${why}` };
}
