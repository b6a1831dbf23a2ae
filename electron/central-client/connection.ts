// The workstation's connection to the provincial server: one per core process (the window's core
// worker, the web mode's, a CLI run), holding the logged-in client — the token lives in memory
// only — and what the header shows (reachable, last error, sync progress).
// PLACEHOLDER (h14-ui builds it).
import type { Workspace } from '../store/workspace';
import type { ServerStatus, SyncProgress } from '../../shared/api/central';
import type { OperationParsed } from '../../shared/api/parse-input';
import type { CentralClient } from './http-client';

export async function serverStatus(_ws: Workspace): Promise<ServerStatus> {
  throw new Error('connection: not built yet');
}

export async function serverLogin(_ws: Workspace, _input: OperationParsed<'serverLogin'>): Promise<ServerStatus> {
  throw new Error('connection: not built yet');
}

export async function serverLogout(_ws: Workspace): Promise<ServerStatus> {
  throw new Error('connection: not built yet');
}

/** The logged-in client, or a UserError asking to log in first. */
export function connectedClient(): CentralClient {
  throw new Error('connection: not built yet');
}

/** Where the running sync stands (null when none runs), for serverStatus. */
export function setSyncProgress(_progress: SyncProgress | null): void {
  throw new Error('connection: not built yet');
}
