// Whether this machine is a Windows container host: the one platform question the desktop app asks.

import { existsSync } from 'node:fs';

// Docker on Windows listens on this named pipe by default (dockerd --help, -H npipe://).
const DOCKER_PIPE = '\\\\.\\pipe\\docker_engine';

export function isWindowsContainerHost(): boolean {
  return process.platform === 'win32' && existsSync(DOCKER_PIPE);
}
