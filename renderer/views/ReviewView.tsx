// 报送审核: the cities' submissions, 待审核 first; the selected one's report (what units and days it
// covers, every problem by file/sheet/row/column); an analyst 采用 or 退回 (with a reason). A city or
// inspector account sees its own city's submissions here, with the 退回 reason, and cannot decide.
import { useEffect, useMemo, useState } from 'react';
import type { SubmissionJson, SubmissionStatus } from '../../shared/api/central';
import { useApiContext } from '../data/api-context';
import { useReady } from '../data/render-tracker';
import { useOperation } from '../data/use-operation';
import { EmptyState, ErrorBanner, Spinner } from '../components/feedback';
import { Segmented } from '../components/Segmented';
import { NotConnected } from '../components/server/NotConnected';
import { ReturnDialog } from '../components/server/ReturnDialog';
import { SubmissionReport } from '../components/server/SubmissionReport';
import { useServer } from '../components/server/server-context';
import { countByStatus, sortSubmissions, STATUS_ORDER } from '../logic/submissions';
import { AcceptConfirm } from './review/AcceptConfirm';
import { SubmissionList } from './review/SubmissionList';
import { useSubmissionDecision } from './review/use-decision';

type Filter = SubmissionStatus | 'all';

export function ReviewView() {
  const { status } = useServer();
  const connected = status?.connected === true;
  if (!connected) {
    return (
      <div className="view review-view" data-testid="review-view">
        <h2>报送审核</h2>
        <NotConnected what="查看各市的报送" />
      </div>
    );
  }
  return <ConnectedReview analyst={status?.user?.role === 'analyst'} city={status?.user?.region ?? null} />;
}

function ConnectedReview({ analyst, city }: { analyst: boolean; city: string | null }) {
  const { api } = useApiContext();
  const { refresh } = useServer();
  const list = useOperation('listSubmissions', {});
  useReady(list.current || list.error !== null);
  const [filter, setFilter] = useState<Filter>('all');
  const [selected, setSelected] = useState<number | null>(null);
  const [confirm, setConfirm] = useState<SubmissionJson | null>(null);
  const [returning, setReturning] = useState<SubmissionJson | null>(null);
  const { busy, error, clearError, notice, clearNotice, decide } = useSubmissionDecision(api, refresh);

  const all = useMemo(() => sortSubmissions(list.data?.submissions ?? []), [list.data]);
  const counts = useMemo(() => countByStatus(all), [all]);
  const shown = useMemo(() => (filter === 'all' ? all : all.filter((s) => s.status === filter)), [all, filter]);
  // The first waiting submission is selected when none is.
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- selects once the list has loaded
    if (selected === null && shown.length > 0) setSelected(shown[0]!.id);
  }, [selected, shown]);
  const current = all.find((s) => s.id === selected) ?? null;

  return (
    <div className="view review-view" data-testid="review-view">
      <div className="view-toolbar">
        <h2>{analyst ? '报送审核' : `报送记录 · ${city ?? '本市'}`}</h2>
        <Segmented
          label="按状态"
          testId="submission-filter"
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: `全部 ${all.length}` },
            ...STATUS_ORDER.map((st) => ({ value: st, label: `${st} ${counts[st]}` })),
          ]}
        />
        {list.loading && <Spinner label="正在读取报送…" />}
      </div>
      {list.error && <ErrorBanner error={list.error} />}
      {error !== null && <ErrorBanner error={error} onDismiss={clearError} />}
      {notice && (
        <div className="banner banner-info" role="status" data-testid="review-notice">
          <span className="banner-text">{notice}</span>
          <button type="button" className="btn-icon" aria-label="关闭" onClick={clearNotice}>
            ×
          </button>
        </div>
      )}
      <div className="review-body">
        <div className="panel review-list">
          {shown.length === 0 && list.current ? (
            <EmptyState
              title={filter === 'all' ? '还没有报送' : `没有${filter}的报送`}
              hint={analyst ? '各市上报的报表会出现在这里。' : '本市报送的报表会出现在这里。'}
            />
          ) : (
            <SubmissionList submissions={shown} selected={selected} onSelect={setSelected} />
          )}
        </div>
        <div className="panel review-detail">
          {current ? (
            <SubmissionReport
              key={current.id}
              submission={current}
              actions={
                analyst && current.status === '待审核' ? (
                  <DecisionButtons busy={busy} onAccept={() => setConfirm(current)} onReturn={() => setReturning(current)} />
                ) : null
              }
            />
          ) : (
            <EmptyState title="选择一条报送" hint="左侧列表中选择一条报送，查看它的校验报告和覆盖的单位。" />
          )}
        </div>
      </div>
      {confirm && (
        <AcceptConfirm
          submission={confirm}
          onAccept={() => {
            setConfirm(null);
            void decide({ id: confirm.id, decision: 'accept' });
          }}
          onCancel={() => setConfirm(null)}
        />
      )}
      {returning && (
        <ReturnDialog
          submission={returning}
          onCancel={() => setReturning(null)}
          onReturn={async (reason) => {
            const ok = await decide({ id: returning.id, decision: 'return', reason });
            if (ok) setReturning(null);
            return ok;
          }}
        />
      )}
    </div>
  );
}

/** An analyst's 采用 and 退回 for a submission 待审核. */
function DecisionButtons({ busy, onAccept, onReturn }: { busy: boolean; onAccept(): void; onReturn(): void }) {
  return (
    <>
      <button type="button" className="btn btn-primary" disabled={busy} onClick={onAccept} data-testid="submission-accept">
        采用
      </button>
      <button type="button" className="btn" disabled={busy} onClick={onReturn} data-testid="submission-return">
        退回
      </button>
    </>
  );
}
