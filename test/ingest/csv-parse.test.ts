import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { countLines, CsvReader, detectDelimiter, parseCsv } from '../../electron/ingest/csv-parse';
import { decodeText, decodeTextSlices } from '../../electron/ingest/decode-text';

function records(text: string, delimiter?: string): [number, string[]][] {
  const out: [number, string[]][] = [];
  parseCsv(text, (fields, row) => void out.push([row, [...fields]]), delimiter);
  return out;
}

describe('parseCsv (RFC 4180)', () => {
  it('splits plain records with LF, CRLF and CR line ends, without a trailing empty record', () => {
    expect(records('a,b\nc,d\n')).toEqual([
      [1, ['a', 'b']],
      [2, ['c', 'd']],
    ]);
    expect(records('a,b\r\nc,d')).toEqual([
      [1, ['a', 'b']],
      [2, ['c', 'd']],
    ]);
    expect(records('a,b\rc,d\r')).toEqual([
      [1, ['a', 'b']],
      [2, ['c', 'd']],
    ]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(records('a,,c,\n,,\n')).toEqual([
      [1, ['a', '', 'c', '']],
      [2, ['', '', '']],
    ]);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks, numbering rows per record', () => {
    const text = '日期,备注\r\n2023-07-07,"含逗号, 和 ""引号"""\r\n2023-07-08,"两行\r\n备注"\r\n2023-07-09,"x"\r\n';
    expect(records(text)).toEqual([
      [1, ['日期', '备注']],
      [2, ['2023-07-07', '含逗号, 和 "引号"']],
      [3, ['2023-07-08', '两行\r\n备注']],
      [4, ['2023-07-09', 'x']],
    ]);
  });

  it('counts blank lines as rows, as Excel does', () => {
    expect(records('a\n\nb\n')).toEqual([
      [1, ['a']],
      [2, ['']],
      [3, ['b']],
    ]);
  });

  it('keeps a quote inside an unquoted field, and text after a closing quote', () => {
    expect(records('含"夜查"行动,"a"b\n')).toEqual([[1, ['含"夜查"行动', 'ab']]]);
  });

  it('reports a quote that is never closed', () => {
    const out: string[][] = [];
    const r = parseCsv('a,b\n1,"open\n2,3\n', (f) => void out.push([...f]));
    expect(r.unterminatedQuoteRow).toBe(2);
    expect(out[1]).toEqual(['1', 'open\n2,3\n']);
  });

  it('stops when the callback returns false', () => {
    let seen = 0;
    parseCsv('a\nb\nc\n', () => ++seen < 2);
    expect(seen).toBe(2);
  });

  it('detects tab-separated text and counts lines for progress', () => {
    expect(detectDelimiter('\n日期\t地区\n1\t2')).toBe('\t');
    expect(detectDelimiter('日期,地区\t\n')).toBe(',');
    expect(records('a\tb,c\n', '\t')).toEqual([[1, ['a', 'b,c']]]);
    expect(countLines('a\nb\nc')).toBe(3);
    expect(countLines('a\nb\n')).toBe(2);
  });
});

describe('CsvReader (text in pieces)', () => {
  const tricky =
    '\n日期,地区,备注\r\n2023-07-07,小店区,"含逗号, 和 ""引号"""\r\n2023-07-08,"两行\r\n备注",\r\n\r\n' +
    '含"夜查"行动,"a"b,\rlast,"x""",""\n2023-07-09,"open\n,end';
  const whole = (() => {
    const out: [number, string[]][] = [];
    const r = parseCsv(tricky, (f, row) => void out.push([row, [...f]]));
    return { out, r };
  })();

  it('gives the same records, rows and unclosed quote wherever the text is cut, in any number of pieces', () => {
    for (let a = 0; a <= tricky.length; a++) {
      for (const b of [a, Math.min(tricky.length, a + 1), Math.min(tricky.length, a + 7), tricky.length]) {
        const out: [number, string[]][] = [];
        const reader = new CsvReader((f, row) => void out.push([row, [...f]]), ',');
        reader.push(tricky.slice(0, a), false);
        reader.push(tricky.slice(a, b), false);
        reader.push(tricky.slice(b), true);
        expect(out, `cut at ${a} and ${b}`).toEqual(whole.out);
        expect(reader.result()).toEqual(whole.r);
      }
    }
    expect(whole.r.unterminatedQuoteRow).toBe(whole.out.at(-1)![0]);
  });

  it('detects the delimiter from the first non-blank line, even in a later piece', () => {
    const out: string[][] = [];
    const reader = new CsvReader((f) => void out.push([...f]));
    reader.push('\n\n', false);
    reader.push('日期\t地区\n1\t2,3\n', true);
    expect(out).toEqual([[''], [''], ['日期', '地区'], ['1', '2,3']]);
  });

  it('stops when the callback returns false, and takes nothing more', () => {
    let seen = 0;
    const reader = new CsvReader(() => ++seen < 2, ',');
    expect(reader.push('a\nb\nc\n', false)).toBe(false);
    expect(reader.push('d\n', true)).toBe(false);
    expect(seen).toBe(2);
  });
});

describe('decodeText', () => {
  const text = '日期,地区\n2023-07-07,小店区\n';

  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(Buffer.from(text))).toEqual({ text, encoding: 'utf-8' });
  });

  it('falls back to GB18030 when the bytes are not UTF-8 (a GBK file saved by Chinese Excel)', () => {
    const bytes = readFileSync(new URL('./fixtures/long-gbk.csv', import.meta.url));
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.text).toContain('日期,地区,部门,指标,数值,单位,备注');
    expect(decoded.text).toContain('太原市小店区');
  });

  it('in slices: the same text, each slice ending at a line end, for UTF-8, GB18030 and UTF-16', () => {
    const line = '2023-07-07,太原市小店区,治安,出动警力,1234.5,人次\r\n';
    const big = '日期,地区,部门,指标,数值,单位\r\n' + line.repeat(60_000); // about 3.5 MB in UTF-8
    const gbk = readFileSync(new URL('./fixtures/long-gbk.csv', import.meta.url));
    const cases: [Uint8Array, string][] = [
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(big)]), 'utf-8'],
      [Buffer.from(big), 'utf-8'],
      [Buffer.from(big + '末行无换行'), 'utf-8'],
      [Buffer.concat(Array(8000).fill(gbk)), 'gb18030'],
      [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(big, 'utf16le')]), 'utf-16le'],
    ];
    for (const [bytes, encoding] of cases) {
      const { slices, encoding: found } = decodeTextSlices(bytes);
      expect(found).toBe(encoding);
      const parts = [...slices];
      if (encoding !== 'utf-16le') expect(parts.length).toBeGreaterThan(1);
      for (const p of parts.slice(0, -1)) expect(p.text.endsWith('\n')).toBe(true);
      expect(parts.at(-1)!.bytesDone).toBe(bytes.length);
      expect(parts.map((p) => p.text).join('')).toBe(decodeText(bytes).text);
    }
  });

  it('reads UTF-16 with a BOM (Excel "Unicode text")', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(decodeText(le)).toEqual({ text, encoding: 'utf-16le' });
  });
});
