// Where the database lives when no --db is given: CAMPAIGN_DB, else the same per-user folder that
// Electron's app.getPath('userData') uses, so the CLI and the window share one file. The demo has
// its own file there (demo.db): real returns never go into a file holding invented facts.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER = 'campaign-workstation';
export const DEMO_DB_FILE = 'demo.db';
export const REAL_DB_FILE = 'campaign.db';

/** The per-user folder; CAMPAIGN_HOME overrides it (tests, portable installs). */
export function userDataFolder(): string {
  if (process.env.CAMPAIGN_HOME) return process.env.CAMPAIGN_HOME;
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER);
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER);
}

export function defaultDbPath(): string {
  return process.env.CAMPAIGN_DB || join(userDataFolder(), REAL_DB_FILE);
}

/** The demo database of a per-user folder. */
export function demoDbPath(home: string = userDataFolder()): string {
  return join(home, DEMO_DB_FILE);
}
