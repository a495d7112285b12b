// The one place the node side (collect, service, main, cli) asks which platform it runs on. Code a test runs as
// another platform takes the platform as a parameter instead (findPowerShell, resolveDockerEndpoint).

/** The platform this process runs on. */
export const THIS_PLATFORM: NodeJS.Platform = process.platform;

/** Windows: PowerShell, taskkill, the engine's named pipe. */
export const isWindows: boolean = THIS_PLATFORM === 'win32';

/** macOS: its application menu, and file dialogs that pick files and folders at once. */
export const isMac: boolean = THIS_PLATFORM === 'darwin';

/** Which default engine endpoint applies here (resolveDockerEndpoint): the named pipe, or the Unix socket. */
export const endpointPlatform: 'windows' | 'posix' = isWindows ? 'windows' : 'posix';
