// Small hooks the pages share: data loaded from the API, and the time a long operation has taken.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";

export interface Loaded<T> { data?: T; error?: unknown; loading: boolean; reload: () => void }

/** Runs `load` when `deps` change; the answer of a superseded run is dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const run = useRef(0);
  useEffect(() => {
    const mine = ++run.current;
    setState((s) => ({ data: s.data, loading: true }));
    load().then(
      (data) => { if (run.current === mine) setState({ data, loading: false }); },
      (error) => { if (run.current === mine) setState({ error, loading: false }); },
    );
  }, [...deps, tick]); // eslint-disable-line react-hooks/exhaustive-deps
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

/** Milliseconds since `since` (null: not running), updated every half second. */
export function useElapsed(since: number | null): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (since === null) return;
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(id);
  }, [since]);
  return since === null ? 0 : Math.max(0, now - since);
}
