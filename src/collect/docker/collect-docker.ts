// The Docker side of a bundle: every docker.* probe and the container-exec probes (container.listeners,
// container.dns; bundle-v1.md), each with an honest outcome. Responses are kept as the engine sent them,
// except Config.Env values (redact-env.ts).
import { PROBES, perContainerFiles, probeSpec, type ProbeId } from '../../shared/bundle';
import type { ProbeStatus } from '../../shared/model';
import type { ProbeFile, ProbeRun, ProgressListener } from '../types';
import { createLimiter, type Limiter } from '../limit';
import {
  DEFAULT_MAX_SOCKETS,
  engineErrorShape,
  openEngineClient,
  type EngineClient,
  type EngineErrorShape,
} from './engine-client';
import type { EndpointResult } from './endpoint';
import {
  describeEngineError,
  engineMessage,
  isUnreachable,
  swarmUnsupportedReason,
  unreachableMessage,
} from './engine-errors';
import { redactContainerInspect, redactServiceSpec, redactTaskSpec } from './redact-env';

export interface DockerCollectOptions {
  readonly endpoint: EndpointResult;
  /** Keep Config.Env values instead of `<redacted>`. */
  readonly keepEnv?: boolean;
  /** Limit for each request to the engine, and for each command run inside a container. */
  readonly timeoutMs: number;
  /** Cancels the collection: collectDocker then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressListener;
  /** The computer this is for, passed on in progress events. */
  readonly target?: string;
  /** Most requests in flight at once, and most sockets open. */
  readonly maxConnections?: number;
  /**
   * Replaces the command run inside each container for some per-container files (by template, see
   * CONTAINER_COMMANDS): a Linux test engine has no ipconfig, so a test points it at a command its image has.
   */
  readonly containerCommands?: Readonly<Record<string, readonly string[]>>;
  /** Only these probes run (a fast collection); the others are recorded as `skipped`. Default: all. */
  readonly probeIds?: readonly string[];
}

/** The probes this collector answers for, in catalogue order. */
export const DOCKER_PROBE_IDS: readonly ProbeId[] = PROBES.filter((p) => p.kind !== 'powershell').map(
  (p) => p.id,
);

/**
 * What runs inside each running container for each per-container file of the container-exec probes, by the
 * file's template in the catalogue (src/shared/bundle.ts). Windows images: nanoserver and servercore both
 * have cmd.exe, whose `type` prints the hosts file. resources/collect.ps1 holds the same table.
 */
export const CONTAINER_COMMANDS: Readonly<Record<string, readonly string[]>> = {
  'containers/{id}/netstat.txt': ['netstat', '-ano'],
  'containers/{id}/ipconfig.txt': ['ipconfig', '/all'],
  'containers/{id}/hosts.txt': ['cmd', '/c', 'type', 'C:\\Windows\\System32\\drivers\\etc\\hosts'],
};

const fileOf = (id: ProbeId): string => probeSpec(id).files[0]!;
const perContainerFile = (id: ProbeId, containerId: string): string =>
  perContainerFiles(probeSpec(id), containerId)[0]!;

interface ProbeResult {
  readonly status: ProbeStatus;
  readonly files: readonly ProbeFile[];
  readonly error?: string;
}

/** One container or network that a probe handles on its own: its files, or why not. */
type ItemOutcome =
  | { readonly kind: 'ok'; readonly files: readonly ProbeFile[] }
  | { readonly kind: 'gone' }
  | { readonly kind: 'failed' | 'timeout' | 'unsupported'; readonly label: string; readonly reason: string };

/** A request that ran out of time; kept apart from failures so the probe can say `timeout`. */
class DeadlineExceeded extends Error {
  constructor(
    readonly what: string,
    ms: number,
  ) {
    super(`${what}: no answer within ${formatSeconds(ms)}`);
    this.name = 'DeadlineExceeded';
  }
}

