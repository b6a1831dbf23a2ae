// Demo data kept apart from real data: a new database is empty; only demo.db gets the demo; the
// open database is switched through the core worker's session with its paths checked; a demo
// database says so in `info`, the CLI and on the first page, sheet or line of every report
// format; the web mode keeps its token (0600) and its port; undo keeps the last 5 backups.
import { parseOperationInput, tryParseOperationInput } from '../../shared/api/parse-input';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { describe, expect, inject, it } from 'vitest';
import { CoreClient } from '../../electron/core/core-client';
import { openWorkspace, type Workspace } from '../../electron/store/workspace';
import { createCoreEntry } from '../../electron/core/entry';
import { buildReport } from '../../electron/reports/index';
import { DEFAULT_WEB_PORT, startWebMode } from '../../electron/web/web-main';
import { KEEP_BACKUPS, listBackups } from '../../electron/store/backup';
import { DEMO_MARK } from '../../shared/demo';
import type { DataInfo } from '../../shared/api/operations';
import type { ReportFormat } from '../../shared/api/report';
import { tempDir } from '../support/temp-db';
import { runCli } from '../support/cli';
import { docxParagraphs, pdfText, unzip } from '../reports/helpers';

const mode = (path: string) => statSync(path).mode & 0o777;

/** A database with a few real-looking returns (no demo batch): days and values not from the issue. */
async function smallRealDatabase(path: string, days = 3): Promise<Workspace> {
  const ws = openWorkspace(path);
  const lines = ['日期,地区,部门,指标,数值,单位'];
  for (let d = 1; d <= days; d++) lines.push(`2024-08-1${d},临汾市尧都区,综合,抓获现行违法犯罪人员,${d * 7},名`);
  await createCoreEntry(ws).import({ files: [{ name: 'returns.csv', bytes: new Uint8Array(Buffer.from(lines.join('\n'))) }] });
  return ws;
}

