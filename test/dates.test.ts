import { describe, expect, it } from 'vitest';
import { addYears, isoDay, isoMonth, isoWeek, parseIsoDay } from '../shared/dates';

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
