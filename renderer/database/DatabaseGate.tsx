// Before the workstation: which database is open. None yet (first start, nothing remembered) →
// the first-start page. A switch clears every cached answer and remounts the workstation (keyed
// by the file), so no view keeps figures of the previous file.
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { WorkspaceState } from '../../shared/api/operations';
import { useApiContext } from '../data/api-context';
import { ErrorBanner, Spinner } from '../components/feedback';
import { DatabaseContext, type DatabaseContextValue } from './database-context';
import { DatabaseChooser } from './DatabaseChooser';

const APP_NAME = '专项行动统计分析工作站';

export function DatabaseGate({ children }: { children: ReactNode }) {
  const { api } = useApiContext();
  const [state, setState] = useState<WorkspaceState | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Bumped by every switch: reopening the same file still starts the workstation afresh.
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let stale = false;
    api.call('workspace', {}).then(
      (s) => !stale && setState(s),
      (e: unknown) => !stale && setError(e),
    );
    return () => {
      stale = true;
    };
  }, [api]);

  const switched = useCallback(
    // The switch's result (changed: database) already dropped every cached answer (api-context.tsx).
    (next: WorkspaceState) => {
      setGeneration((g) => g + 1);
      setState(next);
    },
    [],
  );
  const value = useMemo<DatabaseContextValue | null>(() => (state ? { state, switched } : null), [state, switched]);

  if (error) {
    return (
      <div className="app-loading">
        <div className="app-title">{APP_NAME}</div>
        <ErrorBanner error={error} onRetry={() => window.location.reload()} />
      </div>
    );
  }
  if (!state || !value) {
    return (
      <div className="app-loading">
        <div className="app-title">{APP_NAME}</div>
        <Spinner label="正在打开数据库…" />
      </div>
    );
  }
  if (state.path === null) {
    return (
      <div className="first-start" data-testid="first-start">
        <div className="first-start-card">
          <div className="app-title">{APP_NAME}</div>
          <p className="first-start-text">
            尚未打开数据库。演示数据由程序生成，只用于熟悉功能；正式工作请新建空数据库并导入各市报表，或打开已有的数据库。
          </p>
          <DatabaseChooser current={state} onSwitched={switched} layout="first" />
        </div>
      </div>
    );
  }
  return (
    <DatabaseContext.Provider value={value}>
      <DatabaseKeyed key={`${generation}|${state.path}`}>{children}</DatabaseKeyed>
    </DatabaseContext.Provider>
  );
}

function DatabaseKeyed({ children }: { children: ReactNode }) {
  return <>{children}</>;
}
