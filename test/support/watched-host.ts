// A live host to watch in tests: the real collector with the pwsh stand-ins of a Windows Server 2019 host
// (test/fixtures/powershell) and the Podman-served engine for Docker, written into a history folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { localEnvironment, type CollectEnvironment } from '../../src/collect/collect-host';
import { runPowerShellProbes } from '../../src/collect/powershell/probe-runner';
import { SERVER_2019 } from '../collect/powershell/pwsh-test-kit';

/** `dockerHost`: the engine's address (HOSTSCOPE_TEST_DOCKER_HOST); `pwsh`: the real PowerShell to run. */
export function standInHost(dir: string, dockerHost: string, pwsh: string): CollectEnvironment {
  const programData = join(dir, 'ProgramData');
  mkdirSync(join(programData, 'custom'), { recursive: true });
  writeFileSync(join(programData, 'custom', 'daemon.json'), '{ "hosts": ["npipe://"] }\n');
  const env = {
    ...process.env,
    DOCKER_HOST: dockerHost,
    ProgramData: programData,
    COMPUTERNAME: 'CONTAINERHOST01',
  };
  return {
    ...localEnvironment(),
    env,
    hostName: 'CONTAINERHOST01',
    runPowerShell: (request) =>
      runPowerShellProbes({ ...request, executable: pwsh, importModules: SERVER_2019, env }),
  };
}
