// The slice engine a workspace queries through. Everything that answers slices (CLI, UI, reports,
// benchmark) gets its FactSource here, so the fast path and the plain path stay interchangeable.
import type { Workspace } from '../core/workspace';
import { SqlFactSource, type FactSource } from './fact-source';

export function createFactSource(ws: Workspace): FactSource {
  return new SqlFactSource(ws.db);
}
