// Opens a URL in the user's browser where this machine has one.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { THIS_PLATFORM } from '../collect/platform';

/** Returns false when there is no browser to open (a server without a desktop). */
export function openBrowser(url: string): boolean {
  const command = browserCommand(url);
  if (command === null) return false;
  const child = spawn(command.file, command.args, { detached: true, stdio: 'ignore', windowsHide: true });
  child.on('error', () => undefined);
  child.unref();
  return true;
}

function browserCommand(url: string): { readonly file: string; readonly args: readonly string[] } | null {
  switch (THIS_PLATFORM) {
    case 'win32':
      // Server Core has no browser; FileProtocolHandler then fails quietly and the printed URL remains.
      return { file: 'rundll32.exe', args: ['url.dll,FileProtocolHandler', url] };
    case 'darwin':
      return { file: 'open', args: [url] };
    default:
      if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return null;
      return onPath('xdg-open') ? { file: 'xdg-open', args: [url] } : null;
  }
}

function onPath(name: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, name)));
}
