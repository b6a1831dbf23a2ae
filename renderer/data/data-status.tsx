// Figures another program changed, and a core worker that was restarted: while a database is open
// (mounted inside DatabaseGate, afresh for each file) the page polls dataStatus every few seconds
// while it is shown and when it comes back into view, drops its cached answers when either
// changed, redraws, and says so in a short notice at the bottom of the window.
import { useCallback, useEffect, useRef, useState } from 'react';
import { CORE_RESTART_EVENT, type CoreRestartDetail } from '../api/client';
import { useApiContext, type ApiContextValue } from './api-context';
import { baselineAfterRestart, readStatus, type StatusBaseline } from './status-baseline';

/** How often the page asks whether the data changed, while it is shown. */
export const DATA_STATUS_POLL_MS = 3000;
/** How long the "已刷新" notice stays. */
const NOTICE_MS = 8000;

export const EXTERNAL_CHANGE_NOTICE = '数据已被其他程序更新，已刷新';
export const CORE_RESTARTED_NOTICE = '数据处理进程意外退出，已自动重启，页面已刷新；刚才未完成的操作请重做';

/**
 * Another program may have changed anything in the file: the cached answers of every operation
 * that reads the facts, the batches or the saved views go, and the views ask again.
 */
export function dropStaleAnswers(ctx: ApiContextValue): void {
  ctx.invalidate(['facts', 'batches', 'views']);
}

export interface DataNotice {
  kind: 'external' | 'restarted' | 'stopped';
  text: string;
  /** Bumped per notice, so a second change restarts the timer. */
  serial: number;
}

function useDataStatusWatch(): [DataNotice | null, () => void] {
  const ctx = useApiContext();
  const latest = useRef(ctx);
  // eslint-disable-next-line react-hooks/refs -- the newest context for the poll, started once
  latest.current = ctx;
  const [notice, setNotice] = useState<DataNotice | null>(null);
  const serial = useRef(0);
  // The status last seen; null: take the next answer as the baseline (first poll).
  const seen = useRef<StatusBaseline | null>(null);

  const show = useCallback((kind: DataNotice['kind'], text: string) => setNotice({ kind, text, serial: ++serial.current }), []);

  useEffect(() => {
    let inFlight = false;
    let stopped = false;
    const poll = () => {
      if (inFlight || stopped || document.visibilityState !== 'visible') return;
      inFlight = true;
      latest.current.api.call('dataStatus', {}).then(
        (status) => {
          inFlight = false;
          const { change, baseline } = readStatus(seen.current, status);
          seen.current = baseline;
          if (change === 'restarted') {
            dropStaleAnswers(latest.current);
            show('restarted', CORE_RESTARTED_NOTICE);
          } else if (change === 'external') {
            dropStaleAnswers(latest.current);
            show('external', EXTERNAL_CHANGE_NOTICE);
          }
        },
        // No database open yet, or the core is restarting: the next poll asks again.
        () => {
          inFlight = false;
        },
      );
    };
    const onRestart = (e: Event) => {
      const { kind, message, coreRestarts } = (e as CustomEvent<CoreRestartDetail>).detail;
      if (kind === 'stopped') stopped = true;
      // This restart is told now; a later one is still told by the poll, even before its next answer.
      seen.current = baselineAfterRestart(coreRestarts);
      dropStaleAnswers(latest.current);
      show(kind, message);
    };
    poll();
    const timer = window.setInterval(poll, DATA_STATUS_POLL_MS);
    window.addEventListener('focus', poll);
    document.addEventListener('visibilitychange', poll);
    window.addEventListener(CORE_RESTART_EVENT, onRestart);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', poll);
      document.removeEventListener('visibilitychange', poll);
      window.removeEventListener(CORE_RESTART_EVENT, onRestart);
    };
  }, [show]);

  // "已刷新" goes by itself; a restart stays until closed, a stopped core for good.
  useEffect(() => {
    if (notice?.kind !== 'external') return;
    const t = window.setTimeout(() => setNotice((n) => (n?.serial === notice.serial ? null : n)), NOTICE_MS);
    return () => window.clearTimeout(t);
  }, [notice]);

  return [notice, useCallback(() => setNotice(null), [])];
}

/** The notice at the top of the window; nothing while there is nothing to say. */
export function DataNotices() {
  const [notice, dismiss] = useDataStatusWatch();
  if (!notice) return null;
  const error = notice.kind !== 'external';
  return (
    <div className="data-notice-host">
      <div
        className={`banner data-notice ${error ? 'banner-error' : 'banner-info'}`}
        role={error ? 'alert' : 'status'}
        data-testid="data-notice"
        data-kind={notice.kind}
      >
        <span className="banner-text">{notice.text}</span>
        {notice.kind !== 'stopped' && (
          <button type="button" className="btn-icon" aria-label="关闭" onClick={dismiss}>
            ×
          </button>
        )}
      </div>
    </div>
  );
}
