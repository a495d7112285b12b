// Electron main with `electron` replaced by a recorder: the window's security settings, the protocol, every IPC
// channel registered and checking its sender, the menu, and the first bundle opened once the page has loaded.
// The service behind it is the real one, over the real sample hosts.

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS, EVENT_CHANNEL } from '../../src/shared/ipc';
import {
  app,
  BrowserWindow,
  dialog,
  FakeWebContents,
  ipcMain,
  Menu,
  protocol,
  session,
  shell,
  userData,
} from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

const trusted = { senderFrame: { url: 'app://hostscope/index.html' } };
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

beforeAll(async () => {
  await import('../../src/main/index');
  // whenReady resolved: let start() run to the window's loadURL.
  for (let i = 0; i < 20 && BrowserWindow.created.length === 0; i++) await settle();
});

function mainWindow(): BrowserWindow {
  const window = BrowserWindow.created[0];
  if (!window) throw new Error('main created no window');
  return window;
}

describe('Electron main', () => {
  it('asks for a sandbox everywhere and a secure app:// origin before the app is ready', () => {
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(app.requestSingleInstanceLock).toHaveBeenCalled();
  });

  it('opens one window with the security defaults on and the preload built as CommonJS', () => {
    const prefs = mainWindow().options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(String(prefs.preload)).toMatch(/[\\/]preload[\\/]index\.cjs$/);
    expect(mainWindow().loadURL).toHaveBeenCalledWith('app://hostscope/index.html');
  });

  it('denies navigation, new windows and permissions; sends https links to the system browser', () => {
    const contents = mainWindow().webContents;
    const navigate = { preventDefault: vi.fn() };
    contents.emitNow('will-navigate', navigate, 'https://evil.example/');
    expect(navigate.preventDefault).toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    contents.emitNow('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler?.({ url: 'https://github.com/moby/moby/issues/42812' })).toEqual({
      action: 'deny',
    });
    expect(shell.openExternal).toHaveBeenCalledWith('https://github.com/moby/moby/issues/42812');
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(1);

    // Any later web contents (the hidden PDF printer) is locked down the same way.
    const other = new FakeWebContents();
    app.emit('web-contents-created', {}, other);
    expect(other.windowOpenHandler?.({ url: 'https://example.org' })).toEqual({ action: 'deny' });

    const granted: boolean[] = [];
    session.defaultSession.permissionRequest?.(null, 'media', (g) => granted.push(g));
    session.defaultSession.permissionRequest?.(null, 'clipboard-sanitized-write', (g) => granted.push(g));
    expect(granted).toEqual([false, true]);
    const cancelled = (url: string): boolean => {
      let answer = false;
      session.defaultSession.beforeRequest?.({ url }, (r) => (answer = r.cancel));
      return answer;
    };
    expect(cancelled('https://cdn.example/x.js')).toBe(true);
    expect(cancelled('file:///etc/passwd')).toBe(true);
    expect(cancelled('app://hostscope/assets/index.js')).toBe(false);
  });

  it('serves only the built renderer through app://, with the CSP', async () => {
    const handler = protocol.handlers.get('app');
    expect(handler).toBeDefined();
    const outside = await handler!({ url: 'app://hostscope/../../package.json' });
    expect(outside.status).toBe(404);
    const otherHost = await handler!({ url: 'app://evil/index.html' });
    expect(otherHost.status).toBe(404);
  });

  it('registers a handler for every channel, each refusing senders other than the app page', async () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    const info = ipcMain.handlers.get('app:info')!;
    expect(await info(trusted, {})).toMatchObject({ ok: true, value: { shell: 'desktop', canPick: true } });
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', 'app://hostscope.evil/', '']) {
      expect(await info({ senderFrame: { url } }, {})).toMatchObject({
        ok: false,
        error: { code: 'bad-request' },
      });
    }
    expect(await info({ senderFrame: null }, {})).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    // The payload is still validated behind the sender check.
    expect(await ipcMain.handlers.get('container:detail')!(trusted, { ref: { $ne: 1 } })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
  });

  it('builds the native menu with File, Edit, View and Help', () => {
    expect(Menu.setApplicationMenu).toHaveBeenCalled();
    const labels = (Menu.template as { label?: string; role?: string }[]).map((m) => m.label ?? m.role);
    expect(labels).toEqual(['&File', 'editMenu', '&View', 'help']);
  });

  it('opens a sample host once the page has loaded, and tells the page', async () => {
    const window = mainWindow();
    window.webContents.emitNow('did-finish-load');
    for (
      let i = 0;
      i < 200 &&
      !window.webContents.send.mock.calls.some(([, e]) => (e as { kind: string }).kind === 'bundle-opened');
      i++
    ) {
      await new Promise((r) => setTimeout(r, 10));
    }
    const events = window.webContents.send.mock.calls.map(([channel, event]) => ({
      channel,
      event: event as { kind: string; bundle?: { sample: string | null } },
    }));
    expect(events.every((e) => e.channel === EVENT_CHANNEL)).toBe(true);
    const opened = events.find((e) => e.event.kind === 'bundle-opened');
    expect(opened?.event.bundle?.sample).toBe('server2016-swarm-portainer');
    expect(window.setTitle).toHaveBeenCalledWith(expect.stringContaining('Hostscope'));
    expect(await ipcMain.handlers.get('containers:list')!(trusted, {})).toMatchObject({
      ok: true,
      value: { kind: 'known' },
    });
    expect(dialog.showMessageBox).not.toHaveBeenCalled();
  });

  it('opens a picked bundle and remembers it as recent; remembers the window place on close', async () => {
    const picked = join(process.cwd(), 'resources', 'samples', 'server2016-swarm-portainer', 'manifest.json');
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [picked] });
    const result = await ipcMain.handlers.get('bundle:pick')!(trusted, {});
    expect(result).toMatchObject({ ok: true, value: { sample: null } });
    mainWindow().emitNow('close');
    const settings = JSON.parse(readFileSync(join(userData, 'userData', 'settings.json'), 'utf8')) as {
      recent: string[];
      window: unknown;
    };
    expect(settings.recent[0]).toBe(picked);
    expect(settings.window).toEqual({ x: 40, y: 30, width: 1300, height: 820, maximized: false });
    expect(existsSync(join(userData, 'userData', 'settings.json.tmp'))).toBe(false);
  });

  it('saves a PDF export where the user chose; a cancelled print ends its window and saves nothing', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'hostscope-main-export-'));
    const exportReport = ipcMain.handlers.get('report:export')!;
    const target = join(folder, 'report.pdf');
    try {
      dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: target });
      expect(await exportReport(trusted, { format: 'pdf', redact: false })).toEqual({
        ok: true,
        value: { kind: 'saved', path: target },
      });
      expect(readdirSync(folder)).toEqual(['report.pdf']);
      expect(readFileSync(target, 'utf8')).toBe('%PDF-1.7');
      rmSync(target);

      dialog.showSaveDialog.mockClear();
      FakeWebContents.print = () => new Promise<Buffer>(() => undefined);
      const windows = BrowserWindow.created.length;
      const exporting = exportReport(trusted, { format: 'pdf', redact: false, operationId: 'export-main' });
      const printing = (): BrowserWindow | undefined =>
        BrowserWindow.created.slice(windows).find((w) => w.webContents.printToPDF.mock.calls.length > 0);
      for (let i = 0; i < 500 && !printing(); i++) await new Promise((r) => setTimeout(r, 10));
      expect(printing()?.isDestroyed()).toBe(false);
      expect(await ipcMain.handlers.get('report:cancel')!(trusted, { operationId: 'export-main' })).toEqual({
        ok: true,
        value: { cancelled: true },
      });
      expect(await exporting).toEqual({ ok: true, value: { kind: 'cancelled' } });
      expect(printing()?.isDestroyed()).toBe(true);
      expect(dialog.showSaveDialog).not.toHaveBeenCalled();
      expect(readdirSync(folder)).toEqual([]);
    } finally {
      FakeWebContents.print = async () => Buffer.from('%PDF-1.7');
      dialog.showSaveDialog.mockReset();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
