// 导入: files in, progress, per-file outcome, every rejected row; the batch list with undo.
import { useMemo, useRef, useState } from 'react';
import '../logic/ag-grid-setup';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import { IMPORT_ISSUE_KIND_LABELS, TEXT_ENCODING_LABELS, type ImportIssue, type ImportIssueKind, type ImportReport, type BatchInfo } from '../../shared/api/import';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorBanner, Spinner } from '../components/feedback';
import { TemplateDownload } from '../components/TemplateDownload';
import { downloadFile } from '../logic/csv';
import { useApiContext } from '../data/api-context';
import { useOperation } from '../data/use-operation';
import { useReady } from '../data/render-tracker';
import { gridTheme } from './GridPane';
import { beijingClock, beijingTime } from '../../shared/beijing-time';

type Stage = 'idle' | 'reading' | 'uploading' | 'done' | 'failed';

const STAGES: { id: Exclude<Stage, 'idle' | 'done' | 'failed'> | 'checking'; label: string }[] = [
  { id: 'reading', label: '读取文件' },
  { id: 'uploading', label: '上传' },
  { id: 'checking', label: '校验并写入' },
];

const orDash = (p: { value: string | null | undefined }) => p.value ?? '—';

const ISSUE_COLUMNS: ColDef<ImportIssue>[] = [
  { field: 'file', headerName: '文件', width: 180, tooltipField: 'file' },
  { field: 'sheet', headerName: '工作表', width: 110, valueFormatter: orDash },
  { field: 'row', headerName: '行', width: 80, type: 'rightAligned', valueFormatter: (p) => (p.value === null || p.value === undefined ? '—' : String(p.value)) },
  { field: 'column', headerName: '列', width: 140, valueFormatter: orDash },
  { field: 'value', headerName: '值', width: 120, valueFormatter: orDash, tooltipField: 'value' },
  { field: 'kind', headerName: '类别', width: 156, valueFormatter: (p) => (p.value ? IMPORT_ISSUE_KIND_LABELS[p.value as ImportIssueKind] : '') },
  // Long reasons wrap: the row grows to show all of it.
  { field: 'reason', headerName: '原因', flex: 1, minWidth: 300, cellClass: 'issue-reason', wrapText: true, autoHeight: true },
];

/** 地区/部门/指标名称 1 处、数值或单位 2 处 … */
function kindSummary(report: ImportReport): string {
  return (Object.entries(report.errorKinds) as [ImportIssueKind, number][]).map(([k, n]) => `${IMPORT_ISSUE_KIND_LABELS[k]} ${n.toLocaleString('en-US')} 处`).join('、');
}

const STATUS_TEXT = { imported: '已导入', unchanged: '未变化（重复文件）', rejected: '被拒绝' } as const;

