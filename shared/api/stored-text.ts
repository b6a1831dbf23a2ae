// Bounds on text the database keeps for a caller: saved views, and what an import copies from a
// file (备注, the file name). Without them one call can make the store keep 100 MB that every later
// listing then returns. Checked at the boundary schema where the text arrives in a call, and again
// in the store for text that comes out of a file. Lengths are in characters (what a user counts).

/** A saved view's name. */
export const VIEW_NAME_MAX_CHARS = 60;
/** A saved view's state as stored (JSON): a real view is a few hundred characters. */
export const VIEW_STATE_MAX_CHARS = 64 * 1024;
/** Saved views one listing returns (the most recently saved first). */
export const VIEW_LIST_MAX = 200;
/** Regions, departments and indicators one filter may name (the catalogue holds far fewer). */
export const FILTER_MAX_REGIONS = 500;
export const FILTER_MAX_DEPARTMENTS = 100;
export const FILTER_MAX_INDICATORS = 1000;
/** One name in a filter or an option (a region code, an indicator key ...). */
export const FILTER_NAME_MAX_CHARS = 100;
/** Keys in a view's free options record. */
export const VIEW_OPTION_MAX_KEYS = 32;

/** One 备注 cell, stored with each fact of its row. */
export const NOTE_MAX_CHARS = 500;
/** An imported file's name, stored as its batch's source. */
export const FILE_NAME_MAX_CHARS = 255;

/** 「字段」过长：N 字，上限 M 字 — the same words wherever a cap refuses. */
export function tooLongMessage(field: string, length: number, max: number): string {
  return `${field}过长：${length.toLocaleString('en-US')} 字，上限 ${max.toLocaleString('en-US')} 字`;
}
