// Short messages to the user: the latest four at a time, each gone after a while (an error stays longer).

import { useCallback, useState } from 'react';
import type { ApiError } from '../../../shared/ipc';
import type { Notice } from '../app-context';

export interface Notices {
  readonly notices: readonly Notice[];
  notify(text: string, tone?: 'info' | 'error'): void;
  /** An API error as a notice; a cancellation is the user's own doing and says nothing. */
  showError(error: ApiError): void;
  dismiss(id: number): void;
}

export function useNotices(): Notices {
  const [notices, setNotices] = useState<readonly Notice[]>([]);

  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);

  const notify = useCallback(
    (text: string, tone: 'info' | 'error' = 'info') => {
      const id = Date.now() + Math.random();
      setNotices((list) => [...list.slice(-3), { id, tone, text }]);
      setTimeout(() => dismiss(id), tone === 'error' ? 9000 : 4000);
    },
    [dismiss],
  );

  const showError = useCallback(
    (error: ApiError) => {
      if (error.code !== 'cancelled') notify(error.message, 'error');
    },
    [notify],
  );

  return { notices, notify, showError, dismiss };
}
