// 核实更正: a figure found wrong on site, corrected with its reason (the original value is kept by
// the core), optionally linked to a finding; and the list of corrections with their state.
import { useState, type FormEvent } from 'react';
import type { CorrectionJson, FindingJson } from '../../../shared/api/inspection';
import { formatGridNumber } from '../../../shared/format';
import { useApiContext } from '../../data/api-context';
import { useOperation } from '../../data/use-operation';
import { formatInstant } from '../../logic/inspection';
import { useWorkstation } from '../../state/workstation-context';
import { EmptyState, ErrorBanner, Spinner, errorMessage } from '../feedback';
import { UnitSelect } from './UnitSelect';

interface Props {
  onlyCity: string | null;
  findings: FindingJson[];
}

export function CorrectionPanel({ onlyCity, findings }: Props) {
  const list = useOperation('listCorrections', {});
  const [open, setOpen] = useState(false);
  const corrections = list.data?.corrections ?? [];
  return (
    <section className="insp-section" data-testid="corrections">
      <div className="insp-section-head">
        <h3>核实更正（{corrections.length}）</h3>
        {!open && (
          <button type="button" className="btn btn-small" onClick={() => setOpen(true)} data-testid="correction-new">
            新增核实更正
          </button>
        )}
      </div>
      {open && <CorrectionForm onlyCity={onlyCity} findings={findings} onDone={() => setOpen(false)} />}
      {list.error && <ErrorBanner error={list.error} />}
      {!list.data && !list.error && <Spinner />}
      {list.data && corrections.length === 0 && (
        <EmptyState title="尚无核实更正" hint="现场核实发现报送数字有误时，在此记录更正值和原因；原值保留，可撤销。" />
      )}
      {corrections.length > 0 && <CorrectionTable corrections={corrections} />}
    </section>
  );
}

function CorrectionTable({ corrections }: { corrections: CorrectionJson[] }) {
  const { catalogue } = useWorkstation();
  const show = (c: CorrectionJson, v: number | null) => {
    if (v === null) return '未报';
    const ind = catalogue.indicators.find((i) => i.department === c.department && i.name === c.indicator);
    return formatGridNumber(v, ind?.unit ?? '');
  };
  return (
    <table className="insp-table" data-testid="corrections-table">
      <thead>
        <tr>
          <th>单位</th>
          <th>指标</th>
          <th>日期</th>
          <th className="num">原值</th>
          <th className="num">更正值</th>
          <th>原因</th>
          <th>记录</th>
          <th>状态</th>
        </tr>
      </thead>
      <tbody>
        {corrections.map((c) => (
          <tr key={c.id} data-correction-id={c.id} data-state={c.state}>
            <td>{c.region_name}</td>
            <td>
              {c.department}/{c.indicator}
            </td>
            <td>{c.day}</td>
            <td className="num">{show(c, c.original_value)}</td>
            <td className="num">
              <strong>{show(c, c.value)}</strong>
            </td>
            <td className="insp-text-cell" title={c.reason}>
              {c.reason}
            </td>
            <td className="small">
              {c.user} · {formatInstant(c.created_at)}
            </td>
            <td>
              <span className={`insp-corr-state insp-corr-${c.state}`}>{c.state}</span>
              {c.state === '冲突未采用' && c.conflict_value !== null && <div className="small">省厅现值 {show(c, c.conflict_value)}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CorrectionForm({ onlyCity, findings, onDone }: Props & { onDone(): void }) {
  const { api } = useApiContext();
  const { catalogue } = useWorkstation();
  const [region, setRegion] = useState('');
  const [indicator, setIndicator] = useState('');
  const [day, setDay] = useState('');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [finding, setFinding] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const number = Number(value);
  const problem =
    region === ''
      ? '请选择报送单位'
      : indicator === ''
        ? '请选择指标'
        : day === ''
          ? '请填写日期'
          : value.trim() === '' || !Number.isFinite(number) || number < 0
            ? '更正值须为不小于 0 的数'
            : reason.trim() === ''
              ? '请填写更正原因'
              : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      await api.call('correct', { region, indicator, day, value: number, reason, ...(finding ? { finding } : {}) });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="insp-form" data-testid="correction-form" onSubmit={(e) => void submit(e)}>
      <div className="insp-form-grid">
        <label className="insp-field">
          <span>报送单位</span>
          <UnitSelect value={region} onChange={setRegion} withCity={false} onlyCity={onlyCity} testId="correction-unit" />
        </label>
        <label className="insp-field">
          <span>指标</span>
          <select value={indicator} onChange={(e) => setIndicator(e.target.value)} data-testid="correction-indicator">
            <option value="">请选择指标</option>
            {catalogue.indicators.map((i) => (
              <option key={i.key} value={i.key}>
                {i.department}/{i.name}（{i.unit}）
              </option>
            ))}
          </select>
        </label>
        <label className="insp-field">
          <span>日期</span>
          <input type="date" value={day} onChange={(e) => setDay(e.target.value)} data-testid="correction-day" />
        </label>
        <label className="insp-field">
          <span>核实后的数值</span>
          <input type="number" min={0} step="any" value={value} onChange={(e) => setValue(e.target.value)} data-testid="correction-value" />
        </label>
        <label className="insp-field">
          <span>关联督导发现（可选）</span>
          <select value={finding} onChange={(e) => setFinding(e.target.value)} data-testid="correction-finding">
            <option value="">不关联</option>
            {findings.map((f) => (
              <option key={f.id} value={f.id}>
                {f.region_name} · {f.category} · {f.text.slice(0, 20)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="insp-field insp-field-wide">
        <span>更正原因（核实依据）</span>
        <textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="correction-reason" />
      </label>
      {error && (
        <div className="status-error" role="alert" data-testid="correction-error">
          {error}
        </div>
      )}
      <div className="insp-buttons">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={busy || problem !== null}
          data-testid="correction-submit"
          title={problem ?? ''}
        >
          {busy ? <Spinner label="正在更正…" /> : '保存更正'}
        </button>
        <button type="button" className="btn" disabled={busy} onClick={onDone}>
          取消
        </button>
        {problem && region !== '' && <span className="insp-problem">{problem}</span>}
      </div>
    </form>
  );
}
