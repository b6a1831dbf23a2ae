// `campaign undo BATCH`: an import batch undone (a backup of the database is taken first).
import { UserError } from '../../../shared/errors';
import type { Options } from '../args';
import { oneAnswerCore } from '../one-answer-core';
import { withCliWorkspace } from '../open-for-cli';
import { outputFormat } from '../output';
import { out } from '../print';

export async function undoCommand(dbPath: string, args: string[], options: Options): Promise<number> {
  const fmt = outputFormat(options);
  const id = Number(args[0]);
  if (!Number.isInteger(id) || id <= 0) throw new UserError('请给出要撤销的批次号：campaign undo 批次号');
  return withCliWorkspace(dbPath, options, async (ws) => {
    const { changed: _changed, ...r } = oneAnswerCore(ws).undo({ batchId: id });
    out(
      fmt === 'json'
        ? JSON.stringify(r)
        : `已撤销批次 ${r.batchId}：删除 ${r.removed} 条，恢复被替换的 ${r.restored} 条${r.backup ? `（撤销前备份：${r.backup}）` : ''}`,
    );
    return 0;
  });
}
