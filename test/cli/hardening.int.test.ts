// The command line against hostile or mistyped input: a read command on a missing path creates
// nothing and says so; text from a return (file names, cell values) reaches the terminal as
// visible characters, never as escape sequences that move the cursor or recolour the screen.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/temp-db';
import { runCli } from '../support/cli';
import { formatTable, terminalText } from '../../electron/cli/print';
import { main } from '../../electron/cli/main';
import { vi } from 'vitest';

const ESC = '\u001b';

describe('read commands never create a database', () => {
  it('info, catalogue, query, completeness, anomalies, report, template and undo on a missing file: exit 1, no file', async () => {
    const dir = tempDir();
    const missing = join(dir, '不存在.db');
    const out = join(dir, 'out.docx');
    for (const args of [
      ['info'],
      ['info', '--format', 'json'],
      ['catalogue'],
      ['query', '--indicator', '出动车辆'],
      ['completeness', '--from', '2023-07-01', '--to', '2023-07-03'],
      ['anomalies', '--from', '2023-07-01', '--to', '2023-07-03'],
      ['report', '--type', 'briefing', '--format', 'docx', '--out', out],
      ['template', '--region', '太原市', '--from', '2023-07-01', '--to', '2023-07-03', '--out', join(dir, 't.xlsx')],
      ['undo', '1'],
    ]) {
      // In process (a spawn per command is slow on this machine); one spawned run below.
      const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
      const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      let code: number;
      let printed: string[];
      let errors: string[];
      try {
        code = await main([args[0]!, '--db', missing, ...args.slice(1)]);
      } finally {
        printed = stdout.mock.calls.map((c) => String(c[0]));
        errors = stderr.mock.calls.map((c) => String(c[0]));
        stdout.mockRestore();
        stderr.mockRestore();
      }
      expect(code, args.join(' ')).toBe(1);
      expect(printed).toEqual([]);
      expect(errors).toEqual([`错误: 数据库文件不存在：${missing}\n`]);
    }
    // Nothing at all was written: no database, no -wal/-shm, no report.
    expect(readdirSync(dir)).toEqual([]);
    // A missing folder as well: not created.
    const deeper = join(dir, 'none', 'x.db');
    const spawned = runCli(['info', '--db', deeper]);
    expect(spawned.code).toBe(1);
    expect(spawned.stderr).toBe(`错误: 数据库文件不存在：${deeper}\n`);
    expect(existsSync(join(dir, 'none'))).toBe(false);
  });

  it('import still creates a new empty database, which info then reads', () => {
    const dir = tempDir();
    const db = join(dir, 'new.db');
    const file = join(dir, 'jinzhong.csv');
    writeFileSync(file, '日期,地区,部门,指标,数值\n2024-06-03,晋中市榆次区,综合,出动民警辅警,7\n');
    expect(runCli(['import', '--db', db, file]).code).toBe(0);
    const info = runCli(['info', '--db', db, '--format', 'json']);
    expect(info.code).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({ facts: 1, from: '2024-06-03', to: '2024-06-03' });
  });
});

