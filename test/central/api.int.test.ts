// The server's API against a real PostgreSQL: login, tokens, logout, rate limits, roles and the
// city check, the audit log, and requests meant to hurt it.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, type Account } from '../../electron/central/accounts';
import { startCentralServer, type CentralServer } from '../../electron/central/api-server';
import { readableCities, requireCityAccess } from '../../electron/central/authorisation';
import { ApiError } from '../../electron/central/http-errors';
import { LOGIN_WINDOW_MS, MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_NAME } from '../../electron/central/login-limits';
import { migrateCentral } from '../../electron/central/schema';
import { TOKEN_LIFETIME_MS } from '../../electron/central/sessions';
import { call, useTestDatabase } from './support';

const db = useTestDatabase();
const PASSWORDS = {
  admin: 'Admin-口令-7731',
  analyst: '分析员口令-0042x',
  city: '运城报送-口令-551',
  inspector: '督导-忻州-口令-88',
} as const;
let server: CentralServer;
let base: string;
/** The server's clock: real time plus what the tests skip ahead. */
let skipped = 0;
const bugs: string[] = [];

beforeAll(async () => {
  const pool = db.pool();
  await migrateCentral(pool);
  const at = new Date();
  await addAccount(pool, { name: 'gly', role: 'admin', password: PASSWORDS.admin, createdBy: 'test' }, at);
  await addAccount(pool, { name: 'fxy.wang', role: 'analyst', password: PASSWORDS.analyst, createdBy: 'test' }, at);
  await addAccount(pool, { name: 'yuncheng.li', role: 'city', region: '运城市', password: PASSWORDS.city, createdBy: 'test' }, at);
  await addAccount(pool, { name: 'dd.xinzhou', role: 'inspector', region: '忻州', password: PASSWORDS.inspector, createdBy: 'test' }, at);
  server = await startCentralServer({
    pool,
    now: () => new Date(Date.now() + skipped),
    logBug: (id, e) => bugs.push(`${id} ${String(e)}`),
  });
  base = server.url;
});

afterAll(async () => {
  await server?.close();
});

/** Past every rate-limit window, so one test's failures do not count in the next. */
function skipPastLoginWindow(): void {
  skipped += LOGIN_WINDOW_MS + 60_000;
}

