import { describe, expect, it } from 'vitest';
import { formatChangePct, formatGridNumber, formatReportFigure, formatReportNumber } from '../../shared/format';

const wan = { kind: 'wan', sig: 3 } as const;

describe('report number formatting', () => {
  it('prints 万 with three significant digits, rounding half up, and trims zeros', () => {
    expect(formatReportNumber(65_450, wan, '人次')).toBe('6.55万');
    expect(formatReportNumber(65_549, wan, '人次')).toBe('6.55万');
    expect(formatReportNumber(65_449, wan, '人次')).toBe('6.54万');
    expect(formatReportNumber(65_550, wan, '人次')).toBe('6.56万');
    expect(formatReportNumber(199_500, wan, '人次')).toBe('20万');
    expect(formatReportNumber(200_499, wan, '人次')).toBe('20万');
    expect(formatReportNumber(162_500, wan, '台次')).toBe('16.3万');
    expect(formatReportNumber(424_500, wan, '份')).toBe('42.5万');
    expect(formatReportNumber(1_234_567, wan, '份')).toBe('123万');
    expect(formatReportNumber(9_999, wan, '人次')).toBe('9999');
  });

  it('prints 余 and 超 only when something was cut', () => {
    const approx = { kind: 'floorApprox', sig: 2 } as const;
    expect(formatReportNumber(3_701, approx, '条')).toBe('3700余');
    expect(formatReportNumber(3_799, approx, '条')).toBe('3700余');
    expect(formatReportNumber(3_700, approx, '条')).toBe('3700');
    const over = { kind: 'over', sig: 3 } as const;
    expect(formatReportNumber(16_000_001, over, '次')).toBe('超1600万');
    expect(formatReportNumber(16_099_999, over, '次')).toBe('超1600万');
    expect(formatReportNumber(16_100_000, over, '次')).toBe('1610万');
    expect(formatReportNumber(16_000_000, over, '次')).toBe('1600万');
  });

  it('prints exact figures with the unit’s decimals', () => {
    expect(formatReportFigure(15_148, { kind: 'exact' }, '辆次')).toBe('15148辆次');
    expect(formatReportFigure(27.3, { kind: 'exact' }, '克')).toBe('27.3克');
    expect(formatReportFigure(27, { kind: 'exact' }, '克')).toBe('27.0克');
  });

  it('formats grid numbers and changes', () => {
    expect(formatGridNumber(1_234_567, '人次')).toBe('1,234,567');
    expect(formatGridNumber(27.25, '克')).toBe('27.3');
    expect(formatGridNumber(null, '克')).toBe('—');
    expect(formatChangePct(12.345)).toBe('上升12.3%');
    expect(formatChangePct(-4)).toBe('下降4.0%');
    expect(formatChangePct(0.01)).toBe('持平');
    expect(formatChangePct(null)).toBeNull();
  });
});

describe('亿 where 万 would reach 1亿', () => {
  it('prints 亿 with the style’s significant digits, 万 just below', () => {
    expect(formatReportNumber(123_456_789, wan, '元')).toBe('1.23亿');
    expect(formatReportNumber(160_000_000, wan, '次')).toBe('1.6亿');
    expect(formatReportNumber(100_000_000, wan, '人次')).toBe('1亿');
    // Rounds to 1亿 rather than printing 10000万.
    expect(formatReportNumber(99_960_000, wan, '人次')).toBe('1亿');
    expect(formatReportNumber(99_940_000, wan, '人次')).toBe('9990万');
    expect(formatReportNumber(2_345_678_901, wan, '份')).toBe('23.5亿');
    expect(formatReportNumber(98_765_432_100, wan, '份')).toBe('988亿');
    expect(formatReportFigure(163_400_000, wan, '次')).toBe('1.63亿次');
  });

  it('keeps 超 and 余 exact at 亿 scale', () => {
    const over = { kind: 'over', sig: 2 } as const;
    expect(formatReportNumber(160_000_001, over, '次')).toBe('超1.6亿');
    expect(formatReportNumber(160_000_000, over, '次')).toBe('1.6亿');
    expect(formatReportFigure(123_456_789, { kind: 'over', sig: 3 }, '次')).toBe('超1.23亿次');
    expect(formatReportNumber(99_999_999, { kind: 'over', sig: 3 }, '次')).toBe('超9990万');
  });
});

describe('Beijing time', () => {
  it('prints a stored UTC instant in Beijing time, labelled, whatever the machine’s zone', async () => {
    const { beijingTime, beijingClock, beijingDay } = await import('../../shared/beijing-time');
    expect(beijingTime('2023-07-10T06:05:30.000Z')).toBe('2023-07-10 14:05（北京时间）');
    expect(beijingTime('2023-07-10T06:05:30.000Z', true)).toBe('2023-07-10 14:05:30（北京时间）');
    // Past midnight in Beijing while still the day before in UTC.
    expect(beijingClock('2023-12-31T17:30:00Z')).toBe('2024-01-01 01:30');
    expect(beijingDay(new Date('2023-12-31T17:30:00Z'))).toBe('2024-01-01');
    expect(beijingTime('not a time')).toBe('not a time');
  });
});
