// The workstation: header with the data status, the view nav and saved views, the filter bar,
// and the active view.
import { ExportMenu } from './components/ExportMenu';
import { Suspense, lazy, useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Catalogue } from '../shared/api/catalogue-types';
import type { DataInfo } from '../shared/api/operations';
import type { ViewState } from '../shared/api/views';
import { ErrorBoundary } from './components/ErrorBoundary';
import { ErrorBanner, Spinner } from './components/feedback';
import { FilterBar } from './components/FilterBar';
import { SavedViews } from './components/SavedViews';
import { useApiContext } from './data/api-context';
import { READY_EVENT, RenderTrackerProvider, useReady } from './data/render-tracker';
import { useOperation } from './data/use-operation';
import { datePresets, defaultRange } from './state/presets';
import { VIEW_LABELS, initialViewState, viewReducer, type ViewAction, type ViewKind } from './state/view-state';
import { WorkstationContext, type Workstation } from './state/workstation-context';
import { OverviewView } from './views/OverviewView';
import { UrlStateSync } from './components/UrlStateSync';
import { startupView } from './state/view-link';
import { DatabaseMenu } from './database/DatabaseMenu';
import { FindingDraftProvider } from './components/inspection/FindingDraftProvider';
import { ServerProvider } from './components/server/ServerProvider';
import { ServerStatusChip } from './components/server/ServerStatusChip';

// The grid (ag-grid) and the charts (ECharts) are most of the code: loaded when first opened, so
// the window shows the overview sooner.
const GridView = lazy(() => import('./views/GridView').then((m) => ({ default: m.GridView })));
const ChartsView = lazy(() => import('./views/ChartsView').then((m) => ({ default: m.ChartsView })));
const CompletenessView = lazy(() => import('./views/CompletenessView').then((m) => ({ default: m.CompletenessView })));
const ImportView = lazy(() => import('./views/ImportView').then((m) => ({ default: m.ImportView })));
const InspectionView = lazy(() => import('./views/InspectionView').then((m) => ({ default: m.InspectionView })));
const ReviewView = lazy(() => import('./views/ReviewView').then((m) => ({ default: m.ReviewView })));
const FilingBoardView = lazy(() => import('./views/FilingBoardView').then((m) => ({ default: m.FilingBoardView })));

function ViewLoading() {
  useReady(false);
  return (
    <div className="view">
      <Spinner label="正在加载视图…" />
    </div>
  );
}

export const APP_NAME = '专项行动统计分析工作站';

export function App() {
  const catalogue = useOperation('catalogue', {});
  const error = catalogue.error;
  if (catalogue.data) return <Shell catalogue={catalogue.data} />;
  return (
    <div className="app-loading">
      <div className="app-title">{APP_NAME}</div>
      {error ? <ErrorBanner error={error} onRetry={() => window.location.reload()} /> : <Spinner label="正在打开数据库…" />}
    </div>
  );
}

interface Versioned {
  view: ViewState;
  version: number;
}

function versionedReducer(s: Versioned, action: ViewAction): Versioned {
  const view = viewReducer(s.view, action);
  return view === s.view ? s : { view, version: s.version + 1 };
}

const NAV: { view: ViewKind; icon: string }[] = [
  { view: 'overview', icon: '▦' },
  { view: 'grid', icon: '☷' },
  { view: 'charts', icon: '▥' },
  { view: 'completeness', icon: '◔' },
  { view: 'import', icon: '⇪' },
  { view: 'inspection', icon: '⚑' },
  { view: 'review', icon: '✓' },
  { view: 'filing', icon: '▤' },
];

/**
 * The data status (info) is asked for once the first view is drawn: on a large database it takes
 * a while, and the first view does not need it.
 */
function useDeferredInfo(): { info: DataInfo | null; loading: boolean; error: Error | null } {
  const [wanted, setWanted] = useState(false);
  useEffect(() => {
    const want = () => setWanted(true);
    window.addEventListener(READY_EVENT, want, { once: true });
    const t = setTimeout(want, 4000);
    return () => {
      window.removeEventListener(READY_EVENT, want);
      clearTimeout(t);
    };
  }, []);
  const info = useOperation('info', wanted ? {} : null);
  return { info: info.data ?? null, loading: wanted && info.loading, error: info.error };
}

