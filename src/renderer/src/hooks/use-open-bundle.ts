// The ways to open a bundle: by path, a sample by name, or the shell's own picker (the Open dialog where the shell
// has none, as in the browser). A failure becomes a notice; a success arrives as the `bundle-opened` event.

import { useCallback } from 'react';
import type { ApiError, Result } from '../../../shared/ipc';
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
  /** Waits for the service's answer; a failure becomes a notice. True when the bundle opened. */
  const answered = useCallback(
    async (asked: Promise<Result<unknown>>) => {
      const result = await asked;
      if (!result.ok) showError(result.error);
      return result.ok;
    },
    [showError],
  );

  const openPath = useCallback(
    (path: string) => answered(api.invoke('bundle:open', { path, operationId: newOperationId('open') })),
    [answered],
  );

  const openSample = useCallback(
    (name: string) =>
      answered(api.invoke('bundle:openSample', { name, operationId: newOperationId('open') })),
    [answered],
  );

  const pickBundle = useCallback(async () => {
    if (canPick) await answered(api.invoke('bundle:pick', { operationId: newOperationId('open') }));
    else openDialog('open-path');
  }, [canPick, openDialog, answered]);

  return { openPath, openSample, pickBundle };
}
