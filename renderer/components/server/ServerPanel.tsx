// The chip's panel: the address, the account, the connection's error, 上次同步 and what the last sync
// pulled, the running sync's progress or its error, then the actions (ServerActions.tsx).
import type { SyncProgress } from '../../../shared/api/central';
import { lastSyncText, localTime, progressPercent, progressText, pulledText, type ChipText } from '../../logic/server-status';
import { ServerActions } from './ServerActions';
import type { ServerContextValue } from './server-context';

interface Props {
  server: ServerContextValue;
  chip: ChipText;
  progress: SyncProgress | null;
  running: boolean;
  /** Closes the panel (before the login dialog opens). */
  close(): void;
}

export function ServerPanel({ server, chip, progress, running, close }: Props) {
  const { status, sync } = server;
  return (
    <div className="srv-panel-body">
      <div className="srv-row">
        <span className="srv-key">服务器</span>
        <span className="srv-val" data-testid="server-url-shown">
          {status?.url ?? '未设置'}
        </span>
      </div>
      {status?.user && (
        <div className="srv-row">
          <span className="srv-key">账号</span>
          <span className="srv-val">{chip.label.replace(/^已连接：/, '')}</span>
        </div>
      )}
      {chip.detail && chip.kind !== 'connected' && (
        <div className="srv-error" data-testid="server-error">
          {chip.detail}
        </div>
      )}
      <div className="srv-row">
        <span className="srv-key">上次同步</span>
        <span className="srv-val" data-testid="server-last-sync">
          {lastSyncText(status)}
        </span>
      </div>
      {sync.result && !running && (
        <div className="srv-row">
          <span className="srv-key">本次拉取</span>
          <span className="srv-val" data-testid="sync-result">
            {pulledText(sync.result)}（{localTime(sync.result.finished_at)}）
          </span>
        </div>
      )}
      {running && (
        <div className="srv-progress" data-testid="sync-progress">
          <div className="srv-progress-text">{progress ? progressText(progress) : '正在同步…'}</div>
          <div className="srv-bar">
            <div className="srv-bar-fill" style={{ width: `${progress ? progressPercent(progress) : 5}%` }} />
          </div>
        </div>
      )}
      {sync.error && !running && (
        <div className="srv-error" role="alert" data-testid="sync-error">
          同步失败：{sync.error}
        </div>
      )}
      <ServerActions server={server} running={running} close={close} />
    </div>
  );
}
