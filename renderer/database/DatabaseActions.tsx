// The chooser's four large buttons: 打开演示数据, 新建空数据库, 打开已有数据库, 打开督导包.
import type { Mode } from './use-database-chooser';

interface Props {
  /** The form open now (its button is marked active). */
  mode: Mode | null;
  busy: boolean;
  demoIsOpen: boolean;
  onOpenDemo(): void;
  onChoose(mode: Mode): void;
}

export function DatabaseActions({ mode, busy, demoIsOpen, onOpenDemo, onChoose }: Props) {
  return (
    <div className="db-actions">
      <button type="button" className="db-action" data-testid="db-open-demo" disabled={busy || demoIsOpen} onClick={onOpenDemo}>
        <span className="db-action-title">打开演示数据</span>
        <span className="db-action-hint">程序生成的 2022、2023 年夏季行动数据，用于熟悉功能；首次打开需生成约 1 分钟</span>
      </button>
      <button
        type="button"
        className={`db-action${mode === 'create' ? ' active' : ''}`}
        data-testid="db-create"
        disabled={busy}
        onClick={() => onChoose('create')}
      >
        <span className="db-action-title">新建空数据库</span>
        <span className="db-action-hint">新建一个空文件，导入各市报表</span>
      </button>
      <button
        type="button"
        className={`db-action${mode === 'open' ? ' active' : ''}`}
        data-testid="db-open"
        disabled={busy}
        onClick={() => onChoose('open')}
      >
        <span className="db-action-title">打开已有数据库</span>
        <span className="db-action-hint">打开以前使用的 .db 文件</span>
      </button>
      <button
        type="button"
        className={`db-action${mode === 'bundle' ? ' active' : ''}`}
        data-testid="db-open-bundle"
        disabled={busy}
        onClick={() => onChoose('bundle')}
      >
        <span className="db-action-title">打开督导包</span>
        <span className="db-action-hint">省厅导出的加密督导包（.cwb），需输入口令</span>
      </button>
    </div>
  );
}
