// The provincial briefing on the demo database, for the article's phase: every figure of tables A
// and B of published-figures.md, as printed, in the DOCX and in the PDF (via pdftotext).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SaxesParser } from 'saxes';
import { openWorkspace, type Workspace } from '../../electron/store/workspace';
import { buildReport, buildReportDocument } from '../../electron/reports/index';
import { UserError } from '../../shared/errors';
import { tempDir } from '../support/temp-db';
import { ARTICLE_NARCOTICS, ARTICLE_WHOLE_FORCE, articleFigures, docxParagraphs, pdfText, unzip } from './helpers';

let ws: Workspace;
beforeAll(() => {
  ws = openWorkspace(inject('demoDb'), { readonly: true });
});
afterAll(() => ws.close());

const request = { type: 'briefing', phase: '第一次集中统一行动' } as const;
const now = new Date('2023-07-12T01:30:00Z');

describe('briefing (全省通报)', () => {
  it('DOCX holds every figure of tables A and B as the article prints it, in valid OOXML', async () => {
    const file = await buildReport(ws, { ...request, format: 'docx' }, { now, appVersion: '9.9.9' });
    expect(file.fileName).toBe('全省公安机关夏季治安打击整治行动第一次集中统一行动战果通报（2023-07-07至2023-07-09）.docx');
    expect(file.mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const zip = await unzip(file.bytes);
    const xml = await zip.file('word/document.xml')!.async('string');
    const paragraphs = docxParagraphs(xml);

    expect(paragraphs).toContain('全省公安机关夏季治安打击整治行动第一次集中统一行动战果通报');
    expect(paragraphs).toContain(ARTICLE_WHOLE_FORCE);
    expect(paragraphs.some((p) => p.startsWith(ARTICLE_NARCOTICS))).toBe(true);
    const text = paragraphs.join('\n');
    for (const f of articleFigures()) expect(text, `${f.table}: ${f.indicator}`).toContain(f.printed);
    // Table C is cumulative to 12 July; the phase's 交警 figures are printed, not the article's.
    expect(text).not.toContain('查处酒驾醉驾违法3381起');
    expect(text).toMatch(/全省公安交通管理部门共查处酒驾醉驾违法\d+起/);
    expect(text).toMatch(/同比上升\d+\.\d%/);

    // Header rows repeat across pages; charts are SVG with a PNG fallback.
    expect(xml).toContain('<w:tblHeader/>');
    const media = Object.keys(zip.files).filter((n) => n.startsWith('word/media/'));
    expect(media.some((n) => n.endsWith('.svg'))).toBe(true);
    expect(media.some((n) => n.endsWith('.png'))).toBe(true);
    expect(xml).toContain('w:pgSz w:w="11906" w:h="16838"');

    // Every XML part parses; every relationship points at a part that exists; every part has a content type.
    const contentTypes = await zip.file('[Content_Types].xml')!.async('string');
    for (const name of Object.keys(zip.files).filter((n) => !zip.files[n]!.dir)) {
      if (/\.(xml|rels)$/.test(name)) {
        expect(wellFormed(await zip.file(name)!.async('string')), name).toBeNull();
      }
      const ext = name.split('.').pop()!;
      expect(contentTypes.includes(`PartName="/${name}"`) || contentTypes.includes(`Extension="${ext}"`), name).toBe(true);
    }
    for (const rels of Object.keys(zip.files).filter((n) => n.endsWith('.rels'))) {
      const base = rels.replace(/_rels\/[^/]*\.rels$/, '');
      const xmlRels = await zip.file(rels)!.async('string');
      for (const m of xmlRels.matchAll(/<Relationship [^>]*?Target="([^"]+)"([^>]*)/g)) {
        if (/TargetMode="External"/.test(m[0])) continue;
        const target = m[1]!.startsWith('/') ? m[1]!.slice(1) : base + m[1]!;
        expect(zip.file(target.replace(/[^/]+\/\.\.\//g, '')), `${rels} → ${m[1]}`).not.toBeNull();
      }
    }
    // Provenance: filters, data version, time, app version.
    expect(text).toContain('数据版本');
    expect(text).toMatch(/共 [\d,]+ 条数据；最新导入批次：批次 1/);
    expect(text).toContain('2023-07-12 09:30:00（北京时间）');
    expect(text).toContain('专项行动统计分析工作站 9.9.9');
  });

  it('PDF gives every figure back through pdftotext, with the font embedded for extraction', async () => {
    const file = await buildReport(ws, { ...request, format: 'pdf' }, { now });
    expect(file.mime).toBe('application/pdf');
    const { raw, compact } = pdfText(file.bytes, tempDir());
    expect(raw).toContain('战果通报');
    for (const f of articleFigures()) expect(compact, `${f.table}: ${f.indicator}`).toContain(f.printed);
    expect(compact).toContain(ARTICLE_WHOLE_FORCE);
    expect(compact).toContain(ARTICLE_NARCOTICS);
    // Chart labels are vector text too.
    expect(compact).toContain('各市抓获现行违法犯罪人员（名）');
  });

  it('ranks the 11 cities and marks the top and bottom three', () => {
    const doc = buildReportDocument(ws, { ...request, format: 'docx' });
    const ranking = doc.blocks.flatMap((b) => (b.kind === 'table' && b.table.sheetName === '各市排名' ? [b.table] : []))[0]!;
    expect(ranking.rows).toHaveLength(11);
    for (let col = 1; col < ranking.columns.length - 1; col++) {
      expect(ranking.rows.filter((r) => r[col]!.mark === 'top').length, ranking.columns[col]!.header).toBeGreaterThanOrEqual(3);
      expect(ranking.rows.filter((r) => r[col]!.mark === 'bottom').length, ranking.columns[col]!.header).toBeGreaterThanOrEqual(1);
    }
    // Sorted by the first key indicator, highest first.
    const first = ranking.rows.map((r) => r[1]!.value as number);
    expect([...first].sort((a, b) => b - a)).toEqual(first);
    expect(doc.blocks.filter((b) => b.kind === 'chart')).toHaveLength(2);
  });

  it('rejects requests a user can fix, in Chinese', async () => {
    await expect(buildReport(ws, { type: 'briefing', format: 'docx' } as never)).rejects.toThrow(UserError);
    await expect(buildReport(ws, { type: 'briefing', format: 'docx', from: '2023-07-09', to: '2023-07-01' })).rejects.toThrow(
      '起始日期晚于截止日期',
    );
    await expect(buildReport(ws, { type: 'briefing', format: 'odt' as never, phase: '第一次集中统一行动' })).rejects.toThrow(UserError);
    await expect(buildReport(ws, { type: 'briefing', format: 'pdf', phase: '第九次行动' })).rejects.toThrow('无法识别行动阶段');
    await expect(buildReport(ws, { type: 'city', format: 'pdf', phase: '第一次集中统一行动' })).rejects.toThrow('须指定且只指定一个地市');
  });
});

/** null when the XML is well-formed and namespace-correct, else the first error. */
function wellFormed(xml: string): string | null {
  const parser = new SaxesParser({ xmlns: true });
  let error: string | null = null;
  parser.on('error', (e) => {
    error ??= e.message;
  });
  parser.write(xml).close();
  return error;
}
