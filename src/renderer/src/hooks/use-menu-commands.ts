// The desktop menu's commands and view items, which the main process sends as events (src/main/menu.ts).

import { useEffect } from 'react';
import type { MenuCommand } from '../../../shared/ipc';
import { api } from '../api';
import { href, navigate } from '../router';

export function useMenuCommands(openDialog: (command: MenuCommand) => void): void {
  useEffect(
    () =>
      api.onEvent((event) => {
        if (event.kind === 'command') openDialog(event.command);
        else if (event.kind === 'navigate') navigate(href([event.view]));
      }),
    [openDialog],
  );
}
