// `campaign completeness`: which units did not report on which days; --format csv is the 催报清单.
import { reminderTable } from '../../reports/reminders';
import type { Options } from '../args';
import { oneAnswerCore } from '../one-answer-core';
import { withCliWorkspace } from '../open-for-cli';
import { noteDemo, outputFormat, printRows } from '../output';
import { formatTable, out } from '../print';
import { sliceInput } from '../slice-options';

export async function completenessCommand(dbPath: string, _args: string[], options: Options): Promise<number> {
  const fmt = outputFormat(options);
  return withCliWorkspace(dbPath, options, async (ws) => {
    const input = sliceInput(options);
    if (fmt === 'csv') {
      // The 催报清单 exactly as the 数据完整性 view exports it (one builder), without the byte-order mark.
      const file = await oneAnswerCore(ws).report({ ...input, type: 'reminders', format: 'csv' });
      process.stdout.write(new TextDecoder().decode(file.bytes).replace(/^\uFEFF/, ''));
      return 0;
    }
    const r = oneAnswerCore(ws).completeness(input);
    if (fmt === 'json') return (out(JSON.stringify(r)), 0);
    noteDemo(ws, fmt);
    if (fmt === 'table')
      out(
        `${r.period.from} 至 ${r.period.to}：${r.units} 个报送单位 × ${r.days} 天 × ${r.indicators} 项指标；未报送 ${r.missing.length} 个单位日，部分报送 ${r.partial.length} 个单位日`,
      );
    printRows(
      ['city_code', 'city_name', 'units', 'expected_pairs', 'reported_pairs', 'missing_pairs', 'partial_pairs', 'rate'],
      r.cities.map((c) => ({ ...c, rate: Math.round(c.rate * 10000) / 100 })),
      fmt,
    );
    const gaps = reminderTable(r, '催报清单');
    if (gaps.rows.length > 0) {
      out('');
      out(
        formatTable(
          gaps.columns.map((c) => c.header),
          gaps.rows.map((row) => row.map((c) => c.value)),
        ),
      );
    }
    return 0;
  });
}
