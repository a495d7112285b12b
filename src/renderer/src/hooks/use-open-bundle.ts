// The ways to open a bundle: by path, a sample by name, or the shell's own picker (the Open dialog where the shell
// has none, as in the browser). A failure becomes a notice; a success arrives as the `bundle-opened` event.

import { useCallback } from 'react';
import type { ApiError } from '../../../shared/ipc';
import type { DialogName } from '../app-context';
import { api } from '../api';
import { newOperationId } from './use-operations';

export interface OpenBundle {
  openPath(path: string): Promise<boolean>;
  openSample(name: string): Promise<boolean>;
  pickBundle(): Promise<void>;
}

export function useOpenBundle({
  canPick,
  showError,
  openDialog,
}: {
  readonly canPick: boolean;
  readonly showError: (error: ApiError) => void;
  readonly openDialog: (name: DialogName) => void;
}): OpenBundle {
  const openPath = useCallback(
    async (path: string) => {
      const result = await api.invoke('bundle:open', { path, operationId: newOperationId('open') });
      if (!result.ok) showError(result.error);
      return result.ok;
    },
    [showError],
  );

  const openSample = useCallback(
    async (name: string) => {
      const result = await api.invoke('bundle:openSample', { name, operationId: newOperationId('open') });
      if (!result.ok) showError(result.error);
      return result.ok;
    },
    [showError],
  );

  const pickBundle = useCallback(async () => {
    if (!canPick) {
      openDialog('open-path');
      return;
    }
    const result = await api.invoke('bundle:pick', { operationId: newOperationId('open') });
    if (!result.ok) showError(result.error);
  }, [canPick, openDialog, showError]);

  return { openPath, openSample, pickBundle };
}
