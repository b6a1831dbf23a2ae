// Who made a change (a finding's history, a correction, a bundle): the workstation's user name —
// CAMPAIGN_USER when set (a shared laptop's team name), else the operating system's account name.
import { userInfo } from 'node:os';

export function workstationUser(): string {
  const given = process.env.CAMPAIGN_USER?.trim();
  if (given) return given.slice(0, 100);
  try {
    return userInfo().username || '未知用户';
  } catch {
    return '未知用户';
  }
}
