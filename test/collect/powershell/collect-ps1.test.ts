// resources/collect.ps1 end to end in real PowerShell: the host stand-ins imported as modules, a stand-in
// engine (recorded Windows engine answers on a Unix socket, which .NET's named-pipe client opens by absolute
// path), one hanging probe. The zip it writes is read back with the real reader and model.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../../src/collect/bundle-reader';
import { CONTAINER_COMMANDS, DOCKER_PROBE_IDS } from '../../../src/collect/docker/collect-docker';
import { buildHostModel } from '../../../src/core/host-model';
import { PROBES, type RawBundle } from '../../../src/shared/bundle';
import type { HostModel, Known } from '../../../src/shared/model';
import { findTestEngine, removeLabelled, runId, startSleeper } from '../docker/test-engine';
import { LEGACY, WEB, withWindowsEngine } from '../windows-engine';
import { REPO, hasPwsh, pwsh, runCollectPs1, standIns, tempDir, type CollectorRun } from './pwsh-test-kit';

const run = hasPwsh();
const dir = tempDir('collect-ps1');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOSTILE_NAME = "x'; Remove-Item C:\\ -Recurse; '";

const value = <T>(known: Known<T>): T => {
  if (known.kind !== 'known') throw new Error(`expected known, got unknown: ${known.reason}`);
  return known.value;
};

