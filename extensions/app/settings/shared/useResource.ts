// Copy of extensions/app/shared/useResource.ts, made by scripts/gen-extension-shared.ts (HubSpot builds each UI folder alone): edit the original.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiFailure } from './api.js';

/** What a component shows while data loads: loading, the data, or a failure to explain. */
export type Resource<T> =
  { state: 'loading' } | { state: 'ok'; data: T } | { state: 'error'; error: ApiFailure };

export interface UseResource<T> {
  resource: Resource<T>;
  /** Loads again (after an error, or after a change). */
  reload: () => void;
  /** Replaces the data without a request (e.g. with what a write answered). */
  setData: (data: T) => void;
}

export const asFailure = (error: unknown): ApiFailure =>
  error instanceof ApiFailure
    ? error
    : new ApiFailure('bad_response', null, error instanceof Error ? error.message : String(error));

/**
 * Runs `load` when `key` changes or on reload. Only the newest request may set
 * state, so a slow answer for an old filter never overwrites a newer one.
 */
export function useResource<T>(load: () => Promise<T>, key: string): UseResource<T> {
  const [resource, setResource] = useState<Resource<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const id = ++latest.current;
    setResource({ state: 'loading' });
    loadRef.current().then(
      (data) => {
        if (latest.current === id) setResource({ state: 'ok', data });
      },
      (error: unknown) => {
        if (latest.current === id) setResource({ state: 'error', error: asFailure(error) });
      },
    );
    return () => {
      // Unmounted or superseded: drop whatever this request answers.
      if (latest.current === id) latest.current++;
    };
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const setData = useCallback((data: T) => setResource({ state: 'ok', data }), []);
  return { resource, reload, setData };
}
