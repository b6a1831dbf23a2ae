// Loading, empty and error states: every panel shows one of these rather than a blank area.
import { useEffect, useState, type ReactNode } from 'react';
import { ApiError } from '../api/client';

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.user ? error.message : `操作失败：${error.message}`;
  if (error instanceof Error)
    return error.message.startsWith('Failed to fetch') ? '无法连接到数据服务，请确认工作站仍在运行' : error.message;
  return String(error);
}

export function ErrorBanner({ error, onRetry, onDismiss }: { error: unknown; onRetry?: () => void; onDismiss?: () => void }) {
  return (
    <div className="banner banner-error" role="alert">
      <span className="banner-icon" aria-hidden>
        !
      </span>
      <span className="banner-text">{errorMessage(error)}</span>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          重试
        </button>
      )}
      {onDismiss && (
        <button type="button" className="btn-icon" aria-label="关闭" onClick={onDismiss}>
          ×
        </button>
      )}
    </div>
  );
}

export function Spinner({ label = '加载中…' }: { label?: string }) {
  return (
    <span className="spinner-wrap" role="status">
      <span className="spinner" aria-hidden />
      <span>{label}</span>
    </span>
  );
}

export function EmptyState({ title = '没有数据', hint, children }: { title?: string; hint?: ReactNode; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <div className="empty-title">{title}</div>
      {hint && <div className="empty-hint">{hint}</div>}
      {children}
    </div>
  );
}

export const EMPTY_HINT = '所选日期、地区和指标下没有报送数据。可以换一个行动阶段、放宽地区或指标，或到“数据完整性”查看报送情况。';

export function Skeleton({ lines = 3, height = 14 }: { lines?: number; height?: number }) {
  return (
    <div className="skeleton" aria-busy>
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="skeleton-line" style={{ height, width: `${90 - i * 13}%` }} />
      ))}
    </div>
  );
}

/**
 * True once `loading` has lasted `delay` ms. Most answers come sooner: then nothing changes on
 * screen but the answer itself (no class that dims or animates, and repaints, the whole panel).
 */
export function useSlow(loading: boolean, delay = 300): boolean {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!loading) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- reset as loading ends, so the next load starts quiet
      setSlow(false);
      return;
    }
    const t = setTimeout(() => setSlow(true), delay);
    return () => clearTimeout(t);
  }, [loading, delay]);
  return loading && slow;
}

/** A thin bar at the top of a panel while a newer answer takes a while to load over the one shown. */
export function LoadingBar({ active }: { active: boolean }) {
  const slow = useSlow(active);
  return <div className={slow ? 'loading-bar active' : 'loading-bar'} aria-hidden />;
}

/** Over a panel's body: a spinner before its first answer, or the empty state when it has none. */
export function PanelOverlay({ loading, empty }: { loading: boolean; empty: boolean }) {
  if (!loading && !empty) return null;
  return <div className="overlay-center">{empty ? <EmptyState hint={EMPTY_HINT} /> : <Spinner />}</div>;
}
