// Electron security defaults for every web contents and the session: nothing navigates, no new windows, no
// permissions, no remote requests. The renderer shows untrusted bundle text; this keeps a slip there contained.

import type { Session, WebContents } from 'electron';
import { APP_SCHEME } from './app-protocol';

/**
 * `openExternal` receives https links the page asked to open in a new window (the references of causes and findings);
 * they go to the system browser, never into an app window.
 */
export function hardenWebContents(contents: WebContents, openExternal: (url: string) => void): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

// The copy buttons need clipboard writes; nothing else is granted.
const GRANTED: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(GRANTED.has(permission)));
  session.setPermissionCheckHandler((_contents, permission) => GRANTED.has(permission));
  // Only the app's own files load; http(s), ws and file requests are cancelled (no remote content).
  session.webRequest.onBeforeRequest((details, callback) => {
    const scheme = details.url.slice(0, details.url.indexOf(':'));
    callback({
      cancel: !(scheme === APP_SCHEME || scheme === 'devtools' || scheme === 'data' || scheme === 'blob'),
    });
  });
}
