// A remote engine on 2376 speaks TLS and wants a client certificate. A TLS terminator in front of the real
// engine, with certificates made by openssl, checks both directions: the engine's certificate is verified
// against ca.pem, and ours is sent.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectDocker } from '../../../src/collect/docker/collect-docker';
import { resolveDockerEndpoint } from '../../../src/collect/docker/endpoint';
import { realPart } from '../../helpers/real';
import { findTestEngine } from './test-engine';

const engine = await findTestEngine();
const openssl = engine === null ? false : realPart('openssl', opensslMissing());

// Made when the tests run, not when they skip (hooks of a skipped suite do not run to clean up).
let dir = '';

function opensslMissing(): string | null {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return null;
  } catch (error) {
    return `the openssl command does not run: ${(error as Error).message}`;
  }
}

/** A CA, and a certificate it signs for `name` (server: localhost and 127.0.0.1; client: clientAuth). */
function makeCa(dir: string): void {
  mkdirSync(dir, { recursive: true });
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=hostscope test CA',
      '-keyout',
      join(dir, 'ca-key.pem'),
      '-out',
      join(dir, 'ca.pem'),
    ],
    { stdio: 'ignore' },
  );
}

function sign(caDir: string, outDir: string, name: 'server' | 'client', prefix: string): void {
  mkdirSync(outDir, { recursive: true });
  const key = join(outDir, `${prefix}key.pem`);
  const csr = join(outDir, `${prefix}req.csr`);
  const ext = join(outDir, `${prefix}ext.cnf`);
  writeFileSync(
    ext,
    name === 'server'
      ? 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n'
      : 'extendedKeyUsage=clientAuth\n',
  );
  execFileSync(
    'openssl',
    [
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      `/CN=${name === 'server' ? 'localhost' : 'hostscope-client'}`,
      '-keyout',
      key,
      '-out',
      csr,
    ],
    { stdio: 'ignore' },
  );
  execFileSync(
    'openssl',
    [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      join(caDir, 'ca.pem'),
      '-CAkey',
      join(caDir, 'ca-key.pem'),
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      ext,
      '-out',
      join(outDir, `${prefix}cert.pem`),
    ],
    { stdio: 'ignore' },
  );
}

describe.skipIf(engine === null || !openssl)('a TLS engine with client certificates', () => {
  let ca = '';
  let client = '';
  let otherCa = '';
  let server: Server;
  let port = 0;
  const peers: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hostscope-tls-'));
    ca = join(dir, 'ca');
    client = join(dir, 'client');
    otherCa = join(dir, 'other-ca');
    makeCa(ca);
    makeCa(otherCa);
    sign(ca, join(dir, 'server'), 'server', '');
    sign(ca, client, 'client', '');
    // The docker CLI's layout: ca.pem beside the client's cert.pem and key.pem.
    writeFileSync(join(client, 'ca.pem'), readFileSync(join(ca, 'ca.pem')));
    writeFileSync(join(otherCa, 'cert.pem'), readFileSync(join(client, 'cert.pem')));
    writeFileSync(join(otherCa, 'key.pem'), readFileSync(join(client, 'key.pem')));
    server = createServer(
      {
        key: readFileSync(join(dir, 'server', 'key.pem')),
        cert: readFileSync(join(dir, 'server', 'cert.pem')),
        ca: readFileSync(join(ca, 'ca.pem')),
        requestCert: true,
        rejectUnauthorized: true,
      },
      (socket) => {
        peers.push(String(socket.getPeerCertificate().subject?.CN ?? ''));
        const upstream = connect(engine!.socketPath);
        socket.pipe(upstream).pipe(socket);
        socket.on('error', () => upstream.destroy());
        upstream.on('error', () => socket.destroy());
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    port = typeof address === 'object' && address !== null ? address.port : 0;
  }, 60_000);

  afterAll(() => {
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const collect = (input: {
    dockerHost: string;
    tlsCertDir?: string;
    env?: Record<string, string>;
  }): ReturnType<typeof collectDocker> =>
    collectDocker({
      endpoint: resolveDockerEndpoint({ env: {}, platform: 'posix', homeDir: dir, ...input }),
      timeoutMs: 15_000,
    });

  it('collects through --tls-cert-dir, verifying the engine and presenting our certificate', async () => {
    const runs = await collect({ dockerHost: `tcp://localhost:${port}`, tlsCertDir: client });
    expect(runs.find((r) => r.id === 'docker.version')).toMatchObject({ status: 'ok' });
    expect(runs.find((r) => r.id === 'docker.containers')).toMatchObject({ status: 'ok' });
    expect(peers).toContain('hostscope-client');
  });

  it('collects through DOCKER_TLS_VERIFY and DOCKER_CERT_PATH', async () => {
    const runs = await collect({
      dockerHost: `tcp://127.0.0.1:${port}`,
      env: { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: client },
    });
    expect(runs.find((r) => r.id === 'docker.info')).toMatchObject({ status: 'ok' });
  });

  it('refuses an engine whose certificate its CA did not sign, and says to check the certificates', async () => {
    const runs = await collect({ dockerHost: `tcp://localhost:${port}`, tlsCertDir: otherCa });
    expect(runs[0]).toMatchObject({
      id: 'docker.version',
      status: 'failed',
      error: expect.stringMatching(/tcp:\/\/localhost:\d+ \(TLS\): .*(TLS failed|certificate)/),
    });
  });

  it('names the file when the cert folder lacks ca.pem', async () => {
    const runs = await collect({ dockerHost: `tcp://localhost:${port}`, tlsCertDir: join(dir, 'nowhere') });
    for (const run of runs)
      expect(run).toMatchObject({
        status: 'failed',
        error: expect.stringContaining(`cannot read TLS file ${join(dir, 'nowhere', 'ca.pem')}`),
      });
  });
});
