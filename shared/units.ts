// What a unit allows. Whole-number units reject fractional values on import; the others keep up
// to `maxDecimals` and print with `displayDecimals`.
export interface UnitRule {
  integer: boolean;
  maxDecimals: number;
  displayDecimals: number;
}

const WHOLE: UnitRule = { integer: true, maxDecimals: 0, displayDecimals: 0 };

const FRACTIONAL: Record<string, UnitRule> = {
  克: { integer: false, maxDecimals: 3, displayDecimals: 1 },
  千克: { integer: false, maxDecimals: 3, displayDecimals: 2 },
  万元: { integer: false, maxDecimals: 2, displayDecimals: 2 },
};

export function unitRule(unit: string): UnitRule {
  return FRACTIONAL[unit] ?? WHOLE;
}
