// 催报清单 for the current filter, as Excel or CSV, written by the core (as `campaign completeness --format csv`).
import { useState } from 'react';
import type { ReportFormat } from '../../../shared/api/report';
import { Spinner, errorMessage } from '../../components/feedback';
import { useApiContext } from '../../data/api-context';
import { downloadFile } from '../../logic/csv';
import { sliceFilterOf } from '../../state/filter';
import { useWorkstation } from '../../state/workstation-context';

export function ReminderExport() {
  const { api } = useApiContext();
  const { state } = useWorkstation();
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);
  const f = state.filter;
  const run = async (format: ReportFormat) => {
    setBusy(format);
    setError(null);
    try {
      const file = await api.call('report', {
        type: 'reminders',
        format,
        ...sliceFilterOf(f),
      });
      downloadFile(file.fileName, file.bytes as BlobPart, file.mime);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="reminder-export push-right">
      <span className="muted">催报清单</span>
      {(['xlsx', 'csv'] as const).map((fmt) => (
        <button
          key={fmt}
          type="button"
          className="btn btn-small"
          disabled={busy !== null}
          data-testid={`reminders-${fmt}`}
          onClick={() => void run(fmt)}
        >
          {busy === fmt ? <Spinner label="正在生成…" /> : fmt === 'xlsx' ? '导出 Excel' : '导出 CSV'}
        </button>
      ))}
      {error && <span className="status-error">导出失败：{error}</span>}
    </div>
  );
}