describe.runIf(run)('collect.ps1, the standalone collector', () => {
  const requests: string[] = [];
  let result: CollectorRun;
  let raw: RawBundle;
  let model: HostModel;
  let zip: string;
  const out = join(dir, 'out');
  const canary = join(dir, 'canary.txt');

  beforeAll(async () => {
    const socket = join(dir, 'engine.sock');
    const programData = join(dir, 'ProgramData');
    mkdirSync(join(programData, 'custom'), { recursive: true });
    writeFileSync(join(programData, 'custom', 'daemon.json'), '{ "hosts": ["npipe://"] }');
    result = await withWindowsEngine(socket, { requests }, () =>
      runCollectPs1(
        [
          '-StandIns',
          [
            ...standIns(
              'server-2019-nat-host.ps1',
              'hns-module.ps1',
              'hyperv-module.ps1',
              'hanging-nat-sessions.ps1',
            ),
          ].join(delimiter),
          '-OutputPath',
          out,
          '-TimeoutSeconds',
          '8',
          '-DockerPipe',
          socket,
        ],
        {
          ...process.env,
          ProgramData: programData,
          COMPUTERNAME: 'CONTAINERHOST01',
          HOSTSCOPE_CANARY: canary,
        },
      ),
    );
    const zips = existsSync(out) ? readdirSync(out).filter((name) => name.endsWith('.zip')) : [];
    if (result.code !== 0 || zips.length !== 1)
      throw new Error(
        `collect.ps1 exited ${result.code}, zips ${JSON.stringify(zips)}\n${result.stdout}\n${result.stderr}`,
      );
    zip = join(out, zips[0]!);
    raw = await readBundle(zip);
    model = buildHostModel(raw);
  }, 240_000);

  it('writes one zip into OutputPath, prints where it is, and leaves no temporary folder behind', () => {
    expect(zip).toMatch(/hostscope-CONTAINERHOST01-\d{8}-\d{6}\.zip$/);
    expect(result.stdout).toContain(`Bundle written to: ${zip}`);
    expect(result.stdout.trim().split(/\r?\n/).pop()).toBe(zip);
    expect(readdirSync(out)).toEqual([zip.split('/').pop()]);
    expect(existsSync(canary)).toBe(false);
  });

  it('writes a manifest with every probe, its status, files, duration and, where not ok, the reason', () => {
    const manifest = JSON.parse(Buffer.from(raw.files.get('manifest.json')!).toString('utf8')) as {
      format: string;
      version: number;
      collector: { name: string };
      host: { computerName: string };
      probes: { id: string; status: string; files: string[]; durationMs: number; error?: string }[];
    };
    expect(manifest).toMatchObject({
      format: 'hostscope-bundle',
      version: 1,
      collector: { name: 'collect.ps1' },
      host: { computerName: 'CONTAINERHOST01' },
    });
    const status = Object.fromEntries(manifest.probes.map((p) => [p.id, p.status]));
    // Every probe of the catalogue, the 1.1 ones included, once.
    expect(Object.keys(status).sort()).toEqual(PROBES.map((p) => p.id).sort());
    expect(manifest.probes).toHaveLength(PROBES.length);
    // The hanging stand-in is the only host probe that is not ok: the others ran after it.
    for (const [id, s] of Object.entries(status)) {
      if (id === 'host.natsessions') expect(s).toBe('timeout');
      else if (id === 'docker.swarm') expect(s).toBe('unsupported');
      else expect(s, id).toBe('ok');
    }
    const sessions = manifest.probes.find((p) => p.id === 'host.natsessions')!;
    expect(sessions).toMatchObject({ files: [], error: 'no result within 8 s' });
    expect(sessions.durationMs).toBeGreaterThanOrEqual(8000);
    expect(manifest.probes.find((p) => p.id === 'docker.swarm')!.error).toBe(
      'this engine is not a swarm manager (Swarm.LocalNodeState: inactive)',
    );
    expect(manifest.probes.find((p) => p.id === 'docker.top')!.files).toEqual([
      `docker/top/${WEB}.json`,
      `docker/top/${LEGACY}.json`,
    ]);
    for (const p of manifest.probes) expect(typeof p.durationMs).toBe('number');
  });

  it('asks the engine over HTTP/1.0 for exactly the documents of bundle v1', () => {
    expect(requests.every((r) => / HTTP\/1\.0( |$)/.test(r))).toBe(true);
    expect(requests).toContain('GET /containers/json?all=1 HTTP/1.0');
    expect(requests).toContain(
      `POST /containers/${WEB}/exec HTTP/1.0 {"AttachStdout":true,"AttachStderr":true,"Tty":false,"Cmd":["netstat","-ano"]}`,
    );
    // container.dns: the command is JSON data, its backslashes escaped.
    expect(requests).toContain(
      `POST /containers/${LEGACY}/exec HTTP/1.0 {"AttachStdout":true,"AttachStderr":true,"Tty":false,"Cmd":["cmd","/c","type","C:\\\\Windows\\\\System32\\\\drivers\\\\etc\\\\hosts"]}`,
    );
    expect(requests.filter((r) => r.startsWith('GET /services'))).toEqual([]);
  });

  it('redacts Config.Env values and keeps their names; the hostile container name stays data', () => {
    const containers = Buffer.from(raw.files.get('docker/containers.json')!).toString('utf8');
    for (const secret of ['s3cr3t-Value!', 'tok_9f8e7d', 'ABCD-EFGH', 'Remove-Item C:\\\\ -Recurse)'])
      expect(containers).not.toContain(secret);
    const parsed = JSON.parse(containers) as { Name: string; Config: { Env: string[] } }[];
    expect(parsed[0]!.Config.Env).toEqual([
      'DB_PASSWORD=<redacted>',
      'API_TOKEN=<redacted>',
      'PATH=<redacted>',
      'NO_VALUE',
    ]);
    const list = value(model.containers);
    expect(list.map((c) => [c.name, c.state, c.isolationRequested])).toEqual([
      ['web', 'running', 'process'],
      ['legacy', 'running', 'hyperv'],
      [HOSTILE_NAME, 'exited', 'process'],
    ]);
    expect(list[0]!.envNames).toEqual(['DB_PASSWORD', 'API_TOKEN', 'PATH', 'NO_VALUE']);
    expect(list[0]!.labels).toContainEqual({
      name: 'com.example.quote',
      value: `it's "quoted" & <b>tagged</b>`,
    });
  });

  it('reads back: engine, ports, top and listeners per running container, networks, volumes', () => {
    expect(value(model.engine)).toMatchObject({
      version: '20.10.21',
      apiVersion: '1.41',
      defaultIsolation: 'process',
      dockerRootDir: 'C:\\ProgramData\\docker',
    });
    const web = value(model.containers)[0]!;
    expect(web.publishedPorts).toEqual([
      { containerPort: 80, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 8080, origin: 'both' },
    ]);
    expect(web.top).toMatchObject({ kind: 'known' });
    expect(value(web.top!).map((p) => p.pid)).toEqual([3480, 3500, 3632]);
    expect(
      value(web.listeners!)
        .filter((l) => l.state === 'Listen')
        .map((l) => l.localPort),
    ).toEqual([80, 135]);
    expect(value(model.containers)[2]!.top).toBeNull();
    expect(value(model.networks).map((n) => [n.name, n.driver, n.subnets])).toEqual([
      ['nat', 'nat', ['172.24.80.0/20']],
      ['none', 'null', []],
    ]);
    expect(value(model.volumes)).toEqual([
      { name: 'webdata', driver: 'local', mountpoint: 'C:\\ProgramData\\docker\\volumes\\webdata\\_data' },
    ]);
  });

  it('reads back the host probes, run by the same scripts as the app', () => {
    expect(value(model.host)).toMatchObject({
      computerName: 'CONTAINERHOST01',
      build: 17763,
      installationType: 'Server Core',
    });
    expect(value(model.natMappings)[0]).toMatchObject({
      externalPort: 8080,
      internalIp: '172.24.80.2',
      internalPort: 80,
    });
    expect(value(model.firewallRules)).toHaveLength(6);
    expect(value(model.vhds)).toHaveLength(2);
    expect(value(model.hnsEndpoints)).toHaveLength(2);
    // The 1.1 files, as the scripts write them (their model is built on another branch): present and readable.
    for (const file of ['host/excludedports.txt', 'host/routes.json', 'host/events.json', 'host/proxy.json'])
      expect(raw.files.has(file), file).toBe(true);
    expect(fileText(raw, 'host/proxy.json')).not.toContain('S3cret');
    expect(fileText(raw, `containers/${WEB}/hosts.txt`)).toContain('10.0.0.40 registry.corp.example\r\n');
    expect(fileText(raw, `containers/${LEGACY}/ipconfig.txt`)).toContain(
      'DNS Servers . . . . . . . . . . . : 172.24.80.1',
    );
    expect(value(model.daemonConfig)).toMatchObject({ hosts: ['npipe://'] });
    expect(model.natSessions).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('timeout') });
  });
});

