// Which PowerShell to start; the platform is the caller's to give (tests ask as Windows, Linux and macOS).
import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { THIS_PLATFORM } from '../platform';

export interface ExecutableSearch {
  /** Given by the caller: used as is, even if it does not exist (the spawn then reports ENOENT). */
  readonly executable?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly platform?: NodeJS.Platform;
  readonly homeDir?: string;
}

export type ExecutableChoice =
  | { readonly kind: 'found'; readonly path: string; readonly why: string }
  | { readonly kind: 'none'; readonly tried: readonly string[] };

/**
 * The caller's choice; else NODE_POWERSHELL (node-powershell's own variable); else Windows PowerShell on
 * Windows (present on every Windows Server); else pwsh on PATH; else the .NET global tool's pwsh.
 */
export function findPowerShell(search: ExecutableSearch = {}): ExecutableChoice {
  const env = search.env ?? process.env;
  const platform = search.platform ?? THIS_PLATFORM;
  if (search.executable) return { kind: 'found', path: search.executable, why: 'given' };
  const fromEnv = env.NODE_POWERSHELL;
  if (fromEnv) return { kind: 'found', path: fromEnv, why: 'NODE_POWERSHELL' };
  const windows = platform === 'win32';
  if (windows) return { kind: 'found', path: 'powershell.exe', why: 'Windows PowerShell' };
  const onPath = findOnPath('pwsh', env.PATH ?? '');
  if (onPath !== null) return { kind: 'found', path: onPath, why: 'pwsh on PATH' };
  const dotnetTool = join(search.homeDir ?? homedir(), '.dotnet', 'tools', 'pwsh');
  if (isExecutable(dotnetTool)) return { kind: 'found', path: dotnetTool, why: '.NET global tool' };
  return { kind: 'none', tried: ['NODE_POWERSHELL', 'pwsh on PATH', dotnetTool] };
}

function findOnPath(name: string, path: string): string | null {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
