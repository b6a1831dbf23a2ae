// One ECharts instance in a div: created once the div has a size, resized with it, disposed on
// unmount. `drawnKey` tells the parent which option (by key) is on screen.
import { useEffect, useLayoutEffect, useRef } from 'react';
import { flushSync } from 'react-dom';
import { getInstanceByDom, init, type EChartsType } from 'echarts/core';
import type { EChartsOption } from 'echarts';
import '../logic/echarts-setup';
import { registerTestChart } from '../data/test-hooks';

export interface ChartClick {
  name: string;
  data: unknown;
  seriesName: string | undefined;
}

interface Props {
  /** Name for tests and the benchmark (window.__campaign.charts[name]). */
  name: string;
  option: EChartsOption | null;
  /** Identifies `option`; reported through onDrawn after setOption. */
  optionKey: string | null;
  onDrawn?: (key: string) => void;
  onClick?: (e: ChartClick) => void;
  /** Right click on a point (记一条督导发现), with where the mouse is; the browser's menu is not shown. */
  onContextMenu?: (e: ChartClick, at: { x: number; y: number }) => void;
  className?: string;
  height?: number | string;
}

/**
 * zrender paints a large chart over several frames (requestAnimationFrame); a frame still due
 * when the chart is disposed reads the disposed painter ("Cannot read properties of null (reading
 * 'layerStack')"), as happens when views are switched quickly. Emptying the chart and repainting
 * at once first gives the painter a new redraw id: the frame still due sees it is stale and stops.
 */
export function disposeChart(c: EChartsType): void {
  if (c.isDisposed()) return;
  c.clear();
  c.getZr().refreshImmediately();
  c.dispose();
}

export function EChart({ name, option, optionKey, onDrawn, onClick, onContextMenu, className, height = '100%' }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const latest = useRef({ option, optionKey, onDrawn, onClick, onContextMenu });
  // eslint-disable-next-line react-hooks/refs -- the newest props for the chart's handlers, bound once
  latest.current = { option, optionKey, onDrawn, onClick, onContextMenu };
  const drawn = useRef<string | null>(null);

  const draw = () => {
    const c = chart.current;
    const { option: opt, optionKey: key, onDrawn: done } = latest.current;
    if (!c || !opt || key === null || drawn.current === key) return;
    c.setOption(opt, { notMerge: true });
    drawn.current = key;
    c.getDom().dataset.optionKey = key;
    done?.(key);
  };

  useEffect(() => {
    const div = el.current!;
    const create = () => {
      if (chart.current || div.clientWidth === 0 || div.clientHeight === 0) return;
      // React may clean up and re-run this effect on the same div (a Suspense boundary hiding and
      // showing it): the instance still on the div is reused, not disposed under ECharts' feet.
      const c = getInstanceByDom(div) ?? init(div, undefined, { renderer: 'canvas' });
      chart.current = c;
      registerTestChart(name, c);
      c.off('click');
      c.on('click', (p) => {
        const click = { name: String(p.name ?? ''), data: p.data, seriesName: p.seriesName };
        // After ECharts has finished with its own event (a microtask runs once its listener has
        // returned): a drill may unmount this chart, and disposing it mid-dispatch makes ECharts
        // paint on a destroyed canvas. Not a timer: that waits behind the next frame. flushSync:
        // a click is a discrete input, drawn at once as React draws its own events, and the
        // effects that start the new queries run now.
        queueMicrotask(() => flushSync(() => latest.current.onClick?.(click)));
      });
      c.off('contextmenu');
      c.on('contextmenu', (p) => {
        if (!latest.current.onContextMenu) return;
        const native = p.event?.event;
        if (native instanceof MouseEvent) native.preventDefault();
        const at = native instanceof MouseEvent ? { x: native.clientX, y: native.clientY } : { x: 0, y: 0 };
        const click = { name: String(p.name ?? ''), data: p.data, seriesName: p.seriesName };
        queueMicrotask(() => flushSync(() => latest.current.onContextMenu?.(click, at)));
      });
      draw();
    };
    const ro = new ResizeObserver(() => {
      if (!chart.current) create();
      else if (!chart.current.isDisposed()) chart.current.resize();
    });
    ro.observe(div);
    create();
    return () => {
      ro.disconnect();
      registerTestChart(name, null);
      const c = chart.current;
      chart.current = null;
      // Passive effects are cleaned up after React removed the div: only then is the chart gone.
      if (c && !div.isConnected) disposeChart(c);
      drawn.current = null;
    };
    // The instance lives as long as the div.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Drawn in the commit, before the browser paints: a passive effect may run only after a frame
  // that still shows the previous chart.
  useLayoutEffect(draw, [option, optionKey]);

  return <div ref={el} className={className ?? 'echart'} data-chart={name} style={{ height, width: '100%' }} />;
}
