// The core a one-shot command runs on: the same operations as everywhere, behind the same
// validating entry, with the fact source chosen for one answer (electron/query/engine.ts,
// 'one-answer'): no in-memory cube is built for a process that answers once and exits.
import type { Workspace } from '../store/workspace';
import type { EngineHolder } from '../core/handlers';
import { createCoreEntry, type CoreEntry } from '../core/entry';
import { chooseFactSource, type EngineChoice } from '../query/engine';

export function oneAnswerEngine(ws: Workspace): EngineHolder {
  let choice: EngineChoice | null = null;
  const load = () => (choice ??= chooseFactSource(ws, 'one-answer'));
  return {
    get: () => load().source,
    describe: () => load().engine,
    reset: () => {
      choice = null;
    },
  };
}

export function oneAnswerCore(ws: Workspace): CoreEntry {
  return createCoreEntry(ws, { engine: oneAnswerEngine(ws) });
}
