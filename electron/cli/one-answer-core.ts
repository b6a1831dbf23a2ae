// The core a one-shot command runs on: the same operations as everywhere, behind the same
// validating entry, with the fact source chosen for one answer (electron/query/engine.ts,
// 'one-answer'): no in-memory cube is built for a process that answers once and exits.
import type { Workspace } from '../store/workspace';
import { engineHolder, type EngineHolder } from '../query/engine-holder';
import { createCoreEntry, type CoreEntry } from '../core/entry';

export function oneAnswerEngine(ws: Workspace): EngineHolder {
  return engineHolder(ws, 'one-answer');
}

export function oneAnswerCore(ws: Workspace): CoreEntry {
  return createCoreEntry(ws, { engine: oneAnswerEngine(ws) });
}
