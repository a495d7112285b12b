import { describe, expect, it } from 'vitest';
import { buildHostModel } from '../../../src/core/host-model';
import type { Known } from '../../../src/shared/model';
import { fixture, rawBundle } from '../../support/raw-bundle';

function known<T>(k: Known<T> | null): T {
  if (!k || k.kind !== 'known') throw new Error(`expected known: ${k?.reason ?? 'null'}`);
  return k.value;
}

const PORTAINER = '3f1c2a9b8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a';

describe('docker/containers.json', () => {
  const model = buildHostModel(
    rawBundle({
      'docker/containers.json': fixture('containers-windows-2016.json'),
      [`docker/top/${PORTAINER}.json`]: fixture('docker-top-windows.json'),
    }),
  );
  const [portainer, task] = known(model.containers);

  it('maps identity, image, state, the network endpoint and "default" network mode as nat', () => {
    expect(portainer).toMatchObject({
      id: PORTAINER,
      name: 'portainer',
      image: 'portainer/portainer',
      state: 'running',
      isolationRequested: 'process',
      networkMode: 'nat',
    });
    expect(portainer!.networks).toEqual([
      {
        name: 'nat',
        networkId: 'c'.repeat(64),
        ip: '172.24.80.2',
        ipv6: null,
        gateway: '172.24.80.1',
        mac: '00:15:5d:3a:1b:2c',
        endpointId: 'd'.repeat(64),
      },
    ]);
    expect(portainer!.graphDriverDir).toBe(`C:\\ProgramData\\docker\\windowsfilter\\${PORTAINER}`);
  });

  it('merges live NetworkSettings.Ports with HostConfig.PortBindings, dynamic ports resolved, unbound ports left out', () => {
    expect(portainer!.publishedPorts).toEqual([
      { containerPort: 9000, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 9000, origin: 'both' },
      {
        containerPort: 8000,
        protocol: 'tcp',
        hostIp: '0.0.0.0',
        hostPort: 49153,
        origin: 'network-settings',
      },
    ]);
  });

  it('keeps a host port range as data (hostPort its first port) rather than dropping the binding', () => {
    // `-p 8080-8090:80 -p 127.0.0.1:9000:9000 -p 7000-7000:7000/udp`, as the engine stores it after refusing the range.
    const ranged = known(
      buildHostModel(
        rawBundle({ 'docker/containers.json': fixture('containers-port-range-and-host-ip.json') }),
      ).containers,
    );
    expect(ranged[0]!.publishedPorts).toEqual([
      {
        containerPort: 80,
        protocol: 'tcp',
        hostIp: '0.0.0.0',
        hostPort: 8080,
        hostPortRange: { start: 8080, end: 8090 },
        origin: 'port-bindings',
      },
      { containerPort: 9000, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 9000, origin: 'port-bindings' },
      { containerPort: 7000, protocol: 'udp', hostIp: '0.0.0.0', hostPort: 7000, origin: 'port-bindings' },
    ]);
  });

  it('keeps environment names only, never values', () => {
    expect(portainer!.envNames).toEqual(['ADMIN_PASSWORD', 'PATH']);
    expect(JSON.stringify(model)).not.toContain('<redacted>');
  });

  it('reads mounts, labels and swarm task labels', () => {
    expect(portainer!.mounts).toEqual([
      {
        type: 'bind',
        name: null,
        source: 'C:\\ProgramData\\Containers\\Portainer',
        destination: 'c:\\data',
        readOnly: false,
      },
    ]);
    expect(portainer!.labels).toEqual([{ name: 'com.example.note', value: '<b>hi</b>' }]);
    expect(task!.swarm).toEqual({
      serviceName: 'web',
      serviceId: 'svc1',
      taskId: 'k2x9q0m3n4b5v6c7x8z9a0s1d',
    });
    expect(task!.isolationRequested).toBeNull();
  });

  it('attaches docker top rows in the Windows form, with host PIDs as numbers', () => {
    expect(known(portainer!.top)).toEqual([
      { name: 'smss.exe', pid: 4012, cpu: '00:00:00.093', memory: '225.3kB' },
      { name: 'CExecSvc.exe', pid: 2840, cpu: '00:00:00.187', memory: '757.8kB' },
      { name: 'portainer.exe', pid: 3632, cpu: '00:00:01.234', memory: '12.3MB' },
    ]);
    // The task container is running but its top was not collected: unknown, with the reason.
    expect(task!.top).toMatchObject({
      kind: 'unknown',
      reason: expect.stringContaining(`docker/top/${'9'.repeat(64)}.json not collected`),
    });
  });

  it('splits the unsplit rows Podman returns for Docker-style ps arguments', () => {
    const m = buildHostModel(
      rawBundle({
        'docker/containers.json': fixture('containers-windows-2016.json'),
        [`docker/top/${PORTAINER}.json`]: fixture('docker-top-podman-unsplit.json'),
      }),
    );
    expect(known(known(m.containers)[0]!.top)).toEqual([
      { name: 'sh -c sleep 3600', pid: 1, cpu: null, memory: null },
    ]);
  });
});

