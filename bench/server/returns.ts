// The cities' daily returns for the server bench: for one city and one day, every reporting unit of
// the city (its counties, then 市本级) with the indicators that city reports, written in one of the
// import formats (long CSV, wide CSV, wide XLSX, long XLSX) the way cities write them. Deterministic
// per (city, day, version), so a run can be repeated; a resubmission after 退回 is a new version
// with corrected figures. The facts the file holds are returned beside its bytes, so the bench
// knows what the server must hold without reading the server.
import ExcelJS from 'exceljs';
import { Random, seedOf } from '../../electron/demo/random';
import type { Catalogue, Indicator, Region } from '../../shared/api/catalogue-types';
import type { CatalogueResolver } from '../../shared/catalogue-resolver';
import { isoDay } from '../../shared/dates';
import { unitRule } from '../../shared/units';

export const RETURN_FORMATS = ['long-csv', 'wide-csv', 'wide-xlsx', 'long-xlsx'] as const;
export type ReturnFormat = (typeof RETURN_FORMATS)[number];

/** A fact as the file states it: (day, region code, indicator id) → value. */
export interface SentFact {
  day: number;
  region: number;
  indicator: number;
  value: number;
}

export interface ReturnFile {
  name: string;
  bytes: Buffer;
  format: ReturnFormat;
  facts: SentFact[];
}

export interface CityPlan {
  code: number;
  name: string;
  /** Reporting units: [code, the label a city writes]. */
  units: [number, string][];
  /** The indicators this city reports (a city without, say, a 禁毒 return leaves them out). */
  indicators: Indicator[];
}

export function fmtKey(day: number, region: number, indicator: number): string {
  return `${day}|${region}|${indicator}`;
}

/** The 11 cities, each with its units and a realistic, city-specific set of indicators. */
export function planCities(catalogue: Catalogue, resolver: CatalogueResolver): CityPlan[] {
  const byCode = new Map<string, Region>(catalogue.regions.map((r) => [r.code, r]));
  const cities = catalogue.regions.filter((r) => r.level === 'city');
  return cities.map((city) => {
    const rnd = new Random(seedOf(`bench-server:${city.code}`));
    const counties = catalogue.regions.filter((r) => r.level === 'county' && r.city === city.code);
    const units: [number, string][] = [
      ...counties.map((c): [number, string] => [Number(c.code), resolver.fullRegionName(byCode.get(c.code)!)]),
      [Number(city.code), `${city.name}本级`],
    ];
    // Every city sends the 综合 figures; of the other indicators each city reports 60–90%.
    const share = 0.6 + rnd.next() * 0.3;
    const indicators = catalogue.indicators.filter((i) => i.department === '综合' || rnd.next() < share);
    return { code: Number(city.code), name: city.name, units, indicators };
  });
}

function valueText(rnd: Random, indicator: Indicator, unitScale: number): string {
  const rule = unitRule(indicator.unit);
  const base = (seedOf(indicator.key) % 400) + 5;
  const v = base * unitScale * rnd.lognormal(0.5);
  if (rule.integer) return String(Math.round(v));
  return v.toFixed(rnd.next() < 0.5 ? rule.maxDecimals : 1);
}

/** Which indicator names need their department in a wide header (a name two departments use). */
function sharedNames(catalogue: Catalogue): Set<string> {
  const seen = new Map<string, number>();
  for (const i of catalogue.indicators) seen.set(i.name, (seen.get(i.name) ?? 0) + 1);
  return new Set([...seen].filter(([, n]) => n > 1).map(([name]) => name));
}

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Thousands separators as cities' spreadsheets print them, sometimes. */
function withSeparators(text: string, rnd: Random): string {
  if (!/^\d{4,}$/.test(text) || rnd.next() < 0.5) return text;
  return Number(text).toLocaleString('en');
}

export class ReturnGenerator {
  private readonly shared: Set<string>;

  constructor(private readonly catalogue: Catalogue) {
    this.shared = sharedNames(catalogue);
  }

