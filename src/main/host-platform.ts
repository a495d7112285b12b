// Whether this machine is a Windows container host, so the app offers to collect from it.

import { existsSync } from 'node:fs';
import { isWindows } from '../collect/platform';

// Docker on Windows listens on this named pipe by default (dockerd --help, -H npipe://).
const DOCKER_PIPE = '\\\\.\\pipe\\docker_engine';

export function isWindowsContainerHost(): boolean {
  return isWindows && existsSync(DOCKER_PIPE);
}
