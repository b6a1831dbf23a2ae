// 导入批次: every batch, newest first, with 撤销 for a local one (a server batch is undone on the
// server; sync then undoes it here).
import type { BatchInfo } from '../../../shared/api/import';
import { beijingClock, beijingTime } from '../../../shared/beijing-time';
import { ErrorBanner, Spinner } from '../../components/feedback';

interface Props {
  /** null while the data status loads. */
  batches: BatchInfo[] | null;
  error: Error | null;
  onUndo(batch: BatchInfo): void;
}

export function ImportBatches({ batches, error, onUndo }: Props) {
  return (
    <section className="panel" data-testid="batches">
      <header className="panel-header">
        <h3>导入批次</h3>
        <span className="muted small">撤销会移除该批次写入的数据，并恢复被它替换的数值</span>
      </header>
      {error && <ErrorBanner error={error} />}
      {batches === null && !error ? (
        <div className="pad">
          <Spinner label="正在读取批次…" />
        </div>
      ) : batches === null || batches.length === 0 ? (
        <div className="muted pad">尚无导入批次</div>
      ) : (
        <BatchTable batches={batches} onUndo={onUndo} />
      )}
    </section>
  );
}

function BatchTable({ batches, onUndo }: { batches: BatchInfo[]; onUndo(batch: BatchInfo): void }) {
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th className="num">批次</th>
          <th>来源</th>
          <th className="num">条数</th>
          <th className="num">替换</th>
          <th>导入时间（北京时间）</th>
          <th>状态</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {batches.map((b) => (
          <tr key={b.id} className={b.undoneAt ? 'undone' : ''}>
            <td className="num">{b.id}</td>
            <td className="ellipsis" title={b.origin === 'server' ? `${b.source}（省厅批次 ${b.serverBatchId}，同步所得）` : b.source}>
              <span className={`batch-origin batch-origin-${b.origin}`} data-testid={`origin-${b.id}`}>
                {b.origin === 'server' ? '省厅' : '本地'}
              </span>{' '}
              {b.source}
            </td>
            <td className="num">{b.facts.toLocaleString('en-US')}</td>
            <td className="num">{b.replaced.toLocaleString('en-US')}</td>
            <td className="nowrap">{formatTime(b.importedAt)}</td>
            <td>{b.undoneAt ? `已撤销（${beijingTime(b.undoneAt)}）` : '有效'}</td>
            <td>
              {/* A server batch is undone on the server; sync then undoes it here. */}
              {!b.undoneAt && b.origin === 'local' && (
                <button type="button" className="btn btn-small" onClick={() => onUndo(b)} data-testid={`undo-${b.id}`}>
                  撤销
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A stored time in Beijing time (the one zone the workstation prints), whatever the machine's zone; the column says 北京时间. */
function formatTime(iso: string): string {
  return beijingClock(iso);
}
