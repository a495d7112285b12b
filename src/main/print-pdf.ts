// PDF export in the desktop app: the report's self-contained HTML printed by Electron's own Chromium, in a hidden
// window with JavaScript off (the report needs none, and its text comes from an untrusted bundle).

import { BrowserWindow } from 'electron';
import type { PrintPdf } from '../service/report';

export const printPdfWithElectron: PrintPdf = async (html) => {
  const window = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
  });
  try {
    await window.loadURL(
      `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`,
    );
    const pdf = await window.webContents.printToPDF({ pageSize: 'A4', printBackground: true });
    return new Uint8Array(pdf);
  } finally {
    window.destroy();
  }
};
