// 新增督导发现: the unit, what it concerns (department, indicator, dates — optional), the category,
// severity, text, due date, owner and attachments. Pre-filled from a grid row or chart point.
import { useState, type FormEvent } from 'react';
import type { FindingJson } from '../../../shared/api/inspection';
import { useApiContext } from '../../data/api-context';
import { useWorkstation } from '../../state/workstation-context';
import { errorMessage, Spinner } from '../feedback';
import { AttachmentPicker, attachmentPayload } from './AttachmentPicker';
import type { FindingDraft } from '../../state/finding-draft';
import { draftFields, findingInput, findingProblem, type FindingFields } from './finding-fields';
import { FindingRecordFields, FindingSubjectFields } from './FindingFormFields';

interface Props {
  draft: FindingDraft | null;
  /** On a bundle: its city only. */
  onlyCity: string | null;
  onDone(finding: FindingJson | null): void;
}

export function FindingForm({ draft, onlyCity, onDone }: Props) {
  const { api } = useApiContext();
  const { catalogue } = useWorkstation();
  const [fields, setFields] = useState<FindingFields>(() => draftFields(draft, catalogue));
  const update = (patch: Partial<FindingFields>) => setFields((f) => ({ ...f, ...patch }));
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const problem = findingProblem(fields);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api.call('addFinding', { ...findingInput(fields, catalogue), attachments: await attachmentPayload(files) });
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
        <FindingSubjectFields fields={fields} update={update} catalogue={catalogue} onlyCity={onlyCity} />
        <FindingRecordFields fields={fields} update={update} />
      </div>
      <label className="insp-field insp-field-wide">
        <span>问题描述</span>
        <textarea rows={3} value={fields.text} data-testid="finding-text" onChange={(e) => update({ text: e.target.value })} />
      </label>
      <AttachmentPicker files={files} onChange={setFiles} testId="finding-files" />
      {problem && fields.region !== '' && <div className="insp-problem">{problem}</div>}
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
