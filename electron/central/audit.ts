// The audit log: who did what, when, from where, and how it ended. Rows are only ever added (the
// table's triggers refuse UPDATE, DELETE and TRUNCATE).
import type { Account } from './accounts';
import type { Db } from './pg-pool';

export type AuditOutcome = 'ok' | 'refused' | 'failed';

export interface AuditEntry {
  at: Date;
  /** The account that acted, when known. */
  account?: Pick<Account, 'id' | 'name' | 'role'> | null;
  /** The name given, when no account is known (a failed login). */
  accountName?: string | null;
  action: string;
  target?: string | null;
  outcome: AuditOutcome;
  reason?: string | null;
  /** The client's address; 'cli' for a command run on the server. */
  address: string;
}

export async function audit(db: Db, e: AuditEntry): Promise<void> {
  await db.query(
    'INSERT INTO audit_log (at, account_id, account_name, role, action, target, outcome, reason, address) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
    [
      e.at,
      e.account?.id ?? null,
      e.account?.name ?? e.accountName ?? null,
      e.account?.role ?? null,
      e.action,
      e.target ?? null,
      e.outcome,
      e.reason ?? null,
      e.address,
    ],
  );
}

export interface AuditRow {
  id: number;
  at: Date;
  accountName: string | null;
  role: string | null;
  action: string;
  target: string | null;
  outcome: AuditOutcome;
  reason: string | null;
  address: string | null;
}

/** The latest entries, newest first. */
export async function recentAudit(db: Db, limit: number): Promise<AuditRow[]> {
  const r = await db.query<{
    id: string;
    at: Date;
    account_name: string | null;
    role: string | null;
    action: string;
    target: string | null;
    outcome: AuditOutcome;
    reason: string | null;
    address: string | null;
  }>('SELECT id, at, account_name, role, action, target, outcome, reason, address FROM audit_log ORDER BY id DESC LIMIT $1', [limit]);
  return r.rows.map((row) => ({
    id: Number(row.id),
    at: row.at,
    accountName: row.account_name,
    role: row.role,
    action: row.action,
    target: row.target,
    outcome: row.outcome,
    reason: row.reason,
    address: row.address,
  }));
}
