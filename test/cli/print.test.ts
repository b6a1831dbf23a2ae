import { describe, expect, it } from 'vitest';
import { displayWidth, formatTable } from '../../electron/cli/print';

describe('terminal tables', () => {
  it('align CJK text by display width', () => {
    expect(displayWidth('太原市')).toBe(6);
    expect(
      formatTable(
        ['地区', '数值'],
        [
          ['太原市', 12],
          ['小店区', 3],
        ],
        [false, true],
      ).split('\n'),
    ).toEqual(['地区    数值', '------  ----', '太原市    12', '小店区     3']);
  });

  it('print a few hundred thousand rows (a county × day listing) without overflowing the stack', () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => [`单位${i % 128}`, i]);
    const text = formatTable(['地区', '数值'], rows, [false, true]);
    expect(text.split('\n')).toHaveLength(200_002);
  });
});
