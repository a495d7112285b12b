// PDF export in the desktop app: the report's self-contained HTML printed by Electron's own Chromium, in a hidden
// window with JavaScript off (the report needs none, and its text comes from an untrusted bundle).

import { BrowserWindow } from 'electron';
import type { PrintPdf } from '../service/report';

export const printPdfWithElectron: PrintPdf = async (html, _title, signal) => {
  signal?.throwIfAborted();
  const window = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
  });
  // A cancelled export destroys the window, which ends its renderer process; the print's promise may never
  // settle after that, so the abort answers instead.
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = (): void => {
      window.destroy();
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  const printing = (async () => {
    await window.loadURL(
      `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`,
    );
    return new Uint8Array(await window.webContents.printToPDF({ pageSize: 'A4', printBackground: true }));
  })();
  // After an abort its failure ("Object has been destroyed") is nobody's: keep it from going unhandled.
  printing.catch(() => undefined);
  try {
    return await Promise.race([aborted, printing]);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (!window.isDestroyed()) window.destroy();
  }
};
