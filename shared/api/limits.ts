// Bounds on what one call may ask of the core and of the web mode, shared by the core (which
// refuses), the web server (which caps bodies and batches) and the renderer (which warns first).

/**
 * Rows one slice answer may hold: about 50 MB of answer, a second or two to fetch and lay out.
 * The grid's county × day × indicator listing is one row per number, so this is also its bound.
 */
export const SLICE_MAX_ROWS = 600_000;

/** Queries one web-mode batch may carry (a view has a handful of panels). */
export const BATCH_MAX_CALLS = 16;

/** Rows all answers of one batch may hold together. */
export const BATCH_MAX_ROWS = SLICE_MAX_ROWS;

/** Request body of an import upload (files travel base64-encoded, a third larger). */
export const IMPORT_MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Request body of every other call. */
export const CALL_MAX_BODY_BYTES = 1024 * 1024;

export const NARROW_FILTER = '请缩小筛选范围（日期、地区或指标）';
