// Issue 17, defect 12: the packaged app ships with Electron's fuses flipped so that the binary cannot be used as a
// plain Node.js (ELECTRON_RUN_AS_NODE, NODE_OPTIONS, --inspect) and loads only its own, integrity-checked app.asar
// (https://www.electronjs.org/docs/latest/tutorial/fuses). The app spawns no Node child of itself and loads its
// pages over app:// and data:, never file://, so none of these fuses takes anything it uses.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  build: { electronFuses?: Record<string, boolean> };
};
const require = createRequire(import.meta.url);

describe('electron-builder configuration', () => {
  it('flips the fuses that turn the app binary into a general-purpose runtime off', () => {
    expect(pkg.build.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('names only fuses electron-builder knows (its own configuration schema)', () => {
    const scheme = require('app-builder-lib/scheme.json') as {
      definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
    };
    const known = Object.keys(scheme.definitions.FuseOptionsV1.properties);
    expect(Object.keys(pkg.build.electronFuses ?? {}).filter((k) => !known.includes(k))).toEqual([]);
  });
});
