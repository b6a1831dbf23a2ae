// The header's server status (未连接省厅服务器 / 已连接：用户（角色）/ 服务器不可达) and its panel: the
// address, 上次同步 and what the last sync pulled, 同步 with its progress, 登录 / 退出登录 / 忘记密码.
// The chip is ServerChipLabel.tsx, the panel ServerPanel.tsx with its buttons in ServerActions.tsx.
import { Popover } from '../Popover';
import { chipText } from '../../logic/server-status';
import { ServerChipLabel } from './ServerChipLabel';
import { ServerPanel } from './ServerPanel';
import { useServer } from './server-context';

export function ServerStatusChip() {
  const server = useServer();
  const { status, sync } = server;
  const chip = chipText(status);
  const progress = status?.syncing ?? null;
  const running = sync.running || progress !== null;
  return (
    // Opening the panel asks for the status afresh (the idle poll is slow).
    <div
      className="srv-chip-wrap"
      data-testid="server-status"
      data-kind={chip.kind}
      data-syncing={running ? 'true' : 'false'}
      onClickCapture={server.refresh}
    >
      <Popover
        label={<ServerChipLabel status={status} chip={chip} progress={progress} running={running} />}
        title="省厅服务器"
        testId="server-menu"
        panelClassName="srv-panel"
        align="right"
      >
        {(close) => <ServerPanel server={server} chip={chip} progress={progress} running={running} close={close} />}
      </Popover>
    </div>
  );
}
