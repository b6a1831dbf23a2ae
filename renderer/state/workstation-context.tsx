// What every view reads: the catalogue, the data status, the view state and its dispatcher.
import { createContext, useContext } from 'react';
import type { Catalogue } from '../../shared/api/catalogue-types';
import type { DataInfo } from '../../shared/api/operations';
import type { ViewState } from '../../shared/api/views';
import type { DatePreset } from './presets';
import type { ViewAction } from './view-state';

export interface Workstation {
  catalogue: Catalogue;
  /** Null until the data status has loaded (it is asked for after the first view is drawn). */
  info: DataInfo | null;
  state: ViewState;
  dispatch: (action: ViewAction) => void;
  presets: DatePreset[];
  refreshInfo: () => void;
}

export const WorkstationContext = createContext<Workstation | null>(null);

export function useWorkstation(): Workstation {
  const w = useContext(WorkstationContext);
  if (!w) throw new Error('WorkstationContext missing');
  return w;
}
