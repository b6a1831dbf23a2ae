// The provincial server as the page sees it (ServerProvider.tsx keeps it): the status, the login,
// 记住密码 and 同步. Views and the login dialog read it from here.
import { createContext, useContext } from 'react';
import type { ServerStatus, SyncResult } from '../../../shared/api/central';
import type { OperationInput } from '../../../shared/api/operations';
import type { CredentialsState } from '../../../shared/api/server-credentials';

export interface ServerContextValue {
  status: ServerStatus | null;
  credentials: CredentialsState;
  /** The sync of this session: running, its last result, its error. */
  sync: { running: boolean; result: SyncResult | null; error: string | null };
  openLogin(): void;
  login(input: OperationInput<'serverLogin'>, remember: boolean): Promise<void>;
  logout(): Promise<void>;
  forgetPassword(): Promise<void>;
  syncNow(): Promise<void>;
  refresh(): void;
}

export const ServerContext = createContext<ServerContextValue | null>(null);

export function useServer(): ServerContextValue {
  const v = useContext(ServerContext);
  if (!v) throw new Error('ServerProvider missing');
  return v;
}
