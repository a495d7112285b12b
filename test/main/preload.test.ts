// The preload with `electron` replaced by a recorder: it exposes `window.api` only, and only for the contract's
// channels.

import { beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNEL, type HostscopeApi } from '../../src/shared/ipc';
import { contextBridge, ipcRenderer, webUtils } from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

let api: HostscopeApi;

beforeAll(async () => {
  await import('../../src/preload/index');
  api = contextBridge.exposed.get('api') as HostscopeApi;
});

describe('the preload', () => {
  it('exposes window.api and nothing else', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['api']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onEvent', 'pathForFile']);
  });

  it('passes contract channels to main and refuses any other without sending it', async () => {
    expect(await api.invoke('host:overview', {})).toEqual({ ok: true, value: 'host:overview' });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('host:overview', {});
    ipcRenderer.invoke.mockClear();
    for (const channel of ['app:event', 'ELECTRON_BROWSER_REQUIRE', 'shell:openExternal']) {
      const result = await api.invoke(channel as 'app:info', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    }
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('delivers main events to listeners until they unsubscribe', () => {
    const seen: unknown[] = [];
    const off = api.onEvent((e) => seen.push(e));
    ipcRenderer.emit(EVENT_CHANNEL, {}, { kind: 'navigate', view: 'findings' });
    off();
    ipcRenderer.emit(EVENT_CHANNEL, {}, { kind: 'navigate', view: 'overview' });
    expect(seen).toEqual([{ kind: 'navigate', view: 'findings' }]);
    expect(ipcRenderer.listenerCount(EVENT_CHANNEL)).toBe(0);
  });

  it('tells the path of a dropped file through webUtils', () => {
    expect(api.pathForFile?.({} as File)).toBe('/dropped/bundle.zip');
    expect(webUtils.getPathForFile).toHaveBeenCalled();
  });
});
