// 导出整改台账: the 整改台账 report (type rectification) for the list's city and status, in the
// formats of the 导出 menu. Written by the core, as every report is.
import { useState } from 'react';
import { REPORT_FORMATS, type ReportFormat } from '../../../shared/api/report';
import type { FindingStatus } from '../../../shared/api/inspection';
import { useApiContext } from '../../data/api-context';
import { downloadFile } from '../../logic/csv';
import { errorMessage, Spinner } from '../feedback';
import { Popover } from '../Popover';

const FORMAT_LABELS: Record<ReportFormat, string> = { docx: 'Word', xlsx: 'Excel', pdf: 'PDF', csv: 'CSV' };

export function RectificationExport({ city, status }: { city: string | null; status: FindingStatus | null }) {
  const { api } = useApiContext();
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (format: ReportFormat) => {
    setBusy(format);
    setError(null);
    try {
      const file = await api.call('report', {
        type: 'rectification',
        format,
        ...(city ? { regions: [city] } : {}),
        ...(status ? { status } : {}),
      });
      downloadFile(file.fileName, file.bytes as BlobPart, file.mime);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Popover
      label={busy ? <Spinner label="正在生成…" /> : '导出整改台账'}
      title="导出整改台账"
      testId="rectification-export"
      align="right"
      panelClassName="export-panel"
    >
      {() => (
        <div className="export-menu">
          <div className="export-row">
            <div>
              <div className="export-title">整改台账</div>
              <div className="export-hint">序号、城市、单位、问题类别、问题描述、责任单位、整改时限、整改情况、状态、销号日期</div>
            </div>
            <div className="export-formats">
              {REPORT_FORMATS.map((fmt) => (
                <button key={fmt} type="button" disabled={busy !== null} data-testid={`rectification-${fmt}`} onClick={() => void run(fmt)}>
                  {busy === fmt ? '…' : FORMAT_LABELS[fmt]}
                </button>
              ))}
            </div>
          </div>
          {error && <div className="status-error export-error">导出失败：{error}</div>}
          <div className="export-hint">
            {city ? '按列表所选地市' : '全省'}
            {status ? `、状态“${status}”` : ''}生成，含数据来源说明。
          </div>
        </div>
      )}
    </Popover>
  );
}
