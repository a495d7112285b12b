// The runner's outcomes in real PowerShell: unsupported where a command is missing, timeout with a fresh shell
// for the next probe, ENOENT without an unhandled rejection, contract violations, and values that stay values.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { probesDir } from '../../../src/collect/resources';
import { runPowerShellProbes } from '../../../src/collect/powershell/probe-runner';
import { hasPwsh, pwsh, running, standIns, tempDir, text } from './pwsh-test-kit';

const run = hasPwsh();
const dir = tempDir('runner');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A name that runs code wherever it is spliced into PowerShell text: closing a single-quoted string, a
// subexpression inside a double-quoted one, or a new line. Each variant writes the canary file.
const HOSTILE =
  `x'; Remove-Item C:\\ -Recurse; [IO.File]::WriteAllText($env:HOSTSCOPE_CANARY, 'quote'); '` +
  `"$([IO.File]::WriteAllText($env:HOSTSCOPE_CANARY, 'subexpression'))"` +
  `\n[IO.File]::WriteAllText($env:HOSTSCOPE_CANARY, 'newline') #`;

describe.runIf(run)('runPowerShellProbes in real PowerShell', () => {
  it('a missing command is unsupported, with the reason; a probe that finds nothing to write is ok', async () => {
    const programData = join(dir, 'empty-program-data');
    mkdirSync(programData, { recursive: true });
    // No stand-ins: on this machine none of the Windows cmdlets exist.
    const runs = await runPowerShellProbes({
      executable: pwsh!,
      probeIds: ['host.hns.networks', 'host.vhds', 'host.tcp', 'host.docker.config'],
      env: { ...process.env, ProgramData: programData },
    });
    expect(runs.map((r) => [r.id, r.status, r.error])).toEqual([
      [
        'host.hns.networks',
        'unsupported',
        expect.stringMatching(/^Get-HnsNetwork is not available: no HNS PowerShell module is loaded/),
      ],
      [
        'host.vhds',
        'unsupported',
        expect.stringMatching(/^Get-VHD is not available: the Hyper-V PowerShell module is not installed/),
      ],
      // No check in the script: the caller maps CommandNotFoundException.
      [
        'host.tcp',
        'unsupported',
        'Get-NetTCPConnection is not available on this host (its module is not installed, or this is not Windows)',
      ],
      // No daemon.json at all: the probe ran and had nothing to write.
      ['host.docker.config', 'ok', undefined],
    ]);
    expect(runs.find((r) => r.id === 'host.docker.config')!.files).toEqual([]);
  });

  it('a probe that hangs times out, its shell is ended, and the next probe runs in a fresh one', async () => {
    const pidFile = join(dir, 'hung.pid');
    const started = performance.now();
    const runs = await runPowerShellProbes({
      executable: pwsh!,
      probeIds: ['host.natsessions', 'host.natmappings'],
      importModules: standIns('server-2019-nat-host.ps1', 'hanging-nat-sessions.ps1'),
      timeoutMs: 2500,
      env: { ...process.env, HOSTSCOPE_HANG_PID_FILE: pidFile },
    });
    const elapsed = performance.now() - started;
    expect(runs[0]).toMatchObject({
      id: 'host.natsessions',
      status: 'timeout',
      files: [],
      error: expect.stringContaining('no result within 2.5 s'),
    });
    expect(runs[0]!.durationMs).toBeGreaterThanOrEqual(2500);
    // The hung shell sleeps for an hour: this answer can only come from a new one.
    expect(runs[1]).toMatchObject({ id: 'host.natmappings', status: 'ok' });
    expect(text(runs[1], 'host/netnat-static.json')).toContain('"ExternalPort": 8080');
    expect(elapsed).toBeLessThan(20_000);
    // The PowerShell that hung is gone, not orphaned behind a launcher.
    const hungPid = Number(readFileSync(pidFile, 'utf8'));
    expect(hungPid).toBeGreaterThan(0);
    for (let i = 0; i < 50 && running(hungPid); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(running(hungPid)).toBe(false);
  });

  it('cancelled while its start-up hangs, the shell is ended with what it runs, before it said its $PID', async () => {
    const pidFile = join(dir, 'start-hung.pid');
    const module = join(dir, 'hanging-import.ps1');
    writeFileSync(
      module,
      `[IO.File]::WriteAllText('${pidFile.replace(/'/g, "''")}', [string]$PID)\nStart-Sleep -Seconds 3600\n`,
    );
    const controller = new AbortController();
    const runs = runPowerShellProbes({
      executable: pwsh!,
      probeIds: ['host.os'],
      importModules: [module],
      signal: controller.signal,
    });
    // WriteAllText creates the file before it writes the number: wait for the number, not the file.
    const written = (): boolean => existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== '';
    for (let i = 0; i < 500 && !written(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    const hungPid = Number(readFileSync(pidFile, 'utf8'));
    expect(hungPid).toBeGreaterThan(0);
    controller.abort();
    expect((await runs).map((r) => [r.id, r.status])).toEqual([['host.os', 'skipped']]);
    for (let i = 0; i < 100 && running(hungPid); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(running(hungPid)).toBe(false);
  });

  describe('with a hostile folder name, module path and computer name', () => {
    const canary = join(dir, 'canary.txt');
    let previous: string | undefined;
    beforeEach(() => {
      previous = process.env.HOSTSCOPE_CANARY;
      process.env.HOSTSCOPE_CANARY = canary;
    });
    afterEach(() => {
      if (previous === undefined) delete process.env.HOSTSCOPE_CANARY;
      else process.env.HOSTSCOPE_CANARY = previous;
      expect(existsSync(canary) ? readFileSync(canary, 'utf8') : 'no canary').toBe('no canary');
    });

    it('runs probes from a folder whose name is code, and holds probes to the contract', async () => {
      const hostileDir = join(dir, HOSTILE);
      mkdirSync(hostileDir, { recursive: true });
      copyFileSync(join(probesDir(), 'host.natmappings.ps1'), join(hostileDir, 'host.natmappings.ps1'));
      const module = join(hostileDir, 'stand-in.ps1');
      copyFileSync(join(standIns('server-2019-nat-host.ps1')[1]!), module);
      // Probes that break the contract in each way a caller must catch.
      const probe = (id: string, body: string): void =>
        writeFileSync(join(hostileDir, `${id}.ps1`), `$ErrorActionPreference = 'Stop'\n${body}\n`);
      probe('host.netnat', `@{ Status = 'ok'; Files = @(@{ Path = '../../escape.json'; Text = 'x' }) }`);
      probe('host.tcp', `throw 'the firewall service is not running'`);
      probe('host.udp', `Write-Host 'progress text on the host'; $null`);
      probe(
        'host.adapters',
        `@{ Status = 'ok'; Files = @(@{ Path = 'host/adapters.json'; Base64 = 'not base64 at all!' }) }`,
      );
      probe('host.netstat', `@{ Status = 'maybe' }`);
      // A probe may write one of its declared files (bundle 1.1: the JSON or hnsdiag's text), but not another
      // probe's file, and not one file twice.
      probe(
        'host.hns.endpoints',
        `@{ Status = 'ok'; Files = @(@{ Path = 'host/hnsdiag-endpoints.txt'; Text = 'Endpoint : 1' }) }`,
      );
      probe(
        'host.hns.networks',
        `@{ Status = 'ok'; Files = @(@{ Path = 'host/hns-endpoints.json'; Text = '[]' }) }`,
      );
      probe(
        'host.routes',
        `@{ Status = 'ok'; Files = @(@{ Path = 'host/routes.json'; Text = '[]' }, @{ Path = 'host/routes.json'; Text = '[1]' }) }`,
      );
      const runs = await runPowerShellProbes({
        executable: pwsh!,
        probesDir: hostileDir,
        importModules: [standIns()[0]!, module],
        probeIds: [
          'host.natmappings',
          'host.netnat',
          'host.tcp',
          'host.udp',
          'host.adapters',
          'host.netstat',
          'host.hns.endpoints',
          'host.hns.networks',
          'host.routes',
        ],
        timeoutMs: 30_000,
      });
      expect(runs.map((r) => [r.id, r.status])).toEqual([
        ['host.natmappings', 'ok'],
        ['host.netnat', 'failed'],
        ['host.tcp', 'failed'],
        ['host.udp', 'failed'],
        ['host.adapters', 'failed'],
        ['host.netstat', 'failed'],
        ['host.hns.endpoints', 'ok'],
        ['host.hns.networks', 'failed'],
        ['host.routes', 'failed'],
      ]);
      const error = (id: string): string | undefined => runs.find((r) => r.id === id)!.error;
      expect(error('host.netnat')).toBe(
        'the probe returned a file named "../../escape.json", which is not one of its bundle files (host/netnat.json)',
      );
      expect(error('host.tcp')).toBe('the firewall service is not running');
      expect(error('host.udp')).toBe('the probe returned no result object');
      expect(error('host.adapters')).toBe(
        'the probe returned host/adapters.json without valid Text or Base64 content',
      );
      expect(error('host.netstat')).toBe("the probe returned status 'maybe', not ok or unsupported");
      expect(runs.find((r) => r.id === 'host.hns.endpoints')!.files.map((f) => f.path)).toEqual([
        'host/hnsdiag-endpoints.txt',
      ]);
      expect(error('host.hns.networks')).toBe(
        'the probe returned a file named "host/hns-endpoints.json", which is not one of its bundle files (host/hns-networks.json): it belongs to host.hns.endpoints',
      );
      expect(error('host.routes')).toBe('the probe returned host/routes.json twice');
      expect(existsSync(join(dir, 'escape.json'))).toBe(false);
    });

    it('passes a computer name that is code to Invoke-Command as a value', async () => {
      const runs = await runPowerShellProbes({
        executable: pwsh!,
        probeIds: ['host.os', 'host.tcp'],
        computer: HOSTILE,
        connectTimeoutMs: 30_000,
      });
      for (const r of runs) {
        expect(r.status).toBe('failed');
        // The name arrives whole, as data, in PowerShell's own error about it.
        expect(r.error).toContain(`could not connect to '${HOSTILE}' over winrm: `);
      }
    });
  });
});

describe('runPowerShellProbes without a PowerShell', () => {
  it('a missing executable fails every probe with ENOENT and what to do, without an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const runs = await runPowerShellProbes({
        executable: join(dir, 'no-such-pwsh'),
        probeIds: ['host.os', 'host.tcp', 'host.udp'],
      });
      expect(runs.map((r) => r.status)).toEqual(['failed', 'failed', 'failed']);
      for (const r of runs)
        expect(r.error).toMatch(
          /did not start: the executable was not found \(spawn ENOENT\)\. Install PowerShell 7 \(pwsh\), or set NODE_POWERSHELL/,
        );
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('an id that is not a PowerShell probe, or whose script is missing, fails without starting a shell', async () => {
    const runs = await runPowerShellProbes({
      executable: join(dir, 'no-such-pwsh'),
      probeIds: ['docker.version', 'host.nope'],
      probesDir: join(dir, 'empty'),
    });
    expect(runs).toEqual([
      {
        id: 'docker.version',
        status: 'failed',
        files: [],
        durationMs: 0,
        error: 'docker.version is not a PowerShell probe of bundle v1',
      },
      {
        id: 'host.nope',
        status: 'failed',
        files: [],
        durationMs: 0,
        error: 'host.nope is not a PowerShell probe of bundle v1',
      },
    ]);
    const missing = await runPowerShellProbes({
      executable: join(dir, 'no-such-pwsh'),
      probeIds: ['host.os'],
      probesDir: join(dir, 'empty'),
    });
    expect(missing[0]).toMatchObject({
      status: 'failed',
      error: `the probe script ${join(dir, 'empty', 'host.os.ps1')} does not exist`,
    });
  });

  it('a cancelled collection skips what has not run', async () => {
    const controller = new AbortController();
    controller.abort();
    const runs = await runPowerShellProbes({
      executable: join(dir, 'no-such-pwsh'),
      probeIds: ['host.os', 'host.tcp'],
      signal: controller.signal,
    });
    expect(runs.map((r) => [r.status, r.error])).toEqual([
      ['skipped', 'cancelled'],
      ['skipped', 'cancelled'],
    ]);
  });
});
