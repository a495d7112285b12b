// Long operations (opening a large bundle, collecting, exporting) with their progress and a Cancel button.

import type { JSX } from 'react';
import { api } from '../api';
import type { RunningOperation } from '../app-context';

const TITLES = {
  open: 'Opening bundle',
  collect: 'Collecting',
  export: 'Exporting report',
  check: 'Testing connections',
} as const;

const CANCEL = { open: 'bundle:cancel', collect: 'collect:cancel', check: 'checks:cancel' } as const;

export function ProgressPanel({
  operations,
}: {
  operations: readonly RunningOperation[];
}): JSX.Element | null {
  if (operations.length === 0) return null;
  return (
    <section className="progress-panel" aria-label="Operations in progress">
      {operations.map((op) => {
        const cancel = op.operation === 'export' ? null : CANCEL[op.operation];
        return (
          <div key={op.operationId} className="progress-item" role="status" aria-live="polite">
            <div className="progress-text">
              <strong>{TITLES[op.operation]}</strong>
              <span className="muted">{op.message}</span>
            </div>
            <progress
              max={op.total ?? undefined}
              value={op.total === null ? undefined : op.done}
              aria-label={`${TITLES[op.operation]}: ${op.message}`}
            />
            {cancel !== null && (
              <button
                type="button"
                className="button button-small"
                onClick={() => void api.invoke(cancel, { operationId: op.operationId })}
              >
                Cancel
              </button>
            )}
          </div>
        );
      })}
    </section>
  );
}
