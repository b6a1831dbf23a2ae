import { describe, expect, it } from 'vitest';
import { compareLabel, effectiveIndicators, filterReducer, overviewIndicators, sliceFilterOf } from '../../renderer/state/filter';
import { rowsAfterDrill, viewOptions, viewReducer, initialViewState } from '../../renderer/state/view-state';
import { demoCatalogue, filterOf } from './fixtures';

describe('filter reducer', () => {
  it('sets a range with its preset and refuses an inverted one', () => {
    const f = filterOf();
    const next = filterReducer(f, { type: 'setRange', from: '2023-06-25', to: '2023-09-30', preset: '2023年夏季治安打击整治行动' });
    expect(next).toMatchObject({ from: '2023-06-25', to: '2023-09-30', preset: '2023年夏季治安打击整治行动' });
    expect(filterReducer(f, { type: 'setRange', from: '2023-09-30', to: '2023-06-25', preset: null })).toBe(f);
  });

  it('drills to one region; the province means no region filter', () => {
    const f = filterOf({ regions: ['140100', '140200'] });
    expect(filterReducer(f, { type: 'drill', code: '140105' }).regions).toEqual(['140105']);
    expect(filterReducer(f, { type: 'drill', code: '140000' }).regions).toEqual([]);
    expect(filterReducer(f, { type: 'setRegions', regions: ['140000', '140100', '140100'] }).regions).toEqual(['140100']);
  });

  it('drops chosen indicators of departments no longer chosen', () => {
    const f = filterOf({ indicators: ['综合/出动民警辅警', '禁毒/缴获毒品'] });
    expect(filterReducer(f, { type: 'setDepartments', departments: ['禁毒'] }).indicators).toEqual(['禁毒/缴获毒品']);
    expect(filterReducer(f, { type: 'setDepartments', departments: [] }).indicators).toEqual(f.indicators);
  });

  it('compare and the slice filter', () => {
    const f = filterReducer(filterOf({ regions: ['140100'] }), { type: 'setCompare', compare: 'yoy' });
    expect(f.compare).toBe('yoy');
    expect(compareLabel(f.compare)).toBe('同比');
    expect(compareLabel('prev')).toBe('环比');
    expect(sliceFilterOf(f)).toEqual({ from: '2023-07-07', to: '2023-07-09', regions: ['140100'], departments: [], indicators: [] });
  });

  it("effective indicators: chosen, else the departments', else all; the overview defaults to 综合", () => {
    const c = demoCatalogue();
    expect(effectiveIndicators(c, filterOf())).toHaveLength(51);
    expect(effectiveIndicators(c, filterOf({ departments: ['禁毒'] })).every((i) => i.department === '禁毒')).toBe(true);
    expect(effectiveIndicators(c, filterOf({ indicators: ['禁毒/缴获毒品'] })).map((i) => i.key)).toEqual(['禁毒/缴获毒品']);
    const overview = overviewIndicators(c, filterOf());
    expect(overview.length).toBe(17);
    expect(overview.every((i) => i.department === '综合')).toBe(true);
  });
});

describe('view state', () => {
  it('drilling into a city shows its counties in the grid; back at the province, the cities', () => {
    expect(rowsAfterDrill('region:city', { type: 'drill', code: '140100' })).toBe('region:county');
    expect(rowsAfterDrill('region:county', { type: 'drill', code: '140000' })).toBe('region:city');
    expect(rowsAfterDrill('day', { type: 'drill', code: '140100' })).toBe('day');
    expect(rowsAfterDrill('region:city', { type: 'drill', code: '140105' })).toBe('region:city');
  });

  it('a change makes a new state; an ineffective one keeps the old', () => {
    const s = initialViewState(filterOf());
    expect(viewReducer(s, { type: 'filter', action: { type: 'setRange', from: '2023-09-30', to: '2023-06-25', preset: null } })).toBe(s);
    const drilled = viewReducer(s, { type: 'filter', action: { type: 'drill', code: '140100' } });
    expect(drilled.filter.regions).toEqual(['140100']);
    expect(drilled.rowsBy).toBe('region:county');
    const opened = viewReducer(s, { type: 'open', state: { ...s, view: 'grid' } });
    expect(opened.view).toBe('grid');
  });

  it('typed options are stable for the same record and default sensibly', () => {
    const s = initialViewState(filterOf());
    expect(viewOptions(s)).toBe(viewOptions(s));
    expect(viewOptions(s)).toEqual({ hiddenIndicators: [], chartIndicator: null, stackUnit: null });
    const withOptions = viewReducer(s, {
      type: 'setOptions',
      options: { hiddenIndicators: ['综合/出动车辆'], chartIndicator: '综合/设立卡点' },
    });
    expect(viewOptions(withOptions)).toMatchObject({ hiddenIndicators: ['综合/出动车辆'], chartIndicator: '综合/设立卡点' });
  });
});
