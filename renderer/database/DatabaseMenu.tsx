// The header's database control: the open file's name, a 演示数据 badge whenever it holds demo
// facts, and a menu to open another file, create an empty one or open the demo.
import { DEMO_MARK } from '../../shared/demo';
import { Popover } from '../components/Popover';
import { useWorkstation } from '../state/workstation-context';
import { useDatabase } from './database-context';
import { DatabaseChooser } from './DatabaseChooser';

export function DatabaseMenu() {
  const { state, switched } = useDatabase();
  const { info } = useWorkstation();
  // The data status is the later word (an undo can remove the demo batch); until it loads, the
  // state the file was opened with.
  const demo = info?.demo ?? state.demo;
  const bundle = info?.bundle ?? state.bundle;
  return (
    <div className="db-menu">
      {bundle && (
        <span
          className="bundle-badge"
          data-testid="bundle-badge"
          title={`加密督导包：${bundle.cityName}，${bundle.from} 至 ${bundle.to}；${bundle.madeBy} 于 ${bundle.madeAt.slice(0, 10)} 导出`}
        >
          加密督导包 · {bundle.cityName} · {bundle.from} 至 {bundle.to}
        </span>
      )}
      {demo && (
        <span className="demo-badge" data-testid="demo-badge" title={`${DEMO_MARK}：当前数据库中的数字由程序生成，不是各地报送的数据`}>
          演示数据
        </span>
      )}
      <Popover
        label={
          <span className="db-file" data-testid="db-file" title={state.path ?? ''}>
            {state.fileName}
          </span>
        }
        title={`当前数据库：${state.path ?? ''}`}
        testId="db-menu"
        panelClassName="db-panel"
      >
        {(close) => (
          <div>
            <div className="db-current">
              当前数据库：<span className="db-current-path">{state.path}</span>
            </div>
            <DatabaseChooser
              current={state}
              layout="menu"
              onSwitched={(next) => {
                close();
                switched(next);
              }}
            />
          </div>
        )}
      </Popover>
    </div>
  );
}
