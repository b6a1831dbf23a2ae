// One finding: what it says, the data it concerns (a button opens the grid on it), its history
// (who, when, what), its attachments, and a status change with a note, a new due date, attachments.
import { useState, type FormEvent } from 'react';
import { FINDING_STATUSES, type FindingJson, type FindingStatus } from '../../../shared/api/inspection';
import { useApiContext } from '../../data/api-context';
import { dataFilterOf, formatInstant, updateProblem } from '../../logic/inspection';
import { useWorkstation } from '../../state/workstation-context';
import { errorMessage, Spinner } from '../feedback';
import { AttachmentPicker, attachmentPayload } from './AttachmentPicker';
import { AttachmentThumb } from './AttachmentThumb';

export function FindingDetail({ finding, onClose }: { finding: FindingJson; onClose(): void }) {
  const { catalogue, state, dispatch } = useWorkstation();
  const link = dataFilterOf(finding, catalogue);
  const showData = () => {
    dispatch({
      type: 'filter',
      action: {
        type: 'replace',
        filter: {
          ...state.filter,
          regions: link.regions,
          indicators: link.indicators,
          departments: [],
          ...(link.from && link.to ? { from: link.from, to: link.to, preset: null } : {}),
        },
      },
    });
    dispatch({ type: 'setRowsBy', rowsBy: link.from && link.to ? 'day' : 'region:county' });
    dispatch({ type: 'setView', view: 'grid' });
  };

  return (
    <section className="insp-detail" data-testid="finding-detail" data-finding-id={finding.id}>
      <div className="insp-detail-head">
        <div>
          <div className="insp-detail-title">
            {finding.region_name}
            <span className={`insp-status insp-status-${finding.status}`}>{finding.status}</span>
            {finding.overdue && <span className="insp-overdue-badge">逾期</span>}
          </div>
          <div className="muted small">
            {finding.city_name} · {finding.category} · {finding.severity} · 编号 {finding.id.slice(0, 8)}
          </div>
        </div>
        <button type="button" className="btn-icon" aria-label="关闭" onClick={onClose}>
          ×
        </button>
      </div>
      <p className="insp-text" data-testid="finding-text-shown">
        {finding.text}
      </p>
      <dl className="insp-facts">
        <dt>涉及</dt>
        <dd>
          {[finding.department, finding.indicator].filter(Boolean).join(' / ') || '未指定指标'}
          {finding.from && finding.to ? ` · ${finding.from} 至 ${finding.to}` : ''}
        </dd>
        <dt>责任单位</dt>
        <dd>{finding.owner ?? '—'}</dd>
        <dt>整改时限</dt>
        <dd className={finding.overdue ? 'insp-overdue-text' : ''}>{finding.due ?? '—'}</dd>
      </dl>
      <button type="button" className="btn btn-small" onClick={showData} data-testid="finding-show-data">
        查看相关数据
      </button>

      <h4 className="insp-subhead">附件（{finding.attachments.length}）</h4>
      {finding.attachments.length === 0 ? (
        <div className="muted small">无附件</div>
      ) : (
        <ul className="insp-attachments">
          {finding.attachments.map((a) => (
            <AttachmentThumb key={a.sha256} findingId={finding.id} attachment={a} />
          ))}
        </ul>
      )}

      <h4 className="insp-subhead">处理记录</h4>
      <ol className="insp-history" data-testid="finding-history">
        {finding.history.map((h) => (
          <li key={h.id}>
            <span className="insp-history-when">{formatInstant(h.at)}</span>
            <span className="insp-history-who">{h.user}</span>
            <span className="insp-history-what">
              {h.what}
              {h.status ? `：${h.status}` : ''}
              {h.due ? `（整改时限 ${h.due}）` : ''}
              {h.attachment ? `：${attachmentName(finding, h.attachment)}` : ''}
            </span>
            {h.note && <div className="insp-history-note">{h.note}</div>}
          </li>
        ))}
      </ol>

      <StatusChange key={finding.id} finding={finding} />
    </section>
  );
}

/** A history entry names an attachment by its digest or its name: shown by name. */
function attachmentName(finding: FindingJson, ref: string): string {
  return finding.attachments.find((a) => a.sha256 === ref)?.name ?? ref;
}

function StatusChange({ finding }: { finding: FindingJson }) {
  const { api } = useApiContext();
  const [status, setStatus] = useState<FindingStatus | null>(null);
  const [note, setNote] = useState('');
  const [due, setDue] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const problem = updateProblem({ status, note, due, files: files.length }, finding.status);
  const closing = status === '已销号' && finding.status !== '已销号';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      await api.call('updateFinding', {
        id: finding.id,
        ...(status !== null && status !== finding.status ? { status } : {}),
        ...(note.trim() ? { note } : {}),
        ...(due ? { due } : {}),
        attachments: await attachmentPayload(files),
      });
      setStatus(null);
      setNote('');
      setDue('');
      setFiles([]);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="insp-update" data-testid="finding-update" onSubmit={(e) => void submit(e)}>
      <h4 className="insp-subhead">整改进展</h4>
      <div className="insp-form-grid">
        <label className="insp-field">
          <span>状态</span>
          <select
            value={status ?? finding.status}
            data-testid="update-status"
            onChange={(e) => setStatus(FINDING_STATUSES.find((s) => s === e.target.value) ?? null)}
          >
            {FINDING_STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label className="insp-field">
          <span>新的整改时限</span>
          <input type="date" value={due} data-testid="update-due" onChange={(e) => setDue(e.target.value)} />
        </label>
      </div>
      <label className="insp-field insp-field-wide">
        <span>{closing ? '整改情况说明（销号必填：写明如何核实整改）' : '整改情况说明'}</span>
        <textarea rows={2} value={note} data-testid="update-note" onChange={(e) => setNote(e.target.value)} />
      </label>
      <AttachmentPicker files={files} onChange={setFiles} testId="update-files" />
      {problem && (status !== null || note !== '' || due !== '' || files.length > 0) && (
        <div className="insp-problem" data-testid="update-problem">
          {problem}
        </div>
      )}
      {error && (
        <div className="status-error" role="alert">
          {error}
        </div>
      )}
      <button type="submit" className="btn btn-primary" disabled={busy || problem !== null} data-testid="update-submit">
        {busy ? <Spinner label="正在保存…" /> : '提交'}
      </button>
    </form>
  );
}
