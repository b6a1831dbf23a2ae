// An import's result: 导入完成 or 导入被拒绝 with what to do about it, the rejected rows as a
// download, one line per file, and every problem in a grid (file, sheet, row, column, reason).
import '../../logic/ag-grid-setup';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import {
  IMPORT_ISSUE_KIND_LABELS,
  TEXT_ENCODING_LABELS,
  type ImportIssue,
  type ImportIssueKind,
  type ImportReport,
} from '../../../shared/api/import';
import { downloadFile } from '../../logic/csv';
import { gridTheme } from '../GridPane';

/** An empty text cell shows a dash. */
const orDash = (p: { value: string | null | undefined }) => p.value ?? '—';

const ISSUE_COLUMNS: ColDef<ImportIssue>[] = [
  { field: 'file', headerName: '文件', width: 180, tooltipField: 'file' },
  { field: 'sheet', headerName: '工作表', width: 110, valueFormatter: orDash },
  {
    field: 'row',
    headerName: '行',
    width: 80,
    type: 'rightAligned',
    valueFormatter: (p) => (p.value === null || p.value === undefined ? '—' : String(p.value)),
  },
  { field: 'column', headerName: '列', width: 140, valueFormatter: orDash },
  { field: 'value', headerName: '值', width: 120, valueFormatter: orDash, tooltipField: 'value' },
  {
    field: 'kind',
    headerName: '类别',
    width: 156,
    valueFormatter: (p) => (p.value ? IMPORT_ISSUE_KIND_LABELS[p.value as ImportIssueKind] : ''),
  },
  // Long reasons wrap: the row grows to show all of it.
  { field: 'reason', headerName: '原因', flex: 1, minWidth: 300, cellClass: 'issue-reason', wrapText: true, autoHeight: true },
];

const STATUS_TEXT = { imported: '已导入', unchanged: '未变化（重复文件）', rejected: '被拒绝' } as const;

/** 地区/部门/指标名称 1 处、数值或单位 2 处 … */
function kindSummary(report: ImportReport): string {
  return (Object.entries(report.errorKinds) as [ImportIssueKind, number][])
    .map(([k, n]) => `${IMPORT_ISSUE_KIND_LABELS[k]} ${n.toLocaleString('en-US')} 处`)
    .join('、');
}

export function ImportReportPanel({ report }: { report: ImportReport }) {
  return (
    <section className={`panel import-result ${report.ok ? 'is-ok' : 'is-rejected'}`} data-testid="import-report">
      <ReportHeader report={report} />
      {!report.ok && <RejectedNotes report={report} />}
      <FileResults report={report} />
      {report.errors.length > 0 && (
        <div className="issues-grid" data-testid="import-errors" style={{ height: Math.min(480, 34 + report.errors.length * 62 + 18) }}>
          <AgGridReact<ImportIssue>
            theme={gridTheme}
            rowHeight={30}
            headerHeight={32}
            rowData={report.errors}
            columnDefs={ISSUE_COLUMNS}
            defaultColDef={{ sortable: true, resizable: true }}
            enableCellTextSelection
            tooltipShowDelay={300}
          />
        </div>
      )}
    </section>
  );
}

function ReportHeader({ report }: { report: ImportReport }) {
  return (
    <header className="panel-header">
      {report.ok ? (
        <h3 className="result-title ok">导入完成</h3>
      ) : (
        <h3 className="result-title rejected" data-testid="import-rejected">
          导入被拒绝：共 {report.errorTotal.toLocaleString('en-US')} 处错误，未写入任何数据
        </h3>
      )}
      {report.rejects && (
        <div className="panel-actions">
          <button
            type="button"
            className="btn"
            data-testid="import-rejects"
            title="被拒绝的行原样导出，另加“原因”列，可发回各市修改后重新报送"
            onClick={() => downloadFile(report.rejects!.fileName, report.rejects!.bytes as BlobPart, report.rejects!.mime)}
          >
            下载被拒绝的行（{report.rejects.rows.toLocaleString('en-US')} 行，Excel）
          </button>
        </div>
      )}
    </header>
  );
}

function RejectedNotes({ report }: { report: ImportReport }) {
  return (
    <div className="import-notes" data-testid="import-notes">
      <p>{kindSummary(report)}。改正后重新导入；任何文件有错误时，所有文件都不写入。</p>
      {(report.errorKinds.conflict ?? 0) > 0 && (
        <p>
          其中 {report.errorKinds.conflict!.toLocaleString('en-US')}{' '}
          处与已有数据冲突：如要以新文件为准，请改正其他错误后勾选“替换已有数据”重新导入（被替换的数值可在下方“导入批次”中撤销恢复）。
        </p>
      )}
      {report.rejects?.truncated && <p>被拒绝的行太多，下载的文件只含前 {report.rejects.rows.toLocaleString('en-US')} 行。</p>}
    </div>
  );
}

function FileResults({ report }: { report: ImportReport }) {
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th>文件</th>
          <th>结果</th>
          <th>格式</th>
          <th className="num">写入条数</th>
          <th className="num">替换</th>
          <th>问题</th>
        </tr>
      </thead>
      <tbody>
        {report.files.map((f) => (
          <tr key={f.file + f.sha256} className={`status-${f.status}`}>
            <td>{f.file}</td>
            <td>
              <span className={`status-pill ${f.status}`}>{STATUS_TEXT[f.status]}</span>
              {f.status === 'imported' && f.batchId !== null && <span className="muted small"> 批次 {f.batchId}</span>}
              {f.status === 'unchanged' && f.duplicateOf !== null && <span className="muted small"> 与批次 {f.duplicateOf} 相同</span>}
            </td>
            <td>
              {f.format === 'long' ? '长表' : f.format === 'wide' ? '宽表' : f.format === 'mixed' ? '混合' : '—'}
              {f.encoding && (
                <span className="muted small" data-testid="import-encoding" title="CSV 文件按此编码读取">
                  {' '}
                  · {TEXT_ENCODING_LABELS[f.encoding]}
                </span>
              )}
            </td>
            {/* Nothing of a rejected file was written: no count that could read as imported. */}
            <td className="num">{f.status === 'imported' ? f.facts.toLocaleString('en-US') : '—'}</td>
            <td className="num">{f.status === 'imported' ? f.replaced.toLocaleString('en-US') : '—'}</td>
            <td>
              {f.issues > 0
                ? `${f.issues.toLocaleString('en-US')} 处错误${f.rejectedRows > 0 ? `，涉及 ${f.rejectedRows.toLocaleString('en-US')} 行` : ''}`
                : f.status === 'rejected'
                  ? '本文件无错误，因其他文件有错误未写入'
                  : '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