describe.runIf(run)('collect.ps1 without an engine', () => {
  it('-NoDocker skips the engine; a missing engine fails its probes once, with where it looked', async () => {
    const out = join(dir, 'no-docker');
    const skipped = await runCollectPs1(['-OutputPath', out, '-NoDocker', '-TimeoutSeconds', '20'], {
      ...process.env,
      COMPUTERNAME: 'BARE01',
    });
    expect(skipped.code, skipped.stderr).toBe(0);
    const bare = buildHostModel(await readBundle(join(out, readdirSync(out)[0]!)));
    for (const id of ['docker.version', 'docker.containers', 'container.listeners']) {
      expect(
        bare.probes.find((p) => p.id === id),
        id,
      ).toMatchObject({ manifestStatus: 'skipped', detail: expect.stringContaining('-NoDocker') });
    }
    // No stand-ins: on this machine the Windows cmdlets are missing, which is unsupported, not failed.
    expect(bare.probes.find((p) => p.id === 'host.netnat')).toMatchObject({ manifestStatus: 'unsupported' });

    const missing = join(dir, 'no-engine.sock');
    const down = await runCollectPs1(
      ['-OutputPath', join(dir, 'down'), '-DockerPipe', missing, '-TimeoutSeconds', '20'],
      { ...process.env, COMPUTERNAME: 'BARE01' },
    );
    expect(down.code, down.stderr).toBe(0);
    const model = buildHostModel(await readBundle(join(dir, 'down', readdirSync(join(dir, 'down'))[0]!)));
    expect(model.probes.find((p) => p.id === 'docker.version')).toMatchObject({
      manifestStatus: 'failed',
      detail: expect.stringContaining(`cannot reach the Docker engine at ${missing}`),
    });
    expect(model.probes.find((p) => p.id === 'docker.networks')).toMatchObject({
      manifestStatus: 'failed',
      detail: expect.stringContaining('not run: docker.version failed'),
    });
  }, 240_000);
});

/**
 * A folder with one probe that answers at once, so a run spends its time on what the test is about, and any
 * `extra` probes (id -> script body).
 */
