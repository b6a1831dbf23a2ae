// Boundary data (示意图, not an approved map) loaded lazily as bundle chunks and registered with
// ECharts under the region code: 140000 for the cities, a city code for its counties.
import { registerMap, getMap } from 'echarts/core';

export interface MapFeatureInfo {
  name: string;
  code: string;
}

interface GeoFeature {
  properties: { name: string; adcode: number | string };
}

interface GeoJson {
  type: string;
  features: GeoFeature[];
}

const loaders = import.meta.glob<{ default: GeoJson }>('../../resources/maps/*.json');

function loaderFor(code: string): (() => Promise<{ default: GeoJson }>) | undefined {
  return Object.entries(loaders).find(([path]) => path.endsWith(`/${code}.json`))?.[1];
}

export function hasMap(code: string): boolean {
  return loaderFor(code) !== undefined;
}

const loaded = new Map<string, Promise<MapFeatureInfo[]>>();

/** Registers the map (once) and lists its regions. */
export function loadMap(code: string): Promise<MapFeatureInfo[]> {
  let p = loaded.get(code);
  if (!p) {
    const load = loaderFor(code);
    if (!load) return Promise.reject(new Error(`没有 ${code} 的边界数据`));
    p = load().then((m) => {
      const geo = m.default;
      if (!getMap(code)) registerMap(code, geo as never);
      return geo.features.map((f) => ({ name: f.properties.name, code: String(f.properties.adcode) }));
    });
    loaded.set(code, p);
    p.catch(() => loaded.delete(code));
  }
  return p;
}

/**
 * Loads maps ahead of need, one per idle moment: a click on a city draws its counties' map with
 * the rest of the charts instead of after fetching and registering the boundaries. Returns a
 * cancel function.
 */
export function prefetchMaps(codes: string[]): () => void {
  const queue = codes.filter((c) => hasMap(c) && !loaded.has(c));
  let handle: number | null = null;
  const next = () => {
    handle = null;
    const code = queue.shift();
    if (code === undefined) return;
    loadMap(code).then(schedule, schedule);
  };
  const schedule = () => {
    if (queue.length > 0 && handle === null) handle = requestIdleCallback(next, { timeout: 5000 });
  };
  schedule();
  return () => {
    queue.length = 0;
    if (handle !== null) cancelIdleCallback(handle);
  };
}
