// The filter options of query, completeness, anomalies and report as a slice query.
import { UserError } from '../../shared/errors';
import { GROUP_KEYS, type GroupKey, type SliceQuery } from '../../shared/api/slice';
import type { Options } from './args';

export function sliceInput(options: Options): SliceQuery {
  const by = (options.by ?? []).flatMap((b) => b.split(','));
  const bad = by.filter((b) => !(GROUP_KEYS as readonly string[]).includes(b));
  if (bad.length > 0) throw new UserError(`无法识别分组 ${bad.join('、')}（可用：${GROUP_KEYS.join('、')}）`);
  const compare = options.compare;
  if (compare !== undefined && compare !== 'yoy' && compare !== 'prev') {
    throw new UserError(`--compare 只能是 yoy（同比）或 prev（环比），收到 ${compare}`);
  }
  return {
    ...(options.phase !== undefined ? { phase: options.phase } : {}),
    ...(options.from !== undefined ? { from: options.from } : {}),
    ...(options.to !== undefined ? { to: options.to } : {}),
    regions: options.region ?? [],
    departments: options.department ?? [],
    indicators: options.indicator ?? [],
    by: by as GroupKey[],
    ...(compare ? { compare } : {}),
  };
}
