// Long operations in flight (opening, collecting, exporting), as the service reports their progress.

import { useEffect, useState } from 'react';
import type { OperationKind } from '../../../shared/ipc';
import { api } from '../api';
import type { RunningOperation } from '../app-context';

let operationCounter = 0;

/** An id the service tags an operation's progress events with, unique in this window. */
export function newOperationId(kind: OperationKind): string {
  return `${kind}-${Date.now().toString(36)}-${++operationCounter}`;
}

export function useOperations(): readonly RunningOperation[] {
  const [operations, setOperations] = useState<readonly RunningOperation[]>([]);
  useEffect(
    () =>
      api.onEvent((event) => {
        if (event.kind === 'progress')
          setOperations((list) => [...list.filter((o) => o.operationId !== event.operationId), event]);
        else if (event.kind === 'operation-ended')
          setOperations((list) => list.filter((o) => o.operationId !== event.operationId));
      }),
    [],
  );
  return operations;
}
