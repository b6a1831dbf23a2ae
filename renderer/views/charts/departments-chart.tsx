// 各部门指标对比: each department's own figures of one unit side by side (never added up), over
// the whole filter. A click on a bar makes the other charts show that indicator.
import { useMemo } from 'react';
import type { Indicator } from '../../../shared/api/catalogue-types';
import { ChartPanel } from '../../components/ChartPanel';
import { useOperation } from '../../data/use-operation';
import { departmentFigures, departmentFiguresOption, unitsOf } from '../../logic/chart-options';
import { clickedIndicator, isEmpty, type ChartAnswer, type ChartInputs } from './chart-inputs';

export interface DepartmentsChart {
  answer: ChartAnswer;
  /** The units of the filter's indicators, most used first, and the one shown. */
  units: string[];
  unit: string;
  unitIndicators: Indicator[];
  /** The scope the figures cover, when the answer names it. */
  scopeName: string | undefined;
}

export function useDepartmentsChart({ base, compare, indicators, indicator, options }: ChartInputs): DepartmentsChart {
  const units = unitsOf(indicators);
  const unit = options.stackUnit && units.includes(options.stackUnit) ? options.stackUnit : indicator.unit;
  const unitIndicators = useMemo(() => indicators.filter((i) => i.unit === unit), [indicators, unit]);
  const stack = useOperation('query', { ...base, indicators: unitIndicators.map((i) => i.key), by: ['indicator'], ...compare });
  const compareName = stack.dataInput?.compare === 'yoy' ? '同比' : stack.dataInput?.compare === 'prev' ? '环比' : null;
  const option = useMemo(
    () => (stack.data ? departmentFiguresOption(departmentFigures(stack.data.rows, unitIndicators), unit, compareName) : null),
    [stack.data, unitIndicators, unit, compareName],
  );
  return {
    answer: {
      option,
      optionKey: stack.dataKey === null ? null : `${stack.dataKey}|${unit}|${compareName ?? ''}`,
      current: stack.current,
      loading: stack.loading,
      error: stack.error,
      empty: stack.current && isEmpty(stack.data?.rows),
    },
    units,
    unit,
    unitIndicators,
    scopeName: stack.data?.total.region_name,
  };
}

export function DepartmentsPanel({ inputs: { indicators, dispatch }, chart }: { inputs: ChartInputs; chart: DepartmentsChart }) {
  const { units, unit, unitIndicators, scopeName } = chart;
  return (
    <ChartPanel
      name="departments"
      title={`各部门指标对比 · 单位：${unit}（${unitIndicators.length} 项，分列不相加）`}
      actions={
        <label className="inline-field">
          单位
          <select
            value={unit}
            data-testid="stack-unit"
            onChange={(e) => dispatch({ type: 'setOptions', options: { stackUnit: e.target.value } })}
          >
            {units.map((u) => (
              <option key={u} value={u}>
                {u}（{indicators.filter((i) => i.unit === u).length} 项）
              </option>
            ))}
          </select>
        </label>
      }
      {...chart.answer}
      onClick={(e) => {
        const key = clickedIndicator(e);
        if (key) dispatch({ type: 'setOptions', options: { chartIndicator: key } });
      }}
      footnote={`每条为一个部门的一项指标，分列显示、不相加${scopeName ? `；范围：${scopeName}` : ''}。点击柱条，排名、地图和走势改看该指标。`}
    />
  );
}
