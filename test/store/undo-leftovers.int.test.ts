// Issue 12 §6: an undo killed midway left a 0-byte (or partial) .bak and a -journal, and the
// partial file counted as one of the 5 kept backups, pushing a good one out. A real child process
// is killed (SIGKILL) while it writes a backup of a large database; leftovers of every kind are
// also made by hand; then the database is opened and undone again.
import { spawn } from 'node:child_process';
import { copyFileSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createCoreEntry as createCore } from '../../electron/core/entry';
import { openWorkspace } from '../../electron/store/workspace';
import { isCompleteBackup, KEEP_BACKUPS, listBackups } from '../../electron/store/backup';
import { tempDir } from '../support/temp-db';

const root = join(__dirname, '..', '..');

async function importAndUndo(path: string, day: number): Promise<string> {
  const ws = openWorkspace(path);
  try {
    const core = createCore(ws);
    const csv = `日期,地区,部门,指标,数值,单位\n2024-10-${String(day).padStart(2, '0')},临汾市尧都区,综合,设立卡点,${day},个\n`;
    const report = await core.import({ files: [{ name: `d${day}.csv`, bytes: new Uint8Array(Buffer.from(csv)) }] });
    expect(report.ok).toBe(true);
    return core.undo({ batchId: report.files[0]!.batchId! }).backup!;
  } finally {
    ws.close();
  }
}

describe('leftovers of a killed backup', () => {
  it('a backup killed midway leaves no .bak; its partial copy is removed on the next open and never counted', async () => {
    const dir = tempDir();
    const path = join(dir, '临汾市.db');
    openWorkspace(path).close();
    // Large enough that the copy takes a while: 160 MB of incompressible pages.
    const db = new Database(path);
    db.exec('CREATE TABLE pad (x BLOB)');
    const pad = db.prepare('INSERT INTO pad VALUES (randomblob(1048576))');
    db.transaction(() => {
      for (let i = 0; i < 160; i++) pad.run();
    })();
    db.close();

    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test', 'support', 'backup-child.ts'), path], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    // Killed as soon as its copy has grown past 1 MB, long before it is complete.
    const partialNow = () => readdirSync(dir).find((f) => /\.bak\.partial-\d+$/.test(f) && statSync(join(dir, f)).size > 1 << 20);
    const started = Date.now();
    while (!partialNow() && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 5));
    expect(partialNow()).toBeDefined();
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(out).not.toContain('done');

    const left = readdirSync(dir).filter((f) => f.includes('.bak'));
    expect(left.some((f) => /\.bak\.partial-\d+$/.test(f))).toBe(true);
    expect(left.filter((f) => f.endsWith('.bak'))).toEqual([]);
    expect(listBackups(path)).toEqual([]);

    // The next open cleans up; an undo then keeps exactly its own complete backup.
    openWorkspace(path).close();
    expect(readdirSync(dir).filter((f) => f.includes('.bak'))).toEqual([]);
    const taken = await importAndUndo(path, 3);
    expect(listBackups(path)).toEqual([taken]);
    expect(isCompleteBackup(taken)).toBe(true);
  }, 180_000);

  it('hand-made leftovers (empty and truncated .bak, journals, a dead process’s partial copy) are removed and not counted among the 5 kept', async () => {
    const dir = tempDir();
    const path = join(dir, '吕梁市.db');
    const taken: string[] = [];
    for (let day = 1; day <= KEEP_BACKUPS; day++) taken.push(await importAndUndo(path, day));
    expect(listBackups(path)).toEqual(taken);

    // Newer than every real backup, so that a name-sorted count would keep them and drop real ones.
    const late = (suffix: string) => join(dir, `吕梁市.db.29990101T000000000Z.before-undo-${suffix}`);
    writeFileSync(late('90.bak'), '');
    copyFileSync(taken[0]!, late('91.bak'));
    truncateSync(late('91.bak'), statSync(taken[0]!).size - 4096);
    writeFileSync(late('91.bak-journal'), 'journal');
    copyFileSync(taken[0]!, late('92.bak.partial-999999999'));
    writeFileSync(late('92.bak.partial-999999999-journal'), 'journal');
    // A partial copy of a process that is running (this one) is not touched.
    writeFileSync(late(`93.bak.partial-${process.ppid}`), 'in progress');

    openWorkspace(path).close();
    expect(readdirSync(dir).filter((f) => f.includes('29990101'))).toEqual([
      `吕梁市.db.29990101T000000000Z.before-undo-93.bak.partial-${process.ppid}`,
    ]);
    expect(listBackups(path)).toEqual(taken);

    // One more undo: the oldest real backup goes, the other four and the new one stay.
    const newest = await importAndUndo(path, 6);
    expect(listBackups(path)).toEqual([...taken.slice(1), newest]);
    for (const b of listBackups(path)) expect(isCompleteBackup(b)).toBe(true);
  }, 120_000);
});
