// What a merge of a 督导回传 did: findings added and updated, attachments, corrections applied (the
// batch, undoable in 导入), corrections skipped, and conflicts with both values. A return merged
// before says 已合并过, above the counts of that first merge (what the core keeps).
import type { MergeReport } from '../../../shared/api/inspection';

export function MergeReportView({ report }: { report: MergeReport }) {
  const show = (v: number | null) => (v === null ? '未报' : v.toLocaleString('en-US'));
  return (
    <div className="insp-merge-report" data-testid="merge-report" data-already={report.alreadyMerged ? 'true' : 'false'}>
      {report.alreadyMerged ? (
        <div className="banner insp-banner-info" data-testid="merge-already">
          该督导回传已合并过（{report.city}，{report.team}），本次未作任何更改。以下为上次合并的结果：
        </div>
      ) : (
        <div className="insp-merge-head">
          已合并 <strong>{report.city}</strong> 督导回传（{report.team}）
        </div>
      )}
      <table className="insp-table insp-merge-counts">
        <tbody>
          <tr>
            <th>新增督导发现</th>
            <td className="num" data-testid="merge-added">
              {report.findingsAdded}
            </td>
          </tr>
          <tr>
            <th>更新督导发现</th>
            <td className="num" data-testid="merge-updated">
              {report.findingsUpdated}
            </td>
          </tr>
          <tr>
            <th>新增附件</th>
            <td className="num" data-testid="merge-attachments">
              {report.attachmentsAdded}
            </td>
          </tr>
          <tr>
            <th>采用核实更正</th>
            <td className="num" data-testid="merge-applied">
              {report.correctionsApplied}
              {report.batchId !== null && <span className="muted small">（导入批次 #{report.batchId}，可在“导入”中撤销）</span>}
            </td>
          </tr>
          {report.correctionsSkipped > 0 && (
            <tr>
              <th>此前已合并的更正</th>
              <td className="num">{report.correctionsSkipped}</td>
            </tr>
          )}
          <tr>
            <th>冲突未采用</th>
            <td className={report.conflicts.length > 0 ? 'num insp-overdue-text' : 'num'} data-testid="merge-conflicts">
              {report.conflicts.length}
            </td>
          </tr>
        </tbody>
      </table>
      {report.conflicts.length > 0 && (
        <>
          <div className="insp-subhead">以下更正未采用：导出督导包后省厅数字已有变化，请核对后处理</div>
          <table className="insp-table" data-testid="merge-conflict-table">
            <thead>
              <tr>
                <th>单位</th>
                <th>指标</th>
                <th>日期</th>
                <th className="num">督导包中原值</th>
                <th className="num">省厅现值</th>
                <th className="num">督导组更正值</th>
              </tr>
            </thead>
            <tbody>
              {report.conflicts.map((c) => (
                <tr key={c.correction}>
                  <td>{c.region_name}</td>
                  <td>{c.indicator}</td>
                  <td>{c.day}</td>
                  <td className="num">{show(c.bundle_value)}</td>
                  <td className="num">{show(c.province_value)}</td>
                  <td className="num">{show(c.corrected_value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
