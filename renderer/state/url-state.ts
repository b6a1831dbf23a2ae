// The view and its filter as a link: the URL hash
//   #/<view>?from=YYYY-MM-DD&to=YYYY-MM-DD (or phase=<name>)&region=<code>,…&dept=<部门>,…
//   &ind=<部门/指标>,…&cmp=yoy|prev&rows=city|county|department|day|week|indicator|county+day
// so reload, back/forward, bookmarks and pasted links restore a view. Pure: parse and serialise
// only; renderer/components/UrlStateSync.tsx ties it to the window's history.
import type { Catalogue } from '../../shared/api/catalogue-types';
import type { Compare } from '../../shared/api/slice';
import { COUNTY_DAY_ROWS, VIEW_KINDS, type FilterState, type ViewState } from '../../shared/api/views';
import { parseIsoDay } from '../../shared/dates';
import { PROVINCE_CODE } from './filter';
import { asRowsBy, VIEW_LABELS, type RowsBy, type ViewKind } from './view-state';

/** A parameter of a link that was dropped, and why (shown to the user). */
export interface LinkNotice {
  param: string;
  value: string;
  reason: string;
}

export interface ParsedLink {
  state: ViewState;
  notices: LinkNotice[];
}

/** rows= values of the link and the grid layouts they stand for. */
export const ROWS_PARAM: Record<RowsBy, string> = {
  'region:city': 'city',
  'region:county': 'county',
  department: 'department',
  day: 'day',
  week: 'week',
  indicator: 'indicator',
  [COUNTY_DAY_ROWS]: 'county+day',
};

const ROWS_OF_PARAM = new Map<string, RowsBy>(Object.entries(ROWS_PARAM).map(([layout, param]) => [param, layout as RowsBy]));
const KNOWN_PARAMS = new Set(['from', 'to', 'phase', 'region', 'dept', 'ind', 'cmp', 'rows']);
const COMPARES: readonly Compare[] = ['yoy', 'prev'];

/** True when the hash holds a view link (#/…); an empty hash means "no link". */
export function isViewHash(hash: string): boolean {
  return /^#?\//.test(hash);
}

// '/' and '+' are legal in a fragment and keep 部门/指标 and county+day readable; ',' separates list items.
function encodeValue(value: string): string {
  return encodeURIComponent(value).replace(/%2F/g, '/').replace(/%2B/g, '+');
}

/** A campaign or phase whose dates are exactly from..to: what phase= names. */
function periodNamed(catalogue: Catalogue, preset: string | null, from: string, to: string): string | null {
  const periods = catalogue.campaigns.flatMap((c) => [{ name: c.name, from: c.from, to: c.to }, ...c.phases]);
  const exact = periods.filter((p) => p.from === from && p.to === to);
  return (exact.find((p) => p.name === preset) ?? exact[0])?.name ?? null;
}

/** The link of a view state: `#/grid?from=…`. Lists keep the state's order. */
export function viewHash(state: ViewState, catalogue: Catalogue): string {
  const f = state.filter;
  const params: string[] = [];
  const phase = periodNamed(catalogue, f.preset, f.from, f.to);
  if (phase) params.push(`phase=${encodeValue(phase)}`);
  else params.push(`from=${f.from}`, `to=${f.to}`);
  const list = (name: string, values: string[]) => {
    if (values.length > 0) params.push(`${name}=${values.map(encodeValue).join(',')}`);
  };
  list('region', f.regions);
  list('dept', f.departments);
  list('ind', f.indicators);
  if (f.compare) params.push(`cmp=${f.compare}`);
  const rows = asRowsBy(state.rowsBy);
  if (rows !== 'region:city') params.push(`rows=${ROWS_PARAM[rows]}`);
  return `#/${state.view}?${params.join('&')}`;
}

interface RawParam {
  name: string;
  /** The value as written (still encoded), for list splitting. */
  raw: string;
}

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * The view state a link stands for. Every parameter that cannot be used (unknown name, bad date,
 * reversed range, unknown region, department or indicator, unknown view) is dropped with a notice;
 * the rest applies. Missing dates keep `base`'s; other missing parameters mean "none" (all
 * regions, no comparison, rows by city), so a link means the same whatever was on screen.
 * `base.options` (hidden columns, chart choices) are kept: links do not carry them.
 */
