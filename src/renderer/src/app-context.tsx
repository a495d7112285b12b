// What every view needs to know about the app: the open bundle, the shell's abilities, long operations in
// flight, and a way to tell the user something.

import { createContext, useContext } from 'react';
import type { ApiError, OperationKind } from '../../shared/ipc';
import type { AppInfo, BundleRef } from '../../shared/views';

export interface RunningOperation {
  readonly operationId: string;
  readonly operation: OperationKind;
  readonly message: string;
  readonly done: number;
  readonly total: number | null;
}

export type Notice = { readonly id: number; readonly tone: 'info' | 'error'; readonly text: string };

export type DialogName =
  'open-path' | 'collect-remote' | 'export-report' | 'shortcuts' | 'import-paste' | null;

export interface AppState {
  readonly info: AppInfo | null;
  readonly bundle: BundleRef | null;
  readonly operations: readonly RunningOperation[];
  openPath(path: string): Promise<boolean>;
  openSample(name: string): Promise<boolean>;
  pickBundle(): Promise<void>;
  notify(text: string, tone?: 'info' | 'error'): void;
  showError(error: ApiError): void;
  openDialog(name: DialogName): void;
  newOperationId(kind: OperationKind): string;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const state = useContext(AppContext);
  if (state === null) throw new Error('useApp outside <AppContext>');
  return state;
}

/** The key a view's query is cached under: a new bundle means a new answer. */
export function useBundleKey(): string {
  return String(useApp().bundle?.id ?? 0);
}
