// `campaign info`: what the database holds — facts, dates, units, indicators, the import batches.
import { beijingClock } from '../../../shared/beijing-time';
import { DEMO_MARK } from '../../demo/marker';
import type { Options } from '../args';
import { oneAnswerCore } from '../one-answer-core';
import { withCliWorkspace } from '../open-for-cli';
import { outputFormat, printRows } from '../output';
import { out, terminalText } from '../print';

export async function infoCommand(dbPath: string, _args: string[], options: Options): Promise<number> {
  const fmt = outputFormat(options);
  return withCliWorkspace(dbPath, options, async (ws) => {
    const info = oneAnswerCore(ws).info({});
    if (fmt === 'json') return (out(JSON.stringify(info)), 0);
    out(`数据库: ${terminalText(info.path)}（结构版本 ${info.schemaVersion}）${info.demo ? `【${DEMO_MARK}】` : ''}`);
    if (info.bundle)
      out(
        `督导包: ${terminalText(info.bundle.cityName)} ${info.bundle.from} 至 ${info.bundle.to}，${terminalText(info.bundle.madeBy)} 于 ${beijingClock(info.bundle.madeAt)} 从全省数据库导出（内存中解密，写回时重新加密）`,
      );
    if (info.engine.kind === 'sql') out(`查询方式: 数据库逐次计算（${info.engine.reason ?? ''}）`);
    out(`数据: ${info.facts} 条，${info.from ?? '—'} 至 ${info.to ?? '—'}，${info.reportingUnits} 个报送单位，${info.indicators} 项指标`);
    // Times in Beijing time (the JSON keeps the stored UTC instants).
    // origin: 省厅 (a batch of the provincial record, brought by `campaign sync`) or 本地 (imported here).
    const batches = info.batches.map((b) => ({
      ...b,
      origin: b.origin === 'server' ? `省厅 ${b.serverBatchId}` : '本地',
      importedAt: beijingClock(b.importedAt),
      undoneAt: b.undoneAt === null ? null : beijingClock(b.undoneAt),
    }));
    printRows(['id', 'source', 'origin', 'facts', 'replaced', 'importedAt', 'undoneAt'], batches, fmt);
    return 0;
  });
}
