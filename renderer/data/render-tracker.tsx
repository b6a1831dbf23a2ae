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

/** Runs `fn` in a task of its own, after whatever the browser does at the end of this one. */
function afterFrame(fn: () => void): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    fn();
  };
  channel.port2.postMessage(null);
}

export function RenderTrackerProvider({ version, children }: { version: number; children: ReactNode }) {
  const panels = useRef(new Map<string, boolean>());
  const versionRef = useRef(version);
  // eslint-disable-next-line react-hooks/refs -- the newest version for frames scheduled earlier
  versionRef.current = version;
  const scheduled = useRef(false);
  const marked = useRef(-1);
  // A frame or message still pending when the provider unmounts (a window closing, a test's
  // teardown) must not touch a document that may be gone by then.
  const alive = useRef(true);

  const tracker = useMemo<RenderTracker>(() => {
    const allReady = () => {
      for (const ready of panels.current.values()) if (!ready) return false;
      return true;
    };
    const mark = (v: number) => {
      if (!alive.current || versionRef.current !== v || marked.current === v || !allReady()) return;
      marked.current = v;
      document.documentElement.dataset.readyVersion = String(v);
      performance.mark(`campaign:ready:${v}`);
      window.dispatchEvent(new CustomEvent(READY_EVENT, { detail: v }));
    };
    const check = () => {
      scheduled.current = false;
      if (!alive.current) return;
      const v = versionRef.current;
      if (marked.current === v || !allReady()) return;
      // The next frame is the one that shows what the panels drew: its animation callbacks run
      // before the browser styles, lays out and paints it, and a message posted there is handled
      // right after — so the mark counts that paint, and no frame more.
      requestAnimationFrame(() => afterFrame(() => mark(v)));
    };
    const schedule = () => {
      if (scheduled.current) return;
      scheduled.current = true;
      // Every panel of one commit reports in the same task: one check for all of them.
      queueMicrotask(check);
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
    alive.current = true;
    return () => {
      alive.current = false;
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
