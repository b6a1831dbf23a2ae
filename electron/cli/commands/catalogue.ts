// `campaign catalogue`: the indicators with their departments, units and aliases; regions, phases.
import type { Options } from '../args';
import { oneAnswerCore } from '../one-answer-core';
import { withCliWorkspace } from '../open-for-cli';
import { outputFormat, printRows } from '../output';
import { out } from '../print';

export async function catalogueCommand(dbPath: string, _args: string[], options: Options): Promise<number> {
  const fmt = outputFormat(options);
  return withCliWorkspace(dbPath, options, async (ws) => {
    const c = oneAnswerCore(ws).catalogue({});
    if (fmt === 'json') return (out(JSON.stringify(c)), 0);
    const rows = c.indicators.map((i) => ({
      department: i.department,
      indicator: i.name,
      unit: i.unit,
      source: i.fromArticle ? '新闻稿' : '补充（非新闻稿）',
      aliases: i.aliases.join('、'),
    }));
    printRows(['department', 'indicator', 'unit', 'source', 'aliases'], rows, fmt);
    if (fmt === 'table') {
      const levels = ['province', 'city', 'county'].map((l) => c.regions.filter((r) => r.level === l).length);
      out(`\n地区: ${levels[0]} 省、${levels[1]} 市、${levels[2]} 县级；部门: ${c.departments.map((d) => d.name).join('、')}`);
      for (const k of c.campaigns)
        out(`行动: ${k.name} ${k.from}..${k.to}；阶段: ${k.phases.map((p) => `${p.name} ${p.from}..${p.to}`).join('；')}`);
    }
    return 0;
  });
}
