// A fact's key (day, region, indicator) in the words of a message: validation, the import's
// writer and the provincial server's record all say which value they mean the same way.
import type { CatalogueResolver } from './catalogue-resolver';
import { isoDay } from './dates';

/** A fact's key as a user reads it: 2023-07-07、太原市小店区、公安·出动民警辅警. */
export function describeKey(resolver: CatalogueResolver, day: number, region: number, indicator: number): string {
  const r = resolver.region(String(region));
  const ind = resolver.catalogue.indicators.find((i) => i.id === indicator);
  return `${isoDay(day)}、${r ? resolver.fullRegionName(r) : region}、${ind?.key ?? indicator}`;
}
