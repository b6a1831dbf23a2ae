// IssueList: listing caps per kind, and the rejected rows it keeps for the rejects file, carried
// across threads (snapshot → absorb) without counting a row twice.
import { describe, expect, it } from 'vitest';
import { IssueList } from '../../electron/ingest/issues';

describe('IssueList', () => {
  it('keeps reasons for the first rows, counts the rest once, across a snapshot', () => {
    const worker = new IssueList('f.xlsx', 1000, 50, 3);
    for (let row = 2; row <= 6; row++) worker.add('value', 'S', row, 'C', 'x', `bad ${row}`);
    worker.add('header', 'S', 1, 'D', 'y', 'header problem'); // not a data row
    worker.add('file', null, null, null, null, 'file problem');
    const main = new IssueList('f.xlsx', 1000, 50, 3);
    main.absorb(worker.snapshot());
    main.add('conflict', 'S', 2, 'E', '1', 'held'); // a kept row: a second reason
    main.add('conflict', 'S', 6, 'E', '1', 'held'); // a row beyond the cap: counted once
    main.add('conflict', 'S', 9, 'E', '1', 'held'); // a new row beyond the cap
    expect(main.rejectedRows).toBe(6);
    expect(main.rowsWithoutReasons).toBe(3);
    expect([...main.rows.get('S')!]).toEqual([
      [2, ['C：bad 2', 'E：held']],
      [3, ['C：bad 3']],
      [4, ['C：bad 4']],
    ]);
    expect(main.total).toBe(10);
    expect(main.counts).toEqual({ value: 5, header: 1, file: 1, conflict: 3 });
  });
});
