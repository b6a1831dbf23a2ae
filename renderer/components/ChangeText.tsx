// 同比上升12.3% in the up/down colour with an arrow.
import { formatChangePct } from '../../shared/format';
import { trendOf } from '../logic/pivot';

export function ChangeText({ pct, change, prefix }: { pct: number | null; change: number | null; prefix: string }) {
  const text = formatChangePct(pct);
  const trend = trendOf(change);
  if (text === null) return <span className="change muted">{change === null ? `${prefix}：无基期数据` : `${prefix}：基期为0`}</span>;
  return (
    <span className={`change trend-${trend ?? 'flat'}`}>
      {trend === 'up' ? '▲ ' : trend === 'down' ? '▼ ' : ''}
      {prefix}
      {text}
    </span>
  );
}
