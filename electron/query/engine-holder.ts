// The slice engine of an open database, kept across calls: loaded on first use (or ahead of it by
// the core worker), updated in place after the writes this program makes, loaded again when it
// cannot be updated (too large for the cube) or when the file changed under it (reset()).
import type { Workspace } from '../store/workspace';
import type { QueryEngineInfo } from '../../shared/api/operations';
import type { FactSource } from './fact-source';
import { chooseFactSource, type EngineChoice, type EnginePurpose } from './engine';
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
  /**
   * True (and the engine dropped, as reset()) when another connection committed since the engine
   * last matched the file. An import written by this program's writer thread is such a commit
   * too, but applyWrite has taken it in: it does not count. (SQLite's data_version.)
   */
  changedElsewhere(): boolean;
}

/** `purpose`: see EnginePurpose (a one-shot command scans instead of building the cube). */
export function engineHolder(ws: Workspace, purpose: EnginePurpose = 'resident'): EngineHolder {
  let choice: EngineChoice | null = null;
  // data_version changes only with other connections' commits (another process, the writer thread).
  const dataVersion = () => ws.db.pragma('data_version', { simple: true }) as number;
  let seenVersion = dataVersion();
  const load = () => {
    if (!choice) {
      seenVersion = dataVersion();
      choice = chooseFactSource(ws, purpose);
    }
    return choice;
  };
  return {
    get: () => load().source,
    describe: () => load().engine,
    reset: () => {
      choice = null;
    },
    applyWrite: (days) => {
      seenVersion = dataVersion();
      if (!choice) return; // not loaded yet: the first query loads the new state
      // The SQL path is chosen again too: after the write the database may fit the cube, or no longer.
      if (!(choice.source instanceof CubeFactSource) || !choice.source.applyDays(ws.db, days, cubeCellLimit())) choice = null;
    },
    changedElsewhere: () => {
      const now = dataVersion();
      if (now === seenVersion) return false;
      seenVersion = now;
      choice = null;
      return true;
    },
  };
}
