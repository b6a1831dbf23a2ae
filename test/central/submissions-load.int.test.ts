// A large return does not freeze the server for other users: against a server process (so the
// test's own upload does not share the server's event loop), /api/health keeps answering while a
// 10 MB return is read; a return of the worker threshold or more is read in the import's
// validation worker (its own heap bound), a small one on the server's thread.
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../electron/central/accounts';
import { migrateCentral } from '../../electron/central/schema';
import { centralResolver } from '../../electron/central/catalogue';
import { uploadTuning, validateUpload } from '../../electron/central/submission-validation';
import { call, startServerProcess, stopServerProcess, useTestDatabase } from './support';
import { csv, login, LONG_HEADER, upload } from './submission-support';

const db = useTestDatabase();
let url = '';
let token = '';
let child: ChildProcess | undefined;

beforeAll(async () => {
  await migrateCentral(db.pool());
  await addAccount(
    db.pool(),
    { name: 'jc.load', role: 'city', region: '晋城市', password: '晋城-大文件-口令-01', createdBy: 'test' },
    new Date(),
  );
  const started = await startServerProcess(['--pg', db.url(), '--port', '0']);
  url = started.url;
  child = started.child;
  token = await login(url, 'jc.load', '晋城-大文件-口令-01');
}, 90_000);

afterAll(async () => {
  if (child) await stopServerProcess(child);
});

describe('a large upload', () => {
  it('a 10 MB return is read off the event loop: another call is answered meanwhile', async () => {
    // A valid year of 晋城's returns, padded by notes to 10 MB (some 28,000 rows).
    const units = ['晋城市城区', '沁水县', '阳城县', '陵川县', '泽州县', '高平市', '晋城市本级'];
    const indicators = [
      '出动民警辅警',
      '出动车辆',
      '设立卡点',
      '盘查人员',
      '检查车辆',
      '检查行业场所',
      '巡查重点部位',
      '排查整改安全隐患',
      '抓获现行违法犯罪人员',
      '抓获在逃人员',
      '发动群防群治力量',
    ];
    const note = '核'.repeat(110);
    const lines = [LONG_HEADER];
    let size = 0;
    for (let d = 0; size < 10 * 1024 * 1024; d++) {
      const day = new Date(Date.UTC(2025, 0, 1 + Math.floor(d / indicators.length))).toISOString().slice(0, 10);
      for (const u of units) {
        const line = `${day},${u},综合,${indicators[d % indicators.length]},${d % 50},,${note}`;
        lines.push(line);
        size += Buffer.byteLength(line) + 2;
      }
    }
    const started = Date.now();
    const pending = upload(url, token, '晋城-2025全年.csv', csv(lines));
    let done = false;
    void pending.finally(() => (done = true));
    const times: number[] = [];
    while (!done) {
      const t = Date.now();
      const h = await call(url, 'GET', '/api/health');
      expect(h.status).toBe(200);
      times.push(Date.now() - t);
      await new Promise((r) => setTimeout(r, 50));
    }
    const r = await pending;
    const uploadMs = Date.now() - started;
    expect(r.body, JSON.stringify(r.body).slice(0, 600)).toMatchObject({ status: '待审核', rows: lines.length - 1 });
    // Answered while the upload was being read and stored (no time bound: CI machines are loaded).
    expect(times.length, `health ${times.join(' ')} ms during an upload of ${uploadMs} ms`).toBeGreaterThan(3);
  });

  it('reads a return of the worker threshold or more in the validation worker, a smaller one here', async () => {
    const resolver = await centralResolver(db.pool());
    const line = '2025-03-01,晋城市城区,综合,出动民警辅警,7,,';
    const small = await validateUpload('小.csv', csv([LONG_HEADER, line]), resolver);
    expect(small.inWorker).toBe(false);
    const rows = [LONG_HEADER];
    for (let d = 0; rows.join('\r\n').length < uploadTuning.workerMinBytes; d++) {
      const day = new Date(Date.UTC(2025, 0, 1 + d)).toISOString().slice(0, 10);
      for (const u of ['晋城市城区', '沁水县', '阳城县', '陵川县', '泽州县', '高平市', '晋城市本级'])
        rows.push(`${day},${u},综合,出动民警辅警,${d % 40},,${'核'.repeat(100)}`);
    }
    const large = await validateUpload('大.csv', csv(rows), resolver);
    expect(large.inWorker).toBe(true);
    expect(large.issues.total).toBe(0);
    expect(large.facts.length).toBe(rows.length - 1);
  });
});
