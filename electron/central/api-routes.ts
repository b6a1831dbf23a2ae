// What each endpoint does. Who may call it is ENDPOINT_ROLES' (authorisation.ts); the API server
// authenticates, authorises, reads the bounded body and audits before and after these run.
import { z } from 'zod';
import { accountJson, addAccount, disableAccount, findAccount, listAccounts, resolveCity } from './accounts';
import { audit, recentAudit } from './audit';
import { requireCityAccess, type Endpoint } from './authorisation';
import { ApiError } from './http-errors';
import { beginLoginAttempt, loginBlockedUntil, markLoginSucceeded, withdrawLoginAttempt } from './login-limits';
import { UNKNOWN_ACCOUNT_HASH, verifyPassword } from './passwords';
import { inTransaction } from './pg-pool';
import { issueToken, revokeToken, userOf } from './sessions';
import { centralSchemaVersion } from './schema';
import { asBadRequest, parseBody, type CallContext, type Handled, type Route } from './route';
import { SUBMISSION_ROUTES } from './submission-routes';
import { SYNC_ROUTES } from './sync-routes';
import { PROGRAM_VERSION } from '../runtime/program-version';
import type { HealthJson } from '../../shared/api/central';
import { ACCOUNT_NAME_MAX_CHARS, PASSWORD_MAX_CHARS, type LoginJson } from '../../shared/api/server-accounts';

export const JSON_BODY_LIMIT = 64 * 1024;

const LoginInput = z
  .object({ name: z.string().min(1).max(ACCOUNT_NAME_MAX_CHARS), password: z.string().min(1).max(PASSWORD_MAX_CHARS) })
  .strict();
const NewUserInput = z
  .object({
    name: z.string().max(ACCOUNT_NAME_MAX_CHARS),
    role: z.string().max(20),
    region: z.string().max(40).nullish(),
    password: z.string().max(PASSWORD_MAX_CHARS),
  })
  .strict();
const NameInput = z.object({ name: z.string().min(1).max(ACCOUNT_NAME_MAX_CHARS) }).strict();

function retryAfter(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

async function login(ctx: CallContext): Promise<Handled> {
  const { name, password } = parseBody(LoginInput, ctx.body);
  const { pool, now, address } = ctx;
  const action = 'POST /api/login';
  const attempt = await beginLoginAttempt(pool, name, address, now);
  const blockedUntil = await loginBlockedUntil(pool, name, address, now, attempt);
  if (blockedUntil) {
    await withdrawLoginAttempt(pool, attempt);
    const seconds = retryAfter(blockedUntil, now);
    const reason = `登录失败次数过多，请 ${Math.ceil(seconds / 60)} 分钟后再试`;
    await audit(pool, { at: now, accountName: name, action, target: name, outcome: 'refused', reason, address });
    throw new ApiError(429, reason, { retry_after_seconds: seconds }, { 'Retry-After': String(seconds) });
  }
  const found = await findAccount(pool, name);
  // An unknown name costs the same scrypt as a known one: timing does not tell which names exist.
  const passwordOk = await verifyPassword(password, found?.passwordHash ?? UNKNOWN_ACCOUNT_HASH);
  if (!found || !passwordOk) {
    const reason = '用户名或密码错误';
    await audit(pool, {
      at: now,
      account: found?.account ?? null,
      accountName: name,
      action,
      target: name,
      outcome: 'failed',
      reason,
      address,
    });
    throw new ApiError(401, reason);
  }
  if (found.account.disabled) {
    const reason = '账号已停用，请联系管理员';
    await audit(pool, { at: now, account: found.account, action, target: name, outcome: 'refused', reason, address });
    throw new ApiError(403, reason);
  }
  const issued = await inTransaction(pool, async (db) => {
    await markLoginSucceeded(db, attempt);
    const t = await issueToken(db, found.account.id, address, now);
    await audit(db, { at: now, account: found.account, action, target: name, outcome: 'ok', address });
    return t;
  });
  const body: LoginJson = { token: issued.token, expires_at: issued.expiresAt.toISOString(), user: accountJson(found.account) };
  return { body: { ...body } };
}

async function me(ctx: CallContext): Promise<Handled> {
  const session = ctx.session!;
  return { body: { user: accountJson(session.account), expires_at: session.expiresAt.toISOString() } };
}

async function logout(ctx: CallContext): Promise<Handled> {
  await revokeToken(ctx.pool, ctx.session!.tokenSha256, ctx.now);
  return { body: { ok: true } };
}

async function users(ctx: CallContext): Promise<Handled> {
  return { body: { users: (await listAccounts(ctx.pool)).map(accountJson) } };
}

async function addUser(ctx: CallContext): Promise<Handled> {
  const input = parseBody(NewUserInput, ctx.body);
  const admin = userOf(ctx.session);
  const account = await asBadRequest(() =>
    addAccount(
      ctx.pool,
      { name: input.name, role: input.role, region: input.region ?? undefined, password: input.password, createdBy: admin.name },
      ctx.now,
    ),
  );
  return { status: 201, body: { user: accountJson(account) }, target: account.name };
}

async function disableUser(ctx: CallContext): Promise<Handled> {
  const { name } = parseBody(NameInput, ctx.body);
  const admin = userOf(ctx.session);
  // An administrator who disables themself may leave nobody to undo it.
  if (name === admin.name) throw new ApiError(400, '不能停用自己的账号');
  const account = await asBadRequest(() => inTransaction(ctx.pool, (db) => disableAccount(db, name, ctx.now)));
  return { body: { user: accountJson(account) }, target: name };
}

async function auditLog(ctx: CallContext): Promise<Handled> {
  const limit = Number(ctx.query.get('limit') ?? '100');
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new ApiError(400, 'limit 须是 1 到 1000 的整数');
  const rows = await recentAudit(ctx.pool, limit);
  return {
    body: {
      entries: rows.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        user: r.accountName,
        role: r.role,
        action: r.action,
        target: r.target,
        outcome: r.outcome,
        reason: r.reason,
        address: r.address,
      })),
    },
  };
}

