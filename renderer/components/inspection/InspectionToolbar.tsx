// The 督导 view's toolbar: 新增督导发现; on a 督导包 生成督导回传, else 导出督导包 and 合并督导回传;
// and the 整改台账 export for the list's city and status.
import type { BundleInfo, FindingStatus } from '../../../shared/api/inspection';
import { RectificationExport } from './RectificationExport';

export type InspectionDialog = 'export' | 'return' | 'merge';

interface Props {
  bundle: BundleInfo | null;
  onNewFinding(): void;
  onDialog(dialog: InspectionDialog): void;
  /** What the 整改台账 export covers. */
  city: string | null;
  status: FindingStatus | null;
}

export function InspectionToolbar({ bundle, onNewFinding, onDialog, city, status }: Props) {
  return (
    <div className="insp-toolbar">
      <h2 className="insp-title">{bundle ? `督导 · ${bundle.cityName}` : '督导 · 全省整改台账'}</h2>
      <button type="button" className="btn btn-primary" onClick={onNewFinding} data-testid="finding-new">
        新增督导发现
      </button>
      {bundle ? (
        <button type="button" className="btn" onClick={() => onDialog('return')} data-testid="bundle-return">
          生成督导回传
        </button>
      ) : (
        <>
          <button type="button" className="btn" onClick={() => onDialog('export')} data-testid="bundle-export">
            导出督导包
          </button>
          <button type="button" className="btn" onClick={() => onDialog('merge')} data-testid="merge-return">
            合并督导回传
          </button>
        </>
      )}
      <RectificationExport city={city} status={status} />
    </div>
  );
}
