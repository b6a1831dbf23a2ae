// The provincial server's accounts (issue 14 §1) as its API shows them (POST /api/login,
// GET /api/users) and `campaign user list --format json` prints them, key for key; the same roles
// and names in the server's refusals, the CLI and the page's header.
export const ROLES = ['admin', 'analyst', 'city', 'inspector'] as const;
export type Role = (typeof ROLES)[number];

/** Role names as the analysts say them. */
export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  analyst: '省厅分析员',
  city: '地市报送员',
  inspector: '督导组',
};

/** An account's name, in characters. */
export const ACCOUNT_NAME_MAX_CHARS = 64;
/** A password, in UTF-16 units (what the server's rules count). */
export const PASSWORD_MAX_CHARS = 200;

/** An account as the API and `user list --format json` show it. */
export interface AccountJson {
  name: string;
  role: Role;
  /** The city of a city-bound account (city, inspector), else null. */
  region: string | null;
  disabled: boolean;
  created_at: string;
}

/** POST /api/login: the bearer token (kept in memory only), when it expires, and who logged in. */
export interface LoginJson {
  token: string;
  expires_at: string;
  user: AccountJson;
}
