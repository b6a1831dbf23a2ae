// The workstation's connection to the provincial server: one per core process (the window's core
// worker, the web mode's, a CLI run), holding the logged-in client — the token lives in memory
// only — and what the header shows (reachable, last error, sync progress).
// MINIMAL VERSION (h14-sync, for `campaign sync`): log in, keep the client, report the state.
// h14-ui owns this module and replaces it.
import { readFileSync } from 'node:fs';
import type { Workspace } from '../store/workspace';
import type { ServerStatus, SyncProgress } from '../../shared/api/central';
import type { OperationParsed } from '../../shared/api/parse-input';
import { UserError } from '../../shared/errors';
import { CentralClient } from './http-client';
import { readSyncState } from '../sync/sync-state';

let client: CentralClient | null = null;
let progress: SyncProgress | null = null;
let lastError: string | null = null;
let reachable: boolean | null = null;

function caOption(): { ca?: Buffer } {
  const path = process.env.CAMPAIGN_SERVER_CA;
  if (!path) return {};
  try {
    return { ca: readFileSync(path) };
  } catch {
    throw new UserError(`无法读取证书文件 ${path}`);
  }
}

export async function serverStatus(ws: Workspace): Promise<ServerStatus> {
  const state = readSyncState(ws.db);
  const user = client?.loggedIn ? client.user : null;
  return {
    url: client?.url ?? state?.serverUrl ?? null,
    connected: client?.loggedIn ?? false,
    user: user ? { name: user.name, role: user.role, region: user.region } : null,
    reachable,
    error: lastError,
    lastSync: state?.lastSyncAt ? { at: state.lastSyncAt, seq: state.lastSeq, pulled: state.lastPulled } : null,
    syncing: progress,
    waiting: null,
  };
}

export async function serverLogin(ws: Workspace, input: OperationParsed<'serverLogin'>): Promise<ServerStatus> {
  const next = new CentralClient(input.url, caOption());
  try {
    await next.login(input.user, input.password);
    reachable = true;
    lastError = null;
  } catch (e) {
    lastError = e instanceof Error ? e.message : String(e);
    reachable = e instanceof UserError && e.name !== 'CentralUnreachable';
    throw e;
  }
  client = next;
  return serverStatus(ws);
}

export async function serverLogout(ws: Workspace): Promise<ServerStatus> {
  const held = client;
  client = null;
  await held?.logout().catch(() => undefined);
  return serverStatus(ws);
}

/** The logged-in client, or a UserError asking to log in first. */
export function connectedClient(): CentralClient {
  if (!client?.loggedIn) throw new UserError('尚未登录省厅服务器，请先登录');
  return client;
}

/** Where the running sync stands (null when none runs), for serverStatus. */
export function setSyncProgress(p: SyncProgress | null): void {
  progress = p;
}