/** Why a probe left out of a partial collection (`probeIds`) has no files. */
export const NOT_IN_THIS_SET = 'not collected: not among the probes asked for (a fast collection)';

// Container and network ids become file names and URL segments: refuse anything but a plain token.
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/** Collects every Docker probe; never throws for an engine problem, only when cancelled. */
export async function collectDocker(options: DockerCollectOptions): Promise<readonly ProbeRun[]> {
  const emit = options.onProgress ?? ((): void => undefined);
  const target = options.target === undefined ? {} : { target: options.target };
  const failAll = (ids: readonly string[], error: string): ProbeRun[] =>
    ids.map((id) => {
      emit({ kind: 'started', id, ...target });
      emit({ kind: 'finished', id, status: 'failed', durationMs: 0, error, ...target });
      return { id, status: 'failed', files: [], durationMs: 0, error };
    });

  if (options.endpoint.kind === 'invalid') return failAll(DOCKER_PROBE_IDS, options.endpoint.message);
  const endpoint = options.endpoint.endpoint;
  let client: EngineClient;
  try {
    client = await openEngineClient(endpoint, options.maxConnections ?? DEFAULT_MAX_SOCKETS);
  } catch (error) {
    return failAll(
      DOCKER_PROBE_IDS,
      `cannot connect to the Docker engine at ${endpoint.url}: ${(error as Error).message}`,
    );
  }
  try {
    return await new DockerCollection(client, options, emit, failAll).run();
  } finally {
    client.close();
  }
}

class DockerCollection {
  private readonly limit: Limiter;
  private readonly target: { target?: string };

  constructor(
    private readonly client: EngineClient,
    private readonly options: DockerCollectOptions,
    private readonly emit: ProgressListener,
    private readonly failAll: (ids: readonly string[], error: string) => ProbeRun[],
  ) {
    this.limit = createLimiter(options.maxConnections ?? DEFAULT_MAX_SOCKETS);
    this.target = options.target === undefined ? {} : { target: options.target };
  }

  async run(): Promise<readonly ProbeRun[]> {
    let version: unknown = null;
    let unreachable: string | null = null;
    const versionRun = await this.probe('docker.version', async () => {
      try {
        version = await this.call('GET /version', (signal) => this.client.get('/version', signal));
        return ok([jsonFile(fileOf('docker.version'), version)]);
      } catch (error) {
        // Nothing else can work when /version got no answer: say so once, for every probe.
        unreachable = this.unreachableReason(error);
        if (unreachable === null) throw error;
        return {
          status: error instanceof DeadlineExceeded ? 'timeout' : 'failed',
          files: [],
          error: unreachable,
        };
      }
    });
    if (unreachable !== null)
      return [
        versionRun,
        ...this.failAll(
          DOCKER_PROBE_IDS.filter((id) => id !== 'docker.version'),
          unreachable,
        ),
      ];

    let info: unknown = null;
    const infoRun = await this.probe('docker.info', async () => {
      info = await this.call('GET /info', (signal) => this.client.get('/info', signal));
      return ok([jsonFile(fileOf('docker.info'), info)]);
    });

    // One listing serves inspect, top and exec; its failure is each of theirs.
    const listing = this.call('GET /containers/json', (signal) =>
      this.client.get('/containers/json', signal, { all: true }),
    ).then(readListing);
    listing.catch(() => undefined);
    const windows = engineIsWindows(version, info);
    const rest = await Promise.all([
      this.probe('docker.containers', () => this.containers(listing)),
      this.probe('docker.top', () => this.top(listing, windows)),
      this.probe('docker.networks', () => this.networks()),
      this.probe('docker.volumes', async () => {
        const volumes = await this.call('GET /volumes', (signal) => this.client.get('/volumes', signal));
        return ok([jsonFile(fileOf('docker.volumes'), volumes)]);
      }),
      this.probe('docker.swarm', () => this.swarm()),
      this.probe('container.listeners', () => this.exec('container.listeners', listing)),
      this.probe('container.dns', () => this.exec('container.dns', listing)),
      this.probe('docker.images', () => this.images(listing)),
    ]);
    const byId = new Map([versionRun, infoRun, ...rest].map((r) => [r.id, r]));
    return DOCKER_PROBE_IDS.map((id) => byId.get(id)!);
  }

