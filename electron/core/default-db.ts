// Where the database lives when no --db is given: CAMPAIGN_DB, else the same per-user folder that
// Electron's app.getPath('userData') uses, so the CLI and the window share one file.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER = 'campaign-workstation';

export function userDataFolder(): string {
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER);
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER);
}

export function defaultDbPath(): string {
  return process.env.CAMPAIGN_DB || join(userDataFolder(), 'campaign.db');
}
