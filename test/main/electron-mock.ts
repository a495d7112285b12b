// A stand-in for the `electron` module (the Electron binary is not installed here, and an automock would import
// the real one). Tests use it through `vi.mock('electron', () => import('./electron-mock'))`, and read what main
// and the preload did to it from the recorders below.

import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

class Emitter extends EventEmitter {
  emitNow(event: string, ...args: unknown[]): void {
    this.emit(event, ...args);
  }
}

export const userData = mkdtempSync(join(tmpdir(), 'hostscope-electron-'));

export class FakeWebContents extends Emitter {
  readonly send = vi.fn();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  /** What printing answers; a test may make it hang (a cancelled export) or fail. */
  static print: () => Promise<Buffer> = async () => Buffer.from('%PDF-1.7');
  readonly printToPDF = vi.fn(() => FakeWebContents.print());
}

export class BrowserWindow extends Emitter {
  static readonly created: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn(async () => undefined);
  readonly setTitle = vi.fn();
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly maximize = vi.fn();
  destroyed = false;
  readonly destroy = vi.fn(() => void (this.destroyed = true));
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.created.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return false;
  }
  isMaximized(): boolean {
    return false;
  }
  restore(): void {}
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { x: 40, y: 30, width: 1300, height: 820 };
  }
}

export const app = Object.assign(new Emitter(), {
  isPackaged: false,
  enableSandbox: vi.fn(),
  requestSingleInstanceLock: vi.fn(() => true),
  quit: vi.fn(),
  whenReady: vi.fn(() => Promise.resolve()),
  getPath: vi.fn((name: string) => join(userData, name)),
});

export const protocol = {
  registerSchemesAsPrivileged: vi.fn(),
  handlers: new Map<string, (request: { url: string }) => Promise<Response>>(),
  handle: vi.fn(
    (scheme: string, handler: (request: { url: string }) => Promise<Response>) =>
      void protocol.handlers.set(scheme, handler),
  ),
};

export const ipcMain = {
  handlers: new Map<string, Listener>(),
  handle: vi.fn((channel: string, listener: Listener) => void ipcMain.handlers.set(channel, listener)),
  removeHandler: vi.fn((channel: string) => void ipcMain.handlers.delete(channel)),
};

export const session = {
  defaultSession: {
    permissionRequest: null as
      null | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void),
    permissionCheck: null as null | ((contents: unknown, permission: string) => boolean),
    beforeRequest: null as
      null | ((details: { url: string }, callback: (response: { cancel: boolean }) => void) => void),
    setPermissionRequestHandler(
      handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
    ): void {
      this.permissionRequest = handler;
    },
    setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void {
      this.permissionCheck = handler;
    },
    webRequest: {
      onBeforeRequest(
        handler: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void,
      ): void {
        session.defaultSession.beforeRequest = handler;
      },
    },
  },
};

export const Menu = {
  template: null as unknown,
  buildFromTemplate: vi.fn((template: unknown) => {
    Menu.template = template;
    return { template };
  }),
  setApplicationMenu: vi.fn(),
};

export const dialog = {
  showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] as string[] })),
  showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: undefined as string | undefined })),
  showMessageBox: vi.fn(async () => ({ response: 0 })),
  showErrorBox: vi.fn(),
};

export const nativeTheme = { shouldUseDarkColors: false };
export const screen = {
  getAllDisplays: vi.fn(() => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }]),
};
export const shell = { openExternal: vi.fn(async () => undefined) };

// Preload side.
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld: vi.fn((key: string, value: unknown) => void contextBridge.exposed.set(key, value)),
};
export const ipcRenderer = Object.assign(new Emitter(), {
  invoke: vi.fn(async (channel: string) => ({ ok: true, value: channel })),
});
export const webUtils = { getPathForFile: vi.fn(() => '/dropped/bundle.zip') };

export default {
  app,
  BrowserWindow,
  protocol,
  ipcMain,
  session,
  Menu,
  dialog,
  nativeTheme,
  screen,
  shell,
  contextBridge,
  ipcRenderer,
  webUtils,
};
