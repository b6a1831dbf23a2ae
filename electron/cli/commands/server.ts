// `campaign server …`: the provincial server on PostgreSQL (electron/central). init creates or
// upgrades its schema; user add/list/disable manage accounts from the server's own shell; start
// serves the HTTP JSON API until SIGTERM or Ctrl-C.
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { UserError } from '../../../shared/errors';
import { accountJson, addAccount, disableAccount, listAccounts } from '../../central/accounts';
import { startCentralServer } from '../../central/api-server';
import { audit } from '../../central/audit';
import { CENTRAL_LATEST_VERSION } from '../../central/migrations';
import { inTransaction, openPool, redactedUrl, type Pool } from '../../central/pg-pool';
import { ROLE_LABELS } from '../../../shared/api/server-accounts';
import { migrateCentral, requireCurrentSchema } from '../../central/schema';
import type { Options } from '../args';
import { readPasswordFile } from '../password-file';
import { formatCsv, formatTable, out, terminalText } from '../print';

function pgUrl(options: Options): string {
  const url = options.pg ?? process.env.CAMPAIGN_PG_URL;
  if (!url)
    throw new UserError(
      '请用 --pg 指定 PostgreSQL 连接地址（或设环境变量 CAMPAIGN_PG_URL），如 postgres://campaign@127.0.0.1:5432/campaign',
    );
  return url;
}

async function withPool<T>(options: Options, fn: (pool: Pool) => Promise<T>): Promise<T> {
  const pool = await openPool(pgUrl(options));
  try {
    return await fn(pool);
  } finally {
    await pool.end();
  }
}

/** Who ran a command on the server, for the audit log. */
function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

function requireName(options: Options): string {
  if (!options.name) throw new UserError('请用 --name 指定用户名');
  return options.name;
}

async function init(options: Options): Promise<number> {
  const url = pgUrl(options);
  return withPool(options, async (pool) => {
    const { from, to } = await migrateCentral(pool);
    out(
      from === to
        ? `数据库 ${redactedUrl(url)} 的结构已是最新（版本 ${to}）`
        : `数据库 ${redactedUrl(url)} 的结构已${from === 0 ? '建立' : `从版本 ${from} 升级`}到版本 ${to}`,
    );
    return 0;
  });
}

async function userCommand(sub: string | undefined, options: Options): Promise<number> {
  const fmt = options.format ?? 'table';
  if (fmt !== 'table' && fmt !== 'csv' && fmt !== 'json') throw new UserError(`--format 只能是 table、csv 或 json（收到 ${fmt}）`);
  switch (sub) {
    case 'add': {
      const name = requireName(options);
      if (!options.role) throw new UserError('请用 --role 指定角色：admin、analyst、city 或 inspector');
      const regions = options.region ?? [];
      if (regions.length > 1) throw new UserError('--region 只能给一个地市');
      const password = readPasswordFile(options['password-file']);
      return withPool(options, async (pool) => {
        await requireCurrentSchema(pool);
        const actor = cliActor();
        const account = await inTransaction(pool, async (db) => {
          const a = await addAccount(db, { name, role: options.role!, region: regions[0], password, createdBy: actor }, new Date());
          await audit(db, { at: new Date(), accountName: actor, action: 'user add', target: a.name, outcome: 'ok', address: 'cli' });
          return a;
        });
        if (fmt === 'json') out(JSON.stringify({ user: accountJson(account) }));
        else
          out(
            `已添加用户 ${terminalText(account.name)}（${ROLE_LABELS[account.role]}${account.regionName ? `，${account.regionName}` : ''}）`,
          );
        return 0;
      });
    }
    case 'list':
      return withPool(options, async (pool) => {
        await requireCurrentSchema(pool);
        const users = (await listAccounts(pool)).map(accountJson);
        if (fmt === 'json') return (out(JSON.stringify({ users })), 0);
        const columns =
          fmt === 'csv' ? ['name', 'role', 'region', 'disabled', 'created_at'] : ['用户名', '角色', '地市', '状态', '创建时间'];
        const rows = users.map((u) => [
          u.name,
          fmt === 'csv' ? u.role : ROLE_LABELS[u.role],
          u.region ?? '',
          fmt === 'csv' ? String(u.disabled) : u.disabled ? '已停用' : '正常',
          u.created_at,
        ]);
        out(
          fmt === 'csv'
            ? formatCsv(columns, rows)
            : users.length === 0
              ? '还没有用户：campaign server user add …'
              : formatTable(columns, rows),
        );
        return 0;
      });
    case 'disable': {
      const name = requireName(options);
      return withPool(options, async (pool) => {
        await requireCurrentSchema(pool);
        const actor = cliActor();
        const account = await inTransaction(pool, async (db) => {
          const a = await disableAccount(db, name, new Date());
          await audit(db, { at: new Date(), accountName: actor, action: 'user disable', target: a.name, outcome: 'ok', address: 'cli' });
          return a;
        });
        if (fmt === 'json') out(JSON.stringify({ user: accountJson(account) }));
        else out(`已停用用户 ${terminalText(account.name)}，其登录令牌全部作废`);
        return 0;
      });
    }
    default:
      throw new UserError('用法: campaign server user add|list|disable --pg 地址 …');
  }
}

