// Which database is open, and switching it: the header's menu and the first-start page both go
// through here. A switch clears every cached answer and remounts the workstation, so every view
// reads the new file.
import { createContext, useContext } from 'react';
import type { WorkspaceState } from '../../shared/api/operations';

export interface DatabaseContextValue {
  state: WorkspaceState;
  /** Called with the state an open/create/demo call answered. */
  switched(next: WorkspaceState): void;
}

export const DatabaseContext = createContext<DatabaseContextValue | null>(null);

export function useDatabase(): DatabaseContextValue {
  const v = useContext(DatabaseContext);
  if (!v) throw new Error('DatabaseContext missing');
  return v;
}

/** Whether the open database holds demo facts: the data status when loaded, else the open state. */
export function useIsDemo(infoDemo: boolean | undefined): boolean {
  const v = useContext(DatabaseContext);
  return infoDemo ?? v?.state.demo ?? false;
}
