// IPC: one handler per channel of the contract, each checking that the sender is the app's own page before the
// service validates the request itself (Electron security checklist: validate the sender of every IPC message).

import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNELS, fail, type Result } from '../shared/ipc';
import type { HostscopeService } from '../service/service';
import { APP_ORIGIN } from './app-protocol';

export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const url = event.senderFrame?.url;
  return url !== undefined && (url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`));
}

/** Registers every channel; returns the function that removes them again. */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  service: HostscopeService,
): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, request: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event)) {
        return Promise.resolve(
          fail('bad-request', `Refused ${channel}: the request did not come from the Hostscope window.`),
        );
      }
      return service.handle(channel, request);
    });
  }
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}
