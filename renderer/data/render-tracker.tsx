// "Everything on screen shows the current filter": each data panel reports whether it has drawn
// its current answer; when all have, the app marks the state version as ready (a data attribute on
// <html>, a performance mark and an event) — what the benchmark and the end-to-end tests wait for.
import { createContext, useContext, useEffect, useId, useMemo, useRef, type ReactNode } from 'react';

export interface RenderTracker {
  report(id: string, ready: boolean): void;
  remove(id: string): void;
}

const TrackerContext = createContext<RenderTracker | null>(null);

export const READY_EVENT = 'campaign:ready';

export function RenderTrackerProvider({ version, children }: { version: number; children: ReactNode }) {
  const panels = useRef(new Map<string, boolean>());
  const versionRef = useRef(version);
  versionRef.current = version;
  const scheduled = useRef(false);
  const marked = useRef(-1);

  const tracker = useMemo<RenderTracker>(() => {
    const check = () => {
      scheduled.current = false;
      const v = versionRef.current;
      if (marked.current === v) return;
      for (const ready of panels.current.values()) if (!ready) return;
      // One frame later the browser has painted what the panels drew.
      requestAnimationFrame(() => {
        if (versionRef.current !== v || marked.current === v) return;
        for (const ready of panels.current.values()) if (!ready) return;
        marked.current = v;
        document.documentElement.dataset.readyVersion = String(v);
        performance.mark(`campaign:ready:${v}`);
        window.dispatchEvent(new CustomEvent(READY_EVENT, { detail: v }));
      });
    };
    const schedule = () => {
      if (scheduled.current) return;
      scheduled.current = true;
      setTimeout(check, 0);
    };
    return {
      report(id, ready) {
        panels.current.set(id, ready);
        schedule();
      },
      remove(id) {
        panels.current.delete(id);
        schedule();
      },
    };
  }, []);

  useEffect(() => {
    document.documentElement.dataset.stateVersion = String(version);
    tracker.report('__version', true);
  }, [version, tracker]);

  return <TrackerContext.Provider value={tracker}>{children}</TrackerContext.Provider>;
}

/** A panel reports whether it shows its current answer. */
export function useReady(ready: boolean): void {
  const tracker = useContext(TrackerContext);
  const id = useId();
  useEffect(() => {
    tracker?.report(id, ready);
  }, [tracker, id, ready]);
  useEffect(() => () => tracker?.remove(id), [tracker, id]);
}
