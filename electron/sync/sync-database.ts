// Bringing a local SQLite copy up to date with the provincial record (issue 14 §2): the changes
// after sync_state.last_seq, each applied in its own local transaction together with the new
// last_seq (resumable after a cut connection or a killed process, idempotent), server batches marked
// in server_batch so local-only imports stay local. A city-bound account's copy gets its city only.
// PLACEHOLDER (h14-sync builds it).
import type { Workspace } from '../store/workspace';
import type { SyncProgress, SyncResult } from '../../shared/api/central';
import type { CentralClient } from '../central-client/http-client';

export interface SyncOutcome {
  result: SyncResult;
  /** Days whose facts changed (for the slice engine's in-place update). */
  days: number[];
}

export async function syncDatabase(_ws: Workspace, _client: CentralClient, _onProgress?: (p: SyncProgress) => void): Promise<SyncOutcome> {
  throw new Error('sync: not built yet');
}

/** What this copy remembers of its server (null: never synced). */
export interface SyncState {
  serverUrl: string;
  serverId: string | null;
  userName: string;
  role: string;
  cityCode: number | null;
  lastSeq: number;
  lastSyncAt: string | null;
  lastPulled: number;
}

export function syncStateOf(_ws: Workspace): SyncState | null {
  throw new Error('sync: not built yet');
}
