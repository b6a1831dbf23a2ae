// 显示列 (显示指标 with indicators as rows): which indicators the grid shows, by department, with
// 全部显示 and 全部隐藏. The choice is a view option (hiddenIndicators).
import type { Catalogue, Indicator } from '../../../shared/api/catalogue-types';
import { Popover } from '../../components/Popover';
import type { ViewAction } from '../../state/view-state';

interface Props {
  catalogue: Catalogue;
  indicators: Indicator[];
  hidden: string[];
  /** How many of `indicators` are shown. */
  shown: number;
  /** Indicators as rows: the chooser hides rows. */
  indicatorRows: boolean;
  dispatch: (action: ViewAction) => void;
}

export function ColumnChooser({ catalogue, indicators, hidden, shown, indicatorRows, dispatch }: Props) {
  const setHidden = (hiddenIndicators: string[]) => dispatch({ type: 'setOptions', options: { hiddenIndicators } });
  return (
    <Popover
      label={`${indicatorRows ? '显示指标' : '显示列'}（${shown}/${indicators.length}）`}
      testId="column-chooser"
      panelClassName="indicator-panel"
    >
      {() => (
        <div>
          <div className="indicator-groups">
            {catalogue.departments.map((d) => {
              const inds = indicators.filter((i) => i.department === d.name);
              if (inds.length === 0) return null;
              return (
                <fieldset key={d.name} className="indicator-group">
                  <legend>{d.name}</legend>
                  {inds.map((i) => (
                    <label key={i.key} className="tree-item">
                      <input
                        type="checkbox"
                        checked={!hidden.includes(i.key)}
                        onChange={() => setHidden(hidden.includes(i.key) ? hidden.filter((k) => k !== i.key) : [...hidden, i.key])}
                      />
                      <span>{i.name}</span>
                      <span className="muted small">{i.unit}</span>
                    </label>
                  ))}
                </fieldset>
              );
            })}
          </div>
          <div className="popover-footer">
            <button type="button" className="btn btn-small" onClick={() => setHidden([])}>
              全部显示
            </button>
            <button type="button" className="btn btn-small" onClick={() => setHidden(indicators.map((i) => i.key))}>
              全部隐藏
            </button>
          </div>
        </div>
      )}
    </Popover>
  );
}
