// Collects from a real engine API (Podman) with containers set up the way a Windows host has them, then reads
// the bundle back through the reader and the model, as the app and `hostscope summary` do.
import type Docker from 'dockerode';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../../src/collect/bundle-reader';
import { collectHost, localEnvironment, type HostResult } from '../../../src/collect/collect-host';
import { DOCKER_PROBE_IDS } from '../../../src/collect/docker/collect-docker';
import type { ProbeProgress } from '../../../src/collect/types';
import { buildHostModel } from '../../../src/core/host-model';
import type { RawBundle } from '../../../src/shared/bundle';
import type { Container, HostModel } from '../../../src/shared/model';
import { findTestEngine, freePort, removeLabelled, runId, TEST_IMAGE } from './test-engine';

const engine = await findTestEngine();
const id = runId();
const label = `com.hostscope.test=${id}`;
const secret = `hunter2-${id}`;
const hostile = `x'; Remove-Item C:\\ -Recurse; '`;
// Made when the tests run, not when they skip (hooks of a skipped suite do not run to clean up).
let dir = '';
let bindDir = '';

// busybox's netstat has no -o: this stands in for a Windows image's netstat by ignoring the flags it
// cannot take, so that one container's listeners come back for real and another's fail for real.
const netstatShim = `rm /bin/netstat && printf '#!/bin/sh\\nexec busybox netstat -antu\\n' > /bin/netstat && chmod +x /bin/netstat`;

async function run(
  docker: Docker,
  name: string,
  options: Docker.ContainerCreateOptions,
  start = true,
): Promise<string> {
  const container = await docker.createContainer({
    name: `${id}-${name}`,
    Image: TEST_IMAGE,
    Labels: { 'com.hostscope.test': id },
    ...options,
  });
  if (start) await container.start();
  return container.id;
}

function read(raw: RawBundle, file: string): string {
  const bytes = raw.files.get(file);
  if (bytes === undefined)
    throw new Error(`${file} is not in the bundle (files: ${[...raw.files.keys()].join(', ')})`);
  return new TextDecoder().decode(bytes);
}

function known<T>(part: { kind: 'known'; value: T } | { kind: 'unknown'; reason: string }): T {
  if (part.kind === 'unknown') throw new Error(`expected a known value: ${part.reason}`);
  return part.value;
}

