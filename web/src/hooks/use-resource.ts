import { useCallback, useEffect, useRef, useState } from 'react';
import { asApiError, type ApiError } from '../api/client.ts';

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  /** Fetches again; the current data stays on screen meanwhile. */
  reload: () => Promise<void>;
  /** Replaces the data with what an action answered (e.g. the cart after an add). */
  setData: (data: T) => void;
}

/** Loads something from the API when `key` changes; stale answers to an older key are dropped. */
export function useResource<T>(key: string | null, load: () => Promise<T>): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(key !== null);
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);

  const reload = useCallback(async () => {
    if (key === null) return;
    const mine = ++generation.current;
    setLoading(true);
    try {
      const value = await loadRef.current();
      if (mine !== generation.current) return;
      setData(value);
      setError(null);
    } catch (caught) {
      if (mine === generation.current) setError(asApiError(caught));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, [key]);

  useEffect(() => {
    setData(undefined);
    setError(null);
    void reload();
  }, [reload]);

  return { data, error, loading, reload, setData };
}
