// resources/ is found from where the code runs: the TypeScript source (src/collect) and the built CLI
// (out/main/cli.js) are both two levels below the repository root.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { probesDir, resourcesDir } from '../../../src/collect/resources';
import { PROBES } from '../../../src/shared/bundle';
import { REPO } from './pwsh-test-kit';

describe('resourcesDir', () => {
  it('is the repository resources/ folder from the source and from the built CLI', () => {
    expect(resourcesDir()).toBe(join(REPO, 'resources'));
    expect(resourcesDir(pathToFileURL(join(REPO, 'out', 'main', 'cli.js')).href)).toBe(
      join(REPO, 'resources'),
    );
    expect(existsSync(join(resourcesDir(), 'collect.ps1'))).toBe(true);
  });

  it('holds exactly one probe script per PowerShell probe of bundle v1', () => {
    for (const probe of PROBES)
      expect(existsSync(join(probesDir(), `${probe.id}.ps1`)), probe.id).toBe(probe.kind === 'powershell');
  });
});
