// The slice engine a workspace queries through. Everything that answers slices (CLI, UI, reports,
// benchmark) gets its FactSource here, so the fast path and the plain path stay interchangeable.
import type { Workspace } from '../core/workspace';
import { SqlFactSource, type FactSource } from './fact-source';
import { CubeFactSource } from './cube';

export function createFactSource(ws: Workspace): FactSource {
  return CubeFactSource.load(ws.db) ?? new SqlFactSource(ws.db);
}
