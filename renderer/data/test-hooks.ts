// What the end-to-end tests and the UI benchmark reach from outside: chart instances, the state
// version, a promise for "everything redrawn". Only in the test build (CAMPAIGN_TEST_HOOKS=1, see
// vite.config.ts): the shipped renderer has no window.__campaign and keeps no chart registry.
import type { EChartsType } from 'echarts/core';
import { READY_EVENT } from './render-tracker';

interface CampaignHooks {
  charts: Record<string, EChartsType>;
  /** The state version every filter or view change bumps. */
  version(): number;
  readyVersion(): number;
  /** Resolves when the given version (default: the current one) is drawn. */
  whenReady(version?: number): Promise<number>;
  /** Page coordinates of a data item's centre in a chart (bar or map region), for real clicks. */
  pointOf(chart: string, name: string): { x: number; y: number } | null;
}

declare global {
  interface Window {
    __campaign?: CampaignHooks;
  }
}

const charts: Record<string, EChartsType> = {};

// The define is absent under vitest (jsdom tests): not a test build there.
export function registerTestChart(name: string, chart: EChartsType | null): void {
  if (!(typeof __CAMPAIGN_TEST_HOOKS__ !== 'undefined' && __CAMPAIGN_TEST_HOOKS__)) return;
  if (chart) charts[name] = chart;
  else delete charts[name];
}

function readNumber(attr: string | undefined): number {
  return attr === undefined ? -1 : Number(attr);
}

interface GeoRegionLike {
  getCenter?: () => number[];
}

function pointOf(chartName: string, name: string): { x: number; y: number } | null {
  const c = charts[chartName];
  if (!c) return null;
  const rect = c.getDom().getBoundingClientRect();
  const option = c.getOption() as { series?: { type?: string; data?: unknown[] }[] };
  const series = option.series?.[0];
  if (!series) return null;
  if (series.type === 'map') {
    // The region's centre in the map's own coordinates, then to pixels.
    const model = (
      c as unknown as {
        getModel(): { getSeriesByIndex(i: number): { coordinateSystem?: { getRegion?(n: string): GeoRegionLike | undefined } } };
      }
    ).getModel();
    const geo = model.getSeriesByIndex(0).coordinateSystem;
    const center = geo?.getRegion?.(name)?.getCenter?.();
    if (!center) return null;
    const px = c.convertToPixel({ seriesIndex: 0 }, center);
    return { x: rect.left + px[0]!, y: rect.top + px[1]! };
  }
  const names = (series.data ?? []).map((d) => (d && typeof d === 'object' && 'name' in d ? String(d.name) : ''));
  const i = names.indexOf(name);
  if (i < 0) return null;
  const d = series.data![i] as { value?: number };
  const value = typeof d.value === 'number' ? d.value : 0;
  // Horizontal bars: x is the value, y the category.
  const end = c.convertToPixel({ seriesIndex: 0 }, [value, i]);
  const start = c.convertToPixel({ seriesIndex: 0 }, [0, i]);
  return { x: rect.left + (start[0]! + end[0]!) / 2, y: rect.top + end[1]! };
}

export function installTestHooks(): void {
  if (!(typeof __CAMPAIGN_TEST_HOOKS__ !== 'undefined' && __CAMPAIGN_TEST_HOOKS__)) return;
  const root = document.documentElement;
  window.__campaign = {
    charts,
    version: () => readNumber(root.dataset.stateVersion),
    readyVersion: () => readNumber(root.dataset.readyVersion),
    whenReady(version) {
      const want = version ?? readNumber(root.dataset.stateVersion);
      if (readNumber(root.dataset.readyVersion) >= want) return Promise.resolve(readNumber(root.dataset.readyVersion));
      return new Promise((resolve) => {
        const on = (e: Event) => {
          const v = (e as CustomEvent<number>).detail;
          if (v >= want) {
            window.removeEventListener(READY_EVENT, on);
            resolve(v);
          }
        };
        window.addEventListener(READY_EVENT, on);
      });
    },
    pointOf,
  };
}
