import { describe, expect, it } from 'vitest';
import { formatChangePct, formatGridNumber, formatReportFigure, formatReportNumber } from '../shared/format';

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
