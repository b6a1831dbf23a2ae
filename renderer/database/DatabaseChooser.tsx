// 打开演示数据 / 新建空数据库 / 打开已有数据库. In Electron the file comes from the system's own dialog;
// a browser cannot give a file's path, so the web mode asks for it in a field (checked by the core:
// a full path ending .db in a folder that exists).
// The state and calls are in use-database-chooser.ts, the buttons in DatabaseActions.tsx, the path
// form in DatabasePathForm.tsx; this file lays them out with the progress and the error.
import type { WorkspaceState } from '../../shared/api/operations';
import { Spinner } from '../components/feedback';
import { DatabaseActions } from './DatabaseActions';
import { DatabasePathForm } from './DatabasePathForm';
import { isDemoOpen } from './database-paths';
import { useDatabaseChooser } from './use-database-chooser';

interface Props {
  /** The state now (suggests a folder for a new file; the open file is marked). */
  current: WorkspaceState;
  onSwitched(next: WorkspaceState): void;
  /** first: the first-start page's large buttons; menu: the header's compact list. */
  layout: 'first' | 'menu';
}

export function DatabaseChooser({ current, onSwitched, layout }: Props) {
  const chooser = useDatabaseChooser(current, onSwitched);
  const { mode, busy, error } = chooser;
  return (
    <div className={`db-chooser db-chooser-${layout}`} data-testid="db-chooser">
      <DatabaseActions
        mode={mode}
        busy={busy !== null}
        demoIsOpen={isDemoOpen(current)}
        onOpenDemo={() => void chooser.openDemo()}
        onChoose={(m) => void chooser.choose(m)}
      />
      {mode && <DatabasePathForm mode={mode} chooser={chooser} homeFolder={current.homeFolder} />}
      {busy && (
        <div className="db-busy">
          <Spinner label={busy === '打开演示数据' ? '正在打开演示数据（首次需生成，约 1 分钟）…' : `正在${busy}…`} />
        </div>
      )}
      {error && (
        <div className="status-error db-error" role="alert" data-testid="db-error">
          {error}
        </div>
      )}
    </div>
  );
}