describe('the core worker session: choosing the database', () => {
  it('starts with none, creates new files empty, checks every path, reopens, and remembers the last one', async () => {
    const dir = tempDir();
    const home = join(dir, 'home');
    const core = new CoreClient({ dbPath: null, home });
    try {
      expect(await core.call('workspace', parseOperationInput('workspace', {}))).toEqual({
        ok: true,
        result: { path: null, fileName: null, demo: false, homeFolder: home, bundle: null },
      });
      const none = await core.call('info', parseOperationInput('info', {}));
      expect(none.ok).toBe(false);
      if (!none.ok) expect(none.error).toMatchObject({ user: true, message: expect.stringContaining('尚未打开数据库') });

      const refused = async (op: 'createDatabase' | 'openDatabase', path: string, words: string) => {
        // Refused where the call enters (the path's form) or by the core (the file itself).
        const parsed = tryParseOperationInput(op, { path });
        const r = parsed.ok ? await core.call(op, parsed.input) : parsed;
        expect(r.ok, path).toBe(false);
        if (!r.ok) expect(r.error, path).toMatchObject({ user: true, message: expect.stringContaining(words) });
      };
      await refused('createDatabase', 'relative/x.db', '请填写完整路径');
      await refused('createDatabase', join(dir, 'x.sqlite'), '.db 结尾');
      await refused('createDatabase', join(dir, 'no-such-folder', 'x.db'), '文件夹不存在');
      await refused('openDatabase', join(dir, 'missing.db'), '数据库文件不存在');
      writeFileSync(join(dir, 'notes.db'), '这不是数据库');
      await refused('openDatabase', join(dir, 'notes.db'), '不是 SQLite 文件');
      const foreign = new Database(join(dir, 'foreign.db'));
      foreign.exec('CREATE TABLE t (x)');
      foreign.close();
      await refused('openDatabase', join(dir, 'foreign.db'), '其他程序的 SQLite 数据库');

      const fresh = join(dir, '晋中市返回.db');
      const created = await core.call('createDatabase', parseOperationInput('createDatabase', { path: fresh }));
      expect(created).toEqual({
        ok: true,
        result: { path: fresh, fileName: '晋中市返回.db', demo: false, homeFolder: home, bundle: null, changed: ['database'] },
      });
      const info = (await core.call('info', parseOperationInput('info', {}))) as { ok: true; result: DataInfo };
      expect(info.result).toMatchObject({ path: fresh, facts: 0, demo: false, batches: [] });
      await refused('createDatabase', fresh, '文件已存在');

      // Remembered, privately.
      expect(JSON.parse(readFileSync(join(home, 'settings.json'), 'utf8'))).toEqual({ lastDatabase: fresh });
      expect(mode(join(home, 'settings.json'))).toBe(0o600);
      expect(mode(home)).toBe(0o700);

      // A copy of the demo is a demo database wherever it lies; a failed switch keeps it open.
      const copy = join(dir, 'copy.db');
      copyFileSync(inject('demoDb'), copy);
      expect(await core.call('openDatabase', parseOperationInput('openDatabase', { path: copy }))).toMatchObject({
        ok: true,
        result: { path: copy, demo: true },
      });
      expect(await core.call('info', parseOperationInput('info', {}))).toMatchObject({
        ok: true,
        result: { demo: true, facts: 1_279_488 },
      });
      await refused('openDatabase', join(dir, 'foreign.db'), '其他程序');
      expect(await core.call('workspace', parseOperationInput('workspace', {}))).toMatchObject({ ok: true, result: { path: copy } });

      // Back to the new file: still empty.
      expect(await core.call('openDatabase', parseOperationInput('openDatabase', { path: fresh }))).toMatchObject({
        ok: true,
        result: { demo: false },
      });
      expect(
        await core.call(
          'query',
          parseOperationInput('query', { from: '2023-07-01', to: '2023-07-31', indicators: ['设立卡点'], by: ['region:city'] }),
        ),
      ).toMatchObject({ ok: true, result: { rows: [] } });
    } finally {
      await core.close();
    }
  }, 120_000);

  it('opens the demo database of the per-user folder when asked, not the remembered one', async () => {
    const dir = tempDir();
    const home = join(dir, 'home');
    mkdirSync(home);
    copyFileSync(inject('demoDb'), join(home, 'demo.db'));
    const core = new CoreClient({ dbPath: null, demo: true, home });
    try {
      expect(await core.call('workspace', parseOperationInput('workspace', {}))).toMatchObject({
        ok: true,
        result: { path: join(home, 'demo.db'), fileName: 'demo.db', demo: true },
      });
    } finally {
      await core.close();
    }
  }, 60_000);
});

