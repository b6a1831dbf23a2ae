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
      <ChoiceButton
        mode="create"
        current={mode}
        busy={busy}
        onChoose={onChoose}
        testId="db-create"
        title="新建空数据库"
        hint="新建一个空文件，导入各市报表"
      />
      <ChoiceButton
        mode="open"
        current={mode}
        busy={busy}
        onChoose={onChoose}
        testId="db-open"
        title="打开已有数据库"
        hint="打开以前使用的 .db 文件"
      />
      <ChoiceButton
        mode="bundle"
        current={mode}
        busy={busy}
        onChoose={onChoose}
        testId="db-open-bundle"
        title="打开督导包"
        hint="省厅导出的加密督导包（.cwb），需输入口令"
      />
    </div>
  );
}

interface ChoiceProps {
  mode: Mode;
  /** The form open now: this button is marked active when it is its own. */
  current: Mode | null;
  busy: boolean;
  onChoose(mode: Mode): void;
  testId: string;
  title: string;
  hint: string;
}

/** A button that opens the path form for its mode. */
function ChoiceButton({ mode, current, busy, onChoose, testId, title, hint }: ChoiceProps) {
  return (
    <button
      type="button"
      className={`db-action${current === mode ? ' active' : ''}`}
      data-testid={testId}
      disabled={busy}
      onClick={() => onChoose(mode)}
    >
      <span className="db-action-title">{title}</span>
      <span className="db-action-hint">{hint}</span>
    </button>
  );
}