function quickProbes(name: string, extra: Readonly<Record<string, string>> = {}): string {
  const probes = join(dir, name);
  mkdirSync(probes);
  writeFileSync(
    join(probes, 'host.quick.ps1'),
    "$ErrorActionPreference = 'Stop'\n@{ Status = 'ok'; Files = @() }\n",
  );
  for (const [id, body] of Object.entries(extra))
    writeFileSync(join(probes, `${id}.ps1`), `$ErrorActionPreference = 'Stop'\n${body}\n`);
  return probes;
}

/** Runs collect.ps1 itself (no harness) with only the quick probe, and reads back the one zip it wrote. */
async function collectQuick(
  name: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  extra: Readonly<Record<string, string>> = {},
): Promise<{ zip: string; raw: RawBundle }> {
  const out = join(dir, name);
  const child = spawn(
    pwsh!,
    [
      '-NoProfile',
      '-NonInteractive',
      '-File',
      join(REPO, 'resources', 'collect.ps1'),
      '-OutputPath',
      out,
      '-ProbesPath',
      quickProbes(`${name}-probes`, extra),
      ...args,
    ],
    { env: { ...process.env, ...env }, stdio: 'ignore' },
  );
  expect(await new Promise<number | null>((resolve) => child.on('close', resolve))).toBe(0);
  const [zip] = readdirSync(out);
  return { zip: zip!, raw: await readBundle(join(out, zip!)) };
}

/** A stand-in engine on a Unix socket that answers GETs from a table by path and query, 404 for the rest. */
async function tableEngine<T>(
  name: string,
  answers: Record<string, unknown>,
  use: (socket: string) => Promise<T>,
): Promise<T> {
  const engine = createServer((req, res) => {
    const answer = answers[req.url ?? ''];
    res.writeHead(answer === undefined ? 404 : 200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(answer ?? { message: `no such object: ${req.url}` }));
  });
  const socket = join(dir, `${name}.sock`);
  await new Promise<void>((resolve) => engine.listen(socket, resolve));
  try {
    return await use(socket);
  } finally {
    await new Promise((resolve) => engine.close(resolve));
  }
}

const fileText = (raw: RawBundle, path: string): string => Buffer.from(raw.files.get(path)!).toString('utf8');

