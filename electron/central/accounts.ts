// Accounts: made by an administrator (the CLI on the server, or POST /api/users), listed, disabled.
// An account is never deleted: the audit log names it.
import { UserError } from '../../shared/errors';
import { hashPassword } from './passwords';
import { CITY_BOUND_ROLES, isRole } from './roles';
import { ACCOUNT_NAME_MAX_CHARS, ROLE_LABELS, ROLES, type AccountJson, type Role } from '../../shared/api/server-accounts';
import type { Db } from './pg-pool';

export interface Account {
  id: number;
  name: string;
  role: Role;
  /** The city's code for city and inspector accounts, else null. */
  regionCode: number | null;
  regionName: string | null;
  disabled: boolean;
  createdAt: Date;
}

export function accountJson(a: Account): AccountJson {
  return { name: a.name, role: a.role, region: a.regionName, disabled: a.disabled, created_at: a.createdAt.toISOString() };
}

interface AccountRow {
  id: string;
  name: string;
  role: string;
  region_code: number | null;
  region_name: string | null;
  disabled: boolean;
  created_at: Date;
  password_hash: string;
}

const SELECT_ACCOUNT = `
  SELECT a.id, a.name, a.role, a.region_code, r.name AS region_name, a.disabled, a.created_at, a.password_hash
  FROM account a LEFT JOIN region r ON r.code = a.region_code`;

function toAccount(row: AccountRow): Account {
  if (!isRole(row.role)) throw new Error(`account ${row.id} has an unknown role ${row.role}`);
  return {
    id: Number(row.id),
    name: row.name,
    role: row.role,
    regionCode: row.region_code,
    regionName: row.region_name,
    disabled: row.disabled,
    createdAt: row.created_at,
  };
}

export function checkAccountName(name: string): void {
  if (name.trim() !== name || name.length === 0) throw new UserError('用户名不能为空，也不能以空格开头或结尾');
  if ([...name].length > ACCOUNT_NAME_MAX_CHARS) throw new UserError(`用户名不能超过 ${ACCOUNT_NAME_MAX_CHARS} 个字符`);
  if (/[\u0000-\u001f\u007f\s]/.test(name)) throw new UserError('用户名不能含空格、换行或控制字符');
}

/** A city by its code or name (太原市, 太原, 140100); a county or the province is refused with why. */
export async function resolveCity(db: Db, given: string): Promise<{ code: number; name: string }> {
  const text = given.trim();
  const code = /^\d{6}$/.test(text) ? Number(text) : null;
  const r = await db.query<{ code: number; name: string; level: string }>(
    'SELECT code, name, level FROM region WHERE code = $1 OR name = $2 OR name = $3 ORDER BY sort',
    [code, text, text + '市'],
  );
  const city = r.rows.find((row) => row.level === 'city');
  if (city) return { code: city.code, name: city.name };
  if (r.rows.length > 0) throw new UserError(`--region 须是一个地市（${r.rows[0]!.name} 不是地市）`);
  throw new UserError(`找不到地市“${given}”：请写地市名称（如 太原市）或 6 位代码`);
}

export interface NewAccount {
  name: string;
  role: string;
  region?: string | undefined;
  password: string;
  createdBy: string;
}

export async function addAccount(db: Db, input: NewAccount, now: Date): Promise<Account> {
  checkAccountName(input.name);
  if (!isRole(input.role)) throw new UserError(`角色只能是 ${ROLES.join('、')}（收到 ${input.role}）`);
  const role = input.role;
  let regionCode: number | null = null;
  if (CITY_BOUND_ROLES.includes(role)) {
    if (!input.region) throw new UserError(`${ROLE_LABELS[role]}（${role}）账号须用 --region 指定所属地市`);
    regionCode = (await resolveCity(db, input.region)).code;
  } else if (input.region) {
    throw new UserError(`${ROLE_LABELS[role]}（${role}）账号不属于某个地市，不能给 --region`);
  }
  const hash = await hashPassword(input.password);
  const inserted = await db
    .query<{ id: string }>(
      `INSERT INTO account (name, role, region_code, password_hash, created_at, created_by)
     SELECT $1, $2, $3, $4, $5, $6 WHERE NOT EXISTS (SELECT 1 FROM account WHERE name = $1) RETURNING id`,
      [input.name, role, regionCode, hash, now, input.createdBy],
    )
    .catch((e: unknown) => {
      // Two adds of one name at once: the loser meets the UNIQUE constraint.
      if (e instanceof Error && 'code' in e && e.code === '23505') return { rows: [] };
      throw e;
    });
  if (inserted.rows.length === 0) throw new UserError(`用户名 ${input.name} 已存在`);
  const account = await findAccount(db, input.name);
  if (!account) throw new Error('account vanished after insert');
  return account.account;
}

export async function findAccount(db: Db, name: string): Promise<{ account: Account; passwordHash: string } | null> {
  const r = await db.query<AccountRow>(`${SELECT_ACCOUNT} WHERE a.name = $1`, [name]);
  const row = r.rows[0];
  return row ? { account: toAccount(row), passwordHash: row.password_hash } : null;
}

export async function accountById(db: Db, id: number): Promise<Account | null> {
  const r = await db.query<AccountRow>(`${SELECT_ACCOUNT} WHERE a.id = $1`, [id]);
  return r.rows[0] ? toAccount(r.rows[0]) : null;
}

export async function listAccounts(db: Db): Promise<Account[]> {
  const r = await db.query<AccountRow>(`${SELECT_ACCOUNT} ORDER BY a.id`);
  return r.rows.map(toAccount);
}

/** Disables an account and ends its sessions; returns it. Disabling a disabled account is no change. */
export async function disableAccount(db: Db, name: string, now: Date): Promise<Account> {
  const found = await findAccount(db, name);
  if (!found) throw new UserError(`没有用户 ${name}`);
  await db.query('UPDATE account SET disabled = true, disabled_at = COALESCE(disabled_at, $2) WHERE id = $1', [found.account.id, now]);
  await db.query('UPDATE session_token SET revoked_at = $2 WHERE account_id = $1 AND revoked_at IS NULL', [found.account.id, now]);
  return { ...found.account, disabled: true };
}
