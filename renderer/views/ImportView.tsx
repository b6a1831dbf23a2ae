// 导入: files in, progress, per-file outcome, every rejected row; the batch list with undo.
// The parts are in views/import/.
import { useMemo, useState } from 'react';
import type { BatchInfo } from '../../shared/api/import';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorBanner } from '../components/feedback';
import { TemplateDownload } from '../components/TemplateDownload';
import { useApiContext } from '../data/api-context';
import { useOperation } from '../data/use-operation';
import { useReady } from '../data/render-tracker';
import { ImportBatches } from './import/ImportBatches';
import { ImportForm } from './import/ImportForm';
import { ImportReportPanel } from './import/ImportReportPanel';
import { useBatchUndo, useImportRun } from './import/use-import';

export function ImportView() {
  const { api } = useApiContext();
  const infoQuery = useOperation('info', {});
  const info = infoQuery.data;
  // One error banner for both actions: each clears it when it starts.
  const [error, setError] = useState<unknown>(null);
  const importer = useImportRun(api, setError);
  const undo = useBatchUndo(api, setError);
  const batches = useMemo(() => [...(info?.batches ?? [])].sort((a, b) => b.id - a.id), [info?.batches]);
  useReady(infoQuery.current || infoQuery.error !== null);

  return (
    <div className="view import-view" data-testid="import-view">
      <div className="view-toolbar">
        <h2>导入</h2>
        <span className="muted">各市报表：CSV 或 Excel（.xlsx），长表或宽表。任何文件有错误时，全部不写入。</span>
      </div>
      {error !== null && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      {undo.message && (
        <div className="banner banner-info" role="status">
          <span className="banner-text">{undo.message}</span>
          <button type="button" className="btn-icon" aria-label="关闭" onClick={undo.clearMessage}>
            ×
          </button>
        </div>
      )}
      <ImportForm importer={importer} />
      {importer.report && <ImportReportPanel report={importer.report} />}
      <TemplateDownload />
      <ImportBatches batches={info ? batches : null} error={infoQuery.error} onUndo={undo.setUndoing} />
      {undo.undoing && <UndoConfirm batch={undo.undoing} onConfirm={(b) => void undo.undo(b)} onCancel={() => undo.setUndoing(null)} />}
    </div>
  );
}

function UndoConfirm({ batch, onConfirm, onCancel }: { batch: BatchInfo; onConfirm(batch: BatchInfo): void; onCancel(): void }) {
  return (
    <ConfirmDialog
      title={`撤销批次 ${batch.id}？`}
      message={`将移除“${batch.source}”写入的 ${batch.facts.toLocaleString('en-US')} 条数据${batch.replaced ? `，并恢复被它替换的 ${batch.replaced.toLocaleString('en-US')} 条原值` : ''}。`}
      confirmLabel="撤销"
      danger
      onConfirm={() => onConfirm(batch)}
      onCancel={onCancel}
    />
  );
}
