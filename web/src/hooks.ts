// Small hooks the pages share: data loaded from the API, and the time a long operation has taken.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";

export interface Loaded<T> { data?: T; error?: unknown; loading: boolean; reload: () => void }

/**
 * Runs `load` when `deps` change; the answer of a superseded run is dropped. A reload keeps what
 * is shown until its answer comes; other deps (another case) show nothing of the previous ones.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const key = JSON.stringify(deps);
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean; key?: string; tick?: number }>({ loading: true });
  const [tick, setTick] = useState(0);
  const run = useRef(0);
  useEffect(() => {
    const mine = ++run.current;
    setState((s) => (s.key === key ? { ...s, loading: true } : { loading: true, key }));
    load().then(
      (data) => { if (run.current === mine) setState({ data, loading: false, key, tick }); },
      (error) => { if (run.current === mine) setState({ error, loading: false, key, tick }); },
    );
  }, [key, tick]); // eslint-disable-line react-hooks/exhaustive-deps
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const current = state.key === key;
  // loading from the very render that asked for a reload, not only once its effect has run
  const loading = !current || state.loading || state.tick !== tick;
  return { data: current ? state.data : undefined, error: current ? state.error : undefined, loading, reload };
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
