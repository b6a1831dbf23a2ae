// `campaign demo`: the demo database (2022 and 2023 summer campaigns), never in the real one.
import { join, resolve } from 'node:path';
import { UserError } from '../../../shared/errors';
import { demoDbPath, REAL_DB_FILE, userDataFolder } from '../../runtime/default-db';
import type { Options } from '../args';
import { oneAnswerCore } from '../one-answer-core';
import { withCliWorkspace } from '../open-for-cli';
import { outputFormat } from '../output';
import { out, terminalText } from '../print';

export async function demoCommand(dbPath: string, _args: string[], options: Options): Promise<number> {
  // The demo never goes into the real database: without --db it has its own file, demo.db.
  if (resolve(dbPath) === resolve(join(userDataFolder(), REAL_DB_FILE))) {
    throw new UserError(`演示数据不写入正式数据库 ${dbPath}：请不给 --db（写入 ${demoDbPath()}）或另给一个新文件路径。`);
  }
  const fmt = outputFormat(options);
  return withCliWorkspace(dbPath, options, async (ws) => {
    // Printed as before: what changed is for the window's cache, not the command line.
    const { changed: _changed, ...s } = oneAnswerCore(ws).buildDemo();
    out(
      fmt === 'json'
        ? JSON.stringify(s)
        : `演示数据已写入 ${terminalText(dbPath)}：${s.facts} 条（${s.units} 个报送单位 × ${s.indicators} 项指标 × ${s.days} 天），批次 ${s.batchId}`,
    );
    return 0;
  });
}
