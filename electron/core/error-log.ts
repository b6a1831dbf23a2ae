// Bugs (errors that are not the user's to fix) are written, with a short id, to a log file in the
// per-user folder; the page and the CLI get the id and the file's name only: a stack trace says
// nothing to an analyst, and absolute paths and input values (police data) stay on this machine.
import { appendFileSync, chmodSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

export const ERROR_LOG_FOLDER = 'logs';
export const ERROR_LOG_FILE = 'errors.log';
/** A log past this size is rotated: errors.log → errors.log.1 → … */
export const ERROR_LOG_MAX_BYTES = 1024 * 1024;
/** Rotated files kept besides the current one. */
export const ERROR_LOG_KEEP = 3;

export interface BugContext {
  /** The operation or command that was running (its name, never its input's values). */
  operation: string;
  /** What the input held, in shape only: keys, array lengths, byte sizes. */
  input?: unknown;
}

export interface LoggedBug {
  id: string;
  /** The message the page or the CLI shows. */
  message: string;
}

export function errorLogPath(home: string): string {
  return join(home, ERROR_LOG_FOLDER, ERROR_LOG_FILE);
}

/** E-YYYYMMDD-XXXX: short enough to read out on the phone, unique enough for one user's log. */
export function newErrorId(now = new Date()): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '');
  return `E-${day}-${randomBytes(2).toString('hex').toUpperCase()}`;
}

export function bugMessage(id: string): string {
  return `内部错误（编号 ${id}），详情已记入 ${ERROR_LOG_FILE}`;
}

/** The shape of an input without its values: `{ files: [2 items], indicators: [3 items], phase: string(8) }`. */
export function inputShape(value: unknown, depth = 0): string {
  if (value === null || value === undefined) return String(value);
  if (value instanceof Uint8Array) return `bytes(${value.byteLength})`;
  if (Array.isArray(value)) return `[${value.length} items]`;
  if (typeof value === 'string') return `string(${value.length})`;
  if (typeof value !== 'object') return typeof value;
  if (depth >= 2) return '{…}';
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}: ${inputShape(v, depth + 1)}`);
  return `{ ${entries.join(', ')} }`;
}

function describe(caught: unknown): string {
  if (caught instanceof Error) return caught.stack ?? `${caught.name}: ${caught.message}`;
  return String(caught);
}

function rotate(path: string): void {
  rmSync(`${path}.${ERROR_LOG_KEEP}`, { force: true });
  for (let i = ERROR_LOG_KEEP - 1; i >= 1; i--) {
    if (existsSync(`${path}.${i}`)) renameSync(`${path}.${i}`, `${path}.${i + 1}`);
  }
  renameSync(path, `${path}.1`);
}

/**
 * Writes the bug to `<home>/logs/errors.log` (0600 in a 0700 folder) and returns its id and the
 * message to show. Never throws: a log that cannot be written must not hide the error itself.
 */
export function logBug(home: string, caught: unknown, context: BugContext): LoggedBug {
  const id = newErrorId();
  const entry = [
    `=== ${id} ${new Date().toISOString()} 操作 ${context.operation}`,
    ...(context.input === undefined ? [] : [`输入结构: ${inputShape(context.input)}`]),
    describe(caught),
    '',
  ].join('\n');
  try {
    const folder = join(home, ERROR_LOG_FOLDER);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    chmodSync(folder, 0o700);
    const path = join(folder, ERROR_LOG_FILE);
    const size = statSync(path, { throwIfNoEntry: false })?.size ?? 0;
    if (size > 0 && size + Buffer.byteLength(entry) > ERROR_LOG_MAX_BYTES) rotate(path);
    appendFileSync(path, entry, { mode: 0o600 });
  } catch {
    // The message still carries the id; the log is best effort.
  }
  return { id, message: bugMessage(id) };
}
