// The slice engine of an open database, kept across calls: loaded on first use (or ahead of it by
// the core worker), updated in place after the writes this program makes, loaded again when it
// cannot be updated (too large for the cube) or when the file changed under it (reset()).
import type { Workspace } from '../core/workspace';
import type { QueryEngineInfo } from '../../shared/api/operations';
import type { FactSource } from './fact-source';
import { chooseFactSource, type EngineChoice } from './engine';
import { CubeFactSource, cubeCellLimit } from './cube';

export interface EngineHolder {
  get(): FactSource;
  /** Which engine answers (the cube, or the SQL path when the database is too large) and why. */
  describe(): QueryEngineInfo;
  /** The facts changed in ways not known here (another process wrote): loaded again on the next query. */
  reset(): void;
  /**
   * After a committed write of this program that changed the facts of `days` (day numbers): the
   * cube updates those days in place; the SQL path needs nothing; a cube that cannot take the
   * update is loaded again on the next query.
   */
  applyWrite(days: Iterable<number>): void;
}

export function engineHolder(ws: Workspace): EngineHolder {
  let choice: EngineChoice | null = null;
  const load = () => (choice ??= chooseFactSource(ws));
  return {
    get: () => load().source,
    describe: () => load().engine,
    reset: () => {
      choice = null;
    },
    applyWrite: (days) => {
      if (!choice) return; // not loaded yet: the first query loads the new state
      // The SQL path is chosen again too: after the write the database may fit the cube, or no longer.
      if (!(choice.source instanceof CubeFactSource) || !choice.source.applyDays(ws.db, days, cubeCellLimit())) choice = null;
    },
  };
}
