// Another program writes the file the window has open (a CLI import, then an undo, in processes of
// their own): the core's next answer holds their figures, and dataStatus tells the page.
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CoreClient } from '../../electron/core/core-client';
import { runCli } from '../support/cli';
import { tempDir } from '../support/temp-db';
import { send } from '../support/send';

const clients: CoreClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

/** `campaign …` in a process of its own, which must succeed quietly: its stdout. */
function cli(...args: string[]) {
  const r = runCli(args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

describe('writes by another program', () => {
  it('are in the next answer, and bump the data generation (own writes do not)', async () => {
    const dir = tempDir();
    const db = join(dir, 'shared.db');
    const core = new CoreClient({ dbPath: db, home: join(dir, 'home') });
    clients.push(core);
    await core.ready;
    const week = { from: '2024-08-05', to: '2024-08-11', by: ['region:city' as const], indicators: ['综合/出动民警辅警'] };
    const values = async () => {
      const outcome = await send(core, 'query', week);
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.result.rows.map((r) => [r.region_name, r.value]);
    };
    const generation = async () => {
      const outcome = await send(core, 'dataStatus', {});
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.result.generation;
    };

    // The window's own import: its engine is reset by the write itself; no external generation.
    const own = '日期,地区,部门,指标,数值\n2024-08-06,晋中市榆次区,综合,出动民警辅警,23\n';
    expect((await send(core, 'import', { files: [{ name: 'jinzhong.csv', bytes: new Uint8Array(Buffer.from(own)) }] })).ok).toBe(true);
    expect(await values()).toEqual([['晋中市', 23]]);
    expect(await generation()).toBe(0);

    const file = join(dir, 'yuncheng.csv');
    writeFileSync(
      file,
      '日期,地区,部门,指标,数值\n2024-08-07,运城市盐湖区,综合,出动民警辅警,36\n2024-08-08,运城市永济市,综合,出动民警辅警,9\n',
    );
    expect(cli('import', '--db', db, file)).toMatch(/已导入为批次 2：2 条/);
    expect(await values()).toEqual([
      ['晋中市', 23],
      ['运城市', 45],
    ]);
    expect(await generation()).toBe(1);
    // Nothing else wrote: the same generation, the same answer.
    expect(await generation()).toBe(1);

    cli('undo', '--db', db, '2');
    expect(await values()).toEqual([['晋中市', 23]]);
    expect(await generation()).toBe(2);
  });
});
