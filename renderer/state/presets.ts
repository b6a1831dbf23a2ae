// Date presets of the filter bar: each campaign, each phase, the latest 7 days of data.
import type { Catalogue } from '../../shared/api/catalogue-types';
import { isoDay, parseIsoDay } from '../../shared/dates';

export interface DatePreset {
  /** What FilterState.preset holds: the phase or campaign name, or LAST_7_DAYS. */
  id: string;
  label: string;
  group: string;
  from: string;
  to: string;
}

export const LAST_7_DAYS = '最近7天';

export function datePresets(catalogue: Catalogue, latestDay: string | null): DatePreset[] {
  const out: DatePreset[] = [];
  const campaigns = [...catalogue.campaigns].sort((a, b) => b.year - a.year || b.from.localeCompare(a.from));
  if (latestDay) {
    const to = parseIsoDay(latestDay);
    if (to !== null)
      out.push({ id: LAST_7_DAYS, label: `最近7天（至 ${latestDay}）`, group: '相对日期', from: isoDay(to - 6), to: latestDay });
  }
  for (const c of campaigns) {
    const group = `${c.year}年`;
    out.push({ id: c.name, label: `${c.name}（全程）`, group, from: c.from, to: c.to });
    for (const p of c.phases) out.push({ id: p.name, label: p.name, group, from: p.from, to: p.to });
  }
  return out;
}

/** Phase names are not unique across years: a preset id is matched together with its dates. */
export function findPreset(presets: DatePreset[], id: string | null, from: string, to: string): DatePreset | undefined {
  if (id === null) return undefined;
  return presets.find((p) => p.id === id && p.from === from && p.to === to) ?? presets.find((p) => p.id === id && p.id !== LAST_7_DAYS);
}

/** The first view: the latest campaign that holds data, else the last 30 days of data. */
export function defaultRange(
  catalogue: Catalogue,
  dataFrom: string | null,
  dataTo: string | null,
): { from: string; to: string; preset: string | null } {
  const campaigns = [...catalogue.campaigns].sort((a, b) => b.from.localeCompare(a.from));
  if (dataFrom && dataTo) {
    const c = campaigns.find((x) => x.from <= dataTo && x.to >= dataFrom);
    if (c) return { from: c.from, to: c.to, preset: c.name };
    const to = parseIsoDay(dataTo)!;
    const from = Math.max(parseIsoDay(dataFrom)!, to - 29);
    return { from: isoDay(from), to: dataTo, preset: null };
  }
  const c = campaigns[0];
  if (c) return { from: c.from, to: c.to, preset: c.name };
  const today = isoDay(Math.floor(Date.now() / 86_400_000));
  return { from: today, to: today, preset: null };
}

/** Phases (not whole campaigns) overlapping a range: the daily chart shades them. */
export function phasesWithin(catalogue: Catalogue, from: string, to: string): { name: string; from: string; to: string }[] {
  return catalogue.campaigns.flatMap((c) => c.phases).filter((p) => p.from <= to && p.to >= from);
}
