// 退回 a submission: the reason is required (the city sees it), bounded as the server bounds it.
import { useEffect, useRef, useState } from 'react';
import { RETURN_REASON_MAX_CHARS, type SubmissionJson } from '../../../shared/api/central';

export function ReturnDialog({
  submission,
  onReturn,
  onCancel,
}: {
  submission: SubmissionJson;
  onReturn: (reason: string) => Promise<boolean>;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    box.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onCancel();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onCancel]);
  const submit = async () => {
    if (!reason.trim()) {
      setMissing(true);
      box.current?.focus();
      return;
    }
    setBusy(true);
    const ok = await onReturn(reason.trim());
    if (!ok) setBusy(false);
  };
  return (
    <div className="modal-backdrop" role="presentation" onMouseDown={(e) => e.target === e.currentTarget && !busy && onCancel()}>
      <div className="modal srv-return" role="dialog" aria-modal="true" aria-labelledby="srv-return-title" data-testid="return-dialog">
        <h2 id="srv-return-title">退回报送</h2>
        <p>
          退回 {submission.city} {submission.user} 报送的“{submission.file}”。退回原因会告知报送人，请写明需要更正的内容。
        </p>
        <label className="srv-field srv-field-block">
          <span>退回原因（必填）</span>
          <textarea
            ref={box}
            rows={4}
            maxLength={RETURN_REASON_MAX_CHARS}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setMissing(false);
            }}
            placeholder="如：7月3日 离石区 检查车辆 数字与台账不符，请核实后重报"
            data-testid="return-reason"
            disabled={busy}
          />
        </label>
        <div className="srv-count muted small">
          {missing ? <span className="srv-required">请填写退回原因</span> : <span />}
          <span>
            {reason.length}/{RETURN_REASON_MAX_CHARS}
          </span>
        </div>
        <div className="modal-actions">
          <button type="button" className="btn" onClick={onCancel} disabled={busy}>
            取消
          </button>
          <button type="button" className="btn btn-danger" onClick={() => void submit()} disabled={busy} data-testid="return-confirm">
            {busy ? '正在退回…' : '退回'}
          </button>
        </div>
      </div>
    </div>
  );
}
