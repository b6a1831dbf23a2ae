// Accounts from the server's command line: add (role and city rules, password rules), list, disable;
// passwords stored only as salted scrypt hashes; every change in the audit log.
import { beforeAll, describe, expect, it } from 'vitest';
import { migrateCentral } from '../../electron/central/schema';
import { hashPassword, verifyPassword } from '../../electron/central/passwords';
import { addAccount, type NewAccount } from '../../electron/central/accounts';
import { runCli } from '../support/cli';
import { passwordFile, useTestDatabase } from './support';

const db = useTestDatabase();
const PASSWORD = '晋中-核查口令-2024x';

beforeAll(async () => {
  await migrateCentral(db.pool());
});

function add(name: string, role: string, region: string | null, password = PASSWORD) {
  return runCli([
    'server',
    'user',
    'add',
    '--pg',
    db.url(),
    '--name',
    name,
    '--role',
    role,
    ...(region ? ['--region', region] : []),
    '--password-file',
    passwordFile(password),
  ]);
}

describe('server accounts', () => {
  it('adds accounts of each role, and lists them as JSON', () => {
    for (const [name, role, region] of [
      ['admin.liu', 'admin', null],
      ['fenxi.zhao', 'analyst', null],
      ['jinzhong.bao', 'city', '晋中'],
      ['duda.lvliang', 'inspector', '141100'],
    ] as const) {
      const r = add(name, role, region);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`已添加用户 ${name}`);
    }
    const list = runCli(['server', 'user', 'list', '--pg', db.url(), '--format', 'json']);
    expect(list.code).toBe(0);
    const { users } = JSON.parse(list.stdout) as {
      users: { name: string; role: string; region: string | null; disabled: boolean; created_at: string }[];
    };
    expect(users.map(({ created_at: _c, ...u }) => u)).toEqual([
      { name: 'admin.liu', role: 'admin', region: null, disabled: false },
      { name: 'fenxi.zhao', role: 'analyst', region: null, disabled: false },
      { name: 'jinzhong.bao', role: 'city', region: '晋中市', disabled: false },
      { name: 'duda.lvliang', role: 'inspector', region: '吕梁市', disabled: false },
    ]);
    for (const u of users) expect(Math.abs(Date.parse(u.created_at) - Date.now())).toBeLessThan(10 * 60_000);
    const table = runCli(['server', 'user', 'list', '--pg', db.url()]);
    expect(table.stdout).toContain('地市报送员');
    expect(table.stdout).toContain('晋中市');
  });

  it('refuses what breaks the rules, and stores nothing for it', async () => {
    // Through the command line: the rule's words reach the terminal, with exit status 1.
    const cli: [[string, string, string | null, string?], RegExp][] = [
      [['nocity', 'city', null], /须用 --region 指定所属地市/],
      [['county.user', 'city', '小店区'], /须是一个地市（小店区 不是地市）/],
      [['short.pw', 'analyst', null, '123456789'], /密码至少 10 个字符/],
    ];
    for (const [[name, role, region, password], message] of cli) {
      const r = add(name, role, region, password);
      expect(r.code, name).toBe(1);
      expect(r.stderr, name).toMatch(message);
    }
    // The same function behind the command line and POST /api/users: each rule once.
    const direct: [Pick<NewAccount, 'name' | 'role'> & Partial<NewAccount>, RegExp][] = [
      [{ name: 'x.inspector', role: 'inspector' }, /须用 --region/],
      [{ name: 'admin.city', role: 'admin', region: '太原市' }, /不能给 --region/],
      [{ name: 'fx.city', role: 'analyst', region: '大同' }, /不能给 --region/],
      [{ name: 'province.user', role: 'city', region: '山西省' }, /须是一个地市/],
      [{ name: 'nowhere', role: 'city', region: '火星市' }, /找不到地市/],
      [{ name: 'badrole', role: 'superuser' }, /角色只能是/],
      [{ name: 'admin.liu', role: 'analyst' }, /用户名 admin.liu 已存在/],
      [{ name: ' padded', role: 'analyst' }, /不能以空格开头/],
      [{ name: 'line\nbreak', role: 'analyst' }, /不能含空格、换行/],
      [{ name: 'ctl.pw', role: 'analyst', password: '1234567890\u0007' }, /控制字符/],
    ];
    for (const [input, message] of direct) {
      await expect(addAccount(db.pool(), { password: PASSWORD, createdBy: 'test', ...input }, new Date()), input.name).rejects.toThrow(
        message,
      );
    }
    const names = (await db.pool().query<{ name: string }>('SELECT name FROM account ORDER BY id')).rows.map((r) => r.name);
    expect(names).toEqual(['admin.liu', 'fenxi.zhao', 'jinzhong.bao', 'duda.lvliang']);
  });

  it('stores no password, only a salted scrypt hash with its parameters', async () => {
    const rows = (await db.pool().query<{ name: string; password_hash: string }>('SELECT name, password_hash FROM account')).rows;
    const dump = JSON.stringify((await db.pool().query('SELECT * FROM account')).rows);
    expect(dump).not.toContain(PASSWORD);
    expect(dump).not.toContain(Buffer.from(PASSWORD).toString('base64'));
    for (const r of rows) expect(r.password_hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    // The same password, four different salts and hashes.
    expect(new Set(rows.map((r) => r.password_hash.split('$')[4])).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.password_hash)).size).toBe(rows.length);
    expect(await verifyPassword(PASSWORD, rows[0]!.password_hash)).toBe(true);
    expect(await verifyPassword(PASSWORD + ' ', rows[0]!.password_hash)).toBe(false);
    expect(await verifyPassword(PASSWORD, 'plain:' + PASSWORD)).toBe(false);
  });

  it('hashes with the parameters it stores, and checks a hash made with other ones', async () => {
    const hash = await hashPassword('长治市-督导口令-0917');
    const [, n, r, p] = hash.split('$');
    expect(Number(n)).toBeGreaterThanOrEqual(2 ** 14);
    expect(Number(r)).toBe(8);
    expect(Number(p)).toBe(1);
    const weaker = hash.split('$');
    weaker[1] = String(2 ** 14);
    // Same salt and key, other N: the key no longer matches, so the stored N is what is used.
    expect(await verifyPassword('长治市-督导口令-0917', weaker.join('$'))).toBe(false);
    expect(await verifyPassword('长治市-督导口令-0917', hash)).toBe(true);
  });

  it('disables an account, and writes every change to the audit log', async () => {
    const r = runCli(['server', 'user', 'disable', '--pg', db.url(), '--name', 'jinzhong.bao']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已停用用户 jinzhong.bao');
    const unknown = runCli(['server', 'user', 'disable', '--pg', db.url(), '--name', 'nobody']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('没有用户 nobody');
    const list = JSON.parse(runCli(['server', 'user', 'list', '--pg', db.url(), '--format', 'json']).stdout) as {
      users: { name: string; disabled: boolean }[];
    };
    expect(list.users.filter((u) => u.disabled).map((u) => u.name)).toEqual(['jinzhong.bao']);
    const audit = (
      await db
        .pool()
        .query<{ action: string; target: string; outcome: string; address: string; account_name: string }>(
          'SELECT action, target, outcome, address, account_name FROM audit_log ORDER BY id',
        )
    ).rows;
    expect(audit.map((a) => [a.action, a.target, a.outcome, a.address])).toEqual([
      ['user add', 'admin.liu', 'ok', 'cli'],
      ['user add', 'fenxi.zhao', 'ok', 'cli'],
      ['user add', 'jinzhong.bao', 'ok', 'cli'],
      ['user add', 'duda.lvliang', 'ok', 'cli'],
      ['user disable', 'jinzhong.bao', 'ok', 'cli'],
    ]);
    expect(audit.every((a) => a.account_name.startsWith('cli'))).toBe(true);
  });
});
