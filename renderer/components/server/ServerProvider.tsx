// The provincial server as the page sees it: the status (polled — it carries the sync's progress,
// and reads run in the core while a sync writes), log in / out, 记住密码 through the Electron
// bridge when the OS key store offers it, and 同步. Views read who is logged in from server-context.ts.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ServerStatus } from '../../../shared/api/central';
import type { OperationInput } from '../../../shared/api/operations';
import type { CredentialsState } from '../../../shared/api/server-credentials';
import { unwrap } from '../../api/client';
import { useApiContext } from '../../data/api-context';
import { errorMessage } from '../feedback';
import { LoginDialog } from './LoginDialog';
import { ServerContext, type ServerContextValue } from './server-context';

/** How often the status is asked for: while a sync runs, and otherwise. */
export const SYNC_POLL_MS = 400;
export const IDLE_POLL_MS = 30_000;

const NO_CREDENTIALS: CredentialsState = { available: false, saved: null };

export function ServerProvider({ children }: { children: ReactNode }) {
  const { api, invalidate } = useApiContext();
  const [status, setStatus] = useState<ServerStatus | null>(null);
  const [credentials, setCredentials] = useState<CredentialsState>(NO_CREDENTIALS);
  const [loginOpen, setLoginOpen] = useState(false);
  const [autoLoginError, setAutoLoginError] = useState<string | null>(null);
  const [sync, setSync] = useState<ServerContextValue['sync']>({ running: false, result: null, error: null });
  const [tick, setTick] = useState(0);
  const alive = useRef(true);

  const refresh = useCallback(() => setTick((t) => t + 1), []);

  // Poll: fast while a sync runs (here or started elsewhere), slowly otherwise.
  const syncing = sync.running || status?.syncing != null;
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await api.call('serverStatus', {});
        if (!stopped) setStatus(next);
      } catch {
        // The status is advisory: a failed poll leaves the last one shown.
      }
      if (!stopped) timer = setTimeout(() => void poll(), syncing ? SYNC_POLL_MS : IDLE_POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [api, syncing, tick]);

  // 记住密码 (Electron): log in with the saved login once, at start, in the main process.
  useEffect(() => {
    alive.current = true;
    const bridge = window.api?.serverCredentials;
    if (!bridge) return;
    void (async () => {
      const state = await bridge.state();
      if (!alive.current) return;
      setCredentials(state);
      if (!state.saved) return;
      const outcome = await bridge.login();
      if (!alive.current || !outcome) return;
      try {
        setStatus(unwrap(outcome));
        invalidate(['server']);
      } catch (e) {
        setAutoLoginError(errorMessage(e));
        setCredentials(await bridge.state());
      }
    })();
    return () => {
      alive.current = false;
    };
  }, [invalidate]);

  const login = useCallback(
    async (input: OperationInput<'serverLogin'>, remember: boolean) => {
      const next = await api.call('serverLogin', input);
      setStatus(next);
      setAutoLoginError(null);
      const bridge = window.api?.serverCredentials;
      if (bridge && remember) setCredentials(unwrap(await bridge.save(input)));
    },
    [api],
  );

  const logout = useCallback(async () => {
    setStatus(await api.call('serverLogout', {}));
  }, [api]);

  const forgetPassword = useCallback(async () => {
    const bridge = window.api?.serverCredentials;
    if (bridge) setCredentials(await bridge.forget());
  }, []);

  const syncNow = useCallback(async () => {
    setSync((s) => ({ ...s, running: true, error: null }));
    try {
      const result = await api.call('syncNow', {});
      setSync({ running: false, result, error: null });
    } catch (e) {
      setSync((s) => ({ running: false, result: s.result, error: errorMessage(e) }));
    }
    refresh();
  }, [api, refresh]);

  const value = useMemo<ServerContextValue>(
    () => ({ status, credentials, sync, openLogin: () => setLoginOpen(true), login, logout, forgetPassword, syncNow, refresh }),
    [status, credentials, sync, login, logout, forgetPassword, syncNow, refresh],
  );
  return (
    <ServerContext.Provider value={value}>
      {children}
      {loginOpen && <LoginDialog initialError={autoLoginError} onClose={() => setLoginOpen(false)} />}
    </ServerContext.Provider>
  );
}
