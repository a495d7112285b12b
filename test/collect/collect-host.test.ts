import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  collectHost,
  outPath,
  planCollection,
  type CollectEnvironment,
  type CollectOptions,
} from '../../src/collect/collect-host';

const environment: Omit<CollectEnvironment, 'runPowerShell'> = {
  env: { DOCKER_HOST: 'unix:///run/local.sock', DOCKER_CERT_PATH: '/certs' },
  platform: 'windows',
  homeDir: 'C:\\Users\\ada',
  hostName: 'ADMIN-PC',
  cwd: '/work',
  now: () => new Date('2026-11-29T18:05:09.123Z'),
};

const plan = (options: CollectOptions): ReturnType<typeof planCollection> =>
  planCollection(options, environment);

describe('planCollection', () => {
  it('collects this computer through DOCKER_HOST into a zip named after it', () => {
    expect(plan({})).toEqual({
      kind: 'ok',
      timeoutMs: 60_000,
      targets: [
        {
          computer: 'ADMIN-PC',
          remote: false,
          out: '/work/hostscope-ADMIN-PC-20261129-180509Z.zip',
          docker: {
            kind: 'ok',
            endpoint: { kind: 'socket', path: '/run/local.sock', url: 'unix:///run/local.sock' },
          },
          powershell: true,
        },
      ],
    });
  });

  it('reads each remote computer on its TLS port, never through the local DOCKER_HOST', () => {
    const result = plan({
      computers: ['node1', 'NODE2.corp.example', 'node1'],
      credentialUser: 'CORP\\admin',
      out: 'bundles/site.zip',
    });
    expect(
      result.kind === 'ok' &&
        result.targets.map((t) => [t.computer, t.out, t.docker?.kind === 'ok' && t.docker.endpoint.url]),
    ).toEqual([
      ['node1', '/work/bundles/site-node1.zip', 'tcp://node1:2376 (TLS)'],
      [
        'NODE2.corp.example',
        '/work/bundles/site-NODE2.corp.example.zip',
        'tcp://NODE2.corp.example:2376 (TLS)',
      ],
    ]);
    expect(result.kind === 'ok' && result.targets[0]!.docker).toMatchObject({
      endpoint: { tls: { certDir: '/certs', verify: true } },
    });
  });

  it('takes --docker-host and --tls-cert-dir for a single remote computer', () => {
    const result = plan({
      computers: ['node1'],
      dockerHost: 'tcp://10.1.2.3:2376',
      tlsCertDir: '/mine',
      out: '/b',
    });
    expect(result.kind === 'ok' && result.targets[0]).toMatchObject({
      remote: true,
      out: '/b',
      docker: { endpoint: { host: '10.1.2.3', tls: { certDir: '/mine' } } },
    });
  });

  it('skips what the user turned off', () => {
    const result = plan({ noDocker: true, timeoutMs: 5000 });
    expect(result).toMatchObject({
      kind: 'ok',
      timeoutMs: 5000,
      targets: [{ docker: null, powershell: true }],
    });
    expect(plan({ noPowerShell: true })).toMatchObject({ targets: [{ powershell: false }] });
  });

  it('says why options do not fit together', () => {
    expect(plan({ noDocker: true, noPowerShell: true })).toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('nothing to collect'),
    });
    expect(plan({ credentialUser: 'admin' })).toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('--credential-user needs --computer'),
    });
    expect(plan({ computers: ['a', 'b'], dockerHost: 'tcp://a:2376' })).toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('--docker-host'),
    });
    expect(plan({ computers: ['-ComputerName evil'] })).toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('is not a computer name'),
    });
    expect(plan({ timeoutMs: 0 })).toMatchObject({ kind: 'invalid' });
  });

  it('carries an unusable docker host as an outcome for the docker probes, not as a refusal', () => {
    expect(plan({ dockerHost: 'ssh://node1' })).toMatchObject({
      kind: 'ok',
      targets: [{ docker: { kind: 'invalid' } }],
    });
  });
});

describe('outPath', () => {
  it('adds the computer before .zip or at the end of a folder name when several are collected', () => {
    expect(outPath('out/b.ZIP', 'n1', true, 's', '/w')).toBe('/w/out/b-n1.ZIP');
    expect(outPath('out/b/', 'n1', true, 's', '/w')).toBe('/w/out/b-n1');
    expect(outPath('/abs/b', 'n1', false, 's', '/w')).toBe('/abs/b');
    expect(outPath(undefined, 'fd00::1', false, '20261129-180509Z', '/w')).toBe(
      '/w/hostscope-fd00__1-20261129-180509Z.zip',
    );
  });
});

describe('collectHost remoting', () => {
  it('asks the PowerShell runner for each remote computer with the chosen transport and user', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostscope-remoting-'));
    const requests: unknown[] = [];
    try {
      await collectHost(
        {
          computers: ['node1', 'node2'],
          transport: 'ssh',
          credentialUser: 'CORP\\admin',
          noDocker: true,
          out: join(dir, 'b.zip'),
        },
        () => undefined,
        {
          ...environment,
          cwd: dir,
          runPowerShell: async (request) => {
            requests.push({
              computer: request.computer,
              transport: request.transport,
              user: request.credentialUser,
            });
            return [];
          },
        },
      );
      expect(requests).toEqual(
        expect.arrayContaining([
          { computer: 'node1', transport: 'ssh', user: 'CORP\\admin' },
          { computer: 'node2', transport: 'ssh', user: 'CORP\\admin' },
        ]),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
