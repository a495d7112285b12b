// `hostscope explain ... --test` (issue 14): on a bundle of this machine the real PowerShell runner connects to
// 127.0.0.1 (on a port the test listens on), saves checks/*.json into the bundle and shows the
// observation first; on a bundle of another computer it refuses and says where to run it.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explain } from '../support/cli';
import { acceptingListener, type AcceptingListener } from '../support/listener';
import { liveBundle } from '../support/live-bundle';
import { hasPwsh } from '../collect/powershell/pwsh-test-kit';

let dir = '';
let listener: AcceptingListener | null = null;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hostscope-cli-test-'));
  listener = await acceptingListener();
});
afterAll(() => {
  listener?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('explain --test', () => {
  it('refuses a bundle of another computer, and --test without an inbound TCP question', async () => {
    const other = await explain(
      liveBundle(dir, 'CONTAINERHOST99'),
      'portainer',
      { from: 'host-localhost', port: '9000' },
      '--test',
    );
    expect(other.code).toBe(2);
    expect(other.err).toContain('collected on CONTAINERHOST99, not on');
    expect(other.err).toContain('--computer CONTAINERHOST99');
    const outbound = await explain(
      liveBundle(dir, hostname()),
      'portainer',
      { to: 'host', port: '2375' },
      '--test',
    );
    expect(outbound.code).toBe(2);
    const udp = await explain(
      liveBundle(dir, hostname()),
      'portainer',
      { from: 'host-localhost', port: '9000/udp' },
      '--test',
    );
    expect(udp.code).toBe(0);
    expect(udp.err).toMatch(/^Not tested: UDP is not decidable by a connect/);
  });

  it.skipIf(!hasPwsh())(
    'connects for real, saves the check and says the inference was wrong first',
    async () => {
      const { port } = listener!;
      const path = liveBundle(dir, hostname(), port);
      const run = await explain(
        path,
        'portainer',
        { from: 'host-localhost', port: String(port) },
        '--test',
        '--timeout',
        '2',
      );
      expect(run.code).toBe(0);
      expect(run.out.split('\n')[0]).toMatch(/^Hostscope expected this to fail at "/);
      expect(run.out).toContain('The facts the inference used:');
      expect(run.out).toContain(`REACHABLE  portainer on ${port}/tcp`);
      const files = readdirSync(join(path, 'checks'));
      expect(files).toHaveLength(1);
      expect(run.err).toContain(`Saved checks/${files[0]}`);
      const json = await explain(path, 'portainer', { from: 'host-localhost', port: String(port) }, '--json');
      expect(JSON.parse(json.out)).toMatchObject({
        verdict: 'reachable',
        observation: { outcome: 'connected', inferred: 'unreachable' },
      });
    },
    120_000,
  );
});
