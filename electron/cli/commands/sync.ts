// `campaign sync --db LOCAL --server URL --user NAME --password-file FILE`: the local copy brought up
// to date through the core's serverLogin and syncNow operations (the same the window's 同步 runs).
// A --db file that does not exist is created (an empty database, the catalogue only).
import { UserError } from '../../../shared/errors';
import type { SyncResult } from '../../../shared/api/central';
import { isBundlePath } from '../../bundle/bundle-workspace';
import type { Options } from '../args';
import { oneAnswerCore } from '../one-answer-core';
import { withCliWorkspace } from '../open-for-cli';
import { out, terminalText } from '../print';
import { serverCredentials } from '../server-client';

/** What a sync pulled, in a sentence an analyst reads. */
export function syncSummary(r: SyncResult): string {
  const lines: string[] = [];
  if (r.batches_added + r.batches_undone === 0 && r.changes_skipped === 0) {
    lines.push(`已是最新：服务器 ${r.server_url} 没有新的变更（变更序号 ${r.to_seq}）`);
  } else {
    lines.push(
      `已从 ${r.server_url} 同步：新增批次 ${r.batches_added} 个（${r.facts_added} 条数据），撤销批次 ${r.batches_undone} 个` +
        `${r.changes_skipped > 0 ? `，跳过已同步的变更 ${r.changes_skipped} 项` : ''}；变更序号 ${r.from_seq} → ${r.to_seq}`,
    );
  }
  if (r.local_facts_superseded > 0) {
    lines.push(`注意：本机导入的 ${r.local_facts_superseded} 条数据已被省厅批次替换（撤销该省厅批次可恢复本机数据）`);
  }
  return lines.join('\n');
}

export async function syncCommand(dbPath: string, options: Options): Promise<number> {
  const fmt = options.format ?? 'table';
  if (fmt !== 'table' && fmt !== 'json') throw new UserError(`sync 的 --format 只能是 table 或 json（收到 ${fmt}）`);
  if (dbPath !== ':memory:' && isBundlePath(dbPath)) {
    throw new UserError('督导包只用于督导组现场核查，不能与省厅服务器同步：请给出全省数据库或一个新数据库文件');
  }
  const credentials = serverCredentials(options);
  // The core's connection reads a private CA from the environment (the operations carry no file).
  if (options.ca) process.env.CAMPAIGN_SERVER_CA = options.ca;
  return withCliWorkspace(dbPath, options, async (ws) => {
    const core = oneAnswerCore(ws);
    await core.serverLogin({ url: credentials.url, user: credentials.user, password: credentials.password });
    try {
      const { changed: _changed, ...result } = await core.syncNow({});
      out(fmt === 'json' ? JSON.stringify(result) : terminalText(syncSummary(result), { keepNewlines: true }));
    } finally {
      await core.serverLogout({}).catch(() => undefined);
    }
    return 0;
  });
}
