// Writes by other connections (a CLI `campaign import` or `undo` on the file the window has open):
// SQLite's `PRAGMA data_version` changes when another connection committed. The engine holder
// tells them from this program's own writer thread, whose commits it has already taken in
// (query/engine-holder.ts, changedElsewhere). Looked at before every call outside a write, so the
// engine never answers from figures another process has replaced; the generation counted here
// tells the page to drop its cached answers.
import type { EngineHolder } from '../query/engine-holder';

export interface ExternalChanges {
  /** How many changes by other connections this worker has seen: the page polls it (dataStatus). */
  generation(): number;
  /**
   * Before a call: when another connection wrote since the engine last matched the file, the
   * engine has been dropped (loaded again on the next query) and the generation goes up.
   */
  check(engine: Pick<EngineHolder, 'changedElsewhere'>): boolean;
}

export function watchExternalChanges(): ExternalChanges {
  let generation = 0;
  return {
    generation: () => generation,
    check(engine) {
      if (!engine.changedElsewhere()) return false;
      generation += 1;
      return true;
    },
  };
}
