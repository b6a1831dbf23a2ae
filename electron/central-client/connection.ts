// The workstation's connection to the provincial server: one per core process (the window's core
// worker, the web mode's, a CLI run), holding the logged-in client — the token lives in memory
// only, the password is never kept — and what the header shows (reachable, last error, sync
// progress, submissions waiting). A database that follows a server (sync_state) is only ever
// logged in to that server, so one copy is never fed from two.
import { readFileSync } from 'node:fs';
import { UserError } from '../../shared/errors';
import type { ServerStatus, SyncProgress } from '../../shared/api/central';
import type { OperationParsed } from '../../shared/api/parse-input';
import type { Workspace } from '../store/workspace';
import { CentralClient, CentralUnreachable, type CentralClientOptions } from './http-client';
import { listSubmissions } from './review-client';
import { readSyncState, type SyncState } from '../store/sync-state';

/** A health answer is reused this long, so the header's polling does not hammer the server. */
export const HEALTH_CACHE_MS = 10_000;
/** The 待审核 count is reused this long. */
export const WAITING_CACHE_MS = 10_000;
/** A health check that takes longer counts as unreachable (the header must not hang). */
const HEALTH_TIMEOUT_MS = 5_000;

interface HealthSeen {
  url: string;
  at: number;
  reachable: boolean;
  error: string | null;
  serverId: string | null;
}

interface ConnectionState {
  client: CentralClient | null;
  health: HealthSeen | null;
  /** The health check under way (one at a time, however many polls ask). */
  checking: Promise<HealthSeen> | null;
  waiting: { at: number; count: number | null; client: CentralClient } | null;
  syncing: SyncProgress | null;
}

const state: ConnectionState = { client: null, health: null, checking: null, waiting: null, syncing: null };

/** The server this database follows (sync_state, store/sync-state.ts). */
interface Followed {
  url: string;
  serverId: string | null;
  lastSeq: number;
  lastSyncAt: string | null;
  lastPulled: number;
}

function followedServer(ws: Workspace): Followed | null {
  let state: SyncState | null;
  try {
    state = readSyncState(ws.db);
  } catch {
    // A database without the table (opened read-only before migration 6): it follows nothing.
    return null;
  }
  if (!state) return null;
  return {
    url: state.serverUrl,
    serverId: state.serverId,
    lastSeq: state.lastSeq,
    lastSyncAt: state.lastSyncAt,
    lastPulled: state.lastPulled,
  };
}

/** A province's own certificate authority, as the CLI takes it (CAMPAIGN_SERVER_CA). */
function clientOptions(): CentralClientOptions {
  const caPath = process.env.CAMPAIGN_SERVER_CA;
  if (!caPath) return {};
  try {
    return { ca: readFileSync(caPath) };
  } catch {
    throw new UserError(`无法读取 CAMPAIGN_SERVER_CA 指定的证书文件 ${caPath}`);
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

export async function serverLogin(ws: Workspace, input: OperationParsed<'serverLogin'>): Promise<ServerStatus> {
  const client = new CentralClient(input.url, clientOptions());
  const followed = followedServer(ws);
  if (followed && originOf(followed.url) !== client.url) {
    throw new UserError(
      `当前数据库是省厅服务器 ${followed.url} 的同步副本，不能登录另一个服务器 ${client.url}；如需连接其他服务器，请新建一个数据库`,
    );
  }
  try {
    await client.login(input.user, input.password);
  } catch (e) {
    if (e instanceof CentralUnreachable)
      state.health = { url: client.url, at: Date.now(), reachable: false, error: e.message, serverId: null };
    throw e;
  }
  const previous = state.client;
  state.client = client;
  state.waiting = null;
  state.health = {
    url: client.url,
    at: Date.now(),
    reachable: true,
    error: null,
    serverId: state.health?.url === client.url ? state.health.serverId : null,
  };
  // The token of an earlier login is given back; the server forgets it (best effort).
  if (previous && previous !== client) void previous.logout().catch(() => undefined);
  return serverStatus(ws);
}

export async function serverLogout(ws: Workspace): Promise<ServerStatus> {
  const client = state.client;
  state.client = null;
  state.waiting = null;
  if (client) await client.logout().catch(() => undefined);
  return serverStatus(ws);
}

/** The logged-in client, or a UserError asking to log in first (also when the login has expired). */
export function connectedClient(): CentralClient {
  const client = state.client;
  if (!client) throw new UserError('请先登录省厅服务器');
  if (!client.loggedIn) throw new UserError('登录已过期，请先登录省厅服务器');
  return client;
}

/** Where the running sync stands (null when none runs), for serverStatus. */
export function setSyncProgress(progress: SyncProgress | null): void {
  state.syncing = progress;
}

export async function serverStatus(ws: Workspace): Promise<ServerStatus> {
  const followed = followedServer(ws);
  const client = state.client;
  const url = followed ? originOf(followed.url) : (client?.url ?? null);
  const connected = client !== null && client.loggedIn && client.url === (url ?? client.url);
  const expired = client !== null && !client.loggedIn;
  const health = url ? await healthOf(url) : null;
  let error = health?.error ?? null;
  if (!error && health?.reachable && followed?.serverId && health.serverId && health.serverId !== followed.serverId) {
    error = '该地址上的服务器不是本数据库同步自的那一台（服务器标识不同），请核对服务器地址';
  }
  if (!error && expired) error = '登录已过期，请重新登录';
  return {
    url,
    connected,
    user: connected && client?.user ? { name: client.user.name, role: client.user.role, region: client.user.region } : null,
    reachable: health ? health.reachable : null,
    error,
    lastSync: followed?.lastSyncAt ? { at: followed.lastSyncAt, seq: followed.lastSeq, pulled: followed.lastPulled } : null,
    syncing: state.syncing,
    waiting: connected && client ? await waitingOf(client) : null,
  };
}

/** /api/health, at most once per HEALTH_CACHE_MS per address; failures in the user's words. */
async function healthOf(url: string): Promise<HealthSeen> {
  const seen = state.health;
  if (seen && seen.url === url && Date.now() - seen.at < HEALTH_CACHE_MS) return seen;
  if (state.checking) {
    const pending = await state.checking;
    if (pending.url === url) return pending;
  }
  const check = (async (): Promise<HealthSeen> => {
    try {
      const answer = await new CentralClient(url, { ...clientOptions(), timeoutMs: HEALTH_TIMEOUT_MS }).health();
      return {
        url,
        at: Date.now(),
        reachable: true,
        error: null,
        serverId: typeof answer.server_id === 'string' ? answer.server_id : null,
      };
    } catch (e) {
      const message = e instanceof UserError ? e.message : `无法连接省厅服务器 ${url}`;
      return { url, at: Date.now(), reachable: false, error: message, serverId: null };
    }
  })();
  state.checking = check;
  try {
    const result = await check;
    state.health = result;
    return result;
  } finally {
    if (state.checking === check) state.checking = null;
  }
}

/** Submissions 待审核, for an analyst; null for other roles or when the server does not answer. */
async function waitingOf(client: CentralClient): Promise<number | null> {
  if (client.user?.role !== 'analyst') return null;
  const seen = state.waiting;
  if (seen && seen.client === client && Date.now() - seen.at < WAITING_CACHE_MS) return seen.count;
  let count: number | null;
  try {
    count = (await listSubmissions(client, { status: '待审核' })).submissions.length;
  } catch {
    count = null;
  }
  state.waiting = { at: Date.now(), count, client };
  return count;
}

/** Forgets the cached 待审核 count (after a decision, so the header shows the new one). */
export function forgetWaitingCount(): void {
  state.waiting = null;
}
