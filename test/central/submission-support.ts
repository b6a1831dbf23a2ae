// What the 报送 tests share: accounts of several roles on a fresh database, a server in this
// process, uploads with X-File-Name, and return files in every import format.
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { call, type ApiAnswer } from './support';

export const PASSWORDS = {
  analyst: '分析-口令-3318q',
  analyst2: '分析二-口令-5521w',
  yangquan: '阳泉报送-口令-0071',
  jincheng: '晋城报送-口令-6620',
  inspector: '督导晋城-口令-4410',
} as const;

export async function login(base: string, name: string, password: string): Promise<string> {
  const r = await call(base, 'POST', '/api/login', { body: { name, password } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.token as string;
}

/** POST /api/submissions with a raw body. `rawName`: the X-File-Name header exactly as given. */
export async function upload(
  base: string,
  token: string,
  name: string,
  bytes: Uint8Array,
  options: { replace?: boolean; rawName?: string } = {},
): Promise<ApiAnswer> {
  const res = await fetch(`${base}/api/submissions${options.replace ? '?replace=1' : ''}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/octet-stream',
      'x-file-name': options.rawName ?? encodeURIComponent(name),
    },
    body: new Uint8Array(bytes), // a copy on an ArrayBuffer of its own, as fetch wants
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Record<string, unknown>, headers: res.headers };
}

export function csv(lines: string[]): Buffer {
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}

export function gbk(lines: string[]): Buffer {
  return execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: lines.join('\r\n') + '\r\n' });
}

export async function xlsx(sheets: { name: string; rows: ExcelJS.CellValue[][] }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((row, i) =>
      row.forEach((value, c) => {
        if (value !== null && value !== undefined) ws.getCell(i + 1, c + 1).value = value;
      }),
    );
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const LONG_HEADER = '日期,地区,部门,指标,数值,单位,备注';
