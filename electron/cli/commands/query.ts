// `campaign query`: the slice query (the figures of the grid and the charts).
import type { Options } from '../args';
import { oneAnswerCore } from '../one-answer-core';
import { withCliWorkspace } from '../open-for-cli';
import { noteDemo, outputFormat, printRows, sliceFields } from '../output';
import { out, type Cell } from '../print';
import { sliceInput } from '../slice-options';

export async function queryCommand(dbPath: string, _args: string[], options: Options): Promise<number> {
  const fmt = outputFormat(options);
  return withCliWorkspace(dbPath, options, async (ws) => {
    const input = sliceInput(options);
    const result = oneAnswerCore(ws).query(input);
    if (fmt === 'json') return (out(JSON.stringify({ rows: result.rows, total: result.total, period: result.period })), 0);
    noteDemo(ws, fmt);
    const fields = sliceFields(result.rows, input.compare !== undefined);
    // The table prints 增减% to one decimal, as reports do; CSV and JSON keep full precision.
    const pct = <T extends { change_pct?: number | null }>(r: T) =>
      fmt === 'table' && typeof r.change_pct === 'number' ? { ...r, change_pct: r.change_pct.toFixed(1) } : r;
    printRows(fields, result.rows.map(pct) as unknown as Record<string, Cell>[], fmt, pct(result.total) as unknown as Record<string, Cell>);
    return 0;
  });
}
