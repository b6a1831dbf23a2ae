// The header chip itself: a dot and 未连接省厅服务器 / 已连接：… / 服务器不可达, with 同步中 and its
// percentage while a sync runs, or else the count of submissions waiting for review.
import type { ServerStatus, SyncProgress } from '../../../shared/api/central';
import { progressPercent, type ChipText } from '../../logic/server-status';

interface Props {
  status: ServerStatus | null;
  chip: ChipText;
  progress: SyncProgress | null;
  running: boolean;
}

export function ServerChipLabel({ status, chip, progress, running }: Props) {
  return (
    <span className={`srv-chip srv-${chip.kind}`} title={chip.detail ?? chip.label}>
      <span className="srv-dot" aria-hidden />
      <span className="srv-chip-text" data-testid="server-chip-text">
        {chip.label}
      </span>
      {running && <span className="srv-chip-sync">同步中{progress && progress.total > 0 ? ` ${progressPercent(progress)}%` : '…'}</span>}
      {!running && status?.waiting ? (
        <span className="srv-waiting" title="待审核的报送">
          {status.waiting}
        </span>
      ) : null}
    </span>
  );
}