function Shell({ catalogue }: { catalogue: Catalogue }) {
  const { invalidate } = useApiContext();
  const { info, loading: refreshing, error: infoError } = useDeferredInfo();
  // The view in the address (a link), else the one shown last, else the default.
  const [startup] = useState(() =>
    startupView(
      catalogue,
      initialViewState({ ...defaultRange(catalogue, null, null), regions: [], departments: [], indicators: [], compare: null }),
    ),
  );
  const [{ view: state, version }, dispatch] = useReducer(versionedReducer, null, () => ({ view: startup.state, version: 1 }));
  // The first range is the latest campaign; if the data turns out to lie elsewhere and the user
  // has not touched anything yet (nor opened a link or the last view), move to where the data is.
  const adjusted = useRef(startup.source !== null);
  useEffect(() => {
    if (!info || adjusted.current) return;
    adjusted.current = true;
    if (version !== 1) return;
    const r = defaultRange(catalogue, info.from, info.to);
    if (r.from !== state.filter.from || r.to !== state.filter.to) dispatch({ type: 'filter', action: { type: 'setRange', ...r } });
  }, [info, version, catalogue, state.filter.from, state.filter.to]);
  const presets = useMemo(() => datePresets(catalogue, info?.to ?? null), [catalogue, info?.to]);
  const refreshInfo = useCallback(() => invalidate(['facts', 'batches']), [invalidate]);
  const ws = useMemo<Workstation>(
    () => ({ catalogue, info, state, dispatch, presets, refreshInfo }),
    [catalogue, info, state, presets, refreshInfo],
  );

  return (
    <WorkstationContext.Provider value={ws}>
      <RenderTrackerProvider version={version}>
        <FindingDraftProvider>
          <ServerProvider>
            <div className="app">
              <header className="topbar">
                <div className="brand">
                  <span className="brand-mark" aria-hidden>
                    警
                  </span>
                  <div>
                    <div className="brand-name">{APP_NAME}</div>
                    <div className="brand-sub">山西省公安厅 · 夏季治安打击整治行动</div>
                  </div>
                </div>
                <DatabaseMenu />
                <div className="data-status" data-testid="data-status" data-loaded={info ? 'true' : 'false'}>
                  {refreshing && <Spinner label={info ? '' : '正在统计数据概况…'} />}
                  {infoError && !info && <span className="status-error">数据概况读取失败：{infoError.message}</span>}
                  {info && (
                    <>
                      <span>
                        数据 <strong className="num">{info.facts.toLocaleString('en-US')}</strong> 条
                      </span>
                      <span className="sep">·</span>
                      <span>{info.from && info.to ? `${info.from} 至 ${info.to}` : '尚无数据'}</span>
                      <span className="sep">·</span>
                      <span>{info.reportingUnits} 个报送单位</span>
                      <span className="sep">·</span>
                      <span>{info.indicators} 项指标</span>
                      {info.engine.kind === 'sql' && (
                        <span className="engine-slow" data-testid="engine-slow" title={info.engine.reason ?? undefined}>
                          慢速查询模式
                        </span>
                      )}
                    </>
                  )}
                </div>
                <ServerStatusChip />
                <ExportMenu />
              </header>
              <div className="body">
                <nav className="sidenav" aria-label="视图">
                  <ul className="nav-list">
                    {NAV.map((n) => (
                      <li key={n.view}>
                        <button
                          type="button"
                          className={state.view === n.view ? 'nav-item active' : 'nav-item'}
                          aria-current={state.view === n.view ? 'page' : undefined}
                          data-view={n.view}
                          onClick={() => dispatch({ type: 'setView', view: n.view })}
                        >
                          <span className="nav-icon" aria-hidden>
                            {n.icon}
                          </span>
                          {VIEW_LABELS[n.view]}
                        </button>
                      </li>
                    ))}
                  </ul>
                  <SavedViews />
                </nav>
                <main className="main">
                  <FilterBar />
                  <UrlStateSync startup={startup} />
                  <ErrorBoundary resetKey={state.view}>
                    <Suspense fallback={<ViewLoading />}>
                      {state.view === 'overview' && <OverviewView />}
                      {state.view === 'grid' && <GridView />}
                      {state.view === 'charts' && <ChartsView />}
                      {state.view === 'completeness' && <CompletenessView />}
                      {state.view === 'import' && <ImportView />}
                      {state.view === 'inspection' && <InspectionView />}
                      {state.view === 'review' && <ReviewView />}
                      {state.view === 'filing' && <FilingBoardView />}
                    </Suspense>
                  </ErrorBoundary>
                </main>
              </div>
            </div>
          </ServerProvider>
        </FindingDraftProvider>
      </RenderTrackerProvider>
    </WorkstationContext.Provider>
  );
}
