// Which PowerShell the runner starts, decided from the caller's choice, NODE_POWERSHELL, the platform, PATH
// and the .NET global tool folder (real files in a temporary folder stand for installed executables).
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findPowerShell } from '../../../src/collect/powershell/executable';
import { tempDir } from './pwsh-test-kit';

const dir = tempDir('executable');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function executable(path: string, mode = 0o755): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, mode);
  return path;
}

describe('findPowerShell', () => {
  const home = join(dir, 'home');
  const tool = executable(join(home, '.dotnet', 'tools', 'pwsh'));
  const onPath = executable(join(dir, 'bin', 'pwsh'));
  executable(join(dir, 'not-executable', 'pwsh'), 0o644);

  it("takes the caller's executable as given, even where it does not exist (the spawn then says ENOENT)", () => {
    expect(findPowerShell({ executable: '/nowhere/pwsh', env: { NODE_POWERSHELL: onPath } })).toEqual({
      kind: 'found',
      path: '/nowhere/pwsh',
      why: 'given',
    });
  });

  it('then NODE_POWERSHELL, then Windows PowerShell on Windows', () => {
    expect(
      findPowerShell({
        env: { NODE_POWERSHELL: '/opt/pwsh', PATH: join(dir, 'bin') },
        platform: 'linux',
        homeDir: home,
      }),
    ).toMatchObject({ path: '/opt/pwsh', why: 'NODE_POWERSHELL' });
    expect(findPowerShell({ env: { PATH: join(dir, 'bin') }, platform: 'win32', homeDir: home })).toEqual({
      kind: 'found',
      path: 'powershell.exe',
      why: 'Windows PowerShell',
    });
  });

  it('elsewhere: the first executable pwsh on PATH, skipping files that are not executable', () => {
    const path = ['', join(dir, 'not-executable'), join(dir, 'bin')].join(delimiter);
    expect(findPowerShell({ env: { PATH: path }, platform: 'linux', homeDir: home })).toEqual({
      kind: 'found',
      path: onPath,
      why: 'pwsh on PATH',
    });
  });

  it('then the .NET global tool, else none, with what was tried', () => {
    expect(findPowerShell({ env: { PATH: join(dir, 'empty') }, platform: 'linux', homeDir: home })).toEqual({
      kind: 'found',
      path: tool,
      why: '.NET global tool',
    });
    const nobody = join(dir, 'nobody');
    expect(findPowerShell({ env: {}, platform: 'darwin', homeDir: nobody })).toEqual({
      kind: 'none',
      tried: ['NODE_POWERSHELL', 'pwsh on PATH', join(nobody, '.dotnet', 'tools', 'pwsh')],
    });
  });
});