describe('text from a return is shown, not obeyed, by the terminal', () => {
  it('terminalText makes C0/C1 controls, DEL and bidi overrides visible; plain text is untouched', () => {
    expect(terminalText(`${ESC}[31m红${ESC}[0m`)).toBe('\\u001b[31m红\\u001b[0m');
    expect(terminalText('a\nb\rc\td')).toBe('a\\nb\\rc\\td');
    expect(terminalText('a\nb\u0007', { keepNewlines: true })).toBe('a\nb\\u0007');
    expect(terminalText('\u009b2J\u007f\u202e')).toBe('\\u009b2J\\u007f\\u202e');
    expect(terminalText('阳泉市郊区 2023-07-07 −5%')).toBe('阳泉市郊区 2023-07-07 −5%');
    const table = formatTable(['地区', '数值'], [[`${ESC}[2J朔州\n市`, 3]], [false, true]);
    expect(table).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(table.split('\n')).toHaveLength(3);
    expect(table).toContain('\\u001b[2J朔州\\n市');
  });

  it('a return whose file name and 地区 cell hold ESC[31m and a line break: import errors, import and info print them escaped', () => {
    const dir = tempDir();
    const db = join(dir, 'returns.db');
    const name = `运城${ESC}[31m\n伪造行.csv`;
    const bad = join(dir, name);
    writeFileSync(bad, `日期,地区,部门,指标,数值,备注\n2024-06-04,"临汾${ESC}[31m\n市",综合,出动民警辅警,4,"注${ESC}[0m"\n`);
    const rejected = runCli(['import', '--db', db, bad]);
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).not.toContain(ESC);
    expect(rejected.stderr).toContain('临汾\\u001b[31m\\n市');
    expect(rejected.stderr).toContain('运城\\u001b[31m\\n伪造行.csv');
    // No line of the error output starts with the forged text: the break inside the name is shown as \n.
    expect(rejected.stderr.split('\n').some((line) => line.startsWith('伪造行') || line.startsWith('市'))).toBe(false);

    writeFileSync(bad, `日期,地区,部门,指标,数值,备注\n2024-06-04,运城市盐湖区,综合,出动民警辅警,4,"注${ESC}[0m\n"\n`);
    const imported = runCli(['import', '--db', db, bad]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).not.toContain(ESC);
    expect(imported.stdout).toMatch(/^.*运城\\u001b\[31m\\n伪造行\.csv: 已导入为批次 1：1 条（按 UTF-8 编码读取）\n$/);
    const info = runCli(['info', '--db', db]);
    expect(info.code).toBe(0);
    expect(info.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(info.stdout).toContain('运城\\u001b[31m\\n伪造行.csv');
  });
});

describe('the SQL fallback for a database too large for the cube is said, not silent', () => {
  it('with the bound forced low, info says engine sql with the reason, stderr says it once, and answers stay the same', async () => {
    const { openWorkspace } = await import('../../electron/store/workspace');
    const { createCoreEntry } = await import('../../electron/core/entry');
    const dir = tempDir();
    const ws = openWorkspace(join(dir, 'bound.db'));
    try {
      const csv = '日期,地区,部门,指标,数值\n2024-05-20,长治市潞州区,综合,出动民警辅警,9\n2024-05-21,长治市潞州区,综合,出动民警辅警,6\n';
      const imported = await createCoreEntry(ws).import({
        files: [{ name: 'changzhi.csv', bytes: new TextEncoder().encode(csv) }],
        replace: false,
        rejects: false,
      });
      expect(imported.ok).toBe(true);
      const query = { from: '2024-05-20', to: '2024-05-21', regions: [], departments: [], indicators: ['综合/出动民警辅警'], by: [] };

      const fast = createCoreEntry(ws);
      expect(fast.info({}).engine).toEqual({ kind: 'cube', reason: null });
      const fastTotal = fast.query(query).total.value;

      const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      process.env.CAMPAIGN_MAX_CUBE_CELLS = '10';
      let logged: string[];
      try {
        const slow = createCoreEntry(ws);
        const info = slow.info({});
        expect(info.engine.kind).toBe('sql');
        expect(info.engine.reason).toMatch(/超过内存汇总上限.*上限 10）/);
        expect(slow.query(query).total.value).toBe(fastTotal);
        createCoreEntry(ws).info({}); // a second engine on the same file: not logged again
      } finally {
        delete process.env.CAMPAIGN_MAX_CUBE_CELLS;
        logged = stderr.mock.calls.map((c) => String(c[0]));
        stderr.mockRestore();
      }
      expect(fastTotal).toBe(15);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toContain('查询改由数据库逐次计算');
    } finally {
      ws.close();
    }
  });
});
