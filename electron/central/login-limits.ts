// Failed logins are rate-limited per account name and per client address, from the login_attempt
// table (so the limit holds across restarts and across several server processes on one database).
import type { Db } from './pg-pool';

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Failures within the window after which a name is refused until the oldest of them ages out. */
export const MAX_FAILURES_PER_NAME = 5;
/** Per address more are allowed: several analysts may sit behind one NAT or proxy address. */
export const MAX_FAILURES_PER_ADDRESS = 20;

/**
 * Records an attempt as failed before its password is checked, so that guesses sent in parallel
 * count against each other (a check-then-record limit lets a burst through). Settled below.
 */
export async function beginLoginAttempt(db: Db, name: string, address: string, now: Date): Promise<number> {
  const r = await db.query<{ id: string }>('INSERT INTO login_attempt (name, address, at, ok) VALUES ($1, $2, $3, false) RETURNING id', [
    name,
    address,
    now,
  ]);
  return Number(r.rows[0]!.id);
}

/** The right password: the attempt was no failure. */
export async function markLoginSucceeded(db: Db, attemptId: number): Promise<void> {
  await db.query('UPDATE login_attempt SET ok = true WHERE id = $1', [attemptId]);
}

/** Refused by the limit before any check: not a guess, so it does not lengthen the wait. */
export async function withdrawLoginAttempt(db: Db, attemptId: number): Promise<void> {
  await db.query('DELETE FROM login_attempt WHERE id = $1', [attemptId]);
}

/**
 * When further attempts are refused: the time the oldest counted failure leaves the window; null
 * when allowed. Counts the other attempts (`attemptId` is the one being decided).
 */
export async function loginBlockedUntil(db: Db, name: string, address: string, now: Date, attemptId: number): Promise<Date | null> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const blocked = async (column: 'name' | 'address', value: string, limit: number): Promise<Date | null> => {
    // The limit-th most recent failure: while it is inside the window, the limit is reached.
    const r = await db.query<{ at: Date }>(
      `SELECT at FROM login_attempt WHERE ${column} = $1 AND at > $2 AND NOT ok AND id <> $3 ORDER BY at DESC, id DESC LIMIT 1 OFFSET $4`,
      [value, since, attemptId, limit - 1],
    );
    const at = r.rows[0]?.at;
    return at ? new Date(at.getTime() + LOGIN_WINDOW_MS) : null;
  };
  const byName = await blocked('name', name, MAX_FAILURES_PER_NAME);
  const byAddress = await blocked('address', address, MAX_FAILURES_PER_ADDRESS);
  if (byName && byAddress) return byName > byAddress ? byName : byAddress;
  return byName ?? byAddress;
}
