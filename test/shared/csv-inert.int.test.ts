// Every CSV the product writes keeps text inert: a cell that a spreadsheet would run as a formula
// (= + - @ …) gets a leading apostrophe. The attack: a return whose file name is a formula, read
// back from the database into `campaign info --format csv` and into a report's provenance.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/temp-db';
import { runCli } from '../support/cli';
import { csvCell, inertText } from '../../shared/csv';
import { formatCsv } from '../../electron/cli/print';
import { csvCellValue } from '../../renderer/logic/grid-columns';

describe('CSV cells never become formulas', () => {
  it('text starting with = + - @, a tab or a carriage return gets an apostrophe; numbers stay numbers', () => {
    for (const t of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\t=1', '\r=1']) expect(inertText(t).startsWith("'")).toBe(true);
    for (const t of ['太原市', '1,234', '2023-07-07', 'a=b', '']) expect(inertText(t)).toBe(t);
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(formatCsv(['source', 'value'], [['=cmd|calc', -3.5]])).toBe("source,value\r\n'=cmd|calc,-3.5\r\n");
    expect(csvCellValue('label', '@SUM(1)')).toBe("'@SUM(1)");
    expect(csvCellValue('c1', -12)).toBe('-12');
  });

  it('a return whose file name is a formula is listed inert by `campaign info --format csv`', () => {
    const dir = tempDir();
    const db = join(dir, 'returns.db');
    const file = join(dir, '=HYPERLINK(1)+2.csv');
    writeFileSync(file, '日期,地区,部门,指标,数值\n2023-07-07,太原市小店区,综合,出动民警辅警,5\n');
    const imported = runCli(['import', '--db', db, file]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const info = runCli(['info', '--db', db, '--format', 'csv']);
    expect(info.code).toBe(0);
    expect(info.stdout).toContain("'=HYPERLINK(1)+2.csv");
    expect(info.stdout.split('\r\n').some((line) => line.split(',').some((cell) => /^=/.test(cell)))).toBe(false);
  }, 300_000);
});
