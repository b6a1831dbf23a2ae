// One submission's report: who sent what when, its state (and the 退回 reason), the units and days
// it covers, and every problem found, located by file/sheet/row/column as 导入 reports them.
import type { ReactNode } from 'react';
import { SUBMISSION_KIND_LABELS, type SubmissionJson } from '../../../shared/api/central';
import { useOperation } from '../../data/use-operation';
import { ErrorBanner, Spinner } from '../feedback';
import { localTime } from '../../logic/server-status';

export function SubmissionReport({ submission: s, actions }: { submission: SubmissionJson; actions: ReactNode }) {
  const detail = useOperation('submissionDetail', { id: s.id });
  const d = detail.current ? detail.data : undefined;
  return (
    <div className="sub-report" data-testid="submission-report" data-submission={s.id}>
      <div className="sub-report-head">
        <div className="sub-report-title">
          <span className={`sub-status sub-${s.status}`}>{s.status}</span>
          <h3 title={s.file}>{s.file}</h3>
        </div>
        <div className="sub-report-actions">{actions}</div>
      </div>
      <dl className="sub-facts">
        <dt>市</dt>
        <dd>{s.city}</dd>
        <dt>报送人</dt>
        <dd>{s.user}</dd>
        <dt>类型</dt>
        <dd>
          {SUBMISSION_KIND_LABELS[s.kind]}
          {s.replace ? '（申请替换已采用数据）' : ''}
        </dd>
        <dt>行数</dt>
        <dd className="num">{s.rows.toLocaleString('en-US')}</dd>
        <dt>日期</dt>
        <dd>{s.from && s.to ? (s.from === s.to ? s.from : `${s.from} 至 ${s.to}`) : '—'}</dd>
        <dt>报送时间</dt>
        <dd>{localTime(s.submitted_at)}</dd>
        {s.decided_at && (
          <>
            <dt>{s.status === '已退回' ? '退回' : '审核'}</dt>
            <dd>
              {s.decided_by ?? ''} {localTime(s.decided_at)}
              {s.batch_id !== null && <span className="muted">（省厅批次 {s.batch_id}）</span>}
            </dd>
          </>
        )}
      </dl>
      {s.status === '已退回' && s.reason && (
        <div className="sub-reason" data-testid="submission-reason">
          <span className="sub-reason-label">退回原因</span>
          {s.reason}
        </div>
      )}
      {detail.error && <ErrorBanner error={detail.error} />}
      {!d && !detail.error && <Spinner label="正在读取报送报告…" />}
      {d && (
        <>
          <h4 className="sub-section">
            覆盖单位 <span className="muted">{d.units.length} 个</span>
          </h4>
          {d.units.length === 0 ? (
            <div className="muted small">没有有效数据行。</div>
          ) : (
            <div className="sub-table-scroll">
              <table className="data-table" data-testid="submission-units">
                <thead>
                  <tr>
                    <th>单位</th>
                    <th className="num">数据条数</th>
                    <th>日期</th>
                  </tr>
                </thead>
                <tbody>
                  {d.units.map((u) => (
                    <tr key={u.code}>
                      <td>{u.name}</td>
                      <td className="num">{u.facts.toLocaleString('en-US')}</td>
                      <td className="nowrap">{u.from === u.to ? u.from : `${u.from} 至 ${u.to}`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h4 className="sub-section">
            校验问题{' '}
            <span className="muted">
              {d.problem_count === 0
                ? '无'
                : `${d.problem_count} 个${d.problem_count > d.problems.length ? `（列出前 ${d.problems.length} 个）` : ''}`}
            </span>
          </h4>
          {d.problems.length > 0 && (
            <div className="sub-table-scroll">
              <table className="data-table" data-testid="submission-problems">
                <thead>
                  <tr>
                    <th>文件</th>
                    <th>工作表</th>
                    <th className="num">行</th>
                    <th>列</th>
                    <th>值</th>
                    <th>原因</th>
                  </tr>
                </thead>
                <tbody>
                  {d.problems.map((p, i) => (
                    <tr key={i}>
                      <td className="ellipsis" title={p.file}>
                        {p.file}
                      </td>
                      <td>{p.sheet ?? '—'}</td>
                      <td className="num">{p.row ?? '—'}</td>
                      <td>{p.column ?? '—'}</td>
                      <td className="ellipsis" title={p.value ?? ''}>
                        {p.value ?? '—'}
                      </td>
                      <td className="wrap">{p.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}
