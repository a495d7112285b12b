// Windows PowerShell 5.1 is what Server 2016/2019 run, and it cannot be run here: every script that may run
// there is parsed by real PowerShell and checked for what only PowerShell 6+ knows. The same run shows the
// checker catching each construct in a file made for it, so a clean result means something.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROBES } from '../../../src/shared/bundle';
import { REPO, STAND_INS, hasPwsh, pwsh, tempDir } from './pwsh-test-kit';

const run = hasPwsh();
const dir = tempDir('ps51');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Finding {
  readonly File: string;
  readonly Line: number;
  readonly Rule: string;
}

const SHIPPED = [
  join(REPO, 'resources', 'collect.ps1'),
  join(REPO, 'resources', 'invoke-probe.ps1'),
  join(REPO, 'resources', 'runner-bridge.ps1'),
  ...readdirSync(join(REPO, 'resources', 'probes'))
    .filter((f) => f.endsWith('.ps1'))
    .map((f) => join(REPO, 'resources', 'probes', f)),
];

describe.runIf(run)('Windows PowerShell 5.1 compatibility of the shipped scripts', () => {
  it('the checker finds each PowerShell 7 construct and a broken probe contract; the shipped scripts have none', () => {
    const bad = join(dir, 'probes', 'host.pwsh7-only.ps1');
    mkdirSync(join(dir, 'probes'));
    writeFileSync(
      bad,
      [
        '$a = $x ? 1 : 2',
        '$b = $x ?? 3',
        '$c ??= 4',
        '$d = ${x}?.Name',
        'Get-Item . && Get-Item ..',
        '1..3 | ForEach-Object -Parallel { $_ }',
        '$e = ConvertTo-Json $x -EnumsAsStrings',
        '$f = ConvertFrom-Json $t -AsHashtable',
        'Set-Content -Path x -Value y -Encoding utf8NoBOM',
        'Join-Path a b c',
        'if ($IsWindows) { Test-Json -Json "{}" }',
        'Invoke-Command -HostName h { 1 }',
      ].join('\n'),
    );
    const out = execFileSync(
      pwsh!,
      [
        '-NoProfile',
        '-NonInteractive',
        '-File',
        join(STAND_INS, 'check-ps51-compat.ps1'),
        '-Path',
        [bad, ...SHIPPED].join(delimiter),
      ],
      { encoding: 'utf8' },
    );
    const findings = JSON.parse(out) as Finding[];
    const caught = findings.filter((f) => f.File === bad);
    // Line 1 twice: the ternary, and the contract (the first statement is not $ErrorActionPreference = 'Stop').
    expect(caught.map((f) => f.Line).sort((x, y) => x - y)).toEqual([
      1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 11, 12,
    ]);
    expect(caught.map((f) => f.Rule)).toContain(
      "probe contract: the first statement must be $ErrorActionPreference = 'Stop'",
    );
    expect(findings.filter((f) => f.File !== bad)).toEqual([]);
    // Every PowerShell probe of the catalogue was checked, the bundle 1.1 ones included.
    expect(SHIPPED.filter((f) => f.includes(join('resources', 'probes')))).toHaveLength(
      PROBES.filter((p) => p.kind === 'powershell').length,
    );
  });
});
