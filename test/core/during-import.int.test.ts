// Queries through the core worker while it imports a large return: they are answered during the
// import (timestamps), from the last committed state (the figures before the import), and the
// import's figures are there as soon as it has answered. Writes sent meanwhile wait for it.
import { describe, expect, inject, it } from 'vitest';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { CoreClient } from '../../electron/core/core-client';
import { openWorkspace } from '../../electron/store/workspace';
import type { CallOutcome } from '../../shared/api/call-outcome';
import type { SliceResult } from '../../shared/api/slice';
import type { DataInfo } from '../../shared/api/operations';
import type { ImportReport } from '../../shared/api/import';
import { isoDay } from '../../shared/dates';
import { returnsCsv, type FactTuple } from '../support/returns-csv';
import { tempDir } from '../support/temp-db';
import { send } from '../support/send';

const result = <T>(o: CallOutcome<T>): T => {
  if (!o.ok) throw new Error(o.error.message);
  return o.result;
};

describe('core worker: reads during an import', () => {
  it('answers queries while a 200k-row import runs, with the figures before it until it ends, and after it right away', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'campaign.db');
    copyFileSync(inject('demoDb'), dbPath);

    // A return of every unit × indicator on new days after the data: 200k rows and more.
    const ws = openWorkspace(dbPath, { readonly: true });
    const last = ws.db.prepare('SELECT MAX(day) FROM fact_day_column').pluck().get() as number;
    const first = ws.db.prepare('SELECT MIN(day) FROM fact_day_column').pluck().get() as number;
    const units = ws.catalogue.regions.map((r) => Number(r.code));
    const indicators = ws.catalogue.indicators;
    const facts: FactTuple[] = [];
    for (let d = last + 1; facts.length < 200_000; d++) {
      for (const u of units) for (const i of indicators) facts.push([d, u, i.id, ((d * 31 + u + i.id * 7) % 23) + 1]);
    }
    const csv = new Uint8Array(Buffer.from(returnsCsv(ws, facts)));
    ws.close();
    const watched = indicators[0]!;
    const added = facts.filter((f) => f[2] === watched.id).reduce((n, f) => n + f[3], 0);
    const lastNew = facts.at(-1)![0];
    const query = { from: isoDay(first), to: isoDay(lastNew), indicators: [watched.key], by: [] };

    const core = new CoreClient({ dbPath, home: join(dir, 'home') });
    try {
      await core.ready;
      const before = result(await send(core, 'query', query)).total.value!;
      const factsBefore = result(await send(core, 'info', {})).facts;

      const progress: number[] = [];
      const t0 = performance.now();
      let importEnded = 0;
      const importing = send(core, 'import', { files: [{ name: 'big-return.csv', bytes: csv }] }, () =>
        progress.push(performance.now()),
      ).then((o) => {
        importEnded = performance.now();
        return result(o);
      });
      // A write sent during the import waits for it (here an undo of no batch: its error comes after).
      let undoAnswered = 0;
      const undo = send(core, 'undo', { batchId: 987_654 }).then((o) => {
        undoAnswered = performance.now();
        return o;
      });
      const answers: { sent: number; answered: number; value: number | null; duringImport: boolean }[] = [];
      const infos: DataInfo[] = [];
      while (importEnded === 0) {
        const sent = performance.now();
        const value = result(await send(core, 'query', query)).total.value;
        const answered = performance.now();
        answers.push({ sent, answered, value, duringImport: importEnded === 0 });
        if (answers.length % 5 === 0 && importEnded === 0) infos.push(result(await send(core, 'info', {})));
        await new Promise((r) => setTimeout(r, 20));
      }
      const report: ImportReport = await importing;
      const after = result<SliceResult>(await send(core, 'query', query));

      expect(report.ok).toBe(true);
      expect(report.files[0]!.facts).toBe(facts.length);
      const during = answers.filter((a) => a.duringImport);
      const importMs = importEnded - t0;
      // Answered while the import was still running, each in a small part of its time.
      expect(during.length, `${during.length} answers in ${importMs.toFixed(0)} ms`).toBeGreaterThanOrEqual(5);
      for (const a of during) {
        expect(a.answered).toBeLessThan(importEnded);
        expect(a.answered - a.sent).toBeLessThan(importMs / 3);
      }
      // Progress kept coming while queries were answered.
      expect(progress.length).toBeGreaterThan(0);
      expect(progress.some((p) => p > during[0]!.answered)).toBe(true);
      // The figures before the import until it ended, from the engine and from SQL (info).
      for (const a of during) expect(a.value).toBe(before);
      for (const info of infos) expect(info.facts).toBe(factsBefore);
      // …and the import's right after it.
      expect(after.total.value).toBe(before + added);
      expect(result(await send(core, 'info', {})).facts).toBe(factsBefore + facts.length);
      const undone = await undo;
      expect(undone.ok).toBe(false);
      expect(undoAnswered).toBeGreaterThanOrEqual(importEnded);
    } finally {
      await core.close();
    }
  }, 240_000);

  it('reports rejected and conflicting imports as before and writes nothing for them; replace and undo reach the queries', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'campaign.db');
    copyFileSync(inject('demoDb'), dbPath);
    const core = new CoreClient({ dbPath, home: join(dir, 'home') });
    try {
      const factsBefore = result(await send(core, 'info', {})).facts;
      const bad = new Uint8Array(
        Buffer.from(
          '日期,地区,部门,指标,数值,单位\n2031-03-04,太原市小店区,综合,出动民警辅警,5,人次\n2031-03-04,不存在县,综合,出动民警辅警,1,人次\n',
        ),
      );
      const rejected = result(await send(core, 'import', { files: [{ name: 'bad.csv', bytes: bad }] }));
      expect(rejected.ok).toBe(false);
      expect(rejected.errors[0]).toMatchObject({ row: 3, column: '地区', value: '不存在县' });
      expect(result(await send(core, 'info', {})).facts).toBe(factsBefore);
      // The same day written by a good file, then refused as a conflict without replace.
      const good = new Uint8Array(Buffer.from('日期,地区,部门,指标,数值,单位\n2031-03-04,太原市小店区,综合,出动民警辅警,5,人次\n'));
      expect(result(await send(core, 'import', { files: [{ name: 'good.csv', bytes: good }] })).ok).toBe(true);
      const q = { from: '2031-03-04', to: '2031-03-04', regions: ['太原市小店区'], indicators: ['出动民警辅警'], by: [] };
      expect(result(await send(core, 'query', q)).total.value).toBe(5);
      const again = new Uint8Array(Buffer.from('日期,地区,部门,指标,数值,单位\n2031-03-04,太原市小店区,综合,出动民警辅警,9,人次\n'));
      const conflict = result(await send(core, 'import', { files: [{ name: 'again.csv', bytes: again.slice() }] }));
      expect(conflict.ok).toBe(false);
      expect(conflict.errors[0]!.kind).toBe('conflict');
      const replaced = result(await send(core, 'import', { files: [{ name: 'again.csv', bytes: again.slice() }], replace: true }));
      expect(replaced.ok).toBe(true);
      expect(result(await send(core, 'query', q)).total.value).toBe(9);
      const undo = result(await send(core, 'undo', { batchId: replaced.files[0]!.batchId! }));
      expect(undo.restored).toBe(1);
      expect(result(await send(core, 'query', q)).total.value).toBe(5);
    } finally {
      await core.close();
    }
  }, 120_000);
});