export function ImportView() {
  // The result of import and undo says what changed; the api context drops what it made stale.
  const { api } = useApiContext();
  const infoQuery = useOperation('info', {});
  const info = infoQuery.data;
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [replace, setReplace] = useState(false);
  const [stage, setStage] = useState<Stage>('idle');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [undoing, setUndoing] = useState<BatchInfo | null>(null);
  const [undoMessage, setUndoMessage] = useState<string | null>(null);
  const busy = stage === 'reading' || stage === 'uploading';

  const run = async () => {
    if (files.length === 0) return;
    setError(null);
    setReport(null);
    setStage('reading');
    try {
      const payload = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      setStage('uploading');
      const r = await api.call('import', { files: payload, replace, rejects: true });
      setReport(r);
      setStage('done');
    } catch (e) {
      setError(e);
      setStage('failed');
    }
  };

  const undo = async (b: BatchInfo) => {
    setUndoing(null);
    setError(null);
    try {
      const r = await api.call('undo', { batchId: b.id });
      setUndoMessage(`已撤销批次 ${r.batchId}：移除 ${r.removed.toLocaleString('en-US')} 条，恢复 ${r.restored.toLocaleString('en-US')} 条${r.backup ? `（撤销前备份：${r.backup}）` : ''}`);
    } catch (e) {
      setError(e);
    }
  };

  const batches = useMemo(() => [...(info?.batches ?? [])].sort((a, b) => b.id - a.id), [info?.batches]);
  useReady(infoQuery.current || infoQuery.error !== null);
  const stageIndex = stage === 'reading' ? 0 : stage === 'uploading' ? 1 : stage === 'done' ? 3 : -1;

  return (
    <div className="view import-view" data-testid="import-view">
      <div className="view-toolbar">
        <h2>导入</h2>
        <span className="muted">各市报表：CSV 或 Excel（.xlsx），长表或宽表。任何文件有错误时，全部不写入。</span>
      </div>
      {error !== null && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      {undoMessage && (
        <div className="banner banner-info" role="status">
          <span className="banner-text">{undoMessage}</span>
          <button type="button" className="btn-icon" aria-label="关闭" onClick={() => setUndoMessage(null)}>
            ×
          </button>
        </div>
      )}
      <section className="panel import-panel">
        <div className="import-form">
          <label className="btn file-button">
            选择文件…
            <input
            ref={input}
            className="visually-hidden"
            type="file"
            multiple
            accept=".csv,.xlsx"
            data-testid="import-files"
            onChange={(e) => {
              setFiles(Array.from(e.target.files ?? []));
              setReport(null);
              setStage('idle');
            }}
          />
          </label>
          <span className="muted small">{files.length === 0 ? '未选择文件（.csv / .xlsx，可多选）' : `已选 ${files.length} 个文件`}</span>
          <label className="inline-field">
            <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} data-testid="import-replace" />
            替换已有数据
            <span className="muted small">（同一单位、日期、指标已有数值时以新文件为准；可撤销）</span>
          </label>
          <button type="button" className="btn btn-primary" disabled={files.length === 0 || busy} onClick={() => void run()} data-testid="import-run">
            {busy ? '导入中…' : files.length ? `导入 ${files.length} 个文件` : '导入'}
          </button>
        </div>
        {files.length > 0 && (
          <ul className="file-list">
            {files.map((f) => (
              <li key={f.name}>
                {f.name} <span className="muted small">{(f.size / 1024).toFixed(1)} KB</span>
              </li>
            ))}
          </ul>
        )}
        {/* The stages while it runs, and ticked only when it succeeded: a rejected import shows its result below. */}
        {(busy || (stage === 'done' && report?.ok)) && (
          <ol className="stepper" data-testid="import-progress">
            {STAGES.map((s, i) => (
              <li key={s.id} className={stageIndex > i || stage === 'done' ? 'done' : stageIndex === i || (i === 2 && stage === 'uploading') ? 'active' : ''}>
                {s.label}
              </li>
            ))}
            {busy && <Spinner label={stage === 'reading' ? '正在读取文件…' : '正在上传、校验并写入，请稍候…'} />}
          </ol>
        )}
      </section>

      {report && (
        <section className={`panel import-result ${report.ok ? 'is-ok' : 'is-rejected'}`} data-testid="import-report">
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
          {!report.ok && (
            <div className="import-notes" data-testid="import-notes">
              <p>{kindSummary(report)}。改正后重新导入；任何文件有错误时，所有文件都不写入。</p>
              {(report.errorKinds.conflict ?? 0) > 0 && (
                <p>
                  其中 {report.errorKinds.conflict!.toLocaleString('en-US')} 处与已有数据冲突：如要以新文件为准，请改正其他错误后勾选“替换已有数据”重新导入（被替换的数值可在下方“导入批次”中撤销恢复）。
                </p>
              )}
              {report.rejects?.truncated && <p>被拒绝的行太多，下载的文件只含前 {report.rejects.rows.toLocaleString('en-US')} 行。</p>}
            </div>
          )}
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
                    {f.encoding && <span className="muted small" data-testid="import-encoding" title="CSV 文件按此编码读取"> · {TEXT_ENCODING_LABELS[f.encoding]}</span>}
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
          {report.errors.length > 0 && (
            <div className="issues-grid" data-testid="import-errors" style={{ height: Math.min(480, 34 + report.errors.length * 62 + 18) }}>
              <AgGridReact<ImportIssue> theme={gridTheme} rowHeight={30} headerHeight={32} rowData={report.errors} columnDefs={ISSUE_COLUMNS} defaultColDef={{ sortable: true, resizable: true }} enableCellTextSelection tooltipShowDelay={300} />
            </div>
          )}
        </section>
      )}

      <TemplateDownload />

      <section className="panel" data-testid="batches">
        <header className="panel-header">
          <h3>导入批次</h3>
          <span className="muted small">撤销会移除该批次写入的数据，并恢复被它替换的数值</span>
        </header>
        {infoQuery.error && <ErrorBanner error={infoQuery.error} />}
        {!info && !infoQuery.error ? (
          <div className="pad">
            <Spinner label="正在读取批次…" />
          </div>
        ) : batches.length === 0 ? (
          <div className="muted pad">尚无导入批次</div>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th className="num">批次</th>
                <th>来源</th>
                <th className="num">条数</th>
                <th className="num">替换</th>
                <th>导入时间（北京时间）</th>
                <th>状态</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr key={b.id} className={b.undoneAt ? 'undone' : ''}>
                  <td className="num">{b.id}</td>
                  <td className="ellipsis" title={b.origin === 'server' ? `${b.source}（省厅批次 ${b.serverBatchId}，同步所得）` : b.source}>
                    <span className={`batch-origin batch-origin-${b.origin}`} data-testid={`origin-${b.id}`}>
                      {b.origin === 'server' ? '省厅' : '本地'}
                    </span>{' '}
                    {b.source}
                  </td>
                  <td className="num">{b.facts.toLocaleString('en-US')}</td>
                  <td className="num">{b.replaced.toLocaleString('en-US')}</td>
                  <td className="nowrap">{formatTime(b.importedAt)}</td>
                  <td>{b.undoneAt ? `已撤销（${beijingTime(b.undoneAt)}）` : '有效'}</td>
                  <td>
                    {/* A server batch is undone on the server; sync then undoes it here. */}
                    {!b.undoneAt && b.origin === 'local' && (
                      <button type="button" className="btn btn-small" onClick={() => setUndoing(b)} data-testid={`undo-${b.id}`}>
                        撤销
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {undoing && (
        <ConfirmDialog
          title={`撤销批次 ${undoing.id}？`}
          message={`将移除“${undoing.source}”写入的 ${undoing.facts.toLocaleString('en-US')} 条数据${undoing.replaced ? `，并恢复被它替换的 ${undoing.replaced.toLocaleString('en-US')} 条原值` : ''}。`}
          confirmLabel="撤销"
          danger
          onConfirm={() => void undo(undoing)}
          onCancel={() => setUndoing(null)}
        />
      )}
    </div>
  );
}

/** A stored time in Beijing time (the one zone the workstation prints), whatever the machine's zone; the column says 北京时间. */
export function formatTime(iso: string): string {
  return beijingClock(iso);
}
