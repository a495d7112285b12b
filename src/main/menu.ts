// The native menu: File (open, samples, recent, collect, export), View (the app's views), Help. Built from plain
// data so it can be checked without Electron; main turns it into a Menu.

import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/ipc';
import type { SampleHost, ViewName } from '../shared/views';

export interface MenuActions {
  openBundle(): void;
  openRecent(path: string): void;
  clearRecent(): void;
  openSample(name: string): void;
  collectLocal(): void;
  command(command: MenuCommand): void;
  navigate(view: ViewName): void;
  about(): void;
}

export interface MenuState {
  readonly recent: readonly string[];
  readonly samples: readonly SampleHost[];
  readonly isMac: boolean;
  readonly canCollectLocal: boolean;
  readonly devTools: boolean;
}

export const VIEW_MENU: readonly { readonly view: ViewName; readonly label: string }[] = [
  { view: 'overview', label: 'Host Overview' },
  { view: 'containers', label: 'Containers' },
  { view: 'reachability', label: 'Reachability' },
  { view: 'isolation', label: 'Isolation Walkthrough' },
  { view: 'topology', label: 'Topology' },
  { view: 'sessions', label: 'Processes by Session' },
  { view: 'findings', label: 'Findings' },
  { view: 'changes', label: 'Changes' },
  { view: 'timeline', label: 'Timeline' },
];

export function menuTemplate(actions: MenuActions, state: MenuState): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Open Bundle…', accelerator: 'CmdOrCtrl+O', click: () => actions.openBundle() },
      {
        label: 'Open Sample Host',
        submenu: state.samples.length
          ? state.samples.map((s) => ({ label: s.title, click: () => actions.openSample(s.name) }))
          : [{ label: 'No sample hosts installed', enabled: false }],
      },
      {
        label: 'Open Recent',
        submenu: [
          ...(state.recent.length
            ? state.recent.map((path) => ({ label: path, click: () => actions.openRecent(path) }))
            : [{ label: 'No recent bundles', enabled: false }]),
          { type: 'separator' },
          { label: 'Clear Recent', enabled: state.recent.length > 0, click: () => actions.clearRecent() },
        ],
      },
      { type: 'separator' },
      {
        label: 'Collect from This Host',
        enabled: state.canCollectLocal,
        click: () => actions.collectLocal(),
      },
      { label: 'Collect from Remote Host…', click: () => actions.command('collect-remote') },
      { label: 'Paste or Drop Console Output…', click: () => actions.command('import-paste') },
      { type: 'separator' },
      { label: 'Export Report…', accelerator: 'CmdOrCtrl+E', click: () => actions.command('export-report') },
      { type: 'separator' },
      state.isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...VIEW_MENU.map((item, index): MenuItemConstructorOptions => ({
        label: item.label,
        accelerator: `CmdOrCtrl+${index + 1}`,
        click: () => actions.navigate(item.view),
      })),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(state.devTools ? [{ role: 'toggleDevTools' } as const] : []),
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { label: 'Keyboard Shortcuts', accelerator: 'CmdOrCtrl+/', click: () => actions.command('shortcuts') },
      { type: 'separator' },
      { label: 'About Hostscope', click: () => actions.about() },
    ],
  };
  return [...(state.isMac ? [{ role: 'appMenu' } as const] : []), file, { role: 'editMenu' }, view, help];
}
