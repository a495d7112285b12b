// Keyboard shortcuts in the browser: Ctrl (⌘) + 1..9 for the sidebar's views, O to open, E to export, / for the list.
// The desktop menu's accelerators do the same there, so the desktop shell leaves them to the menu.

import { useEffect } from 'react';
import type { MenuCommand } from '../../../shared/ipc';
import { NAV } from '../nav';
import { href, navigate } from '../router';

const DIALOG_KEYS: ReadonlyMap<string, MenuCommand> = new Map([
  ['o', 'open-path'],
  ['e', 'export-report'],
  ['/', 'shortcuts'],
]);

export function useShortcuts(enabled: boolean, openDialog: (command: MenuCommand) => void): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const view = NAV[Number(event.key) - 1]?.view;
      const dialog = DIALOG_KEYS.get(event.key);
      if (view !== undefined) {
        event.preventDefault();
        navigate(href([view]));
      } else if (dialog !== undefined) {
        event.preventDefault();
        openDialog(dialog);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, openDialog]);
}