  /** The return of `city` for `day`; `version` > 0 is a corrected resubmission (other figures). */
  async build(city: CityPlan, day: number, version: number): Promise<ReturnFile> {
    const rnd = new Random(seedOf(`${city.code}:${day}:${version}`));
    const format = RETURN_FORMATS[(seedOf(`${city.code}:${day}`) + version) % RETURN_FORMATS.length]!;
    // Rows: every unit, every indicator of the city; a few values not reported that day.
    const rows: { unit: [number, string]; values: (string | null)[] }[] = city.units.map((unit, u) => {
      const scale = 0.3 + ((seedOf(`${unit[0]}`) % 100) / 100) * (u === city.units.length - 1 ? 0.5 : 1.5);
      return { unit, values: city.indicators.map((i) => (rnd.next() < 0.03 ? null : valueText(rnd, i, scale))) };
    });
    const facts: SentFact[] = [];
    for (const row of rows) {
      row.values.forEach((v, k) => {
        if (v !== null) facts.push({ day, region: row.unit[0], indicator: city.indicators[k]!.id, value: Number(v) });
      });
    }
    const date = isoDay(day);
    const stem = `${city.name}_${date}${version > 0 ? `_更正${version}` : ''}`;
    let bytes: Buffer;
    let name: string;
    switch (format) {
      case 'long-csv':
        name = `${stem}.csv`;
        bytes = this.longCsv(city, date, rows, rnd);
        break;
      case 'wide-csv':
        name = `${stem}_宽表.csv`;
        bytes = this.wideCsv(city, date, rows);
        break;
      case 'wide-xlsx':
        name = `${stem}.xlsx`;
        bytes = await this.wideXlsx(city, day, rows);
        break;
      case 'long-xlsx':
        name = `${stem}_明细.xlsx`;
        bytes = await this.longXlsx(city, date, rows);
        break;
    }
    return { name, bytes, format, facts };
  }

  /** Several days' returns in one long CSV (a city catching up, or a month sent at once). */
  async buildSpan(city: CityPlan, days: number[], version: number): Promise<ReturnFile> {
    const parts = await Promise.all(days.map((d) => this.build(city, d, version)));
    const rnd = new Random(seedOf(`${city.code}:${days.join(',')}:${version}`));
    const lines = ['日期,地区,部门,指标,数值,单位'];
    const unitLabel = new Map(city.units);
    const indicator = new Map(city.indicators.map((i) => [i.id, i]));
    for (const f of parts.flatMap((p) => p.facts)) {
      const i = indicator.get(f.indicator)!;
      lines.push(
        [isoDay(f.day), unitLabel.get(f.region)!, i.department, i.name, csvCell(withSeparators(String(f.value), rnd)), i.unit].join(','),
      );
    }
    const name = `${city.name}_${isoDay(days[0]!)}至${isoDay(days[days.length - 1]!)}${version > 0 ? `_更正${version}` : ''}.csv`;
    return { name, bytes: Buffer.from(lines.join('\n') + '\n', 'utf8'), format: 'long-csv', facts: parts.flatMap((p) => p.facts) };
  }

  private header(i: Indicator): string {
    return `${this.shared.has(i.name) ? `${i.department}/` : ''}${i.name}（${i.unit}）`;
  }

  private longCsv(city: CityPlan, date: string, rows: { unit: [number, string]; values: (string | null)[] }[], rnd: Random): Buffer {
    const lines = ['日期,地区,部门,指标,数值,单位,备注'];
    for (const row of rows) {
      row.values.forEach((v, k) => {
        if (v === null) return;
        const i = city.indicators[k]!;
        lines.push([date, row.unit[1], i.department, i.name, csvCell(withSeparators(v, rnd)), i.unit, ''].join(','));
      });
    }
    // With a byte-order mark, as Excel's "CSV UTF-8" saves it.
    return Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n', 'utf8');
  }

  private wideCsv(city: CityPlan, date: string, rows: { unit: [number, string]; values: (string | null)[] }[]): Buffer {
    const lines = [['日期', '地区', ...city.indicators.map((i) => this.header(i))].map(csvCell).join(',')];
    for (const row of rows) lines.push([date, row.unit[1], ...row.values.map((v) => v ?? '')].map(csvCell).join(','));
    return Buffer.from(lines.join('\n') + '\n', 'utf8');
  }

  private async wideXlsx(city: CityPlan, day: number, rows: { unit: [number, string]; values: (string | null)[] }[]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('填报');
    ws.addRow(['日期', '地区', ...city.indicators.map((i) => this.header(i))]);
    // Excel date cells, as a filled-in template holds them.
    const [y, m, d] = isoDay(day).split('-').map(Number);
    const when = new Date(Date.UTC(y!, m! - 1, d));
    for (const row of rows) ws.addRow([when, row.unit[1], ...row.values.map((v) => (v === null ? null : Number(v)))]);
    ws.getColumn(1).numFmt = 'yyyy-mm-dd';
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  private async longXlsx(city: CityPlan, date: string, rows: { unit: [number, string]; values: (string | null)[] }[]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(`${city.name}报表`);
    ws.addRow(['日期', '地区', '部门', '指标', '数值', '单位']);
    for (const row of rows) {
      row.values.forEach((v, k) => {
        if (v === null) return;
        const i = city.indicators[k]!;
        ws.addRow([date, row.unit[1], i.department, i.name, Number(v), i.unit]);
      });
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}
