import type { ReactNode } from 'react';
import type { ApiError } from '../api/client.ts';

export function Loading({ what }: { what: string }) {
  return (
    <p role="status" className="loading">
      Loading {what}…
    </p>
  );
}

/** An API error in the buyer's words, with a way forward when there is one. */
export function ErrorNote({
  error,
  onRetry,
  id,
}: {
  error: ApiError | null;
  onRetry?: (() => void) | undefined;
  id?: string;
}) {
  if (!error) return null;
  return (
    <div role="alert" className="note note-error" id={id} data-code={error.code}>
      <p>{error.message}</p>
      {onRetry && (
        <button type="button" className="button-link" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Notice({
  tone = 'info',
  children,
}: {
  tone?: 'info' | 'success' | 'warning';
  children: ReactNode;
}) {
  return (
    <div role={tone === 'warning' ? 'alert' : 'status'} className={`note note-${tone}`}>
      {children}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}