  private async containers(listing: Promise<Listing>): Promise<ProbeResult> {
    const { containers, refused } = await listing;
    const outcomes = await Promise.all(
      containers.map((c) =>
        this.item(c.label, () =>
          this.call(`GET /containers/${c.id}/json`, (signal) =>
            this.client.get(`/containers/${c.id}/json`, signal),
          ),
        ),
      ),
    );
    const inspects = outcomes.flatMap((o) => (o.kind === 'ok' ? [o.value] : []));
    const body = this.options.keepEnv ? inspects : inspects.map(redactContainerInspect);
    return aggregate(
      [...refused, ...outcomes.map(toFiles([]))],
      [jsonFile(fileOf('docker.containers'), body)],
    );
  }

  /**
   * The images the containers use (issue 16): GET /images/json says which exist, GET /images/{id}/json gives
   * each one's Os, OsVersion and Architecture. An image a container names but the engine no longer lists
   * (removed since) has nothing to report.
   */
  private async images(listing: Promise<Listing>): Promise<ProbeResult> {
    const { containers } = await listing;
    const list = await this.call('GET /images/json', (signal) => this.client.get('/images/json', signal));
    if (!Array.isArray(list))
      return { status: 'failed', files: [], error: 'GET /images/json did not answer with a list' };
    const present = new Set(
      (list as unknown[]).flatMap((entry) => {
        const hex = imageHex(field(entry, 'Id'));
        return hex === null ? [] : [hex];
      }),
    );
    const used = [...new Set(containers.flatMap((c) => (c.imageHex === null ? [] : [c.imageHex])))].filter(
      (hex) => present.has(hex),
    );
    const outcomes = await Promise.all(
      used.map((hex) =>
        this.item(`image ${hex.slice(0, 12)}`, () =>
          this.call(`GET /images/sha256:${hex}/json`, (signal) =>
            this.client.get(`/images/sha256:${hex}/json`, signal),
          ),
        ),
      ),
    );
    const inspects = outcomes.flatMap((o) => (o.kind === 'ok' ? [o.value] : []));
    return aggregate(outcomes.map(toFiles([])), [jsonFile(fileOf('docker.images'), inspects)]);
  }

  private async top(listing: Promise<Listing>, windows: boolean): Promise<ProbeResult> {
    const { containers, refused } = await listing;
    // Windows refuses ps arguments (moby daemon/top_windows.go); Podman splits rows only when given them.
    const query = windows ? undefined : { ps_args: 'pid,user,args' };
    const outcomes = await Promise.all(
      containers
        .filter((c) => c.running)
        .map(async (c) => {
          const outcome = await this.item(c.label, () =>
            this.call(`GET /containers/${c.id}/top`, (signal) =>
              this.client.get(`/containers/${c.id}/top`, signal, query),
            ),
          );
          return outcome.kind === 'ok'
            ? { kind: 'ok' as const, files: [jsonFile(perContainerFile('docker.top', c.id), outcome.value)] }
            : outcome;
        }),
    );
    return aggregate([...refused, ...outcomes], []);
  }

  /**
   * A container-exec probe: for each running container, one command per file of the probe, each its own item
   * (one that fails does not cost the container its other file).
   */
  private async exec(probeId: ProbeId, listing: Promise<Listing>): Promise<ProbeResult> {
    const spec = probeSpec(probeId);
    const commands = (spec.perContainer ?? []).map((template) => {
      const command = this.options.containerCommands?.[template] ?? CONTAINER_COMMANDS[template];
      if (command === undefined) throw new Error(`no command is defined for ${template}`);
      return command;
    });
    const { containers, refused } = await listing;
    const outcomes = await Promise.all(
      containers
        .filter((c) => c.running)
        .flatMap((c) => {
          const files = perContainerFiles(spec, c.id);
          return commands.map((command, i) => this.execOne(c, command, files[i]!));
        }),
    );
    return aggregate([...refused, ...outcomes], []);
  }