describe.runIf(run)('collect.ps1 under a culture with another calendar and time separator', () => {
  it('names the zip and stamps collectedAt in the Gregorian calendar with ISO 8601 separators', async () => {
    const before = Date.now();
    // th-TH counts years in the Buddhist era (2569 for 2026); fi-FI would separate hours with dots.
    const { zip, raw } = await collectQuick('thai', ['-NoDocker'], {
      COMPUTERNAME: 'THAI01',
      LC_ALL: 'th_TH.UTF-8',
    });
    const year = new Date(before).getUTCFullYear();
    expect(zip).toMatch(new RegExp(`^hostscope-THAI01-${year}\\d{4}-\\d{6}\\.zip$`));
    const manifest = JSON.parse(fileText(raw, 'manifest.json')) as { collectedAt: string };
    expect(manifest.collectedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(Math.abs(Date.parse(manifest.collectedAt) - before)).toBeLessThan(120_000);
  }, 120_000);
});

describe.runIf(run)('collect.ps1 against a busy engine', () => {
  const engineBase = {
    '/version': { Version: '20.10.21', ApiVersion: '1.41', Os: 'windows' },
    '/containers/json': [],
    '/volumes': { Volumes: [] },
  };

  it('redacts the environment of swarm services (also their PreviousSpec) and tasks, as of containers', async () => {
    const service = {
      ID: 'svc1',
      Spec: {
        Name: 'web',
        TaskTemplate: { ContainerSpec: { Image: 'web', Env: ['DB_PASSWORD=now-secret', 'BARE'] } },
      },
      PreviousSpec: {
        Name: 'web',
        TaskTemplate: { ContainerSpec: { Image: 'web', Env: ['DB_PASSWORD=old-secret'] } },
      },
    };
    const task = { ID: 'task1', Spec: { ContainerSpec: { Image: 'web', Env: ['API_TOKEN=task-secret'] } } };
    const { raw } = await tableEngine(
      'swarm',
      {
        ...engineBase,
        '/info': { OSType: 'windows', Swarm: { LocalNodeState: 'active', ControlAvailable: true } },
        '/containers/json?all=1': [],
        '/networks': [],
        '/services': [service],
        '/tasks': [task],
        '/nodes': [{ ID: 'node1' }],
      },
      (socket) => collectQuick('swarm', ['-DockerPipe', socket], { COMPUTERNAME: 'MANAGER01' }),
    );
    const services = fileText(raw, 'docker/swarm/services.json');
    const tasks = fileText(raw, 'docker/swarm/tasks.json');
    for (const secret of ['now-secret', 'old-secret']) expect(services).not.toContain(secret);
    expect(tasks).not.toContain('task-secret');
    const [parsed] = JSON.parse(services) as (typeof service)[];
    expect(parsed!.Spec.TaskTemplate.ContainerSpec.Env).toEqual(['DB_PASSWORD=<redacted>', 'BARE']);
    expect(parsed!.PreviousSpec.TaskTemplate.ContainerSpec.Env).toEqual(['DB_PASSWORD=<redacted>']);
    expect((JSON.parse(tasks) as (typeof task)[])[0]!.Spec.ContainerSpec.Env).toEqual([
      'API_TOKEN=<redacted>',
    ]);
    expect(JSON.parse(fileText(raw, 'docker/swarm/nodes.json'))).toEqual([{ ID: 'node1' }]);
  }, 120_000);

  it('a container or network removed after the listing is left out; labels that differ in case are kept', async () => {
    const kept = 'a'.repeat(64);
    const gone = 'b'.repeat(64);
    // Labels whose names differ only in case, which ConvertFrom-Json refuses: the redaction must not need it.
    const inspect = {
      Id: kept,
      Name: '/kept',
      Config: { Env: ['A=1', 'B=x\\"y'], Labels: { Tier: 'front', tier: 'back' } },
    };
    const { raw } = await tableEngine(
      'vanishing',
      {
        ...engineBase,
        '/info': { OSType: 'windows' },
        '/containers/json?all=1': [{ Id: kept }, { Id: gone }],
        [`/containers/${kept}/json`]: inspect,
        '/networks': [{ Id: 'n1' }, { Id: 'n2' }],
        '/networks/n1': { Id: 'n1', Name: 'nat' },
      },
      (socket) => collectQuick('vanishing', ['-DockerPipe', socket], { COMPUTERNAME: 'BUSY01' }),
    );
    const manifest = JSON.parse(fileText(raw, 'manifest.json')) as {
      probes: { id: string; status: string }[];
    };
    const status = (id: string): string | undefined => manifest.probes.find((p) => p.id === id)?.status;
    expect(status('docker.containers')).toBe('ok');
    expect(status('docker.networks')).toBe('ok');
    expect(JSON.parse(fileText(raw, 'docker/containers.json'))).toEqual([
      { ...inspect, Config: { ...inspect.Config, Env: ['A=<redacted>', 'B=<redacted>'] } },
    ]);
    expect(JSON.parse(fileText(raw, 'docker/networks.json'))).toEqual([{ Id: 'n1', Name: 'nat' }]);
  }, 120_000);
});

describe.runIf(run)('collect.ps1 and the catalogue', () => {
  it('holds the files of each probe and the commands run in containers as the catalogue and the Node collector do', () => {
    const reader = join(dir, 'read-tables.ps1');
    writeFileSync(
      reader,
      [
        "$ErrorActionPreference = 'Stop'",
        '$ast = [System.Management.Automation.Language.Parser]::ParseFile($args[0], [ref]$null, [ref]$null)',
        '$tables = [ordered]@{}',
        "foreach ($name in @('DockerProbeIds', 'HostProbeFiles', 'ContainerProbeFiles', 'ContainerCommands')) {",
        '    $assignment = $ast.Find({ param($node) $node -is [System.Management.Automation.Language.AssignmentStatementAst] -and $node.Left.Extent.Text -eq ("$" + $name) }, $false)',
        '    $tables[$name] = & ([scriptblock]::Create($assignment.Right.Extent.Text))',
        '}',
        'ConvertTo-Json -InputObject $tables -Depth 4 -Compress',
      ].join('\n'),
    );
    const tables = JSON.parse(
      execFileSync(
        pwsh!,
        ['-NoProfile', '-NonInteractive', '-File', reader, join(REPO, 'resources', 'collect.ps1')],
        {
          encoding: 'utf8',
        },
      ),
    ) as Record<string, unknown>;
    expect(tables.DockerProbeIds).toEqual(DOCKER_PROBE_IDS);
    expect(tables.HostProbeFiles).toEqual(
      Object.fromEntries(PROBES.filter((p) => p.kind === 'powershell').map((p) => [p.id, p.files])),
    );
    expect(tables.ContainerProbeFiles).toEqual(
      Object.fromEntries(PROBES.flatMap((p) => (p.perContainer ? [[p.id, p.perContainer]] : []))),
    );
    expect(tables.ContainerCommands).toEqual(CONTAINER_COMMANDS);
  });

  it("refuses a host probe's file that is another probe's, and one file twice; takes one of a probe's files", async () => {
    const { raw } = await collectQuick(
      'rogue',
      ['-NoDocker'],
      { COMPUTERNAME: 'ROGUE01' },
      {
        'host.routes': "@{ Status = 'ok'; Files = @(@{ Path = 'host/tcp.json'; Text = '[]' }) }",
        'host.dns':
          "@{ Status = 'ok'; Files = @(@{ Path = 'host/dns-servers.json'; Text = '[]' }, @{ Path = 'host/dns-servers.json'; Text = '[1]' }) }",
        'host.hns.endpoints':
          "@{ Status = 'ok'; Files = @(@{ Path = 'host/hnsdiag-endpoints.txt'; Text = 'Endpoint : 1' }) }",
      },
    );
    const manifest = JSON.parse(fileText(raw, 'manifest.json')) as {
      probes: { id: string; status: string; files: string[]; error?: string }[];
    };
    const entry = (id: string): { status: string; files: string[]; error?: string } =>
      manifest.probes.find((p) => p.id === id)!;
    expect(entry('host.routes')).toMatchObject({
      status: 'failed',
      files: [],
      error:
        'the probe returned a file named "host/tcp.json", which is not one of its bundle files (host/routes.json): it belongs to host.tcp',
    });
    expect(entry('host.dns')).toMatchObject({
      status: 'failed',
      error: 'the probe returned host/dns-servers.json twice',
    });
    expect(entry('host.hns.endpoints')).toMatchObject({
      status: 'ok',
      files: ['host/hnsdiag-endpoints.txt'],
    });
    expect(raw.files.has('host/tcp.json')).toBe(false);
    expect(raw.files.has('host/dns-servers.json')).toBe(false);
    expect(fileText(raw, 'host/hnsdiag-endpoints.txt')).toBe('Endpoint : 1');
  }, 120_000);
});

const podman = run ? await findTestEngine() : null;

describe.runIf(run && podman !== null)('collect.ps1 against the real engine API (Podman)', () => {
  const label = runId();
  afterAll(async () => {
    if (podman) await removeLabelled(podman.docker, `com.hostscope.test=${label}`);
  });

  it('runs the container-exec probes over HTTP/1.0; a Linux image without ipconfig or cmd is unsupported, per container', async () => {
    const container = await startSleeper(podman!.docker, `${label}-dns`, label);
    const { raw } = await collectQuick(
      'podman',
      ['-DockerPipe', podman!.socketPath, '-TimeoutSeconds', '30'],
      {
        COMPUTERNAME: 'PODMAN01',
      },
    );
    const manifest = JSON.parse(fileText(raw, 'manifest.json')) as {
      probes: { id: string; status: string; files: string[]; error?: string }[];
    };
    const dns = manifest.probes.find((p) => p.id === 'container.dns')!;
    const name = `"${label}-dns" (${container.id.slice(0, 12)})`;
    // Other test files may run containers on this engine at the same time: only this one's share is asserted.
    expect(dns.error).toContain(`${name}: ipconfig /all exited with code 127: `);
    expect(dns.error).toContain(
      `${name}: cmd /c type C:\\Windows\\System32\\drivers\\etc\\hosts exited with code 127: `,
    );
    expect(raw.files.has(`containers/${container.id}/ipconfig.txt`)).toBe(false);
    expect(raw.files.has(`docker/top/${container.id}.json`)).toBe(true);
    // busybox netstat refuses -o: a failure of the command, not a missing one.
    expect(manifest.probes.find((p) => p.id === 'container.listeners')!.error).toContain(
      `${name}: netstat -ano exited with code 1: netstat: `,
    );
  }, 240_000);
});
