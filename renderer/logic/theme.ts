// Colours shared by the CSS (mirrored in styles/app.css) and the charts.
export const ACCENT = '#2563c9';
export const ACCENT_DARK = '#173f86';
export const ACCENT_LIGHT = '#b9cdf0';
export const UP = '#c2410c';
export const DOWN = '#15803d';
export const TEXT = '#1f2933';
export const MUTED = '#6b7785';
export const GRID_LINE = '#e5e8ec';
export const FONT = '"Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif';

/** One muted colour per department, in catalogue order. */
export const DEPARTMENT_COLOURS: Record<string, string> = {
  综合: '#2563c9',
  治安: '#0f9d8a',
  交警: '#d08a1d',
  刑侦: '#8b5cf6',
  禁毒: '#c2410c',
  食药侦: '#6b8e23',
  网安: '#0e7490',
};

export function departmentColour(name: string): string {
  return DEPARTMENT_COLOURS[name] ?? '#7b8794';
}