async function login(name: string, password: string): Promise<string> {
  const r = await call(base, 'POST', '/api/login', { body: { name, password } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.token as string;
}

async function auditRows(): Promise<
  {
    account_name: string | null;
    role: string | null;
    action: string;
    target: string | null;
    outcome: string;
    reason: string | null;
    address: string;
  }[]
> {
  return (await db.pool().query('SELECT account_name, role, action, target, outcome, reason, address FROM audit_log ORDER BY id')).rows;
}

describe('login and tokens', () => {
  it('logs in with the right password and answers who is logged in', async () => {
    const r = await call(base, 'POST', '/api/login', { body: { name: 'yuncheng.li', password: PASSWORDS.city } });
    expect(r.status).toBe(200);
    expect(r.body.user).toEqual({ name: 'yuncheng.li', role: 'city', region: '运城市', disabled: false, created_at: expect.any(String) });
    const token = r.body.token as string;
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const expires = Date.parse(r.body.expires_at as string) - (Date.now() + skipped);
    expect(Math.abs(expires - TOKEN_LIFETIME_MS)).toBeLessThan(60_000);
    const me = await call(base, 'GET', '/api/me', { token });
    expect(me.status).toBe(200);
    expect((me.body.user as { name: string }).name).toBe('yuncheng.li');
    // Only the token's digest is kept.
    const stored = JSON.stringify((await db.pool().query('SELECT * FROM session_token')).rows);
    expect(stored).not.toContain(token);
    expect(stored).toMatch(/"token_sha256":"[0-9a-f]{64}"/);
  });

  it('refuses a wrong password and an unknown name alike, and audits both', async () => {
    const wrong = await call(base, 'POST', '/api/login', { body: { name: 'fxy.wang', password: PASSWORDS.city } });
    const unknown = await call(base, 'POST', '/api/login', { body: { name: 'nobody.here', password: PASSWORDS.city } });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body).toEqual({ error: '用户名或密码错误' });
    expect(unknown.body).toEqual(wrong.body);
    const rows = (await auditRows()).filter((a) => a.action === 'POST /api/login' && a.outcome === 'failed');
    expect(rows.map((a) => [a.account_name, a.reason, a.address])).toEqual([
      ['fxy.wang', '用户名或密码错误', '127.0.0.1'],
      ['nobody.here', '用户名或密码错误', '127.0.0.1'],
    ]);
    // The wrong password never reaches a table.
    const dump = JSON.stringify([
      (await db.pool().query('SELECT * FROM audit_log')).rows,
      (await db.pool().query('SELECT * FROM login_attempt')).rows,
    ]);
    expect(dump).not.toContain(PASSWORDS.city);
  });

  it('ends a token at logout and when it expires', async () => {
    skipPastLoginWindow();
    const token = await login('fxy.wang', PASSWORDS.analyst);
    expect((await call(base, 'POST', '/api/logout', { token })).status).toBe(200);
    const after = await call(base, 'GET', '/api/me', { token });
    expect(after.status).toBe(401);
    expect(after.body.error).toBe('登录已失效，请重新登录');

    const second = await login('fxy.wang', PASSWORDS.analyst);
    expect((await call(base, 'GET', '/api/me', { token: second })).status).toBe(200);
    skipped += TOKEN_LIFETIME_MS + 1000;
    expect((await call(base, 'GET', '/api/me', { token: second })).status).toBe(401);
    expect((await call(base, 'GET', '/api/me')).body.error).toBe('请先登录');
    expect((await call(base, 'GET', '/api/me', { token: 'x'.repeat(43) })).status).toBe(401);
  });

  it('refuses a disabled account even with the right password, and ends its tokens', async () => {
    skipPastLoginWindow();
    const admin = await login('gly', PASSWORDS.admin);
    const inspector = await login('dd.xinzhou', PASSWORDS.inspector);
    const disabled = await call(base, 'POST', '/api/users/disable', { token: admin, body: { name: 'dd.xinzhou' } });
    expect(disabled.status).toBe(200);
    expect(disabled.body.user).toMatchObject({ name: 'dd.xinzhou', disabled: true });
    expect((await call(base, 'GET', '/api/me', { token: inspector })).status).toBe(401);
    const again = await call(base, 'POST', '/api/login', { body: { name: 'dd.xinzhou', password: PASSWORDS.inspector } });
    expect(again.status).toBe(403);
    expect(again.body.error).toBe('账号已停用，请联系管理员');
    const self = await call(base, 'POST', '/api/users/disable', { token: admin, body: { name: 'gly' } });
    expect(self.status).toBe(400);
    expect(self.body.error).toBe('不能停用自己的账号');
  });
});

describe('rate limits', () => {
  it(`refuses a name after ${MAX_FAILURES_PER_NAME} failures in the window, with the time to wait, until the window passes`, async () => {
    skipPastLoginWindow();
    for (let i = 0; i < MAX_FAILURES_PER_NAME; i++) {
      expect((await call(base, 'POST', '/api/login', { body: { name: 'yuncheng.li', password: `guess-number-${i}` } })).status).toBe(401);
    }
    // Now even the right password is refused: the guesser cannot tell.
    const blocked = await call(base, 'POST', '/api/login', { body: { name: 'yuncheng.li', password: PASSWORDS.city } });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error).toMatch(/^登录失败次数过多，请 1[45] 分钟后再试$/);
    const seconds = blocked.body.retry_after_seconds as number;
    expect(seconds).toBeGreaterThan(LOGIN_WINDOW_MS / 1000 - 120);
    expect(seconds).toBeLessThanOrEqual(LOGIN_WINDOW_MS / 1000);
    expect(blocked.headers.get('retry-after')).toBe(String(seconds));
    // Another name from the same address is not held by this name's failures.
    expect((await call(base, 'POST', '/api/login', { body: { name: 'fxy.wang', password: PASSWORDS.analyst } })).status).toBe(200);
    const refusals = (await auditRows()).filter(
      (a) => a.outcome === 'refused' && a.action === 'POST /api/login' && a.account_name === 'yuncheng.li',
    );
    expect(refusals).toHaveLength(1);
    skipped += seconds * 1000 + 1000;
    expect((await call(base, 'POST', '/api/login', { body: { name: 'yuncheng.li', password: PASSWORDS.city } })).status).toBe(200);
  });

  it('lets no more than the limit of guesses through when they come all at once', async () => {
    skipPastLoginWindow();
    const answers = await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        call(base, 'POST', '/api/login', { body: { name: 'fxy.wang', password: `parallel-guess-${i}` } }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(MAX_FAILURES_PER_NAME);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(15 - MAX_FAILURES_PER_NAME);
    // Refused attempts are not counted as guesses: exactly the 401s are recorded as failures.
    const failures = await db
      .pool()
      .query("SELECT count(*)::int AS n FROM login_attempt WHERE name = 'fxy.wang' AND NOT ok AND at > $1", [
        new Date(Date.now() + skipped - LOGIN_WINDOW_MS),
      ]);
    expect(failures.rows[0].n).toBe(statuses.filter((s) => s === 401).length);
  });

  it(`refuses an address after ${MAX_FAILURES_PER_ADDRESS} failures over any names`, async () => {
    skipPastLoginWindow();
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      expect((await call(base, 'POST', '/api/login', { body: { name: `sprayed.${i}`, password: 'password-spray' } })).status).toBe(401);
    }
    const blocked = await call(base, 'POST', '/api/login', { body: { name: 'gly', password: PASSWORDS.admin } });
    expect(blocked.status).toBe(429);
    expect(blocked.body.retry_after_seconds).toBeGreaterThan(0);
    skipPastLoginWindow();
    expect((await call(base, 'POST', '/api/login', { body: { name: 'gly', password: PASSWORDS.admin } })).status).toBe(200);
  });
});

