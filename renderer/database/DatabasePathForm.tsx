// The path form (web mode, and the passphrase of a 督导包 in Electron): the file's full path, the
// passphrase for a bundle, 新建 / 打开 and 取消.
import type { DatabaseChooserState, Mode } from './use-database-chooser';
import { joinFolder } from './database-paths';

interface Props {
  /** The form asked for (the chooser's mode, when set). */
  mode: Mode;
  chooser: DatabaseChooserState;
  homeFolder: string;
}

export function DatabasePathForm({ mode, chooser, homeFolder }: Props) {
  const { path, setPath, passphrase, setPassphrase, busy, setMode, submit } = chooser;
  return (
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
          placeholder={joinFolder(homeFolder, mode === 'bundle' ? '吕梁市督导包.cwb' : '专项行动数据.db')}
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
        {mode === 'bundle' ? '督导包只在内存中解密，修改后重新加密保存；口令错误时不会打开。' : '文件名须以 .db 结尾，所在文件夹须已存在。'}
      </div>
    </form>
  );
}
