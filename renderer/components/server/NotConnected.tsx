// What a server view shows before logging in: why it is empty and the way to log in. It is the
// whole view then, so the view is drawn once it is.
import { EmptyState } from '../feedback';
import { chipText } from '../../logic/server-status';
import { useServer } from './server-context';
import { useReady } from '../../data/render-tracker';

export function NotConnected({ what }: { what: string }) {
  const { status, openLogin } = useServer();
  useReady(true);
  const chip = chipText(status);
  return (
    <div className="panel srv-not-connected" data-testid="server-not-connected">
      <EmptyState
        title={chip.kind === 'expired' ? '登录已过期' : '尚未登录省厅服务器'}
        hint={`登录省厅服务器后可${what}。${chip.detail && chip.kind !== 'none' ? `（${chip.detail}）` : ''}`}
      >
        <button type="button" className="btn btn-primary" onClick={openLogin} data-testid="not-connected-login">
          登录省厅服务器
        </button>
      </EmptyState>
    </div>
  );
}
