// Writes by other connections (a CLI `campaign import` or `undo` on the file the window has open):
// SQLite's `PRAGMA data_version` changes when another connection committed, never for this one's
// own writes. Looked at before every call, so the engine never answers from figures another
// process has replaced; the generation it counts tells the page to drop its cached answers.
import type { Database } from 'better-sqlite3';

export interface ExternalChanges {
  /** How many changes by other connections this worker has seen: the page polls it (dataStatus). */
  generation(): number;
  /**
   * Before a call on `db`: when another connection wrote since the last look, `reload` runs (the
   * engine is reset) and the generation goes up. The first look at a database sets the baseline.
   */
  check(db: Database, reload: () => void): boolean;
}

export function watchExternalChanges(): ExternalChanges {
  let generation = 0;
  let watched: Database | null = null;
  let seen = 0;
  return {
    generation: () => generation,
    check(db, reload) {
      const version = db.pragma('data_version', { simple: true }) as number;
      if (db !== watched) {
        watched = db;
        seen = version;
        return false;
      }
      if (version === seen) return false;
      seen = version;
      generation += 1;
      reload();
      return true;
    },
  };
}