  /** Runs one command in one container; its stdout becomes `file`. */
  private async execOne(c: ListedContainer, argv: readonly string[], file: string): Promise<ItemOutcome> {
    const command = argv.join(' ');
    const outcome = await this.item(c.label, () =>
      this.call(`${command} in ${c.label}`, (signal) => this.client.exec(c.id, argv, signal)),
    );
    if (outcome.kind !== 'ok') return notFoundIsUnsupported(outcome, command);
    const { exitCode, stdout, stderr } = outcome.value;
    if (exitCode === 0) return { kind: 'ok', files: [{ path: file, bytes: stdout }] };
    const said = firstLine(stderr) || firstLine(stdout);
    // 126/127: the shell's "cannot run" and "not found"; an image without the tool is a fact, not a fault.
    const kind = exitCode === 126 || exitCode === 127 || looksNotFound(said) ? 'unsupported' : 'failed';
    return {
      kind,
      label: c.label,
      reason: `${command} exited with code ${exitCode ?? 'unknown'}${said ? `: ${said}` : ''}`,
    };
  }

  private async networks(): Promise<ProbeResult> {
    const list = await this.call('GET /networks', (signal) => this.client.get('/networks', signal));
    if (!Array.isArray(list))
      return { status: 'failed', files: [], error: 'GET /networks did not answer with a list' };
    const refused: ItemOutcome[] = [];
    const ids: string[] = [];
    for (const entry of list as unknown[]) {
      const id = field(entry, 'Id');
      if (typeof id === 'string' && SAFE_ID.test(id)) ids.push(id);
      else
        refused.push({
          kind: 'failed',
          label: `network ${JSON.stringify(id)}`,
          reason: 'refused: not a plain network id',
        });
    }
    const outcomes = await Promise.all(
      ids.map((id) =>
        this.item(`network ${id.slice(0, 12)}`, () =>
          this.call(`GET /networks/${id}`, (signal) => this.client.get(`/networks/${id}`, signal)),
        ),
      ),
    );
    const networks = outcomes.flatMap((o) => (o.kind === 'ok' ? [o.value] : []));
    return aggregate(
      [...refused, ...outcomes.map(toFiles([]))],
      [jsonFile(fileOf('docker.networks'), networks)],
    );
  }

  private async swarm(): Promise<ProbeResult> {
    const [servicesFile, tasksFile, nodesFile] = probeSpec('docker.swarm').files as [string, string, string];
    let services: unknown;
    try {
      services = await this.call('GET /services', (signal) => this.client.get('/services', signal));
    } catch (error) {
      const reason =
        error instanceof DeadlineExceeded ? null : swarmUnsupportedReason(engineErrorShape(error));
      if (reason !== null) return { status: 'unsupported', files: [], error: reason };
      throw error;
    }
    const [tasks, nodes] = await Promise.all([
      this.call('GET /tasks', (signal) => this.client.get('/tasks', signal)),
      this.call('GET /nodes', (signal) => this.client.get('/nodes', signal)),
    ]);
    const keep = this.options.keepEnv === true;
    return ok([
      jsonFile(servicesFile, keep || !Array.isArray(services) ? services : services.map(redactServiceSpec)),
      jsonFile(tasksFile, keep || !Array.isArray(tasks) ? tasks : tasks.map(redactTaskSpec)),
      jsonFile(nodesFile, nodes),
    ]);
  }

