// Issue 12 §6: data at rest (owner-only files, secure_delete) and environmental failures (locked,
// full, read-only) as user errors. Real files and real CLI processes throughout.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openWorkspace } from '../../electron/store/workspace';
import { importFiles } from '../../electron/ingest/import-files';
import { asUserFacing } from '../../electron/store/sqlite-errors';
import { isReadOnlyFallback } from '../../electron/store/database';
import { UserError } from '../../shared/errors';
import { CAMPAIGN_BIN, runCli } from '../support/cli';
import { tempDir } from '../support/temp-db';

const mode = (p: string) => statSync(p).mode & 0o777;

/** The CLI under umask 022 (so modes must be set explicitly), optionally as nobody. */
const UMASK_022 = { umask: 0o022 };
const AS_NOBODY = { umask: 0o022, asUser: 65534 };

function expectUserFailure(r: { code: number | null; stderr: string }, dir: string, words: RegExp): void {
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr).toMatch(/^错误: /);
  expect(r.stderr).toMatch(words);
  expect(r.stderr).not.toMatch(/\n\s+at |Sqlite|SQLITE_|内部错误/);
  expect(r.stderr).not.toContain(dir);
}

// A note nobody else writes, to be searched for in the raw bytes of the database file.
const MARK = 'ZQ7删后不留痕迹-Q9X';
function returnsFile(dir: string, name: string, day = '2023-10-01'): string {
  const file = join(dir, name);
  const rows = ['太原市小店区', '大同市平城区', '阳泉市城区'].map((r, i) => `${day},${r},综合,出动民警辅警,${17 + i},,${MARK}${i}`);
  writeFileSync(file, ['日期,地区,部门,指标,数值,单位,备注', ...rows].join('\n') + '\n');
  return file;
}

describe('data at rest', () => {
  it('creates the folder 0700 and the database, WAL, shm and backups 0600 under umask 022, with secure_delete on', () => {
    const dir = tempDir();
    const db = join(dir, 'nested', 'folder', 'returns.db');
    const r = runCli(['import', '--db', db, returnsFile(dir, 'a.csv')], UMASK_022);
    expect(r.code, r.stderr).toBe(0);
    expect(mode(join(dir, 'nested'))).toBe(0o700);
    expect(mode(join(dir, 'nested', 'folder'))).toBe(0o700);
    expect(mode(db)).toBe(0o600);

    const ws = openWorkspace(db);
    ws.db.prepare('SELECT count(*) FROM fact').get(); // WAL and shm exist while a connection is open
    expect(mode(`${db}-wal`)).toBe(0o600);
    expect(mode(`${db}-shm`)).toBe(0o600);
    expect(ws.db.pragma('secure_delete', { simple: true })).toBe(1);
    ws.close();

    expect(runCli(['undo', '--db', db, '1'], UMASK_022).code).toBe(0);
    const backups = readdirSync(join(dir, 'nested', 'folder')).filter((f) => f.endsWith('.bak'));
    expect(backups.length).toBe(1);
    for (const b of backups) expect(mode(join(dir, 'nested', 'folder', b))).toBe(0o600);
  });

  it('leaves no byte of an undone batch in the database file', () => {
    const dir = tempDir();
    const db = join(dir, 'returns.db');
    const needle = Buffer.from(MARK, 'utf8');
    expect(runCli(['import', '--db', db, returnsFile(dir, 'a.csv')], UMASK_022).code).toBe(0);
    // Closed cleanly: the WAL is checkpointed into the file, where the notes now are.
    expect(existsSync(`${db}-wal`)).toBe(false);
    expect(readFileSync(db).includes(needle)).toBe(true);
    expect(runCli(['undo', '--db', db, '1'], UMASK_022).code).toBe(0);
    expect(readFileSync(db).includes(needle)).toBe(false);
    // The facts are gone, the batch is kept as undone.
    const check = new Database(db, { readonly: true });
    expect(check.prepare('SELECT count(*) FROM fact').pluck().get()).toBe(0);
    expect(check.prepare('SELECT undone_at IS NOT NULL FROM batch WHERE id = 1').pluck().get()).toBe(1);
    check.close();
  });
});

