// 登录省厅服务器: address, 用户名, 密码, and 记住密码 only where the OS key store can keep it
// (Electron's safeStorage); elsewhere the password is asked each time. The password lives in this
// form's state until the login answers, then is dropped.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { errorMessage } from '../feedback';
import { useServer } from './server-context';

export function LoginDialog({ onClose, initialError }: { onClose: () => void; initialError: string | null }) {
  const { status, credentials, login } = useServer();
  const [url, setUrl] = useState(() => status?.url ?? credentials.saved?.url ?? '');
  const [user, setUser] = useState(() => status?.user?.name ?? credentials.saved?.user ?? '');
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(initialError);
  const first = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    (url ? passwordInput : first).current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
    // Focus once, on open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [onClose]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!url.trim() || !user.trim() || !password) {
      setError('请填写服务器地址、用户名和密码');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await login({ url: url.trim(), user: user.trim(), password }, remember && credentials.available);
      setPassword('');
      onClose();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <div className="modal-backdrop" role="presentation" onMouseDown={(e) => e.target === e.currentTarget && !busy && onClose()}>
      <form
        className="modal srv-login"
        role="dialog"
        aria-modal="true"
        aria-labelledby="srv-login-title"
        onSubmit={(e) => void submit(e)}
        data-testid="server-login-dialog"
      >
        <h2 id="srv-login-title">登录省厅服务器</h2>
        <label className="srv-field">
          <span>服务器地址</span>
          <input
            ref={first}
            type="text"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="https://服务器:8443"
            spellCheck={false}
            autoComplete="url"
            data-testid="server-url"
            disabled={busy}
          />
        </label>
        <label className="srv-field">
          <span>用户名</span>
          <input
            type="text"
            value={user}
            onChange={(e) => setUser(e.target.value)}
            spellCheck={false}
            autoComplete="username"
            data-testid="server-user"
            disabled={busy}
          />
        </label>
        <label className="srv-field">
          <span>密码</span>
          <input
            ref={passwordInput}
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            data-testid="server-password"
            disabled={busy}
          />
        </label>
        {credentials.available ? (
          <label className="srv-remember">
            <input
              type="checkbox"
              checked={remember}
              onChange={(e) => setRemember(e.target.checked)}
              data-testid="server-remember"
              disabled={busy}
            />
            记住密码（加密保存在本机系统密钥库中）
          </label>
        ) : (
          <div className="srv-hint muted small">密码不在本机保存，每次连接时输入。</div>
        )}
        {error && (
          <div className="banner banner-error srv-login-error" role="alert" data-testid="server-login-error">
            <span className="banner-icon" aria-hidden>
              !
            </span>
            <span className="banner-text">{error}</span>
          </div>
        )}
        <div className="modal-actions">
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            取消
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="server-login-submit">
            {busy ? '正在登录…' : '登录'}
          </button>
        </div>
      </form>
    </div>
  );
}
