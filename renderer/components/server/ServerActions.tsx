// The panel's buttons: 同步 and 退出登录 when connected, else 登录; 忘记密码 when a password is saved.
import type { ServerContextValue } from './server-context';

interface Props {
  server: ServerContextValue;
  running: boolean;
  /** Closes the panel (before the login dialog opens). */
  close(): void;
}

export function ServerActions({ server, running, close }: Props) {
  const { status, credentials } = server;
  return (
    <div className="srv-actions">
      {status?.connected ? (
        <>
          <button type="button" className="btn btn-primary" disabled={running} onClick={() => void server.syncNow()} data-testid="sync-now">
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
  );
}