describe('docker/images.json (docker.images, issue 16)', () => {
  const id = (c: string): string => `sha256:${c.repeat(64)}`;
  const read = (images: unknown): ReturnType<typeof buildHostModel> =>
    buildHostModel(rawBundle({ 'docker/images.json': new TextEncoder().encode(JSON.stringify(images)) }));

  it('reads Os, OsVersion into its parts, Architecture, Size, tags; keys in any case', () => {
    const model = read([
      {
        Id: id('a'),
        RepoTags: ['mcr.microsoft.com/windows/servercore:ltsc2022'],
        Os: 'windows',
        OsVersion: '10.0.20348.2700',
        Architecture: 'amd64',
        Size: 4831838208,
        Created: '2026-10-01T00:00:00Z',
      },
      { id: id('b'), repotags: null, os: 'linux', architecture: 'arm64' },
    ]);
    expect(known(model.images)).toEqual([
      {
        id: id('a'),
        repoTags: ['mcr.microsoft.com/windows/servercore:ltsc2022'],
        os: 'windows',
        osVersion: { major: 10, minor: 0, build: 20348, revision: 2700 },
        osVersionRejected: null,
        architecture: 'amd64',
        size: 4831838208,
        created: '2026-10-01T00:00:00Z',
      },
      {
        id: id('b'),
        repoTags: [],
        os: 'linux',
        osVersion: null,
        osVersionRejected: null,
        architecture: 'arm64',
        size: null,
        created: null,
      },
    ]);
  });

  it('a hostile OsVersion leaves only that image build unknown, kept short for the message', () => {
    const model = read([
      { Id: id('c'), Os: 'windows', OsVersion: `10.0.20348; Remove-Item C:\\ ${'x'.repeat(500)}` },
    ]);
    const [image] = known(model.images);
    expect(image!.osVersion).toBeNull();
    expect(image!.osVersionRejected).toMatch(/^10\.0\.20348; Remove-Item/);
    expect(image!.osVersionRejected!.length).toBeLessThanOrEqual(64);
  });

  it('an id that is not sha256:<hex> makes the file invalid, naming the field', () => {
    const model = read([{ Id: '../../etc/passwd', OsVersion: '10.0.17763.1' }]);
    expect(model.images.kind).toBe('unknown');
    const outcome = model.probes.find((p) => p.id === 'docker.images')!;
    expect(outcome.status).toBe('invalid');
    expect(outcome.detail).toMatch(/docker\/images\.json.*\[0\]\.Id.*sha256/);
    // Only what depended on it: no other probe is marked invalid.
    expect(model.probes.filter((p) => p.status === 'invalid').map((p) => p.id)).toEqual(['docker.images']);
  });
});
