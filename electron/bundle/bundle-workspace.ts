// A 督导包 (.cwb) opened for work: decrypted into memory only — better-sqlite3 opens the serialized
// database from a Buffer, so no file, journal or WAL of it exists — and written back sealed after
// every write (serialize → seal with the key derived at opening → temporary file and rename). The
// file on disk is the state before a write until the new sealed file has replaced it whole.
import Database from 'better-sqlite3';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { UserError } from '../../shared/errors';
import { CatalogueResolver } from '../../shared/catalogue-resolver';
import { loadCatalogue } from '../store/catalogue-tables';
import type { Db } from '../store/database';
import { LATEST_VERSION, MIGRATIONS } from '../store/migrations/index';
import { readFileHead } from '../store/sqlite-file';
import type { Workspace } from '../store/workspace';
import { writeFileAtomically } from './atomic-file';
import { SEALED_PAYLOAD_MAX_BYTES, seal, sealedKindOf, unseal, type SealKey } from './sealed-file';

/** A sealed file larger than this is refused before it is read (the payload bound, plus headers). */
export const BUNDLE_FILE_MAX_BYTES = SEALED_PAYLOAD_MAX_BYTES;

export const BUNDLE_EXTENSION = '.cwb';

/** A path the user means as a 督导包: named .cwb, or a file beginning with the bundle's magic. */
export function isBundlePath(path: string): boolean {
  if (path.toLowerCase().endsWith(BUNDLE_EXTENSION)) return true;
  try {
    return statSync(path).isFile() && sealedKindOf(readFileHead(path, 8)) === 'bundle';
  } catch {
    return false;
  }
}

/** An in-memory database from serialized bytes (the Electron build of better-sqlite3 when given). */
export function memoryDatabase(payload: Buffer | null): Db {
  const nativeBinding = process.env.CAMPAIGN_SQLITE_BINDING;
  const options = nativeBinding ? { nativeBinding } : {};
  // An image serialized from a WAL file says so in its header (bytes 18–19 = 2), and SQLite cannot
  // open such an image in memory: it is marked a rollback-journal database, which it then is.
  if (payload !== null && payload.length >= 100 && payload[18] === 2 && payload[19] === 2) payload[18] = payload[19] = 1;
  const db = payload === null ? new Database(':memory:', options) : new Database(payload, options);
  db.pragma('foreign_keys = ON');
  return db;
}

/** Brings an in-memory database to the latest schema (no backup: nothing of it is on disk). */
export function migrateInMemory(db: Db, fileName: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > LATEST_VERSION) {
    throw new UserError(
      `督导包 ${fileName} 的结构版本为 ${version}，高于本程序支持的 ${LATEST_VERSION}：它由更新版本的程序生成，请升级程序后再打开。`,
    );
  }
  for (const m of MIGRATIONS) {
    if (m.version <= version) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

/** How the sealed bytes reach the disk; tests put a failing writer here. */
export type BundleWriter = (path: string, bytes: Uint8Array) => void;

export interface BundleWorkspaceOptions {
  writer?: BundleWriter;
}

/** Seals the database as it is now into the bundle's file (atomically). */
export function writeBundle(db: Db, path: string, key: SealKey, writer: BundleWriter = writeFileAtomically): void {
  writer(path, seal('bundle', db.serialize(), key));
}

export function openBundleWorkspace(path: string, passphrase: string, options: BundleWorkspaceOptions = {}): Workspace {
  const fileName = basename(path);
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new UserError(`不是文件：${path}`);
    size = stat.size;
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`督导包文件不存在或无法读取：${path}`);
  }
  if (size > BUNDLE_FILE_MAX_BYTES) throw new UserError(`督导包 ${fileName} 过大（超过 2 GB），无法打开`);
  const { payload, key } = unseal('bundle', readFileSync(path), passphrase, fileName);
  let db: Db;
  try {
    db = memoryDatabase(payload);
  } catch {
    throw new UserError(`${fileName} 的内容不是工作站的数据库：文件已损坏`);
  }
  try {
    migrateInMemory(db, fileName);
    const hasOrigin = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'bundle_origin'").get() !== undefined;
    if (!hasOrigin || db.prepare('SELECT 1 FROM bundle_origin').get() === undefined)
      throw new UserError(`${fileName} 不是督导包（缺少来源记录）`);
  } catch (e) {
    db.close();
    if (e instanceof UserError) throw e;
    throw new UserError(`${fileName} 的内容不是工作站的数据库：文件已损坏`);
  }
  const catalogue = loadCatalogue(db);
  const writer = options.writer ?? writeFileAtomically;
  return {
    path,
    db,
    catalogue,
    resolver: new CatalogueResolver(catalogue),
    kind: 'bundle',
    persist: () => writeBundle(db, path, key, writer),
    close: () => db.close(),
  };
}
