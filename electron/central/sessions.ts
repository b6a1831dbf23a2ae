// Bearer tokens: 32 random bytes given to the client once; the server keeps only their SHA-256,
// with an expiry. Logout and disabling the account revoke them.
import { createHash, randomBytes } from 'node:crypto';
import { accountById, type Account } from './accounts';
import type { Db } from './pg-pool';

export const TOKEN_LIFETIME_MS = 12 * 60 * 60 * 1000;

export function tokenDigest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

export async function issueToken(db: Db, accountId: number, address: string, now: Date): Promise<IssuedToken> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + TOKEN_LIFETIME_MS);
  await db.query('INSERT INTO session_token (token_sha256, account_id, created_at, expires_at, address) VALUES ($1, $2, $3, $4, $5)', [
    tokenDigest(token),
    accountId,
    now,
    expiresAt,
    address,
  ]);
  return { token, expiresAt };
}

export interface Session {
  account: Account;
  tokenSha256: string;
  expiresAt: Date;
}

/** The account of an authenticated call (every endpoint but the public ones runs with a session). */
export function userOf(session: Session | null): Account {
  if (!session) throw new Error('an authenticated endpoint ran without a session');
  return session.account;
}

/** The session a token opens: null when it is unknown, expired, revoked, or its account disabled. */
export async function sessionOf(db: Db, token: string, now: Date): Promise<Session | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const digest = tokenDigest(token);
  const r = await db.query<{ account_id: string; expires_at: Date }>(
    'SELECT account_id, expires_at FROM session_token WHERE token_sha256 = $1 AND revoked_at IS NULL AND expires_at > $2',
    [digest, now],
  );
  const row = r.rows[0];
  if (!row) return null;
  const account = await accountById(db, Number(row.account_id));
  if (!account || account.disabled) return null;
  return { account, tokenSha256: digest, expiresAt: row.expires_at };
}

export async function revokeToken(db: Db, tokenSha256: string, now: Date): Promise<void> {
  await db.query('UPDATE session_token SET revoked_at = $2 WHERE token_sha256 = $1 AND revoked_at IS NULL', [tokenSha256, now]);
}
