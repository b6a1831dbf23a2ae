// The 图表 view's toolbar: the indicator the ranking, the map and the daily line show, grouped by department.
import type { ChartInputs } from './chart-inputs';

export function ChartsToolbar({ inputs: { catalogue, indicators, indicator, dispatch } }: { inputs: ChartInputs }) {
  return (
    <div className="view-toolbar">
      <h2>图表</h2>
      <label className="inline-field">
        指标
        <select
          value={indicator.key}
          data-testid="chart-indicator"
          onChange={(e) => dispatch({ type: 'setOptions', options: { chartIndicator: e.target.value } })}
        >
          {catalogue.departments.map((d) => {
            const inds = indicators.filter((i) => i.department === d.name);
            return inds.length === 0 ? null : (
              <optgroup key={d.name} label={d.name}>
                {inds.map((i) => (
                  <option key={i.key} value={i.key}>
                    {i.name}（{i.unit}）
                  </option>
                ))}
              </optgroup>
            );
          })}
        </select>
      </label>
      <span className="muted small push-right">点击柱条或地图区域即下钻到该地区；用上方路径返回上级</span>
    </div>
  );
}
