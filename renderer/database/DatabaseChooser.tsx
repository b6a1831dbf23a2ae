// 打开演示数据 / 新建空数据库 / 打开已有数据库. In Electron the file comes from the system's own dialog;
// a browser cannot give a file's path, so the web mode asks for it in a field (checked by the core:
// a full path ending .db in a folder that exists).
import { useState, type FormEvent } from 'react';
import type { WorkspaceState } from '../../shared/api/operations';
import type { DatabaseDialogMode } from '../../shared/api/database-dialog';
import { useApiContext } from '../data/api-context';
import { Spinner, errorMessage } from '../components/feedback';

/** bundle: 打开督导包, a .cwb and its passphrase (in Electron the file comes from the system's dialog). */
type Mode = DatabaseDialogMode;

const MODE_LABEL: Record<Mode, string> = { open: '打开已有数据库', create: '新建空数据库', bundle: '打开督导包' };

interface Props {
  /** The state now (suggests a folder for a new file; the open file is marked). */
  current: WorkspaceState;
  onSwitched(next: WorkspaceState): void;
  /** first: the first-start page's large buttons; menu: the header's compact list. */
  layout: 'first' | 'menu';
}

export function DatabaseChooser({ current, onSwitched, layout }: Props) {
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

  const demoIsOpen = current.demo && current.path !== null && current.path === joinFolder(current.homeFolder, 'demo.db');

  return (
    <div className={`db-chooser db-chooser-${layout}`} data-testid="db-chooser">
      <div className="db-actions">
        <button
          type="button"
          className="db-action"
          data-testid="db-open-demo"
          disabled={busy !== null || demoIsOpen}
          onClick={() => void run('打开演示数据', () => api.call('openDemo', {}))}
        >
          <span className="db-action-title">打开演示数据</span>
          <span className="db-action-hint">程序生成的 2022、2023 年夏季行动数据，用于熟悉功能；首次打开需生成约 1 分钟</span>
        </button>
        <button
          type="button"
          className={`db-action${mode === 'create' ? ' active' : ''}`}
          data-testid="db-create"
          disabled={busy !== null}
          onClick={() => void choose('create')}
        >
          <span className="db-action-title">新建空数据库</span>
          <span className="db-action-hint">新建一个空文件，导入各市报表</span>
        </button>
        <button
          type="button"
          className={`db-action${mode === 'open' ? ' active' : ''}`}
          data-testid="db-open"
          disabled={busy !== null}
          onClick={() => void choose('open')}
        >
          <span className="db-action-title">打开已有数据库</span>
          <span className="db-action-hint">打开以前使用的 .db 文件</span>
        </button>
        <button
          type="button"
          className={`db-action${mode === 'bundle' ? ' active' : ''}`}
          data-testid="db-open-bundle"
          disabled={busy !== null}
          onClick={() => void choose('bundle')}
        >
          <span className="db-action-title">打开督导包</span>
          <span className="db-action-hint">省厅导出的加密督导包（.cwb），需输入口令</span>
        </button>
      </div>
      {mode && (
        <form className="db-path-form" onSubmit={submit}>
          <label>
            <span>
              {mode === 'create' ? '新数据库文件的完整路径' : mode === 'bundle' ? '督导包文件（.cwb）的完整路径' : '数据库文件的完整路径'}
            </span>
            <input
              type="text"
              value={path}
              data-testid="db-path"
              spellCheck={false}
              autoFocus
              placeholder={joinFolder(current.homeFolder, mode === 'bundle' ? '吕梁市督导包.cwb' : '专项行动数据.db')}
              onChange={(e) => setPath(e.target.value)}
            />
          </label>
          {mode === 'bundle' && (
            <label>
              <span>口令</span>
              <input
                type="password"
                value={passphrase}
                data-testid="db-passphrase"
                autoComplete="off"
                onChange={(e) => setPassphrase(e.target.value)}
              />
            </label>
          )}
          <div className="db-path-buttons">
            <button
              type="submit"
              className="btn btn-primary"
              data-testid="db-path-submit"
              disabled={busy !== null || path.trim() === '' || (mode === 'bundle' && passphrase === '')}
            >
              {mode === 'create' ? '新建' : '打开'}
            </button>
            <button type="button" className="btn" onClick={() => setMode(null)} disabled={busy !== null}>
              取消
            </button>
          </div>
          <div className="db-path-hint">
            {mode === 'bundle'
              ? '督导包只在内存中解密，修改后重新加密保存；口令错误时不会打开。'
              : '文件名须以 .db 结尾，所在文件夹须已存在。'}
          </div>
        </form>
      )}
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

/** A path in the core's folder, with the separator that folder uses (Windows or POSIX). */
function joinFolder(folder: string, name: string): string {
  const sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(sep) ? folder + name : folder + sep + name;
}