describe('the CLI and demo data', () => {
  it('info never creates a --db file; the default campaign.db is refused the demo', () => {
    const dir = tempDir();
    const env = { CAMPAIGN_HOME: join(dir, 'home') };
    const fresh = join(dir, 'new.db');
    const info = runCli(['info', '--db', fresh, '--format', 'json'], { env: env });
    expect(info.code).toBe(1);
    expect(info.stderr).toContain('数据库文件不存在');
    expect(existsSync(fresh)).toBe(false);

    const real = join(dir, 'home', 'campaign.db');
    const refused = runCli(['demo', '--db', real], { env: env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('演示数据不写入正式数据库');
    // The refused demo wrote nothing: not even an empty campaign.db.
    expect(existsSync(real)).toBe(false);
  }, 180_000);

  it('says 演示数据 for a demo database: info, the table output, stderr beside a clean CSV', async () => {
    const demo = inject('demoDb');
    const info = runCli(['info', '--db', demo, '--format', 'json']);
    expect(JSON.parse(info.stdout)).toMatchObject({ demo: true });
    expect(runCli(['info', '--db', demo]).stdout).toContain(`【${DEMO_MARK}】`);

    const args = [
      'query',
      '--db',
      demo,
      '--from',
      '2023-08-02',
      '--to',
      '2023-08-05',
      '--indicator',
      '查处酒驾醉驾',
      '--by',
      'region:city',
    ];
    const table = runCli(args);
    expect(table.stdout.split('\n')[0]).toBe(`【${DEMO_MARK}】`);
    const csv = runCli([...args, '--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout).not.toContain(DEMO_MARK);
    expect(csv.stderr).toContain(DEMO_MARK);

    const dir = tempDir();
    const real = join(dir, 'real.db');
    (await smallRealDatabase(real)).close();
    const plain = runCli([
      'query',
      '--db',
      real,
      '--from',
      '2024-08-11',
      '--to',
      '2024-08-13',
      '--by',
      'day',
      '--indicator',
      '抓获现行违法犯罪人员',
      '--format',
      'csv',
    ]);
    expect(plain.stderr).toBe('');
    expect(runCli(['info', '--db', real]).stdout).not.toContain(DEMO_MARK);
  }, 240_000);
});

describe('reports of a demo database say 演示数据 first', () => {
  const request = (format: ReportFormat) => ({
    type: 'table' as const,
    format,
    from: '2023-08-20',
    to: '2023-08-26',
    regions: ['运城市'],
    departments: [],
    indicators: ['交警/查处酒驾醉驾', '综合/设立卡点'],
    by: ['region:county' as const, 'indicator' as const],
  });

  async function firstWords(ws: Workspace, format: ReportFormat, dir: string): Promise<string> {
    const file = await buildReport(ws, request(format));
    switch (format) {
      case 'pdf': {
        const path = join(dir, 'first-page.pdf');
        writeFileSync(path, file.bytes);
        const first = spawnSync('pdftotext', ['-enc', 'UTF-8', '-f', '1', '-l', '1', path, '-'], { encoding: 'utf8' }).stdout;
        expect(pdfText(file.bytes, dir).compact.length).toBeGreaterThan(0);
        return first.replace(/\s+/g, '');
      }
      case 'docx': {
        const xml = await (await unzip(file.bytes)).file('word/document.xml')!.async('string');
        return docxParagraphs(xml).find((p) => p.trim() !== '') ?? '';
      }
      case 'xlsx': {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer);
        const first = wb.worksheets[0]!;
        return `${first.name}|${String(first.getCell('A1').value ?? '')}`;
      }
      case 'csv':
        return new TextDecoder()
          .decode(file.bytes)
          .replace(/^\uFEFF/, '')
          .split('\r\n')[0]!;
    }
  }

  it('PDF (first page), DOCX (first paragraph), XLSX (first sheet), CSV (first line); none of it for real data', async () => {
    const dir = tempDir();
    const demo = openWorkspace(inject('demoDb'), { readonly: true });
    const real = await smallRealDatabase(join(dir, 'real.db'));
    try {
      const formats: ReportFormat[] = ['pdf', 'docx', 'xlsx', 'csv'];
      for (const format of formats) {
        const words = await firstWords(demo, format, dir);
        expect(words, format).toContain(DEMO_MARK);
        if (format === 'xlsx') expect(words).toBe(`演示数据|${DEMO_MARK}`);
        if (format === 'csv') expect(words).toBe(DEMO_MARK);
        const plain = await firstWords(real, format, dir);
        expect(plain, format).not.toContain('演示数据');
      }
      // The rest of the report is unchanged: the data table still follows in the CSV.
      const csv = new TextDecoder().decode((await buildReport(demo, request('csv'))).bytes);
      expect(csv.split('\r\n')[1]).toMatch(/^地区/);
    } finally {
      demo.close();
      real.close();
    }
  }, 120_000);
});

describe('web mode: token and port', () => {
  function rendererDir(dir: string): string {
    const r = join(dir, 'renderer');
    mkdirSync(r);
    writeFileSync(join(r, 'index.html'), '<!doctype html><title>t</title>');
    return r;
  }

  it('keeps the token in the per-user folder (0600, folder 0700) across starts; newToken rotates it', async () => {
    const dir = tempDir();
    const home = join(dir, 'home');
    const renderer = rendererDir(dir);
    const db = join(dir, 'web.db');
    const start = async (newToken = false) => {
      const w = await startWebMode({ db, port: 0, home, rendererDir: renderer, newToken });
      const token = w.server.token;
      const status = async (t: string) =>
        (await fetch(`${w.server.origin}/api/call/info`, { method: 'POST', headers: { 'x-campaign-token': t } })).status;
      return { w, token, status };
    };
    const a = await start();
    expect(a.w.dbPath).toBe(db);
    expect(await a.w.core.call('info', parseOperationInput('info', {}))).toMatchObject({ ok: true, result: { facts: 0, demo: false } });
    await a.w.server.close();
    await a.w.core.close();
    expect(mode(join(home, 'web-token'))).toBe(0o600);
    expect(mode(home)).toBe(0o700);
    expect(readFileSync(join(home, 'web-token'), 'utf8').trim()).toBe(a.token);

    const b = await start();
    expect(b.token).toBe(a.token);
    expect(await b.status(a.token)).toBe(200);
    await b.w.server.close();
    await b.w.core.close();

    const c = await start(true);
    expect(c.token).not.toBe(a.token);
    expect(readFileSync(join(home, 'web-token'), 'utf8').trim()).toBe(c.token);
    expect(await c.status(a.token)).toBe(401);
    expect(await c.status(c.token)).toBe(200);
    await c.w.server.close();
    await c.w.core.close();
  }, 120_000);

  it(`uses port ${DEFAULT_WEB_PORT} when it is free, another one with a notice when it is taken`, async () => {
    const dir = tempDir();
    const home = join(dir, 'home');
    const renderer = rendererDir(dir);
    const db = join(dir, 'web.db');
    // Hold the default port (if something else holds it already, it is taken all the same).
    const blocker = createServer();
    const held = await new Promise<boolean>((resolve) => {
      blocker.once('error', () => resolve(false));
      blocker.listen(DEFAULT_WEB_PORT, '127.0.0.1', () => resolve(true));
    });
    const taken = await startWebMode({ db, home, rendererDir: renderer });
    expect(taken.server.port).not.toBe(DEFAULT_WEB_PORT);
    expect(taken.portNotice).toContain(`默认端口 ${DEFAULT_WEB_PORT} 已被占用`);
    await taken.server.close();
    await taken.core.close();
    if (held) {
      await new Promise((resolve) => blocker.close(resolve));
      const free = await startWebMode({ db, home, rendererDir: renderer });
      expect(free.server.port).toBe(DEFAULT_WEB_PORT);
      expect(free.portNotice).toBeNull();
      expect(free.server.url).toBe(`http://127.0.0.1:${DEFAULT_WEB_PORT}/?token=${free.server.token}`);
      await free.server.close();
      await free.core.close();
    }
  }, 120_000);
});

describe('backups before undo', () => {
  it(`keeps the last ${KEEP_BACKUPS} complete backups per database: 6 undos leave 5; an empty leftover does not count`, async () => {
    const dir = tempDir();
    const path = join(dir, '忻州市.db');
    const ws = openWorkspace(path);
    try {
      const core = createCoreEntry(ws);
      // A copy cut short by an earlier crash: empty, older than everything.
      const leftover = join(dir, '忻州市.db.20200101T000000000Z.before-undo-99.bak');
      writeFileSync(leftover, '');
      const taken: string[] = [];
      for (let i = 1; i <= 6; i++) {
        const csv = `日期,地区,部门,指标,数值,单位\n2024-09-0${i},忻州市忻府区,综合,设立卡点,${i + 10},个\n`;
        const report = await core.import({ files: [{ name: `day${i}.csv`, bytes: new Uint8Array(Buffer.from(csv)) }] });
        expect(report.ok).toBe(true);
        const undone = core.undo({ batchId: report.files[0]!.batchId! });
        expect(undone.backup).not.toBeNull();
        taken.push(undone.backup!);
      }
      const kept = listBackups(path);
      expect(kept).toEqual(taken.slice(1));
      for (const b of kept) expect(statSync(b).size).toBeGreaterThan(0);
      expect(readdirSync(dir).filter((f) => f.endsWith('.bak'))).toHaveLength(KEEP_BACKUPS);
      // Each backup is a real database holding the batch it was taken before.
      const last = new Database(kept.at(-1), { readonly: true });
      expect(last.prepare('SELECT COUNT(*) FROM fact').pluck().get()).toBe(1);
      last.close();
    } finally {
      ws.close();
    }
  }, 60_000);
});
