// The header's server status (未连接省厅服务器 / 已连接：用户（角色）/ 服务器不可达) and its panel: the
// address, 上次同步 and what the last sync pulled, 同步 with its progress, 登录 / 退出登录 / 忘记密码.
import { Popover } from '../Popover';
import { chipText, lastSyncText, localTime, progressPercent, progressText, pulledText } from '../../logic/server-status';
import { useServer } from './server-context';

export function ServerStatusChip() {
  const server = useServer();
  const { status, sync, credentials } = server;
  const chip = chipText(status);
  const progress = status?.syncing ?? null;
  const running = sync.running || progress !== null;
  return (
    // Opening the panel asks for the status afresh (the idle poll is slow).
    <div
      className="srv-chip-wrap"
      data-testid="server-status"
      data-kind={chip.kind}
      data-syncing={running ? 'true' : 'false'}
      onClickCapture={server.refresh}
    >
      <Popover
        label={
          <span className={`srv-chip srv-${chip.kind}`} title={chip.detail ?? chip.label}>
            <span className="srv-dot" aria-hidden />
            <span className="srv-chip-text" data-testid="server-chip-text">
              {chip.label}
            </span>
            {running && (
              <span className="srv-chip-sync">同步中{progress && progress.total > 0 ? ` ${progressPercent(progress)}%` : '…'}</span>
            )}
            {!running && status?.waiting ? (
              <span className="srv-waiting" title="待审核的报送">
                {status.waiting}
              </span>
            ) : null}
          </span>
        }
        title="省厅服务器"
        testId="server-menu"
        panelClassName="srv-panel"
        align="right"
      >
        {(close) => (
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
            <div className="srv-actions">
              {status?.connected ? (
                <>
                  <button
                    type="button"
                    className="btn btn-primary"
                    disabled={running}
                    onClick={() => void server.syncNow()}
                    data-testid="sync-now"
                  >
                    {running ? '正在同步…' : '同步'}
                  </button>
                  <button type="button" className="btn" disabled={running} onClick={() => void server.logout()} data-testid="server-logout">
                    退出登录
                  </button>
                </>
              ) : (
                <button
                  type="button"
                  className="btn btn-primary"
                  onClick={() => {
                    close();
                    server.openLogin();
                  }}
                  data-testid="server-login"
                >
                  登录
                </button>
              )}
              {credentials.saved && (
                <button
                  type="button"
                  className="btn"
                  onClick={() => void server.forgetPassword()}
                  data-testid="server-forget"
                  title={`删除本机保存的 ${credentials.saved.user} 的密码`}
                >
                  忘记密码
                </button>
              )}
            </div>
          </div>
        )}
      </Popover>
    </div>
  );
}
