// The article's wording, generated from the data: figures from each indicator's phrase template in
// catalogue order, "，" between figures, "；" between groups, "。" at the end; 同比/环比 sentences.
import type { Indicator } from '../../shared/api/catalogue-types';
import type { Compare } from '../../shared/api/slice';
import type { CellMark } from './model';
import { formatChangePct, formatReportFigure } from '../../shared/format';

/**
 * Where the whole-force paragraph starts a new group ("；"), as the article groups its figures:
 * the force and its results; the mass prevention and publicity work; the new-media figures.
 * (The catalogue has no group field; an indicator not listed simply continues its group.)
 */
const GROUP_STARTS = new Set(['综合/发动群防群治力量', '综合/新媒体发布宣传品']);

export interface Figure {
  indicator: Indicator;
  value: number | null;
  changePct?: number | null;
}

/** A figure worth printing: reported and not zero (the article never prints "0起"). */
export function printable(f: Figure): f is Figure & { value: number } {
  return f.value !== null && f.value > 0;
}

function template(ind: Indicator): { prefix: string; suffix: string } {
  const at = ind.phrase.indexOf('{v}');
  return at < 0 ? { prefix: ind.phrase, suffix: '' } : { prefix: ind.phrase.slice(0, at), suffix: ind.phrase.slice(at + 3) };
}

/** One figure in its phrase: "出动民警辅警6.55万人次", "设立2183个网下宣防点". */
export function phraseOf(ind: Indicator, value: number, scopeWord = '全省'): string {
  const text = ind.phrase.replace('{v}', formatReportFigure(value, ind.display, ind.unit));
  return scopeWord === '全省' ? text : text.replace(/全省/g, scopeWord);
}

/**
 * The figures as one run of text, without the final "。". Consecutive phrases with the same verb
 * before the figure and a noun after it are joined as the article does: "设立2183个网下宣防点和383个网上宣防点".
 */
export function figuresText(figures: Figure[], scopeWord = '全省', groups = true): string {
  const shown = figures.filter(printable);
  const groupTexts: string[][] = [];
  let current: string[] = [];
  let run: { prefix: string; parts: string[] } | null = null;
  const flushRun = () => {
    if (!run) return;
    const [first, ...rest] = run.parts;
    if (rest.length === 0) current.push(first!);
    else {
      const tail = rest.map((p) => p.slice(run!.prefix.length));
      const last = tail.pop()!;
      current.push([first!, ...tail].join('、') + '和' + last);
    }
    run = null;
  };
  for (const f of shown) {
    if (groups && GROUP_STARTS.has(f.indicator.key) && (current.length > 0 || run)) {
      flushRun();
      groupTexts.push(current);
      current = [];
    }
    const text = phraseOf(f.indicator, f.value, scopeWord);
    const t = template(f.indicator);
    const joinable = t.prefix !== '' && t.suffix !== '';
    if (run && joinable && run.prefix === t.prefix) {
      run.parts.push(text);
      continue;
    }
    flushRun();
    if (joinable) run = { prefix: t.prefix, parts: [text] };
    else current.push(text);
  }
  flushRun();
  if (current.length > 0) groupTexts.push(current);
  return groupTexts.map((g) => g.join('，')).join('；');
}

/** "与去年同期（2022年7月7日至9日）相比，出动民警辅警同比上升16.7%，……。"; null without any base. */
export function comparisonSentence(figures: Figure[], compare: Compare, baseText: string): string | null {
  const word = compare === 'yoy' ? '同比' : '环比';
  const parts = figures
    .filter((f) => f.value !== null && f.changePct !== undefined && f.changePct !== null)
    .map((f) => `${f.indicator.name}${word}${formatChangePct(f.changePct!)}`);
  if (parts.length === 0) return null;
  const base = compare === 'yoy' ? '去年同期' : '上一时段';
  return `与${base}（${baseText}）相比，${parts.join('，')}。`;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 21 → 二十一 (headings: 一、 （一）). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return '十' + (n % 10 === 0 ? '' : DIGITS[n % 10]!);
  return DIGITS[Math.floor(n / 10)]! + '十' + (n % 10 === 0 ? '' : DIGITS[n % 10]!);
}

export interface Ranked {
  rank: number | null;
  mark?: CellMark;
}

/** Competition ranking, highest first (1, 2, 2, 4); the first three and the last three marked. */
export function rankValues<K>(items: { key: K; value: number | null }[]): Map<K, Ranked> {
  const ranked = items.filter((i) => i.value !== null).sort((a, b) => b.value! - a.value!);
  const out = new Map<K, Ranked>();
  const n = ranked.length;
  ranked.forEach((item, i) => {
    const rank = i > 0 && ranked[i - 1]!.value === item.value ? out.get(ranked[i - 1]!.key)!.rank! : i + 1;
    const mark = rank <= 3 ? 'top' : rank > n - 3 ? 'bottom' : undefined;
    out.set(item.key, mark ? { rank, mark } : { rank });
  });
  for (const i of items) if (!out.has(i.key)) out.set(i.key, { rank: null });
  return out;
}
