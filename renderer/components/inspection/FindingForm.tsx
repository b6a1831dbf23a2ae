// 新增督导发现: the unit, what it concerns (department, indicator, dates — optional), the category,
// severity, text, due date, owner and attachments. Pre-filled from a grid row or chart point.
import { useState, type FormEvent } from 'react';
import { FINDING_CATEGORIES, FINDING_SEVERITIES, type FindingCategory, type FindingJson, type FindingSeverity } from '../../../shared/api/inspection';
import { useApiContext } from '../../data/api-context';
import { useWorkstation } from '../../state/workstation-context';
import { errorMessage, Spinner } from '../feedback';
import { AttachmentPicker, attachmentPayload } from './AttachmentPicker';
import type { FindingDraft } from '../../state/finding-draft';
import { UnitSelect } from './UnitSelect';

interface Props {
  draft: FindingDraft | null;
  /** On a bundle: its city only. */
  onlyCity: string | null;
  onDone(finding: FindingJson | null): void;
}

export function FindingForm({ draft, onlyCity, onDone }: Props) {
  const { api } = useApiContext();
  const { catalogue } = useWorkstation();
  const draftIndicator = draft?.indicator ? catalogue.indicators.find((i) => i.key === draft.indicator) : undefined;
  const [region, setRegion] = useState(draft?.region ?? '');
  const [department, setDepartment] = useState(draftIndicator?.department ?? '');
  const [indicator, setIndicator] = useState(draftIndicator?.key ?? '');
  const [from, setFrom] = useState(draft?.from ?? '');
  const [to, setTo] = useState(draft?.to ?? '');
  const [category, setCategory] = useState<FindingCategory>('漏报');
  const [severity, setSeverity] = useState<FindingSeverity>('一般');
  const [text, setText] = useState('');
  const [due, setDue] = useState('');
  const [owner, setOwner] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const indicators = catalogue.indicators.filter((i) => department === '' || i.department === department);
  const problem =
    region === '' ? '请选择被督导单位' : text.trim() === '' ? '请填写问题描述' : (from === '') !== (to === '') ? '起止日期须同时填写' : from > to ? '起始日期晚于结束日期' : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      const chosen = catalogue.indicators.find((i) => i.key === indicator);
      const result = await api.call('addFinding', {
        region,
        ...(department ? { department } : {}),
        ...(chosen ? { indicator: chosen.key } : {}),
        ...(from && to ? { from, to } : {}),
        category,
        severity,
        text,
        ...(due ? { due } : {}),
        ...(owner.trim() ? { owner } : {}),
        attachments: await attachmentPayload(files),
      });
      onDone(result.finding);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="insp-form" data-testid="finding-form" onSubmit={(e) => void submit(e)}>
      <div className="insp-form-title">新增督导发现</div>
      <div className="insp-form-grid">
        <label className="insp-field">
          <span>被督导单位</span>
          <UnitSelect value={region} onChange={setRegion} withCity onlyCity={onlyCity} testId="finding-unit" />
        </label>
        <label className="insp-field">
          <span>部门（可选）</span>
          <select
            value={department}
            data-testid="finding-department"
            onChange={(e) => {
              setDepartment(e.target.value);
              if (e.target.value && !indicator.startsWith(`${e.target.value}/`)) setIndicator('');
            }}
          >
            <option value="">不限</option>
            {catalogue.departments.map((d) => (
              <option key={d.name} value={d.name}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label className="insp-field">
          <span>指标（可选）</span>
          <select
            value={indicator}
            data-testid="finding-indicator"
            onChange={(e) => {
              setIndicator(e.target.value);
              const ind = catalogue.indicators.find((i) => i.key === e.target.value);
              if (ind) setDepartment(ind.department);
            }}
          >
            <option value="">不限</option>
            {indicators.map((i) => (
              <option key={i.key} value={i.key}>
                {i.department}/{i.name}
              </option>
            ))}
          </select>
        </label>
        <label className="insp-field">
          <span>涉及日期 起</span>
          <input type="date" value={from} data-testid="finding-from" onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="insp-field">
          <span>止</span>
          <input type="date" value={to} data-testid="finding-to" onChange={(e) => setTo(e.target.value)} />
        </label>
        <label className="insp-field">
          <span>问题类别</span>
          <select value={category} data-testid="finding-category" onChange={(e) => setCategory(FINDING_CATEGORIES.find((c) => c === e.target.value) ?? '其他')}>
            {FINDING_CATEGORIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label className="insp-field">
          <span>严重程度</span>
          <select value={severity} data-testid="finding-severity" onChange={(e) => setSeverity(FINDING_SEVERITIES.find((s) => s === e.target.value) ?? '一般')}>
            {FINDING_SEVERITIES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label className="insp-field">
          <span>整改时限</span>
          <input type="date" value={due} data-testid="finding-due" onChange={(e) => setDue(e.target.value)} />
        </label>
        <label className="insp-field">
          <span>责任单位</span>
          <input type="text" value={owner} data-testid="finding-owner" placeholder="如：交城县公安局交警大队" onChange={(e) => setOwner(e.target.value)} />
        </label>
      </div>
      <label className="insp-field insp-field-wide">
        <span>问题描述</span>
        <textarea rows={3} value={text} data-testid="finding-text" onChange={(e) => setText(e.target.value)} />
      </label>
      <AttachmentPicker files={files} onChange={setFiles} testId="finding-files" />
      {problem && region !== '' && <div className="insp-problem">{problem}</div>}
      {error && (
        <div className="status-error" role="alert" data-testid="finding-form-error">
          {error}
        </div>
      )}
      <div className="insp-buttons">
        <button type="submit" className="btn btn-primary" disabled={busy || problem !== null} data-testid="finding-submit">
          {busy ? <Spinner label="正在保存…" /> : '保存督导发现'}
        </button>
        <button type="button" className="btn" disabled={busy} onClick={() => onDone(null)}>
          取消
        </button>
      </div>
    </form>
  );
}
