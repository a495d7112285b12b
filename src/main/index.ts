// Electron main: thin glue between the window, the native menu and dialogs, and the service that answers the
// contract. Everything the app knows is computed in src/service (shared with `hostscope serve`).

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, ipcMain, Menu, protocol, session, shell, type BrowserWindow } from 'electron';
import { writeFileAtomic } from '../collect/atomic-write';
import { EVENT_CHANNEL, type Result } from '../shared/ipc';
import { HOSTSCOPE_VERSION } from '../shared/version';
import { createHostscopeService } from '../service/compose';
import { samplesDir } from '../service/paths';
import { defaultSample, listSamples } from '../service/samples';
import type { HostscopeService } from '../service/service';
import { APP_ENTRY, APP_SCHEME, registerAppProtocol } from './app-protocol';
import { isMac } from '../collect/platform';
import { isWindowsContainerHost } from './host-platform';
import { registerIpcHandlers } from './ipc';
import { menuTemplate, type MenuActions } from './menu';
import { printPdfWithElectron } from './print-pdf';
import { hardenSession, hardenWebContents } from './security';
import { SettingsStore } from './settings';
import { bundleArgument, chooseStartupBundle } from './startup';
import { createMainWindow } from './window';
import { errorMessage } from '../shared/error-message';

// Must precede `ready`: app:// gets a standard, secure origin so the CSP's 'self' and fetch work.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();
// Every web contents (the window, the hidden PDF printer) gets the same lock-down the moment it exists.
app.on('web-contents-created', (_event, contents) =>
  hardenWebContents(contents, (url) => void shell.openExternal(url)),
);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.whenReady().then(start, (error: unknown) => {
    dialog.showErrorBox('Hostscope could not start', errorMessage(error));
    app.quit();
  });
  app.on('window-all-closed', () => app.quit());
}

async function start(): Promise<void> {
  const settings = new SettingsStore(join(app.getPath('userData'), 'settings.json'));
  hardenSession(session.defaultSession);
  // Beside this bundle (out/main/index.js -> out/renderer), in a checkout and inside a packaged app.asar alike.
  registerAppProtocol(protocol, fileURLToPath(new URL('../renderer/', import.meta.url)));

  let window: BrowserWindow | null = null;
  const service: HostscopeService = createHostscopeService(
    {
      kind: 'desktop',
      pickBundle: async () => {
        // Windows and Linux pickers cannot take files and folders at once: a folder bundle is opened by its
        // manifest.json (the reader accepts that path).
        const picked = await dialog.showOpenDialog(window!, {
          title: 'Open a Hostscope bundle',
          buttonLabel: 'Open',
          properties: isMac ? ['openFile', 'openDirectory'] : ['openFile'],
          filters: [
            { name: 'Hostscope bundle (.zip, or manifest.json in a folder)', extensions: ['zip', 'json'] },
          ],
        });
        return picked.canceled ? null : (picked.filePaths[0] ?? null);
      },
      saveFile: async (suggestedName, bytes, signal) => {
        const target = await dialog.showSaveDialog(window!, {
          title: 'Export report',
          defaultPath: join(app.getPath('documents'), suggestedName),
        });
        if (target.canceled || target.filePath === undefined) return null;
        await writeFileAtomic(target.filePath, bytes, { signal });
        return target.filePath;
      },
      recentBundles: () => settings.recent,
      bundleOpened: (bundle, path) => {
        if (bundle.sample === null) settings.rememberBundle(path);
        window?.setTitle(`${bundle.label} - Hostscope`);
        refreshMenu();
      },
    },
    {
      collectionsDir: join(app.getPath('userData'), 'collections'),
      importsDir: join(app.getPath('userData'), 'imports'),
      historyDir: join(app.getPath('userData'), 'history'),
      printPdf: printPdfWithElectron,
    },
  );
  registerIpcHandlers(ipcMain, service);

  const report = (result: Result<unknown>): void => {
    if (!result.ok && result.error.code !== 'cancelled' && window) {
      void dialog.showMessageBox(window, {
        type: 'error',
        message: 'Hostscope',
        detail: result.error.message,
      });
    }
  };
  const actions: MenuActions = {
    openBundle: () => void service.call('bundle:pick', {}).then(report),
    openRecent: (path) => void service.call('bundle:open', { path }).then(report),
    clearRecent: () => {
      settings.forgetRecent();
      refreshMenu();
    },
    openSample: (name) => void service.call('bundle:openSample', { name }).then(report),
    collectLocal: () =>
      void service
        .call('collect:start', { operationId: 'collect-local', target: { kind: 'local' } })
        .then(report),
    command: (command) => service.emit({ kind: 'command', command }),
    navigate: (view) => service.emit({ kind: 'navigate', view }),
    about: () =>
      void dialog.showMessageBox(window!, {
        type: 'info',
        message: `Hostscope ${HOSTSCOPE_VERSION}`,
        detail:
          'Explains why a container on a Windows container host can or cannot be reached, with the evidence.',
      }),
  };
  const refreshMenu = (): void =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate(actions, {
          recent: settings.recent,
          samples: listSamples(samplesDir()),
          isMac,
          canCollectLocal: isWindowsContainerHost(),
          devTools: !app.isPackaged,
        }),
      ),
    );
  refreshMenu();

  window = createMainWindow(settings, fileURLToPath(new URL('../preload/index.cjs', import.meta.url)));
  const unsubscribe = service.onEvent((event) => window?.webContents.send(EVENT_CHANNEL, event));
  window.on('closed', () => {
    unsubscribe();
    service.dispose();
    window = null;
  });
  app.on('second-instance', (_event, argv) => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
    const path = bundleArgument(argv, app.isPackaged);
    if (path !== null) void service.call('bundle:open', { path }).then(report);
  });

  // Open the first bundle once the page listens, so its progress is shown.
  window.webContents.once('did-finish-load', () => void openAtStartup(service, settings, report));
  await window.loadURL(APP_ENTRY);
}

async function openAtStartup(
  service: HostscopeService,
  settings: SettingsStore,
  report: (r: Result<unknown>) => void,
): Promise<void> {
  const choice = chooseStartupBundle({
    argumentPath: bundleArgument(process.argv, app.isPackaged),
    lastBundle: settings.lastBundle,
    exists: existsSync,
    isContainerHost: isWindowsContainerHost(),
    defaultSample: defaultSample(samplesDir()),
  });
  if (choice.kind === 'none') return;
  const operationId = 'startup';
  const result =
    choice.kind === 'path'
      ? await service.call('bundle:open', { path: choice.path, operationId })
      : choice.kind === 'live'
        ? await service.call('collect:start', { operationId, target: { kind: 'local' } })
        : await service.call('bundle:openSample', { name: choice.name, operationId });
  report(result);
}
