// `campaign anomalies`: values far from their unit's own history (the city report's algorithm).
import type { Options } from '../args';
import { oneAnswerCore } from '../one-answer-core';
import { withCliWorkspace } from '../open-for-cli';
import { outputFormat, printRows } from '../output';
import { out } from '../print';
import { sliceInput } from '../slice-options';

export async function anomaliesCommand(dbPath: string, _args: string[], options: Options): Promise<number> {
  const fmt = outputFormat(options);
  return withCliWorkspace(dbPath, options, async (ws) => {
    const r = oneAnswerCore(ws).anomalies(sliceInput(options));
    if (fmt === 'json') return (out(JSON.stringify(r)), 0);
    if (fmt === 'table')
      out(
        `${r.period.from} 至 ${r.period.to}：偏离本单位历史水平（${r.window.from} 至 ${r.window.to} 其他各日）超过 ${r.threshold} 倍稳健标准差的数据 ${r.total} 条`,
      );
    const rows = r.cities
      .flatMap((c) => c.anomalies)
      .map((a) => ({ ...a, usual: a.expected, expected_range: `${a.expected_low}–${a.expected_high}` }));
    printRows(
      ['city_name', 'region_code', 'region_name', 'day', 'department', 'indicator', 'unit', 'value', 'usual', 'expected_range', 'score'],
      rows,
      fmt,
    );
    return 0;
  });
}