  /** Why the engine is out of reach, or null when it answered (even with an error). */
  private unreachableReason(error: unknown): string | null {
    if (this.options.signal?.aborted) return null;
    if (error instanceof DeadlineExceeded) {
      return `the Docker engine at ${this.client.endpoint} did not answer GET /version within ${formatSeconds(this.options.timeoutMs)}`;
    }
    const shape = engineErrorShape(error);
    return isUnreachable(shape) ? unreachableMessage(this.client.endpoint, shape) : null;
  }

  /** Runs one request under the shared connection limit with its own deadline. */
  private call<T>(what: string, request: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return this.limit(async () => {
      const outer = this.options.signal;
      outer?.throwIfAborted();
      const timer = AbortSignal.timeout(this.options.timeoutMs);
      try {
        return await request(outer ? AbortSignal.any([outer, timer]) : timer);
      } catch (error) {
        if (outer?.aborted) throw outer.reason;
        if (timer.aborted) throw new DeadlineExceeded(what, this.options.timeoutMs);
        throw error;
      }
    });
  }

  /** One container's or network's part of a probe; a failure there does not stop the others. */
  private async item<T>(
    label: string,
    work: () => Promise<T>,
  ): Promise<{ kind: 'ok'; value: T } | Exclude<ItemOutcome, { kind: 'ok' }>> {
    try {
      return { kind: 'ok', value: await work() };
    } catch (error) {
      if (this.options.signal?.aborted) throw this.options.signal.reason;
      if (error instanceof DeadlineExceeded) return { kind: 'timeout', label, reason: error.message };
      const shape = engineErrorShape(error);
      if (vanished(shape)) return { kind: 'gone' };
      return { kind: 'failed', label, reason: describeEngineError(shape) };
    }
  }

  private async probe(id: string, body: () => Promise<ProbeResult>): Promise<ProbeRun> {
    const only = this.options.probeIds;
    if (only !== undefined && !only.includes(id))
      return { id, status: 'skipped', files: [], durationMs: 0, error: NOT_IN_THIS_SET };
    this.emit({ kind: 'started', id, ...this.target });
    const started = performance.now();
    let result: ProbeResult;
    try {
      result = await body();
    } catch (error) {
      if (this.options.signal?.aborted) throw this.options.signal.reason;
      result =
        error instanceof DeadlineExceeded
          ? { status: 'timeout', files: [], error: error.message }
          : { status: 'failed', files: [], error: describeEngineError(engineErrorShape(error)) };
    }
    const durationMs = Math.round(performance.now() - started);
    const run: ProbeRun = { id, ...result, durationMs };
    this.emit({
      kind: 'finished',
      id,
      status: run.status,
      durationMs,
      ...(run.error === undefined ? {} : { error: run.error }),
      ...this.target,
    });
    return run;
  }
}

interface ListedContainer {
  readonly id: string;
  /** Name and short id, for messages. */
  readonly label: string;
  readonly running: boolean;
  /** The 64 hex digits of the image it uses (`ImageID`), or null where the engine gave none we accept. */
  readonly imageHex: string | null;
}

/** An image id as engines write it (`sha256:<hex>`, Podman sometimes bare hex) -> its hex; null otherwise. */
function imageHex(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = /^(?:sha256:)?([0-9a-f]{64})$/i.exec(value);
  return m ? m[1]!.toLowerCase() : null;
}

interface Listing {
  readonly containers: readonly ListedContainer[];
  /** Entries whose id could not safely name a file. */
  readonly refused: readonly ItemOutcome[];
}

