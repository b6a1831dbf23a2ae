// `campaign query` with part of a region selected prints the part as the slice does
// (slice-partial-regions.test.ts), in the table, the CSV and the JSON.
import { describe, expect, inject, it } from 'vitest';
import type { SliceResult } from '../../shared/api/slice';
import { runCli } from '../support/cli';
import { city, countiesOf, FROM, INDICATOR, sliceChecked, TO, useCheckedSlices } from './checked-slices';

useCheckedSlices();

describe('campaign query with part of a city', () => {
  it('prints the part in the table, the CSV and the JSON', () => {
    const db = inject('demoDb');
    const dt = city('大同市');
    const county = countiesOf(dt)[3]!;
    const run = (...args: string[]) => {
      const r = runCli([
        'query',
        '--db',
        db,
        '--from',
        FROM,
        '--to',
        TO,
        '--indicator',
        INDICATOR,
        '--region',
        county.name,
        '--region',
        '晋中市',
        ...args,
      ]);
      // The demo database: at most a one-line notice on stderr (CSV keeps stdout pure data).
      expect(r.stderr).toMatch(/^(注意：.*为演示数据（非真实数据）\n)?$/);
      return r.stdout;
    };
    const expected = sliceChecked([county.code, '晋中市'], ['region:city'], { regions: [county.code, city('晋中市').code] });
    const dtValue = expected.rows.find((r) => r.region_code === dt.code)!.value!;
    expect(run('--by', 'region:city')).toMatch(new RegExp(`${dt.code}\\s+大同市（${county.name}）\\s+台次\\s+${dtValue}\\b`));
    const csv = run('--by', 'region:county', '--format', 'csv').split('\r\n');
    expect(csv[0]).toBe('region_code,region_name,city_code,city_name,unit,value');
    expect(csv).toContain(
      `${county.code},${county.name},${dt.code},大同市,台次,${expected.rows.find((r) => r.region_code === dt.code)!.value}`,
    );
    const json = JSON.parse(run('--by', 'region:city', '--format', 'json')) as SliceResult;
    expect(json.rows.find((r) => r.region_code === dt.code)).toMatchObject({
      region_name: `大同市（${county.name}）`,
      region_scope: [county.code],
    });
    expect(json.total).toMatchObject({ region_name: `山西省（${county.name}、晋中市）`, region_scope: [county.code, city('晋中市').code] });
  }, 300_000);
});
