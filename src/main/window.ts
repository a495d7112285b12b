// The one app window: secure web preferences, the remembered place and size, shown once painted.

import { BrowserWindow, nativeTheme, screen } from 'electron';
import type { Rectangle } from 'electron';
import type { SettingsStore, WindowState } from './settings';

const DEFAULT_SIZE = { width: 1280, height: 800 };

export function createMainWindow(settings: SettingsStore, preload: string): BrowserWindow {
  const saved = settings.window;
  const bounds = saved && isVisible(saved) ? saved : DEFAULT_SIZE;
  const window = new BrowserWindow({
    ...bounds,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Hostscope',
    // Matches the renderer's background so the first frame does not flash.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#0d1117' : '#ffffff',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  if (saved?.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => settings.rememberWindow(stateOf(window)));
  return window;
}

function stateOf(window: BrowserWindow): WindowState {
  const { x, y, width, height } = window.getNormalBounds();
  return { x, y, width, height, maximized: window.isMaximized() };
}

/** A remembered place is used only if it still lies mostly on a connected display. */
function isVisible(state: WindowState): boolean {
  if (state.x === undefined || state.y === undefined) return true;
  const rect: Rectangle = { x: state.x, y: state.y, width: state.width, height: state.height };
  return screen.getAllDisplays().some((d) => overlap(rect, d.workArea) >= 0.5 * rect.width * rect.height);
}

function overlap(a: Rectangle, b: Rectangle): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}
