import { useCallback, useRef, useState } from 'react';
import { asApiError, type ApiError } from '../api/client.ts';

export interface Action {
  /** Runs the call once at a time; resolves true when it worked. */
  run: (call: () => Promise<unknown>) => Promise<boolean>;
  pending: boolean;
  error: ApiError | null;
  clear: () => void;
}

/** The state of one button's call: pending while it runs, its error kept next to the button. */
export function useAction(): Action {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const busy = useRef(false);
  const run = useCallback(async (call: () => Promise<unknown>) => {
    if (busy.current) return false;
    busy.current = true;
    setPending(true);
    setError(null);
    try {
      await call();
      return true;
    } catch (caught) {
      setError(asApiError(caught));
      return false;
    } finally {
      busy.current = false;
      setPending(false);
    }
  }, []);
  const clear = useCallback(() => setError(null), []);
  return { run, pending, error, clear };
}
