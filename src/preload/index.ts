// The preload: exposes `window.api` and nothing else. Channels come from the contract's allow-list; the main process
// validates every payload again, so this only keeps the page from reaching any other IPC channel.

import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, isChannel } from '../shared/ipc-channels';
import type { AppEvent, HostscopeApi, Result } from '../shared/ipc';

const api: HostscopeApi = {
  invoke: (channel, request) => {
    if (!isChannel(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown-channel', message: `There is no channel ${String(channel)}.` },
      });
    }
    return ipcRenderer.invoke(channel, request) as Promise<Result<never>>;
  },
  onEvent: (listener) => {
    const forward = (_event: IpcRendererEvent, payload: AppEvent): void => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => void ipcRenderer.removeListener(EVENT_CHANNEL, forward);
  },
  // The renderer passes the File of a drop event; shared/ names it DroppedFile only because it has no DOM types.
  pathForFile: (file) => webUtils.getPathForFile(file as File),
};

contextBridge.exposeInMainWorld('api', api);
