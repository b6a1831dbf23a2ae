// The one scheme that packs a fact's coordinates into a single exact number, for sorting and
// de-duplicating typed arrays without an object per fact. Region codes are 6-digit GB/T 2260 codes
// and indicator ids stay below INDICATOR_ID_LIMIT; the store refuses anything else (migration 4)
// and the writers check before they pack (import's ResolveCache, the day-column merge), so a
// 1,000th indicator fails loudly instead of silently merging two indicators' facts.

export const INDICATOR_ID_LIMIT = 1000;
export const REGION_CODE_LIMIT = 1_000_000;

/** (region, indicator) as one number below 10^9; ascending keys are (region, indicator) order. */
export function cellKey(region: number, indicator: number): number {
  return region * INDICATOR_ID_LIMIT + indicator;
}

export function cellKeyRegion(key: number): number {
  return Math.floor(key / INDICATOR_ID_LIMIT);
}

export function cellKeyIndicator(key: number): number {
  return key % INDICATOR_ID_LIMIT;
}

/** (day, region, indicator) as one number; exact below 2^53 for any day before the year 20000. */
export function factKey(day: number, region: number, indicator: number): number {
  return (day * REGION_CODE_LIMIT + region) * INDICATOR_ID_LIMIT + indicator;
}

export class FactKeyRangeError extends Error {}

export function checkIndicatorId(id: number): void {
  if (!Number.isInteger(id) || id < 0 || id >= INDICATOR_ID_LIMIT) {
    throw new FactKeyRangeError(`指标编号 ${id} 超出事实键的范围（0–${INDICATOR_ID_LIMIT - 1}）：须先改用更宽的事实键，才能增加指标`);
  }
}

export function checkRegionCode(code: number): void {
  if (!Number.isInteger(code) || code < 0 || code >= REGION_CODE_LIMIT) {
    throw new FactKeyRangeError(`地区代码 ${code} 超出事实键的范围（6 位数字）`);
  }
}

/** Checks the first `length` entries of packed regions and indicators in one pass. */
export function checkCellKeys(regions: Int32Array, indicators: Int32Array, length: number): void {
  let minR = REGION_CODE_LIMIT;
  let maxR = -1;
  let minI = INDICATOR_ID_LIMIT;
  let maxI = -1;
  for (let k = 0; k < length; k++) {
    const r = regions[k]!;
    const i = indicators[k]!;
    if (r < minR) minR = r;
    if (r > maxR) maxR = r;
    if (i < minI) minI = i;
    if (i > maxI) maxI = i;
  }
  if (length === 0) return;
  checkRegionCode(minR);
  checkRegionCode(maxR);
  checkIndicatorId(minI);
  checkIndicatorId(maxI);
}
