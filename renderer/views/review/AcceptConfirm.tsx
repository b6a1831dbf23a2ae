// 采用这份报送: what accepting does (a batch of the province's data, seen by every workstation after sync).
import type { SubmissionJson } from '../../../shared/api/central';
import { ConfirmDialog } from '../../components/ConfirmDialog';

export function AcceptConfirm({ submission: s, onAccept, onCancel }: { submission: SubmissionJson; onAccept(): void; onCancel(): void }) {
  return (
    <ConfirmDialog
      title="采用这份报送"
      message={`采用 ${s.city} ${s.user} 报送的“${s.file}”（${s.rows.toLocaleString('en-US')} 条${s.replace ? '，申请替换已采用的数据' : ''}）：它成为全省数据的一批，各工作站同步后可见。`}
      confirmLabel="采用"
      onConfirm={onAccept}
      onCancel={onCancel}
    />
  );
}
