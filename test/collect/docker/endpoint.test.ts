import { describe, expect, it } from 'vitest';
import {
  remoteDockerHost,
  resolveDockerEndpoint,
  type EndpointInput,
} from '../../../src/collect/docker/endpoint';

const base: EndpointInput = { env: {}, platform: 'posix', homeDir: '/home/ada' };
const resolve = (patch: Partial<EndpointInput>): ReturnType<typeof resolveDockerEndpoint> =>
  resolveDockerEndpoint({ ...base, ...patch });

describe('resolveDockerEndpoint', () => {
  it('uses the named pipe on Windows and the unix socket elsewhere when nothing is set', () => {
    expect(resolve({ platform: 'windows' })).toEqual({
      kind: 'ok',
      endpoint: { kind: 'socket', path: '//./pipe/docker_engine', url: 'npipe:////./pipe/docker_engine' },
    });
    expect(resolve({})).toEqual({
      kind: 'ok',
      endpoint: { kind: 'socket', path: '/var/run/docker.sock', url: 'unix:///var/run/docker.sock' },
    });
  });

  it('reads DOCKER_HOST, and --docker-host wins over it', () => {
    expect(resolve({ env: { DOCKER_HOST: 'unix:///run/podman/podman.sock' } })).toMatchObject({
      endpoint: { kind: 'socket', path: '/run/podman/podman.sock' },
    });
    expect(resolve({ env: { DOCKER_HOST: 'unix:///a.sock' }, dockerHost: 'unix:///b.sock' })).toMatchObject({
      endpoint: { path: '/b.sock' },
    });
    // An empty variable counts as unset, as in the docker CLI.
    expect(resolve({ env: { DOCKER_HOST: '' }, platform: 'windows' })).toMatchObject({
      endpoint: { path: '//./pipe/docker_engine' },
    });
  });

  it('accepts npipe addresses with forward or back slashes and other pipe names', () => {
    expect(resolve({ dockerHost: 'npipe:////./pipe/docker_engine' })).toMatchObject({
      endpoint: { kind: 'socket', path: '//./pipe/docker_engine' },
    });
    expect(resolve({ dockerHost: 'npipe://\\\\.\\pipe\\dockerDesktopEngine' })).toMatchObject({
      endpoint: { path: '//./pipe/dockerDesktopEngine' },
    });
    expect(resolve({ dockerHost: 'npipe://' })).toMatchObject({
      endpoint: { path: '//./pipe/docker_engine' },
    });
    expect(resolve({ dockerHost: 'npipe://docker_engine' })).toMatchObject({ kind: 'invalid' });
  });

  it('plain tcp: port 2375 by default, no TLS', () => {
    expect(resolve({ dockerHost: 'tcp://10.0.0.5' })).toEqual({
      kind: 'ok',
      endpoint: { kind: 'tcp', host: '10.0.0.5', port: 2375, tls: null, url: 'tcp://10.0.0.5:2375' },
    });
    expect(resolve({ dockerHost: 'node1:2375' })).toMatchObject({
      endpoint: { host: 'node1', port: 2375, tls: null },
    });
  });

  it('TLS from DOCKER_TLS_VERIFY with DOCKER_CERT_PATH, defaulting the port to 2376', () => {
    const r = resolve({
      dockerHost: 'tcp://node1',
      env: { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' },
    });
    expect(r).toEqual({
      kind: 'ok',
      endpoint: {
        kind: 'tcp',
        host: 'node1',
        port: 2376,
        tls: { certDir: '/certs', verify: true },
        url: 'tcp://node1:2376 (TLS)',
      },
    });
  });

  it('TLS on port 2376 with the certificates in ~/.docker when no folder is named', () => {
    expect(resolve({ dockerHost: 'tcp://node1:2376' })).toMatchObject({
      endpoint: { tls: { certDir: '/home/ada/.docker', verify: true } },
    });
    expect(
      resolve({ dockerHost: 'tcp://node1:2376', platform: 'windows', homeDir: 'C:\\Users\\ada' }),
    ).toMatchObject({ endpoint: { tls: { certDir: 'C:\\Users\\ada\\.docker' } } });
  });

  it('an explicit cert folder turns TLS on with verification and wins over DOCKER_CERT_PATH', () => {
    expect(
      resolve({ dockerHost: 'tcp://node1:2375', tlsCertDir: '/mine', env: { DOCKER_CERT_PATH: '/env' } }),
    ).toMatchObject({ endpoint: { port: 2375, tls: { certDir: '/mine', verify: true } } });
  });

  it('DOCKER_TLS without DOCKER_TLS_VERIFY gives TLS without verification, and says so', () => {
    const r = resolve({ dockerHost: 'tcp://node1', env: { DOCKER_TLS: '1' } });
    expect(r).toMatchObject({
      endpoint: { port: 2376, tls: { verify: false }, url: 'tcp://node1:2376 (TLS, not verified)' },
    });
  });

  it('keeps IPv6 literals in brackets', () => {
    expect(resolve({ dockerHost: 'tcp://[fd00::5]:2376' })).toMatchObject({
      endpoint: { host: 'fd00::5', port: 2376, url: 'tcp://[fd00::5]:2376 (TLS)' },
    });
  });

  it('refuses what it cannot use, naming the address', () => {
    for (const bad of [
      'ssh://admin@node1',
      'unix://relative.sock',
      'tcp://node1:99999',
      'tcp://node1:80/extra/path',
      'tcp://',
    ]) {
      const r = resolve({ dockerHost: bad });
      expect(r.kind, bad).toBe('invalid');
      expect(r.kind === 'invalid' && r.message).toContain(bad);
    }
  });

  it('reaches a remote computer on its TLS port', () => {
    expect(remoteDockerHost('node1.corp.example')).toBe('tcp://node1.corp.example:2376');
    expect(resolve({ dockerHost: remoteDockerHost('fd00::7') })).toMatchObject({
      endpoint: { host: 'fd00::7', port: 2376, tls: { verify: true } },
    });
  });
});