function readPem(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new UserError(`无法读取${what} ${path}：${e instanceof Error ? e.message : String(e)}`);
  }
}

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost';
}

async function start(options: Options): Promise<number> {
  const url = pgUrl(options);
  const host = options.host ?? '127.0.0.1';
  const port = options.port === undefined ? 8443 : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port 须是 0 到 65535 的整数（收到 ${options.port}）`);
  if (options['trust-proxy'] && !isLoopback(host)) {
    throw new UserError('--trust-proxy 只用于本机上的 TLS 反向代理之后：请同时用 --host 127.0.0.1（或 ::1）');
  }
  if ((options['tls-cert'] === undefined) !== (options['tls-key'] === undefined)) throw new UserError('--tls-cert 与 --tls-key 须一起给出');
  const tls =
    options['tls-cert'] && options['tls-key']
      ? { cert: readPem(options['tls-cert'], '证书文件'), key: readPem(options['tls-key'], '私钥文件') }
      : undefined;
  const pool = await openPool(url);
  try {
    await requireCurrentSchema(pool);
    const server = await startCentralServer({
      pool,
      host,
      port,
      trustProxy: options['trust-proxy'] ?? false,
      ...(tls ? { tls } : {}),
    }).catch((e: unknown) => {
      if (e instanceof Error && 'code' in e && (e.code === 'EADDRINUSE' || e.code === 'EACCES' || e.code === 'EADDRNOTAVAIL')) {
        throw new UserError(`无法在 ${host}:${port} 上监听（${e.code}）：端口已被占用、无权限或地址不属于本机`);
      }
      if (e instanceof Error && tls) throw new UserError(`无法用给出的证书和私钥启动 HTTPS：${e.message}`);
      throw e;
    });
    out(`省厅服务器已启动：${server.url}（数据库 ${redactedUrl(url)}，结构版本 ${CENTRAL_LATEST_VERSION}）`);
    if (!tls && !isLoopback(host)) {
      process.stderr.write(
        '警告：未启用 TLS，密码和令牌将以明文经过网络。部署时请用 --tls-cert/--tls-key，或只在本机监听并由 TLS 反向代理对外服务。\n',
      );
    }
    // Until SIGTERM (a service manager's stop) or Ctrl-C: stop taking calls, finish those in flight.
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGTERM', () => resolve('SIGTERM'));
      process.once('SIGINT', () => resolve('SIGINT'));
    });
    await server.close();
    out(`省厅服务器已停止（${signal}）`);
    return 0;
  } finally {
    await pool.end();
  }
}

export async function serverCommand(args: string[], options: Options): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'init':
      return init(options);
    case 'user':
      return userCommand(rest[0], options);
    case 'start':
      return start(options);
    default:
      throw new UserError('用法: campaign server init|user|start --pg 地址 …（campaign --help 列出选项）');
  }
}