/** The reporting units of a city (its counties, then its own 市本级 unit): what a city's returns cover. */
async function units(ctx: CallContext): Promise<Handled> {
  const given = ctx.query.get('city');
  if (!given) throw new ApiError(400, '请用 city 参数指定地市（名称或 6 位代码）');
  const city = await asBadRequest(() => resolveCity(ctx.pool, given));
  requireCityAccess(userOf(ctx.session), city.code, city.name, 'read');
  const r = await ctx.pool.query<{ code: number; name: string }>(
    "SELECT code, name FROM region WHERE city_code = $1 AND level = 'county' ORDER BY sort",
    [city.code],
  );
  return {
    body: {
      city: { code: city.code, name: city.name },
      units: [...r.rows.map((u) => ({ code: u.code, name: u.name })), { code: city.code, name: `${city.name}本级` }],
    },
    target: city.name,
  };
}

async function health(ctx: CallContext): Promise<Handled> {
  const r = await ctx.pool.query<{ id: string }>('SELECT id FROM server_identity');
  const body: HealthJson = {
    ok: true,
    server_id: r.rows[0]?.id ?? '',
    schema_version: await centralSchemaVersion(ctx.pool),
    server_time: ctx.now.toISOString(),
    version: PROGRAM_VERSION,
  };
  return { body: { ...body } };
}

export const ROUTES: Record<Endpoint, Route> = {
  ...SUBMISSION_ROUTES,
  ...SYNC_ROUTES,
  'GET /api/health': { bodyLimit: 0, handle: health },
  'POST /api/login': { bodyLimit: 4 * 1024, auditsItself: true, handle: login },
  'GET /api/me': { bodyLimit: 0, handle: me },
  'POST /api/logout': { bodyLimit: JSON_BODY_LIMIT, handle: logout },
  'GET /api/users': { bodyLimit: 0, handle: users },
  'POST /api/users': { bodyLimit: JSON_BODY_LIMIT, handle: addUser },
  'POST /api/users/disable': { bodyLimit: JSON_BODY_LIMIT, handle: disableUser },
  'GET /api/audit': { bodyLimit: 0, handle: auditLog },
  'GET /api/units': { bodyLimit: 0, handle: units },
};
