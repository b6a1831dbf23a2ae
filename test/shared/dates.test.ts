import { describe, expect, it } from 'vitest';
import { addYears, isoDay, isoMonth, isoWeek, parseIsoDay } from '../../shared/dates';

const d = (s: string) => parseIsoDay(s)!;

describe('dates', () => {
  it('parses only real calendar days', () => {
    expect(isoDay(d('2023-07-07'))).toBe('2023-07-07');
    expect(parseIsoDay('2023-02-29')).toBeNull();
    expect(parseIsoDay('2024-02-29')).not.toBeNull();
    expect(parseIsoDay('2023-7-7')).toBeNull();
  });

  it('labels ISO weeks and months', () => {
    expect(isoWeek(d('2023-07-07'))).toBe('2023-W27');
    expect(isoWeek(d('2023-01-01'))).toBe('2022-W52');
    expect(isoWeek(d('2020-12-31'))).toBe('2020-W53');
    expect(isoWeek(d('2024-12-30'))).toBe('2025-W01');
    expect(isoMonth(d('2023-07-07'))).toBe('2023-07');
  });

  it('moves by years, folding 29 February', () => {
    expect(isoDay(addYears(d('2023-07-07'), -1))).toBe('2022-07-07');
    expect(isoDay(addYears(d('2024-02-29'), -1))).toBe('2023-02-28');
  });
});

describe('dates as people type them (import cells and the date boxes)', () => {
  it('accepts every form import accepts, for days other than the examples', async () => {
    const { parseDateText } = await import('../../shared/dates');
    const { typedDay } = await import('../../renderer/components/DateRangeControl');
    for (const text of [
      '2021-11-3',
      '2021/11/03',
      '2021年11月3日',
      '2021年11月3号',
      '20211103',
      '2021.11.3',
      ' 2021 - 11 - 03 ',
      '２０２１年１１月３日',
      '2021-11-03 08:15',
    ]) {
      expect(parseDateText(text), text).toBe(d('2021-11-03'));
      expect(typedDay(text), text).toEqual({ day: '2021-11-03' });
    }
    expect(typedDay('2024/2/29')).toEqual({ day: '2024-02-29' });
  });

  it('refuses days that do not exist and day-first dates, saying why', async () => {
    const { typedDay } = await import('../../renderer/components/DateRangeControl');
    expect(typedDay('2022/2/29')).toEqual({ error: expect.stringContaining('不存在') });
    expect(typedDay('3/11/2021')).toEqual({ error: expect.stringContaining('年份须写在前面') });
    expect(typedDay('昨天')).toEqual({ error: expect.stringContaining('无法识别日期') });
    expect(typedDay('')).toEqual({ error: '日期为空' });
  });

  it('writes Beijing time whatever the machine zone', async () => {
    const { beijingTime } = await import('../../shared/beijing-time');
    expect(beijingTime(new Date('2022-12-31T17:05:09Z'), true)).toBe('2023-01-01 01:05:09（北京时间）');
  });
});
