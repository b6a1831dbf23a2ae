// 导出: the provincial briefing, the city dossier or the current table, in Word, Excel, PDF or CSV,
// for the current filter. The file is written by the core (same code as `campaign report`).
import { useState } from 'react';
import { REPORT_FORMATS, defaultRankBy, type ReportFormat, type ReportRequest, type ReportType } from '../../shared/api/report';
import { effectiveIndicators, sliceFilterOf } from '../state/filter';
import { rowKeys } from '../../shared/api/views';
import { useApiContext } from '../data/api-context';
import { useWorkstation } from '../state/workstation-context';
import { Popover } from './Popover';
import { downloadFile } from '../logic/csv';
import { Spinner, errorMessage } from './feedback';

const FORMAT_LABELS: Record<ReportFormat, string> = { docx: 'Word', xlsx: 'Excel', pdf: 'PDF', csv: 'CSV' };

export function ExportMenu() {
  const { api } = useApiContext();
  const { state, catalogue } = useWorkstation();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** 排名依据: an indicator key, or '' for the default (a result indicator such as 抓获现行违法犯罪人员). */
  const [rankBy, setRankBy] = useState('');
  const f = state.filter;
  const rankChoices = effectiveIndicators(catalogue, f);
  const rankDefault = defaultRankBy(rankChoices);
  const rankByKey = rankChoices.some((i) => i.key === rankBy) ? rankBy : '';
  const cities = f.regions.filter((code) => catalogue.regions.find((r) => r.code === code)?.level === 'city');
  const cityOk = f.regions.length === 1 && cities.length === 1;

  const run = async (type: ReportType, format: ReportFormat) => {
    const request: ReportRequest = {
      type,
      format,
      ...sliceFilterOf(f),
      by: type === 'table' ? [...rowKeys(state.rowsBy), 'indicator'] : [],
      // 对比 无 is sent as such: the reports otherwise compare with last year by default.
      compare: f.compare ?? 'none',
      ...(type === 'briefing' && rankByKey !== '' ? { rankBy: rankByKey } : {}),
    };
    setBusy(`${type}:${format}`);
    setError(null);
    try {
      const file = await api.call('report', request);
      downloadFile(file.fileName, file.bytes as BlobPart, file.mime);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const rows: { type: ReportType; label: string; hint: string; disabled: boolean }[] = [
    { type: 'briefing', label: '全省通报', hint: '叙述段落、城市排名、图表和附表', disabled: false },
    {
      type: 'city',
      label: '城市督导报告',
      hint: cityOk ? '该市排名、县区表、报送缺失与异常值' : '请先在地区中只选择一个市',
      disabled: !cityOk,
    },
    { type: 'table', label: '数据表', hint: '当前表格的行与指标', disabled: false },
  ];

  return (
    <Popover
      label={busy ? <Spinner label="正在生成…" /> : '导出'}
      title="导出报告"
      testId="export-menu"
      align="right"
      panelClassName="export-panel"
    >
      {() => (
        <div className="export-menu">
          {rows.map((r) => (
            <div key={r.type} className={`export-row${r.disabled ? ' disabled' : ''}`}>
              <div>
                <div className="export-title">{r.label}</div>
                <div className="export-hint">{r.hint}</div>
              </div>
              <div className="export-formats">
                {REPORT_FORMATS.map((fmt) => (
                  <button
                    key={fmt}
                    type="button"
                    disabled={r.disabled || busy !== null}
                    data-testid={`export-${r.type}-${fmt}`}
                    onClick={() => void run(r.type, fmt)}
                  >
                    {busy === `${r.type}:${fmt}` ? '…' : FORMAT_LABELS[fmt]}
                  </button>
                ))}
              </div>
            </div>
          ))}
          <label className="export-rank-by">
            <span>全省通报排名依据</span>
            <select value={rankByKey} onChange={(e) => setRankBy(e.target.value)} data-testid="export-rank-by">
              <option value="">默认（{rankDefault ? rankDefault.name : '—'}）</option>
              {rankChoices.map((i) => (
                <option key={i.key} value={i.key}>
                  {i.department}/{i.name}（{i.unit}）
                </option>
              ))}
            </select>
          </label>
          {error && <div className="status-error export-error">导出失败：{error}</div>}
          <div className="export-hint">
            按当前筛选（{f.from} 至 {f.to}）生成，文件含数据来源说明。
          </div>
        </div>
      )}
    </Popover>
  );
}