describe.skipIf(engine === null)('collecting from a real Docker Engine API', () => {
  const ids: Record<string, string> = {};
  let hostPort = 0;
  let udpPort = 0;
  let result: HostResult;
  let raw: RawBundle;
  let model: HostModel;
  const events: ProbeProgress[] = [];

  beforeAll(async () => {
    const { docker } = engine!;
    dir = mkdtempSync(join(tmpdir(), 'hostscope-collect-'));
    bindDir = mkdtempSync(join(tmpdir(), 'hostscope-bind-'));
    hostPort = await freePort();
    udpPort = await freePort();
    await docker.createNetwork({ Name: `${id}-net`, Driver: 'bridge', Labels: { 'com.hostscope.test': id } });
    await docker.createVolume({ Name: `${id}-data`, Labels: { 'com.hostscope.test': id } });
    ids.web = await run(docker, 'web', {
      Cmd: ['sh', '-c', `${netstatShim} && exec httpd -f -p 80`],
      Env: [`SECRET_TOKEN=${secret}`, 'PLAIN=visible-value'],
      Labels: { 'com.hostscope.test': id, 'com.example.role': 'web', note: hostile },
      ExposedPorts: { '80/tcp': {}, '53/udp': {} },
      HostConfig: {
        PortBindings: {
          '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(hostPort) }],
          '53/udp': [{ HostPort: String(udpPort) }],
        },
        Binds: [`${id}-data:/data`, `${bindDir}:/host:ro`],
        NetworkMode: `${id}-net`,
      },
    });
    ids.plain = await run(docker, 'plain', { Cmd: ['sleep', '600'], Env: [`OTHER_SECRET=${secret}`] });
    ids.stopped = await run(docker, 'stopped', { Cmd: ['true'] });
    await docker.getContainer(ids.stopped).wait();

    const results = await collectHost(
      { dockerHost: engine!.host, noPowerShell: true, out: join(dir, 'bundle.zip'), timeoutMs: 30_000 },
      (e) => events.push(e),
    );
    result = results[0]!;
    if (result.kind !== 'written') throw new Error(result.error);
    raw = await readBundle(result.bundle.path);
    model = buildHostModel(raw);
  });

  afterAll(async () => {
    if (engine) await removeLabelled(engine.docker, label);
    rmSync(dir, { recursive: true, force: true });
    rmSync(bindDir, { recursive: true, force: true });
  });

  const container = (name: string): Container => {
    const found = known(model.containers).find((c) => c.name === `${id}-${name}`);
    if (!found) throw new Error(`${id}-${name} is not in the model`);
    return found;
  };

  it('writes one zip with every docker probe in the manifest and the PowerShell ones skipped', () => {
    expect(result.kind).toBe('written');
    const manifest = JSON.parse(read(raw, 'manifest.json')) as {
      probes: { id: string; status: string; error?: string }[];
      host: { computerName: string };
    };
    const status = Object.fromEntries(manifest.probes.map((p) => [p.id, p.status]));
    expect(status).toMatchObject({
      'docker.version': 'ok',
      'docker.info': 'ok',
      'docker.containers': 'ok',
      'docker.top': 'ok',
      'docker.networks': 'ok',
      'docker.volumes': 'ok',
      'host.os': 'skipped',
    });
    expect(manifest.probes.find((p) => p.id === 'host.os')?.error).toContain('--no-powershell');
    expect(manifest.host.computerName).toBe(localEnvironment().hostName);
    // Podman has no swarm: that is a fact about the engine, not a failed collection.
    expect(manifest.probes.find((p) => p.id === 'docker.swarm')).toMatchObject({
      status: 'unsupported',
      error: expect.stringContaining('not a swarm manager'),
    });
  });

  it('has every container, running or stopped, with ports, mounts, labels, networks and env names', () => {
    const web = container('web');
    expect(web.id).toBe(ids.web);
    expect(web.state).toBe('running');
    expect(web.publishedPorts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1', hostPort }),
        expect.objectContaining({ containerPort: 53, protocol: 'udp', hostPort: udpPort }),
      ]),
    );
    expect(web.mounts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'volume', name: `${id}-data`, destination: '/data' }),
        expect.objectContaining({ type: 'bind', source: bindDir, destination: '/host', readOnly: true }),
      ]),
    );
    expect(web.labels).toEqual(
      expect.arrayContaining([
        { name: 'com.example.role', value: 'web' },
        { name: 'note', value: hostile },
      ]),
    );
    expect(web.networks.map((n) => n.name)).toContain(`${id}-net`);
    expect(web.networks.find((n) => n.name === `${id}-net`)?.ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(web.envNames).toEqual(expect.arrayContaining(['SECRET_TOKEN', 'PLAIN']));
    expect(container('stopped').state).toBe('exited');
    expect(container('stopped').top).toBeNull();
  });

  it('keeps env names but no env value anywhere in the bundle', () => {
    const inspects = JSON.parse(read(raw, 'docker/containers.json')) as {
      Id: string;
      Config: { Env: string[] };
    }[];
    expect(inspects.find((c) => c.Id === ids.web)?.Config.Env).toEqual(
      expect.arrayContaining(['SECRET_TOKEN=<redacted>', 'PLAIN=<redacted>']),
    );
    for (const [file, bytes] of raw.files) {
      expect(new TextDecoder().decode(bytes), file).not.toContain(secret);
      expect(new TextDecoder().decode(bytes), file).not.toContain('visible-value');
    }
  });

  it('has top of each running container as split rows, and none for stopped ones', () => {
    for (const name of ['web', 'plain']) {
      const top = JSON.parse(read(raw, `docker/top/${ids[name]}.json`)) as {
        Titles: string[];
        Processes: string[][];
      };
      expect(top.Titles).toEqual(['PID', 'USER', 'COMMAND']);
      expect(top.Processes[0]).toHaveLength(3);
    }
    expect(raw.files.has(`docker/top/${ids.stopped}.json`)).toBe(false);
    expect(known(container('plain').top!).map((r) => r.pid)).toEqual([expect.any(Number)]);
  });

  it('runs netstat -ano in each running container and records honestly where it cannot', () => {
    const netstat = read(raw, `containers/${ids.web}/netstat.txt`);
    expect(netstat).toMatch(/tcp\s+\d+\s+\d+\s+(0\.0\.0\.0|:::?):80\s+.*LISTEN/);
    expect(container('web').listeners).not.toBeNull();
    // busybox netstat refuses -o: one container's failure, stated, while the other's file is kept.
    expect(raw.files.has(`containers/${ids.plain}/netstat.txt`)).toBe(false);
    const manifest = JSON.parse(read(raw, 'manifest.json')) as {
      probes: { id: string; status: string; error?: string; files?: string[] }[];
    };
    const listeners = manifest.probes.find((p) => p.id === 'container.listeners')!;
    expect(listeners.status).toBe('failed');
    expect(listeners.files).toContain(`containers/${ids.web}/netstat.txt`);
    expect(listeners.error).toMatch(
      new RegExp(
        `"${id}-plain" \\(${ids.plain!.slice(0, 12)}\\): netstat -ano exited with code 1: netstat: (invalid|unrecognized) option`,
      ),
    );
  });

  it('container.dns: a Linux image has no ipconfig nor cmd, which is unsupported per container, not a failure', () => {
    const manifest = JSON.parse(read(raw, 'manifest.json')) as {
      probes: { id: string; status: string; error?: string; files?: string[] }[];
    };
    const dns = manifest.probes.find((p) => p.id === 'container.dns')!;
    expect(dns.status).toBe('unsupported');
    expect(dns.files ?? []).toEqual([]);
    // Two running containers, two commands each: every one named with its reason.
    expect(dns.error).toMatch(/^4 of 4: /);
    expect(dns.error?.match(/executable file not found/g)).toHaveLength(4);
    for (const name of ['web', 'plain']) {
      const label = `"${id}-${name}" (${ids[name]!.slice(0, 12)})`;
      // Podman runs the exec and answers the shell's 127 with runc's "executable file not found".
      expect(dns.error).toContain(`${label}: ipconfig /all exited with code 127: `);
      expect(dns.error).toContain(
        `${label}: cmd /c type C:\\Windows\\System32\\drivers\\etc\\hosts exited with code 127: `,
      );
    }
    expect(raw.files.has(`containers/${ids.web}/ipconfig.txt`)).toBe(false);
  });

  it('container.dns: pointed at commands the image has, it keeps both files of each running container', async () => {
    const results = await collectHost(
      { dockerHost: engine!.host, noPowerShell: true, out: join(dir, 'dns.zip'), timeoutMs: 30_000 },
      () => undefined,
      {
        ...localEnvironment(),
        // What ipconfig /all and the hosts file tell on Windows, busybox keeps in these two files.
        containerCommands: {
          'containers/{id}/ipconfig.txt': ['cat', '/etc/resolv.conf'],
          'containers/{id}/hosts.txt': ['cat', '/etc/hosts'],
        },
      },
    );
    const written = results[0]!;
    if (written.kind !== 'written') throw new Error(written.error);
    const bundle = await readBundle(written.bundle.path);
    const dns = written.runs.find((r) => r.id === 'container.dns')!;
    expect(dns.status, dns.error).toBe('ok');
    for (const name of ['web', 'plain']) {
      expect(read(bundle, `containers/${ids[name]}/ipconfig.txt`)).toMatch(/^nameserver /m);
      expect(read(bundle, `containers/${ids[name]}/hosts.txt`)).toMatch(/\blocalhost\b/);
    }
    expect(bundle.files.has(`containers/${ids.stopped}/hosts.txt`)).toBe(false);
    // The reader accepts the bundle and the model still reads the containers beside the new files.
    expect(known(buildHostModel(bundle).containers).map((c) => c.id)).toEqual(
      expect.arrayContaining([ids.web, ids.plain]),
    );
  });

  it('docker.images: the image the containers use, inspected, with Os and Architecture and no Windows version', () => {
    const imageId = container('web').imageId!;
    const image = known(model.images).find((i) => i.id === imageId.toLowerCase());
    expect(image).toMatchObject({ os: 'linux', osVersion: null, osVersionRejected: null });
    expect(image!.repoTags.some((t) => t.endsWith(TEST_IMAGE))).toBe(true);
    expect(image!.architecture).toMatch(/\S/);
    expect(image!.size).toBeGreaterThan(0);
  });

  it('has the user network with its subnet and the named volume', () => {
    const net = known(model.networks).find((n) => n.name === `${id}-net`);
    expect(net?.subnets[0]).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+$/);
    expect(known(model.volumes).map((v) => v.name)).toContain(`${id}-data`);
  });

  it('reports progress for every docker probe, started then finished', () => {
    for (const probe of DOCKER_PROBE_IDS) {
      const mine = events.filter((e) => e.id === probe);
      expect(
        mine.map((e) => e.kind),
        probe,
      ).toEqual(['started', 'finished']);
    }
  });

  it('keeps env values only when asked', async () => {
    const results = await collectHost({
      dockerHost: engine!.host,
      noPowerShell: true,
      keepEnv: true,
      out: join(dir, 'kept'),
    });
    const kept = results[0]!;
    if (kept.kind !== 'written') throw new Error(kept.error);
    const inspects = JSON.parse(read(await readBundle(kept.bundle.path), 'docker/containers.json')) as {
      Id: string;
      Config: { Env: string[] };
    }[];
    expect(inspects.find((c) => c.Id === ids.web)?.Config.Env).toContain(`SECRET_TOKEN=${secret}`);
  });

  it('cancelled, it rejects with the reason and leaves no bundle', async () => {
    const controller = new AbortController();
    const out = join(dir, 'cancelled.zip');
    const pending = collectHost(
      { dockerHost: engine!.host, noPowerShell: true, out, signal: controller.signal },
      (e) => {
        if (e.kind === 'started' && e.id === 'docker.containers')
          controller.abort(new Error('user cancelled'));
      },
    );
    await expect(pending).rejects.toThrow('user cancelled');
    expect(readdirSync(dir).filter((n) => n.includes('cancelled'))).toEqual([]);
  });
});
