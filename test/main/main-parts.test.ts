// The pieces of Electron main that need no Electron: the menu template, the startup choice, the settings file,
// the app:// responses and the IPC sender check.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { appResponse } from '../../src/main/app-protocol';
import { isTrustedSender } from '../../src/main/ipc';
import { menuTemplate, VIEW_MENU, type MenuActions } from '../../src/main/menu';
import { SettingsStore } from '../../src/main/settings';
import { bundleArgument, chooseStartupBundle } from '../../src/main/startup';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/csp';

const temp = mkdtempSync(join(tmpdir(), 'hostscope-main-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function actions(): MenuActions & { calls: string[] } {
  const calls: string[] = [];
  const record =
    (name: string) =>
    (arg?: unknown): void =>
      void calls.push(arg === undefined ? name : `${name}:${String(arg)}`);
  return {
    calls,
    openBundle: record('openBundle'),
    openRecent: record('openRecent'),
    clearRecent: record('clearRecent'),
    openSample: record('openSample'),
    collectLocal: record('collectLocal'),
    command: record('command'),
    navigate: record('navigate'),
    about: record('about'),
  };
}

const items = (menu: MenuItemConstructorOptions): MenuItemConstructorOptions[] =>
  menu.submenu as MenuItemConstructorOptions[];
const click = (item: MenuItemConstructorOptions | undefined): void =>
  (item?.click as (() => void) | undefined)?.();

describe('the native menu', () => {
  const state = {
    recent: ['C:\\b\\one.zip', '/b/two'],
    samples: [{ name: 'server2016-swarm-portainer', title: 'Server 2016' }],
    isMac: false,
    canCollectLocal: false,
    devTools: false,
  };

  it('has File: open, samples, recent, collect, export, quit', () => {
    const a = actions();
    const [file] = menuTemplate(a, state);
    const entries = items(file!);
    const byLabel = (label: string): MenuItemConstructorOptions | undefined =>
      entries.find((e) => e.label === label);
    expect(byLabel('Open Bundle…')?.accelerator).toBe('CmdOrCtrl+O');
    click(byLabel('Open Bundle…'));
    click(items(byLabel('Open Sample Host')!)[0]);
    click(items(byLabel('Open Recent')!)[1]);
    click(byLabel('Collect from Remote Host…'));
    click(byLabel('Paste or Drop Console Output…'));
    click(byLabel('Export Report…'));
    expect(byLabel('Collect from This Host')?.enabled).toBe(false);
    expect(entries.at(-1)).toEqual({ role: 'quit' });
    expect(a.calls).toEqual([
      'openBundle',
      'openSample:server2016-swarm-portainer',
      'openRecent:/b/two',
      'command:collect-remote',
      'command:import-paste',
      'command:export-report',
    ]);
  });

  it('has a View entry per view with Ctrl+1..7, and Help', () => {
    const a = actions();
    const template = menuTemplate(a, { ...state, recent: [] });
    const view = template.find((m) => m.label === '&View')!;
    const views = items(view).filter((i) => i.accelerator?.toString().startsWith('CmdOrCtrl+'));
    expect(views.map((v) => v.accelerator)).toEqual(VIEW_MENU.map((_, i) => `CmdOrCtrl+${i + 1}`));
    views.forEach(click);
    expect(a.calls).toEqual(VIEW_MENU.map((v) => `navigate:${v.view}`));
    expect(items(view).some((i) => i.role === 'toggleDevTools')).toBe(false);
    const recent = items(items(template[0]!).find((e) => e.label === 'Open Recent')!);
    expect(recent[0]).toMatchObject({ label: 'No recent bundles', enabled: false });
    expect(template.find((m) => m.role === 'help')).toBeDefined();
  });
});

describe('the bundle opened at start', () => {
  const facts = {
    argumentPath: null,
    lastBundle: null,
    exists: () => true,
    isContainerHost: false,
    defaultSample: 'server2016-swarm-portainer',
  };

  it('prefers the argument, then the last bundle, then the live host, then a sample', () => {
    expect(
      chooseStartupBundle({ ...facts, argumentPath: '/b.zip', lastBundle: '/last', isContainerHost: true }),
    ).toEqual({ kind: 'path', path: '/b.zip' });
    expect(chooseStartupBundle({ ...facts, lastBundle: '/last', isContainerHost: true })).toEqual({
      kind: 'path',
      path: '/last',
    });
    expect(
      chooseStartupBundle({ ...facts, lastBundle: '/gone', exists: () => false, isContainerHost: true }),
    ).toEqual({ kind: 'live' });
    expect(chooseStartupBundle(facts)).toEqual({ kind: 'sample', name: 'server2016-swarm-portainer' });
    expect(chooseStartupBundle({ ...facts, defaultSample: null })).toEqual({ kind: 'none' });
  });

  it('finds the bundle argument after the app path, skipping switches', () => {
    expect(bundleArgument(['electron', '.', '--inspect', 'C:\\b.zip'], false)).toBe('C:\\b.zip');
    expect(bundleArgument(['hostscope.exe', 'C:\\b.zip'], true)).toBe('C:\\b.zip');
    expect(bundleArgument(['electron', '.'], false)).toBeNull();
  });
});

describe('the settings file', () => {
  it('remembers recent bundles (newest first, no repeats, at most 8) and the window', () => {
    const file = join(temp, 'a', 'settings.json');
    const store = new SettingsStore(file);
    expect(store.lastBundle).toBeNull();
    for (let i = 0; i < 10; i++) store.rememberBundle(`/b/${i}`);
    store.rememberBundle('/b/5');
    store.rememberWindow({ x: 1, y: 2, width: 1280, height: 800, maximized: true });
    const again = new SettingsStore(file);
    expect(again.recent).toEqual(['/b/5', '/b/9', '/b/8', '/b/7', '/b/6', '/b/4', '/b/3', '/b/2']);
    expect(again.lastBundle).toBe('/b/5');
    expect(again.window).toEqual({ x: 1, y: 2, width: 1280, height: 800, maximized: true });
    again.forgetRecent();
    expect(new SettingsStore(file).recent).toEqual([]);
  });

  it('keeps working in memory when the settings cannot be written, and says why', () => {
    const blocker = join(temp, 'not-a-folder');
    writeFileSync(blocker, 'a file where the settings folder should be');
    const store = new SettingsStore(join(blocker, 'settings.json'));
    expect(() => store.rememberBundle('/b/1')).not.toThrow();
    expect(store.recent).toEqual(['/b/1']);
    expect(store.saveError).toContain('cannot save settings');
  });

  it('starts from defaults when the file is damaged or hostile', () => {
    for (const content of [
      '{not json',
      JSON.stringify({ recent: 'x' }),
      JSON.stringify({ recent: [], window: { width: -5 } }),
    ]) {
      const file = join(temp, 'damaged.json');
      writeFileSync(file, content);
      const store = new SettingsStore(file);
      expect(store.recent).toEqual([]);
      expect(store.window).toBeNull();
    }
  });
});

describe('app:// responses', () => {
  const root = join(temp, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><p>app</p>');
  writeFileSync(join(root, 'assets', 'a.css'), 'p{}');

  it('serves the renderer files with the CSP and nosniff', async () => {
    const index = await appResponse('app://hostscope/index.html', root);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<p>app</p>');
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await appResponse('app://hostscope/assets/a.css', root)).headers.get('content-type')).toMatch(
      /^text\/css/,
    );
  });

  it('answers 404 for anything else', async () => {
    for (const url of [
      'app://hostscope/%2e%2e/%2e%2e/etc/passwd',
      'app://hostscope/assets/..%2f..%2fsecret',
      'app://other/index.html',
      'app://hostscope/missing.js',
    ]) {
      expect((await appResponse(url, root)).status, url).toBe(404);
    }
  });

  it('keeps the CSP of index.html in step with the header', () => {
    const html = readFileSync(join(process.cwd(), 'src', 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    // A meta tag cannot carry frame-ancestors; every other directive is the same.
    const header = CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith('frame-ancestors'));
    expect(meta!.split('; ')).toEqual(header);
  });
});

describe('the IPC sender check', () => {
  it('trusts only the app page', () => {
    expect(isTrustedSender({ senderFrame: { url: 'app://hostscope/index.html#/containers' } } as never)).toBe(
      true,
    );
    for (const url of [
      'app://hostscope.evil/index.html',
      'https://hostscope/',
      'file:///app/index.html',
      'app://hostscopex/',
    ]) {
      expect(isTrustedSender({ senderFrame: { url } } as never), url).toBe(false);
    }
    expect(isTrustedSender({ senderFrame: null } as never)).toBe(false);
  });
});