function readListing(list: unknown): Listing {
  if (!Array.isArray(list)) throw new Error('GET /containers/json did not answer with a list');
  const containers: ListedContainer[] = [];
  const refused: ItemOutcome[] = [];
  for (const entry of list as unknown[]) {
    const id = field(entry, 'Id');
    const names = field(entry, 'Names');
    const name = Array.isArray(names) && typeof names[0] === 'string' ? names[0].replace(/^\//, '') : '';
    if (typeof id !== 'string' || !SAFE_ID.test(id)) {
      refused.push({
        kind: 'failed',
        label: `container ${JSON.stringify(id)}`,
        reason: 'refused: not a plain container id',
      });
      continue;
    }
    containers.push({
      id,
      label: name === '' ? id.slice(0, 12) : `${JSON.stringify(name)} (${id.slice(0, 12)})`,
      running: field(entry, 'State') === 'running',
      imageHex: imageHex(field(entry, 'ImageID')),
    });
  }
  return { containers, refused };
}

/** Decided from GET /version `Os`, then GET /info `OSType`; unknown counts as not Windows. */
function engineIsWindows(version: unknown, info: unknown): boolean {
  const os = field(version, 'Os') ?? field(info, 'OSType');
  return typeof os === 'string' && os.toLowerCase() === 'windows';
}

/** Item outcomes whose value goes into one shared file carry no files of their own. */
function toFiles(files: readonly ProbeFile[]) {
  return (outcome: { kind: 'ok'; value: unknown } | Exclude<ItemOutcome, { kind: 'ok' }>): ItemOutcome =>
    outcome.kind === 'ok' ? { kind: 'ok', files } : outcome;
}

/**
 * Removed or stopped between the listing and now: it no longer exists or runs, so there is nothing to report.
 * Docker answers 404 for a removed object and 409 "is not running" for exec and top on a stopped container.
 */
function vanished(error: EngineErrorShape): boolean {
  if (error.statusCode === 404) return true;
  // Podman says 500 "container state improper" where Docker says 409.
  return (
    (error.statusCode === 409 || error.statusCode === 500) &&
    /not running|state improper/i.test(engineMessage(error))
  );
}

function notFoundIsUnsupported(outcome: Exclude<ItemOutcome, { kind: 'ok' }>, command: string): ItemOutcome {
  if (outcome.kind === 'failed' && looksNotFound(outcome.reason))
    return { ...outcome, kind: 'unsupported', reason: `${command} cannot run here: ${outcome.reason}` };
  return outcome;
}

/** What an engine or a shell says when the command to run does not exist in the image. */
export function looksNotFound(text: string): boolean {
  return /executable file not found|not found in \$PATH|cannot find the file|is not recognized|no such file or directory/i.test(
    text,
  );
}

/**
 * All items ok: `ok`. Otherwise the files that were collected stay, and the status is the one the
 * troubled items share (`timeout`, `unsupported`), or `failed` when they differ; `error` names each.
 */
function aggregate(items: readonly ItemOutcome[], shared: readonly ProbeFile[]): ProbeResult {
  const files = [...shared, ...items.flatMap((i) => (i.kind === 'ok' ? i.files : []))];
  const troubled = items.flatMap((i) => (i.kind === 'ok' || i.kind === 'gone' ? [] : [i]));
  if (troubled.length === 0) return ok(files);
  const kinds = new Set(troubled.map((t) => t.kind));
  const status: ProbeStatus = kinds.size === 1 ? troubled[0]!.kind : 'failed';
  const done = items.filter((i) => i.kind === 'ok').length;
  // A shared file (containers.json) made of nothing but failures would read as "there are none".
  if (done === 0) files.splice(0, shared.length);
  const error = `${troubled.length} of ${done + troubled.length}: ${troubled.map((t) => `${t.label}: ${t.reason}`).join('; ')}`;
  return { status, files, error };
}

function ok(files: readonly ProbeFile[]): ProbeResult {
  return { status: 'ok', files };
}

function jsonFile(path: string, value: unknown): ProbeFile {
  return { path, bytes: new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`) };
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[name]
    : undefined;
}

function firstLine(bytes: Uint8Array): string {
  return (
    new TextDecoder()
      .decode(bytes)
      .split(/\r?\n/)
      .find((l) => l.trim() !== '')
      ?.trim() ?? ''
  );
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