describe('environmental failures', () => {
  it('a database locked by another connection past the busy timeout is a user error, exit 1', () => {
    const dir = tempDir();
    const db = join(dir, 'returns.db');
    expect(runCli(['import', '--db', db, returnsFile(dir, 'a.csv')], UMASK_022).code).toBe(0);
    const holder = new Database(db);
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const r = runCli(['import', '--db', db, returnsFile(dir, 'b.csv', '2023-10-02')], {
        ...UMASK_022,
        env: { CAMPAIGN_BUSY_TIMEOUT_MS: '300' },
      });
      expectUserFailure(r, dir, /正被其他程序占用/);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(runCli(['import', '--db', db, returnsFile(dir, 'b.csv', '2023-10-02')], UMASK_022).code).toBe(0);
  });

  it('a full disk (max_page_count reached) is a user error and the database is unchanged', async () => {
    const dir = tempDir();
    const db = join(dir, 'returns.db');
    const ws = openWorkspace(db);
    const pages = ws.db.pragma('page_count', { simple: true }) as number;
    ws.db.pragma(`max_page_count = ${pages}`);
    const rows = Array.from(
      { length: 3000 },
      (_, i) => `2023-10-${String(1 + (i % 28)).padStart(2, '0')},太原市小店区,综合,出动民警辅警,${i},,${MARK}${'长'.repeat(200)}${i}`,
    );
    const file = join(dir, 'big.csv');
    writeFileSync(file, ['日期,地区,部门,指标,数值,单位,备注', ...rows].join('\n'));
    const caught = await importFiles(ws, [file]).then(
      () => null,
      (e: unknown) => e,
    );
    expect(caught).not.toBeNull();
    const mapped = asUserFacing(caught, db);
    expect(mapped).toBeInstanceOf(UserError);
    expect((mapped as UserError).message).toMatch(/磁盘空间已满.*returns\.db|returns\.db.*磁盘空间已满/);
    expect((mapped as UserError).message).not.toContain(dir);
    expect(ws.db.prepare('SELECT count(*) FROM fact').pluck().get()).toBe(0);
    ws.close();
  });

  // Tests run as root, for whom chmod stops nothing: the read-only cases run the CLI as nobody.
  // Nobody must also be able to reach the checkout (a clone inside a 0700 temp folder is not).
  const canDropToNobody =
    process.getuid?.() === 0 &&
    spawnSync('setpriv', ['--version']).status === 0 &&
    spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'test', '-r', CAMPAIGN_BIN]).status === 0;

  it.runIf(canDropToNobody)('a read-only file (0444) still answers queries, and a write says it is read-only', () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const folder = join(dir, 'ro-file');
    mkdirSync(folder);
    const db = join(folder, 'returns.db');
    expect(runCli(['import', '--db', db, returnsFile(dir, 'a.csv')], UMASK_022).code).toBe(0);
    chmodSync(join(dir, 'a.csv'), 0o644);
    chownSync(folder, 65534, 65534); // nobody's folder, so -shm can be made; the file stays root's
    chmodSync(db, 0o444);
    const info = runCli(['info', '--db', db], AS_NOBODY);
    expect(info.code, info.stderr).toBe(0);
    expect(info.stdout).toContain('3 条');
    const write = runCli(['undo', '--db', db, '1'], AS_NOBODY);
    expectUserFailure(write, dir, /只读/);
  });

  it.runIf(canDropToNobody)('a read-only folder (0555) still answers queries, and a write says it is read-only', () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const folder = join(dir, 'ro-folder');
    mkdirSync(folder);
    const db = join(folder, 'returns.db');
    expect(runCli(['import', '--db', db, returnsFile(dir, 'a.csv')], UMASK_022).code).toBe(0);
    chmodSync(join(dir, 'a.csv'), 0o644);
    chmodSync(db, 0o644);
    chmodSync(folder, 0o555);
    const info = runCli(['info', '--db', db], AS_NOBODY);
    expect(info.code, info.stderr).toBe(0);
    expect(info.stdout).toContain('3 条');
    const write = runCli(['undo', '--db', db, '1'], AS_NOBODY);
    expectUserFailure(write, dir, /只读/);
    expect(readdirSync(folder)).toEqual(['returns.db']); // nothing left beside it
  });

  it('a connection that could only be opened for reading is marked so', () => {
    const dir = tempDir();
    const db = join(dir, 'returns.db');
    const ws = openWorkspace(db);
    expect(isReadOnlyFallback(ws.db)).toBe(false);
    ws.close();
  });
});
