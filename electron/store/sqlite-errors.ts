// The one place that turns failures of the environment (a locked database, a full disk, a file or
// folder that cannot be written) into messages an analyst can act on. SQLite and Node report them
// by code; the CLI and the core both pass unknown errors through here before deciding "bug".
// Messages name the file by its base name only: absolute paths do not belong in what users see.
import { basename } from 'node:path';
import { UserError } from '../../shared/errors';

export const READ_ONLY_OPEN_NOTE = '数据库文件或所在文件夹不可写，已以只读方式打开：可以查询，不能导入、撤销或保存视图。';

function codeOf(e: unknown): string | null {
  if (typeof e !== 'object' || e === null || !('code' in e)) return null;
  const code = e.code;
  return typeof code === 'string' ? code : null;
}

/** What a write attempted on a database that can only be read says. */
export function readOnlyMessage(dbPath?: string): string {
  const file = dbPath && dbPath !== ':memory:' ? `数据库 ${basename(dbPath)} ` : '数据库';
  return `${file}只能以只读方式使用（文件或所在文件夹不可写），不能导入、撤销或保存。请检查文件权限，或把数据库复制到可写的文件夹后再打开。`;
}

/** The user's message for an environmental failure, or null when the error is something else. */
export function environmentMessage(e: unknown, dbPath?: string): string | null {
  const code = codeOf(e);
  if (!code) return null;
  const file = dbPath && dbPath !== ':memory:' ? `数据库 ${basename(dbPath)} ` : '数据库';
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED' || code.startsWith('SQLITE_LOCKED_')) {
    return `${file}正被其他程序占用（例如另一个正在导入或撤销的窗口或命令），等待超时。请等对方完成后重试。`;
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return `磁盘空间已满，${file}未能写入，本次操作未生效。请清理磁盘空间后重试。`;
  }
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_') || code === 'EROFS') return readOnlyMessage(dbPath);
  if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') {
    return `没有权限访问${file}或其所在文件夹。请检查文件权限。`;
  }
  if (code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_CANTOPEN_')) {
    return `无法打开${file}：文件不存在、所在文件夹不可访问，或没有权限。`;
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_')) {
    return `${file}不是有效的数据库文件，或已损坏。可以从同一文件夹中的 .bak 备份恢复。`;
  }
  if (code === 'SQLITE_IOERR' || code.startsWith('SQLITE_IOERR_')) {
    return `读写${file}时发生磁盘错误，本次操作未生效。请检查磁盘或存储设备后重试。`;
  }
  return null;
}

/** The error as it should travel on: a UserError for environmental failures, else unchanged. */
export function asUserFacing(e: unknown, dbPath?: string): unknown {
  if (e instanceof UserError) return e;
  const message = environmentMessage(e, dbPath);
  return message ? new UserError(message) : e;
}