export function parseViewHash(hash: string, catalogue: Catalogue, base: ViewState): ParsedLink {
  const notices: LinkNotice[] = [];
  const body = hash.replace(/^#/, '').replace(/^\//, '');
  const q = body.indexOf('?');
  const viewText = decode(q < 0 ? body : body.slice(0, q)) ?? '';
  const query = q < 0 ? '' : body.slice(q + 1);

  let view: ViewKind = 'overview';
  if ((VIEW_KINDS as readonly string[]).includes(viewText)) view = viewText as ViewKind;
  else if (viewText !== '') notices.push({ param: '视图', value: viewText, reason: `未知视图，已打开${VIEW_LABELS.overview}` });

  const params = new Map<string, RawParam>();
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decode(eq < 0 ? part : part.slice(0, eq)) ?? part;
    const raw = eq < 0 ? '' : part.slice(eq + 1);
    if (!KNOWN_PARAMS.has(name)) {
      notices.push({ param: name, value: decode(raw) ?? raw, reason: '未知参数' });
      continue;
    }
    params.set(name, { name, raw });
  }
  const single = (name: string): string | null => {
    const p = params.get(name);
    if (!p) return null;
    const v = decode(p.raw);
    if (v === null) notices.push({ param: name, value: p.raw, reason: '编码有误，无法读取' });
    return v;
  };
  const items = (name: string): string[] => {
    const p = params.get(name);
    if (!p || p.raw === '') return [];
    const out: string[] = [];
    for (const piece of p.raw.split(',')) {
      const v = decode(piece);
      if (v === null) notices.push({ param: name, value: piece, reason: '编码有误，无法读取' });
      else if (v.trim() !== '') out.push(v.trim());
    }
    return [...new Set(out)];
  };

  const range = parseRange(catalogue, single('from'), single('to'), single('phase'), notices);
  const dates = range ?? { from: base.filter.from, to: base.filter.to, preset: base.filter.preset };

  const regionCodes = new Set(catalogue.regions.map((r) => r.code));
  const regions = items('region').filter((code) => {
    if (code === PROVINCE_CODE) return false; // the whole province is "no region chosen"
    if (regionCodes.has(code)) return true;
    notices.push({ param: 'region', value: code, reason: '未知地区代码' });
    return false;
  });

  const departmentNames = new Set(catalogue.departments.map((d) => d.name));
  const departments = items('dept').filter((d) => {
    if (departmentNames.has(d)) return true;
    notices.push({ param: 'dept', value: d, reason: '未知部门' });
    return false;
  });

  const indicators: string[] = [];
  for (const text of items('ind')) {
    const key = indicatorKey(catalogue, text);
    if (key === null) notices.push({ param: 'ind', value: text, reason: '未知指标（应写作 部门/指标）' });
    else if (departments.length > 0 && !departments.includes(key.split('/')[0] ?? ''))
      notices.push({ param: 'ind', value: text, reason: '该指标的部门不在 dept 之中' });
    else if (!indicators.includes(key)) indicators.push(key);
  }

  let compare: Compare | null = null;
  const cmp = single('cmp');
  if (cmp !== null && cmp !== '') {
    if ((COMPARES as readonly string[]).includes(cmp)) compare = cmp as Compare;
    else notices.push({ param: 'cmp', value: cmp, reason: '只能是 yoy（同比）或 prev（环比）' });
  }

  let rowsBy: RowsBy = 'region:city';
  const rows = single('rows');
  if (rows !== null && rows !== '') {
    const layout = ROWS_OF_PARAM.get(rows);
    if (layout) rowsBy = layout;
    else notices.push({ param: 'rows', value: rows, reason: `未知行布局（可用：${[...ROWS_OF_PARAM.keys()].join('、')}）` });
  }

  const filter: FilterState = { ...dates, regions, departments, indicators, compare };
  return { state: { view, filter, rowsBy, options: base.options }, notices };
}

/** A 部门/指标 key, or a name used by one department only; null when unknown. */
function indicatorKey(catalogue: Catalogue, text: string): string | null {
  if (catalogue.indicators.some((i) => i.key === text)) return text;
  const named = catalogue.indicators.filter((i) => i.name === text);
  return named.length === 1 ? named[0]!.key : null;
}

function parseRange(
  catalogue: Catalogue,
  from: string | null,
  to: string | null,
  phase: string | null,
  notices: LinkNotice[],
): Pick<FilterState, 'from' | 'to' | 'preset'> | null {
  let period: { name: string; from: string; to: string } | null = null;
  if (phase !== null) {
    const periods = catalogue.campaigns.flatMap((c) => [{ name: c.name, from: c.from, to: c.to }, ...c.phases]);
    period = periods.find((p) => p.name === phase) ?? null;
    if (!period) notices.push({ param: 'phase', value: phase, reason: '没有这个行动或阶段' });
  }
  if (from === null && to === null) return period ? { from: period.from, to: period.to, preset: period.name } : null;

  let ok = true;
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value === null) {
      notices.push({ param: name, value: '', reason: name === 'from' ? '缺少起始日期（from）' : '缺少截止日期（to）' });
      ok = false;
    } else if (parseIsoDay(value) === null) {
      notices.push({ param: name, value, reason: '不是有效日期（应为 YYYY-MM-DD）' });
      ok = false;
    }
  }
  if (ok && from! > to!) {
    notices.push({ param: 'from/to', value: `${from}..${to}`, reason: '起始日期晚于截止日期' });
    ok = false;
  }
  if (!ok) return period ? { from: period.from, to: period.to, preset: period.name } : null;
  if (period && (period.from !== from || period.to !== to)) {
    notices.push({ param: 'phase', value: period.name, reason: `与 from/to 不一致，已按 ${from} 至 ${to}` });
  }
  return { from: from!, to: to!, preset: periodNamed(catalogue, null, from!, to!) };
}

/** One line a person reads: `region=999999（未知地区代码）`. */
export function noticeText(n: LinkNotice): string {
  const what = n.value === '' ? n.param : `${n.param}=${n.value}`;
  return `${what}（${n.reason}）`;
}
