import { describe, expect, it } from 'vitest';
import { FormulaWithoutResult, parseDate, parseValue, unitMatches } from '../../electron/ingest/cell-values';
import { parseIsoDay } from '../../shared/dates';
import { unitRule } from '../../shared/units';

const JULY_7 = parseIsoDay('2023-07-07')!;

describe('parseDate', () => {
  it.each([
    '2023-07-07',
    '2023/7/7',
    '2023年7月7日',
    '2023年07月07日',
    '20230707',
    '2023.7.7',
    ' 2023-7-7 ',
    '２０２３年７月７日',
    '2023-07-07 00:00:00',
    '2023/7/7 8:30',
    '45114',
  ])('reads %j', (text) => {
    expect(parseDate(text)).toBe(JULY_7);
  });

  it('reads Excel dates (their UTC calendar date), serial numbers and yyyymmdd numbers', () => {
    expect(parseDate(new Date(Date.UTC(2023, 6, 7)))).toBe(JULY_7);
    expect(parseDate(new Date(Date.UTC(2023, 6, 7, 18, 30)))).toBe(JULY_7);
    expect(parseDate(45114)).toBe(JULY_7);
    expect(parseDate(45114.75)).toBe(JULY_7);
    expect(parseDate(20230707)).toBe(JULY_7);
  });

  it('refuses impossible and unknown dates with a reason', () => {
    expect(parseDate('2023-02-30')).toMatch(/不存在/);
    expect(parseDate('20230230')).toMatch(/不存在/);
    expect(parseDate('2023-13-01')).toMatch(/不存在/);
    expect(parseDate('7/7/2023')).toMatch(/年份须写在前面/);
    expect(parseDate('昨天')).toMatch(/无法识别日期/);
    expect(parseDate('')).toBe('日期为空');
    expect(parseDate(null)).toBe('日期为空');
    expect(parseDate(12)).toMatch(/无法识别日期/);
    expect(parseDate(new FormulaWithoutResult('TODAY()'))).toMatch(/公式/);
  });
});

describe('parseValue', () => {
  const whole = unitRule('人次');
  const gram = unitRule('克');
  const wan = unitRule('万元');

  it('reads plain, grouped and full-width numbers', () => {
    expect(parseValue('1234', whole, '人次')).toBe(1234);
    expect(parseValue('1,234', whole, '人次')).toBe(1234);
    expect(parseValue('1，234', whole, '人次')).toBe(1234);
    expect(parseValue('１２３４', whole, '人次')).toBe(1234);
    expect(parseValue(' 12 ', whole, '人次')).toBe(12);
    expect(parseValue('12.0', whole, '人次')).toBe(12);
    expect(parseValue('0', whole, '人次')).toBe(0);
    expect(parseValue('12.345', gram, '克')).toBe(12.345);
    expect(parseValue('1,234.5', gram, '克')).toBe(1234.5);
    expect(parseValue('12.50', wan, '万元')).toBe(12.5);
    expect(parseValue(27.3, gram, '克')).toBe(27.3);
    expect(parseValue(0.1 + 0.2, gram, '克')).toBe(0.3);
    expect(parseValue(1.2e5, whole, '人次')).toBe(120000);
  });

  it('refuses negative, non-numeric, fractional whole-unit values and too many decimals', () => {
    expect(parseValue('-5', whole, '人次')).toMatch(/负数/);
    expect(parseValue(-5, whole, '人次')).toMatch(/负数/);
    expect(parseValue('abc', whole, '人次')).toMatch(/不是数字/);
    expect(parseValue('12.5', whole, '人次')).toMatch(/只能填整数/);
    expect(parseValue(12.5, whole, '人次')).toMatch(/只能填整数/);
    expect(parseValue('1.2345', gram, '克')).toMatch(/最多保留3位小数/);
    expect(parseValue('1.234', wan, '万元')).toMatch(/最多保留2位小数/);
    expect(parseValue('12,34', whole, '人次')).toMatch(/千位分隔符/);
    expect(parseValue('', whole, '人次')).toBe('数值为空');
    expect(parseValue(null, whole, '人次')).toBe('数值为空');
    expect(parseValue(new Date(0), whole, '人次')).toMatch(/是日期/);
  });
});

describe('unitMatches', () => {
  it('compares after normalising width and spaces', () => {
    expect(unitMatches('人次', '人次')).toBe(true);
    expect(unitMatches(' 人 次 ', '人次')).toBe(true);
    expect(unitMatches('千克', '克')).toBe(false);
  });
});
