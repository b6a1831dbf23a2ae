// The chooser's state and actions: which form is open (open / create / bundle), its path and
// passphrase, the running call's label and the last error. Every switch goes through run, so the
// buttons are off while one runs and its error is shown.
import { useState, type FormEvent } from 'react';
import type { WorkspaceState } from '../../shared/api/operations';
import type { DatabaseDialogMode } from '../../shared/api/database-dialog';
import { useApiContext } from '../data/api-context';
import { errorMessage } from '../components/feedback';
import { joinFolder } from './database-paths';

/** bundle: 打开督导包, a .cwb and its passphrase (in Electron the file comes from the system's dialog). */
export type Mode = DatabaseDialogMode;

const MODE_LABEL: Record<Mode, string> = { open: '打开已有数据库', create: '新建空数据库', bundle: '打开督导包' };

export interface DatabaseChooserState {
  mode: Mode | null;
  setMode(mode: Mode | null): void;
  path: string;
  setPath(path: string): void;
  passphrase: string;
  setPassphrase(passphrase: string): void;
  /** The label of the call running, or null. */
  busy: string | null;
  error: string | null;
  openDemo(): Promise<void>;
  /** Asks the system's dialog for the file (Electron) or opens the path form (web). */
  choose(mode: Mode): Promise<void>;
  submit(e: FormEvent): void;
}

export function useDatabaseChooser(current: WorkspaceState, onSwitched: (next: WorkspaceState) => void): DatabaseChooserState {
  const { api } = useApiContext();
  const [mode, setMode] = useState<Mode | null>(null);
  const [path, setPath] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const bridge = window.api;

  const run = async (label: string, call: () => Promise<WorkspaceState>) => {
    setBusy(label);
    setError(null);
    try {
      onSwitched(await call());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const openOrCreate = (m: Mode, p: string) =>
    run(MODE_LABEL[m], () =>
      m === 'bundle'
        ? api.call('openDatabase', { path: p, passphrase })
        : api.call(m === 'open' ? 'openDatabase' : 'createDatabase', { path: p }),
    );

  const choose = async (m: Mode) => {
    setError(null);
    if (bridge?.chooseDatabase) {
      const picked = await bridge.chooseDatabase(m);
      if (!picked) return;
      if (m !== 'bundle') return openOrCreate(m, picked);
      // The file from the system's dialog; the passphrase is asked for here, never kept.
      setMode('bundle');
      setPath(picked);
      return;
    }
    setMode(m);
    setPath(m === 'create' ? joinFolder(current.homeFolder, '专项行动数据.db') : '');
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (mode) void openOrCreate(mode, path);
  };

  const openDemo = () => run('打开演示数据', () => api.call('openDemo', {}));

  return { mode, setMode, path, setPath, passphrase, setPassphrase, busy, error, openDemo, choose, submit };
}
