// The three states every view has besides its content: loading, error, empty.

import type { JSX, ReactNode } from 'react';
import type { ApiError } from '../../../shared/ipc';
import type { Query } from '../api/use-query';

export function Loading({ label = 'Loading' }: { label?: string }): JSX.Element {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}…</span>
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: ApiError; onRetry?: () => void }): JSX.Element {
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">
        {error.code === 'no-bundle' ? 'No bundle is open' : 'Something went wrong'}
      </p>
      <p>{error.message}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }): JSX.Element {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children}
    </div>
  );
}

/** A part of the host the bundle could not tell: says why, never shows it as empty. */
export function UnknownNote({ reason }: { reason: string }): JSX.Element {
  return (
    <p className="note note-unknown">
      <strong>Not known from this bundle:</strong> {reason}
    </p>
  );
}

export function QueryView<T>({
  query,
  label,
  children,
}: {
  query: Query<T> & { reload: () => void };
  label: string;
  children: (value: T) => ReactNode;
}): JSX.Element {
  switch (query.status) {
    case 'idle':
      return <></>;
    case 'loading':
      return <Loading label={label} />;
    case 'error':
      return <ErrorState error={query.error} onRetry={query.reload} />;
    case 'ready':
      return <>{children(query.value)}</>;
  }
}
