// The filter's indicators as a memo: the same array until the indicator or department choice
// changes, so the grid's columns and the charts' options keep their objects otherwise.
import { useMemo } from 'react';
import type { Catalogue, Indicator } from '../../shared/api/catalogue-types';
import { effectiveIndicators, type FilterState } from './filter';

export function useEffectiveIndicators(catalogue: Catalogue, filter: FilterState): Indicator[] {
  const { indicators: chosenIndicators, departments: chosenDepartments } = filter;
  return useMemo(
    () => effectiveIndicators(catalogue, { ...filter, indicators: chosenIndicators, departments: chosenDepartments }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [catalogue, chosenIndicators, chosenDepartments],
  );
}