describe('roles', () => {
  it('refuses an analyst user management with a reason, and audits the refusal', async () => {
    skipPastLoginWindow();
    const analyst = await login('fxy.wang', PASSWORDS.analyst);
    for (const [method, path, body] of [
      ['GET', '/api/users', undefined],
      ['POST', '/api/users', { name: 'sneaky', role: 'admin', password: 'x'.repeat(12) }],
      ['POST', '/api/users/disable', { name: 'gly' }],
      ['GET', '/api/audit', undefined],
    ] as const) {
      const r = await call(base, method, path, { token: analyst, ...(body ? { body } : {}) });
      expect(r.status, path).toBe(403);
      expect(r.body.error).toBe('无权操作：省厅分析员账号不能执行此操作（仅限管理员）');
    }
    const refusals = (await auditRows()).filter(
      (a) => a.account_name === 'fxy.wang' && a.outcome === 'refused' && a.action !== 'POST /api/login',
    );
    expect(refusals.map((a) => a.action)).toEqual(['GET /api/users', 'POST /api/users', 'POST /api/users/disable', 'GET /api/audit']);
    expect(refusals[0]).toMatchObject({
      role: 'analyst',
      address: '127.0.0.1',
      reason: '无权操作：省厅分析员账号不能执行此操作（仅限管理员）',
    });
    expect((await db.pool().query("SELECT 1 FROM account WHERE name = 'sneaky'")).rowCount).toBe(0);
    expect((await db.pool().query("SELECT disabled FROM account WHERE name = 'gly'")).rows[0].disabled).toBe(false);
  });

  it('lets an admin manage users, and the new account log in', async () => {
    const admin = await login('gly', PASSWORDS.admin);
    const made = await call(base, 'POST', '/api/users', {
      token: admin,
      body: { name: 'linfen.zhang', role: 'city', region: '临汾', password: '临汾报送员口令-2026' },
    });
    expect(made.status).toBe(201);
    expect(made.body.user).toMatchObject({ name: 'linfen.zhang', role: 'city', region: '临汾市', disabled: false });
    const bad = await call(base, 'POST', '/api/users', {
      token: admin,
      body: { name: 'lf.analyst', role: 'analyst', region: '临汾', password: '临汾报送员口令-2026' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('不能给 --region');
    const list = await call(base, 'GET', '/api/users', { token: admin });
    expect((list.body.users as { name: string }[]).map((u) => u.name)).toEqual([
      'gly',
      'fxy.wang',
      'yuncheng.li',
      'dd.xinzhou',
      'linfen.zhang',
    ]);
    await login('linfen.zhang', '临汾报送员口令-2026');
    const audit = await call(base, 'GET', '/api/audit?limit=5', { token: admin });
    expect(audit.status).toBe(200);
    const entries = audit.body.entries as { user: string; action: string; outcome: string }[];
    expect(entries[0]).toMatchObject({ user: 'linfen.zhang', action: 'POST /api/login', outcome: 'ok' });
    expect(entries.some((e) => e.action === 'POST /api/users' && e.outcome === 'ok' && e.user === 'gly')).toBe(true);
  });

  it('holds a city user to its own city, and audits the refusal', async () => {
    const city = await login('yuncheng.li', PASSWORDS.city);
    const own = await call(base, 'GET', `/api/units?city=${encodeURIComponent('运城')}`, { token: city });
    expect(own.status).toBe(200);
    expect(own.body.city).toEqual({ code: 140800, name: '运城市' });
    const units = own.body.units as { code: number; name: string }[];
    expect(units).toHaveLength(14);
    expect(units.at(-1)).toEqual({ code: 140800, name: '运城市本级' });
    const other = await call(base, 'GET', '/api/units?city=140100', { token: city });
    expect(other.status).toBe(403);
    expect(other.body.error).toBe('无权查看太原市的数据：地市报送员账号只能查看运城市的数据');
    const rows = (await auditRows()).filter((a) => a.account_name === 'yuncheng.li' && a.action === 'GET /api/units');
    expect(rows.map((a) => [a.outcome, a.target])).toEqual([
      ['ok', '运城市'],
      ['refused', null],
    ]);
    expect(rows[1]!.reason).toContain('无权查看太原市的数据');
    const analyst = await login('fxy.wang', PASSWORDS.analyst);
    expect((await call(base, 'GET', '/api/units?city=140100', { token: analyst })).status).toBe(200);
    const admin = await login('gly', PASSWORDS.admin);
    expect((await call(base, 'GET', '/api/units?city=140100', { token: admin })).status).toBe(403);
  });

  it('the city check: city and inspector accounts only their city, for reading and for submitting', () => {
    const account = (role: Account['role'], regionCode: number | null, regionName: string | null): Account => ({
      id: 1,
      name: 'x',
      role,
      regionCode,
      regionName,
      disabled: false,
      createdAt: new Date(),
    });
    const city = account('city', 140800, '运城市');
    const inspector = account('inspector', 140900, '忻州市');
    expect(() => requireCityAccess(city, 140800, '运城市', 'submit')).not.toThrow();
    expect(() => requireCityAccess(city, 140900, '忻州市', 'submit')).toThrow('无权报送忻州市的数据：地市报送员账号只能报送运城市的数据');
    expect(() => requireCityAccess(inspector, 140900, '忻州市', 'read')).not.toThrow();
    expect(() => requireCityAccess(inspector, 140800, '运城市', 'read')).toThrow(ApiError);
    try {
      requireCityAccess(inspector, 140800, '运城市', 'read');
    } catch (e) {
      expect((e as ApiError).status).toBe(403);
    }
    expect(() => requireCityAccess(account('analyst', null, null), 140100, '太原市', 'read')).not.toThrow();
    expect(readableCities(city)).toEqual([140800]);
    expect(readableCities(account('analyst', null, null))).toBeNull();
  });

  it('audits every request a user makes', async () => {
    const before = (await auditRows()).length;
    const token = await login('fxy.wang', PASSWORDS.analyst);
    await call(base, 'GET', '/api/me', { token });
    await call(base, 'GET', '/api/me', { token });
    await call(base, 'POST', '/api/logout', { token });
    const rows = (await auditRows()).slice(before);
    expect(rows.map((a) => [a.account_name, a.action, a.outcome])).toEqual([
      ['fxy.wang', 'POST /api/login', 'ok'],
      ['fxy.wang', 'GET /api/me', 'ok'],
      ['fxy.wang', 'GET /api/me', 'ok'],
      ['fxy.wang', 'POST /api/logout', 'ok'],
    ]);
  });
});

describe('behind a reverse proxy', () => {
  it('takes the address the proxy appended, only when told to trust it', async () => {
    skipPastLoginWindow();
    const proxied = await startCentralServer({ pool: db.pool(), trustProxy: true, now: () => new Date(Date.now() + skipped) });
    try {
      const attempt = (url: string, forwarded: string) =>
        fetch(url + '/api/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': forwarded },
          body: JSON.stringify({ name: 'proxy.probe', password: 'not-the-password' }),
        });
      // The client wrote "10.9.9.9"; the proxy appended the address it saw, 10.20.30.40.
      expect((await attempt(proxied.url, '10.9.9.9, 10.20.30.40')).status).toBe(401);
      expect((await attempt(proxied.url, 'not-an-address')).status).toBe(401);
      // The server not told to trust a proxy ignores the header.
      expect((await attempt(base, '10.20.30.41')).status).toBe(401);
    } finally {
      await proxied.close();
    }
    const rows = (await auditRows()).filter((a) => a.account_name === 'proxy.probe');
    expect(rows.map((a) => a.address)).toEqual(['10.20.30.40', '127.0.0.1', '127.0.0.1']);
  });
});

describe('the audit log', () => {
  it('can only be appended to', async () => {
    const pool = db.pool();
    const count = Number((await pool.query('SELECT count(*) AS n FROM audit_log')).rows[0].n);
    expect(count).toBeGreaterThan(10);
    await expect(pool.query("UPDATE audit_log SET outcome = 'ok' WHERE outcome = 'refused'")).rejects.toThrow(
      '审计日志只能追加，不能修改或删除',
    );
    await expect(pool.query('DELETE FROM audit_log WHERE id = (SELECT min(id) FROM audit_log)')).rejects.toThrow('审计日志只能追加');
    await expect(pool.query('TRUNCATE audit_log')).rejects.toThrow('审计日志只能追加');
    expect(Number((await pool.query('SELECT count(*) AS n FROM audit_log')).rows[0].n)).toBe(count);
  });
});

describe('hostile requests', () => {
  function rawRequest(text: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const url = new URL(base);
      const socket = connect(Number(url.port), url.hostname);
      let answer = '';
      socket.on('data', (d) => (answer += d.toString('utf8')));
      socket.on('end', () => resolve(answer));
      socket.on('close', () => resolve(answer));
      socket.on('error', (e) => (answer ? resolve(answer) : reject(e)));
      socket.write(text);
      setTimeout(() => socket.end(), 2000);
    });
  }

  it('answers 4xx without a stack, and keeps serving', async () => {
    skipPastLoginWindow();
    const huge = await call(base, 'POST', '/api/login', { raw: JSON.stringify({ name: 'gly', password: 'x'.repeat(1024 * 1024) }) });
    expect(huge.status).toBe(413);
    expect(huge.body.error).toContain('请求内容过大');
    const lied = await rawRequest(
      'POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 50000000\r\n\r\n{"name":',
    );
    expect(lied).toMatch(/^HTTP\/1\.1 413/);
    const badJson = await call(base, 'POST', '/api/login', { raw: '{"name": "gly", "password": ' });
    expect(badJson.status).toBe(400);
    expect(badJson.body.error).toBe('请求内容不是有效的 JSON');
    const notUtf8 = await fetch(base + '/api/login', { method: 'POST', body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) });
    expect(notUtf8.status).toBe(400);
    const wrongShape = await call(base, 'POST', '/api/login', { body: ['gly', PASSWORDS.admin] });
    expect(wrongShape.status).toBe(400);
    const extra = await call(base, 'POST', '/api/login', { body: { name: 'gly', password: PASSWORDS.admin, role: 'admin' } });
    expect(extra.status).toBe(400);
    expect((await call(base, 'GET', '/api/nothing')).status).toBe(404);
    expect((await call(base, 'DELETE', '/api/users')).status).toBe(405);
    const token = await login('gly', PASSWORDS.admin);
    const badLimit = await call(base, 'GET', '/api/audit?limit=-1', { token });
    expect(badLimit.status).toBe(400);
    for (const r of [huge, badJson, wrongShape, extra, badLimit]) expect(JSON.stringify(r.body)).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect(lied).not.toMatch(/\.ts:\d+/);
    // Still alive and answering.
    expect((await call(base, 'GET', '/api/me', { token })).status).toBe(200);
    expect(bugs).toEqual([]);
  });
});
